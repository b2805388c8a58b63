package view

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// ProjectOptions choose what Project lays out.
type ProjectOptions struct {
	Tickers []string
	Metric  string
	Methods calc.Methods
	// Total adds a row per method summing the companies.
	Total bool
	// Explain adds each projection's formula, with its operands.
	Explain bool
	// Calendar adds the calendar quarters of each base and target, with
	// the days they share (Mapped; Prorated is not done).
	Calendar Calendar
	// Backtest adds each method's track record for the company: how many
	// backtests, and the range of their relative errors.
	Backtest bool
	Unit     *amount.Unit
}

// projectColumns is the columns of the projection table.
func projectColumns(opts ProjectOptions) []render.Column {
	cols := []render.Column{
		{Name: "company"}, {Name: "metric"}, {Name: "method"}, {Name: "base_period"},
		{Name: "base_start", Long: true}, {Name: "base_end", Long: true},
	}
	mapped := opts.Calendar == Mapped
	if mapped {
		cols = append(cols, render.Column{Name: "base_calendar"}, render.Column{Name: "base_overlap", Right: true})
	}
	cols = append(cols, render.Column{Name: "base_value", Right: true},
		render.Column{Name: "factor", Right: true}, render.Column{Name: "target"}, render.Column{Name: "start", Long: true}, render.Column{Name: "end", Long: true})
	if mapped {
		cols = append(cols, render.Column{Name: "calendar"}, render.Column{Name: "overlap", Right: true})
	}
	cols = append(cols, render.Column{Name: "projection", Right: true}, render.Column{Name: "unit"}, render.Column{Name: "currency", Long: true},
		render.Column{Name: "note", Long: true}, render.Column{Name: "definition", Long: true})
	if opts.Backtest {
		cols = append(cols, render.Column{Name: "backtests", Right: true, Kind: render.IntKind},
			render.Column{Name: "error_min", Right: true}, render.Column{Name: "error_max", Right: true},
			render.Column{Name: "track_record", Long: true})
	}
	if opts.Explain {
		cols = append(cols, render.Column{Name: "formula", Long: true})
	}
	return cols
}

// trackRecord is the cells of a projection's track record: how many
// backtests its method has for the company, and their errors' range.
func trackRecord(c *series.Company, m *series.Metric, one calc.Methods) []render.Cell {
	bts, _ := one.Backtests(c, m, nil)
	s := calc.Summarize(bts)
	if len(s) == 0 || s[0].N == 0 {
		return []render.Cell{render.Text("0"), render.NA("no backtest"), render.NA("no backtest"), render.Text("no backtest: no base with a complete target")}
	}
	pct := func(r calc.Ratio) render.Cell {
		cell := render.Exact(r, true)
		cell.Places = 1
		return cell
	}
	note := fmt.Sprintf("%d backtests, errors %s to %s", s[0].N, percentText(s[0].Min), percentText(s[0].Max))
	if s[0].N < MinBacktests {
		note = fmt.Sprintf("only %d of at least %d backtests: too few to mean anything", s[0].N, MinBacktests)
	}
	return []render.Cell{render.Text(strconv.Itoa(s[0].N)), pct(s[0].Min), pct(s[0].Max), render.Text(note)}
}

// percentText writes a fraction as a percentage with one decimal.
func percentText(r calc.Ratio) string { return r.Fixed(3).Shift(2).StringFixed(1) + "%" }

// Project makes the projections of each company's metric by every method
// chosen, a row each, with totals, and the warnings to print: companies
// on different fiscal calendars listed or totalled together, totals that
// cannot be made.
func Project(d *series.Dataset, opts ProjectOptions) (*render.Table, []series.Problem, error) {
	companies, err := SelectCompanies(d, opts.Tickers)
	if err != nil {
		return nil, nil, err
	}
	mapped := opts.Calendar == Mapped
	t := &render.Table{Sheet: "project", Columns: projectColumns(opts)}
	// Each company's rows are made apart, on every CPU (12,500 companies
	// are projected at once), and joined in the order the companies were
	// named.
	made := make([]projected, len(companies))
	eachIndex(len(companies), func(i int) {
		made[i] = projectCompany(companies[i], opts, mapped, len(t.Columns))
	})
	var all []*calc.Projection
	rowOf := map[*calc.Projection]int{} // each projection's row in t
	var labels []string
	for _, m := range made {
		if m.err != nil {
			return nil, nil, m.err
		}
		for i, p := range m.ps {
			rowOf[p] = len(t.Rows)
			t.Rows = append(t.Rows, m.rows[i])
		}
		t.Notes = append(t.Notes, m.notes...)
		all = append(all, m.ps...)
		labels = append(labels, m.label)
	}
	var warnings []series.Problem
	for _, p := range all {
		for _, n := range p.Notes {
			warnings = append(warnings, series.Problem{Warning: true, Msg: fmt.Sprintf("%s %s %s: %s", p.Company.Ticker, p.Metric.ID, p.Method, n.Msg),
				Hint: n.Hint, Param: n.Param})
		}
	}
	if len(companies) > 1 {
		warnings = projectMix(all, opts.Total)
	}
	if opts.Total {
		rows, notes, err := totals(all, opts, rowOf, len(t.Rows))
		if err != nil {
			return nil, nil, err
		}
		t.Rows = append(t.Rows, rows...)
		t.Notes = append(t.Notes, notes...)
	}
	t.Notes = append(t.Notes, labels...)
	render.LabelUnits(t, "base_value", "projection")
	return t, warnings, nil
}

