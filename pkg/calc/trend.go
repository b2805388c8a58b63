package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Fit is a least-squares line through points (x, y) for x = 1..n, as
// Excel's FORECAST.LINEAR and TREND compute it, kept exact: with
//
//	D = nΣx² − (Σx)²,  B = nΣxy − ΣxΣy,  A = ΣyΣx² − ΣxΣxy
//
// the slope is B/D, the intercept A/D, and the forecast at x is
// (A + B·x) / D. A, B and D are exact; each forecast, and the sum of
// several, is one division correctly rounded to 34 significant digits.
type Fit struct {
	N    int
	A, B decimal.Decimal
	D    decimal.Decimal
}

// NewFit fits ys at x = 1..len(ys). It needs at least two points.
func NewFit(ys []decimal.Decimal) Fit {
	n := int64(len(ys))
	var sy, sxy decimal.Decimal
	for i, y := range ys {
		sy = sy.Add(y)
		sxy = sxy.Add(y.Mul(decimal.NewFromInt(int64(i + 1))))
	}
	sx := n * (n + 1) / 2
	sxx := n * (n + 1) * (2*n + 1) / 6
	dn, dsx, dsxx := decimal.NewFromInt(n), decimal.NewFromInt(sx), decimal.NewFromInt(sxx)
	return Fit{
		N: int(n),
		A: sy.Mul(dsxx).Sub(dsx.Mul(sxy)),
		B: dn.Mul(sxy).Sub(dsx.Mul(sy)),
		D: decimal.NewFromInt(n*sxx - sx*sx),
	}
}

// numerator is A + B·x, exactly.
func (f Fit) numerator(x int) decimal.Decimal { return f.A.Add(f.B.Mul(decimal.NewFromInt(int64(x)))) }

// Forecast is the fitted value at x.
func (f Fit) Forecast(x int) decimal.Decimal {
	v, _ := Quo(f.numerator(x), f.D)
	return v
}

// Sum is the sum of the fitted values at xs, rounded once.
func (f Fit) Sum(xs ...int) decimal.Decimal { return f.SumRatio(xs...).Decimal() }

// SumRatio is the sum of the fitted values at xs, exactly: (Σ A + B·x) / D.
func (f Fit) SumRatio(xs ...int) Ratio {
	var num decimal.Decimal
	for _, x := range xs {
		num = num.Add(f.numerator(x))
	}
	return NewRatio(num, f.D)
}

// Slope is B/D.
func (f Fit) Slope() decimal.Decimal { v, _ := Quo(f.B, f.D); return v }

// Intercept is A/D.
func (f Fit) Intercept() decimal.Decimal { v, _ := Quo(f.A, f.D); return v }

// Trend fits a line to the window quarters ending at asOf and projects the
// next four quarters; the projection is their sum.
func (q *Quarters) Trend(asOf, window int) (*Projection, error) {
	if err := WindowRange.Check(window); err != nil {
		return nil, err
	}
	first := asOf - window + 1
	ys := make([]decimal.Decimal, 0, window)
	var sum decimal.Decimal
	var bad *Result
	badAt := 0
	for s := first; s <= asOf; s++ {
		v := q.Value(s)
		if !v.OK() {
			if bad == nil {
				bad, badAt = &v, s
			}
			continue
		}
		ys = append(ys, v.Decimal())
		sum = sum.Add(v.Decimal())
	}
	if bad != nil {
		// Every quarter of the window was looked at, so the error names
		// all the missing ones.
		return nil, q.naError("quarter "+q.Label(badAt)+" of the trend window", *bad)
	}
	fit := NewFit(ys)
	xs := []int{window + 1, window + 2, window + 3, window + 4}
	p := &Projection{
		Company: q.Company, Metric: q.Metric, Method: fmt.Sprintf("trend %dq", window),
		BaseFirst: first, BaseLast: asOf, BaseValue: sum,
		TargetFirst: asOf + 1, TargetLast: asOf + 4,
	}
	p.set(fit.SumRatio(xs...))
	// The formula shows A, B and D exactly, so that every line can be
	// worked again from the numbers it shows; slope and intercept are
	// named for reading, rounded.
	p.steps = func(in func(decimal.Decimal) string) []string {
		vals := make([]string, len(ys))
		for i, y := range ys {
			vals[i] = in(y)
		}
		lines := []string{
			fmt.Sprintf("trend over %s (x = 1..%d): %s", p.BaseLabel(), window, strings.Join(vals, ", ")),
			fmt.Sprintf("fit y = (A + B × x) / D with A = %s, B = %s, D = %s (intercept A/D = %s, slope B/D = %s)",
				in(fit.A), in(fit.B), unitless(fit.D), in(fit.Intercept()), in(fit.Slope())),
		}
		var parts []string
		sx := 0
		for i, x := range xs {
			lines = append(lines, fmt.Sprintf("%s = (A + B × %d) / D = %s", q.Label(asOf+i+1), x, in(fit.Forecast(x))))
			parts = append(parts, q.Label(asOf+i+1))
			sx += x
		}
		return append(lines, fmt.Sprintf("%s = %s = (%d × A + B × %d) / D = %s", p.TargetLabel(), strings.Join(parts, " + "), len(xs), sx, in(p.Value)))
	}
	return p, nil
}
