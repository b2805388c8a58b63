package amount

import (
	"math"
	"math/big"
	"strconv"

	"github.com/shopspring/decimal"
)

// Exact is an exact decimal number stored without a heap allocation when
// its coefficient fits in an int64 — every figure a filing prints — and
// as a shopspring decimal otherwise. Series hold millions of values, and a
// shopspring decimal allocates a big.Int for each.
//
// The zero Exact is 0.
type Exact struct {
	coef int64 // the value is coef × 10^exp, when big is nil
	exp  int32
	big  *decimal.Decimal
}

// ExactOf is d as an Exact.
func ExactOf(d decimal.Decimal) Exact {
	if d.NumDigits() <= 18 {
		return Exact{coef: d.CoefficientInt64(), exp: d.Exponent()}
	}
	return Exact{big: &d}
}

// NewExact is coef × 10^exp.
func NewExact(coef int64, exp int32) Exact { return Exact{coef: coef, exp: exp} }

// Small returns the value as coef × 10^exp when it is held that way.
func (e Exact) Small() (coef int64, exp int32, ok bool) {
	return e.coef, e.exp, e.big == nil
}

// Decimal is the value as a shopspring decimal (which allocates).
func (e Exact) Decimal() decimal.Decimal {
	if e.big != nil {
		return *e.big
	}
	return decimal.New(e.coef, e.exp)
}

// String is the value as shopspring writes it: no exponent, no trailing
// zeros after the point.
func (e Exact) String() string {
	if e.big != nil {
		return e.big.String()
	}
	return string(AppendDecimal(nil, e.coef, e.exp))
}

// Sign is −1, 0 or +1.
func (e Exact) Sign() int {
	if e.big != nil {
		return e.big.Sign()
	}
	switch {
	case e.coef < 0:
		return -1
	case e.coef > 0:
		return 1
	}
	return 0
}

// In restates e, given in unit from, in unit to. It is exact.
func (e Exact) In(from, to Unit) Exact {
	if from == to {
		return e
	}
	return e.Shift(int32(from) - int32(to))
}

// neg is −e.
func (e Exact) neg() Exact {
	if e.big != nil {
		d := e.big.Neg()
		return Exact{big: &d}
	}
	return Exact{coef: -e.coef, exp: e.exp}
}

// Shift multiplies by 10^n, exactly.
func (e Exact) Shift(n int32) Exact {
	if e.big != nil {
		d := e.big.Shift(n)
		return Exact{big: &d}
	}
	return Exact{coef: e.coef, exp: e.exp + n}
}

// AppendDecimal appends coef × 10^exp in the form shopspring's String
// writes: an optional "-", the integer part, and the fraction without
// trailing zeros ("26.3", "500", "0.001").
func AppendDecimal(dst []byte, coef int64, exp int32) []byte {
	if coef == 0 {
		return append(dst, '0')
	}
	if -maxFastPlaces <= exp && exp <= 0 && coef != math.MinInt64 {
		return appendSmallDecimal(dst, coef, int(-exp))
	}
	var buf [24]byte
	var digits []byte
	neg := coef < 0
	if coef == math.MinInt64 {
		digits = []byte(new(big.Int).Neg(big.NewInt(coef)).String())
	} else {
		if neg {
			coef = -coef
		}
		digits = strconv.AppendUint(buf[:0], uint64(coef), 10)
	}
	if neg {
		dst = append(dst, '-')
	}
	return AppendDigits(dst, digits, exp)
}

// maxFastPlaces is the most decimal places appendSmallDecimal writes.
const maxFastPlaces = 19

