package hugepage

import (
	"syscall"
	"unsafe"
)

// Advise asks the kernel to back the whole 2 MiB pages within b with huge
// pages (madvise MADV_HUGEPAGE), before b is first written. An error is
// of no consequence: the memory is then backed as it would have been.
func Advise(b []byte) {
	const huge = 2 << 20
	if len(b) < 2*huge {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	first := (huge - start%huge) % huge
	n := (uintptr(len(b)) - first) &^ (huge - 1)
	_ = syscall.Madvise(b[first:first+n], syscall.MADV_HUGEPAGE)
}
