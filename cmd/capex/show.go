package main

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/view"
)

// showOptions is what capex show is asked: its flags, read by
// newShowCmd, and run by runShow.
type showOptions struct {
	app     *App
	Tickers []string

	metric   string
	columns  string
	rng      rangeFlags
	printed  bool
	explain  bool
	calendar string
	spark    bool
	wide     bool
	out      outputFlags
	// metricGiven: --metric was given (with --wide and one company, the
	// columns are otherwise its metrics).
	metricGiven bool
}

const showLong = `Show a metric (--metric, default capex) of each company named, or of
every company that has it, one row per discrete fiscal quarter: printed, or
derived from year-to-date and trailing figures (Q4 = FY − 9M), with the
derivation and the sources it rests on.

Columns (--columns, in any order):
{{columns}}
Growth is a fraction in CSV and JSON (0.4199…) and a percentage in tables
(42.0%). Quarters are compared by identity, never by row. A quotient is
correctly rounded to 34 significant digits.

A calculation that needs a quarter missing inside the data is an error
naming it; --gaps skip marks the cell "n/a: missing 2023Q2" instead.
Quarters before the first known one are the edge of the data: "n/a".

--explain adds each calculation with its operands, such as
"YoY 2025Q4 = (39,522 − 27,834) / 27,834 = 0.4199…".

--printed lists the figures as printed instead: every quarter, year-to-date
and trailing figure with its basis, months and source.

Every period shows its start and end dates and its length in days.
--calendar adds the calendar quarter holding most of each fiscal quarter's
days (CY2024Q4) and the overlap: days in that calendar quarter / days in
the fiscal quarter (92/92). Values are not changed. --calendar prorate
instead lists calendar quarters, each the exact sum of the fiscal quarters'
values × shared days / their days, and says so; --from and --to then name
calendar quarters. A table of companies whose quarters of one name end more
than 45 days apart warns.

--wide puts a row per period and a column per company (or per metric of
one company), each cell one calculation (value unless --columns names
another): for spreadsheets.`

func newShowCmd(app *App, runF func(*showOptions) error) *cobra.Command {
	opts := &showOptions{app: app}
	cmd := &cobra.Command{
		Use:   "show [TICKER...]",
		Short: "Show a series by quarter with TTM, QoQ and YoY, or as printed",
		Long:  expand(showLong, "columns", columnsHelp()),
		Example: `  capex show amzn
  capex show amzn msft --columns value,ttm,yoy -o csv
  capex show amzn --metric capex-net --gaps skip
  capex show googl --from 2024Q1 --to 2025Q4 --unit billion
  capex show msft --printed
  capex show msft --calendar
  capex show amzn googl meta --wide -o csv --bom
  capex show amzn msft --wide --calendar --columns ttm
  capex show aapl --data aapl.yaml --calendar prorate`,
		ValidArgsFunction: app.completeTickers,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Tickers = args
			opts.metricGiven = cmd.Flags().Changed("metric")
			if runF != nil {
				return runF(opts)
			}
			return runShow(opts)
		},
	}
	f := cmd.Flags()
	app.metricFlag(cmd, &opts.metric, "the metric `ID` to show")
	f.StringVar(&opts.columns, "columns", "", "the `LIST` of columns, separated by commas (default "+defaultColumnList()+")")
	opts.rng.add(cmd, "shown", app.completePeriods())
	f.BoolVar(&opts.printed, "printed", false, "list the figures as printed (quarters, year to date, trailing) instead of by quarter")
	f.BoolVar(&opts.explain, "explain", false, "show each calculation with its operands")
	optionalEnum(cmd, &opts.calendar, "calendar", "map", calendarChoices, "map fiscal quarters to calendar quarters (CY2024Q4) with their overlap in days; prorate splits values by days instead")
	f.BoolVar(&opts.spark, "spark", false, "add a sparkline of the 8 quarters ending at each row")
	f.BoolVar(&opts.wide, "wide", false, "a row per period and a column per company (per metric with one company): for spreadsheets")
	opts.out.add(cmd)
	markGlobal(f, "explain")
	return cmd
}

