package view

import (
	"fmt"
	"strings"
	"time"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// maxEndGap is how far apart, in days, the periods that a table or total
// puts side by side may end before capex warns that they are not the
// same stretch of time.
const maxEndGap = 45

// calendarPeriod is one company's period in a table or total: what it is
// called and when it runs.
type calendarPeriod struct {
	ticker, label string
	cal           period.Calendar
	start, end    time.Time
}

// mixedCalendars warns when periods set side by side belong to fiscal
// calendars whose years end more than maxEndGap days apart around the
// year, or themselves end further apart than that. It names each distinct
// period once, with its companies, dates and fiscal year end, and says
// how far apart the periods end.
func mixedCalendars(what string, ps []calendarPeriod, hint string) []series.Problem {
	type group struct {
		calendarPeriod
		tickers []string
	}
	var gs []*group
	mixed := false
	lo, hi := ps[0].end, ps[0].end
	for _, p := range ps {
		if p.end.Before(lo) {
			lo = p.end
		}
		if p.end.After(hi) {
			hi = p.end
		}
		var in *group
		for _, g := range gs {
			if g.cal == p.cal && g.label == p.label && g.start.Equal(p.start) && g.end.Equal(p.end) {
				in = g
				break
			}
			if dayGap(g.cal, p.cal) > maxEndGap {
				mixed = true
			}
		}
		if in == nil {
			in = &group{calendarPeriod: p}
			gs = append(gs, in)
		}
		if len(in.tickers) < 3 {
			in.tickers = append(in.tickers, p.ticker)
		} else if len(in.tickers) == 3 {
			in.tickers = append(in.tickers, "…")
		}
	}
	gap := int(hi.Sub(lo) / (24 * time.Hour))
	if !mixed && gap <= maxEndGap {
		return nil
	}
	var parts []string
	for _, g := range gs {
		parts = append(parts, fmt.Sprintf("%s %s (%s..%s, fiscal year ends %s)", strings.Join(g.tickers, ", "), g.label,
			period.ISO(g.start), period.ISO(g.end), g.cal))
	}
	msg := fmt.Sprintf("%s mixes fiscal calendars: %s; ", what, strings.Join(parts, ", "))
	switch {
	case gap == 0:
		msg += "the periods end on the same day"
	case gap <= maxEndGap:
		msg += fmt.Sprintf("the periods end within %d days of each other", gap)
	default:
		msg += fmt.Sprintf("the periods end up to %d days apart", gap)
	}
	p := series.Problem{Warning: true, Msg: msg}
	if hint != "" && gap > maxEndGap {
		p.Hint, p.Param = hint, "calendar"
	}
	return []series.Problem{p}
}

// showMix warns when a show table lists companies whose quarters of the
// same name end far apart, naming the last quarter shown of the first
// company.
func showMix(ss []Series, r Range) []series.Problem {
	first := calc.NewQuarters(ss[0].Company, ss[0].Metric)
	seq := first.Last
	for seq > first.First && !r.in(seq) {
		seq--
	}
	ps := make([]calendarPeriod, 0, len(ss))
	for _, x := range ss {
		c := x.Company
		cal := c.Calendar
		ps = append(ps, calendarPeriod{ticker: c.Ticker, label: cal.Label(period.FromSeq(seq)), cal: cal,
			start: cal.SpanStart(seq), end: cal.SpanEnd(seq)})
	}
	return mixedCalendars("the table", ps, "line quarters up by calendar quarter")
}

// projectMix warns when projections of companies on different fiscal
// calendars are listed or totalled together.
func projectMix(all []*calc.Projection, total bool) []series.Problem {
	ps := make([]calendarPeriod, 0, len(all))
	for _, p := range all {
		cal := p.Company.Calendar
		ps = append(ps, calendarPeriod{ticker: p.Company.Ticker, label: p.TargetLabel(), cal: cal,
			start: cal.SpanStart(p.TargetFirst), end: cal.SpanEnd(p.TargetLast)})
	}
	what := "the table"
	if total {
		what = "the total"
	}
	return mixedCalendars(what, ps, "")
}

// dayGap is how many days apart two calendars' fiscal years end, around
// the year.
func dayGap(a, b period.Calendar) int {
	// Compare the ends of fiscal years ending in 2001 (not a leap year).
	ea, eb := a.End(period.FY(2001)).YearDay(), b.End(period.FY(2001)).YearDay()
	d := ea - eb
	if d < 0 {
		d = -d
	}
	if 365-d < d {
		d = 365 - d
	}
	return d
}
