package main

import "github.com/spf13/cobra"

const exitCodesHelp = `capex exits with one of three statuses:

  0  success: the command ran; for capex check, every check passed (known
     discrepancies and unexpected passes aside)
  1  capex check: at least one check failed
  2  the command could not run: bad input (a data file, an expectations
     file or a config file that cannot be read, with every problem named by
     file and line), a usage mistake, a calculation the data cannot support
     (a missing quarter), or output that could not be written

Nothing is written to standard output when the status is 2.`

const formatsHelp = `Output formats (-o, --output; config key output):

  table     aligned columns for people; numbers grouped with thousands
            separators and right-aligned, growth as percentages, long text
            cut to fit with "…", formulas and notes below (the default)
  csv       RFC 4180, one header row, "." decimals, no separators; every
            digit unless --decimals; fractions for growth; every row carries
            ISO start and end dates, the unit and currency
  tsv       as csv, tab-separated, with tabs and line breaks in text turned
            into spaces
  json      an array of objects; numbers are strings, so that no reader
            turns them into float64; null where there is no value
  markdown  a pipe table, numbers right-aligned

capex check also writes junit (JUnit XML for Jenkins and GitLab) and
github (GitHub Actions annotations on the expectation's line).

Input formats (--data): YAML (companies: …) and CSV, long
(company,period,value,…) or wide (period,TICKER,…); see the README.`

// addHelpTopics adds "capex help exit-codes" and "capex help formats".
func addHelpTopics(root *cobra.Command) {
	root.AddCommand(
		&cobra.Command{Use: "exit-codes", Short: "What capex's exit statuses mean", Long: exitCodesHelp},
		&cobra.Command{Use: "formats", Short: "Output and input formats", Long: formatsHelp},
	)
}
