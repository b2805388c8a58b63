package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// IO is where a command reads and writes. Commands never touch os.Stdout.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// App is what every command shares: its IO, the one viper instance that
// resolves settings (flag > CAPEX_* environment > config file > default),
// and the warnings gathered while running, printed once by Main.
type App struct {
	IO       IO
	V        *viper.Viper
	warnings []series.Problem
}

func (a *App) warn(ws ...series.Problem) { a.warnings = append(a.warnings, ws...) }

// Main runs capex with args and returns the exit code.
func Main(args []string, io IO) int {
	app := &App{IO: io, V: viper.New()}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	err := root.Execute()
	if err != nil && isCobraUsage(err) {
		err = &usageError{msg: err.Error(), hint: "run capex --help to see the commands and flags"}
	}
	printWarnings(io.Err, app.warnings)
	if err != nil {
		printError(io.Err, err)
	}
	return exitCode(err)
}

// isCobraUsage recognises the errors cobra returns for a command line it
// cannot parse (it has no typed errors for them).
func isCobraUsage(err error) bool {
	var ue *usageError
	if errors.As(err, &ue) {
		return false
	}
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

const rootLong = `capex turns published capital-expenditure figures into exact projections.

It reads company spend series from YAML or CSV files (--data) and from a
built-in dataset of the figures Amazon, Microsoft, Alphabet and Meta
published, and computes run-rate projections exactly, with decimal
arithmetic, showing every operand.

Settings come from flags, then CAPEX_* environment variables (CAPEX_DATA,
CAPEX_OUTPUT, ...), then a config file (--config, ./.capex.yaml, or
$XDG_CONFIG_HOME/capex/config.yaml), then defaults.

Exit status: 0 ok, 1 a check failed, 2 bad input or usage.`

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
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return app.configure(cmd)
		},
	}
	pf := root.PersistentFlags()
	pf.StringArray("data", nil, "read series from `PATH`: a YAML or CSV file, a directory of them, or - for stdin (repeatable)")
	pf.String("input-format", "", "format of --data - (stdin): yaml or csv")
	pf.Bool("no-builtin", false, "do not use the built-in dataset")
	pf.Bool("decimal-comma", false, `read and write numbers with "," as the decimal separator ("1.234,5"); CSV output then separates fields with ";"`)
	pf.String("max-input", "1GiB", "refuse an input larger than `SIZE` (bytes, or with KiB, MiB, GiB)")
	pf.String("config", "", "read settings from `FILE`")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{msg: err.Error(), hint: fmt.Sprintf("run %s --help to see its flags", cmd.CommandPath())}
	})
	root.AddCommand(newCompaniesCmd(app), newShowCmd(app), newProjectCmd(app), newCheckCmd(app), newImportCmd(app), newVersionCmd(app), newDocsCmd(app), newConfigCmd(app), newChartCmd(app))
	// --version prints what capex version does.
	b := currentBuild()
	root.Version = b.Version
	root.SetVersionTemplate(strings.ReplaceAll(b.String(), "{{", "{{`{{`}}"))
	addHelpTopics(root)
	app.addCompletions(root)
	return root
}

// configure binds the command's flags to viper, sets up the environment
// and reads the config file.
func (a *App) configure(cmd *cobra.Command) error {
	v := a.V
	v.SetEnvPrefix("CAPEX")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		return err
	}
	path, explicit := configPath(cmd)
	if path == "" {
		return nil
	}
	if _, err := os.Stat(path); err != nil {
		if explicit {
			return usagef("check the --config path", "config file %s: %s", path, "no such file")
		}
		return nil
	}
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return configError(path, err)
	}
	return nil
}

// configPath finds the config file: --config, else ./.capex.yaml, else
// $XDG_CONFIG_HOME/capex/config.yaml.
func configPath(cmd *cobra.Command) (string, bool) {
	if f := cmd.Flags().Lookup("config"); f != nil && f.Value.String() != "" {
		return f.Value.String(), true
	}
	if p := os.Getenv("CAPEX_CONFIG"); p != "" {
		return p, true
	}
	if _, err := os.Stat(".capex.yaml"); err == nil {
		return ".capex.yaml", false
	}
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "capex", "config.yaml"), false
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

func configError(path string, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &series.InputError{Problems: []series.Problem{{Pos: series.Pos{File: path, Line: line}, Msg: "invalid YAML: " + m[2], Hint: load.YAMLLineHint}}}
	}
	return &series.InputError{Problems: []series.Problem{{Pos: series.Pos{File: path}, Msg: msg}}}
}

// dataPaths resolves --data: the flag's values, else CAPEX_DATA (paths
// separated like PATH), else the config file's data (a path or a list,
// relative to the config file).
func (a *App) dataPaths(cmd *cobra.Command) []string {
	if f := cmd.Flags().Lookup("data"); f != nil && f.Changed {
		// A path given twice is read once (shell completion parses the
		// flags twice, which repeats every value).
		vals, _ := cmd.Flags().GetStringArray("data")
		var paths []string
		for _, p := range vals {
			if !slices.Contains(paths, p) {
				paths = append(paths, p)
			}
		}
		return paths
	}
	if env := os.Getenv("CAPEX_DATA"); env != "" {
		return filepath.SplitList(env)
	}
	var paths []string
	switch v := a.V.Get("data").(type) {
	case string:
		if v != "" {
			paths = []string{v}
		}
	case []string:
		paths = v
	case []any:
		for _, x := range v {
			paths = append(paths, fmt.Sprint(x))
		}
	}
	if cfg := a.V.ConfigFileUsed(); cfg != "" {
		for i, p := range paths {
			if p != "-" && !filepath.IsAbs(p) {
				paths[i] = filepath.Join(filepath.Dir(cfg), p)
			}
		}
	}
	return paths
}

