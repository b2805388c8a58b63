package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/series"
)

// chartQuarters is how many quarters a chart shows without --from.
const chartQuarters = 8

func newChartCmd(app *App) *cobra.Command {
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
		Args: atLeastOneTicker,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := app.chartOptions(args)
			if err != nil {
				return err
			}
			d, err := app.dataset(cmd, opts.Tickers...)
			if err != nil {
				return err
			}
			width := app.V.GetInt("width")
			if width <= 0 {
				width, _ = strconv.Atoi(os.Getenv("COLUMNS"))
			}
			if width <= 0 {
				width = 80
			}
			if width < 30 || width > 1000 {
				return usagef("give a width between 30 and 1000", "--width %d: out of range", width)
			}
			return runChart(d, opts, app.V.GetBool("ttm"), chart.Options{Width: width, Color: colorOK(app.IO.Out)}, app.IO.Out)
		},
	}
	f := cmd.Flags()
	f.String("metric", "capex", "the metric `ID` to draw")
	f.String("from", "", "first period drawn (default: 8 quarters before the last)")
	f.String("to", "", "last period drawn")
	f.Bool("ttm", false, "add a chart of the trailing twelve months")
	f.String("calendar", "", "line companies up by calendar quarter (CY2024Q4)")
	f.Lookup("calendar").NoOptDefVal = "map"
	f.String("gaps", "fail", "a quarter missing inside the data: fail, or skip to draw it n/a")
	f.String("unit", "", "state values in `UNIT`: one, thousand, million or billion")
	f.Int("width", 0, "draw `N` columns wide (default: $COLUMNS, or 80)")
	return cmd
}

// chartOptions reads the settings a chart shares with show.
func (app *App) chartOptions(args []string) (showOptions, error) {
	v := app.V
	opts := showOptions{Metric: v.GetString("metric"), MetricGiven: true}
	var err error
	if opts.Calendar, opts.Tickers, err = calendarFlag(v.GetString("calendar"), args); err != nil {
		return opts, err
	}
	if opts.Calendar == "prorate" {
		return opts, usagef("use --calendar", "capex chart: --calendar prorate is not drawn")
	}
	if err := app.rangeOptions(&opts); err != nil {
		return opts, err
	}
	opts.out.unit, err = app.unitFlag()
	return opts, err
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

// runChart draws the quarterly chart, and the TTM chart with ttm.
func runChart(d *series.Dataset, opts showOptions, ttm bool, copt chart.Options, out io.Writer) error {
	cs, ms, err := showMetrics(d, opts.Tickers, opts.Metric)
	if err != nil {
		return err
	}
	ss := make([]wideSeries, len(cs))
	for i, c := range cs {
		ss[i] = wideSeries{c.Ticker, calc.NewQuarters(c, ms[i])}
	}
	calcs := []string{"value"}
	if ttm {
		calcs = append(calcs, "ttm")
	}
	var b strings.Builder
	for i, name := range calcs {
		g, err := newGrid(ss, name, opts, "capex chart")
		if err != nil {
			return err
		}
		if opts.From == nil && len(g.keys) > chartQuarters {
			g.keys = g.keys[len(g.keys)-chartQuarters:]
		}
		if i > 0 {
			b.WriteString("\n")
		}
		if err := chart.Write(&b, g.chart(), copt); err != nil {
			return err
		}
	}
	_, err = io.WriteString(out, b.String())
	return err
}

// chart is the grid as a chart: a row per period, a bar per series.
func (g *grid) chart() chart.Chart {
	names := make([]string, len(g.series))
	for i, s := range g.series {
		names[i] = s.name
	}
	title := strings.Join(names, ", ") + " " + g.what
	if g.calc == "ttm" {
		title += " TTM"
	}
	c := chart.Chart{Title: title + " (" + g.currency + " " + g.unit.String() + ")", Unit: g.unit.String(), Series: names}
	for _, k := range g.keys {
		row := chart.Row{Label: g.label(k)}
		for i := range g.series {
			r, ok := g.value(i, k)
			row.Values = append(row.Values, chart.Value{D: r.Decimal(), OK: ok && r.OK()})
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}
