package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/series"
)

// atLeastOneTicker is a cobra.PositionalArgs for commands that need a
// ticker.
func atLeastOneTicker(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usagef("for example: "+cmd.Example[strings.Index(cmd.Example, "capex"):strings.Index(cmd.Example, "\n")],
			"%s needs at least one ticker", cmd.CommandPath())
	}
	return nil
}

// selectCompanies returns the companies named by tickers (any case), or
// every company when there are none.
func selectCompanies(d *series.Dataset, tickers []string) ([]*series.Company, error) {
	if len(tickers) == 0 {
		return d.Companies, nil
	}
	var out []*series.Company
	var unknown []string
	for _, t := range tickers {
		c := d.Company(t)
		if c == nil {
			unknown = append(unknown, strings.ToUpper(t))
			continue
		}
		out = append(out, c)
	}
	if len(unknown) > 0 {
		return nil, usagef("the data has "+strings.Join(d.Tickers(), ", ")+"; add a company with --data",
			"no company %s in the data", strings.Join(unknown, ", "))
	}
	return out, nil
}

// selectMetric returns the company's metric with the id.
func selectMetric(c *series.Company, id string) (*series.Metric, error) {
	m := c.Metric(id)
	if m == nil {
		return nil, usagef(fmt.Sprintf("%s has %s; choose one with --metric", c.Ticker, strings.Join(c.MetricIDs(), ", ")),
			"%s has no metric %q", c.Ticker, id)
	}
	return m, nil
}
