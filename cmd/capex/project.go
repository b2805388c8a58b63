package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

type projectOptions struct {
	Tickers   []string
	Metric    string
	Annualize calc.Spec
	Explain   bool
	out       outputOptions
}

const projectLong = `Project the twelve months after a base period at the base's run rate:
base value × 12 / months covered. A base Q4 covers exactly the next fiscal
year; for Microsoft (fiscal year ending 30 June) a base FY2026Q2 covers
FY2026Q3..FY2027Q2.

--annualize SPEC chooses the base:
  q1, q2, q3, q4   the latest such fiscal quarter in the data
  h1, h2           the latest such fiscal half
  latest           the latest discrete quarter
  ytd              the latest fiscal year-to-date figure (× 12 / its months)
  2024Q4, FY2024   a named quarter, half or fiscal year

A base that is not printed is derived from printed figures (Q4 = FY − 9M);
one that cannot be derived is an error, never a guess. --explain shows the
arithmetic with every operand.`

func newProjectCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "project TICKER... --annualize SPEC",
		Short: "Project forward from a base period's run rate",
		Long:  projectLong,
		Example: `  capex project amzn --annualize q4
  capex project amzn --annualize 2024Q4 --metric capex-net --explain
  capex project msft --annualize q2 --explain
  capex project amzn googl meta --annualize latest -o csv`,
		Args: atLeastOneTicker,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := projectOptions{Tickers: args, Metric: app.V.GetString("metric"), Explain: app.V.GetBool("explain")}
			spec := app.V.GetString("annualize")
			if spec == "" {
				return usagef("for example: capex project amzn --annualize q4", "choose a projection method: --annualize SPEC")
			}
			var err error
			if opts.Annualize, err = calc.ParseSpec(spec); err != nil {
				return err
			}
			if opts.out, err = app.outputOptions(); err != nil {
				return err
			}
			d, err := app.dataset(cmd)
			if err != nil {
				return err
			}
			table, err := runProject(d, opts)
			if err != nil {
				return err
			}
			return app.write([]*render.Table{table}, opts.out)
		},
	}
	f := cmd.Flags()
	f.String("annualize", "", "annualize the run rate of `SPEC`: q1..q4, h1, h2, latest, ytd, or a period such as 2024Q4")
	f.Bool("explain", false, "show each formula with its operands")
	f.String("metric", "capex", "the metric `ID` to project")
	outputFlags(f)
	return cmd
}

func runProject(d *series.Dataset, opts projectOptions) (*render.Table, error) {
	companies, err := selectCompanies(d, opts.Tickers)
	if err != nil {
		return nil, err
	}
	t := &render.Table{Columns: []render.Column{
		{Name: "company"}, {Name: "metric"}, {Name: "method"}, {Name: "base_period"},
		{Name: "base_start", Long: true}, {Name: "base_end", Long: true}, {Name: "base_value", Right: true},
		{Name: "factor", Right: true}, {Name: "target"}, {Name: "start", Long: true}, {Name: "end", Long: true},
		{Name: "projection", Right: true}, {Name: "unit"}, {Name: "currency", Long: true},
	}}
	if opts.Explain {
		t.Columns = append(t.Columns, render.Column{Name: "formula", Long: true})
	}
	var labels []string
	for _, c := range companies {
		m, err := selectMetric(c, opts.Metric)
		if err != nil {
			return nil, err
		}
		p, err := calc.Annualize(c, m, opts.Annualize)
		if err != nil {
			return nil, err
		}
		unit := opts.out.in(m.Unit)
		row := []render.Cell{
			render.Text(c.Ticker), render.Text(m.ID), render.Text(p.Method), render.Text(p.BaseLabel()),
			render.Text(period.ISO(c.Calendar.SpanStart(p.BaseFirst))), render.Text(period.ISO(c.Calendar.SpanEnd(p.BaseLast))),
			render.Num(amount.Convert(p.BaseValue, m.Unit, unit)), render.Text(p.Factor.String()), render.Text(p.TargetLabel()),
			render.Text(period.ISO(c.Calendar.SpanStart(p.TargetFirst))), render.Text(period.ISO(c.Calendar.SpanEnd(p.TargetLast))),
			render.Num(amount.Convert(p.Value, m.Unit, unit)), render.Text(unit.String()), render.Text(c.Currency),
		}
		if opts.Explain {
			formula := p.Formula(unit)
			row = append(row, render.Text(strings.Join(formula, "; ")))
			for _, f := range formula {
				t.Notes = append(t.Notes, fmt.Sprintf("%s %s: %s", c.Ticker, m.ID, f))
			}
			t.Notes = append(t.Notes, fmt.Sprintf("%s %s: %s is %s..%s; %s is %s..%s", c.Ticker, m.ID,
				p.BaseLabel(), period.ISO(c.Calendar.SpanStart(p.BaseFirst)), period.ISO(c.Calendar.SpanEnd(p.BaseLast)),
				p.TargetLabel(), period.ISO(c.Calendar.SpanStart(p.TargetFirst)), period.ISO(c.Calendar.SpanEnd(p.TargetLast))))
		}
		t.Rows = append(t.Rows, row)
		labels = append(labels, fmt.Sprintf("%s %s: %s", c.Ticker, m.ID, m.Label))
	}
	if !opts.Explain {
		t.Notes = nil
	}
	t.Notes = append(t.Notes, labels...)
	return t, nil
}
