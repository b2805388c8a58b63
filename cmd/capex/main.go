// Command capex turns published capital-expenditure figures into exact
// projections. See README.md, or run capex --help.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	tuneGC()
	os.Exit(Main(os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}

// tuneGC lets the heap grow further between collections than Go's default
// (GOGC=100), which a short-lived command reading a million rows gains
// from, under a soft limit that keeps the process within the 300 MB the
// benchmark allows. GOGC and GOMEMLIMIT, when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(240 << 20)
	}
}
