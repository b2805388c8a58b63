package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync/atomic"

	"github.com/capexdev/capex/pkg/load"
)

// capex lets the heap grow well past Go's default between collections
// (GOGC=400): a short-lived command reading a million rows gains from it.
// A soft memory limit keeps the process small all the same, sized to the
// input rather than fixed: a fixed limit below what a large input needs
// makes the collector run back to back. GOGC and GOMEMLIMIT, when set,
// win.

// minMemoryLimit is the limit when the input is small: every command on
// the built-in data, and a million rows of CSV.
const minMemoryLimit = 96 << 20

// bytesPerInputByte is how much heap a byte of CSV can need while it is
// read: the text itself, a 48-byte point for each row of 16 bytes or
// more, and room for the chunks being parsed.
const bytesPerInputByte = 5

// tuneGC sets the collector for a run that has not read its data yet.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	setMemoryLimit(minMemoryLimit)
}

// setMemoryLimit sets the soft memory limit, unless GOMEMLIMIT does: n,
// or minMemoryLimit if that is more, and the room a command has asked for
// beside its data (besideData).
func setMemoryLimit(n int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(max(n, minMemoryLimit) + besideData.Load())
	}
}

// besideData is heap a command needs beside its data, such as the
// expectations check reads while the data loads, or project's rows for
// thousands of companies: without it the collector runs back to back at
// the limit (check with 10,000 expectations took a third more CPU).
var besideData atomic.Int64

// reserveBesideData makes room for n bytes beside the data, before the
// data is read: the memory limit is that much higher for the rest of the
// run.
func reserveBesideData(n int64) {
	besideData.Store(n)
	setMemoryLimit(minMemoryLimit)
}

// bytesPerProjection is how much heap project allocates for a company's
// rows: 12,500 companies of the benchmark's million rows took 50 MB more
// than one did.
const bytesPerProjection = 4 << 10

// bytesPerYAMLByte is how much heap a byte of YAML can take while it is
// decoded: yaml.v3's nodes, with their texts and positions. 10,000 checks
// (880 KB) took 44 MB.
const bytesPerYAMLByte = 64

// sizeForInput raises the limit for reading the files at paths (standard
// input, of unknown size, lifts it until the data is read), and returns
// what sizeForData needs to know, whether the input is large, and the
// heap reading it will take (0 for standard input), for load.Options.Reserve.
func sizeForInput(paths []string) (large bool, heap int64) {
	if slices.Contains(paths, "-") {
		setMemoryLimit(math.MaxInt64)
		return true, 0
	}
	total := load.Size(paths)
	heap = bytesPerInputByte * total
	setMemoryLimit(heap)
	return total > largeInput, heap
}

// largeInput is the size of input past which the heap the data holds is
// measured once it is read (a million rows of CSV are 23 MB, and stay
// under minMemoryLimit).
const largeInput = 64 << 20

// sizeForData sets the limit for the rest of the run, once the data is
// read. After a large input the heap the data holds is measured (a
// collection, which also lets go of the input's text) and the limit is
// twice it, for the results being written; a small input keeps
// minMemoryLimit.
func sizeForData(large bool) {
	if !large {
		setMemoryLimit(minMemoryLimit)
		return
	}
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		setMemoryLimit(2 * int64(s[0].Value.Uint64()))
	}
}
