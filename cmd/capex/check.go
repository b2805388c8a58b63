package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/atomicfile"
	"github.com/capexdev/capex/pkg/check"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

var checkFormats = []string{"table", "json", "junit", "github", "csv"}

const checkLong = `Compare figures computed from the data with published ones, for CI.

Each FILE is a YAML expectations file:

  checks:
    - name: Meta FY2024 capex incl. finance leases   # required, unique
      company: META
      metric: capex-incl-leases       # default capex
      figure: total                   # value | total | ttm | annualize | yoy | qoq | cagr | projection
      period: FY2024                  # total also takes 2024Q1..2024Q4; cagr takes FY2022..FY2024
      expect: 39.23B                  # or a plain number with unit:; rates as 41.99% or 0.4199
      tolerance: 0.5%                 # optional: relative (0.5%), absolute (0.05B, or 10 in the
                                      # expectation's unit), or percentage points for rates (0.5pp)
      source: https://…               # optional, echoed in reports
      definition: incl. principal payments on finance leases   # optional note
      known_discrepancy: why          # optional: report a failure without failing the run
      data: claim.yaml                # optional data file of its own, relative to this file

figure: annualize takes base: (q4, 2024Q4, …); figure: projection takes the
flags of capex project as keys: annualize, trailing, growth, trend, window,
horizon, as-of. period: on either names the period projected, and is
checked.

Without tolerance:, the tolerance is half a unit in the last digit
published: 105.2B means ±0.05B, 72,215 (million) ±0.5 million, 41.99%
±0.005 percentage points. A difference equal to the tolerance passes.

Every check is evaluated; the table ends with "N of M checks failed".
Exit status: 0 every check passed (known discrepancies aside), 1 a check
failed, 2 the data or the expectations could not be read.`

func newCheckCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Check computed figures against published ones (for CI)",
		Long:  checkLong,
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
			format := strings.ToLower(app.V.GetString("format"))
			if !containsString(checkFormats, format) {
				return usagef("use "+strings.Join(checkFormats, ", "), "format %q: not a check format", format)
			}
			cal, files, err := calendarFlag(app.V.GetString("calendar"), args)
			if err != nil {
				return err
			}
			if cal == "prorate" {
				return usagef("capex show --calendar prorate splits quarters by days; here --calendar lists the calendar quarters", "--calendar prorate: checks compare published figures as printed, not prorated")
			}
			return app.runCheck(cmd, files, format, app.V.GetString("report"), cal == "map")
		},
	}
	f := cmd.Flags()
	f.StringP("format", "o", "table", "output `format`: table, json, junit, github or csv")
	f.String("report", "", "also write the chosen format to `FILE` (atomically); the table goes to stdout")
	f.String("calendar", "", "add the calendar quarters of each checked period, with the days they share")
	f.Lookup("calendar").NoOptDefVal = "map"
	return cmd
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (app *App) runCheck(cmd *cobra.Command, files []string, format, report string, calendar bool) error {
	var ps series.Problems
	var checks []*check.Check
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			ps.Errorf(series.Pos{File: f}, "check the path of the expectations file", "%s", describeError(err))
			continue
		}
		checks = append(checks, check.Read(f, data, &ps)...)
	}
	// The checks that could be read are evaluated even when others could
	// not, so that one run reports every problem.
	base, err := app.dataset(cmd)
	if err != nil {
		return err
	}
	own := map[string]*series.Dataset{}
	var results []*check.Result
	for _, c := range checks {
		d := base
		if c.Data != "" {
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
	out, err := checkOutput(results, summary, format, calendar)
	if err != nil {
		return err
	}
	if report != "" {
		if err := atomicfile.WriteFile(report, out, 0o644); err != nil {
			return fmt.Errorf("--report %s: %s", report, describeError(err))
		}
		if out, err = checkOutput(results, summary, "table", calendar); err != nil {
			return err
		}
	}
	if _, err := app.IO.Out.Write(out); err != nil {
		return err
	}
	if format != "table" && report == "" && summary.Failed == 0 {
		// Other formats may not show the summary; the table ends with it.
		fmt.Fprintf(app.IO.Err, "capex: %s\n", summary)
	}
	if summary.Failed > 0 {
		return &failedError{msg: summary.String()}
	}
	return nil
}

// checkOutput renders results in a format.
func checkOutput(results []*check.Result, summary check.Summary, format string, calendar bool) ([]byte, error) {
	var b bytes.Buffer
	switch format {
	case "junit":
		return check.JUnit(results)
	case "github":
		return check.GitHub(results), nil
	case "table":
		t := check.Table(results, calendar)
		t.Notes = append(t.Notes, summary.String())
		err := render.Write(&b, []*render.Table{t}, render.Options{Format: "table", Decimals: -1})
		return b.Bytes(), err
	}
	err := render.Write(&b, []*render.Table{check.Table(results, calendar)}, render.Options{Format: format, Decimals: -1})
	return b.Bytes(), err
}

// describeError turns a file error into words without the path.
func describeError(err error) string {
	return load.DescribeError(err)
}
