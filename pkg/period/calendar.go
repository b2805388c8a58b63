package period

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/capexdev/capex/pkg/internal/excerpt"
)

// Calendar is a company's fiscal calendar: when every fiscal year ends.
//
// A month-and-day calendar ("06-30") ends each year on that date. When the
// day is the last of its month (06-30, 12-31, 02-28), every fiscal quarter
// ends on a month end too; otherwise quarters end on the same day of the
// month, clamped to the month's length.
//
// A 52/53-week calendar ends each year on a weekday: the last Saturday of
// September ("last-saturday-of-september", Apple), or the Saturday nearest
// a date ("nearest-saturday-to-09-30"). Its quarters are 13 weeks; a year
// of 53 weeks puts the 14th in the fourth quarter, or in the quarter a
// suffix names: "last-saturday-of-september-53rd-week-in-q1" is Apple's
// calendar as its filings show it (FY2023's first quarter was 14 weeks).
//
// The zero Calendar is the calendar year (12-31).
type Calendar struct {
	rule    rule
	month   time.Month // 0 means December
	day     int        // 0 means 31
	weekday time.Weekday
	week53  int8 // the quarter (1-3) that a 53-week year lengthens; 0 means the fourth
}

// rule says how a calendar's years end.
type rule uint8

const (
	monthDay       rule = iota // on a month and day
	lastWeekday                // on the last weekday of a month
	nearestWeekday             // on the weekday nearest a month and day
)

// CalendarYear is the calendar whose fiscal year is the calendar year.
var CalendarYear = Calendar{}

// FiscalYearEndHint says how a fiscal year end is written.
const FiscalYearEndHint = `write the fiscal year end as MM-DD ("12-31", "06-30"), or for a 52/53-week year as "last-saturday-of-september" or "nearest-saturday-to-09-30" (add "-53rd-week-in-q1" when the extra week of a 53-week year is in the first quarter)`

// week53Suffix names the quarter a 53-week year lengthens, when not the
// fourth.
const week53Suffix = "-53rd-week-in-q"

// ParseFiscalYearEnd reads a fiscal year end: MM-DD (also M-D and MM/DD),
// last-WEEKDAY-of-MONTH, or nearest-WEEKDAY-to-MM-DD, case-insensitively.
func ParseFiscalYearEnd(s string) (Calendar, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(t, "last-") || strings.HasPrefix(t, "nearest-") {
		return parseWeekRule(s, t)
	}
	mm, dd, ok := strings.Cut(t, "-")
	if !ok {
		mm, dd, ok = strings.Cut(t, "/")
	}
	m, err1 := strconv.Atoi(mm)
	d, err2 := strconv.Atoi(dd)
	if !ok || err1 != nil || err2 != nil || len(mm) > 2 || len(dd) > 2 {
		return Calendar{}, fmt.Errorf("fiscal year end %q: not MM-DD", excerpt.Of(s))
	}
	if m < 1 || m > 12 {
		return Calendar{}, fmt.Errorf("fiscal year end %q: month must be 01-12", excerpt.Of(s))
	}
	// 2001 is not a leap year: 02-29 is refused, 02-28 means "end of February".
	if d < 1 || d > daysIn(2001, time.Month(m)) {
		return Calendar{}, fmt.Errorf("fiscal year end %q: %s has no day %d", excerpt.Of(s), time.Month(m), d)
	}
	return NewCalendar(time.Month(m), d), nil
}

// NewCalendar is the calendar whose fiscal years end on month/day.
func NewCalendar(month time.Month, day int) Calendar {
	if month == time.December && day == 31 {
		return CalendarYear
	}
	return Calendar{month: month, day: day}
}

