package calc

import (
	"fmt"
	"math"
	"slices"
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
	dense   *dense
	// Why the quarters before the first known one, and after the last,
	// have no value: made once, for the first rows of every company.
	before, after string
}

// dense holds the quarters of a metric of discrete quarters whose values
// all fit, at one exponent, well inside an int64: sums of four and
// differences then stay exact in machine words, and growth is divided
// without shopspring. Bulk files are all like this.
type dense struct {
	lo   int     // the quarter of vals[0]
	vals []int64 // coefficients × 10^exp; unknown for a quarter not known
	exp  int32
}

// unknown marks a quarter without a value in dense.vals; it is outside
// the range of values dense holds.
const unknown = math.MinInt64

// denseLimit bounds |coefficient| in dense: four of them, or the
// difference of two, stay below maxFast.
const denseLimit = maxFast / 4

func newDense(d *dense, l *series.Ledger, lo, hi int) *dense {
	if !l.QuarterOnly() {
		return nil
	}
	if d == nil {
		d = new(dense)
	}
	*d = dense{lo: lo, vals: slices.Grow(d.vals[:0], hi-lo+1)[:hi-lo+1]}
	first := true
	for s := lo; s <= hi; s++ {
		p, ok := l.Quarter(s)
		if !ok {
			d.vals[s-lo] = unknown
			continue
		}
		c, e, small := p.Value.Small()
		if !small {
			return nil
		}
		if first {
			d.exp, first = e, false
		}
		// Bring every value to the smallest exponent seen so far.
		for e > d.exp {
			if c >= denseLimit/10 || c <= -denseLimit/10 {
				return nil
			}
			c, e = c*10, e-1
		}
		for d.exp > e {
			for i, v := range d.vals[:s-lo] {
				if v == unknown {
					continue
				}
				if v >= denseLimit/10 || v <= -denseLimit/10 {
					return nil
				}
				d.vals[i] = v * 10
			}
			d.exp--
		}
		if c >= denseLimit || c <= -denseLimit {
			return nil
		}
		d.vals[s-lo] = c
	}
	return d
}

// sum returns the sum of quarters first..last when all are known.
func (d *dense) sum(first, last int) (int64, bool) {
	i, j := first-d.lo, last-d.lo
	if i < 0 || j >= len(d.vals) || i > j {
		return 0, false
	}
	var s int64
	for _, v := range d.vals[i : j+1] {
		if v == unknown {
			return 0, false
		}
		s += v
	}
	return s, true
}

// at returns quarter seq's coefficient.
func (d *dense) at(seq int) (int64, bool) {
	i := seq - d.lo
	if i < 0 || i >= len(d.vals) || d.vals[i] == unknown {
		return 0, false
	}
	return d.vals[i], true
}

// NewQuarters returns the quarters of metric m of company c.
func NewQuarters(c *series.Company, m *series.Metric) *Quarters {
	return new(Quarters).Reset(c, m)
}

// Reset makes q the quarters of metric m of company c, as NewQuarters
// returns them, in the memory q holds: a writer going through many
// companies one at a time allocates their values once.
func (q *Quarters) Reset(c *series.Company, m *series.Metric) *Quarters {
	d := q.dense
	*q = Quarters{Company: c, Metric: m, ledger: m.Ledger()}
	if lo, hi, ok := q.bound(); ok {
		q.dense = newDense(d, q.ledger, lo, hi)
	}
	return q
}

// HasGaps reports whether metric m has a quarter that is not known
// between its first and last known ones, as NewQuarters(c, m).HasGaps()
// does, without holding its values in machine words: for a pass over
// every series before any is written.
func HasGaps(m *series.Metric) bool {
	q := Quarters{Metric: m, ledger: m.Ledger()}
	q.bound()
	return q.HasGaps()
}

// bound sets First and Last (Last < First when no quarter is known), and
// returns the quarters the ledger spans.
func (q *Quarters) bound() (lo, hi int, ok bool) {
	q.First, q.Last = 0, -1
	lo, hi, ok = q.ledger.Bounds()
	if !ok {
		return lo, hi, false
	}
	for s := lo; s <= hi; s++ {
		if q.known(s) {
			q.First = s
			break
		}
	}
	for s := hi; s >= lo; s-- {
		if q.known(s) {
			q.Last = s
			break
		}
	}
	return lo, hi, true
}

// known reports whether quarter seq is printed or derivable.
func (q *Quarters) known(seq int) bool {
	if q.ledger.QuarterOnly() {
		_, ok := q.ledger.Quarter(seq)
		return ok
	}
	_, ok := q.ledger.Span(seq, seq)
	return ok
}

