package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// wideSeries is one column of the wide view: a company's metric.
type wideSeries struct {
	name string
	q    *calc.Quarters
}

// wideSeriesOf chooses the columns of the wide view: one per company, or,
// for one company without --metric, one per metric of it.
func wideSeriesOf(d *series.Dataset, opts showOptions) ([]wideSeries, error) {
	if len(opts.Tickers) == 1 && !opts.MetricGiven {
		c := d.Company(opts.Tickers[0])
		if c == nil {
			_, err := selectCompanies(d, opts.Tickers)
			return nil, err
		}
		var ss []wideSeries
		for _, m := range c.Metrics {
			ss = append(ss, wideSeries{m.ID, calc.NewQuarters(c, m)})
		}
		return ss, nil
	}
	cs, ms, err := showMetrics(d, opts.Tickers, opts.Metric)
	if err != nil {
		return nil, err
	}
	ss := make([]wideSeries, len(cs))
	for i, c := range cs {
		ss[i] = wideSeries{c.Ticker, calc.NewQuarters(c, ms[i])}
	}
	return ss, nil
}

// runWide writes the wide view: a row per period, a column per series,
// each cell the one calculation --columns names (value by default).
// Companies on different fiscal calendars are lined up by calendar
// quarter, which --calendar asks for; without it they are refused, since
// their quarters of one name are different stretches of time.
func runWide(d *series.Dataset, opts showOptions, out io.Writer) error {
	if len(opts.Columns) != 1 {
		return usagef("for example: --wide --columns ttm", "--wide shows one calculation; --columns names %d", len(opts.Columns))
	}
	calcName := opts.Columns[0]
	ss, err := wideSeriesOf(d, opts)
	if err != nil {
		return err
	}
	first := ss[0].q
	unit, currency := opts.out.in(first.Metric.Unit), first.Company.Currency
	byCalendar := opts.Calendar == "map"
	for _, s := range ss[1:] {
		if s.q.Company.Currency != currency {
			return usagef("show them apart", "--wide: %s is in %s, %s in %s", first.Company.Ticker, currency, s.q.Company.Ticker, s.q.Company.Currency)
		}
		if s.q.Company.Calendar != first.Company.Calendar && !byCalendar {
			return usagef("add --calendar to line them up by calendar quarter",
				"--wide: %s's fiscal year ends %s, %s's %s; their quarters of one name are different months",
				first.Company.Ticker, first.Company.Calendar, s.q.Company.Ticker, s.q.Company.Calendar)
		}
	}
	// Rows: each series' quarters keyed by fiscal quarter, or by calendar
	// quarter with --calendar.
	type key = int
	cells := make([]map[key]calc.Result, len(ss))
	keys := map[key]bool{}
	for i, s := range ss {
		cells[i] = map[key]calc.Result{}
		for seq := s.q.First; seq <= s.q.Last; seq++ {
			k := seq
			if byCalendar {
				k = s.q.Company.Calendar.Calendarize(seq).Quarter.Seq()
			}
			if !opts.inRange(k) {
				continue
			}
			if _, dup := cells[i][k]; dup {
				return fmt.Errorf("--wide --calendar: two of %s's quarters fall mostly in CY%s", s.name, period.FromSeq(k))
			}
			cells[i][k] = s.q.Calc(calcName, seq)
			keys[k] = true
		}
	}
	if !opts.SkipGaps {
		for _, s := range ss {
			if err := s.q.Err(); err != nil {
				return err
			}
		}
	}
	order := make([]int, 0, len(keys))
	for k := range keys {
		order = append(order, k)
	}
	sort.Ints(order)

	cal := first.Company.Calendar
	if byCalendar {
		cal = period.CalendarYear
	}
	cols := []render.Column{{Name: "period"}, {Name: "start", Long: true}, {Name: "end", Long: true}}
	for _, s := range ss {
		cols = append(cols, render.Column{Name: s.name, Right: true})
	}
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.name
	}
	what := first.Metric.ID
	if !opts.MetricGiven && len(opts.Tickers) == 1 {
		what = first.Company.Ticker
	}
	t := &render.Table{Title: fmt.Sprintf("%s %s (%s %s)", what, calcName, currency, unit), Columns: cols}
	for _, k := range order {
		label := cal.Label(period.FromSeq(k))
		if byCalendar {
			label = "CY" + period.FromSeq(k).String()
		}
		row := []render.Cell{render.Text(label), render.Text(period.ISO(cal.SpanStart(k))), render.Text(period.ISO(cal.SpanEnd(k)))}
		for i, s := range ss {
			r, ok := cells[i][k]
			switch {
			case !ok:
				row = append(row, render.Cell{})
			case !r.OK():
				row = append(row, render.NA(r.NA))
			case calcName == "qoq" || calcName == "yoy":
				row = append(row, render.Percent(r.Decimal()))
			default:
				row = append(row, render.Num(amount.Convert(r.Decimal(), s.q.Metric.Unit, unit)))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes, "columns: "+strings.Join(names, ", "))
	return render.Write(out, []*render.Table{t}, opts.out.render)
}
