package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/atomicfile"
	"github.com/capexdev/capex/pkg/render"
)

// addOut declares --out: the result goes to a file instead of stdout.
func (o *outputFlags) addOut(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "write the output to `FILE` instead of stdout: whole, or on failure not at all")
	_ = f.SetAnnotation("out", writesKey, []string{"true"})
}

// output is where a command writes its result: stdout, or with --out a
// file written atomically, so that a run that fails half-way leaves the
// file as it was.
type output struct {
	io.Writer
	file *atomicfile.File
	path string
}

// openOutput opens the destination --out names (stdout when none). Call
// it once the run can no longer fail for want of input: the file exists
// from here until close.
func (a *App) openOutput(o *outputFlags) (*output, error) {
	if o.out == "" {
		if err := a.notTerminal(o.format); err != nil {
			return nil, err
		}
		return &output{Writer: a.IO.Out}, nil
	}
	if err := notAnInput("out", o.out, a.data.paths...); err != nil {
		return nil, err
	}
	f, err := atomicfile.Create(o.out)
	if err != nil {
		return nil, writeError("--out "+o.out, err, outputHint)
	}
	return &output{Writer: f, file: f, path: o.out}, nil
}

// writeTables writes tables in ro's format to the destination o names,
// whole or (for --out) not at all.
func (a *App) writeTables(o *outputFlags, tables []*render.Table, ro render.Options) error {
	out, err := a.openOutput(o)
	if err != nil {
		return err
	}
	return out.close(render.Write(out, tables, ro))
}

// close ends the output of a run whose result is err: a file is put in
// place when err is nil, and removed otherwise.
func (o *output) close(err error) error {
	if o.file == nil {
		return err
	}
	if err != nil {
		o.file.Abort()
		return err
	}
	if err := o.file.Commit(); err != nil {
		return writeError("--out "+o.path, err, outputHint)
	}
	return nil
}

// notTerminal refuses to write a binary format (a workbook) to a
// terminal, which would show it as garbage.
func (a *App) notTerminal(format string) error {
	if f, err := render.FormatByName(format); err != nil || !f.Binary || !a.IO.Terminal {
		return nil
	}
	return usagef("write it to a file with --out FILE, or redirect stdout: > capex."+format,
		"-o %s writes a binary file, not for a terminal", format)
}
