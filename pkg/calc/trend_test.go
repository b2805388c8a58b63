package calc

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestTrendWorkedExample is TREND({10,12,15,19}, {1,2,3,4}, 5) in Excel:
// slope 3, intercept 6.5, forecast 21.5.
func TestTrendWorkedExample(t *testing.T) {
	var ys []decimal.Decimal
	for _, y := range []int64{10, 12, 15, 19} {
		ys = append(ys, decimal.NewFromInt(y))
	}
	f := NewFit(ys)
	for what, got := range map[string]decimal.Decimal{"slope": f.Slope(), "intercept": f.Intercept(), "forecast": f.Forecast(5)} {
		want := map[string]string{"slope": "3", "intercept": "6.5", "forecast": "21.5"}[what]
		if got.String() != want {
			t.Errorf("%s = %s, want %s", what, got, want)
		}
	}
}

// TestTrendOracle holds forecasts and their sums to exact rational
// arithmetic rounded once to 34 digits (testdata/gen-trend.py).
func TestTrendOracle(t *testing.T) {
	cases := oracle(t, "testdata/trend.txt")
	for _, fs := range cases {
		var ys []decimal.Decimal
		for _, y := range strings.Split(fs[0], ",") {
			ys = append(ys, decimal.RequireFromString(y))
		}
		fit := NewFit(ys)
		k := len(ys)
		for i := 1; i <= 4; i++ {
			if got, want := fit.Forecast(k+i), decimal.RequireFromString(fs[i]); !got.Equal(want) {
				t.Errorf("%s: forecast at %d = %s, oracle %s", fs[0], k+i, got, want)
			}
		}
		if got, want := fit.Sum(k+1, k+2, k+3, k+4), decimal.RequireFromString(fs[5]); !got.Equal(want) {
			t.Errorf("%s: sum = %s, oracle %s", fs[0], got, want)
		}
	}
	if len(cases) != 302 {
		t.Fatalf("read %d cases", len(cases))
	}
}
