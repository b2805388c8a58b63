// Command capex turns published capital-expenditure figures into exact
// projections. See README.md, or run capex --help.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/mattn/go-isatty"

	"github.com/capexdev/capex/pkg/atomicfile"
)

func main() {
	tuneGC()
	exitOnSignal()
	os.Exit(Main(os.Args[1:], stdIO()))
}

// stdIO is the process's standard streams.
func stdIO() IO {
	fd := os.Stdout.Fd()
	return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Terminal: isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)}
}

// exitOnSignal makes SIGINT, SIGTERM and SIGHUP end capex as a shell
// reports a process killed by the signal, with exit status 128 + its
// number (130, 143, 129), after removing the temporary files of the
// writes in progress (--out, --report, capex docs), which the signal
// would otherwise leave behind. A signal that capex was started ignoring
// (under nohup, or as a background job) stays ignored.
func exitOnSignal() {
	var sigs []os.Signal
	for _, s := range []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) == 0 {
		return
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, sigs...)
	go func() {
		s := <-c
		atomicfile.RemoveTemps()
		os.Exit(128 + int(s.(syscall.Signal)))
	}()
}
