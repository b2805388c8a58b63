// Package check owns expectations: figures that companies and the press
// published, which the figures capex computes from the data must match
// within a tolerance; and the reports (table, CSV, JSON, JUnit XML, GitHub
// annotations) that a CI job reads.
//
// A check names a company, a metric, a figure (value, total, ttm,
// annualize, yoy, qoq, cagr or projection), the period it is about and the
// expected value. Without an explicit tolerance, the tolerance is half a
// unit in the last digit published: 105.2B means ±0.05B, 72,215 (million)
// ±0.5 million, 41.99% ±0.005 percentage points. A difference equal to the
// tolerance passes. Every comparison is exact.
package check

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// Figures lists what a check can be about: each column capex show
// computes at a quarter (calc.Columns), and a total, an annualization, a
// CAGR and a projection.
var Figures = append(calc.ColumnNames(), "total", "annualize", "cagr", "projection", "backtest-mape", "backtest-bias")

// isRate reports whether a figure is a growth rate (a fraction) rather
// than an amount.
func isRate(figure string) bool {
	if c := calc.ColumnByName(figure); c != nil {
		return c.Rate
	}
	return figure == "cagr" || strings.HasPrefix(figure, "backtest-")
}

// usesMethods reports whether a figure is made by a projection method,
// given by the keys capex project takes as flags.
func usesMethods(figure string) bool {
	return figure == "projection" || strings.HasPrefix(figure, "backtest-")
}

// Check is one expectation, as read from an expectations file.
type Check struct {
	Name       string
	Company    string
	Metric     string
	Figure     string
	Period     string // as written; "" when not given
	Expect     string // as written
	Unit       string // the unit of a plain Expect, as written
	Tolerance  string // as written; "" to infer it from Expect
	Source     string
	Definition string
	Data       string // a data file of the check's own, resolved against the expectations file
	Known      string // known_discrepancy: why this check is expected to fail
	Methods    calc.Methods
	Pos        series.Pos // the check's first line
	lines      map[string]int
}

// Line is the line of the check's key, or of the check itself.
func (c *Check) Line(key string) series.Pos {
	p := c.Pos
	if l, ok := c.lines[key]; ok {
		p = p.WithLine(l)
	}
	return p
}

// Status is the outcome of a check.
type Status string

// The outcomes. A known discrepancy that fails is KnownFail and does not
// fail the run; one that passes is UnexpectedPass, reported so that the
// note can be removed.
const (
	Pass           Status = "pass"
	Fail           Status = "fail"
	KnownFail      Status = "known discrepancy"
	UnexpectedPass Status = "unexpected pass"
)

// Failed reports whether the status fails a run.
func (s Status) Failed() bool { return s == Fail }

// Result is a check evaluated against the data.
type Result struct {
	Check *Check
	// Computed, Expected, Difference (computed − expected) and Tolerance
	// are in Unit for an amount; fractions for a rate.
	Computed, Expected, Difference, Tolerance decimal.Decimal
	// computed is Computed's exact value, which output rounds once.
	computed render.Fixer
	// Relative is Difference / Expected to 34 digits; NA for an expected
	// zero.
	Relative      calc.Result
	Unit          amount.Unit
	Rate          bool
	ToleranceNote string // how the tolerance was chosen: "inferred from 105.2B", "0.5% of expected"
	Status        Status
	Currency      string
	Start, End    string // ISO dates of the period the figure covers
	// Calendar is the calendar quarters the period falls in (CY2024Q4,
	// CY2024) and Overlap the days they share with it ("92/92").
	Calendar, Overlap string
	Formula           []string
}

// Margin says by how much a failed check missed: the part of the
// difference beyond the tolerance.
func (r Result) Margin() decimal.Decimal {
	return r.Difference.Abs().Sub(r.Tolerance)
}