// dataset loads the data a command works on: the built-in dataset
// overlaid with --data, per (company, metric). A command about some
// companies names them, so that only their built-in files are read.
func (a *App) dataset(cmd *cobra.Command, tickers ...string) (*series.Dataset, error) {
	return a.load(a.dataPaths(cmd), tickers...)
}

// load reads the built-in dataset (unless --no-builtin), or only the
// companies with the tickers when they are all built in, overlaid with the
// files at paths.
func (a *App) load(paths []string, tickers ...string) (*series.Dataset, error) {
	maxInput, err := parseSize(a.V.GetString("max-input"))
	if err != nil {
		return nil, usagef("for example: --max-input 2GiB or --max-input 500000", "--max-input %v", err)
	}
	var base *series.Dataset
	if !a.V.GetBool("no-builtin") {
		ok := false
		if len(tickers) > 0 {
			base, ok, err = builtin.Companies(tickers...)
		}
		if !ok && err == nil {
			base, err = builtin.Dataset()
		}
		if err != nil {
			return nil, fmt.Errorf("the built-in dataset is broken: %w", err)
		}
	}
	if len(paths) == 0 {
		if base == nil {
			return nil, usagef("pass --data FILE, or drop --no-builtin", "no data: --no-builtin is set and no --data is given")
		}
		return base, nil
	}
	format := strings.ToLower(a.V.GetString("input-format"))
	if format != "" && format != "yaml" && format != "csv" {
		return nil, usagef("use --input-format yaml or --input-format csv", "input format %q: not a format", format)
	}
	b := series.NewBuilder()
	load.Paths(b, paths, a.IO.In, load.Options{DecimalComma: a.V.GetBool("decimal-comma"), Format: format, MaxInput: maxInput})
	user := b.Build(base)
	a.warn(b.Problems.Warnings()...)
	if err := b.Problems.Err(); err != nil {
		return nil, err
	}
	if base == nil {
		return user, nil
	}
	d, ws := series.Overlay(base, user)
	a.warn(ws...)
	return d, nil
}

// parseSize reads a size in bytes: a whole number, optionally with KiB,
// MiB or GiB (or K, M, G, KB, MB, GB, all powers of 1024).
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q: not a size", s)
	}
	return n * mult, nil
}

// outputFlags adds -o/--output, --unit and --decimals.
func outputFlags(fs *pflag.FlagSet) {
	fs.StringP("output", "o", "table", "output `format`: table, csv, tsv, json or markdown")
	fs.String("unit", "", "state values in `UNIT`: one, thousand, million or billion (default: each series' own)")
	fs.Int("decimals", -1, "round numbers to `N` decimal places, half away from zero (default: every digit)")
	fs.Bool("bom", false, "start CSV and TSV output with a UTF-8 byte-order mark (for Excel)")
	fs.String("delimiter", "", "separate CSV fields with `SEP`: , ; | or tab (default , or ; with --decimal-comma)")
}

// outputOptions reads the output settings.
type outputOptions struct {
	render render.Options
	unit   *amount.Unit
}

func (a *App) outputOptions() (outputOptions, error) {
	var o outputOptions
	o.render.Format = strings.ToLower(a.V.GetString("output"))
	if err := render.CheckFormat(o.render.Format); err != nil {
		return o, usagef(render.FormatHint, "%v", err)
	}
	o.render.Decimals = a.V.GetInt("decimals")
	if o.render.Decimals < -1 || o.render.Decimals > 40 {
		return o, usagef("give --decimals between 0 and 40", "--decimals %d: out of range", o.render.Decimals)
	}
	o.render.BOM = a.V.GetBool("bom")
	o.render.DecimalComma = a.V.GetBool("decimal-comma")
	flat := o.render.Format == "csv" || o.render.Format == "tsv"
	if o.render.BOM && !flat {
		return o, usagef("add -o csv", "--bom: only CSV and TSV output starts with a byte-order mark")
	}
	if d := a.V.GetString("delimiter"); d != "" {
		if o.render.Format != "csv" {
			return o, usagef("add -o csv", "--delimiter: only CSV output has a choice of separator")
		}
		sep, err := render.DelimiterOf(d)
		if err != nil {
			return o, usagef("for example: --delimiter ';'", "--%v", err)
		}
		if sep == ',' && o.render.DecimalComma {
			return o, usagef("leave --delimiter out (; is the default with --decimal-comma), or use | or tab",
				"--delimiter , with --decimal-comma would split every number at its decimal comma")
		}
		o.render.Delimiter = sep
	}
	var err error
	o.unit, err = a.unitFlag()
	return o, err
}

// unitFlag reads --unit: nil when not given (each series keeps its own).
func (a *App) unitFlag() (*amount.Unit, error) {
	s := a.V.GetString("unit")
	if s == "" {
		return nil, nil
	}
	u, err := amount.ParseUnit(s)
	if err != nil {
		return nil, usagef(amount.UnitHint, "--unit %v", err)
	}
	return &u, nil
}

// in returns the unit to show a series in: --unit, else its own.
func (o outputOptions) in(own amount.Unit) amount.Unit {
	if o.unit != nil {
		return *o.unit
	}
	return own
}

// write renders tables to stdout, all at once.
func (a *App) write(tables []*render.Table, o outputOptions) error {
	return render.Write(a.IO.Out, tables, o.render)
}
