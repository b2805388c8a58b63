package calc

import (
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
)

// Result is a calculated figure, or the reason there is none. Undefined
// results are typed this way, never NaN, zero, a panic or a huge number.
//
// A result holds its value exactly: an amount.Exact for sums and
// differences, or the 34 digits of a rounded quotient. Decimal returns it
// as a shopspring decimal; AppendText writes it without allocating, for
// output of millions of rows.
type Result struct {
	NA string // why there is no value ("zero base", "missing 2023Q2"); "" when there is one

	quo bool         // the value is a rounded quotient in q
	x   amount.Exact // the value, when not a quotient
	q   quotient
	// A quotient keeps its operands, num / den, and a root its own, so
	// that Fixed rounds once from the exact value.
	num, den amount.Exact
	root     *root
}

// OK reports whether the result has a value.
func (r Result) OK() bool { return r.NA == "" }

// Of wraps a value as a Result.
func Of(v decimal.Decimal) Result { return Result{x: amount.ExactOf(v)} }

// OfExact wraps an exact value as a Result.
func OfExact(v amount.Exact) Result { return Result{x: v} }

// NA is a result without a value, for the reason given.
func NA(reason string) Result { return Result{NA: reason} }

// quoOf is a / b (b ≠ 0) as a Result: 34 significant digits, and the
// operands for Fixed.
func quoOf(a, b decimal.Decimal) Result {
	q, _ := Quo(a, b)
	r := Of(q)
	if r.x.Sign() != 0 {
		r.num, r.den = amount.ExactOf(a), amount.ExactOf(b)
	}
	return r
}

// Fixed is the value correctly rounded to places decimal places, half
// away from zero: from the exact value of a sum, the exact quotient of a
// division, or the root taken again to as many digits as it takes.
func (r Result) Fixed(places int32) decimal.Decimal {
	switch {
	case r.root != nil:
		return r.root.fixed(places)
	case r.den.Sign() != 0:
		return r.num.Decimal().DivRound(r.den.Decimal(), places)
	}
	return r.Decimal().Round(places)
}

// AppendFixed appends the value correctly rounded to places decimals
// (places ≥ 0), with exactly places decimals, as Fixed(places).
// StringFixed(places) writes it: from a quotient's 34 digits when they
// decide the rounding, without the big arithmetic Fixed takes.
func (r Result) AppendFixed(dst []byte, places int32) []byte {
	if r.quo && r.root == nil {
		if b, ok := r.q.appendFixed(dst, places); ok {
			return b
		}
	}
	return append(dst, r.Fixed(places).StringFixed(places)...)
}

// Ratio is the value as an exact quotient; a root, which has none, is its
// 34 digits.
func (r Result) Ratio() Ratio {
	if r.den.Sign() != 0 {
		return NewRatio(r.num.Decimal(), r.den.Decimal())
	}
	return RatioOf(r.Decimal())
}

// Decimal is the value as a shopspring decimal (zero when there is none).
func (r Result) Decimal() decimal.Decimal {
	if r.quo {
		return r.q.decimal()
	}
	return r.x.Decimal()
}

// AppendText appends the value as shopspring's String writes it.
func (r Result) AppendText(dst []byte) []byte {
	if r.quo {
		return r.q.appendText(dst)
	}
	if c, e, ok := r.x.Small(); ok {
		return amount.AppendDecimal(dst, c, e)
	}
	return append(dst, r.x.String()...)
}

// Shift multiplies the value by 10^n, as a change of unit does. A
// quotient (a rate) has no unit and is returned as it is.
func (r Result) Shift(n int32) Result {
	if n == 0 || r.quo || !r.OK() {
		return r
	}
	r.x = r.x.Shift(n)
	if r.den.Sign() != 0 {
		r.num = r.num.Shift(n)
	}
	return r
}

// String is the value as text.
func (r Result) String() string {
	if !r.OK() {
		return "n/a: " + r.NA
	}
	return string(r.AppendText(nil))
}

// Growth is (cur − prev) / prev as one division correctly rounded to 34
// significant digits: 0.25 is 25% growth. A zero base has no growth.
func Growth(prev, cur Result) Result {
	switch {
	case !cur.OK():
		return cur
	case !prev.OK():
		return prev
	case !prev.quo && prev.x.Sign() == 0, prev.quo && prev.q.isZero():
		return NA("zero base")
	}
	if !prev.quo && !cur.quo {
		if r, ok := fastGrowth(prev.x, cur.x); ok {
			return r
		}
	}
	return quoOf(cur.Decimal().Sub(prev.Decimal()), prev.Decimal())
}

