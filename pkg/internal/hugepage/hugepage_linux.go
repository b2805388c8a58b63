package hugepage

import (
	"runtime"
	"syscall"
	"unsafe"
)

const (
	huge = 2 << 20 // the size of a huge page on amd64 and arm64 Linux
	// arena is the unit in which the Go runtime reserves address space
	// for the heap (heapArenaBytes on 64-bit Linux); it maps it in 4 MiB
	// chunks as the heap grows.
	arena = 64 << 20
	// madvCollapse is MADV_COLLAPSE (Linux 6.1), which package syscall
	// does not name. Older kernels refuse it, and MADV_HUGEPAGE alone
	// then covers the huge pages not touched yet.
	madvCollapse = 25
)

// disabled is whether GODEBUG turns huge pages off (disablethp=1; the
// last setting of a key wins, as the runtime reads it). The package
// imports no more than it must (not even strings), so that it is
// initialised before the packages that fill the heap.
var disabled = func() bool {
	v, _ := syscall.Getenv("GODEBUG")
	return disabledBy(v)
}()

// disabledBy is whether the GODEBUG value v turns huge pages off.
func disabledBy(v string) (off bool) {
	const key = "disablethp="
	start := 0
	for i := 0; i <= len(v); i++ {
		if i == len(v) || v[i] == ',' {
			if kv := v[start:i]; len(kv) >= len(key) && kv[:len(key)] == key {
				off = kv == key+"1"
			}
			start = i + 1
		}
	}
	return off
}

// startHeap is an object of the heap at start-up: the chunk it lies in is
// the one the runtime has mapped for the heap so far.
var startHeap *[64]byte

func init() {
	if disabled {
		return
	}
	startHeap = new([64]byte)
	start := uintptr(unsafe.Pointer(startHeap)) &^ (arena - 1)
	madvise(start, arena, syscall.MADV_HUGEPAGE)
	for p := start; p < start+arena; p += huge {
		madvise(p, huge, madvCollapse)
	}
}

// madvise advises n bytes from addr, which may include memory not mapped
// (the system then advises what is mapped, and reports ENOMEM).
func madvise(addr, n uintptr, advice int) {
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, n, uintptr(advice))
}

// Advise asks the kernel to back the whole 2 MiB pages within b with huge
// pages (madvise MADV_HUGEPAGE), before b is first written.
func Advise(b []byte) {
	if disabled || len(b) < 2*huge {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	first := (huge - start%huge) % huge
	n := (uintptr(len(b)) - first) &^ (huge - 1)
	madvise(start+first, n, syscall.MADV_HUGEPAGE)
}

// Reserve has the runtime map about n bytes of heap at once, backed by
// huge pages, before a run allocates them: it allocates n bytes (which the
// runtime takes from the system and does not write to), advises them, and
// frees them with a collection. The runtime places what is allocated next
// in the lowest free pages, so the small objects of the data about to be
// read land in huge pages instead of in mappings made as the heap grows.
// Below 4 MiB it does nothing. The collection costs what the live heap
// costs to mark; call Reserve while that is small.
func Reserve(n int64) {
	if disabled || n < 2*huge || n > 1<<40 {
		return
	}
	Advise(make([]byte, n)) // unreachable once advised
	runtime.GC()
}
