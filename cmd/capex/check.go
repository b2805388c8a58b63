package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/atomicfile"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/check"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// checkOptions is what capex check is asked.
type checkOptions struct {
	app      *App
	Files    []string
	format   string
	dialect  outputFlags
	report   string
	calendar string
}

const checkLong = `Compare figures computed from the data with published ones, for CI.

Each FILE is a YAML expectations file:

  checks:
    - name: Meta FY2024 capex incl. finance leases   # required, unique
      company: META
      metric: capex-incl-leases       # default capex
      figure: total                   # {{figures}}
      period: FY2024                  # total also takes 2024Q1..2024Q4; cagr takes FY2022..FY2024
      expect: 39.23B                  # or a plain number with unit:; rates as 41.99% or 0.4199
      tolerance: 0.5%                 # optional: relative (0.5%), absolute (0.05B, or 10 in the
                                      # expectation's unit), or percentage points for rates (0.5pp)
      source: https://…               # optional, echoed in reports
      definition: incl. principal payments on finance leases   # optional note
      known_discrepancy: why          # optional: report a failure without failing the run
      data: claim.yaml                # optional data file of its own, relative to this file

figure: annualize takes base: (q4, 2024Q4, …); figure: projection takes the
flags of capex project as keys ({{params}}), exactly one method.
period: on either names the period projected, and is checked.

Without tolerance:, the tolerance is half a unit in the last digit
published: 105.2B means ±0.05B, 72,215 (million) ±0.5 million, 41.99%
±0.005 percentage points. A difference equal to the tolerance passes.

Every check is evaluated; the table ends with "N of M checks failed".
Exit status: 0 every check passed (known discrepancies aside), 1 a check
failed, 2 the data or the expectations could not be read.`

func newCheckCmd(app *App, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{app: app}
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Check computed figures against published ones (for CI)",
		Long: expand(expand(checkLong, "figures", strings.Join(check.Figures, " | ")),
			"params", strings.Join(calc.ParamNames(), ", ")),
		Example: `  capex check testdata/published/claims.yaml
  capex check claims.yaml --format junit --report capex-junit.xml
  capex check claims.yaml -o github
  capex check claims.yaml --calendar`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("for example: capex check claims.yaml", "capex check needs an expectations file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	choices := renderChoices
	for _, f := range check.Formats {
		choices = append(choices[:len(choices):len(choices)], choice{f.Name, f.Help})
	}
	enumFlag(cmd, cmd.Flags(), &opts.format, "format", "o", "table", choices, "output `format`")
	opts.dialect.addDialect(cmd)
	cmd.Flags().StringVar(&opts.report, "report", "", "also write the chosen format to `FILE` (atomically); the table goes to stdout")
	_ = cmd.Flags().SetAnnotation("report", writesKey, []string{"true"})
	optionalEnum(cmd, &opts.calendar, "calendar", "map", calendarChoices, "add the calendar quarters of each checked period, with the days they share")
	return cmd
}

func runCheck(opts *checkOptions) error {
	app := opts.app
	if err := notProrated(opts.calendar, "checks compare published figures as printed, not prorated"); err != nil {
		return err
	}
	calendar := opts.calendar == "map"
	if opts.report != "" {
		if err := notAnInput("report", opts.report, append(append([]string{}, opts.Files...), app.data.paths...)...); err != nil {
			return err
		}
	} else if err := app.notTerminal(opts.format); err != nil {
		return err
	}
	ro := render.Options{Format: opts.format, Decimals: -1}
	if !check.Own(opts.format) {
		d := opts.dialect
		d.format, d.decimals = opts.format, -1
		var err error
		if ro, err = d.render(); err != nil {
			return err
		}
	} else if d := opts.dialect; d.bom || d.delimiter != "" || d.decimalComma {
		return usagef("they shape CSV and TSV", "--bom, --delimiter and --decimal-comma do not go with -o %s", opts.format)
	}
	maxInput, err := parseSize("max-input", app.data.maxInput)
	if err != nil {
		return err
	}
	// The expectations are read while the data loads (a file of 10,000
	// checks takes as long to read as a million rows), unless one of them
	// is standard input, which the data may also be.
	var ps series.Problems
	var checks []*check.Check
	readChecks := func() {
		for _, f := range opts.Files {
			// An expectations file is input like any other: capped, and
			// refused at its first bytes if it is not text.
			data, err := load.Read(f, app.IO.In, load.Options{MaxInput: maxInput})
			if err != nil {
				ps.AddError(series.At(f, 0), err)
				continue
			}
			checks = append(checks, check.Read(f, []byte(data), &ps)...)
		}
	}
	// Room for them, or the collector runs back to back while both are
	// read, and again while the checks are worked out.
	reserveBesideData(bytesPerYAMLByte * load.Size(opts.Files))
	read := make(chan struct{})
	if slices.Contains(opts.Files, "-") {
		readChecks()
		close(read)
	} else {
		go func() { readChecks(); close(read) }()
	}
	// The checks that could be read are evaluated even when others could
	// not, so that one run reports every problem.
	base, err := app.dataset()
	<-read
	if err != nil {
		return err
	}
	own := map[string]*series.Dataset{}
	var results []*check.Result
	for _, c := range checks {
		d := base
		if c.Data != "" {
			if opts.report != "" {
				if err := notAnInput("report", opts.report, c.Data); err != nil {
					return err
				}
			}
			if own[c.Data] == nil {
				if own[c.Data], err = app.load([]string{c.Data}); err != nil {
					return err
				}
			}
			d = own[c.Data]
		}
		if r := check.Evaluate(c, d, &ps); r != nil {
			results = append(results, r)
		}
	}
	if err := ps.Err(); err != nil {
		return err
	}
	summary := check.Summarize(results)
	out, err := check.Report(results, ro, calendar)
	if err != nil {
		return err
	}
	if opts.report != "" {
		if err := atomicfile.WriteFile(opts.report, out); err != nil {
			return writeError("--report "+opts.report, err, outputHint)
		}
		if out, err = check.Report(results, render.Options{Format: render.TableFormat.Name, Decimals: -1}, calendar); err != nil {
			return err
		}
	}
	if _, err := app.IO.Out.Write(out); err != nil {
		return err
	}
	if opts.format != render.TableFormat.Name && opts.report == "" && summary.Failed == 0 {
		// Other formats may not show the summary; the table ends with it.
		fmt.Fprintf(app.IO.Err, "capex: %s\n", summary)
	}
	if summary.Failed > 0 {
		return &failedError{msg: summary.String()}
	}
	return nil
}
