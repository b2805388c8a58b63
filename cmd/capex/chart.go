package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/view"
)

// chartQuarters is how many quarters a chart shows without --from.
const chartQuarters = 8

// chartOptions is what capex chart is asked.
type chartOptions struct {
	app      *App
	Tickers  []string
	metric   string
	rng      rangeFlags
	ttm      bool
	calendar string
	out      outputFlags // --unit only
	width    int
}

func newChartCmd(app *App, runF func(*chartOptions) error) *cobra.Command {
	opts := &chartOptions{app: app}
	cmd := &cobra.Command{
		Use:   "chart TICKER...",
		Short: "Draw quarterly series (and TTM) as bar charts in the terminal",
		Long: `Draw a metric (--metric, default capex) of each company named as a
horizontal bar chart, a bar per quarter, the companies side by side: the
last 8 quarters, or --from and --to. --ttm adds a chart of the trailing
twelve months. Bars are exact to an eighth of a character (the scale is
computed in decimals, never floating point); each bar is followed by its
value in the chosen --unit.

Companies on different fiscal calendars are lined up by calendar quarter
with --calendar. Colour is used only when the output is a terminal, and
never when NO_COLOR is set. --width sets the width (default: $COLUMNS, or
80).`,
		Example: `  capex chart amzn msft googl meta --calendar
  capex chart amzn --from 2024Q1 --ttm --unit billion
  capex show amzn --spark`,
		Args:              atLeastOneTicker("capex chart amzn --ttm"),
		ValidArgsFunction: app.completeTickers,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Tickers = args
			if runF != nil {
				return runF(opts)
			}
			return runChart(opts)
		},
	}
	f := cmd.Flags()
	app.metricFlag(cmd, &opts.metric, "the metric `ID` to draw")
	opts.rng.add(cmd, "drawn (default: 8 quarters before the last)", app.completePeriods())
	f.BoolVar(&opts.ttm, "ttm", false, "add a chart of the trailing twelve months")
	optionalEnum(cmd, &opts.calendar, "calendar", "map", calendarChoices, "line companies up by calendar quarter (CY2024Q4)")
	opts.out.addUnit(cmd)
	f.IntVar(&opts.width, "width", 0, "draw `N` columns wide (default: $COLUMNS, or 80)")
	return cmd
}

func runChart(opts *chartOptions) error {
	app := opts.app
	if opts.calendar == "prorate" {
		return usagef("use --calendar", "capex chart: --calendar prorate is not drawn")
	}
	rng, err := opts.rng.read()
	if err != nil {
		return err
	}
	width := opts.width
	if width <= 0 {
		width, _ = strconv.Atoi(os.Getenv("COLUMNS"))
	}
	if width <= 0 {
		width = 80
	}
	if width < 30 || width > 1000 {
		return usagef("give a width between 30 and 1000", "--width %d: out of range", width)
	}
	d, err := app.dataset(opts.Tickers...)
	if err != nil {
		return err
	}
	cols := []*calc.Column{calc.ValueColumn}
	if opts.ttm {
		cols = append(cols, calc.TTMColumn)
	}
	charts, err := view.Charts(d, cols, chartQuarters, view.GridOptions{Tickers: opts.Tickers, Metric: opts.metric, Range: rng,
		Calendar: calendarMode(opts.calendar), Unit: unitOf(opts.out.unit)})
	if err != nil {
		return err
	}
	var b strings.Builder
	for i, c := range charts {
		if i > 0 {
			b.WriteString("\n")
		}
		if err := chart.Write(&b, c, chart.Options{Width: width, Color: colorOK(app.IO.Out)}); err != nil {
			return err
		}
	}
	_, err = io.WriteString(app.IO.Out, b.String())
	return err
}

// colorOK reports whether output may be coloured: a terminal, and
// NO_COLOR not set (https://no-color.org).
func colorOK(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
