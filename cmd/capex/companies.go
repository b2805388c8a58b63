package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

func newCompaniesCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "companies",
		Short: "List the companies in the data, their metrics and periods",
		Long: `List every company in the data (the built-in dataset and --data files):
ticker, name, fiscal year end, metrics, the first and last period with a
figure, and where the figures come from.`,
		Example: `  capex companies
  capex companies --data mine.yaml -o csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := app.outputOptions()
			if err != nil {
				return err
			}
			d, err := app.dataset(cmd)
			if err != nil {
				return err
			}
			return app.write([]*render.Table{companiesTable(d)}, o)
		},
	}
	cmd.Flags().StringP("output", "o", "table", "output `format`: table, csv, tsv, json or markdown")
	return cmd
}

func companiesTable(d *series.Dataset) *render.Table {
	t := &render.Table{Columns: []render.Column{
		{Name: "ticker"}, {Name: "name"}, {Name: "cik", Long: true}, {Name: "fiscal_year_end"}, {Name: "currency", Long: true},
		{Name: "metrics"}, {Name: "first"}, {Name: "last"}, {Name: "start", Long: true}, {Name: "end", Long: true}, {Name: "source"},
	}}
	for _, c := range d.Companies {
		// first and last are the earliest and latest periods with a
		// figure; start and end the dates the figures cover.
		var first, last period.Period
		var start, end int
		any := false
		for _, m := range c.Metrics {
			for _, p := range m.Points {
				f, l := p.Span()
				if !any || p.Period.Seq() < first.Seq() {
					first = p.Period
				}
				if !any || p.Period.Seq() > last.Seq() {
					last = p.Period
				}
				if !any || f < start {
					start = f
				}
				if !any || l > end {
					end = l
				}
				any = true
			}
		}
		row := []render.Cell{
			render.Text(c.Ticker), render.Text(c.Name), render.Text(c.CIK), render.Text(c.Calendar.String()), render.Text(c.Currency),
			render.Text(strings.Join(c.MetricIDs(), " ")), {}, {}, {}, {}, render.Text(strings.Join(c.Origin, " ")),
		}
		if any {
			cal := c.Calendar
			row[6] = render.Text(cal.Label(first))
			row[7] = render.Text(cal.Label(last))
			row[8] = render.Text(period.ISO(cal.SpanStart(start)))
			row[9] = render.Text(period.ISO(cal.SpanEnd(end)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
