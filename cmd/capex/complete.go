package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/series"
)

// Shell completion: cobra's completion command writes the scripts; these
// functions answer the scripts' questions from the data capex would load
// (the built-in dataset and --data, CAPEX_DATA or the config file's data).
// Enum flags complete their choices (flags.go).

const noFiles = cobra.ShellCompDirectiveNoFileComp

// completionData loads the data for a completion; nil when it cannot be
// loaded (a completion never prints errors).
func (a *App) completionData(cmd *cobra.Command) *series.Dataset {
	if err := a.configure(cmd); err != nil {
		cobra.CompDebugln("capex: "+err.Error(), true)
		return nil
	}
	d, err := a.dataset()
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
func (a *App) completeTickers(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	d := a.completionData(cmd)
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
func (a *App) completeMetrics(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	d := a.completionData(cmd)
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
// first, after the given words.
func (a *App) completePeriods(words ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		out := matching(toComplete, words)
		d := a.completionData(cmd)
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