// pairs holds "00" to "99", for writing digits two at a time.
const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// appendSmallDecimal is AppendDecimal for coef × 10^−places, coef ≠ 0 and
// not math.MinInt64, 0 ≤ places ≤ maxFastPlaces: the digits are written
// once, from the last, into a buffer of their own (the value is at most
// 19 digits, a point and "0." with 19 zeros).
func appendSmallDecimal(dst []byte, coef int64, places int) []byte {
	u := uint64(coef)
	if coef < 0 {
		u = uint64(-coef)
		dst = append(dst, '-')
	}
	// Trailing zeros of the fraction are dropped.
	for places > 0 && u%10 == 0 {
		u /= 10
		places--
	}
	var buf [48]byte
	i := len(buf)
	if places > 0 {
		// The fraction's digits, two at a time while two remain in it,
		// then one at a time (zeros once u runs out), and the point.
		for places >= 2 && u >= 100 {
			d := u % 100 * 2
			u /= 100
			i -= 2
			buf[i], buf[i+1] = pairs[d], pairs[d+1]
			places -= 2
		}
		for ; places > 0; places-- {
			i--
			buf[i] = byte('0' + u%10)
			u /= 10
		}
		i--
		buf[i] = '.'
		if u == 0 {
			i--
			buf[i] = '0'
		}
	}
	// The integer part.
	for u >= 100 {
		d := u % 100 * 2
		u /= 100
		i -= 2
		buf[i], buf[i+1] = pairs[d], pairs[d+1]
	}
	if u >= 10 {
		i -= 2
		buf[i], buf[i+1] = pairs[u*2], pairs[u*2+1]
	} else if u > 0 {
		i--
		buf[i] = byte('0' + u)
	}
	return append(dst, buf[i:]...)
}

// AppendDigits appends digits × 10^exp (digits without sign or leading
// zeros) without an exponent and without trailing fractional zeros.
func AppendDigits(dst, digits []byte, exp int32) []byte {
	if exp >= 0 {
		dst = append(dst, digits...)
		for i := int32(0); i < exp; i++ {
			dst = append(dst, '0')
		}
		return dst
	}
	// Trailing zeros of the fraction are dropped (they are all after the
	// point when exp < 0).
	frac := int(-exp)
	for frac > 0 && len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		frac--
	}
	if frac == 0 {
		return append(dst, digits...)
	}
	if len(digits) > frac {
		dst = append(dst, digits[:len(digits)-frac]...)
		dst = append(dst, '.')
		return append(dst, digits[len(digits)-frac:]...)
	}
	dst = append(dst, '0', '.')
	for i := len(digits); i < frac; i++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

// fastLimit bounds coefficients that arithmetic keeps in int64, far from
// overflow: a sum of two, or a product by a small factor, stays exact.
const fastLimit = 1 << 59

// Add is a + b, exactly.
func (e Exact) Add(o Exact) Exact {
	if ac, ae, ok := e.Small(); ok {
		if bc, be, ok := o.Small(); ok {
			if ac, bc, exp, ok := align(ac, ae, bc, be); ok {
				return Exact{coef: ac + bc, exp: exp}
			}
		}
	}
	d := e.Decimal().Add(o.Decimal())
	return ExactOf(d)
}

// MulInt is e × n, exactly, for a small n.
func (e Exact) MulInt(n int64) Exact {
	if c, exp, ok := e.Small(); ok && c < fastLimit/16 && c > -fastLimit/16 && n <= 16 && n >= -16 {
		return Exact{coef: c * n, exp: exp}
	}
	return ExactOf(e.Decimal().Mul(decimal.NewFromInt(n)))
}

// align scales two coefficients to the smaller exponent; ok is false when
// either would leave the fast range.
func align(ac int64, ae int32, bc int64, be int32) (int64, int64, int32, bool) {
	for ae > be {
		if ac >= fastLimit/10 || ac <= -fastLimit/10 {
			return 0, 0, 0, false
		}
		ac, ae = ac*10, ae-1
	}
	for be > ae {
		if bc >= fastLimit/10 || bc <= -fastLimit/10 {
			return 0, 0, 0, false
		}
		bc, be = bc*10, be-1
	}
	if ac >= fastLimit || ac <= -fastLimit || bc >= fastLimit || bc <= -fastLimit {
		return 0, 0, 0, false
	}
	return ac, bc, ae, true
}
