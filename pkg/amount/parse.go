package amount

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/internal/excerpt"
)

// Limits on what Parse reads. Parsing cost grows with the square of a
// number's length, so the length is bounded before anything else.
//
// One rule bounds the value, however it is written: written out in full,
// without an exponent, it has at most MaxDigits digits, counting its
// integer digits (without leading zeros) and its decimal places up to the
// last that is not zero. So 1e30 (31 digits), 1e-40 (40 places) and a
// 40-digit integer are read; 1e40, 1e-41 and 0.1e-40 are not, nor is
// 1.5e-40 (41 places). 0.1e31 is 1e30, and is read.
const (
	MaxLen    = 64 // bytes in a value field
	MaxDigits = 40 // digits of the value written out
)

// Mark is the decimal mark a value is read with.
type Mark uint8

// The decimal marks.
const (
	// PointMark: "." is the decimal mark and "," groups thousands:
	// 1,234.5.
	PointMark Mark = iota
	// CommaMark: "," is the decimal mark and "." groups thousands:
	// 1.234,5.
	CommaMark
	// GuessedComma reads "," as the decimal mark, as CommaMark does, for
	// a file whose mark is not declared but guessed (a CSV file separated
	// by ";"). A value written with a "." could mean either, so it is
	// refused: 1.410 is 1410 with a decimal comma and 1.41 with a point.
	GuessedComma
	// Guessed reads a value of a file whose mark is neither declared nor
	// suggested by its separator (a tab-separated file): a value that
	// reads one way is read that way; one that reads two ways (1,234 as
	// 1234 or 1.234) is refused.
	Guessed
	// Ungrouped reads a value without thousands separators, whose one "."
	// or "," is its decimal mark: capex's own output, in either dialect,
	// never groups digits.
	Ungrouped
)

// MarkHint says how a file declares its decimal mark.
const MarkHint = `declare the file's decimal mark: a first line "# decimal_mark: ," (or ".") in a CSV file, "decimal_mark: ','" in a YAML file`

// Options change how text is read.
type Options struct {
	Mark Mark
}

// Amount is a parsed value and, when the text carried a scale suffix
// ("26.3B"), the unit it was written in.
type Amount struct {
	Value  decimal.Decimal
	Unit   Unit   // meaningful when Scaled
	Scaled bool   // the text had a scale suffix
	Symbol Symbol // the currency symbol written, if any
}

// In is the amount stated in unit u, taking def as its unit when the text
// had no suffix.
func (a Amount) In(def, u Unit) decimal.Decimal {
	from := def
	if a.Scaled {
		from = a.Unit
	}
	return Convert(a.Value, from, u)
}

// Parse reads an exact decimal from text. Accepted, with surrounding spaces:
//
//	26.3   -26.3   +26.3   −26.3 (U+2212)   .5   1e3 (exponent at most ±30)
//	26,300   1,234,567.89       thousands separators, groups of three
//	(1,234)  ($1,234)  $(1,234) an accounting negative
//	$26.3   US$26.3  €26.3   £26.3   ¥26   a currency symbol (Amount.Symbol),
//	                            which the caller holds to the currency
//	26.3B  26,300M  $26.3bn  12 K  4.5 billion   a scale suffix (Amount.Unit)
//
// With Options.Mark CommaMark, "," is the decimal separator and "." groups
// thousands ("1.234,5"). Everything else is an *Error with a hint.
func Parse(s string, opt Options) (Amount, error) {
	p, err := ParseExact(s, opt)
	if err != nil {
		return Amount{}, err
	}
	return Amount{Value: p.Value.Decimal(), Unit: p.Unit, Scaled: p.Scaled, Symbol: p.Symbol}, nil
}

// Parsed is what ParseExact reads: the value as an Exact, without
// allocating for a value of up to 18 digits; whether the text had a scale
// suffix, and its unit; the currency symbol written, if any.
type Parsed struct {
	Value  Exact
	Unit   Unit
	Scaled bool
	Symbol Symbol
}

// ParseExact is Parse returning the value as an Exact.
func ParseExact(s string, opt Options) (Parsed, error) {
	if opt.Mark == PointMark || opt.Mark == Ungrouped || strings.IndexByte(s, '.') < 0 && opt.Mark != Guessed || strings.IndexAny(s, ".,") < 0 {
		if v, ok := plain(s); ok {
			return Parsed{Value: v}, nil
		}
	}
	return parse(s, opt)
}

