package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/spf13/pflag"

	"github.com/capexdev/capex/pkg/atomicfile"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/render"
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

// writeError is a file capex could not write, named by what ("--out
// FILE", or the path). A target that is not a regular file, which capex
// refuses to replace, is the user's to change: hint says how.
func writeError(what string, err error, hint string) error {
	var pe *fs.PathError
	if errors.Is(err, atomicfile.ErrNotRegular) && errors.As(err, &pe) {
		// Said whole: describeError would cut "is a directory, not a
		// regular file" short.
		return &usageError{msg: what + ": " + pe.Err.Error(), hint: hint}
	}
	return errors.New(what + ": " + describeError(err))
}

// outputHint is the fix for an output flag that names something other
// than a regular file.
const outputHint = "name a regular file, or a path where there is nothing yet"

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

// flagError phrases an error from parsing a flag: a value the flag
// refuses names the flag.
func flagError(err error) error {
	var ive *pflag.InvalidValueError
	if errors.As(err, &ive) {
		pe := valueError(ive.GetFlag(), ive.GetValue(), err)
		return &usageError{msg: pe.Called("--" + pe.Name), hint: pe.Hint()}
	}
	return &usageError{msg: err.Error()}
}

// valueError is a value flag f refused, as a *param.Error: the flag's own
// when it has one (an enum, a method parameter), else one saying what a
// value of the flag's type looks like.
func valueError(f *pflag.Flag, value string, err error) *param.Error {
	var pe *param.Error
	if errors.As(err, &pe) {
		return pe
	}
	switch f.Value.Type() {
	case "int":
		return param.Errorf(f.Name, value, "a whole number", "not a whole number")
	case "bool":
		return param.Errorf(f.Name, value, "true or false", "not true or false")
	case "duration":
		return param.Errorf(f.Name, value, "a duration such as 30s or 2m", "not a duration")
	}
	return param.Errorf(f.Name, value, "", "%v", err)
}

// phrased is an error as capex prints it: its lines and its hints, with
// parameters named as flags.
type phrased struct {
	lines []string
	hints []string
}

// phrase turns err into lines and hints. Domain packages name the
// parameter a value or a fix is about (window, as-of, gaps); here they
// become flags, and only flags the command has.
func phrase(err error, hasFlag func(string) bool) phrased {
	var out phrased
	addHint := func(h string) {
		if h != "" && !contains(out.hints, h) {
			out.hints = append(out.hints, h)
		}
	}
	var ie *series.InputError
	if errors.As(err, &ie) {
		for _, p := range ie.Problems {
			out.lines = append(out.lines, p.String())
			addHint(problemHint(p, hasFlag))
		}
		for _, o := range ie.Omitted {
			out.lines = append(out.lines, fmt.Sprintf("%s: %d more problems not shown", o.File, o.Count))
		}
		return out
	}
	var me *calc.MethodError
	if errors.As(err, &me) {
		// The method that failed, as its flag, then why.
		inner := phrase(me.Err, hasFlag)
		name := me.Param
		if hasFlag(name) {
			name = "--" + name
		}
		if me.Value != "" {
			name += " " + me.Value
		}
		inner.lines[0] = name + ": " + inner.lines[0]
		return inner
	}
	var pe *param.Error
	if errors.As(err, &pe) && hasFlag(pe.Name) {
		out.lines = []string{pe.Called("--" + pe.Name)}
		addHint(pe.Hint())
		return out
	}
	out.lines = strings.Split(err.Error(), "\n")
	var miss *calc.MissingError
	if errors.As(err, &miss) {
		h := miss.Hint()
		if hasFlag("gaps") {
			h += ", or pass --gaps skip to mark the cells n/a"
		}
		addHint(h)
		return out
	}
	var ce *calc.Error
	if errors.As(err, &ce) {
		addHint(paramHint(ce.Fix, ce.Param, hasFlag))
		if ce.Company != "" {
			addHint(fmt.Sprintf("capex show %s --metric %s lists its quarters", strings.ToLower(ce.Company), ce.Metric))
		}
		return out
	}
	var hp interface {
		Hint() string
		HintParam() string
	}
	if errors.As(err, &hp) {
		addHint(paramHint(hp.Hint(), hp.HintParam(), hasFlag))
		return out
	}
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		addHint(h.Hint())
	}
	return out
}

// paramHint is a hint, followed by the flag that does what it says when
// the command has it: "choose another base (--as-of)".
func paramHint(hint, name string, hasFlag func(string) bool) string {
	if hint == "" || name == "" || !hasFlag(name) {
		return hint
	}
	return fmt.Sprintf("%s (--%s)", hint, name)
}

// problemHint is the hint of a problem in a file, with its flag.
func problemHint(p series.Problem, hasFlag func(string) bool) string {
	return paramHint(p.Hint, p.Param, hasFlag)
}

// printError writes err to w as "capex: error: …" lines, then each
// distinct hint once as "capex: hint: …". Messages quote file names,
// arguments and text from files, so every line is made visible: no
// control character reaches the terminal.
func printError(w io.Writer, err error, hasFlag func(string) bool) {
	p := phrase(err, hasFlag)
	for _, l := range p.lines {
		fmt.Fprintf(w, "capex: error: %s\n", render.Visible(l))
	}
	for _, h := range p.hints {
		fmt.Fprintf(w, "capex: hint: %s\n", render.Visible(h))
	}
}

// printWarnings writes warnings as "capex: warning: …" lines, each
// followed by its hint, made visible as errors are.
func printWarnings(w io.Writer, ws []series.Problem, hasFlag func(string) bool) {
	for _, p := range ws {
		fmt.Fprintf(w, "capex: warning: %s\n", render.Visible(p.String()))
		if h := problemHint(p, hasFlag); h != "" {
			fmt.Fprintf(w, "capex: hint: %s\n", render.Visible(h))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
