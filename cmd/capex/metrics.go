package main

import (
	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/view"
)

// metricsOptions is what capex metrics is asked.
type metricsOptions struct {
	app     *App
	Tickers []string
	out     outputFlags
}

func newMetricsCmd(app *App, runF func(*metricsOptions) error) *cobra.Command {
	opts := &metricsOptions{app: app, out: outputFlags{decimals: -1}}
	cmd := &cobra.Command{
		Use:   "metrics [TICKER...]",
		Short: "List each company's metrics: what each series counts, and its definition",
		Long: `List the metrics of each company named (or of every company): id, label,
unit, first and last period, how many figures, and the definition, which
says what the series counts ("excludes finance leases, which Microsoft
includes in the capex it quotes on calls"): the first thing to read when a
published figure and capex's differ.`,
		Example: `  capex metrics msft
  capex metrics amzn -o csv`,
		ValidArgsFunction: app.completeTickers,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Tickers = args
			if runF != nil {
				return runF(opts)
			}
			ro, err := opts.out.render()
			if err != nil {
				return err
			}
			d, err := app.dataset(opts.Tickers...)
			if err != nil {
				return err
			}
			t, err := view.Metrics(d, opts.Tickers)
			if err != nil {
				return err
			}
			app.report(&ro, opts.Tickers, nil, nil)
			return app.writeTables(&opts.out, []*render.Table{t}, ro)
		},
	}
	enumFlag(cmd, cmd.Flags(), &opts.out.format, "output", "o", "table", renderChoices, "output `format`")
	markGlobal(cmd.Flags(), "output")
	opts.out.addDialect(cmd)
	opts.out.addOut(cmd)
	return cmd
}
