package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/capexdev/capex/pkg/series"
)

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1 // a check failed (capex check)
	exitInput  = 2 // bad input or usage, or an output that could not be written
)

// usageError is a command line that cannot be run as written.
type usageError struct {
	msg  string
	hint string
}

func (e *usageError) Error() string { return e.msg }
func (e *usageError) Hint() string  { return e.hint }

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// hinted is any error that says how to fix it.
type hinted interface{ Hint() string }

// failedError is a run whose checks failed: exit 1.
type failedError struct{ msg string }

func (e *failedError) Error() string { return e.msg }

// exitCode chooses the exit code for an error; only Main calls it.
func exitCode(err error) int {
	var fe *failedError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &fe):
		return exitFailed
	}
	return exitInput
}

// printError writes err to w as "capex: error: …" lines, one per problem,
// then each distinct hint once as "capex: hint: …".
func printError(w io.Writer, err error) {
	var hints []string
	addHint := func(h string) {
		if h == "" {
			return
		}
		for _, x := range hints {
			if x == h {
				return
			}
		}
		hints = append(hints, h)
	}
	var ie *series.InputError
	if errors.As(err, &ie) {
		for _, p := range ie.Problems {
			fmt.Fprintf(w, "capex: error: %s\n", p)
			addHint(p.Hint)
		}
		for _, o := range ie.Omitted {
			fmt.Fprintf(w, "capex: error: %s: %d more problems not shown\n", o.File, o.Count)
		}
	} else {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(w, "capex: error: %s\n", line)
		}
		var h hinted
		if errors.As(err, &h) {
			addHint(h.Hint())
		}
	}
	for _, h := range hints {
		fmt.Fprintf(w, "capex: hint: %s\n", h)
	}
}

// printWarnings writes warnings as "capex: warning: …" lines.
func printWarnings(w io.Writer, ws []series.Problem) {
	for _, p := range ws {
		fmt.Fprintf(w, "capex: warning: %s\n", p)
	}
}
