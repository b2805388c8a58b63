package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/figure"
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
	methods  calc.Methods
	format   string      // -o: text, svg or png
	theme    string      // --theme, for images
	out      outputFlags // --unit and --out only
	width    int
}

// chartFormats are what capex chart draws: -o's choices.
var chartFormats = []choice{
	{"text", "bar charts in the terminal (the default)"},
	{"svg", "an SVG image: vector, for a page or a slide"},
	{"png", "a PNG image, twice the SVG's size in pixels (never to a terminal)"},
}

// themeChoices are --theme's.
func themeChoices() []choice {
	out := make([]choice, len(figure.Themes))
	for i, t := range figure.Themes {
		out[i] = choice{t.Name, "a " + t.Name + " background"}
	}
	return out
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
(CY2025Q4), with a warning; --calendar does so for any companies. Colour is used only when the output is a terminal, and
never when NO_COLOR is set. --width sets the width (default: $COLUMNS, or
80).

A projection method (--annualize, --trailing, --growth, --trend,
--scenario, as capex project takes them) adds its projection of the next
four quarters to the TTM chart, as a bar of its own marked "projected" and
with the method, rounded to the places of the reported figures.

-o svg and -o png draw the charts as an image, with --out FILE (SVG may
also go to stdout; PNG never to a terminal): bars with their exact values,
projections hatched, a title with the currency and unit, and a source line
naming each company's data and the latest filing date of the figures shown.
The colours are the Okabe–Ito palette, safe for colour-blind readers, on a
light or --theme dark background; no fonts or scripts are linked.`,
		Example: `  capex chart amzn msft googl meta --calendar
  capex chart amzn --from 2024Q1 --ttm --unit billion
  capex chart amzn msft --ttm -o svg --out capex.svg
  capex chart amzn --growth 20% -o png --out amzn.png
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
	methodFlags(cmd, &opts.methods, app.completePeriods())
	opts.out.addUnit(cmd)
	enumFlag(cmd, f, &opts.format, "output", "o", "text", chartFormats, "draw as `format`")
	enumFlag(cmd, f, &opts.theme, "theme", "", figure.Themes[0].Name, themeChoices(), "the background of an image")
	opts.out.addOut(cmd)
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
	image := opts.format != "text"
	if !image && opts.theme != figure.Themes[0].Name {
		return usagef("add -o svg or -o png", "--theme: only an image has a background")
	}
	if opts.format == "png" && opts.out.out == "" && isTerminal(app.IO.Out) {
		return usagef("add --out FILE, or redirect the output to a file", "-o png: a PNG image is not written to a terminal")
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
	if opts.ttm || opts.methods.Count() > 0 {
		cols = append(cols, calc.TTMColumn)
	}
	co := view.ChartOptions{Columns: cols, Last: chartQuarters, Methods: opts.methods,
		GridOptions: view.GridOptions{Tickers: opts.Tickers, Metric: opts.metric, Range: rng,
			Calendar: calendarMode(opts.calendar), Unit: unitOf(opts.out.unit)}}
	charts, err := app.charts(d, co, opts.calendar != "")
	if err != nil {
		return err
	}
	var b strings.Builder
	switch opts.format {
	case "svg":
		err = figure.SVG(&b, charts, figure.Options{Theme: themeNamed(opts.theme)})
	case "png":
		err = figure.PNG(&b, charts, figure.Options{Theme: themeNamed(opts.theme)})
	default:
		color := opts.out.out == "" && colorOK(app.IO.Out)
		for i, c := range charts {
			if i > 0 {
				b.WriteString("\n")
			}
			if err = chart.Write(&b, c, chart.Options{Width: width, Color: color}); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	out, err := app.openOutput(&opts.out)
	if err != nil {
		return err
	}
	_, err = io.WriteString(out, b.String())
	return out.close(err)
}

// themeNamed is the theme --theme names (checked by the flag).
func themeNamed(name string) figure.Theme {
	for _, t := range figure.Themes {
		if t.Name == name {
			return t
		}
	}
	return figure.Themes[0]
}

// isTerminal reports whether w is a terminal (through the writer Main
// wraps stdout in).
func isTerminal(w io.Writer) bool {
	if e, ok := w.(*errWriter); ok {
		w = e.w
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// colorOK reports whether output may be coloured: a terminal, and
// NO_COLOR not set (https://no-color.org).
func colorOK(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	return isTerminal(w)
}
