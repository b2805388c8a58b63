package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/view"
)

// backtestOptions is what capex backtest is asked.
type backtestOptions struct {
	app     *App
	Tickers []string
	metric  string
	methods calc.Methods
	rng     rangeFlags
	explain bool
	summary bool
	out     outputFlags
}

const backtestLong = `How good was "Q4 × 4"? For every base in the data whose target period is
complete, make the projection exactly as capex project would have made it
then, from the figures of periods ending by the base and no later one, and
set it against the target as reported: projected, actual, difference and
relative error, (projected − actual) / actual.

The methods and their flags are those of capex project:
{{methods}}.
Each base is its own --as-of; --from and --to bound the bases. A target
not yet complete is not scored; a base whose projection needs a quarter
missing inside the data is an error, or with --gaps skip a warning.

Each company and method is summarized: backtests, mean and median absolute
relative error (MAPE, median), mean signed error (bias: below zero, the
method undershoots), the smallest and largest error, the worst base, and
the shares within ±5% and ±10%. Figures are exact until printed; a mean is
one division. Past error is not a forecast interval: it says how such
projections have landed, not where the next will.

A table shows the backtests, then the summary, and a workbook (-o xlsx)
has a sheet of each; CSV, TSV and JSON write the backtests, or with
--summary the summary.`

func newBacktestCmd(app *App, runF func(*backtestOptions) error) *cobra.Command {
	opts := &backtestOptions{app: app}
	var names []string
	for _, p := range calc.Params {
		if p.Method {
			names = append(names, "--"+p.Name)
		}
	}
	cmd := &cobra.Command{
		Use:   "backtest TICKER... [--annualize SPEC] [--trailing] [--growth RATE] [--trend] [--scenario LIST]",
		Short: "Score a projection method against what was then reported",
		Long:  expand(backtestLong, "methods", strings.Join(names, ", ")),
		Example: `  capex backtest amzn --annualize q4
  capex backtest amzn msft googl meta --annualize latest --trailing --summary
  capex backtest amzn --annualize q4 --explain --from 2024Q4 --to 2024Q4
  capex backtest amzn --growth yoy --trend -o csv`,
		Args:              atLeastOneTicker("capex backtest amzn --annualize q4"),
		ValidArgsFunction: app.completeTickers,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Tickers = args
			if runF != nil {
				return runF(opts)
			}
			return runBacktest(opts)
		},
	}
	f := cmd.Flags()
	// Each base is its own as-of: --from and --to choose the bases.
	methodFlags(cmd, &opts.methods, app.completePeriods(), "as-of")
	app.metricFlag(cmd, &opts.metric, "the metric `ID` to backtest")
	opts.rng.add(cmd, "of the bases", app.completePeriods())
	f.BoolVar(&opts.explain, "explain", false, "show each backtest's projection and actual with their operands and sources")
	f.BoolVar(&opts.summary, "summary", false, "write the summary per company and method (CSV, TSV and JSON write the backtests without it)")
	opts.out.add(cmd)
	markGlobal(f, "explain")
	return cmd
}

func runBacktest(opts *backtestOptions) error {
	app := opts.app
	if opts.methods.Count() == 0 {
		return usagef("for example: capex backtest amzn --annualize q4", "choose a projection method: %s", methodList())
	}
	rng, err := opts.rng.read()
	if err != nil {
		return err
	}
	ro, err := opts.out.render()
	if err != nil {
		return err
	}
	d, err := app.dataset(opts.Tickers...)
	if err != nil {
		return err
	}
	detail, summary, warnings, err := view.Backtests(d, view.BacktestOptions{Tickers: opts.Tickers, Metric: opts.metric,
		Methods: opts.methods, Range: rng, Explain: opts.explain, Unit: unitOf(opts.out.unit)})
	app.warn(warnings...)
	if err != nil {
		return err
	}
	tables := []*render.Table{detail}
	if f, _ := render.FormatByName(ro.Format); opts.summary {
		tables = []*render.Table{summary}
	} else if f.Human || f.Binary {
		// A table, and a workbook's second sheet, show the summary too.
		tables = append(tables, summary)
	}
	if isHTML(ro) {
		asOf, err := view.AsOf(d, opts.Tickers, opts.metric)
		if err != nil {
			return err
		}
		app.report(&ro, opts.Tickers, asOf, nil)
	}
	return app.writeTables(&opts.out, tables, ro)
}
