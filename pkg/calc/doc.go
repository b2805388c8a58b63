// Package calc owns the calculations capex makes from a series: run-rate
// annualization today, and every result carries the formula that produced
// it, with its operands, so that it can be checked by hand.
//
// # Arithmetic rules
//
// Values are exact decimals (github.com/shopspring/decimal). Sums,
// differences, scaling by a power of ten and multiplication are exact.
//
// A result that may not terminate (a quotient) is correctly rounded to
// Precision (34) significant digits, ties away from zero, in one step: the
// division is never done at another precision first. Python's decimal
// module with prec=34 and ROUND_HALF_UP gives the same digits, and the
// tests hold Quo to vectors it produced. shopspring's package-level
// DivisionPrecision is never used or changed.
//
// Division by zero is reported as ErrDivisionByZero before shopspring is
// called (it would panic).
//
// Rounding for display (tables, --decimals) is not done here: results keep
// every digit, and package amount rounds half away from zero when
// rendering.
package calc
