package period

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Period
	}{
		{"2024Q4", Q(2024, 4)},
		{"2024q1", Q(2024, 1)},
		{"2024-Q4", Q(2024, 4)},
		{"2024 Q4", Q(2024, 4)},
		{"Q4 2024", Q(2024, 4)},
		{"q4 2024", Q(2024, 4)},
		{"Q4-2024", Q(2024, 4)},
		{"FY2024Q4", Q(2024, 4)},
		{"fy2025q2", Q(2025, 2)},
		{"FY2024-Q4", Q(2024, 4)},
		{"FY 2024 Q4", Q(2024, 4)},
		{"Q4 FY2024", Q(2024, 4)},
		{"Q2 fy2026", Q(2026, 2)},
		{"2024H2", H(2024, 2)},
		{"2024-H1", H(2024, 1)},
		{"H2 2024", H(2024, 2)},
		{"FY2024H1", H(2024, 1)},
		{"H1 FY2024", H(2024, 1)},
		{"FY2024", FY(2024)},
		{"fy2024", FY(2024)},
		{"FY 2024", FY(2024)},
		{"2024-12", M(2024, 12)},
		{"2025-01", M(2025, 1)},
		{"  2024Q4  ", Q(2024, 4)},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", `period "": not a period`},
		{"2024", `period "2024": a bare year is ambiguous: write FY2024 for the fiscal year`},
		{"2024Q5", `period "2024Q5": quarter must be 1-4`},
		{"2024Q0", `period "2024Q0": quarter must be 1-4`},
		{"2024H3", `period "2024H3": half must be 1 or 2`},
		{"24Q4", `period "24Q4": the year must have four digits`},
		{"FY24", `period "FY24": the year must have four digits`},
		{"2024-13", `period "2024-13": month must be 01-12`},
		{"2024-00", `period "2024-00": month must be 01-12`},
		{"1899Q4", `period "1899Q4": year 1899 is outside 1900-2199`},
		{"2024Q4x", `period "2024Q4x": not a period`},
		{"2024Q44", `period "2024Q44": quarter must be 1-4`},
		{"Q 4 2024", `period "Q 4 2024": not a period`},
		{"2024/Q4", `period "2024/Q4": not a period`},
		{"FY Q4", `period "FY Q4": FY must be followed by a four-digit year`},
		{"FYQ4", `period "FYQ4": not a period`},
		{"2024Q4 2025Q1", `period "2024Q4 2025Q1": not a period`},
		{"Q4 2024 extra", `period "Q4 2024 extra": not a period`},
		{"2024Q４", `period "2024Q４": not a period`},
		{"0123456789012345678901234567890123456789abc", `period "012345678901234567890123456789012345678…": too long to be a period`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want error %q", tt.in, tt.msg)
			continue
		}
		if err.Error() != tt.msg {
			t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, tt.msg)
		}
		if !errors.Is(err, ErrNotPeriod) {
			t.Errorf("Parse(%q) error does not wrap ErrNotPeriod", tt.in)
		}
	}
}

func TestSeq(t *testing.T) {
	p := Q(2025, 1)
	if got := FromSeq(p.Seq() - 1); got != Q(2024, 4) {
		t.Errorf("quarter before 2025Q1 = %v", got)
	}
	if got := FromSeq(p.Seq() - 4); got != Q(2024, 1) {
		t.Errorf("quarter a year before 2025Q1 = %v", got)
	}
	first, last, ok := FY(2024).Quarters()
	if !ok || FromSeq(first) != Q(2024, 1) || FromSeq(last) != Q(2024, 4) {
		t.Errorf("FY2024 quarters = %v..%v", FromSeq(first), FromSeq(last))
	}
	first, last, ok = H(2024, 2).Quarters()
	if !ok || FromSeq(first) != Q(2024, 3) || FromSeq(last) != Q(2024, 4) {
		t.Errorf("2024H2 quarters = %v..%v", FromSeq(first), FromSeq(last))
	}
	if _, _, ok := M(2024, 1).Quarters(); ok {
		t.Error("a month reported fiscal quarters")
	}
}

