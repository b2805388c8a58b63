package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

type showOptions struct {
	Tickers  []string
	Metric   string
	Columns  []string
	From, To *period.Period
	SkipGaps bool
	Printed  bool
	Explain  bool
	out      outputOptions
}

const showLong = `Show a metric (--metric, default capex) of each company named, or of
every company that has it, one row per discrete fiscal quarter: printed, or
derived from year-to-date and trailing figures (Q4 = FY − 9M), with the
derivation and the sources it rests on.

Columns (--columns, in any order):
  value    the quarter
  ttm      the sum of the four quarters ending there
  qoq      growth from the previous fiscal quarter
  yoy      growth from the same fiscal quarter a year earlier
  runrate  the quarter × 4

Growth is a fraction in CSV and JSON (0.4199…) and a percentage in tables
(42.0%). Quarters are compared by identity, never by row. A quotient is
correctly rounded to 34 significant digits.

A calculation that needs a quarter missing inside the data is an error
naming it; --gaps skip marks the cell "n/a: missing 2023Q2" instead.
Quarters before the first known one are the edge of the data: "n/a".

--explain adds each calculation with its operands, such as
"YoY 2025Q4 = (39,522 − 27,834) / 27,834 = 0.4199…".

--printed lists the figures as printed instead: every quarter, year-to-date
and trailing figure with its basis, months and source.`

func newShowCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show [TICKER...]",
		Short: "Show a series by quarter with TTM, QoQ and YoY, or as printed",
		Long:  showLong,
		Example: `  capex show amzn
  capex show amzn msft --columns value,ttm,yoy -o csv
  capex show amzn --metric capex-net --gaps skip
  capex show googl --from 2024Q1 --to 2025Q4 --unit billion
  capex show msft --printed`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := app.showOptions(args)
			if err != nil {
				return err
			}
			d, err := app.dataset(cmd)
			if err != nil {
				return err
			}
			tables, err := runShow(d, opts)
			if err != nil {
				return err
			}
			return app.write(tables, opts.out)
		},
	}
	f := cmd.Flags()
	f.String("metric", "capex", "the metric `ID` to show")
	f.String("columns", strings.Join(defaultColumns, ","), "the `LIST` of columns: value, ttm, qoq, yoy, runrate")
	f.String("from", "", "start at `PERIOD` (a quarter, half or fiscal year)")
	f.String("to", "", "end at `PERIOD`")
	f.String("gaps", "fail", "a calculation that needs a missing quarter: fail, or skip to mark it n/a")
	f.Bool("printed", false, "list the figures as printed (quarters, year to date, trailing) instead of by quarter")
	f.Bool("explain", false, "show each calculation with its operands")
	outputFlags(f)
	return cmd
}

var (
	defaultColumns = []string{"value", "ttm", "qoq", "yoy"}
	allColumns     = []string{"value", "ttm", "qoq", "yoy", "runrate"}
)

func (app *App) showOptions(args []string) (showOptions, error) {
	v := app.V
	opts := showOptions{Tickers: args, Metric: v.GetString("metric"), Printed: v.GetBool("printed"), Explain: v.GetBool("explain")}
	for _, c := range strings.Split(v.GetString("columns"), ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if !slices.Contains(allColumns, c) {
			return opts, usagef("columns are "+strings.Join(allColumns, ", "), "--columns: unknown column %q", c)
		}
		if slices.Contains(opts.Columns, c) {
			return opts, usagef("", "--columns: %q appears twice", c)
		}
		opts.Columns = append(opts.Columns, c)
	}
	var err error
	if opts.From, err = periodFlag(v.GetString("from"), "--from"); err != nil {
		return opts, err
	}
	if opts.To, err = periodFlag(v.GetString("to"), "--to"); err != nil {
		return opts, err
	}
	if opts.SkipGaps, err = gapsFlag(v.GetString("gaps")); err != nil {
		return opts, err
	}
	opts.out, err = app.outputOptions()
	return opts, err
}

// periodFlag reads an optional fiscal period given to flag.
func periodFlag(s, flag string) (*period.Period, error) {
	if s == "" {
		return nil, nil
	}
	p, err := period.Parse(s)
	if err != nil {
		return nil, usagef(period.Hint, "%s %v", flag, err)
	}
	if p.Kind == period.Month {
		return nil, usagef("give a quarter such as 2024Q4, a half, or FY2024", "%s %s: a month is not a fiscal period", flag, p)
	}
	return &p, nil
}

// gapsFlag reads --gaps.
func gapsFlag(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "fail", "":
		return false, nil
	case "skip":
		return true, nil
	}
	return false, usagef("use --gaps fail or --gaps skip", "--gaps %q: not a choice", s)
}

// showMetrics pairs the selected companies with the metric: every named
// company must have it; without names, the companies that have it.
func showMetrics(d *series.Dataset, tickers []string, metric string) ([]*series.Company, []*series.Metric, error) {
	companies, err := selectCompanies(d, tickers)
	if err != nil {
		return nil, nil, err
	}
	var cs []*series.Company
	var ms []*series.Metric
	for _, c := range companies {
		m, err := selectMetric(c, metric)
		if err != nil {
			if len(tickers) == 0 {
				continue
			}
			return nil, nil, err
		}
		cs, ms = append(cs, c), append(ms, m)
	}
	if len(cs) == 0 {
		return nil, nil, usagef("choose a metric with --metric", "no company in the data has a metric %q", metric)
	}
	return cs, ms, nil
}