// projected is one company's projections, their rows and notes, and the
// label of its metric.
type projected struct {
	ps    []*calc.Projection
	rows  [][]render.Cell
	notes []string
	label string
	err   error
}

// projectCompany projects c's metric by every method chosen, a row of
// width cells each.
func projectCompany(c *series.Company, opts ProjectOptions, mapped bool, width int) projected {
	m, err := SelectMetric(c, opts.Metric)
	if err != nil {
		return projected{err: err}
	}
	ps, err := opts.Methods.Project(c, m)
	if err != nil {
		return projected{err: err}
	}
	out := projected{ps: ps, rows: make([][]render.Cell, 0, len(ps))}
	each := opts.Methods.Each() // one per projection, in order
	unit := unitOr(opts.Unit, m.Unit)
	for i, p := range ps {
		row := make([]render.Cell, 0, width)
		row = append(row,
			render.Text(c.Ticker), render.Text(m.ID), render.Text(p.Method), render.Text(p.BaseLabel()),
			render.Text(period.ISO(c.Calendar.SpanStart(p.BaseFirst))), render.Text(period.ISO(c.Calendar.SpanEnd(p.BaseLast))),
		)
		row = appendCalendar(row, mapped, c.Calendar, p.BaseFirst, p.BaseLast)
		row = append(row, render.Num(amount.Convert(p.BaseValue, m.Unit, unit)), factorCell(p), render.Text(p.TargetLabel()),
			render.Text(period.ISO(c.Calendar.SpanStart(p.TargetFirst))), render.Text(p.TargetEnd()))
		row = appendCalendar(row, mapped, c.Calendar, p.TargetFirst, p.TargetLast)
		value := render.Exact(p.Exact.Shift(int32(m.Unit)-int32(unit)), false)
		if p.FactorValue != nil {
			value.Formula = projectionFormula
		}
		if p.NA != "" {
			value = render.NA(p.NA)
		}
		row = append(row, value, render.Text(unit.String()), render.Text(c.Currency), render.Text(p.NA), render.Text(m.Definition))
		if opts.Backtest {
			tr := trackRecord(c, m, each[i])
			row = append(row, tr...)
			if note := tr[3].Text; strings.HasPrefix(note, "only") || strings.HasPrefix(note, "no backtest") {
				out.notes = append(out.notes, fmt.Sprintf("%s %s %s: track record: %s", c.Ticker, m.ID, p.Method, note))
			}
		}
		if opts.Explain {
			formula := p.Formula(unit)
			row = append(row, render.Text(strings.Join(formula, "; ")))
			for _, f := range formula {
				out.notes = append(out.notes, fmt.Sprintf("%s %s %s: %s", c.Ticker, m.ID, p.Method, f))
			}
			out.notes = append(out.notes, fmt.Sprintf("%s %s %s: %s is %s..%s; %s is %s..%s", c.Ticker, m.ID, p.Method,
				p.BaseLabel(), period.ISO(c.Calendar.SpanStart(p.BaseFirst)), period.ISO(c.Calendar.SpanEnd(p.BaseLast)),
				p.TargetLabel(), period.ISO(c.Calendar.SpanStart(p.TargetFirst)), p.TargetEnd()))
		}
		out.rows = append(out.rows, row)
	}
	out.label = fmt.Sprintf("%s %s: %s", c.Ticker, m.ID, m.Label)
	if m.Definition != "" {
		out.label += " (" + m.Definition + ")"
	}
	return out
}

