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

// grid is series lined up by period: a row per period, a cell per
// series, each the one calculation asked for.
type grid struct {
	series   []wideSeries
	calc     string
	unit     amount.Unit
	currency string
	byCY     bool            // rows are calendar quarters (--calendar)
	cal      period.Calendar // the calendar of the row labels
	keys     []int           // the rows' quarter sequence numbers, in order
	cells    []map[int]calc.Result
	what     string // what the title names: the metric, or the company
}

// newGrid lines up series by quarter: by fiscal quarter when they share a
// calendar, or by calendar quarter with --calendar. Companies on different
// calendars are refused without it, since their quarters of one name are
// different stretches of time. cmd names the command in messages.
func newGrid(ss []wideSeries, calcName string, opts showOptions, cmd string) (*grid, error) {
	first := ss[0].q
	g := &grid{series: ss, calc: calcName, unit: opts.out.in(first.Metric.Unit), currency: first.Company.Currency,
		byCY: opts.Calendar == "map", cal: first.Company.Calendar, what: first.Metric.ID}
	if !opts.MetricGiven && len(opts.Tickers) == 1 {
		g.what = first.Company.Ticker
	}
	if g.byCY {
		g.cal = period.CalendarYear
	}
	for _, s := range ss[1:] {
		if s.q.Company.Currency != g.currency {
			return nil, usagef("show them apart", "%s: %s is in %s, %s in %s", cmd, first.Company.Ticker, g.currency, s.q.Company.Ticker, s.q.Company.Currency)
		}
		if s.q.Company.Calendar != first.Company.Calendar && !g.byCY {
			return nil, usagef("add --calendar to line them up by calendar quarter",
				"%s: %s's fiscal year ends %s, %s's %s; their quarters of one name are different months",
				cmd, first.Company.Ticker, first.Company.Calendar, s.q.Company.Ticker, s.q.Company.Calendar)
		}
	}
	keys := map[int]bool{}
	g.cells = make([]map[int]calc.Result, len(ss))
	for i, s := range ss {
		g.cells[i] = map[int]calc.Result{}
		for seq := s.q.First; seq <= s.q.Last; seq++ {
			k := seq
			if g.byCY {
				k = s.q.Company.Calendar.Calendarize(seq).Quarter.Seq()
			}
			if !opts.inRange(k) {
				continue
			}
			if _, dup := g.cells[i][k]; dup {
				return nil, fmt.Errorf("%s --calendar: two of %s's quarters fall mostly in CY%s", cmd, s.name, period.FromSeq(k))
			}
			g.cells[i][k] = s.q.Calc(calcName, seq)
			keys[k] = true
		}
	}
	if !opts.SkipGaps {
		for _, s := range ss {
			if err := s.q.Err(); err != nil {
				return nil, err
			}
		}
	}
	for k := range keys {
		g.keys = append(g.keys, k)
	}
	sort.Ints(g.keys)
	return g, nil
}

// label names row k: FY2025Q2, or CY2024Q4.
func (g *grid) label(k int) string {
	if g.byCY {
		return "CY" + period.FromSeq(k).String()
	}
	return g.cal.Label(period.FromSeq(k))
}

// rate reports whether the calculation is a growth rate, not an amount.
func (g *grid) rate() bool { return g.calc == "qoq" || g.calc == "yoy" }

// value is cell (series i, row k) in the output unit: ok false when the
// series has no such row; r.NA when it has no value there.
func (g *grid) value(i, k int) (r calc.Result, ok bool) {
	r, ok = g.cells[i][k]
	if ok && r.OK() && !g.rate() {
		r = calc.Of(amount.Convert(r.Decimal(), g.series[i].q.Metric.Unit, g.unit))
	}
	return r, ok
}

// title is "capex value (USD million)".
func (g *grid) title() string {
	unit := g.unit.String()
	if g.rate() {
		unit = "growth"
	}
	return fmt.Sprintf("%s %s (%s %s)", g.what, g.calc, g.currency, unit)
}

// runWide writes the wide view: a row per period, a column per series,
// each cell the one calculation --columns names (value by default).
func runWide(d *series.Dataset, opts showOptions, out io.Writer) error {
	if len(opts.Columns) != 1 {
		return usagef("for example: --wide --columns ttm", "--wide shows one calculation; --columns names %d", len(opts.Columns))
	}
	ss, err := wideSeriesOf(d, opts)
	if err != nil {
		return err
	}
	g, err := newGrid(ss, opts.Columns[0], opts, "--wide")
	if err != nil {
		return err
	}
	cols := []render.Column{{Name: "period"}, {Name: "start", Long: true}, {Name: "end", Long: true}}
	names := make([]string, len(ss))
	for i, s := range ss {
		cols = append(cols, render.Column{Name: s.name, Right: true})
		names[i] = s.name
	}
	t := &render.Table{Title: g.title(), Columns: cols}
	for _, k := range g.keys {
		row := []render.Cell{render.Text(g.label(k)), render.Text(period.ISO(g.cal.SpanStart(k))), render.Text(period.ISO(g.cal.SpanEnd(k)))}
		for i := range ss {
			r, ok := g.value(i, k)
			switch {
			case !ok:
				row = append(row, render.Cell{})
			case !r.OK():
				row = append(row, render.NA(r.NA))
			case g.rate():
				row = append(row, render.Percent(r.Decimal()))
			default:
				row = append(row, render.Num(r.Decimal()))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes, "columns: "+strings.Join(names, ", "))
	return render.Write(out, []*render.Table{t}, opts.out.render)
}
