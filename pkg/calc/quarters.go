package calc

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// Quarters is a metric's discrete quarters, printed or derived from
// year-to-date and trailing figures, and the calculations made from them.
// Every calculation finds its quarters by identity (the previous fiscal
// quarter, the same quarter a year earlier), never by position.
//
// A quarter a calculation needs may be unknown. Before the first known
// quarter that is the edge of the data, and the result is NA ("before
// 2022Q4"); between the first and last known quarters it is a gap: the
// result is NA ("missing 2023Q2") and the quarter is recorded in Missing,
// so that a caller can refuse to go on.
type Quarters struct {
	Company *series.Company
	Metric  *series.Metric
	// First and Last are the first and last known discrete quarters
	// (sequence numbers); Last < First when none is known.
	First, Last int

	ledger  *series.Ledger
	missing map[int]bool
}

// NewQuarters returns the quarters of metric m of company c.
func NewQuarters(c *series.Company, m *series.Metric) *Quarters {
	q := &Quarters{Company: c, Metric: m, ledger: m.Ledger(), First: 0, Last: -1, missing: map[int]bool{}}
	lo, hi, ok := q.ledger.Bounds()
	if !ok {
		return q
	}
	for s := lo; s <= hi; s++ {
		if _, ok := q.ledger.Span(s, s); ok {
			q.First = s
			break
		}
	}
	for s := hi; s >= lo; s-- {
		if _, ok := q.ledger.Span(s, s); ok {
			q.Last = s
			break
		}
	}
	return q
}

// Label names quarter seq as output shows it.
func (q *Quarters) Label(seq int) string { return q.Company.Calendar.Label(period.FromSeq(seq)) }

// Span is the total of quarters first..last.
func (q *Quarters) Span(first, last int) Result {
	if v, ok := q.ledger.Span(first, last); ok {
		return Of(v)
	}
	var gaps []int
	before := false
	for s := first; s <= last; s++ {
		if _, ok := q.ledger.Span(s, s); ok {
			continue
		}
		if s < q.First || s > q.Last {
			before = true
			continue
		}
		gaps = append(gaps, s)
	}
	if len(gaps) > 0 {
		labels := make([]string, len(gaps))
		for i, s := range gaps {
			q.missing[s] = true
			labels[i] = q.Label(s)
		}
		return NA("missing " + strings.Join(labels, ", "))
	}
	if before && first < q.First {
		return NA("before " + q.Label(q.First))
	}
	if q.Last < q.First {
		return NA("no quarters")
	}
	return NA("after " + q.Label(q.Last))
}

// Value is the discrete quarter seq.
func (q *Quarters) Value(seq int) Result { return q.Span(seq, seq) }

// TTM is the sum of the four quarters ending at seq.
func (q *Quarters) TTM(seq int) Result { return q.Span(seq-3, seq) }

// QoQ is the growth from the previous fiscal quarter.
func (q *Quarters) QoQ(seq int) Result { return q.Growth(seq-1, seq) }

// YoY is the growth from the same fiscal quarter a year earlier.
func (q *Quarters) YoY(seq int) Result { return q.Growth(seq-4, seq) }

// RunRate is the quarter × 4.
func (q *Quarters) RunRate(seq int) Result {
	v := q.Value(seq)
	if !v.OK() {
		return v
	}
	return Of(v.Value.Mul(decimal.NewFromInt(4)))
}

// Missing lists the gap quarters the calculations so far needed, in order.
func (q *Quarters) Missing() []int {
	out := make([]int, 0, len(q.missing))
	for s := range q.missing {
		out = append(out, s)
	}
	sort.Ints(out)
	return out
}

// MissingError is a calculation that needs quarters the data does not
// have and cannot derive.
type MissingError struct {
	Company, Metric string
	Periods         []string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%s %s: missing %s: not in the data and not derivable from it", e.Company, e.Metric, strings.Join(e.Periods, ", "))
}

