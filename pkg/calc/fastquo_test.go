package calc

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
)

// slowGrowth is Growth through shopspring and Quo only.
func slowGrowth(prev, cur decimal.Decimal) decimal.Decimal {
	g, _ := Quo(cur.Sub(prev), prev)
	return g
}

func checkFast(t *testing.T, pc int64, pe int32, cc int64, ce int32) {
	t.Helper()
	prev, cur := amount.NewExact(pc, pe), amount.NewExact(cc, ce)
	r, ok := fastGrowth(prev, cur)
	if !ok {
		return
	}
	want := slowGrowth(prev.Decimal(), cur.Decimal())
	if !r.Decimal().Equal(want) {
		t.Fatalf("fastGrowth(%de%d, %de%d) = %s, Quo gives %s", pc, pe, cc, ce, r.Decimal(), want)
	}
	if text := string(r.AppendText(nil)); text != want.String() {
		t.Fatalf("fastGrowth(%de%d, %de%d) writes %s, shopspring writes %s", pc, pe, cc, ce, text, want)
	}
}

// TestFastGrowth holds the 64-bit division to Quo on a million random
// pairs of the kind capex meets (up to 17 digits, scales of 0 to 6
// decimals, either sign) and on edge cases.
func TestFastGrowth(t *testing.T) {
	edges := [][4]int64{
		{1, 0, 2, 0}, {3, 0, 4, 0}, {27834, 0, 39522, 0}, {7, 0, 0, 0}, {-5, 0, 5, 0}, {1, 0, 1, 0},
		{3, 0, 1, 0}, {maxFast, 0, -maxFast, 0}, {1, 0, maxFast, 0}, {maxFast, 0, 1, 0},
		{999999999999999999 / 4, -3, 1, 3}, {6, 0, 7, 0}, {9, 0, 10, 0}, {1, -17, 1, 0},
		// quotients with a 35th digit of 5 and nothing after: ties
		{8, 0, 9, 0}, {16, 0, 17, 0}, {32, 0, 33, 0}, {1024, 0, 1025, 0},
	}
	for _, e := range edges {
		checkFast(t, e[0], int32(e[1]), e[2], int32(e[3]))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	for i := 0; i < n; i++ {
		digits := rng.IntN(17) + 1
		max := int64(1)
		for j := 0; j < digits; j++ {
			max *= 10
		}
		pc, cc := rng.Int64N(max), rng.Int64N(max)
		if rng.IntN(5) == 0 {
			pc = -pc
		}
		if rng.IntN(5) == 0 {
			cc = -cc
		}
		checkFast(t, pc, -int32(rng.IntN(7)), cc, -int32(rng.IntN(7)))
	}
}

// checkFixed holds AppendFixed, which rounds a quotient from its 34
// digits, to Fixed, which rounds the exact quotient, at several places.
func checkFixed(t *testing.T, pc int64, pe int32, cc int64, ce int32) {
	t.Helper()
	r, ok := fastGrowth(amount.NewExact(pc, pe), amount.NewExact(cc, ce))
	if !ok {
		return
	}
	for _, places := range []int32{0, 1, 2, 3, 4, 6, 10, 20, 33, 34, 40} {
		want := r.Fixed(places).StringFixed(places)
		if got := string(r.AppendFixed(nil, places)); got != want {
			t.Fatalf("growth %de%d → %de%d = %s: AppendFixed(%d) = %s, Fixed gives %s", pc, pe, cc, ce, r, places, got, want)
		}
	}
}

// TestAppendFixed checks rounding to a number of places on random growth
// figures and on ties: 1/8 = 0.125 and 1/1024 are exact halves at some
// places, 1/3 is all threes, 999/1000 carries to 1.
func TestAppendFixed(t *testing.T) {
	edges := [][4]int64{
		{8, 0, 9, 0}, {1024, 0, 1025, 0}, {3, 0, 4, 0}, {1000, 0, 1999, 0}, {1000, 0, 1, 0}, {1, 0, 2, 0},
		{27834, 0, 39522, 0}, {-5, 0, 5, 0}, {7, 0, 0, 0}, {1, -17, 1, 0}, {maxFast, 0, 1, 0}, {3, 0, 1, 0},
		{200, 0, 201, 0}, {2000, 0, 2001, 0}, {16, 0, 15, 0}, {100000, 0, 99995, 0}, {100000, 0, 100005, 0},
	}
	for _, e := range edges {
		checkFixed(t, e[0], int32(e[1]), e[2], int32(e[3]))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20_000; i++ {
		digits := rng.IntN(17) + 1
		max := int64(1)
		for j := 0; j < digits; j++ {
			max *= 10
		}
		pc, cc := rng.Int64N(max)+1, rng.Int64N(max)
		if rng.IntN(4) == 0 {
			cc = -cc
		}
		checkFixed(t, pc, -int32(rng.IntN(7)), cc, -int32(rng.IntN(7)))
	}
}

func FuzzFastGrowth(f *testing.F) {
	f.Add(int64(27834), int32(0), int64(39522), int32(0))
	f.Add(int64(-1), int32(-3), int64(1), int32(2))
	f.Fuzz(func(t *testing.T, pc int64, pe int32, cc int64, ce int32) {
		if pe < -30 || pe > 30 || ce < -30 || ce > 30 || pc == 0 {
			return
		}
		checkFast(t, pc, pe, cc, ce)
		checkFixed(t, pc, pe, cc, ce)
	})
}