func TestCalendarDates(t *testing.T) {
	msft := mustCalendar(t, "06-30")
	retail := mustCalendar(t, "01-31")
	odd := mustCalendar(t, "09-28")
	tests := []struct {
		cal        Calendar
		p          Period
		start, end string
		label      string
	}{
		{CalendarYear, Q(2024, 4), "2024-10-01", "2024-12-31", "2024Q4"},
		{CalendarYear, Q(2024, 1), "2024-01-01", "2024-03-31", "2024Q1"},
		{CalendarYear, H(2024, 2), "2024-07-01", "2024-12-31", "2024H2"},
		{CalendarYear, FY(2024), "2024-01-01", "2024-12-31", "FY2024"},
		{CalendarYear, M(2024, 2), "2024-02-01", "2024-02-29", "2024-02"},
		{msft, FY(2025), "2024-07-01", "2025-06-30", "FY2025"},
		{msft, Q(2025, 1), "2024-07-01", "2024-09-30", "FY2025Q1"},
		{msft, Q(2025, 2), "2024-10-01", "2024-12-31", "FY2025Q2"},
		{msft, Q(2026, 2), "2025-10-01", "2025-12-31", "FY2026Q2"},
		{msft, Q(2025, 4), "2025-04-01", "2025-06-30", "FY2025Q4"},
		{msft, H(2025, 1), "2024-07-01", "2024-12-31", "FY2025H1"},
		{msft, M(2024, 12), "2024-12-01", "2024-12-31", "2024-12"},
		{retail, FY(2025), "2024-02-01", "2025-01-31", "FY2025"},
		{retail, Q(2025, 1), "2024-02-01", "2024-04-30", "FY2025Q1"},
		{retail, Q(2025, 4), "2024-11-01", "2025-01-31", "FY2025Q4"},
		{odd, Q(2024, 1), "2023-09-29", "2023-12-28", "FY2024Q1"},
		{odd, Q(2024, 2), "2023-12-29", "2024-03-28", "FY2024Q2"},
		{odd, FY(2024), "2023-09-29", "2024-09-28", "FY2024"},
	}
	for _, tt := range tests {
		if got := ISO(tt.cal.Start(tt.p)); got != tt.start {
			t.Errorf("%v %v start = %s, want %s", tt.cal, tt.p, got, tt.start)
		}
		if got := ISO(tt.cal.End(tt.p)); got != tt.end {
			t.Errorf("%v %v end = %s, want %s", tt.cal, tt.p, got, tt.end)
		}
		if got := tt.cal.Label(tt.p); got != tt.label {
			t.Errorf("%v label of %v = %s, want %s", tt.cal, tt.p, got, tt.label)
		}
	}
}

func TestFebruaryYearEnd(t *testing.T) {
	c := mustCalendar(t, "02-28")
	// A February month end follows leap years.
	if got := ISO(c.End(FY(2024))); got != "2024-02-29" {
		t.Errorf("FY2024 ends %s, want 2024-02-29", got)
	}
	if got := ISO(c.Start(FY(2025))); got != "2024-03-01" {
		t.Errorf("FY2025 starts %s, want 2024-03-01", got)
	}
	if got := ISO(c.End(Q(2025, 3))); got != "2024-11-30" {
		t.Errorf("FY2025Q3 ends %s, want 2024-11-30", got)
	}
}

