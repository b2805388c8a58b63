package hugepage

import (
	"bytes"
	"testing"
)

// Advise leaves what a buffer holds as it was, whatever its size and
// alignment, and the buffer stays writable.
func TestAdviseKeepsContents(t *testing.T) {
	for _, tc := range []struct{ size, off int }{{0, 0}, {1, 0}, {4<<20 - 1, 0}, {5<<20 + 3, 0}, {9 << 20, 4097}, {9 << 20, 2<<20 + 1}} {
		b := make([]byte, tc.size)
		for i := range b {
			b[i] = byte(i*7 + 1)
		}
		want := bytes.Clone(b)
		Advise(b[tc.off:])
		if !bytes.Equal(b, want) {
			t.Errorf("%d bytes from %d: contents changed", tc.size, tc.off)
		}
		for i := tc.off; i < len(b); i += 4096 {
			b[i] = 0
		}
	}
}