func parse(s string, opt Options) (Parsed, error) {
	if len(s) > MaxLen {
		return Parsed{}, verr(s, "longer than 64 bytes", "capex reads at most 64 bytes per value")
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return Parsed{}, &Error{Reason: "empty", what: "value", hint: "give a number, or leave the row out when the figure is unknown"}
	}
	if c := t[len(t)-1]; (c < '0' || c > '9') && nonFinite(t) {
		return Parsed{}, verr(s, "not a finite number", "")
	}
	var a Parsed
	if j := trailingLetters(t); j < len(t) {
		suffix := t[j:]
		u, ok := unitAlias(suffix)
		if !ok {
			if suffix == "e" || suffix == "E" {
				return Parsed{}, verr(s, "exponent without digits", "")
			}
			return Parsed{}, verr(s, "unknown scale suffix "+quote(suffix), "use K, M, B or bn after the number")
		}
		a.Unit, a.Scaled = u, true
		t = strings.TrimRight(t[:j], " ")
	}
	neg, symbol, t, ok := stripSignAndCurrency(t)
	if !ok {
		return Parsed{}, verr(s, "unbalanced parentheses or repeated sign", "")
	}
	v, reason, hint := readMarked(t, opt.Mark)
	if reason != "" {
		return Parsed{}, verr(s, reason, hint)
	}
	if neg {
		v = v.neg()
	}
	a.Value, a.Symbol = v, symbol
	return a, nil
}

// ParseValue is Parse for text that must not carry a scale suffix.
func ParseValue(s string, opt Options) (decimal.Decimal, error) {
	a, err := Parse(s, opt)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if a.Scaled {
		return decimal.Decimal{}, verr(s, "a scale suffix is not allowed here", "write the plain number")
	}
	if a.Symbol != NoSymbol {
		return decimal.Decimal{}, verr(s, "a currency symbol is not allowed here", "write the plain number")
	}
	return a.Value, nil
}

func verr(s, reason, hint string) *Error {
	return &Error{Input: excerpt.Of(strings.TrimSpace(s)), Reason: reason, hint: hint, what: "value"}
}

func quote(s string) string { return `"` + excerpt.Of(s) + `"` }

func nonFinite(t string) bool {
	switch strings.ToLower(strings.TrimLeft(t, "+-.")) {
	case "nan", "inf", "infinity", "snan", "qnan":
		return true
	}
	return false
}

// plain reads the common case quickly: an optional "-", digits, and an
// optional "." with digits, 18 digits in all at most, nothing else. Parse
// gives the same value for such text; anything else is left to it.
func plain(s string) (Exact, bool) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	var n int64
	digits, frac, point := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			digits++
			if point {
				frac++
			}
		case c == '.' && !point:
			point = true
		default:
			return Exact{}, false
		}
	}
	if digits == 0 || digits > 18 || point && frac == 0 {
		return Exact{}, false
	}
	if neg {
		n = -n
	}
	return NewExact(n, int32(-frac)), true
}

// stripSignAndCurrency removes, in any sensible order, one sign or one pair
// of enclosing parentheses and one currency symbol, which it returns.
func stripSignAndCurrency(t string) (neg bool, symbol Symbol, rest string, ok bool) {
	if len(t) > 0 && t[0] >= '0' && t[0] <= '9' && strings.IndexByte(t, '(') < 0 && strings.IndexByte(t, ')') < 0 {
		return false, NoSymbol, t, true // the common case: a plain number
	}
	signed, paren := false, false
	for {
		t = strings.TrimSpace(t)
		switch {
		case !signed && !paren && strings.HasPrefix(t, "("):
			if !strings.HasSuffix(t, ")") {
				return false, NoSymbol, "", false
			}
			paren, neg = true, true
			t = t[1 : len(t)-1]
		case !signed && !paren && (strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+")):
			signed, neg = true, t[0] == '-'
			t = t[1:]
		case !signed && !paren && strings.HasPrefix(t, "\u2212"):
			signed, neg = true, true
			t = t[len("\u2212"):]
		case symbol == NoSymbol && leadingSymbol(t) != NoSymbol:
			symbol = leadingSymbol(t)
			t = t[len(symbol.String()):]
		default:
			if strings.IndexByte(t, '(') >= 0 || strings.IndexByte(t, ')') >= 0 {
				return false, NoSymbol, "", false
			}
			return neg, symbol, t, true
		}
	}
}

// trailingLetters returns the index where a trailing run of ASCII letters
// begins, or len(t).
func trailingLetters(t string) int {
	j := len(t)
	for j > 0 {
		c := t[j-1]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			j--
			continue
		}
		break
	}
	// "1e" + digits is an exponent, not a suffix: only letters at the very
	// end count, and a number cannot end in an exponent marker anyway.
	return j
}

