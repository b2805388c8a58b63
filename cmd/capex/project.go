package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/view"
)

// projectOptions is what capex project is asked.
type projectOptions struct {
	app     *App
	Tickers []string

	metric   string
	methods  calc.Methods
	total    bool
	explain  bool
	backtest bool
	calendar string
	out      outputFlags
}

const projectLong = `Project a company's spend forward. Each method gives one row per company,
in this order when several are chosen:

{{methods}}
The base of trailing, growth, trend and scenarios is the TTM (or window)
ending at --as-of PERIOD, default the latest quarter; growth and scenarios
compound over --horizon years, the trend is fitted to --window quarters.
--total adds a row per method summing the companies. Listing or totalling
companies whose fiscal calendars differ warns, naming each company's
period and its dates. --calendar adds the calendar quarters each base and
target fall in (CY2024Q4, or CY2024Q3..CY2025Q2) and the days they share.

A base that is not printed is derived from printed figures (Q4 = FY − 9M);
one that cannot be derived is an error, never a guess. --explain shows the
arithmetic with every operand. Products are exact; a quotient or root is
correctly rounded to 34 significant digits.`

// methodsHelp describes the projection methods, from their registry.
func methodsHelp() string {
	var b strings.Builder
	for _, p := range calc.Params {
		if !p.Method {
			continue
		}
		head := "--" + p.Name
		if p.Arg != "" {
			head += " " + p.Arg
		}
		for i, line := range strings.Split(p.Doc, "\n") {
			if i == 0 {
				b.WriteString("  " + pad(head, 19) + line + "\n")
			} else {
				b.WriteString(strings.Repeat(" ", 21) + line + "\n")
			}
		}
	}
	return b.String()
}

func newProjectCmd(app *App, runF func(*projectOptions) error) *cobra.Command {
	opts := &projectOptions{app: app}
	cmd := &cobra.Command{
		Use:   "project TICKER... [--annualize SPEC] [--trailing] [--growth RATE] [--trend] [--scenario LIST]",
		Short: "Project forward: run rate, trailing, growth, trend and scenarios",
		Long:  expand(projectLong, "methods", methodsHelp()),
		Example: `  capex project amzn --annualize q4
  capex project amzn --annualize 2024Q4 --metric capex-net --explain
  capex project amzn --trailing --growth 20% --annualize q4 --explain
  capex project msft --growth cagr:3y --horizon 2
  capex project amzn --scenario bear=5%,base=15%,bull=30%
  capex project amzn msft googl meta --annualize latest --total
  capex project amzn msft --annualize latest --calendar`,
		Args:              atLeastOneTicker("capex project amzn --annualize q4"),
		ValidArgsFunction: app.completeTickers,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Tickers = args
			if runF != nil {
				return runF(opts)
			}
			return runProject(opts)
		},
	}
	f := cmd.Flags()
	methodFlags(cmd, &opts.methods, app.completePeriods())
	f.BoolVar(&opts.total, "total", false, "add a row per method summing the companies")
	f.BoolVar(&opts.explain, "explain", false, "show each formula with its operands")
	f.BoolVar(&opts.backtest, "backtest", false, "add each method's track record for the company: its backtests and their errors' range (capex backtest)")
	app.metricFlag(cmd, &opts.metric, "the metric `ID` to project")
	optionalEnum(cmd, &opts.calendar, "calendar", "map", calendarChoices, "add the calendar quarters of each base and target, with the days they share")
	opts.out.add(cmd)
	markGlobal(f, "explain")
	return cmd
}

func runProject(opts *projectOptions) error {
	app := opts.app
	if opts.methods.Count() == 0 {
		return usagef("for example: capex project amzn --annualize q4", "choose a projection method: %s", methodList())
	}
	if err := notProrated(opts.calendar, "projections are not prorated"); err != nil {
		return err
	}
	ro, err := opts.out.render()
	if err != nil {
		return err
	}
	reserveBesideData(bytesPerProjection * int64(len(opts.Tickers)))
	d, err := app.dataset(opts.Tickers...)
	if err != nil {
		return err
	}
	t, warnings, err := view.Project(d, view.ProjectOptions{Tickers: opts.Tickers, Metric: opts.metric, Methods: opts.methods,
		Total: opts.total, Explain: opts.explain, Calendar: calendarMode(opts.calendar), Unit: unitOf(opts.out.unit), Backtest: opts.backtest})
	if err != nil {
		return err
	}
	app.warn(warnings...)
	if isHTML(ro) {
		asOf, err := view.AsOf(d, opts.Tickers, opts.metric)
		if err != nil {
			return err
		}
		// The TTM history with each projection beside it.
		app.report(&ro, opts.Tickers, asOf, func() ([]chart.Chart, error) {
			return app.charts(d, view.ChartOptions{Columns: []*calc.Column{calc.TTMColumn}, Last: chartQuarters, Methods: opts.methods,
				GridOptions: view.GridOptions{Tickers: opts.Tickers, Metric: opts.metric, Calendar: calendarMode(opts.calendar), Unit: unitOf(opts.out.unit)}},
				opts.calendar != "")
		})
	}
	return app.writeTables(&opts.out, []*render.Table{t}, ro)
}

// methodList is "--annualize, --trailing, --growth, --trend or --scenario".
func methodList() string {
	var names []string
	for _, p := range calc.Params {
		if p.Method {
			names = append(names, "--"+p.Name)
		}
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// atLeastOneTicker is a cobra.PositionalArgs for commands that need a
// ticker; example is how to give one.
func atLeastOneTicker(example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("for example: "+example, "%s needs at least one ticker", cmd.CommandPath())
		}
		return nil
	}
}

// notProrated refuses --calendar prorate in a command that only maps
// quarters to calendar quarters.
func notProrated(calendar, why string) error {
	if calendar == "prorate" {
		return usagef("capex show --calendar prorate splits quarters by days; here --calendar lists the calendar quarters", "--calendar prorate: %s", why)
	}
	return nil
}
