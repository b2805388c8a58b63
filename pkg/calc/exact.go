package calc

import (
	"errors"

	"github.com/shopspring/decimal"
)

// Precision is the number of significant digits of a result that may not
// terminate.
const Precision = 34

// ErrDivisionByZero is returned for a division by zero.
var ErrDivisionByZero = errors.New("division by zero")

// Quo returns a / b correctly rounded to 34 significant digits, ties away
// from zero.
func Quo(a, b decimal.Decimal) (decimal.Decimal, error) {
	if b.IsZero() {
		return decimal.Decimal{}, ErrDivisionByZero
	}
	if a.IsZero() {
		return decimal.Zero, nil
	}
	// The quotient's decimal exponent (the power of ten of its first
	// digit) is ea−eb when a's leading digits are at least b's, else one
	// less. Knowing it, one DivRound to the right number of places is
	// a single correct rounding to 34 significant digits.
	ea, eb := adjusted(a), adjusted(b)
	e := ea - eb
	if a.Abs().Shift(-ea).Cmp(b.Abs().Shift(-eb)) < 0 {
		e--
	}
	return a.DivRound(b, Precision-1-e), nil
}

// adjusted is the exponent of d's leading digit: d = m × 10^adjusted with
// 1 ≤ |m| < 10.
func adjusted(d decimal.Decimal) int32 {
	return int32(d.NumDigits()) - 1 + d.Exponent()
}
