package view

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// BacktestOptions choose what Backtest lays out.
type BacktestOptions struct {
	Tickers []string
	Metric  string
	Methods calc.Methods
	// Range bounds the bases; with SkipGaps off, a base whose projection
	// needs a quarter missing inside the data is an error.
	Range
	Explain bool
	Unit    *amount.Unit
}

// MinBacktests is how many backtests a track record needs before it
// means anything.
const MinBacktests = 3

// Backtests runs each company's backtests: every base the data has whose
// target is complete, projected as project would have then, against the
// target as reported. It returns the backtests, a row each, and their
// summary per company and method, and warnings for the bases skipped.
func Backtests(d *series.Dataset, opts BacktestOptions) (detail, summary *render.Table, warnings []series.Problem, err error) {
	ss, err := SelectSeries(d, opts.Tickers, opts.Metric)
	if err != nil {
		return nil, nil, nil, err
	}
	detail = &render.Table{Sheet: "backtest", Columns: backtestColumns(opts)}
	summary = &render.Table{Sheet: "summary", Title: "track record: relative error = (projected − actual) / actual", Columns: summaryColumns()}
	for _, x := range ss {
		c, m := x.Company, x.Metric
		unit := unitOr(opts.Unit, m.Unit)
		bts, skipped := opts.Methods.Backtests(c, m, opts.in)
		// Bases with too little history before them, and those whose
		// targets run past the data, are expected (the first and the last
		// year's): counted in a line each. Other skips are each a warning.
		type group struct{ early, late []string }
		groups := map[string]*group{}
		var order []string
		for _, sk := range skipped {
			var miss *calc.MissingError
			if !opts.SkipGaps && errors.As(sk.Err, &miss) {
				return nil, nil, nil, sk.Err
			}
			if !sk.Early && !sk.Late {
				warnings = append(warnings, series.Problem{Warning: true, Msg: fmt.Sprintf("%s %s %s from %s: not backtested: %s", c.Ticker, m.ID, sk.Method, sk.Base, sk.Why)})
				continue
			}
			g := groups[sk.Method]
			if g == nil {
				g = &group{}
				groups[sk.Method] = g
				order = append(order, sk.Method)
			}
			if sk.Early {
				g.early = append(g.early, sk.Base)
			} else {
				g.late = append(g.late, sk.Base)
			}
		}
		for _, method := range order {
			g := groups[method]
			var why []string
			if n := len(g.early); n > 0 {
				why = append(why, fmt.Sprintf("too little history at %s (%s)", strings.Join(g.early, ", "), count(n, "quarter")))
			}
			if n := len(g.late); n > 0 {
				why = append(why, fmt.Sprintf("target not complete in the data yet for %s (%s)", strings.Join(g.late, ", "), count(n, "base")))
			}
			warnings = append(warnings, series.Problem{Warning: true, Msg: fmt.Sprintf("%s %s %s: not scored: %s",
				c.Ticker, m.ID, method, strings.Join(why, "; "))})
		}
		for _, bt := range bts {
			detail.Rows = append(detail.Rows, backtestRow(bt, unit, opts.Explain))
			if opts.Explain {
				for _, f := range backtestFormula(bt, unit) {
					detail.Notes = append(detail.Notes, fmt.Sprintf("%s %s %s %s: %s", c.Ticker, m.ID, bt.Method, bt.BaseLabel(), f))
				}
			}
		}
		for _, s := range calc.Summarize(bts) {
			summary.Rows = append(summary.Rows, summaryRow(c, m, s))
		}
	}
	if len(detail.Rows) == 0 {
		return nil, nil, warnings, &Error{Msg: "no backtest: no base has a target complete in the data " + opts.Range.String(),
			Fix: "backtest a series whose data reaches a year past a base"}
	}
	render.LabelUnits(detail, "projected", "actual", "difference")
	return detail, summary, warnings, nil
}

// count is "1 base", "2 bases".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func backtestColumns(opts BacktestOptions) []render.Column {
	cols := []render.Column{
		{Name: "company"}, {Name: "metric", Long: true}, {Name: "method"}, {Name: "base_period"},
		{Name: "base_start", Long: true}, {Name: "base_end", Long: true},
		{Name: "target"}, {Name: "start", Long: true}, {Name: "end", Long: true},
		{Name: "projected", Right: true}, {Name: "actual", Right: true}, {Name: "difference", Right: true},
		{Name: "relative", Right: true}, {Name: "unit"}, {Name: "currency", Long: true}, {Name: "note", Long: true},
	}
	if opts.Explain {
		cols = append(cols, render.Column{Name: "formula", Long: true})
	}
	return cols
}

