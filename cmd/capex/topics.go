package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/check"
	"github.com/capexdev/capex/pkg/render"
)

const exitCodesHelp = `capex exits with one of three statuses:

  0  success: the command ran; for capex check, every check passed (known
     discrepancies and unexpected passes aside)
  1  capex check: at least one check failed
  2  the command could not run: bad input (a data file, an expectations
     file or a config file that cannot be read, with every problem named by
     file and line), a usage mistake, a calculation the data cannot support
     (a missing quarter), or output that could not be written

Nothing is written to standard output when the status is 2.`

// formatsHelp describes the output formats, from their registries.
func formatsHelp() string {
	var b strings.Builder
	b.WriteString("Output formats (-o, --output; config key output):\n\n")
	for _, f := range render.Formats {
		for i, line := range strings.Split(f.Help, "\n") {
			if i == 0 {
				b.WriteString("  " + pad(f.Name, 10) + line + "\n")
			} else {
				b.WriteString(strings.Repeat(" ", 12) + line + "\n")
			}
		}
	}
	b.WriteString("\ncapex check also writes")
	for i, f := range check.Formats {
		if i > 0 {
			b.WriteString(" and")
		}
		b.WriteString(" " + f.Name + " (" + f.Help + ")")
	}
	b.WriteString(`.

Input formats (--data): YAML (companies: …) and CSV, long
(company,period,value,…) or wide (period,TICKER,…); see the README.`)
	return b.String()
}

// newHelpCmd is capex help: the help of a command or topic, and an error
// for a word that is neither.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command or topic",
		Long:  "Help about any command or topic: capex help project, capex help formats.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
					names = append(names, sub.Name())
				}
			}
			return matching(toComplete, names), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root := c.Root()
			cmd, rest, err := root.Find(args)
			if err != nil || cmd == nil || len(rest) > 0 {
				return usagef("run capex help to see the commands and topics", "no help for %q: not a command or topic", strings.Join(args, " "))
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// addHelpTopics adds "capex help exit-codes" and "capex help formats".
func addHelpTopics(root *cobra.Command) {
	root.AddCommand(
		&cobra.Command{Use: "exit-codes", Short: "What capex's exit statuses mean", Long: exitCodesHelp},
		&cobra.Command{Use: "formats", Short: "Output and input formats", Long: formatsHelp()},
	)
}
