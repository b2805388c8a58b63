package view

import (
	"fmt"
	"sort"
	"strings"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// GridOptions choose the series and periods of a wide view or a chart.
type GridOptions struct {
	Tickers []string
	Metric  string
	// ByMetric, with one ticker, makes a column of each of its metrics
	// instead of one of Metric.
	ByMetric bool
	Range
	// Calendar Mapped lines series up by calendar quarter; Fiscal by
	// fiscal quarter, which companies on different calendars cannot be.
	Calendar Calendar
	Unit     *amount.Unit
}

// column is one series of a grid, under its name: a company's metric.
type column struct {
	name string
	q    *calc.Quarters
}

// grid is series lined up by period: a row per period, a cell per
// series, each the one calculation asked for.
type grid struct {
	series   []column
	calc     *calc.Column
	unit     amount.Unit
	currency string
	byCY     bool            // rows are calendar quarters
	cal      period.Calendar // the calendar of the row labels
	keys     []int           // the rows' quarter sequence numbers, in order
	cells    []map[int]calc.Result
	seqs     []map[int]int // each cell's quarter in its series' own calendar
	what     string        // what the title names: the metric, or the company
}

// columns chooses the series of a grid: one per company, or, with
// ByMetric, one per metric of the company.
func columns(d *series.Dataset, opts GridOptions) ([]column, error) {
	if opts.ByMetric && len(opts.Tickers) == 1 {
		cs, err := SelectCompanies(d, opts.Tickers)
		if err != nil {
			return nil, err
		}
		var out []column
		for _, m := range cs[0].Metrics {
			out = append(out, column{m.ID, calc.NewQuarters(cs[0], m)})
		}
		return out, nil
	}
	ss, err := SelectSeries(d, opts.Tickers, opts.Metric)
	if err != nil {
		return nil, err
	}
	out := make([]column, len(ss))
	for i, x := range ss {
		out[i] = column{x.Company.Ticker, calc.NewQuarters(x.Company, x.Metric)}
	}
	return out, nil
}

// newGrid lines up series by quarter: by fiscal quarter when they share a
// calendar, or by calendar quarter with Mapped. Companies on different
// calendars are refused without it, since their quarters of one name are
// different stretches of time.
func newGrid(cols []column, c *calc.Column, opts GridOptions) (*grid, error) {
	first := cols[0].q
	g := &grid{series: cols, calc: c, unit: unitOr(opts.Unit, first.Metric.Unit), currency: first.Company.Currency,
		byCY: opts.Calendar == Mapped, cal: first.Company.Calendar, what: first.Metric.ID}
	if opts.ByMetric && len(opts.Tickers) == 1 {
		g.what = first.Company.Ticker
	}
	if g.byCY {
		g.cal = period.CalendarYear
	}
	for _, s := range cols[1:] {
		if s.q.Company.Currency != g.currency {
			return nil, &Error{Msg: fmt.Sprintf("%s is in %s, %s in %s: they cannot share a table", first.Company.Ticker, g.currency, s.q.Company.Ticker, s.q.Company.Currency),
				Fix: "show them apart"}
		}
		if s.q.Company.Calendar != first.Company.Calendar && !g.byCY {
			return nil, &Error{Msg: fmt.Sprintf("%s's fiscal year ends %s, %s's %s; their quarters of one name are different months",
				first.Company.Ticker, first.Company.Calendar, s.q.Company.Ticker, s.q.Company.Calendar),
				Fix: "line them up by calendar quarter", Param: "calendar"}
		}
	}
	keys := map[int]bool{}
	g.cells = make([]map[int]calc.Result, len(cols))
	g.seqs = make([]map[int]int, len(cols))
	for i, s := range cols {
		g.cells[i] = map[int]calc.Result{}
		g.seqs[i] = map[int]int{}
		for seq := s.q.First; seq <= s.q.Last; seq++ {
			k := seq
			if g.byCY {
				k = s.q.Company.Calendar.Calendarize(seq).Quarter.Seq()
			}
			if !opts.in(k) {
				continue
			}
			if _, dup := g.cells[i][k]; dup {
				return nil, &Error{Msg: fmt.Sprintf("two of %s's quarters fall mostly in CY%s", s.name, period.FromSeq(k))}
			}
			g.cells[i][k] = s.q.Calc(c, seq)
			g.seqs[i][k] = seq
			keys[k] = true
		}
	}
	if !opts.SkipGaps {
		for _, s := range cols {
			if err := s.q.Err(); err != nil {
				return nil, err
			}
		}
	}
	for k := range keys {
		g.keys = append(g.keys, k)
	}
	if len(g.keys) == 0 {
		if opts.From != nil || opts.To != nil {
			return nil, &Error{Msg: "no quarters " + opts.Range.String(), Fix: "choose periods the data has", Param: "from"}
		}
		return nil, &Error{Msg: "no quarters to show"}
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

// value is cell (series i, row k) in the output unit: ok false when the
// series has no such row; r.NA when it has no value there.
func (g *grid) value(i, k int) (r calc.Result, ok bool) {
	r, ok = g.cells[i][k]
	if ok && r.OK() && !g.calc.Rate {
		r = r.Shift(int32(g.series[i].q.Metric.Unit) - int32(g.unit))
	}
	return r, ok
}

// title is "capex value (USD million)".
func (g *grid) title() string {
	unit := g.unit.String()
	if g.calc.Rate {
		unit = "growth"
	}
	return fmt.Sprintf("%s %s (%s %s)", g.what, g.calc.Name, g.currency, unit)
}

// Wide is a table with a row per period and a column per series, each
// cell column c of that series at that period.
func Wide(d *series.Dataset, c *calc.Column, opts GridOptions) (*render.Table, error) {
	cols, err := columns(d, opts)
	if err != nil {
		return nil, err
	}
	g, err := newGrid(cols, c, opts)
	if err != nil {
		return nil, err
	}
	// After the dates, what the series columns are, so that capex reads
	// the file back as it was meant: the metric (or, a column per metric,
	// the company), the calculation, the unit, currency and fiscal year.
	byMetric := opts.ByMetric && len(opts.Tickers) == 1
	what, whatValue := "metric", cols[0].q.Metric.ID
	if byMetric {
		what, whatValue = "company", cols[0].q.Company.Ticker
	}
	cal := g.cal.String()
	if g.byCY {
		cal = "" // rows are calendar quarters, not the companies' own
	}
	head := []render.Column{{Name: "period"}, {Name: "start", Long: true}, {Name: "end", Long: true},
		{Name: what, Long: true}, {Name: "calculation", Long: true}, {Name: "unit", Long: true}, {Name: "currency", Long: true},
		{Name: "fiscal_year_end", Long: true}}
	unit := g.unit.String()
	if g.calc.Rate {
		unit = ""
	}
	names := make([]string, len(cols))
	for i, s := range cols {
		c := render.Column{Name: s.name, Right: true}
		if unit != "" {
			c.Unit = g.currency + " " + unit
		}
		head = append(head, c)
		names[i] = s.name
	}
	t := &render.Table{Sheet: "wide", Title: g.title(), Columns: head}
	for _, k := range g.keys {
		row := []render.Cell{render.Text(g.label(k)), render.Text(period.ISO(g.cal.SpanStart(k))), render.Text(period.ISO(g.cal.SpanEnd(k))),
			render.Text(whatValue), render.Text(g.calc.Name), render.Text(unit), render.Text(g.currency), render.Text(cal)}
		for i := range cols {
			r, ok := g.value(i, k)
			switch {
			case !ok:
				row = append(row, render.Cell{})
			case !r.OK():
				row = append(row, render.NA(r.NA))
			default:
				row = append(row, render.Exact(r, g.calc.Rate))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes, "columns: "+strings.Join(names, ", "))
	return t, nil
}

// ChartOptions choose the charts Charts draws.
type ChartOptions struct {
	GridOptions
	// Columns are the calculations drawn, a chart each: the value, the
	// TTM.
	Columns []*calc.Column
	// Last is how many periods a chart shows without Range.From: the
	// last ones.
	Last int
	// Methods, when one is chosen, add each projection to the TTM chart
	// (a projection covers four quarters, as a TTM does): a row of its
	// own after the reported ones, named by the quarter the projection
	// ends (its calendar quarter when lined up by calendar) and marked
	// with the method. A projected value is rounded, half away from zero,
	// to as many decimal places as the most the chart's reported values
	// have, so that its label reads like theirs.
	Methods calc.Methods
}

// Charts draws each column of the series as a bar chart: a row per
// period (the last opts.Last periods without Range.From), a bar per
// series.
func Charts(d *series.Dataset, opts ChartOptions) ([]chart.Chart, error) {
	cols, err := columns(d, opts.GridOptions)
	if err != nil {
		return nil, err
	}
	var out []chart.Chart
	for _, c := range opts.Columns {
		g, err := newGrid(cols, c, opts.GridOptions)
		if err != nil {
			return nil, err
		}
		if opts.From == nil && len(g.keys) > opts.Last {
			g.keys = g.keys[len(g.keys)-opts.Last:]
		}
		ch := g.chart()
		if c == calc.TTMColumn && opts.Methods.Count() > 0 {
			rows, err := g.projections(opts.Methods, places(ch))
			if err != nil {
				return nil, err
			}
			ch.Rows = append(ch.Rows, rows...)
		}
		out = append(out, ch)
	}
	return out, nil
}

// places is the most decimal places of a value of c.
func places(c chart.Chart) int32 {
	n := int32(0)
	for _, r := range c.Rows {
		for _, v := range r.Values {
			if v.OK {
				n = max(n, -v.D.Exponent())
			}
		}
	}
	return n
}

// projections are the rows of the projections ms makes for the grid's
// series, in the order of the quarters they end, then of the methods;
// each value is rounded to places decimals in the grid's unit.
func (g *grid) projections(ms calc.Methods, places int32) ([]chart.Row, error) {
	type key struct{ k, method int }
	rows := map[key]*chart.Row{}
	var keys []key
	methods := map[string]int{}
	for i, s := range g.series {
		ps, err := ms.Project(s.q.Company, s.q.Metric)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if p.TargetLast-p.TargetFirst != 3 {
				return nil, &Error{Msg: fmt.Sprintf("%s %s: %s is not four quarters; only a projection of four quarters is drawn beside the TTM", s.name, p.Method, p.TargetLabel())}
			}
			k := p.TargetLast
			if g.byCY {
				k = s.q.Company.Calendar.Calendarize(k).Quarter.Seq()
			}
			m, seen := methods[p.Method]
			if !seen {
				m = len(methods)
				methods[p.Method] = m
			}
			r := rows[key{k, m}]
			if r == nil {
				r = &chart.Row{Label: g.label(k), Values: make([]chart.Value, len(g.series)), Projected: p.Method}
				rows[key{k, m}] = r
				keys = append(keys, key{k, m})
			}
			if p.NA == "" {
				shift := int32(s.q.Metric.Unit) - int32(g.unit)
				r.Values[i] = chart.Value{D: p.Exact.Fixed(places + shift).Shift(shift), OK: true}
			}
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].k != keys[b].k {
			return keys[a].k < keys[b].k
		}
		return keys[a].method < keys[b].method
	})
	out := make([]chart.Row, len(keys))
	for i, k := range keys {
		out[i] = *rows[k]
	}
	return out, nil
}

// chart is the grid as a chart: a row per period, a bar per series, and
// the source line: each series' origin and the latest filing date of the
// figures shown.
func (g *grid) chart() chart.Chart {
	names := make([]string, len(g.series))
	for i, s := range g.series {
		names[i] = s.name
	}
	title := strings.Join(names, ", ") + " " + g.what
	if g.calc != calc.ValueColumn {
		title += " " + g.calc.Label
	}
	c := chart.Chart{Title: title + " (" + g.currency + " " + g.unit.String() + ")", Unit: g.unit.String(), Series: names}
	for _, k := range g.keys {
		row := chart.Row{Label: g.label(k)}
		for i := range g.series {
			r, ok := g.value(i, k)
			row.Values = append(row.Values, chart.Value{D: r.Decimal(), OK: ok && r.OK()})
		}
		c.Rows = append(c.Rows, row)
	}
	var sources []string
	for i, s := range g.series {
		filed := ""
		for _, k := range g.keys {
			if seq, ok := g.seqs[i][k]; ok {
				filed = max(filed, s.q.Filed(seq, seq))
			}
		}
		src := s.name + ": " + strings.Join(s.q.Company.Origin, ", ")
		if filed != "" {
			src += ", filed by " + filed
		}
		sources = append(sources, src)
	}
	c.Source = "Sources: " + strings.Join(sources, "; ")
	return c
}
