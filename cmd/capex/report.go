package main

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/figure"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
	"github.com/capexdev/capex/pkg/view"
)

// isHTML reports whether ro asks for an HTML page.
func isHTML(ro render.Options) bool {
	f, err := render.FormatByName(ro.Format)
	return err == nil && f == render.HTMLFormat
}

// report fills in what an HTML page shows besides the tables: the command
// line as its title, asOf (where the data comes from and as of when), the
// charts, and the warnings of the run, read as the page is written. Other
// formats are left alone. charts is called only for a page; nil draws
// none.
func (a *App) report(ro *render.Options, args []string, asOf []string, charts func() ([]chart.Chart, error)) {
	if !isHTML(*ro) {
		return
	}
	r := &render.Report{Title: a.commandLine(args), AsOf: asOf, Warnings: a.warningLines}
	if charts != nil {
		cs, err := charts()
		if err != nil {
			r.Figures = append(r.Figures, render.Figure{Note: "no chart: " + err.Error()})
		}
		for i, c := range cs {
			var b bytes.Buffer
			// One figure per chart, so that each keeps its own scale; ids
			// differ per figure, as they share the page.
			if err := figure.SVG(&b, []chart.Chart{c}, figure.Options{ID: "figure" + strconv.Itoa(i+1)}); err == nil {
				r.Figures = append(r.Figures, render.Figure{SVG: b.Bytes()})
			}
		}
	}
	ro.Report = r
}

// commandLine is the command as run: its path, args, and the flags given
// (but --out, which names this file).
func (a *App) commandLine(args []string) string {
	if a.cmd == nil {
		return "capex"
	}
	parts := append([]string{a.cmd.CommandPath()}, args...)
	a.cmd.Flags().Visit(func(f *pflag.Flag) {
		switch {
		case f.Name == "out":
		case f.Value.Type() == "bool":
			parts = append(parts, "--"+f.Name)
		default:
			v := f.Value.String()
			if strings.ContainsAny(v, " \t'\"") {
				v = strconv.Quote(v)
			}
			parts = append(parts, "--"+f.Name+" "+v)
		}
	})
	return strings.Join(parts, " ")
}

// warningLines are the warnings of the run so far, with their hints, as
// Main will print them.
func (a *App) warningLines() []string {
	var out []string
	for _, p := range a.warnings {
		out = append(out, "warning: "+p.String())
		if h := problemHint(p, a.hasFlag); h != "" {
			out = append(out, "hint: "+h)
		}
	}
	return out
}

// charts draws co. Bars side by side must cover the same months, so
// unless calendarGiven, companies on different fiscal calendars are lined
// up by calendar quarter, which the labels (CY2025Q4) and a warning say.
func (a *App) charts(d *series.Dataset, co view.ChartOptions, calendarGiven bool) ([]chart.Chart, error) {
	charts, err := view.Charts(d, co)
	var ve *view.Error
	if errors.As(err, &ve) && ve.Param == "calendar" && !calendarGiven {
		co.Calendar = view.Mapped
		if charts, err = view.Charts(d, co); err == nil {
			a.warn(series.Problem{Warning: true, Msg: ve.Msg + ", so the chart lines them up by calendar quarter (CY), as --calendar does"})
		}
	}
	return charts, err
}