// eachIndex calls fn(i) for every i below n, on every CPU; each call has
// its i to itself.
func eachIndex(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// projectionFormula is a projection as base × factor, for a format that
// keeps formulas: the factor is exact (4, 4/3, 1.2²), and so is the
// product; a trend is no multiple, and has none.
var projectionFormula = &render.Formula{Expr: "{0}*{1}", Refs: []render.Ref{{Col: "base_value"}, {Col: "factor"}}}

// totals sums the projections of each method across companies, in the
// output unit. Companies whose currencies differ cannot be summed, nor can
// series in different units unless a unit is chosen: either is an *Error.
// rowOf gives each projection's row, and firstRow the row of the first
// total: a total's cells are formulas over the rows it sums.
func totals(ps []*calc.Projection, opts ProjectOptions, rowOf map[*calc.Projection]int, firstRow int) ([][]render.Cell, []string, error) {
	var methods []string
	byMethod := map[string][]*calc.Projection{}
	for _, p := range ps {
		if _, ok := byMethod[p.Method]; !ok {
			methods = append(methods, p.Method)
		}
		byMethod[p.Method] = append(byMethod[p.Method], p)
	}
	mapped := opts.Calendar == Mapped
	var rows [][]render.Cell
	var notes []string
	for _, method := range methods {
		group := byMethod[method]
		first := group[0]
		unit := unitOr(opts.Unit, first.Metric.Unit)
		var base decimal.Decimal
		sum := calc.RatioOf(decimal.Zero)
		var parts []string
		na := ""
		for _, p := range group {
			if p.NA != "" && na == "" {
				na = fmt.Sprintf("%s %s is n/a", p.Company.Ticker, p.Method)
			}
			if p.Company.Currency != first.Company.Currency {
				return nil, nil, &Error{Msg: fmt.Sprintf("no %s total: %s is in %s, %s in %s",
					method, first.Company.Ticker, first.Company.Currency, p.Company.Ticker, p.Company.Currency),
					Fix: "total companies of one currency, or leave the total out"}
			}
			if opts.Unit == nil && p.Metric.Unit != first.Metric.Unit {
				return nil, nil, &Error{Msg: fmt.Sprintf("no %s total: %s %s is in %s, %s %s in %s",
					method, first.Company.Ticker, first.Metric.ID, first.Metric.Unit, p.Company.Ticker, p.Metric.ID, p.Metric.Unit),
					Fix: "restate them in one unit", Param: "unit"}
			}
			v := p.Exact.Shift(int32(p.Metric.Unit) - int32(unit))
			sum = sum.Add(v)
			base = base.Add(amount.Convert(p.BaseValue, p.Metric.Unit, unit))
			parts = append(parts, p.Company.Ticker+" "+exactText(v))
		}
		if len(group) < 2 {
			continue
		}
		target, start, end := first.TargetLabel(), period.ISO(first.Company.Calendar.SpanStart(first.TargetFirst)), first.TargetEnd()
		for _, p := range group[1:] {
			if p.TargetLabel() != target || p.TargetEnd() != end {
				target = "mixed"
			}
			if s := period.ISO(p.Company.Calendar.SpanStart(p.TargetFirst)); s < start {
				start = s
			}
			if e := p.TargetEnd(); e > end {
				end = e
			}
		}
		metric := first.Metric.ID
		for _, p := range group[1:] {
			if p.Metric.ID != metric {
				metric = "mixed"
			}
		}
		row := []render.Cell{render.Text("TOTAL"), render.Text(metric), render.Text(method), {}, {}, {}}
		if mapped {
			row = append(row, render.Cell{}, render.Cell{})
		}
		// The total's row, and the cells of the rows it sums, counted from it.
		at := firstRow + len(rows)
		bases, values := make([]render.Ref, len(group)), make([]render.Ref, len(group))
		for i, p := range group {
			bases[i], values[i] = render.At("base_value", rowOf[p]-at), render.At("projection", rowOf[p]-at)
		}
		baseCell := render.Num(base)
		baseCell.Formula = render.Sum(bases...)
		row = append(row, baseCell, render.Cell{}, render.Text(target), render.Text(start), render.Text(end))
		if mapped {
			cy := ""
			for _, p := range group {
				switch l := p.Company.Calendar.CalendarizeSpan(p.TargetFirst, p.TargetLast).Label(); {
				case cy == "":
					cy = l
				case cy != l:
					cy = "mixed"
				}
			}
			row = append(row, render.Text(cy), render.Cell{})
		}
		total, note := render.Exact(sum, false), ""
		total.Formula = render.Sum(values...)
		formula := fmt.Sprintf("total = %s = %s", strings.Join(parts, " + "), amount.Group(sum.Decimal()))
		if na != "" {
			total, note, formula = render.NA(na), na, "total n/a: "+na
		}
		row = append(row, total, render.Text(unit.String()), render.Text(first.Company.Currency), render.Text(note), render.Cell{})
		if opts.Backtest {
			row = append(row, render.Cell{}, render.Cell{}, render.Cell{}, render.Cell{})
		}
		if opts.Explain {
			row = append(row, render.Text(formula))
		}
		notes = append(notes, "TOTAL "+method+": "+formula)
		rows = append(rows, row)
	}
	return rows, notes, nil
}

// exactText writes a value so that a total can be worked again from it:
// the number when it is exact, else its exact fraction ("734,814 / 12").
func exactText(r calc.Ratio) string {
	if r.IsInteger() {
		return amount.Group(r.Num)
	}
	return amount.Group(r.Num) + " / " + amount.Group(r.Den)
}

// factorCell is a projection's factor: a number, shown to people as
// written ("4/3"); empty for a trend.
func factorCell(p *calc.Projection) render.Cell {
	if p.FactorValue == nil {
		return render.Cell{}
	}
	c := render.Exact(*p.FactorValue, false)
	c.Display = p.Factor
	return c
}

// appendCalendar adds, when on, the calendar quarters that fiscal quarters
// first..last fall in and the days they share.
func appendCalendar(row []render.Cell, on bool, cal period.Calendar, first, last int) []render.Cell {
	if !on {
		return row
	}
	z := cal.CalendarizeSpan(first, last)
	return append(row, render.Text(z.Label()), render.Text(z.Ratio()))
}