func TestSpanLabel(t *testing.T) {
	msft := mustCalendar(t, "06-30")
	seq := func(p Period) int { return p.Seq() }
	tests := []struct {
		cal         Calendar
		first, last Period
		want        string
	}{
		{CalendarYear, Q(2025, 1), Q(2025, 4), "FY2025"},
		{CalendarYear, Q(2025, 2), Q(2026, 1), "2025Q2..2026Q1"},
		{CalendarYear, Q(2025, 3), Q(2025, 4), "2025H2"},
		{CalendarYear, Q(2025, 2), Q(2025, 3), "2025Q2..2025Q3"},
		{CalendarYear, Q(2025, 2), Q(2025, 2), "2025Q2"},
		{msft, Q(2026, 3), Q(2027, 2), "FY2026Q3..FY2027Q2"},
		{msft, Q(2027, 1), Q(2027, 4), "FY2027"},
		{msft, Q(2027, 1), Q(2027, 2), "FY2027H1"},
	}
	for _, tt := range tests {
		if got := tt.cal.SpanLabel(seq(tt.first), seq(tt.last)); got != tt.want {
			t.Errorf("SpanLabel(%v, %v) = %s, want %s", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestParseFiscalYearEnd(t *testing.T) {
	for in, want := range map[string]string{"12-31": "12-31", "06-30": "06-30", "6-30": "06-30", "06/30": "06-30", "02-28": "02-28"} {
		c, err := ParseFiscalYearEnd(in)
		if err != nil {
			t.Errorf("ParseFiscalYearEnd(%q): %v", in, err)
			continue
		}
		if c.String() != want {
			t.Errorf("ParseFiscalYearEnd(%q) = %s, want %s", in, c, want)
		}
	}
	if c, _ := ParseFiscalYearEnd("12-31"); !c.IsCalendarYear() {
		t.Error("12-31 is not the calendar year")
	}
	for _, in := range []string{"", "1231", "13-01", "02-30", "02-29", "06-31", "ab-cd", "006-30", "last-saturday"} {
		if _, err := ParseFiscalYearEnd(in); err == nil {
			t.Errorf("ParseFiscalYearEnd(%q) succeeded", in)
		}
	}
}

func mustCalendar(t *testing.T, s string) Calendar {
	t.Helper()
	c, err := ParseFiscalYearEnd(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2024Q4", "Q4 FY2024", "2024H2", "FY2024", "2024-12", "FY2025-Q1", "2024", "Q42024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		// The canonical form parses back to the same period.
		q, err := Parse(p.String())
		if err != nil || q != p {
			t.Fatalf("Parse(%q) = %v, but its String %q parses to %v, %v", s, p, p.String(), q, err)
		}
		// Every period has a start on or before its end.
		apple, _ := ParseFiscalYearEnd("last-saturday-of-september")
		for _, c := range []Calendar{CalendarYear, NewCalendar(6, 30), NewCalendar(9, 28), apple} {
			if c.End(p).Before(c.Start(p)) {
				t.Fatalf("%v under %v ends before it starts", p, c)
			}
			if l, err := Parse(c.Label(p)); err != nil || l != p {
				t.Fatalf("label %q of %v does not parse back: %v, %v", c.Label(p), p, l, err)
			}
		}
	})
}

func TestWeekCalendars(t *testing.T) {
	apple := mustCalendar(t, "last-saturday-of-september")
	nvda := mustCalendar(t, "Last-Sunday-of-January")
	near := mustCalendar(t, "nearest-saturday-to-09-30")
	apple1 := mustCalendar(t, "last-saturday-of-september-53rd-week-in-q1")
	tests := []struct {
		cal        Calendar
		p          Period
		start, end string
		days       int
	}{
		// Apple FY2024, 52 weeks: four quarters of 13 weeks.
		{apple, Q(2024, 1), "2023-10-01", "2023-12-30", 91},
		{apple, Q(2024, 2), "2023-12-31", "2024-03-30", 91},
		{apple, Q(2024, 3), "2024-03-31", "2024-06-29", 91},
		{apple, Q(2024, 4), "2024-06-30", "2024-09-28", 91},
		{apple, FY(2024), "2023-10-01", "2024-09-28", 364},
		// Apple FY2023, 53 weeks: the fourth quarter has 14.
		{apple, FY(2023), "2022-09-25", "2023-09-30", 371},
		{apple, Q(2023, 3), "2023-03-26", "2023-06-24", 91},
		{apple, Q(2023, 4), "2023-06-25", "2023-09-30", 98},
		// As Apple files it, FY2023's extra week is in the first quarter,
		// which ends on 31 December 2022; the others follow 13 weeks each.
		{apple1, Q(2023, 1), "2022-09-25", "2022-12-31", 98},
		{apple1, Q(2023, 2), "2023-01-01", "2023-04-01", 91},
		{apple1, Q(2023, 3), "2023-04-02", "2023-07-01", 91},
		{apple1, Q(2023, 4), "2023-07-02", "2023-09-30", 91},
		{apple1, FY(2023), "2022-09-25", "2023-09-30", 371},
		// In a 52-week year the suffix changes nothing.
		{apple1, Q(2024, 1), "2023-10-01", "2023-12-30", 91},
		{apple1, Q(2024, 4), "2024-06-30", "2024-09-28", 91},
		// NVIDIA's year ends on the last Sunday of January, named by that year.
		{nvda, FY(2025), "2024-01-29", "2025-01-26", 364},
		{nvda, Q(2025, 1), "2024-01-29", "2024-04-28", 91},
		// The Saturday nearest 30 September may fall in October.
		{near, FY(2024), "2023-10-01", "2024-09-28", 364},
		{near, FY(2023), "2022-10-02", "2023-09-30", 364},
		{near, FY(2022), "2021-10-03", "2022-10-01", 364},
		{near, FY(2021), "2020-10-04", "2021-10-02", 364},
		{near, FY(2026), "2025-09-28", "2026-10-03", 371},
	}
	for _, tt := range tests {
		first, last, _ := tt.p.Quarters()
		if got := ISO(tt.cal.Start(tt.p)); got != tt.start {
			t.Errorf("%v %v start = %s, want %s", tt.cal, tt.p, got, tt.start)
		}
		if got := ISO(tt.cal.End(tt.p)); got != tt.end {
			t.Errorf("%v %v end = %s, want %s", tt.cal, tt.p, got, tt.end)
		}
		if got := tt.cal.Days(first, last); got != tt.days {
			t.Errorf("%v %v has %d days, want %d", tt.cal, tt.p, got, tt.days)
		}
		if got := tt.cal.Label(tt.p); !strings.HasPrefix(got, "FY") {
			t.Errorf("%v label %s has no FY", tt.cal, got)
		}
	}
	for in, want := range map[string]string{
		"last-saturday-of-september":                 "last-saturday-of-september",
		"NEAREST-Saturday-TO-9-30":                   "nearest-saturday-to-09-30",
		"last-saturday-of-september-53rd-week-in-q1": "last-saturday-of-september-53rd-week-in-q1",
		"last-saturday-of-september-53rd-week-in-q4": "last-saturday-of-september",
		"nearest-sunday-to-01-31-53rd-week-in-Q2":    "nearest-sunday-to-01-31-53rd-week-in-q2",
	} {
		c, err := ParseFiscalYearEnd(in)
		if err != nil || c.String() != want {
			t.Errorf("ParseFiscalYearEnd(%q) = %v, %v", in, c, err)
		}
		if c2, err := ParseFiscalYearEnd(c.String()); err != nil || c2 != c {
			t.Errorf("%s does not parse back: %v", c, err)
		}
	}
	for _, in := range []string{"last-saturday-of-smarch", "last-funday-of-june", "nearest-saturday-to-13-01", "last-saturday", "first-monday-of-june", "last-saturday-of-september-53rd-week-in-q5", "last-saturday-of-september-53rd-week-in-q"} {
		if _, err := ParseFiscalYearEnd(in); err == nil {
			t.Errorf("ParseFiscalYearEnd(%q) succeeded", in)
		}
	}
}

func TestCalendarize(t *testing.T) {
	msft := mustCalendar(t, "06-30")
	apple := mustCalendar(t, "last-saturday-of-september")
	nvda := mustCalendar(t, "last-sunday-of-january")
	tests := []struct {
		cal  Calendar
		p    Period
		want string
	}{
		{CalendarYear, Q(2024, 4), "CY2024Q4 92/92"},
		{msft, Q(2025, 2), "CY2024Q4 92/92"},
		{msft, Q(2025, 1), "CY2024Q3 92/92"},
		{apple, Q(2025, 1), "CY2024Q4 89/91"}, // 2024-09-29..2024-12-28
		{apple, Q(2024, 4), "CY2024Q3 90/91"}, // 2024-06-30..2024-09-28
		{apple, Q(2023, 4), "CY2023Q3 92/98"}, // the 14-week quarter, 2023-06-25..2023-09-30
		{nvda, Q(2025, 4), "CY2024Q4 65/91"},  // 2024-10-28..2025-01-26
		{nvda, Q(2025, 1), "CY2024Q1 63/91"},  // 2024-01-29..2024-04-28
	}
	for _, tt := range tests {
		z := tt.cal.Calendarize(tt.p.Seq())
		if got := z.Label() + " " + z.Ratio(); got != tt.want {
			t.Errorf("%v %v → %s, want %s", tt.cal, tt.p, got, tt.want)
		}
	}
}

func TestCalendarizeSpan(t *testing.T) {
	msft := mustCalendar(t, "06-30")
	apple := mustCalendar(t, "last-saturday-of-september")
	tests := []struct {
		cal         Calendar
		first, last Period
		want        string
	}{
		{CalendarYear, Q(2024, 1), Q(2024, 4), "CY2024 366/366"},
		{msft, Q(2025, 1), Q(2025, 4), "CY2024Q3..CY2025Q2 365/365"},
		{msft, Q(2025, 2), Q(2025, 2), "CY2024Q4 92/92"},
		// Apple FY2024 is 2023-10-01..2024-09-28: CY2023Q4..CY2024Q3 has
		// all 364 of its days.
		{apple, Q(2024, 1), Q(2024, 4), "CY2023Q4..CY2024Q3 364/364"},
		// FY2023 (53 weeks) starts 2022-09-25: six days fall in CY2022Q3.
		{apple, Q(2023, 1), Q(2023, 4), "CY2022Q4..CY2023Q3 365/371"},
		{apple, Q(2024, 1), Q(2024, 2), "CY2023Q4..CY2024Q1 182/182"},
	}
	for _, tt := range tests {
		z := tt.cal.CalendarizeSpan(tt.first.Seq(), tt.last.Seq())
		if got := z.Label() + " " + z.Ratio(); got != tt.want {
			t.Errorf("%v %v..%v → %s, want %s", tt.cal, tt.first, tt.last, got, tt.want)
		}
	}
}

func TestQuarterOf(t *testing.T) {
	cals := []Calendar{CalendarYear, mustCalendar(t, "06-30"), mustCalendar(t, "01-31"), mustCalendar(t, "09-15"),
		mustCalendar(t, "last-saturday-of-september"), mustCalendar(t, "last-sunday-of-january"), mustCalendar(t, "nearest-saturday-to-09-30"),
		mustCalendar(t, "last-saturday-of-september-53rd-week-in-q1"), mustCalendar(t, "nearest-sunday-to-01-31-53rd-week-in-q3")}
	for _, cal := range cals {
		// Every day from 2019 to 2026 lies in exactly the quarter QuarterOf
		// names, and consecutive quarters meet.
		for d := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2027; d = d.AddDate(0, 0, 1) {
			seq := cal.QuarterOf(d)
			if cal.SpanStart(seq).After(d) || cal.SpanEnd(seq).Before(d) {
				t.Fatalf("%v: QuarterOf(%s) = %s (%s..%s)", cal, ISO(d), cal.Label(FromSeq(seq)), ISO(cal.SpanStart(seq)), ISO(cal.SpanEnd(seq)))
			}
			if !cal.SpanStart(seq + 1).Equal(cal.SpanEnd(seq).AddDate(0, 0, 1)) {
				t.Fatalf("%v: %s does not follow %s", cal, cal.Label(FromSeq(seq+1)), cal.Label(FromSeq(seq)))
			}
		}
	}
	apple := mustCalendar(t, "last-saturday-of-september")
	if got := apple.Label(FromSeq(apple.QuarterOf(time.Date(2023, 12, 30, 0, 0, 0, 0, time.UTC)))); got != "FY2024Q1" {
		t.Errorf("Apple 2023-12-30 is in %s, want FY2024Q1", got)
	}
	if got := apple.Label(FromSeq(apple.QuarterOf(time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)))); got != "FY2024Q2" {
		t.Errorf("Apple 2023-12-31 is in %s, want FY2024Q2", got)
	}
}