// total is the total of quarters first..last when the points give it. A
// metric of discrete quarters only (every bulk file) adds its points'
// exact values without shopspring; others ask the ledger.
func (q *Quarters) total(first, last int) (Result, bool) {
	if d := q.dense; d != nil {
		sum, ok := d.sum(first, last)
		return Result{x: amount.NewExact(sum, d.exp)}, ok
	}
	if !q.ledger.QuarterOnly() {
		v, ok := q.ledger.Span(first, last)
		return Of(v), ok
	}
	var sum amount.Exact
	for s := first; s <= last; s++ {
		p, ok := q.ledger.Quarter(s)
		if !ok {
			return Result{}, false
		}
		if s == first {
			sum = p.Value
		} else {
			sum = sum.Add(p.Value)
		}
	}
	return OfExact(sum), first <= last
}

// Label names quarter seq as output shows it.
func (q *Quarters) Label(seq int) string { return q.Company.Calendar.Label(period.FromSeq(seq)) }

// Span is the total of quarters first..last.
func (q *Quarters) Span(first, last int) Result {
	if r, ok := q.total(first, last); ok {
		return r
	}
	var gaps []int
	before := false
	for s := first; s <= last; s++ {
		if q.known(s) {
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
		if q.missing == nil {
			q.missing = map[int]bool{}
		}
		for i, s := range gaps {
			q.missing[s] = true
			labels[i] = q.Label(s)
		}
		return NA("missing " + strings.Join(labels, ", "))
	}
	if before && first < q.First {
		if q.before == "" {
			q.before = "before " + q.Label(q.First)
		}
		return NA(q.before)
	}
	if q.Last < q.First {
		return NA("no quarters")
	}
	if q.after == "" {
		q.after = "after " + q.Label(q.Last)
	}
	return NA(q.after)
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
	return OfExact(v.x.MulInt(4))
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
	return "add the missing figures (or the year-to-date figures they follow from)"
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
	if len(terms) == 1 && terms[0].Sign > 0 && terms[0].Point.Basis == series.Quarterly && first == last {
		return in(terms[0].Point.Value.Decimal())
	}
	return series.FormulaIn(terms, q.Company.Calendar, in)
}

// HasGaps reports whether a quarter between the first and last known ones
// is missing: only then can a calculation fail for want of one.
func (q *Quarters) HasGaps() bool {
	for s := q.First; s <= q.Last; s++ {
		if !q.known(s) {
			return true
		}
	}
	return false
}

// Origin says where quarter seq comes from: the sources of the points
// behind it (distinct, joined with " | "), and the derivation when it is
// not one printed figure.
func (q *Quarters) Origin(seq int) (source, derivation string) {
	if p, ok := q.ledger.Quarter(seq); ok {
		return p.Source(), ""
	}
	if !q.known(seq) {
		return "", ""
	}
	sources, derivation := q.Sources(seq, seq)
	return strings.Join(sources, " | "), derivation
}

// Sources lists the distinct sources of the points behind quarters
// first..last, and the derivation when it is not a single printed figure.
func (q *Quarters) Sources(first, last int) (sources []string, derivation string) {
	terms := q.ledger.Explain(first, last)
	seen := map[string]bool{}
	for _, t := range terms {
		if t.Point.Source() != "" && !seen[t.Point.Source()] {
			seen[t.Point.Source()] = true
			sources = append(sources, t.Point.Source())
		}
	}
	if len(terms) > 1 || len(terms) == 1 && terms[0].Sign < 0 {
		derivation = series.Formula(terms, q.Company.Calendar, q.Metric.Unit, q.Metric.Unit)
	}
	return sources, derivation
}

// Filed is the latest filing date of the points behind quarters
// first..last (YYYY-MM-DD), or "" when none is known: how fresh the
// figure is.
func (q *Quarters) Filed(first, last int) string {
	if first == last {
		if p, ok := q.ledger.Quarter(first); ok {
			return p.Filed()
		}
	}
	latest := ""
	for _, t := range q.ledger.Explain(first, last) {
		if f := t.Point.Filed(); f > latest {
			latest = f
		}
	}
	return latest
}

// unitless formats a plain number (a rate) for formulas.
func unitless(d decimal.Decimal) string { return amount.Group(d) }

// Append computes column c at quarter seq and appends its value as text
// to dst, amounts (not rates) multiplied by 10^shift (a change of unit).
// Without a value, it returns dst as it was and the reason. It gives the
// same digits as the Result of the same calculation, without making one,
// for output of millions of rows.
func (q *Quarters) Append(dst []byte, c *Column, seq int, shift int32) ([]byte, string) {
	if c.Rate {
		shift = 0
	}
	if d := q.dense; d != nil {
		switch c.kind {
		case colValue, colRunRate:
			if v, ok := d.at(seq); ok {
				if c.kind == colRunRate {
					v *= 4
				}
				return amount.AppendDecimal(dst, v, d.exp+shift), ""
			}
		case colTTM:
			if sum, ok := d.sum(seq-3, seq); ok {
				return amount.AppendDecimal(dst, sum, d.exp+shift), ""
			}
		case colQoQ, colYoY:
			if n, den, ok := q.denseGrowth(c, seq); ok {
				return appendQuo(dst, n, den), ""
			}
		}
	}
	r := q.Calc(c, seq)
	if !r.OK() {
		return dst, r.NA
	}
	return r.Shift(shift).AppendText(dst), ""
}

// denseGrowth is growth column c (QoQ, YoY) at quarter seq as the
// quotient n / d of two int64 coefficients, when the quarters hold them
// and the base is not zero.
func (q *Quarters) denseGrowth(c *Column, seq int) (n, d int64, ok bool) {
	if q.dense == nil || c.kind != colQoQ && c.kind != colYoY {
		return 0, 0, false
	}
	a, ok1 := q.dense.at(seq - c.Back)
	b, ok2 := q.dense.at(seq)
	return b - a, a, ok1 && ok2 && a != 0
}

// Rounder is a value that output rounds once, from its exact value: a
// Result, or a quotient in a smaller form (render.Exact takes either).
type Rounder interface {
	Decimal() decimal.Decimal
	Fixed(places int32) decimal.Decimal
	AppendText(dst []byte) []byte
	AppendFixed(dst []byte, places int32) []byte
}

// Rounded is Calc(c, seq) as a value for output to round, or the reason
// there is none. A table rounds a million rows' growth: held as a
// Result, each would take 160 bytes of heap, as a smallQuo 64.
func (q *Quarters) Rounded(c *Column, seq int) (Rounder, string) {
	if n, d, ok := q.denseGrowth(c, seq); ok && n != 0 {
		s := newSmallQuo(n, d)
		return &s, ""
	}
	r := q.Calc(c, seq)
	if !r.OK() {
		return nil, r.NA
	}
	return r, ""
}

// Growth is the growth from quarter prev to quarter cur.
func (q *Quarters) Growth(prev, cur int) Result {
	if d := q.dense; d != nil {
		a, ok1 := d.at(prev)
		b, ok2 := d.at(cur)
		if ok1 && ok2 {
			if a == 0 {
				return NA("zero base")
			}
			return quoResult(b-a, a)
		}
	}
	return Growth(q.Value(prev), q.Value(cur))
}

// Part is a fiscal quarter's share of a calendar quarter: Overlap of its
// Days fall in it.
type Part struct {
	Seq           int
	Value         Result
	Overlap, Days int
}

// Prorate is the value of calendar quarter cq (a quarter of calendar
// years) split by days from the fiscal quarters that overlap it:
// Σ value × overlap / days. The sum is exact until one final division,
// correctly rounded to 34 significant digits. It is NA when a fiscal
// quarter it needs has no value.
func (q *Quarters) Prorate(cq period.Period) (Result, []Part) {
	cal := q.Company.Calendar
	start, end := period.CalendarYear.Start(cq), period.CalendarYear.End(cq)
	var parts []Part
	for s := q.First - 2; s <= q.Last+2; s++ {
		o := period.Overlap(cal.SpanStart(s), cal.SpanEnd(s), start, end)
		if o == 0 {
			continue
		}
		parts = append(parts, Part{Seq: s, Value: q.Value(s), Overlap: o, Days: cal.Days(s, s)})
	}
	if len(parts) == 0 {
		return NA("no fiscal quarter in it"), nil
	}
	// Σ v·o/d = (Σ v·o·(L/d)) / L, with L the least common multiple of the
	// days: an exact numerator, one division.
	l := int64(1)
	for _, p := range parts {
		if !p.Value.OK() {
			return NA(p.Value.NA), parts
		}
		l = l / gcd(l, int64(p.Days)) * int64(p.Days)
	}
	var num decimal.Decimal
	for _, p := range parts {
		num = num.Add(p.Value.Decimal().Mul(decimal.NewFromInt(int64(p.Overlap) * (l / int64(p.Days)))))
	}
	return quoOf(num, decimal.NewFromInt(l)), parts
}
