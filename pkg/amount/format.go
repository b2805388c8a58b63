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
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 2)
	if neg {
		b.WriteByte('-')
	}
	head := len(intPart) % 3
	if head > 0 {
		b.WriteString(intPart[:head])
	}
	for i := head; i < len(intPart); i += 3 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