// CAGR is the compound annual growth rate from start to end over the
// given number of quarters: (end / start)^(4 / quarters) − 1, correctly
// rounded to 34 significant digits, ties away from zero; Fixed takes the
// root again to round it to any number of places.
//
// It is undefined (NA) for a zero or negative start ("zero base",
// "negative base"), a change of sign ("turned negative"), and a span under
// one year. An end of zero is −100%.
//
// The root is taken on integers: with x = (end/start)^(4/quarters), the
// integer nth root gives x truncated to P decimal places exactly, so the
// true CAGR lies in [t, t + 10^−P). If both ends of that interval round to
// the same digits, that is the answer; otherwise P grows and the root is
// taken again. When the root is exact the truncation is the value itself.
func CAGR(start, end decimal.Decimal, quarters int) Result {
	switch {
	case quarters < 4:
		return NA("span under one year")
	case start.IsZero():
		return NA("zero base")
	case start.IsNegative() && end.IsPositive():
		return NA("turned positive")
	case start.IsNegative():
		return NA("negative base")
	case end.IsNegative():
		return NA("turned negative")
	case end.IsZero():
		return Of(decimal.NewFromInt(-1))
	}
	// x = (end/start)^(a/k) with a/k = 4/quarters in lowest terms.
	a, k := int64(4), int64(quarters)
	for g := gcd(a, k); g > 1; g = gcd(a, k) {
		a, k = a/g, k/g
	}
	// end/start = en/sn as integers.
	en, sn := ratio(end, start)
	rt := &root{
		num: new(big.Int).Exp(en, big.NewInt(a), nil),
		den: new(big.Int).Exp(sn, big.NewInt(a), nil),
		k:   k,
	}
	v, ok := rt.round(roundSig)
	if !ok {
		return NA("not decidable to 34 digits")
	}
	r := Of(v)
	r.root = rt
	return r
}

// root is x − 1 for x = (num/den)^(1/k): a CAGR, kept to be rounded again.
type root struct {
	num, den *big.Int
	k        int64
}

// fixed is x − 1 rounded to places decimal places.
func (rt *root) fixed(places int32) decimal.Decimal {
	v, _ := rt.round(func(d decimal.Decimal) decimal.Decimal { return d.Round(places) })
	return v
}

// round is x − 1 rounded by round, correctly: it takes the integer root
// with more places until both ends of the interval the value lies in
// round alike. ok is false when 4,000 places do not decide it.
func (rt *root) round(round func(decimal.Decimal) decimal.Decimal) (decimal.Decimal, bool) {
	one := decimal.NewFromInt(1)
	num, den, k := rt.num, rt.den, rt.k
	// Enough places for 34 significant digits of x − 1 even when the
	// growth is tiny: start with 34 beyond the magnitude of x − 1 as
	// estimated from the ratio, and add more until the rounding is decided.
	for places := int32(40 + estimateLeadingZeros(num, den, k)); places <= 4000; places += 40 {
		// floor(x · 10^places) = floor(root_k(num · 10^(k·places) / den)).
		scaled := new(big.Int).Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(k*int64(places)), nil))
		scaled.Quo(scaled, den)
		r, exact := iroot(scaled, k)
		if exact {
			// The root of the integer part is exact; x itself is exact only
			// if nothing was lost in the division above.
			check := new(big.Int).Exp(r, big.NewInt(k), nil)
			check.Mul(check, den)
			full := new(big.Int).Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(k*int64(places)), nil))
			exact = check.Cmp(full) == 0
		}
		lo := decimal.NewFromBigInt(r, -places).Sub(one)
		if exact {
			return round(lo), true
		}
		hi := lo.Add(decimal.New(1, -places))
		if a, b := round(lo), round(hi); a.Equal(b) {
			return a, true
		}
	}
	return decimal.Decimal{}, false
}

// roundSig rounds d to 34 significant digits, half away from zero.
func roundSig(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return d
	}
	return d.Round(Precision - 1 - adjusted(d))
}

// ratio returns integers en, sn with en/sn = end/start.
func ratio(end, start decimal.Decimal) (*big.Int, *big.Int) {
	en, sn := new(big.Int).Set(end.Coefficient()), new(big.Int).Set(start.Coefficient())
	shift := int64(end.Exponent()) - int64(start.Exponent())
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(shift)), nil)
	if shift > 0 {
		en.Mul(en, p)
	} else {
		sn.Mul(sn, p)
	}
	return en, sn
}

// estimateLeadingZeros guesses how many zeros follow the decimal point in
// x − 1 when x = (num/den)^(1/k) is close to 1, from |num − den| / den.
func estimateLeadingZeros(num, den *big.Int, k int64) int {
	diff := new(big.Int).Sub(num, den)
	diff.Abs(diff)
	if diff.Sign() == 0 {
		return 0
	}
	z := len(den.String()) - len(diff.String()) + len(big.NewInt(k).String())
	if z < 0 {
		return 0
	}
	return z
}

// iroot returns floor(n^(1/k)) for n ≥ 0 and whether it is exact.
func iroot(n *big.Int, k int64) (*big.Int, bool) {
	if n.Sign() == 0 {
		return new(big.Int), true
	}
	if k == 1 {
		return new(big.Int).Set(n), true
	}
	bk := big.NewInt(k)
	k1 := big.NewInt(k - 1)
	// Start above the root: 2^ceil(bits/k).
	x := new(big.Int).Lsh(big.NewInt(1), uint(n.BitLen()/int(k)+1))
	for {
		// Newton: y = ((k−1)x + n / x^(k−1)) / k, decreasing to the floor.
		xk1 := new(big.Int).Exp(x, k1, nil)
		y := new(big.Int).Quo(n, xk1)
		y.Add(y, new(big.Int).Mul(k1, x))
		y.Quo(y, bk)
		if y.Cmp(x) >= 0 {
			break
		}
		x = y
	}
	exact := new(big.Int).Exp(x, bk, nil).Cmp(n) == 0
	return x, exact
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
