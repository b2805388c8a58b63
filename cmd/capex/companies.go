package main

import (
	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/view"
)

// companiesOptions is what capex companies is asked.
type companiesOptions struct {
	app *App
	out outputFlags
}

func newCompaniesCmd(app *App, runF func(*companiesOptions) error) *cobra.Command {
	opts := &companiesOptions{app: app, out: outputFlags{decimals: -1}}
	cmd := &cobra.Command{
		Use:   "companies",
		Short: "List the companies in the data, their metrics and periods",
		Long: `List every company in the data (the built-in dataset and --data files):
ticker, name, fiscal year end, metrics, the first and last period with a
figure, and where the figures come from.`,
		Example: `  capex companies
  capex companies --data mine.yaml -o csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			ro, err := opts.out.render()
			if err != nil {
				return err
			}
			d, err := app.dataset()
			if err != nil {
				return err
			}
			app.report(&ro, nil, nil, nil)
			return app.writeTables(&opts.out, []*render.Table{view.Companies(d)}, ro)
		},
	}
	enumFlag(cmd, cmd.Flags(), &opts.out.format, "output", "o", "table", renderChoices, "output `format`")
	markGlobal(cmd.Flags(), "output")
	opts.out.addDialect(cmd)
	opts.out.addOut(cmd)
	return cmd
}

// noArgs is a cobra.PositionalArgs for commands that take none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("run "+cmd.CommandPath()+" --help to see its usage", "%s takes no arguments, not %q", cmd.CommandPath(), args[0])
	}
	return nil
}