// parseWeekRule reads last-WEEKDAY-of-MONTH or nearest-WEEKDAY-to-MM-DD,
// with an optional -53rd-week-in-qN.
func parseWeekRule(s, t string) (Calendar, error) {
	bad := func(why string) (Calendar, error) {
		return Calendar{}, fmt.Errorf("fiscal year end %q: %s", excerpt.Of(s), why)
	}
	var week53 int8
	if i := strings.Index(t, week53Suffix); i >= 0 {
		q := t[i+len(week53Suffix):]
		if len(q) != 1 || q[0] < '1' || q[0] > '4' {
			return bad("the 53rd week goes in q1, q2, q3 or q4")
		}
		week53 = int8(q[0]-'0') % 4
		t = t[:i]
	}
	c, err := parseWeekDay(t, bad)
	c.week53 = week53
	return c, err
}

// parseWeekDay reads last-WEEKDAY-of-MONTH or nearest-WEEKDAY-to-MM-DD.
func parseWeekDay(t string, bad func(string) (Calendar, error)) (Calendar, error) {
	parts := strings.Split(t, "-")
	if len(parts) < 4 {
		return bad("not a rule such as last-saturday-of-september or nearest-saturday-to-09-30")
	}
	wd, ok := weekdays[parts[1]]
	if !ok {
		return bad(fmt.Sprintf("%q is not a weekday", parts[1]))
	}
	switch {
	case parts[0] == "last" && parts[2] == "of" && len(parts) == 4:
		m, ok := months[parts[3]]
		if !ok {
			return bad(fmt.Sprintf("%q is not a month", parts[3]))
		}
		return Calendar{rule: lastWeekday, month: m, weekday: wd}, nil
	case parts[0] == "nearest" && parts[2] == "to" && len(parts) == 5:
		md, err := ParseFiscalYearEnd(parts[3] + "-" + parts[4])
		if err != nil || md.rule != monthDay {
			return bad("the date must be MM-DD")
		}
		return Calendar{rule: nearestWeekday, month: md.endMonth(), day: md.endDay(), weekday: wd}, nil
	}
	return bad("not a rule such as last-saturday-of-september or nearest-saturday-to-09-30")
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var months = func() map[string]time.Month {
	m := map[string]time.Month{}
	for i := time.January; i <= time.December; i++ {
		m[strings.ToLower(i.String())] = i
	}
	return m
}()

// Weeks reports whether years end on a weekday (52/53-week years).
func (c Calendar) Weeks() bool { return c.rule != monthDay }

// yearEnd is the last day of fiscal year fy.
func (c Calendar) yearEnd(fy int) time.Time {
	switch c.rule {
	case lastWeekday:
		d := time.Date(fy, c.endMonth()+1, 0, 0, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -((int(d.Weekday()) - int(c.weekday) + 7) % 7))
	case nearestWeekday:
		d := time.Date(fy, c.endMonth(), c.endDay(), 0, 0, 0, 0, time.UTC)
		back := (int(d.Weekday()) - int(c.weekday) + 7) % 7 // days back to the weekday
		if back <= 3 {
			return d.AddDate(0, 0, -back)
		}
		return d.AddDate(0, 0, 7-back)
	}
	return c.quarterEnd(Q(fy, 4).Seq())
}

func (c Calendar) endMonth() time.Month {
	if c.month == 0 {
		return time.December
	}
	return c.month
}

func (c Calendar) endDay() int {
	if c.day == 0 {
		return 31
	}
	return c.day
}

// IsCalendarYear reports whether fiscal years are calendar years.
func (c Calendar) IsCalendarYear() bool { return c == CalendarYear }

// String is the fiscal year end as written: MM-DD, or the 52/53-week rule.
func (c Calendar) String() string {
	wd := strings.ToLower(c.weekday.String())
	switch c.rule {
	case lastWeekday:
		return "last-" + wd + "-of-" + strings.ToLower(c.endMonth().String()) + c.week53String()
	case nearestWeekday:
		return fmt.Sprintf("nearest-%s-to-%02d-%02d", wd, int(c.endMonth()), c.endDay()) + c.week53String()
	}
	return fmt.Sprintf("%02d-%02d", int(c.endMonth()), c.endDay())
}

func (c Calendar) week53String() string {
	if c.week53 == 0 {
		return ""
	}
	return week53Suffix + strconv.Itoa(int(c.week53))
}

// WithWeek53 is c with the extra week of a 53-week year in quarter q
// (1-4); c itself when c is not a 52/53-week calendar.
func (c Calendar) WithWeek53(q int) Calendar {
	if c.rule != monthDay && q >= 1 && q <= 4 {
		c.week53 = int8(q % 4)
	}
	return c
}

// monthEnd reports whether fiscal periods end on the last day of a month.
func (c Calendar) monthEnd() bool {
	return c.endDay() >= daysIn(2001, c.endMonth())
}

// quarterEnd is the last day of the quarter numbered seq.
func (c Calendar) quarterEnd(seq int) time.Time {
	fy, q := seq/4, seq%4+1
	if c.rule != monthDay {
		// 13 weeks a quarter from the day after the previous year's end;
		// the fourth quarter runs to the year's end. A 53-week year's
		// extra week lengthens the fourth quarter, or the one week53
		// names, and moves the ends of the quarters after it.
		if q == 4 {
			return c.yearEnd(fy)
		}
		prev := c.yearEnd(fy - 1)
		days := 91 * q
		if c.week53 != 0 && q >= int(c.week53) && dayCount(prev, c.yearEnd(fy)) == 372 {
			days += 7
		}
		return prev.AddDate(0, 0, days)
	}
	// Months since year 0 of the fiscal year's last month, stepped back
	// three months per quarter before the fourth.
	ym := fy*12 + int(c.endMonth()) - 1 - (4-q)*3
	y, m := ym/12, time.Month(ym%12+1)
	d := c.endDay()
	if c.monthEnd() || d > daysIn(y, m) {
		d = daysIn(y, m)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// QuarterOf is the fiscal quarter (sequence number) that holds day t.
func (c Calendar) QuarterOf(t time.Time) int {
	seq := Q(t.Year(), 1).Seq()
	for c.SpanStart(seq).After(t) {
		seq--
	}
	for c.SpanEnd(seq).Before(t) {
		seq++
	}
	return seq
}

// Start is the first day of p.
func (c Calendar) Start(p Period) time.Time {
	if p.Kind == Month {
		return time.Date(int(p.Year), time.Month(p.N), 1, 0, 0, 0, 0, time.UTC)
	}
	first, _, _ := p.Quarters()
	return c.SpanStart(first)
}

// End is the last day of p.
func (c Calendar) End(p Period) time.Time {
	if p.Kind == Month {
		return time.Date(int(p.Year), time.Month(p.N), daysIn(int(p.Year), time.Month(p.N)), 0, 0, 0, 0, time.UTC)
	}
	_, last, _ := p.Quarters()
	return c.SpanEnd(last)
}

// Label is p as output should show it: for a company whose fiscal year is
// not the calendar year, quarters and halves carry an FY prefix
// (FY2025Q2), so they are not read as calendar quarters.
func (c Calendar) Label(p Period) string {
	if !c.IsCalendarYear() && (p.Kind == Quarter || p.Kind == Half) {
		return "FY" + p.String()
	}
	return p.String()
}

// SpanLabel names the run of quarters first..last (sequence numbers): a
// whole fiscal year is FY2025, a single quarter is itself, anything else
// is "2025Q2..2026Q1".
func (c Calendar) SpanLabel(first, last int) string {
	if first == last {
		return c.Label(FromSeq(first))
	}
	if last-first == 3 && first%4 == 0 {
		return FY(first / 4).String()
	}
	if last-first == 1 && first%2 == 0 {
		return c.Label(H(first/4, first%4/2+1))
	}
	return c.Label(FromSeq(first)) + ".." + c.Label(FromSeq(last))
}

// SpanStart and SpanEnd are the first and last days of quarters first..last.
func (c Calendar) SpanStart(first int) time.Time { return c.quarterEnd(first-1).AddDate(0, 0, 1) }

// SpanEnd is the last day of the quarter numbered last.
func (c Calendar) SpanEnd(last int) time.Time { return c.quarterEnd(last) }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Days is the number of days quarters first..last cover.
func (c Calendar) Days(first, last int) int {
	return dayCount(c.SpanStart(first), c.SpanEnd(last))
}

// ISO formats a date as YYYY-MM-DD.
func ISO(t time.Time) string { return t.Format(time.DateOnly) }

// Calendarized is where a fiscal quarter, or a run of them, falls in
// calendar quarters.
type Calendarized struct {
	Quarter Period // the calendar quarter holding most of the first fiscal quarter's days
	Last    Period // the same for the last fiscal quarter (Quarter, for one quarter)
	Overlap int    // days of the fiscal quarters inside calendar quarters Quarter..Last
	Days    int    // days of the fiscal quarters
}

// Label is the calendar quarters as CY2024Q4, a whole calendar year as
// CY2024, and any other run as CY2024Q2..CY2025Q1.
func (z Calendarized) Label() string {
	switch {
	case z.Quarter == z.Last:
		return "CY" + z.Quarter.String()
	case z.Quarter.N == 1 && z.Last.Seq() == z.Quarter.Seq()+3:
		return "CY" + strconv.Itoa(int(z.Quarter.Year))
	}
	return "CY" + z.Quarter.String() + "..CY" + z.Last.String()
}

// Ratio is the overlap written as days in the calendar quarters / days in
// the fiscal quarters: "92/92", "61/91".
func (z Calendarized) Ratio() string { return strconv.Itoa(z.Overlap) + "/" + strconv.Itoa(z.Days) }

// Calendarize maps fiscal quarter seq to the calendar quarter that holds
// most of its days; on a tie, the one its last day is in.
func (c Calendar) Calendarize(seq int) Calendarized {
	start, end := c.SpanStart(seq), c.SpanEnd(seq)
	z := Calendarized{Days: dayCount(start, end)}
	for _, p := range CalendarQuarters(start, end) {
		o := Overlap(start, end, CalendarYear.Start(p), CalendarYear.End(p))
		if o > z.Overlap || o == z.Overlap && !end.Before(CalendarYear.Start(p)) {
			z.Quarter, z.Overlap = p, o
		}
	}
	z.Last = z.Quarter
	return z
}

// CalendarizeSpan maps fiscal quarters first..last to the calendar
// quarters from the one first maps to through the one last maps to, with
// the days they share.
func (c Calendar) CalendarizeSpan(first, last int) Calendarized {
	if first == last {
		return c.Calendarize(first)
	}
	z := Calendarized{Quarter: c.Calendarize(first).Quarter, Last: c.Calendarize(last).Quarter, Days: c.Days(first, last)}
	z.Overlap = Overlap(c.SpanStart(first), c.SpanEnd(last), CalendarYear.Start(z.Quarter), CalendarYear.End(z.Last))
	return z
}

// CalendarQuarters lists the calendar quarters that days start..end touch.
func CalendarQuarters(start, end time.Time) []Period {
	var out []Period
	for p := Q(start.Year(), (int(start.Month())-1)/3+1); !CalendarYear.Start(p).After(end); p = FromSeq(p.Seq() + 1) {
		out = append(out, p)
	}
	return out
}

// Overlap is how many days the ranges a1..a2 and b1..b2 (inclusive) share.
func Overlap(a1, a2, b1, b2 time.Time) int {
	lo, hi := a1, a2
	if b1.After(lo) {
		lo = b1
	}
	if b2.Before(hi) {
		hi = b2
	}
	if hi.Before(lo) {
		return 0
	}
	return dayCount(lo, hi)
}

// dayCount is the number of days from a to b inclusive, both at midnight
// UTC, counted in whole days.
func dayCount(a, b time.Time) int { return int(b.Sub(a)/(24*time.Hour)) + 1 }
