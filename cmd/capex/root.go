package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/capexdev/capex/pkg/series"
)

// IO is where a command reads and writes. Commands never touch os.Stdout.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Terminal reports that Out is a terminal: a binary format (a
	// workbook) is not written to it.
	Terminal bool
}

// App is what every command shares: its IO, the viper instance that reads
// CAPEX_* variables, the config file, and the warnings gathered while
// running, printed once by Main.
type App struct {
	IO       IO
	V        *viper.Viper
	config   *configFile
	data     dataFlags
	warnings []series.Problem
	// cmd is the command running, once its flags are parsed: errors are
	// phrased with the flags it has.
	cmd *cobra.Command
}

func (a *App) warn(ws ...series.Problem) { a.warnings = append(a.warnings, ws...) }

// hasFlag reports whether the running command has a flag called name.
func (a *App) hasFlag(name string) bool {
	return a.cmd != nil && a.cmd.Flags().Lookup(name) != nil
}

// newApp is the state of one run of capex, with its own viper.
func newApp(io IO) *App {
	v := viper.New()
	v.SetEnvPrefix("CAPEX")
	return &App{IO: io, V: v}
}

// errWriter remembers the first error writing to w, so that output that
// could not be written (a full disk, a closed pipe) fails the run even
// where cobra ignores the error, as it does for --help.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// Main runs capex with args and returns the exit code.
func Main(args []string, io IO) int {
	out := &errWriter{w: io.Out}
	io.Out = out
	app := newApp(io)
	root := newRootCmd(app)
	root.SetArgs(fixArgs(root, args))
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	cmd, err := root.ExecuteC()
	if err != nil && app.cmd == nil {
		// cobra found the command line wrong before the command ran: an
		// unknown command or flag, a missing value, too many arguments.
		if _, ok := err.(*usageError); !ok {
			err = &usageError{msg: err.Error()}
		}
		if ue := err.(*usageError); ue.hint == "" && cmd != nil {
			ue.hint = "run " + cmd.CommandPath() + " --help to see its usage"
		}
	}
	if err == nil && out.err != nil {
		err = fmt.Errorf("the output could not be written: %v", out.err)
	}
	printWarnings(io.Err, app.warnings, app.hasFlag)
	if err != nil {
		printError(io.Err, err, app.hasFlag)
	}
	return exitCode(err)
}

const rootLong = `capex turns published capital-expenditure figures into exact projections.

It reads company spend series from YAML or CSV files (--data) and from a
built-in dataset of the figures Amazon, Microsoft, Alphabet and Meta
published, and computes run-rate projections exactly, with decimal
arithmetic, showing every operand.

Settings come from flags, then CAPEX_* environment variables (CAPEX_DATA,
CAPEX_OUTPUT, ...), then a config file (--config, ./.capex.yaml, or
$XDG_CONFIG_HOME/capex/config.yaml), then defaults; capex config show
lists them.

Exit status: 0 ok, 1 a check failed, 2 bad input or usage.`

// dataFlags are the flags every command that reads data has.
type dataFlags struct {
	paths       []string
	inputFormat string
	noBuiltin   bool
	maxInput    string
	config      string
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "capex",
		Short: "Exact capital-expenditure projections from published figures",
		Long:  rootLong,
		Example: `  capex project amzn --annualize q4
  capex project amzn --annualize 2024Q4 --metric capex-net --explain
  capex show msft -o csv
  capex companies`,
		SilenceErrors: true,
		SilenceUsage:  true,
		// Without a command, capex explains itself; a word that is not a
		// command is an error.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("run capex --help to see the commands", "unknown command %q", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			app.cmd = cmd
			return app.configure(cmd)
		},
	}
	d := &app.data
	pf := root.PersistentFlags()
	pf.StringArrayVar(&d.paths, "data", nil, "read series from `PATH`: a YAML or CSV file, a directory of them, or - for stdin (repeatable)")
	enumFlag(root, pf, &d.inputFormat, "input-format", "", "", inputChoices, "format of --data - (stdin)")
	pf.BoolVar(&d.noBuiltin, "no-builtin", false, "do not use the built-in dataset")
	pf.StringVar(&d.maxInput, "max-input", "1GiB", "refuse an input larger than `SIZE` (bytes, or with KiB, MiB, GiB)")
	pf.StringVar(&d.config, "config", "", "read settings from `FILE`")
	markGlobal(pf, "data", "input-format", "no-builtin", "max-input")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		e := flagError(err).(*usageError)
		if e.hint == "" {
			e.hint = "run " + cmd.CommandPath() + " --help to see its flags"
		}
		return e
	})
	root.AddCommand(newCompaniesCmd(app, nil), newMetricsCmd(app, nil), newBacktestCmd(app, nil), newShowCmd(app, nil), newProjectCmd(app, nil), newCheckCmd(app, nil),
		newImportCmd(app), newVersionCmd(app), newDocsCmd(app), newConfigCmd(app), newChartCmd(app, nil))
	// --version prints what capex version does.
	b := currentBuild()
	root.Version = b.Version
	root.SetVersionTemplate(strings.ReplaceAll(b.String(), "{{", "{{`{{`}}"))
	addHelpTopics(root)
	root.SetHelpCommand(newHelpCmd())
	// The completion command is made now, not when capex runs, so that a
	// shell it does not know is an error rather than its help.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if len(args) == 0 {
					return nil
				}
				return usagef("the shells are bash, zsh, fish and powershell", "capex completion %q: not a shell", args[0])
			}
			c.RunE = func(cmd *cobra.Command, args []string) error {
				return usagef("for example: capex completion bash", "capex completion needs a shell: bash, zsh, fish or powershell")
			}
		}
	}
	return root
}
