package main

import (
	"runtime/debug"
	"testing"
)

// TestMemoryLimitBesideData checks that the room a command asks for
// beside its data is added to the memory limit while the data is read and
// after, and that GOMEMLIMIT wins.
func TestMemoryLimitBesideData(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer func() { besideData.Store(0); debug.SetMemoryLimit(old) }()
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	t.Setenv("GOMEMLIMIT", "")
	const room = 10 << 20
	besideData.Store(0)
	setMemoryLimit(0)
	if got := limit(); got != minMemoryLimit {
		t.Errorf("limit %d, want minMemoryLimit %d", got, minMemoryLimit)
	}
	reserveBesideData(room)
	if got := limit(); got != minMemoryLimit+room {
		t.Errorf("after reserveBesideData: limit %d, want %d", got, minMemoryLimit+room)
	}
	setMemoryLimit(500 << 20) // a large input being read
	if got := limit(); got != 500<<20+room {
		t.Errorf("while a large input is read: limit %d, want %d", got, 500<<20+room)
	}
	sizeForData(false)
	if got := limit(); got != minMemoryLimit+room {
		t.Errorf("after a small input is read: limit %d, want %d", got, minMemoryLimit+room)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	reserveBesideData(room)
	if got := limit(); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set: limit %d, want 1 GiB", got)
	}
}
