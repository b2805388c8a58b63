package calc

import (
	"encoding/binary"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
)

// quotient is a value rounded to at most 34 significant digits: the
// digits (n of them, the first non-zero) × 10^exp, negated when neg.
type quotient struct {
	digits [Precision]byte
	n      uint8
	exp    int32
	neg    bool
}

func (q *quotient) isZero() bool { return q.n == 0 }

func (q *quotient) appendText(dst []byte) []byte {
	if q.n == 0 {
		return append(dst, '0')
	}
	if q.neg {
		dst = append(dst, '-')
	}
	return amount.AppendDigits(dst, q.digits[:q.n], q.exp)
}

func (q *quotient) decimal() decimal.Decimal {
	d, err := decimal.NewFromString(string(q.appendText(nil)))
	if err != nil {
		panic("calc: a quotient's own text does not parse: " + err.Error())
	}
	return d
}

// maxFast bounds the magnitude of coefficients fastGrowth takes, so that
// differences and aligned values stay far from int64's limits.
const maxFast = 1_000_000_000_000_000_000 / 4 // 2.5e17

// fastGrowth is Growth for two values held as int64 coefficients, without
// shopspring: (cur − prev) / prev by long division in 64-bit words, 19
// digits at a time, rounded to 34 significant digits half away from zero —
// the same digits as Quo (the tests hold it to Quo and to Python). ok is
// false when the values are too large for it.
func fastGrowth(prev, cur amount.Exact) (Result, bool) {
	pc, pe, ok1 := prev.Small()
	cc, ce, ok2 := cur.Small()
	if !ok1 || !ok2 || pc == 0 {
		return Result{}, false
	}
	// Align the exponents; the quotient does not depend on the scale.
	for pe > ce {
		if pc > maxFast/10 || pc < -maxFast/10 {
			return Result{}, false
		}
		pc, pe = pc*10, pe-1
	}
	for ce > pe {
		if cc > maxFast/10 || cc < -maxFast/10 {
			return Result{}, false
		}
		cc, ce = cc*10, ce-1
	}
	if pc > maxFast || pc < -maxFast || cc > maxFast || cc < -maxFast {
		return Result{}, false
	}
	return quoResult(cc-pc, pc), true
}

// appendQuo appends the text of n / d, d ≠ 0, both well inside an int64.
func appendQuo(dst []byte, n, d int64) []byte {
	if n == 0 {
		return append(dst, '0')
	}
	if (n < 0) != (d < 0) {
		dst = append(dst, '-')
	}
	var buf quoBuf
	digits, exp := quoDigits(&buf, abs(n), abs(d))
	return amount.AppendDigits(dst, digits, exp)
}

// quoResult is n / d as a Result: d ≠ 0, and both well inside an int64.
func quoResult(n, d int64) Result {
	if n == 0 {
		return Result{x: amount.NewExact(0, 0)}
	}
	s := newSmallQuo(n, d)
	return s.result()
}

// smallQuo is quoResult(n, d) for n ≠ 0 (whose quotient is no digits,
// which divide does not make) held in fewer bytes: its 34 digits and its
// operands, from which it makes the Result when it is needed.
type smallQuo struct {
	q    quotient
	n, d int64
}

func newSmallQuo(n, d int64) smallQuo {
	s := smallQuo{q: divide(abs(n), abs(d)), n: n, d: d}
	s.q.neg = (n < 0) != (d < 0)
	return s
}

func (s *smallQuo) result() Result {
	return Result{quo: true, q: s.q, num: amount.NewExact(s.n, 0), den: amount.NewExact(s.d, 0)}
}

func (s *smallQuo) Decimal() decimal.Decimal           { return s.result().Decimal() }
func (s *smallQuo) Fixed(places int32) decimal.Decimal { return s.result().Fixed(places) }
func (s *smallQuo) AppendText(dst []byte) []byte       { return s.result().AppendText(dst) }
func (s *smallQuo) AppendFixed(dst []byte, places int32) []byte {
	return s.result().AppendFixed(dst, places)
}

func abs(n int64) uint64 {
	if n < 0 {
		return uint64(-n)
	}
	return uint64(n)
}

// divide returns u/v correctly rounded to 34 significant digits, ties away
// from zero. u > 0, v > 0.
func divide(u, v uint64) quotient {
	var buf quoBuf
	digits, exp := quoDigits(&buf, u, v)
	q := quotient{exp: exp}
	q.n = uint8(copy(q.digits[:], digits))
	return q
}

// quoBuf holds the digits of a quotient being worked out: the integer
// part (at most 20 digits) and fractional digits 19 at a time.
type quoBuf [20 + 3*19]byte