// readMarked reads a number with the decimal mark given. With a guessed
// comma, a number written with a point and no comma is refused: it reads
// one way with a comma and another with a point, or only with a point,
// which the file's separator did not lead to expect.
func readMarked(t string, mark Mark) (Exact, string, string) {
	if mark == Ungrouped {
		if strings.Count(t, ".")+strings.Count(t, ",") > 1 {
			return Exact{}, "more than one decimal mark in a file of ungrouped numbers", ""
		}
		return parseNumber(t, strings.IndexByte(t, ',') >= 0)
	}
	if mark == Guessed {
		asPoint, r1, h1 := parseNumber(t, false)
		asComma, r2, _ := parseNumber(t, true)
		switch {
		case r1 != "" && r2 != "":
			return Exact{}, r1, h1
		case r1 != "":
			return asComma, "", ""
		case r2 != "" || asPoint.Decimal().Equal(asComma.Decimal()):
			return asPoint, "", ""
		}
		return Exact{}, fmt.Sprintf("ambiguous: %s with a decimal point, %s with a decimal comma", asPoint, asComma), MarkHint
	}
	if mark != GuessedComma || strings.IndexByte(t, '.') < 0 || strings.IndexByte(t, ',') >= 0 {
		return parseNumber(t, mark != PointMark)
	}
	asPoint, reason, _ := parseNumber(t, false)
	if reason != "" {
		return parseNumber(t, true)
	}
	asComma, reason, _ := parseNumber(t, true)
	if reason != "" {
		return Exact{}, fmt.Sprintf("a decimal point in a file of decimal commas (guessed from its \";\" separators): %s with a point", asPoint), MarkHint
	}
	if asComma.Decimal().Equal(asPoint.Decimal()) {
		return asComma, "", ""
	}
	return Exact{}, fmt.Sprintf("ambiguous: %s with a decimal comma (guessed from the file's \";\" separators), %s with a decimal point", asComma, asPoint), MarkHint
}

// parseNumber reads digits with optional grouping, a decimal separator and
// an exponent: "," is the decimal separator and "." groups thousands when
// comma is set. It returns a reason (and hint) when the text is refused.
func parseNumber(t string, comma bool) (Exact, string, string) {
	point, group := byte('.'), byte(',')
	if comma {
		point, group = ',', '.'
	}
	var buf [MaxLen]byte
	digits := buf[:0] // digits, integer then fraction; never more than the text
	fracLen := 0
	i := 0
	// Integer part, with grouping checked as we go: the first group has
	// 1-3 digits, every later group exactly 3.
	groupLen, groups := 0, 0
	for ; i < len(t); i++ {
		c := t[i]
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
			groupLen++
			continue
		}
		if c == group {
			if groupLen == 0 || groupLen > 3 || groups > 0 && groupLen != 3 {
				return Exact{}, "misplaced thousands separator", separatorHint(comma)
			}
			groups++
			groupLen = 0
			continue
		}
		break
	}
	if groups > 0 && groupLen != 3 {
		return Exact{}, "misplaced thousands separator", separatorHint(comma)
	}
	intLen := len(digits)
	if i < len(t) && t[i] == point {
		i++
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			digits = append(digits, t[i])
			fracLen++
		}
		if i < len(t) && (t[i] == group || t[i] == point) {
			if comma {
				return Exact{}, "ambiguous decimal separator", `with decimal commas, "," is the decimal separator and "." groups thousands`
			}
			return Exact{}, "ambiguous decimal separator", `if "," is the decimal separator, declare it (a first line "# decimal_mark: ," in CSV, "decimal_mark: ','" in YAML)`
		}
	}
	if intLen+fracLen == 0 {
		return Exact{}, "not a number", ""
	}
	exp := 0
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		expNeg := false
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			expNeg = t[i] == '-'
			i++
		}
		start := i
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			if exp < 1_000_000 { // past any value's digits; saturates
				exp = exp*10 + int(t[i]-'0')
			}
		}
		if i == start {
			return Exact{}, "exponent without digits", ""
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(t) {
		return Exact{}, "not a number", separatorHintFor(t[i], comma)
	}
	// Significant digits: leading zeros do not count.
	k := 0
	for k < len(digits) && digits[k] == '0' {
		k++
	}
	sig := digits[k:]
	e := exp - fracLen // the value is sig × 10^e
	// The rule on the value: written out, at most MaxDigits digits.
	n, z := len(sig), 0
	for z < n && sig[n-1-z] == '0' {
		z++
	}
	if n > z {
		if written := max(0, n+e) + max(0, -(e+z)); written > MaxDigits {
			return Exact{}, fmt.Sprintf("more than %d digits written out", MaxDigits),
				fmt.Sprintf("capex reads values of at most %d digits written in full, such as 1e30 or 1e-40", MaxDigits)
		}
	}
	return fromDigits(sig, int32(e)), "", ""
}

func separatorHint(comma bool) string {
	if comma {
		return `with decimal commas, "." groups thousands in threes and "," is the decimal separator`
	}
	return `use "." as the decimal point (commas group thousands in threes), or declare the file's decimal comma (a first line "# decimal_mark: ," in CSV, "decimal_mark: ','" in YAML)`
}

func separatorHintFor(c byte, comma bool) string {
	if c == ',' || c == '.' {
		return separatorHint(comma)
	}
	return ""
}

// fromDigits builds digits × 10^exp without any text round trip.
func fromDigits(digits []byte, exp int32) Exact {
	if len(digits) == 0 {
		return Exact{}
	}
	if len(digits) <= 18 {
		var n int64
		for _, c := range digits {
			n = n*10 + int64(c-'0')
		}
		return NewExact(n, exp)
	}
	var b big.Int
	b.SetString(string(digits), 10)
	d := decimal.NewFromBigInt(&b, exp)
	return Exact{big: &d}
}