func backtestRow(bt *calc.Backtest, unit amount.Unit, explain bool) []render.Cell {
	c, m := bt.Company, bt.Metric
	shift := int32(m.Unit) - int32(unit)
	cal := c.Calendar
	rel, note := render.Exact(bt.Relative, true), ""
	rel.Formula = relativeFormula
	if !bt.Relative.OK() {
		rel, note = render.NA(bt.Relative.NA), "relative: "+bt.Relative.NA
	}
	rel.Places = 2
	diff := render.Exact(bt.Difference.Shift(shift), false)
	diff.Formula = differenceFormula
	row := []render.Cell{
		render.Text(c.Ticker), render.Text(m.ID), render.Text(bt.Method), render.Text(bt.BaseLabel()),
		render.Text(period.ISO(cal.SpanStart(bt.BaseFirst))), render.Text(period.ISO(cal.SpanEnd(bt.BaseLast))),
		render.Text(bt.TargetLabel()), render.Text(period.ISO(cal.SpanStart(bt.TargetFirst))), render.Text(bt.TargetEnd()),
		render.Exact(bt.Exact.Shift(shift), false), render.Num(amount.Convert(bt.Actual, m.Unit, unit)),
		diff, rel, render.Text(unit.String()), render.Text(c.Currency), render.Text(note),
	}
	if explain {
		row = append(row, render.Text(strings.Join(backtestFormula(bt, unit), "; ")))
	}
	return row
}

// A backtest's error, as formulas over its row for a format that keeps
// them: difference = projected − actual, relative = difference / actual.
var (
	differenceFormula = &render.Formula{Expr: "{0}-{1}", Refs: []render.Ref{{Col: "projected"}, {Col: "actual"}}}
	relativeFormula   = &render.Formula{Expr: "{0}/{1}", Refs: []render.Ref{{Col: "difference"}, {Col: "actual"}}}
)

// backtestFormula is a backtest's projection with its operands, its actual
// with the figures it rests on, and the error.
func backtestFormula(bt *calc.Backtest, unit amount.Unit) []string {
	// The projection's metric holds the figures up to its base; the
	// actual rests on the whole series.
	m := bt.Company.Metric(bt.Metric.ID)
	in := func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, m.Unit, unit)) }
	q := calc.NewQuarters(bt.Company, m)
	lines := bt.Formula(unit)
	sources, _ := q.Sources(bt.TargetFirst, bt.TargetLast)
	lines = append(lines, fmt.Sprintf("actual %s = %s = %s (%s)", bt.TargetLabel(), q.SumFormula(bt.TargetFirst, bt.TargetLast, in),
		in(bt.Actual), strings.Join(sources, " | ")))
	if bt.Relative.OK() {
		lines = append(lines, fmt.Sprintf("error = (%s − %s) / %s = %s", in(bt.Value), in(bt.Actual), in(bt.Actual), bt.Relative))
	}
	return lines
}

func summaryColumns() []render.Column {
	pct := func(name string) render.Column { return render.Column{Name: name, Right: true} }
	return []render.Column{
		{Name: "company"}, {Name: "metric", Long: true}, {Name: "method"}, {Name: "backtests", Right: true, Kind: render.IntKind},
		pct("mape"), pct("median"), pct("bias"), pct("min"), pct("max"), {Name: "worst"},
		pct("within_5pct"), pct("within_10pct"), {Name: "note", Long: true},
	}
}

func summaryRow(c *series.Company, m *series.Metric, s calc.Summary) []render.Cell {
	pct := func(r calc.Ratio) render.Cell {
		cell := render.Exact(r, true)
		cell.Places = 1
		return cell
	}
	row := []render.Cell{render.Text(c.Ticker), render.Text(m.ID), render.Text(s.Method), render.Text(strconv.Itoa(s.N))}
	if s.N == 0 {
		return append(row, render.NA("no relative errors"), render.Cell{}, render.Cell{}, render.Cell{}, render.Cell{}, render.Cell{},
			render.Cell{}, render.Cell{}, render.Text("no backtest has a relative error"))
	}
	note := ""
	if s.N < MinBacktests {
		note = fmt.Sprintf("only %d of at least %d backtests: too few to mean anything", s.N, MinBacktests)
	}
	worst := fmt.Sprintf("%s→%s", s.Worst.BaseLabel(), s.Worst.TargetLabel())
	return append(row, pct(s.MAPE), pct(s.Median), pct(s.Bias), pct(s.Min), pct(s.Max), render.Text(worst),
		pct(s.Within5), pct(s.Within10), render.Text(note))
}