// quoDigits works out u/v correctly rounded to 34 significant digits, ties
// away from zero (u > 0, v > 0): the 34 digits, in buf, and the exponent
// of the last. It divides 64-bit words: the integer part, then the
// remainder times 10^19, nineteen digits a time.
func quoDigits(buf *quoBuf, u, v uint64) ([]byte, int32) {
	const want = Precision + 1 // one more digit, to round by
	n := 0
	if ip := u / v; ip > 0 {
		n = len(strconv.AppendUint(buf[:0], ip, 10))
	}
	intLen := n
	r := u % v
	frac, lead := 0, 0 // fractional digits made; leading zeros when there is no integer part
	for n-lead < want {
		// r < v, so r·10^19 / v < 10^19 fits in a word and Div64 cannot
		// overflow.
		hi, lo := bits.Mul64(r, 10_000_000_000_000_000_000)
		var chunk uint64
		chunk, r = bits.Div64(hi, lo, v)
		put19(buf[n:n+19], chunk)
		n += 19
		frac += 19
		if intLen == 0 {
			for lead < n && buf[lead] == '0' {
				lead++
			}
		}
	}
	// The exponent of the last of the 34 kept digits.
	exp := -int32(frac) + int32(n-(lead+Precision))
	digits := buf[lead : lead+Precision]
	if buf[lead+Precision] >= '5' {
		// Round up, carrying through nines.
		i := Precision - 1
		for i >= 0 && digits[i] == '9' {
			digits[i] = '0'
			i--
		}
		if i >= 0 {
			digits[i]++
		} else {
			// 999…9 rounded up is 10^34: "1" and one place up.
			digits[0] = '1'
			exp++
		}
	}
	return digits, exp
}

// quads holds "0000" to "9999", each as the four bytes of a
// little-endian uint32, for writing digits four at a time with one store.
var quads = func() *[10000]uint32 {
	var t [10000]uint32
	for i := range 10000 {
		t[i] = binary.LittleEndian.Uint32([]byte{byte('0' + i/1000), byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)})
	}
	return &t
}()

// put19 writes v < 10^19 as exactly 19 digits, with leading zeros: three
// from v / 10^16, then four groups of four from 32-bit words.
func put19(dst []byte, v uint64) {
	_ = dst[18]
	hi := uint32(v / 1e16)
	mid := uint32(v / 1e8 % 1e8)
	lo := uint32(v % 1e8)
	dst[0] = byte('0' + hi/100)
	dst[1] = byte('0' + hi/10%10)
	dst[2] = byte('0' + hi%10)
	binary.LittleEndian.PutUint32(dst[3:7], quads[mid/10000])
	binary.LittleEndian.PutUint32(dst[7:11], quads[mid%10000])
	binary.LittleEndian.PutUint32(dst[11:15], quads[lo/10000])
	binary.LittleEndian.PutUint32(dst[15:19], quads[lo%10000])
}

// appendFixed appends q correctly rounded to places decimals (places ≥
// 0) as decimal's StringFixed writes it, when q's digits decide the
// rounding: ok is false when the digits after the last one kept are
// exactly 5 followed by zeros, which q's own rounding to 34 digits may
// have made from a value just below or just above the half, and when
// more than 34 significant digits are asked for.
func (q *quotient) appendFixed(dst []byte, places int32) ([]byte, bool) {
	n := int(q.n)
	if n == 0 {
		dst = append(dst, '0')
		if places > 0 {
			dst = append(dst, '.')
			for i := int32(0); i < places; i++ {
				dst = append(dst, '0')
			}
		}
		return dst, true
	}
	k := n + int(q.exp) + int(places) // digits kept
	var coef [Precision + 1]byte
	c := coef[:0]
	switch {
	case k > Precision:
		// Past q's 34 digits: the quotient may not end where q does.
		return dst, false
	case k >= n:
		// q's digits after its n are zeros to the 34th: the value is
		// within half a unit of the 34th digit of a number that ends
		// before the kth, and rounds to it.
		c = append(c, q.digits[:n]...)
	case k >= 0:
		c = append(c, q.digits[:k]...)
		tail := q.digits[k:n]
		up := tail[0] > '5'
		if tail[0] == '5' {
			for _, d := range tail[1:] {
				if d != '0' {
					up = true
					break
				}
			}
			if !up {
				return dst, false
			}
		}
		if up {
			i := len(c) - 1
			for ; i >= 0 && c[i] == '9'; i-- {
				c[i] = '0'
			}
			if i >= 0 {
				c[i]++
			} else {
				// All nines: 10…0, one digit more.
				c = append(c, '0')
				c[0] = '1'
			}
		}
	}
	// c × 10^(k − len(c) − places) with k ≥ len(c) when nothing was cut:
	// pad to k digits, which are the coefficient of 10^−places.
	for len(c) < k {
		c = append(c, '0')
	}
	zero := true
	for _, d := range c {
		if d != '0' {
			zero = false
			break
		}
	}
	if q.neg && !zero {
		dst = append(dst, '-')
	}
	p := int(places)
	if len(c) <= p {
		dst = append(dst, '0')
		if p > 0 {
			dst = append(dst, '.')
			for i := len(c); i < p; i++ {
				dst = append(dst, '0')
			}
			dst = append(dst, c...)
		}
		return dst, true
	}
	// Leading zeros cannot occur: the first digit of q is not zero, and a
	// carry makes a 1.
	dst = append(dst, c[:len(c)-p]...)
	if p > 0 {
		dst = append(dst, '.')
		dst = append(dst, c[len(c)-p:]...)
	}
	return dst, true
}
