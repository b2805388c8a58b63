package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

type showOptions struct {
	Tickers []string
	Metric  string
	out     outputOptions
}

func newShowCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show [TICKER...]",
		Short: "Show a series: every figure with its period, dates, basis and source",
		Long: `Show the figures of one metric (--metric, default capex) of each company
named, or of every company: period, start and end dates, basis (quarter,
ytd or ttm), months covered, value, unit and source.`,
		Example: `  capex show amzn
  capex show amzn --metric capex-net -o csv
  capex show msft googl --unit billion`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := showOptions{Tickers: args, Metric: app.V.GetString("metric")}
			var err error
			if opts.out, err = app.outputOptions(); err != nil {
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
	cmd.Flags().String("metric", "capex", "the metric `ID` to show")
	outputFlags(cmd.Flags())
	return cmd
}

var showColumns = []render.Column{
	{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "period"}, {Name: "start"}, {Name: "end"},
	{Name: "basis"}, {Name: "months", Right: true}, {Name: "value", Right: true}, {Name: "unit", Long: true},
	{Name: "currency", Long: true}, {Name: "source"},
}

func runShow(d *series.Dataset, opts showOptions) ([]*render.Table, error) {
	companies, err := selectCompanies(d, opts.Tickers)
	if err != nil {
		return nil, err
	}
	var tables []*render.Table
	for _, c := range companies {
		m, err := selectMetric(c, opts.Metric)
		if err != nil {
			return nil, err
		}
		unit := opts.out.in(m.Unit)
		t := &render.Table{
			Title:   fmt.Sprintf("%s %s: %s (%s %s)", c.Ticker, m.ID, m.Label, c.Currency, unit),
			Columns: showColumns,
		}
		for _, p := range m.Points {
			first, last := p.Span()
			t.Rows = append(t.Rows, []render.Cell{
				render.Text(c.Ticker), render.Text(m.ID), render.Text(c.Calendar.Label(p.Period)),
				render.Text(period.ISO(c.Calendar.SpanStart(first))), render.Text(period.ISO(c.Calendar.SpanEnd(last))),
				render.Text(p.Basis.String()), render.Text(strconv.Itoa(p.Months)),
				render.Num(amount.Convert(p.Value, m.Unit, unit)), render.Text(unit.String()), render.Text(c.Currency),
				render.Text(p.Source),
			})
		}
		tables = append(tables, t)
	}
	return tables, nil
}
