package calc

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestPut19(t *testing.T) {
	for _, v := range []uint64{0, 1, 9, 10, 99, 100, 1e10 - 1, 1e10, 1e18, 1e19 - 1, 1234567890123456789} {
		var b [19]byte
		put19(b[:], v)
		if string(b[:]) != fmt.Sprintf("%019d", v) {
			t.Fatalf("%d: %s", v, b)
		}
	}
	for i := 0; i < 100000; i++ {
		v := rand.Uint64N(1e19)
		var b [19]byte
		put19(b[:], v)
		if string(b[:]) != fmt.Sprintf("%019d", v) {
			t.Fatalf("%d: %s", v, b)
		}
	}
}
