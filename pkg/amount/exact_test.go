package amount

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestExactString holds AppendDecimal to shopspring's String.
func TestExactString(t *testing.T) {
	for _, c := range []struct {
		coef int64
		exp  int32
	}{
		{0, 0}, {0, -3}, {0, 5}, {1, 0}, {-1, 0}, {26300, -3}, {263, -1}, {5, 2}, {-5, 2}, {1, -12}, {-1, -12},
		{1000, -3}, {123456789, -4}, {-9223372036854775807, -5}, {-9223372036854775808, 0}, {-9223372036854775808, -20},
		{9223372036854775807, 3}, {10, -1}, {100, -1}, {7, -1},
	} {
		want := decimal.New(c.coef, c.exp).String()
		e := NewExact(c.coef, c.exp)
		if got := e.String(); got != want {
			t.Errorf("NewExact(%d, %d) = %s, shopspring %s", c.coef, c.exp, got, want)
		}
		if !e.Decimal().Equal(decimal.New(c.coef, c.exp)) {
			t.Errorf("Decimal of %d e%d", c.coef, c.exp)
		}
		if e.Sign() != decimal.New(c.coef, c.exp).Sign() {
			t.Errorf("Sign of %d e%d", c.coef, c.exp)
		}
	}
	big := decimal.RequireFromString("1234567890123456789012345678901234567890")
	if e := ExactOf(big); e.String() != big.String() || !e.Decimal().Equal(big) {
		t.Errorf("a 40-digit value: %s", e)
	}
	if _, _, ok := ExactOf(big).Small(); ok {
		t.Error("a 40-digit value is small")
	}
	if c, e, ok := ExactOf(decimal.RequireFromString("-26.30")).Small(); !ok || c != -2630 || e != -2 {
		t.Errorf("Small(-26.30) = %d, %d, %v", c, e, ok)
	}
}

func FuzzExact(f *testing.F) {
	f.Add(int64(26300), int32(-3))
	f.Add(int64(-1), int32(30))
	f.Fuzz(func(t *testing.T, coef int64, exp int32) {
		if exp < -40 || exp > 40 {
			return
		}
		want := decimal.New(coef, exp).String()
		if got := NewExact(coef, exp).String(); got != want {
			t.Fatalf("NewExact(%d, %d) = %s, shopspring %s", coef, exp, got, want)
		}
	})
}

func TestExactArithmetic(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct{ a, b string }{
		{"670.032", "650.158"}, {"1", "0.001"}, {"-5", "5"}, {"1e20", "1"}, {"123456789012345678", "1"},
		{"576460752303423487", "1"}, {"0.000000000000000001", "100000000"}, {"1234567890123456789012345", "0.5"},
	}
	for _, tt := range tests {
		a, b := ExactOf(d(tt.a)), ExactOf(d(tt.b))
		if got, want := a.Add(b).Decimal(), d(tt.a).Add(d(tt.b)); !got.Equal(want) {
			t.Errorf("%s + %s = %s, want %s", tt.a, tt.b, got, want)
		}
		if got, want := a.MulInt(4).Decimal(), d(tt.a).Mul(decimal.NewFromInt(4)); !got.Equal(want) {
			t.Errorf("%s × 4 = %s, want %s", tt.a, got, want)
		}
	}
}

// TestAppendDecimalPlaces holds AppendDecimal's digit-pair path (0 to 19
// decimal places) to shopspring's String at every number of places, for
// values with trailing zeros, fewer digits than places, and every length
// to the largest int64.
func TestAppendDecimalPlaces(t *testing.T) {
	coefs := []int64{1, -1, 7, 9, 10, 11, 99, 100, 101, 120, 1005, 26300, 670032, -650158, 1_000_000, 999_999_999,
		123_456_789_012_345_678, 9_223_372_036_854_775_807, -9_223_372_036_854_775_807, 5_000_000_000_000_000_000}
	for p := int64(10); p <= 1e18; p *= 10 {
		coefs = append(coefs, p-1, p, p+1, -p, 3*p)
	}
	for _, c := range coefs {
		for exp := int32(-maxFastPlaces - 1); exp <= 1; exp++ {
			want := decimal.New(c, exp).String()
			if got := string(AppendDecimal([]byte("x"), c, exp)); got != "x"+want {
				t.Errorf("AppendDecimal(%d, %d) = %q, shopspring %q", c, exp, got[1:], want)
			}
		}
	}
}
