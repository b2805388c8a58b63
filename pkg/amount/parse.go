package amount

import (
	"github.com/capexdev/capex/pkg/internal/excerpt"

	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// Limits on what Parse reads. Parsing cost grows with the square of a
// number's length, so the length is bounded before anything else.
const (
	MaxLen         = 64 // bytes in a value field
	MaxSignificant = 40 // significant digits
	MaxExponent    = 30 // absolute value of a written exponent
)

// Options change how text is read.
type Options struct {
	// DecimalComma reads "1.234,5" as 1234.5: "," is the decimal
	// separator and "." groups thousands.
	DecimalComma bool
}

// Amount is a parsed value and, when the text carried a scale suffix
// ("26.3B"), the unit it was written in.
type Amount struct {
	Value  decimal.Decimal
	Unit   Unit // meaningful when Scaled
	Scaled bool // the text had a scale suffix
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
//	$26.3   €26.3   £26.3       a currency sign, ignored
//	26.3B  26,300M  $26.3bn  12 K  4.5 billion   a scale suffix (Amount.Unit)
//
// With Options.DecimalComma, "," is the decimal separator and "." groups
// thousands ("1.234,5"). Everything else is an *Error with a hint.
func Parse(s string, opt Options) (Amount, error) {
	v, unit, scaled, err := ParseExact(s, opt)
	if err != nil {
		return Amount{}, err
	}
	return Amount{Value: v.Decimal(), Unit: unit, Scaled: scaled}, nil
}

// ParseExact is Parse returning the value as an Exact, without allocating
// for a value of up to 18 digits; scaled reports a suffix, whose unit is
// unit.
func ParseExact(s string, opt Options) (v Exact, unit Unit, scaled bool, err error) {
	a, err := parse(s, opt)
	return a.exact, a.Unit, a.Scaled, err
}

// parsed is what parse finds.
type parsed struct {
	exact  Exact
	Unit   Unit
	Scaled bool
}

func parse(s string, opt Options) (parsed, error) {
	if !opt.DecimalComma {
		if v, ok := plain(s); ok {
			return parsed{exact: v}, nil
		}
	}
	if len(s) > MaxLen {
		return parsed{}, verr(s, "longer than 64 bytes", "capex reads at most 64 bytes per value")
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return parsed{}, &Error{Reason: "empty", what: "value", hint: "give a number, or leave the row out when the figure is unknown"}
	}
	if c := t[len(t)-1]; (c < '0' || c > '9') && nonFinite(t) {
		return parsed{}, verr(s, "not a finite number", "")
	}
	var a parsed
	if j := trailingLetters(t); j < len(t) {
		suffix := t[j:]
		u, ok := unitAlias(suffix)
		if !ok {
			if suffix == "e" || suffix == "E" {
				return parsed{}, verr(s, "exponent without digits", "")
			}
			return parsed{}, verr(s, "unknown scale suffix "+quote(suffix), "use K, M, B or bn after the number")
		}
		a.Unit, a.Scaled = u, true
		t = strings.TrimRight(t[:j], " ")
	}
	neg, t, ok := stripSignAndCurrency(t)
	if !ok {
		return parsed{}, verr(s, "unbalanced parentheses or repeated sign", "")
	}
	v, reason, hint := parseNumber(t, opt)
	if reason != "" {
		return parsed{}, verr(s, reason, hint)
	}
	if neg {
		v = v.neg()
	}
	a.exact = v
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
	return a.Value, nil
}

func verr(s, reason, hint string) *Error {
	e := &Error{Input: excerpt.Of(strings.TrimSpace(s)), Reason: reason, hint: hint, what: "value"}
	if strings.Contains(hint, "decimal comma") {
		e.param = "decimal-comma"
	}
	return e
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
// of enclosing parentheses and one currency sign.
func stripSignAndCurrency(t string) (neg bool, rest string, ok bool) {
	if len(t) > 0 && t[0] >= '0' && t[0] <= '9' && strings.IndexByte(t, '(') < 0 && strings.IndexByte(t, ')') < 0 {
		return false, t, true // the common case: a plain number
	}
	signed, paren, currency := false, false, false
	for {
		t = strings.TrimSpace(t)
		switch {
		case !signed && !paren && strings.HasPrefix(t, "("):
			if !strings.HasSuffix(t, ")") {
				return false, "", false
			}
			paren, neg = true, true
			t = t[1 : len(t)-1]
		case !signed && !paren && (strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+")):
			signed, neg = true, t[0] == '-'
			t = t[1:]
		case !signed && !paren && strings.HasPrefix(t, "\u2212"):
			signed, neg = true, true
			t = t[len("\u2212"):]
		case !currency && currencySign(t) > 0:
			currency = true
			t = t[currencySign(t):]
		default:
			if strings.IndexByte(t, '(') >= 0 || strings.IndexByte(t, ')') >= 0 {
				return false, "", false
			}
			return neg, t, true
		}
	}
}

// currencySign is the length of a leading currency sign, or 0.
func currencySign(t string) int {
	for _, sign := range [...]string{"$", "€", "£"} {
		if strings.HasPrefix(t, sign) {
			return len(sign)
		}
	}
	return 0
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

// parseNumber reads digits with optional grouping, a decimal separator and
// an exponent. It returns a reason (and hint) when the text is refused.
func parseNumber(t string, opt Options) (Exact, string, string) {
	point, group := byte('.'), byte(',')
	if opt.DecimalComma {
		point, group = ',', '.'
	}
	var buf [MaxLen]byte
	digits := buf[:0] // significant digits, integer then fraction; never more than the text
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
				return Exact{}, "misplaced thousands separator", separatorHint(opt)
			}
			groups++
			groupLen = 0
			continue
		}
		break
	}
	if groups > 0 && groupLen != 3 {
		return Exact{}, "misplaced thousands separator", separatorHint(opt)
	}
	intLen := len(digits)
	if i < len(t) && t[i] == point {
		i++
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			digits = append(digits, t[i])
			fracLen++
		}
		if i < len(t) && (t[i] == group || t[i] == point) {
			if opt.DecimalComma {
				return Exact{}, "ambiguous decimal separator", `with decimal commas, "," is the decimal separator and "." groups thousands`
			}
			return Exact{}, "ambiguous decimal separator", `if "," is the decimal separator, read the file with decimal commas`
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
		n := 0
		start := i
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			if n <= MaxExponent {
				n = n*10 + int(t[i]-'0')
			}
		}
		if i == start {
			return Exact{}, "exponent without digits", ""
		}
		if n > MaxExponent {
			return Exact{}, "exponent beyond ±30", ""
		}
		if expNeg {
			n = -n
		}
		exp = n
	}
	if i != len(t) {
		return Exact{}, "not a number", separatorHintFor(t[i], opt)
	}
	// Significant digits: leading zeros do not count.
	k := 0
	for k < len(digits) && digits[k] == '0' {
		k++
	}
	// Written out, the value must not need more than 40 digits either:
	// 1e40 has one significant digit but 41 digits, and could not be read
	// back.
	if n := len(digits) - k; n > MaxSignificant || n > 0 && exp-fracLen > 0 && n+exp-fracLen > MaxSignificant {
		return Exact{}, "more than 40 significant digits", ""
	}
	return fromDigits(digits[k:], int32(exp-fracLen)), "", ""
}

func separatorHint(opt Options) string {
	if opt.DecimalComma {
		return `with decimal commas, "." groups thousands in threes and "," is the decimal separator`
	}
	return `use "." as the decimal point (commas group thousands in threes), or read the file with decimal commas`
}

func separatorHintFor(c byte, opt Options) string {
	if c == ',' || c == '.' {
		return separatorHint(opt)
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
