package calc

import (
	"fmt"
	"strings"
	"testing"
)

// TestHasGaps holds HasGaps, which works out no values, to what
// NewQuarters tells, and both to the answer: a quarter is a gap when it is
// neither printed nor derivable between the first and last known ones.
func TestHasGaps(t *testing.T) {
	tests := []struct {
		name string
		pts  []string
		want bool
	}{
		{"no points", nil, false},
		{"one quarter", []string{"2024Q1 quarter 1"}, false},
		{"consecutive quarters", []string{"2024Q1 quarter 1", "2024Q2 quarter 2", "2024Q3 quarter 3"}, false},
		{"a quarter missing", []string{"2024Q1 quarter 1", "2024Q3 quarter 3"}, true},
		{"missing across a year", []string{"2023Q4 quarter 1", "2024Q2 quarter 3"}, true},
		// Q2 = 6M − Q1, Q3 = 9M − 6M, Q4 = FY − 9M.
		{"derived from year-to-date figures", []string{"2024Q1 quarter 1", "2024Q2 ytd 3", "2024Q3 ytd 6", "FY2024 ytd 10"}, false},
		// Q2 and Q3 are known only as their sum (9M − Q1): neither is.
		{"year-to-date figures that leave quarters unknown", []string{"2024Q1 quarter 1", "2024Q3 ytd 6", "FY2024 ytd 10"}, true},
		{"year-to-date edges only", []string{"2024Q2 ytd 3", "2024Q3 ytd 6"}, false},
	}
	for _, tt := range tests {
		c, m := company(t, "12-31", tt.pts...)
		got, full := HasGaps(m), NewQuarters(c, m).HasGaps()
		if got != tt.want || full != tt.want {
			t.Errorf("%s: HasGaps = %v, NewQuarters(…).HasGaps() = %v, want %v", tt.name, got, full, tt.want)
		}
	}
}

// TestRounded holds Rounded to Calc: the same reason for no value, and
// the same text, decimal and rounding to every number of places, for
// growth held in the smaller form and every other column.
func TestRounded(t *testing.T) {
	series := [][]string{
		// Ties when rounded (1/8, 1/16, −1/8), thirds, no change, a zero
		// base, a negative base, and values of several scales.
		{"2023Q1 quarter 8", "2023Q2 quarter 9", "2023Q3 quarter 9", "2023Q4 quarter 0", "2024Q1 quarter 17",
			"2024Q2 quarter 16", "2024Q3 quarter 3", "2024Q4 quarter 4", "2025Q1 quarter -12.5", "2025Q2 quarter 1234567.891",
			"2025Q3 quarter 0.001", "2025Q4 quarter 7"},
		// A quarter missing, and one derived from year-to-date figures.
		{"2024Q1 quarter 100", "2024Q3 quarter 130", "2025Q1 quarter 90", "2025Q2 ytd 200", "2025Q3 quarter 1"},
	}
	quos := 0
	for _, pts := range series {
		c, m := company(t, "12-31", pts...)
		q := NewQuarters(c, m)
		for _, col := range Columns {
			for seq := q.First - 1; seq <= q.Last+1; seq++ {
				r := q.Calc(col, seq)
				v, na := q.Rounded(col, seq)
				at := fmt.Sprintf("%s at %d", col.Name, seq)
				if na != r.NA || (v == nil) != (na != "") {
					t.Fatalf("%s: Rounded = %v, %q; Calc's reason %q", at, v, na, r.NA)
				}
				if na != "" {
					continue
				}
				if _, ok := v.(*smallQuo); ok {
					quos++
				}
				if got, want := string(v.AppendText([]byte("x"))), string(r.AppendText([]byte("x"))); got != want {
					t.Errorf("%s: text %s, want %s", at, got, want)
				}
				if got, want := v.Decimal(), r.Decimal(); !got.Equal(want) || got.String() != want.String() {
					t.Errorf("%s: decimal %s, want %s", at, got, want)
				}
				for places := int32(0); places <= 40; places++ {
					if got, want := string(v.AppendFixed(nil, places)), string(r.AppendFixed(nil, places)); got != want {
						t.Errorf("%s: to %d places %s, want %s", at, places, got, want)
					}
					if got, want := v.Fixed(places), r.Fixed(places); got.String() != want.String() {
						t.Errorf("%s: Fixed(%d) %s, want %s", at, places, got, want)
					}
				}
			}
		}
	}
	if quos < 10 {
		t.Errorf("%d growth values held in the smaller form, want 10 or more", quos)
	}
}

// TestQuartersReset holds one Quarters reset from series to series, as a
// writer going through companies uses it, to NewQuarters of each: the
// values it keeps from the series before (a longer one, another exponent,
// one it could not hold in machine words) must not show through.
func TestQuartersReset(t *testing.T) {
	series := [][]string{
		{"2023Q1 quarter 1.5", "2023Q2 quarter 2.25", "2023Q3 quarter 3", "2023Q4 quarter 4", "2024Q1 quarter 5", "2024Q2 quarter 6.125"},
		{"2024Q1 quarter 700", "2024Q2 quarter 0.001"},
		{"2022Q3 quarter -4", "2023Q1 quarter 2", "2023Q2 quarter 0"}, // a gap, a negative and a zero
		{"2024Q1 quarter 1", "2024Q2 ytd 3", "2024Q3 ytd 6", "FY2024 ytd 10"},
		{"2024Q1 quarter 123456789012345678901234", "2024Q2 quarter 2", "2024Q3 quarter 3"},
		{"2021Q1 quarter 10", "2021Q2 quarter 20", "2021Q3 quarter 30", "2021Q4 quarter 40", "2022Q1 quarter 50"},
		nil,
		{"2020Q4 quarter 9"},
	}
	describe := func(q *Quarters) string {
		var b strings.Builder
		fmt.Fprintf(&b, "first %d last %d gaps %v\n", q.First, q.Last, q.HasGaps())
		for seq := q.First - 5; seq <= q.Last+5; seq++ {
			for _, c := range Columns {
				text, na := q.Append(nil, c, seq, 0)
				fmt.Fprintf(&b, "%d %s %q %q\n", seq, c.Name, text, na)
			}
		}
		fmt.Fprintf(&b, "err %v\n", q.Err())
		return b.String()
	}
	for _, order := range []string{"forward", "backward"} {
		var reused Quarters
		for i := range series {
			if order == "backward" {
				i = len(series) - 1 - i
			}
			c, m := company(t, "12-31", series[i]...)
			if got, want := describe(reused.Reset(c, m)), describe(NewQuarters(c, m)); got != want {
				t.Errorf("%s, series %d: Reset gives\n%s\nNewQuarters gives\n%s", order, i, got, want)
			}
		}
	}
}