func runShow(d *series.Dataset, opts showOptions) ([]*render.Table, error) {
	cs, ms, err := showMetrics(d, opts.Tickers, opts.Metric)
	if err != nil {
		return nil, err
	}
	var tables []*render.Table
	for i, c := range cs {
		var t *render.Table
		if opts.Printed {
			t = printedTable(c, ms[i], opts)
		} else if t, err = quartersTable(c, ms[i], opts); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}

func title(c *series.Company, m *series.Metric, unit amount.Unit) string {
	return fmt.Sprintf("%s %s: %s (%s %s)", c.Ticker, m.ID, m.Label, c.Currency, unit)
}

// inRange reports whether quarter seq is within --from and --to.
func (o showOptions) inRange(seq int) bool {
	if o.From != nil {
		if first, _, _ := o.From.Quarters(); seq < first {
			return false
		}
	}
	if o.To != nil {
		if _, last, _ := o.To.Quarters(); seq > last {
			return false
		}
	}
	return true
}

// quartersTable is one row per quarter from the first known to the last,
// with the chosen calculations.
func quartersTable(c *series.Company, m *series.Metric, opts showOptions) (*render.Table, error) {
	q := calc.NewQuarters(c, m)
	unit := opts.out.in(m.Unit)
	cols := []render.Column{
		{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "period"},
		{Name: "start"}, {Name: "end"}, {Name: "basis", Long: true},
	}
	for _, name := range opts.Columns {
		cols = append(cols, render.Column{Name: name, Right: true})
	}
	cols = append(cols, render.Column{Name: "unit", Long: true}, render.Column{Name: "currency", Long: true},
		render.Column{Name: "derivation"}, render.Column{Name: "source", MaxWidth: 60}, render.Column{Name: "note", Long: true})
	if opts.Explain {
		cols = append(cols, render.Column{Name: "formula", Long: true})
	}
	t := &render.Table{Title: title(c, m, unit), Columns: cols}
	in := func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, m.Unit, unit)) }
	num := func(r calc.Result) render.Cell {
		if !r.OK() {
			return render.NA(r.NA)
		}
		return render.Num(amount.Convert(r.Value, m.Unit, unit))
	}
	pct := func(r calc.Result) render.Cell {
		if !r.OK() {
			return render.NA(r.NA)
		}
		return render.Percent(r.Value)
	}
	for seq := q.First; seq <= q.Last; seq++ {
		if !opts.inRange(seq) {
			continue
		}
		row := []render.Cell{
			render.Text(c.Ticker), render.Text(m.ID), render.Text(q.Label(seq)),
			render.Text(period.ISO(c.Calendar.SpanStart(seq))), render.Text(period.ISO(c.Calendar.SpanEnd(seq))),
			render.Text("quarter"),
		}
		var notes []string
		for _, name := range opts.Columns {
			var cell render.Cell
			switch name {
			case "value":
				cell = num(q.Value(seq))
			case "ttm":
				cell = num(q.TTM(seq))
			case "qoq":
				cell = pct(q.QoQ(seq))
			case "yoy":
				cell = pct(q.YoY(seq))
			case "runrate":
				cell = num(q.RunRate(seq))
			}
			if cell.NA != "" {
				notes = append(notes, name+": "+cell.NA)
			}
			row = append(row, cell)
		}
		var derivation, source string
		if q.Value(seq).OK() {
			sources, d := q.Sources(seq, seq)
			source, derivation = strings.Join(sources, " | "), d
		}
		row = append(row, render.Text(unit.String()), render.Text(c.Currency), render.Text(derivation), render.Text(source),
			render.Text(strings.Join(notes, "; ")))
		if opts.Explain {
			var formulas []string
			for _, name := range opts.Columns {
				if f := q.Explain(name, seq, in); f != "" {
					formulas = append(formulas, f)
				}
			}
			row = append(row, render.Text(strings.Join(formulas, "; ")))
			for _, f := range formulas {
				t.Notes = append(t.Notes, fmt.Sprintf("%s %s: %s", c.Ticker, m.ID, f))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	if !opts.SkipGaps {
		if err := q.Err(); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// printedTable lists the figures as printed.
func printedTable(c *series.Company, m *series.Metric, opts showOptions) *render.Table {
	unit := opts.out.in(m.Unit)
	t := &render.Table{Title: title(c, m, unit), Columns: []render.Column{
		{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "period"}, {Name: "start"}, {Name: "end"},
		{Name: "basis"}, {Name: "months", Right: true}, {Name: "value", Right: true}, {Name: "unit", Long: true},
		{Name: "currency", Long: true}, {Name: "source", MaxWidth: 60}, {Name: "note", Long: true},
	}}
	for _, p := range m.Points {
		first, last := p.Span()
		if !opts.inRange(last) {
			continue
		}
		t.Rows = append(t.Rows, []render.Cell{
			render.Text(c.Ticker), render.Text(m.ID), render.Text(c.Calendar.Label(p.Period)),
			render.Text(period.ISO(c.Calendar.SpanStart(first))), render.Text(period.ISO(c.Calendar.SpanEnd(last))),
			render.Text(p.Basis.String()), render.Text(strconv.Itoa(p.Months)),
			render.Num(amount.Convert(p.Value, m.Unit, unit)), render.Text(unit.String()), render.Text(c.Currency),
			render.Text(p.Source), render.Text(p.Note),
		})
	}
	return t
}
