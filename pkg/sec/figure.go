package sec

import (
	"strings"

	"github.com/shopspring/decimal"
)

// coarsest is the coarsest precision a value is taken to have: filings
// round to the million at most, and a value such as 2,000,000,000 is
// 2,000 millions, not 2 billions.
const coarsest = -6

// places is the number of decimal places a value is given to, read from
// its digits (companyfacts does not carry the filing's decimals
// attribute): 106.798 has 3, 106.8 has 1, 29,000,000 has −6, and none
// fewer than coarsest. Zero is taken to be exact.
func places(d decimal.Decimal) int32 {
	if d.IsZero() {
		return 0
	}
	s := d.Abs().String() // no exponent; a fraction's trailing zeros trimmed
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return int32(len(s) - i - 1)
	}
	n := int32(len(s) - len(strings.TrimRight(s, "0")))
	return max(-n, coarsest)
}

// sameFigure reports whether two values are the same figure given to
// different precisions: the more precise one, rounded half away from zero
// to the other's decimal places, equals it (106.798 and 106.8). A value
// filed again rounded is not restated.
func sameFigure(a, b decimal.Decimal) bool {
	pa, pb := places(a), places(b)
	switch {
	case pa > pb:
		return a.Round(pb).Equal(b)
	case pb > pa:
		return b.Round(pa).Equal(a)
	}
	return a.Equal(b)
}

// version is one figure of a period as filed over time, however many
// filings repeat it.
type version struct {
	first Fact   // the first filing that gave it
	kept  Fact   // the most precise of its facts: of equals the latest filed (as reported, the first)
	facts []Fact // every fact that gave it, in filing order
}

// versionsOf merges the facts of one period, in filing order, into the
// figures they give: a fact that is the same figure as the one before
// (equal, or equal at the coarser precision of one of them) repeats it.
func versionsOf(facts []Fact, asReported bool) []version {
	var vs []version
	for _, f := range facts {
		if n := len(vs); n > 0 && sameFigure(vs[n-1].kept.Value, f.Value) {
			v := &vs[n-1]
			v.facts = append(v.facts, f)
			if p, k := places(f.Value), places(v.kept.Value); p > k || p == k && !asReported {
				v.kept = f
			}
			continue
		}
		vs = append(vs, version{first: f, kept: f, facts: []Fact{f}})
	}
	return vs
}

// rounded lists the facts of v given less precisely than the one kept.
func (v version) rounded() []Fact {
	var out []Fact
	for _, f := range v.facts {
		if places(f.Value) < places(v.kept.Value) {
			out = append(out, f)
		}
	}
	return out
}
