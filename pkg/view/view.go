// Package view lays out what capex shows from a dataset, as rows for
// package render: a metric by quarter with its calculations, the figures
// as printed, values prorated to calendar quarters (Show); series side by
// side by period (Wide) and as charts (Charts); projections (Project); and
// the companies in the data (Companies). It knows nothing of flags or
// files: options are plain values, and errors say what is wrong in the
// data's terms, with the parameter that would change it.
package view

import (
	"fmt"
	"strings"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// Calendar says how fiscal quarters meet calendar quarters in a view.
type Calendar uint8

// The calendar modes.
const (
	// Fiscal shows fiscal quarters only.
	Fiscal Calendar = iota
	// Mapped shows each fiscal quarter with the calendar quarter holding
	// most of its days and the overlap, or lines series up by it.
	Mapped
	// Prorated lists calendar quarters, each value split by days from the
	// fiscal quarters that overlap it.
	Prorated
)

// Range bounds the quarters a view shows, and says what to do about a
// quarter missing inside the data.
type Range struct {
	From, To *period.Period // nil: from the first, to the last
	// SkipGaps marks a calculation that needs a missing quarter n/a,
	// instead of failing with a *calc.MissingError.
	SkipGaps bool
}

// String is the range in words: "from 2024Q1 to 2025Q4", "from 2024Q1
// on", "up to 2025Q4", or "" when it is not bounded.
func (r Range) String() string {
	switch {
	case r.From != nil && r.To != nil:
		return fmt.Sprintf("from %s to %s", r.From, r.To)
	case r.From != nil:
		return fmt.Sprintf("from %s on", r.From)
	case r.To != nil:
		return fmt.Sprintf("up to %s", r.To)
	}
	return ""
}

// in reports whether quarter seq is within the range.
func (r Range) in(seq int) bool {
	if r.From != nil {
		if first, _, _ := r.From.Quarters(); seq < first {
			return false
		}
	}
	if r.To != nil {
		if _, last, _ := r.To.Quarters(); seq > last {
			return false
		}
	}
	return true
}

// Error is a view the data cannot give. Param names the option whose
// change would give it, or is "".
type Error struct {
	Msg   string
	Fix   string
	Param string
}

func (e *Error) Error() string { return e.Msg }

// Hint says what to do.
func (e *Error) Hint() string { return e.Fix }

// HintParam names the option the hint is about.
func (e *Error) HintParam() string { return e.Param }

// NoCompanyError is tickers the data does not hold.
type NoCompanyError struct {
	Tickers []string // as asked, upper case
	Known   []string // the tickers in the data
}

func (e *NoCompanyError) Error() string {
	return fmt.Sprintf("no company %s in the data", strings.Join(e.Tickers, ", "))
}

// maxListed bounds how many tickers a hint lists.
const maxListed = 8

// Hint names the tickers closest to those asked for, or all of a few.
func (e *NoCompanyError) Hint() string {
	if len(e.Known) <= maxListed {
		return "the data has " + strings.Join(e.Known, ", ") + "; add a company to the data"
	}
	var close []string
	for _, t := range e.Tickers {
		for _, c := range param.Closest(t, e.Known, 3) {
			if !contains(close, c) {
				close = append(close, c)
			}
		}
	}
	if len(close) == 0 {
		return fmt.Sprintf("the data has %d companies, none named like that", len(e.Known))
	}
	return fmt.Sprintf("did you mean %s? (the data has %d companies)", strings.Join(close, ", "), len(e.Known))
}

// HintParam names where companies come from.
func (e *NoCompanyError) HintParam() string { return "data" }

// NoMetricError is a metric a company does not have.
type NoMetricError struct {
	Company string
	Metric  string
	Has     []string
}

func (e *NoMetricError) Error() string {
	return fmt.Sprintf("%s has no metric %q", e.Company, e.Metric)
}

// Hint lists the company's metrics.
func (e *NoMetricError) Hint() string {
	return fmt.Sprintf("%s has %s; choose one", e.Company, strings.Join(e.Has, ", "))
}

// HintParam names the option that chooses the metric.
func (e *NoMetricError) HintParam() string { return "metric" }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Companies returns the companies named by tickers (any case), or every
// company when there are none.
func SelectCompanies(d *series.Dataset, tickers []string) ([]*series.Company, error) {
	if len(tickers) == 0 {
		return d.Companies, nil
	}
	out := make([]*series.Company, 0, len(tickers))
	var unknown []string
	for _, t := range tickers {
		c := d.Company(t)
		if c == nil {
			unknown = append(unknown, strings.ToUpper(t))
			continue
		}
		out = append(out, c)
	}
	if len(unknown) > 0 {
		return nil, &NoCompanyError{Tickers: unknown, Known: d.Tickers()}
	}
	return out, nil
}

// SelectMetric returns the company's metric with the id.
func SelectMetric(c *series.Company, id string) (*series.Metric, error) {
	m := c.Metric(id)
	if m == nil {
		return nil, &NoMetricError{Company: c.Ticker, Metric: id, Has: c.MetricIDs()}
	}
	return m, nil
}

// Series is one company's metric.
type Series struct {
	Company *series.Company
	Metric  *series.Metric
}

// SelectSeries pairs the companies named with the metric: every named
// company must have it; without names, the companies that have it.
func SelectSeries(d *series.Dataset, tickers []string, metric string) ([]Series, error) {
	companies, err := SelectCompanies(d, tickers)
	if err != nil {
		return nil, err
	}
	out := make([]Series, 0, len(companies))
	for _, c := range companies {
		m, err := SelectMetric(c, metric)
		if err != nil {
			if len(tickers) == 0 {
				continue
			}
			return nil, err
		}
		out = append(out, Series{c, m})
	}
	if len(out) == 0 {
		return nil, &Error{Msg: fmt.Sprintf("no company in the data has a metric %q", metric), Fix: "choose a metric", Param: "metric"}
	}
	return out, nil
}

// title is "AMZN capex: Purchases of property and equipment (USD
// million)", and the metric's definition on a line of its own.
func title(c *series.Company, m *series.Metric, unit amount.Unit, more ...string) string {
	// The title's one line break is its own: what comes from the data is
	// made visible first, so that it cannot add lines.
	t := fmt.Sprintf("%s %s: %s (%s %s)", c.Ticker, m.ID, render.Visible(m.Label), c.Currency, unit) + strings.Join(more, "")
	if m.Definition != "" {
		t += "\n" + render.Visible(m.Definition)
	}
	return t
}

// unitOr is the unit to show a series in: u when given, else its own.
func unitOr(u *amount.Unit, own amount.Unit) amount.Unit {
	if u != nil {
		return *u
	}
	return own
}

// withUnit returns cols with unit ("USD million") as the Unit of the
// columns named, which a workbook's header shows; cols is not changed.
func withUnit(cols []render.Column, unit string, names ...string) []render.Column {
	out := append([]render.Column(nil), cols...)
	for i := range out {
		if contains(names, out[i].Name) {
			out[i].Unit = unit
		}
	}
	return out
}

// amountColumns names the calculations that are amounts in the series'
// unit, not rates.
func amountColumns(cs []*calc.Column) []string {
	var names []string
	for _, c := range cs {
		if !c.Rate {
			names = append(names, c.Name)
		}
	}
	return names
}
