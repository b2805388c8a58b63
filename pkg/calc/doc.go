// Package calc owns the calculations capex makes from a series: discrete
// quarters and their TTM, QoQ, YoY and run rate (Quarters); growth and
// CAGR; and projections (annualize, trailing, growth, trend, scenarios).
// Every projection carries the formula that produced it, with its
// operands, so that it can be checked by hand.
//
// # Arithmetic rules
//
// Values are exact decimals (github.com/shopspring/decimal). Sums,
// differences, scaling by a power of ten and multiplication are exact:
// a TTM is an exact sum, growth compounded over N years an exact product.
//
// A result that may not terminate is correctly rounded to Precision (34)
// significant digits, ties away from zero, in one step:
//
//   - growth = (current − previous) / previous is one division (Growth);
//   - a run rate over 9 months, base × 12 / 9, is one division;
//   - CAGR = (end / start)^(4 / quarters) − 1 is computed on integers with
//     as many guard digits as it takes to decide the 34th (CAGR);
//   - a trend forecast is (A + B·x) / D with A, B, D exact, one division,
//     and the sum of four forecasts is one division of their exact sum.
//
// Python's decimal module with prec=34 and ROUND_HALF_UP computes the same
// quotients, and the tests hold this package to vectors it produced
// (testdata/gen-*.py). shopspring's package-level DivisionPrecision is
// never used or changed.
//
// # Undefined results
//
// A calculation that has no value returns a Result with NA set to the
// reason, never NaN, zero, a panic or a huge number: growth from a zero
// base ("zero base"); a CAGR from a zero or negative start, across a
// change of sign ("turned positive", "turned negative") or over less than a
// year; a quarter before the data ("before 2022Q4") or missing inside it
// ("missing 2023Q2"). Division by zero is caught before shopspring (which
// would panic) is called.
//
// Rounding for display (tables, --decimals) is not done here: results keep
// every digit, and package amount rounds half away from zero when
// rendering.
package calc
