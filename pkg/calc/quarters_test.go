package calc

import "testing"

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
