// Package amount owns exact money amounts: parsing them from text, units
// of scale, and formatting them for display.
//
// Amounts are github.com/shopspring/decimal values parsed from their text,
// never through float64. Parse accepts the forms figures are printed in
// ("26.3", "26,300", "(1,234)", "$26.3bn", "26,300M") and refuses anything
// whose meaning is not certain: an empty field, NaN or infinity, more than
// 40 significant digits, an exponent beyond ±30, a number longer than 64
// bytes, and mixed separators such as "1.234,5" unless the decimal comma is
// chosen.
//
// A Unit is a power of ten (one, thousand, million, billion); converting
// between units shifts the decimal point and is exact.
//
// Formatting never changes a value unless asked: Group inserts thousands
// separators into the exact value; Round rounds half away from zero, the
// only rounding done for display.
package amount

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/internal/excerpt"
)

// Unit is the scale a series is stated in, as a power of ten.
type Unit int8

// The units.
const (
	One      Unit = 0
	Thousand Unit = 3
	Million  Unit = 6
	Billion  Unit = 9
)

// Units lists the units from the smallest.
var Units = []Unit{One, Thousand, Million, Billion}

// UnitHint says how units are written.
const UnitHint = "use one, thousand, million or billion (or K, M, mm, B, bn)"

func (u Unit) String() string {
	switch u {
	case One:
		return "one"
	case Thousand:
		return "thousand"
	case Million:
		return "million"
	case Billion:
		return "billion"
	}
	return fmt.Sprintf("1e%d", int(u))
}

// ParseUnit reads a unit name or alias, case-insensitively.
func ParseUnit(s string) (Unit, error) {
	if u, ok := unitAlias(strings.TrimSpace(s)); ok {
		return u, nil
	}
	return 0, &Error{Input: excerpt.Of(s), Reason: "not a unit", hint: UnitHint, what: "unit"}
}

func unitAlias(s string) (Unit, bool) {
	switch strings.ToLower(s) {
	case "one", "ones", "unit", "units", "1":
		return One, true
	case "thousand", "thousands", "k", "000", "thousands of dollars":
		return Thousand, true
	case "million", "millions", "m", "mm", "mn", "mil":
		return Million, true
	case "billion", "billions", "b", "bn", "bil":
		return Billion, true
	}
	return 0, false
}

// Convert restates v, given in unit from, in unit to. It is exact.
func Convert(v decimal.Decimal, from, to Unit) decimal.Decimal {
	if from == to {
		return v
	}
	return v.Shift(int32(from) - int32(to))
}

// Error is a value or unit that could not be read.
type Error struct {
	Input  string // the text, shortened to 40 characters
	Reason string
	hint   string
	what   string // "value" or "unit"
}

func (e *Error) Error() string {
	if e.Input == "" && e.what == "value" {
		return "value is empty"
	}
	return fmt.Sprintf("%s %q: %s", e.what, e.Input, e.Reason)
}

// Hint says how to fix the input, or is empty.
func (e *Error) Hint() string { return e.hint }
