package view

import (
	"strings"

	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// Companies lists every company in the data: ticker, name, fiscal year
// end, metrics, the first and last period with a figure, the date the
// last period's figures were filed (as_of), the dates the figures cover,
// and where the figures come from.
func Companies(d *series.Dataset) *render.Table {
	t := &render.Table{Sheet: "companies", Columns: []render.Column{
		{Name: "ticker"}, {Name: "name"}, {Name: "cik", Long: true, Kind: render.IntKind}, {Name: "fiscal_year_end"}, {Name: "currency", Long: true},
		{Name: "metrics", Kind: render.ListKind}, {Name: "first"}, {Name: "last"}, {Name: "as_of"}, {Name: "start", Long: true}, {Name: "end", Long: true},
		{Name: "source", Kind: render.ListKind},
	}}
	for _, c := range d.Companies {
		// first and last are the earliest and latest periods with a
		// figure; start and end the dates the figures cover.
		var first, last period.Period
		var start, end int
		found := false
		for _, m := range c.Metrics {
			for _, p := range m.Points {
				f, l := p.Span()
				if !found || p.Period.Seq() < first.Seq() {
					first = p.Period
				}
				if !found || p.Period.Seq() > last.Seq() {
					last = p.Period
				}
				if !found || f < start {
					start = f
				}
				if !found || l > end {
					end = l
				}
				found = true
			}
		}
		row := []render.Cell{
			render.Text(c.Ticker), render.Text(c.Name), render.Text(strings.TrimLeft(c.CIK, "0")), render.Text(c.Calendar.String()), render.Text(c.Currency),
			render.List(c.MetricIDs()), {}, {}, {}, {}, {}, render.List(c.Origin),
		}
		if found {
			cal := c.Calendar
			asOf := ""
			for _, m := range c.Metrics {
				asOf = max(asOf, filedAt(m.Points, last.Seq()))
			}
			row[6] = render.Text(cal.Label(first))
			row[7] = render.Text(cal.Label(last))
			row[8] = render.Text(asOf)
			row[9] = render.Text(period.ISO(cal.SpanStart(start)))
			row[10] = render.Text(period.ISO(cal.SpanEnd(end)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// filedAt is the latest filing date of the points that end at quarter
// seq: what the figure of the last period rests on ("" when unknown).
func filedAt(points []series.Point, seq int) string {
	latest := ""
	for i := range points {
		if points[i].Period.Seq() == seq {
			latest = max(latest, points[i].Filed())
		}
	}
	return latest
}

// AsOf says, a line each, where each company's metric comes from and as
// of when: "AMZN capex: built-in; last period 2026Q2, filed 2026-07-31".
// No tickers means every company that has the metric.
func AsOf(d *series.Dataset, tickers []string, metric string) ([]string, error) {
	ss, err := SelectSeries(d, tickers, metric)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		line := s.Company.Ticker + " " + s.Metric.ID + ": " + strings.Join(s.Company.Origin, ", ")
		var last period.Period
		for i, p := range s.Metric.Points {
			if i == 0 || p.Period.Seq() > last.Seq() {
				last = p.Period
			}
		}
		if len(s.Metric.Points) > 0 {
			line += "; last period " + s.Company.Calendar.Label(last)
			if filed := filedAt(s.Metric.Points, last.Seq()); filed != "" {
				line += ", filed " + filed
			}
		}
		out = append(out, line)
	}
	return out, nil
}
