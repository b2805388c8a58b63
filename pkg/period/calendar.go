package period

import (
	"github.com/capexdev/capex/pkg/internal/excerpt"

	"fmt"
	"strconv"
	"strings"
	"time"
)

// Calendar is a company's fiscal calendar: the month and day on which every
// fiscal year ends. When that day is the last day of its month (06-30,
// 12-31, 02-28), every fiscal quarter ends on a month end too; otherwise
// quarters end on the same day of the month, clamped to the month's length.
//
// The zero Calendar is the calendar year (12-31).
type Calendar struct {
	month time.Month // 0 means December
	day   int        // 0 means 31
}

// CalendarYear is the calendar whose fiscal year is the calendar year.
var CalendarYear = Calendar{}

// FiscalYearEndHint says how a fiscal year end is written.
const FiscalYearEndHint = `write the fiscal year end as MM-DD, e.g. "12-31" or "06-30"`

// ParseFiscalYearEnd reads a fiscal year end written MM-DD (also M-D and
// MM/DD).
func ParseFiscalYearEnd(s string) (Calendar, error) {
	t := strings.TrimSpace(s)
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

// String is the fiscal year end as MM-DD.
func (c Calendar) String() string {
	return fmt.Sprintf("%02d-%02d", int(c.endMonth()), c.endDay())
}

// monthEnd reports whether fiscal periods end on the last day of a month.
func (c Calendar) monthEnd() bool {
	return c.endDay() >= daysIn(2001, c.endMonth())
}

// quarterEnd is the last day of the quarter numbered seq.
func (c Calendar) quarterEnd(seq int) time.Time {
	fy, q := seq/4, seq%4+1
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

// ISO formats a date as YYYY-MM-DD.
func ISO(t time.Time) string { return t.Format(time.DateOnly) }
