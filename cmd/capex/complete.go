package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// Shell completion: cobra's completion command writes the scripts; these
// functions answer the scripts' questions from the data capex would load
// (the built-in dataset and --data, CAPEX_DATA or the config file's data).

const noFiles = cobra.ShellCompDirectiveNoFileComp

// completionData loads the data for a completion; nil when it cannot be
// loaded (a completion never prints errors).
func (app *App) completionData(cmd *cobra.Command) *series.Dataset {
	if err := app.configure(cmd); err != nil {
		cobra.CompDebugln("capex: "+err.Error(), true)
		return nil
	}
	d, err := app.dataset(cmd)
	if err != nil {
		cobra.CompDebugln("capex: "+err.Error(), true)
		return nil
	}
	return d
}

// inCase writes candidates in the case the user started typing: tickers
// are upper case in the data and usually typed in lower case.
func inCase(toComplete string, words []string) []string {
	out := matching(toComplete, words)
	if toComplete == strings.ToLower(toComplete) { // nothing typed in upper case
		for i := range out {
			out[i] = strings.ToLower(out[i])
		}
	}
	return out
}

// matching keeps the words that start with what the user typed, in any
// case.
func matching(toComplete string, words []string) []string {
	var out []string
	for _, w := range words {
		if strings.HasPrefix(strings.ToLower(w), strings.ToLower(toComplete)) {
			out = append(out, w)
		}
	}
	return out
}

// completeTickers offers the tickers in the data not already given.
func (app *App) completeTickers(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	d := app.completionData(cmd)
	if d == nil {
		return nil, noFiles
	}
	var tickers []string
	for _, t := range d.Tickers() {
		if !slices.ContainsFunc(args, func(a string) bool { return strings.EqualFold(a, t) }) {
			tickers = append(tickers, t)
		}
	}
	return inCase(toComplete, tickers), noFiles
}

// chosen is the companies a completion is about: those named, else all.
func chosen(d *series.Dataset, args []string) []*series.Company {
	var cs []*series.Company
	for _, a := range args {
		if c := d.Company(a); c != nil {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		cs = d.Companies
	}
	return cs
}

// completeMetrics offers the metric ids of the companies named.
func (app *App) completeMetrics(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	d := app.completionData(cmd)
	if d == nil {
		return nil, noFiles
	}
	var ids []string
	for _, c := range chosen(d, args) {
		for _, id := range c.MetricIDs() {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return matching(toComplete, ids), noFiles
}

// completePeriods offers the quarters of the companies' metric, latest
// first, after the given words (such as q1..q4 for --annualize).
func (app *App) completePeriods(words ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		out := matching(toComplete, words)
		d := app.completionData(cmd)
		if d == nil {
			return out, noFiles
		}
		metric, _ := cmd.Flags().GetString("metric")
		if metric == "" {
			metric = "capex"
		}
		var labels []string
		for _, c := range chosen(d, args) {
			m := c.Metric(metric)
			if m == nil {
				continue
			}
			q := calc.NewQuarters(c, m)
			for s := q.Last; s >= q.First; s-- {
				if l := q.Label(s); !slices.Contains(labels, l) {
					labels = append(labels, l)
				}
			}
		}
		return append(out, matching(toComplete, labels)...), noFiles
	}
}

// fixed offers a fixed list of words.
func fixed(words ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return matching(toComplete, words), noFiles
	}
}

// addCompletions wires the completion functions to the commands and
// flags that take tickers, metrics, periods and fixed choices.
func (app *App) addCompletions(root *cobra.Command) {
	units := make([]string, 0, len(amount.Units))
	for _, u := range amount.Units {
		units = append(units, u.String())
	}
	for _, cmd := range root.Commands() {
		switch cmd.Name() {
		case "show", "project", "chart":
			cmd.ValidArgsFunction = app.completeTickers
		}
		flag := func(name string, f cobra.CompletionFunc) {
			if cmd.Flags().Lookup(name) != nil {
				_ = cmd.RegisterFlagCompletionFunc(name, f)
			}
		}
		flag("metric", app.completeMetrics)
		flag("annualize", app.completePeriods("q1", "q2", "q3", "q4", "h1", "h2", "latest", "ytd"))
		flag("as-of", app.completePeriods())
		flag("from", app.completePeriods())
		flag("to", app.completePeriods())
		flag("unit", fixed(units...))
		flag("gaps", fixed("fail", "skip"))
		flag("calendar", fixed("map", "prorate"))
		if cmd.Name() == "check" {
			flag("format", fixed(checkFormats...))
		} else {
			flag("output", fixed(render.Formats...))
		}
	}
}
