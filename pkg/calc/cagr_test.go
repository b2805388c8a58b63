package calc

import (
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// TestCAGROracle holds CAGR to the values Python's decimal module computed
// at 150 digits and rounded once to 34 (testdata/gen-cagr.py): exact roots,
// growth of one part in a trillion, declines, and 1,500 random cases.
func TestCAGROracle(t *testing.T) {
	vectors := oracle(t, "testdata/cagr.txt")
	for _, fs := range vectors {
		q, _ := strconv.Atoi(fs[2])
		start, end, want := decimal.RequireFromString(fs[0]), decimal.RequireFromString(fs[1]), decimal.RequireFromString(fs[3])
		got := CAGR(start, end, q)
		if !got.OK() || !got.Decimal().Equal(want) {
			t.Errorf("CAGR(%s, %s, %d quarters) = %v, oracle %s", start, end, q, got, want)
		}
	}
	if len(vectors) < 1500 {
		t.Fatalf("read %d vectors", len(vectors))
	}
}

func TestCAGRUndefined(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		start, end string
		quarters   int
		want       string
	}{
		{"0", "5", 8, "zero base"},
		{"-5", "5", 8, "turned positive"},
		{"5", "-5", 8, "turned negative"},
		{"-5", "-6", 8, "negative base"},
		{"5", "6", 3, "span under one year"},
		{"5", "0", 8, ""}, // −100%
	}
	for _, tt := range tests {
		got := CAGR(d(tt.start), d(tt.end), tt.quarters)
		if got.NA != tt.want {
			t.Errorf("CAGR(%s, %s, %d) = %v, want n/a %q", tt.start, tt.end, tt.quarters, got, tt.want)
		}
	}
	if got := CAGR(d("5"), d("0"), 8); !got.Decimal().Equal(d("-1")) {
		t.Errorf("CAGR to zero = %v, want -1", got)
	}
}