// runShow checks the combination of flags and writes the view.
func runShow(opts *showOptions) error {
	app := opts.app
	cols := calc.DefaultColumns()
	if opts.columns != "" {
		var err error
		if cols, err = calc.ParseColumns(opts.columns); err != nil {
			return err
		}
	}
	rng, err := opts.rng.read()
	if err != nil {
		return err
	}
	cal := calendarMode(opts.calendar)
	if opts.wide && (opts.printed || opts.explain || opts.spark || cal == view.Prorated) {
		return usagef("--wide shows one calculation per cell", "--wide does not go with --printed, --explain, --spark or --calendar prorate")
	}
	if cal == view.Prorated {
		if opts.printed {
			return usagef("use one or the other", "--calendar prorate and --printed do not go together")
		}
		if opts.columns != "" && (len(cols) != 1 || cols[0] != calc.ValueColumn) {
			return usagef("--calendar prorate shows the value of each calendar quarter", "--calendar prorate: only the value column is available")
		}
		cols = []*calc.Column{calc.ValueColumn}
	}
	ro, err := opts.out.render()
	if err != nil {
		return err
	}
	if opts.wide {
		if opts.columns == "" {
			cols = []*calc.Column{calc.ValueColumn}
		}
		if len(cols) != 1 {
			return usagef("for example: --wide --columns ttm", "--wide shows one calculation; --columns names %d", len(cols))
		}
		d, err := app.dataset(opts.Tickers...)
		if err != nil {
			return err
		}
		t, err := view.Wide(d, cols[0], view.GridOptions{Tickers: opts.Tickers, Metric: opts.metric, ByMetric: !opts.metricGiven,
			Range: rng, Calendar: cal, Unit: unitOf(opts.out.unit)})
		if err != nil {
			return err
		}
		app.report(&ro, opts.Tickers, nil, nil)
		return app.writeTables(&opts.out, []*render.Table{t}, ro)
	}
	d, err := app.dataset(opts.Tickers...)
	if err != nil {
		return err
	}
	if isHTML(ro) {
		asOf, err := view.AsOf(d, opts.Tickers, opts.metric)
		if err != nil {
			return err
		}
		var charts func() ([]chart.Chart, error)
		if !opts.printed && cal != view.Prorated {
			// The values, and the TTM when shown, as the chart command draws
			// them: the last 8 quarters, or --from and --to.
			drawn := []*calc.Column{calc.ValueColumn}
			if slices.Contains(cols, calc.TTMColumn) {
				drawn = append(drawn, calc.TTMColumn)
			}
			charts = func() ([]chart.Chart, error) {
				return app.charts(d, view.ChartOptions{Columns: drawn, Last: chartQuarters, GridOptions: view.GridOptions{Tickers: opts.Tickers,
					Metric: opts.metric, Range: rng, Calendar: cal, Unit: unitOf(opts.out.unit)}}, opts.calendar != "")
			}
		}
		app.report(&ro, opts.Tickers, asOf, charts)
	}
	out, err := app.openOutput(&opts.out)
	if err != nil {
		return err
	}
	s, err := render.NewStream(out, ro)
	if err != nil {
		return out.close(err)
	}
	return out.close(view.Show(s, d, view.ShowOptions{Tickers: opts.Tickers, Metric: opts.metric, Columns: cols, Range: rng,
		Printed: opts.printed, Explain: opts.explain, Spark: opts.spark, Calendar: cal, Unit: unitOf(opts.out.unit), Warn: app.warn}))
}

// columnsHelp lists the columns for --help.
func columnsHelp() string {
	s := ""
	for _, c := range calc.Columns {
		s += "  " + pad(c.Name, 9) + c.Help + "\n"
	}
	return s
}

func defaultColumnList() string {
	s := ""
	for i, c := range calc.DefaultColumns() {
		if i > 0 {
			s += ","
		}
		s += c.Name
	}
	return s
}
