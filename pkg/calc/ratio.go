package calc

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Ratio is an exact quotient Num / Den, Den > 0: the value of a figure
// made by a division (a run rate over nine months, a trend forecast, a
// total of them), kept so that it is rounded once, from the exact value,
// to whatever is printed.
type Ratio struct {
	Num, Den decimal.Decimal
}

var one = decimal.NewFromInt(1)

// RatioOf is d as a Ratio.
func RatioOf(d decimal.Decimal) Ratio { return Ratio{Num: d, Den: one} }

// NewRatio is num / den, in lowest terms when both are integers; den
// must not be zero. A negative den moves its sign to num.
func NewRatio(num, den decimal.Decimal) Ratio {
	if den.IsNegative() {
		num, den = num.Neg(), den.Neg()
	}
	return lowest(Ratio{Num: num, Den: den})
}

// String writes the ratio exactly: "1.44" when the denominator is one,
// else "4/3".
func (r Ratio) String() string {
	if r.IsInteger() {
		return r.Num.String()
	}
	return r.Num.String() + "/" + r.Den.String()
}

// Result is the ratio as a Result: its kept digits, and its operands for
// Fixed.
func (r Ratio) Result() Result {
	if r.IsInteger() {
		return Of(r.Num)
	}
	return quoOf(r.Num, r.Den)
}

// IsInteger reports whether the denominator is one: the value is Num.
func (r Ratio) IsInteger() bool { return r.Den.Equal(one) }

// Decimal is the value as capex keeps it: exact when the denominator is
// one, else correctly rounded to 34 significant digits.
func (r Ratio) Decimal() decimal.Decimal {
	if r.IsInteger() {
		return r.Num
	}
	v, _ := Quo(r.Num, r.Den)
	return v
}

// Fixed is the value correctly rounded to places decimal places, half
// away from zero, from the exact quotient.
func (r Ratio) Fixed(places int32) decimal.Decimal {
	if r.IsInteger() {
		return r.Num.Round(places)
	}
	return r.Num.DivRound(r.Den, places)
}

// Shift is r × 10^n, as a change of unit is.
func (r Ratio) Shift(n int32) Ratio { return Ratio{Num: r.Num.Shift(n), Den: r.Den} }

// Add is r + o, exactly: over a common denominator, one division left.
func (r Ratio) Add(o Ratio) Ratio {
	if r.Den.Equal(o.Den) {
		return Ratio{Num: r.Num.Add(o.Num), Den: r.Den}
	}
	return lowest(Ratio{Num: r.Num.Mul(o.Den).Add(o.Num.Mul(r.Den)), Den: r.Den.Mul(o.Den)})
}

// Neg is −r.
func (r Ratio) Neg() Ratio { return Ratio{Num: r.Num.Neg(), Den: r.Den} }

// Sub is r − o, exactly.
func (r Ratio) Sub(o Ratio) Ratio { return r.Add(o.Neg()) }

// Abs is |r|.
func (r Ratio) Abs() Ratio { return Ratio{Num: r.Num.Abs(), Den: r.Den} }

// DivBy is r / d, exactly; d must not be zero.
func (r Ratio) DivBy(d decimal.Decimal) Ratio { return NewRatio(r.Num, r.Den.Mul(d)) }

// Cmp compares r with o: −1, 0 or +1.
func (r Ratio) Cmp(o Ratio) int { return r.Num.Mul(o.Den).Cmp(o.Num.Mul(r.Den)) }

// Mul is r × d, exactly.
func (r Ratio) Mul(d decimal.Decimal) Ratio { return lowest(Ratio{Num: r.Num.Mul(d), Den: r.Den}) }

// lowest divides numerator and denominator by their greatest common
// divisor when both are integers, so that sums of many ratios keep small
// denominators.
func lowest(r Ratio) Ratio {
	if r.Num.Exponent() < 0 || r.Den.Exponent() < 0 {
		return r
	}
	n, d := r.Num.BigInt(), r.Den.BigInt()
	g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(n), d)
	if g.Sign() == 0 || g.Cmp(big.NewInt(1)) == 0 {
		return r
	}
	return Ratio{Num: decimal.NewFromBigInt(n.Quo(n, g), 0), Den: decimal.NewFromBigInt(d.Quo(d, g), 0)}
}