// Hint says how to go on.
func (e *MissingError) Hint() string {
	return "add the missing figures (or the year-to-date figures they follow from), or pass --gaps skip to mark the cells n/a"
}

// Err returns a *MissingError when calculations needed gap quarters.
func (q *Quarters) Err() error {
	m := q.Missing()
	if len(m) == 0 {
		return nil
	}
	labels := make([]string, len(m))
	for i, s := range m {
		labels[i] = q.Label(s)
	}
	return &MissingError{Company: q.Company.Ticker, Metric: q.Metric.ID, Periods: labels}
}

// SumFormula explains the total of quarters first..last from the points
// behind it: "14,925 + 17,620 + 22,620 + 27,834" when the quarters are
// printed, "FY2024 82,999" when a printed figure covers the span.
func (q *Quarters) SumFormula(first, last int, in func(decimal.Decimal) string) string {
	terms := q.ledger.Explain(first, last)
	var b strings.Builder
	for i, t := range terms {
		switch {
		case i > 0 && t.Sign < 0:
			b.WriteString(" − ")
		case i > 0:
			b.WriteString(" + ")
		case t.Sign < 0:
			b.WriteString("−")
		}
		desc := t.Point.Describe(q.Company.Calendar)
		if len(terms) > 1 || t.Point.Basis != series.Quarterly || first != last {
			b.WriteString(desc + " ")
		}
		b.WriteString(in(t.Point.Value))
	}
	return b.String()
}

// Sources lists the distinct sources of the points behind quarters
// first..last, and the derivation when it is not a single printed figure.
func (q *Quarters) Sources(first, last int) (sources []string, derivation string) {
	terms := q.ledger.Explain(first, last)
	seen := map[string]bool{}
	for _, t := range terms {
		if t.Point.Source != "" && !seen[t.Point.Source] {
			seen[t.Point.Source] = true
			sources = append(sources, t.Point.Source)
		}
	}
	if len(terms) > 1 || len(terms) == 1 && terms[0].Sign < 0 {
		derivation = series.Formula(terms, q.Company.Calendar, q.Metric.Unit, q.Metric.Unit)
	}
	return sources, derivation
}

// unitless formats a plain number (a rate) for formulas.
func unitless(d decimal.Decimal) string { return amount.Group(d) }

// Explain writes the formula of calculation name ("value", "ttm", "qoq",
// "yoy", "runrate") at quarter seq, such as
// "YoY 2025Q4 = (39,522 − 27,834) / 27,834 = 0.4199…", with amounts
// formatted by in; "" when it has no value.
func (q *Quarters) Explain(name string, seq int, in func(decimal.Decimal) string) string {
	label := q.Label(seq)
	growth := func(kind string, prev int) string {
		g, cur, base := q.Growth(prev, seq), q.Value(seq), q.Value(prev)
		if !g.OK() {
			return ""
		}
		return fmt.Sprintf("%s %s = (%s − %s) / %s = %s", kind, label, in(cur.Value), in(base.Value), in(base.Value), unitless(g.Value))
	}
	switch name {
	case "value":
		if _, d := q.Sources(seq, seq); d != "" && q.Value(seq).OK() {
			return fmt.Sprintf("%s = %s = %s", label, formulaIn(q.ledger.Explain(seq, seq), q.Company.Calendar, in), in(q.Value(seq).Value))
		}
	case "ttm":
		if v := q.TTM(seq); v.OK() {
			return fmt.Sprintf("TTM %s = %s = %s", label, q.ttmFormula(seq, in), in(v.Value))
		}
	case "qoq":
		return growth("QoQ", seq-1)
	case "yoy":
		return growth("YoY", seq-4)
	case "runrate":
		if v := q.RunRate(seq); v.OK() {
			return fmt.Sprintf("run rate %s = %s × 4 = %s", label, in(q.Value(seq).Value), in(v.Value))
		}
	}
	return ""
}

// Growth is the growth from quarter prev to quarter cur.
func (q *Quarters) Growth(prev, cur int) Result { return Growth(q.Value(prev), q.Value(cur)) }
