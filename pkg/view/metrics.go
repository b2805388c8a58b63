package view

import (
	"strconv"

	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// Metrics lists the metrics of the companies named (every company when
// there are none): id, label and definition, so that a reader can tell
// what each series counts before comparing it with a published figure;
// with its unit, currency, first and last period, the date the last
// period's figures were filed (as_of) and the number of figures.
func Metrics(d *series.Dataset, tickers []string) (*render.Table, error) {
	cs, err := SelectCompanies(d, tickers)
	if err != nil {
		return nil, err
	}
	t := &render.Table{Sheet: "metrics", Columns: []render.Column{
		{Name: "company"}, {Name: "metric"}, {Name: "label"}, {Name: "unit"}, {Name: "currency", Long: true},
		{Name: "first"}, {Name: "last"}, {Name: "as_of"}, {Name: "figures", Right: true, Kind: render.IntKind}, {Name: "definition", Long: true},
	}}
	for _, c := range cs {
		for _, m := range c.Metrics {
			var first, last, asOf string
			if n := len(m.Points); n > 0 {
				first, last = c.Calendar.Label(m.Points[0].Period), c.Calendar.Label(m.Points[n-1].Period)
				asOf = filedAt(m.Points, m.Points[n-1].Period.Seq())
			}
			t.Rows = append(t.Rows, []render.Cell{
				render.Text(c.Ticker), render.Text(m.ID), render.Text(m.Label), render.Text(m.Unit.String()), render.Text(c.Currency),
				render.Text(first), render.Text(last), render.Text(asOf), render.Text(strconv.Itoa(len(m.Points))), render.Text(m.Definition),
			})
			if m.Definition != "" {
				t.Notes = append(t.Notes, c.Ticker+" "+m.ID+": "+m.Definition)
			}
		}
	}
	return t, nil
}
