package amount

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Group formats the exact value of d with thousands separators:
// 1234567.25 → "1,234,567.25". It never rounds.
func Group(d decimal.Decimal) string { return group(d.String()) }

// GroupText inserts thousands separators into a decimal's text, as
// decimal.Decimal's String writes it.
func GroupText(s string) string { return group(s) }

// Fixed rounds d to places decimals, half away from zero, and groups it:
// Fixed(2.345, 2) = "2.35", Fixed(-2.345, 2) = "-2.35", Fixed(7, 2) = "7.00".
// This is display rounding; calculations never call it.
func Fixed(d decimal.Decimal, places int32) string {
	return group(d.StringFixed(places))
}

// Round rounds d to places decimals, half away from zero.
func Round(d decimal.Decimal, places int32) decimal.Decimal { return d.Round(places) }

func group(s string) string {
	if intPart, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), "."); len(intPart) <= 3 {
		return s
	}
	return string(AppendGroup(make([]byte, 0, len(s)+len(s)/3+2), s))
}

// AppendGroup appends a decimal's text (as decimal.Decimal's String or
// StringFixed writes it) with thousands separators, as GroupText.
func AppendGroup[T string | []byte](dst []byte, s T) []byte {
	if len(s) > 0 && s[0] == '-' {
		dst, s = append(dst, '-'), s[1:]
	}
	intLen := len(s)
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			intLen = i
			break
		}
	}
	for i := 0; i < intLen; i++ {
		if i > 0 && (intLen-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, s[i])
	}
	return append(dst, s[intLen:]...)
}
