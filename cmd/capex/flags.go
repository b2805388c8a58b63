package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/view"
)

// Flags are declared here once each, with their checks and completion;
// the commands' files say which they take.

// globalKey marks a flag whose config key is top-level and whose
// environment variable is CAPEX_KEY: it means the same in every command
// that has it. Other flags are set in their command's section of the
// config file.
const globalKey = "capex_global"

func markGlobal(fs *pflag.FlagSet, names ...string) {
	for _, n := range names {
		_ = fs.SetAnnotation(n, globalKey, []string{"true"})
	}
}

func isGlobal(f *pflag.Flag) bool { return len(f.Annotations[globalKey]) > 0 }

// choice is a value an enum flag takes, with a line of help.
type choice struct{ name, help string }

// enumValue is a flag taking one of a fixed list of words, in any case
// (as cli/cli's StringEnumFlag): the value is checked when set, the
// choices are listed in --help and offered by completion.
type enumValue struct {
	name    string
	value   *string
	choices []choice
}

func (e *enumValue) String() string { return *e.value }
func (e *enumValue) Type() string   { return "string" }

func (e *enumValue) Set(s string) error {
	for _, c := range e.choices {
		if strings.EqualFold(c.name, s) {
			*e.value = c.name
			return nil
		}
	}
	return param.Errorf(e.name, s, strings.Join(e.names(), ", "), "not a choice")
}

func (e *enumValue) names() []string {
	out := make([]string, len(e.choices))
	for i, c := range e.choices {
		out[i] = c.name
	}
	return out
}

// enumFlag declares a flag taking one of choices (the default first, or
// def), with their completion.
// The flag is added to fs, which is cmd's local or persistent flags.
func enumFlag(cmd *cobra.Command, fs *pflag.FlagSet, p *string, name, short, def string, choices []choice, usage string) *pflag.Flag {
	*p = def
	e := &enumValue{name: name, value: p, choices: choices}
	f := fs.VarPF(e, name, short, fmt.Sprintf("%s {%s}", usage, strings.Join(e.names(), "|")))
	_ = cmd.RegisterFlagCompletionFunc(name, func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, c := range choices {
			if strings.HasPrefix(c.name, strings.ToLower(toComplete)) {
				out = append(out, c.name+"\t"+c.help)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	return f
}

// optionalEnum is an enum flag that may be given without a value, which
// then means def: --calendar alone is --calendar map. A choice written
// after it, with a space, is its value (--calendar prorate), as with
// "=": fixArgs joins them before cobra parses the line.
func optionalEnum(cmd *cobra.Command, p *string, name, def string, choices []choice, usage string) {
	f := enumFlag(cmd, cmd.Flags(), p, name, "", "", choices, usage)
	f.NoOptDefVal = def
}

// fixArgs joins each optional enum flag written with a space to a value
// that is one of its choices ("--calendar prorate" → "--calendar=prorate"),
// so that the value is not taken for an argument.
func fixArgs(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		return args
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if name, ok := strings.CutPrefix(a, "--"); ok && !strings.Contains(name, "=") && i+1 < len(args) {
			if f := cmd.Flags().Lookup(name); f != nil && f.NoOptDefVal != "" {
				if e, ok := f.Value.(*enumValue); ok && e.Set(args[i+1]) == nil {
					out = append(out, a+"="+args[i+1])
					i++
					continue
				}
			}
		}
		out = append(out, a)
	}
	return out
}

// Choices of the enum flags.
var (
	calendarChoices = []choice{{"map", "each fiscal quarter with the calendar quarter holding most of its days"},
		{"prorate", "values split by days into calendar quarters"}}
	gapsChoices   = []choice{{"fail", "a calculation that needs a missing quarter is an error"}, {"skip", "it is marked n/a"}}
	inputChoices  = []choice{{"yaml", "YAML series file"}, {"csv", "CSV series file"}}
	renderChoices = formatChoices(render.Formats)
)

func formatChoices(fs []*render.Format) []choice {
	out := make([]choice, len(fs))
	for i, f := range fs {
		out[i] = choice{f.Name, firstLine(f.Help)}
	}
	return out
}

func unitChoices() []choice {
	out := make([]choice, len(amount.Units))
	for i, u := range amount.Units {
		out[i] = choice{u.String(), ""}
	}
	return out
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// outputFlags are -o, --unit, --decimals and the CSV dialect: --bom,
// --delimiter and --decimal-comma.
type outputFlags struct {
	format       string
	unit         string
	decimals     int
	bom          bool
	delimiter    string
	decimalComma bool
	out          string // --out FILE, or "" for stdout
}

func (o *outputFlags) add(cmd *cobra.Command) {
	enumFlag(cmd, cmd.Flags(), &o.format, "output", "o", "table", renderChoices, "output `format`")
	o.addUnit(cmd)
	f := cmd.Flags()
	o.decimals = -1
	f.Var(&decimalsValue{&o.decimals}, "decimals", fmt.Sprintf("round numbers to `N` decimal places (%s), once, from the exact value, half away from zero (default: every digit)", decimalsRange.Allowed()))
	markGlobal(f, "output", "decimals")
	o.addDialect(cmd)
	o.addOut(cmd)
}

// decimalsRange is what --decimals takes.
var decimalsRange = param.IntRange{Name: "decimals", Min: 0, Max: 40, Of: "places"}

// decimalsValue is --decimals: a number of places, or every digit (-1)
// when not given.
type decimalsValue struct{ p *int }

func (d *decimalsValue) String() string {
	if *d.p < 0 {
		return ""
	}
	return strconv.Itoa(*d.p)
}

func (d *decimalsValue) Set(s string) error {
	n, err := decimalsRange.Parse(s)
	if err == nil {
		*d.p = n
	}
	return err
}

func (d *decimalsValue) Type() string { return "int" }

// addDialect declares the CSV dialect: --bom, --delimiter and
// --decimal-comma, which shape output only.
func (o *outputFlags) addDialect(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&o.bom, "bom", false, "start CSV and TSV output with a UTF-8 byte-order mark (for Excel)")
	f.StringVar(&o.delimiter, "delimiter", "", "separate CSV fields with `SEP`: , ; | or tab (default , or ; with --decimal-comma)")
	f.BoolVar(&o.decimalComma, "decimal-comma", false, `write numbers in CSV and TSV with "," as the decimal mark (1234,5); CSV fields are then separated by ";"`)
	markGlobal(f, "bom", "delimiter", "decimal-comma")
}

// addUnit declares --unit, the unit values are shown in.
func (o *outputFlags) addUnit(cmd *cobra.Command) {
	enumFlag(cmd, cmd.Flags(), &o.unit, "unit", "", "", unitChoices(), "state values in `UNIT` (default: each series' own)")
	markGlobal(cmd.Flags(), "unit")
}

// unitOf is --unit: nil when not given (each series keeps its own).
func unitOf(s string) *amount.Unit {
	if s == "" {
		return nil
	}
	u, _ := amount.ParseUnit(s) // checked by the flag
	return &u
}

// rangeFlags are --from, --to and --gaps.
type rangeFlags struct {
	from, to string
	gaps     string
}

func (r *rangeFlags) add(cmd *cobra.Command, what string, periods cobra.CompletionFunc) {
	f := cmd.Flags()
	f.StringVar(&r.from, "from", "", "first `PERIOD` "+what+" (a quarter, half or fiscal year)")
	f.StringVar(&r.to, "to", "", "last `PERIOD` "+what)
	_ = cmd.RegisterFlagCompletionFunc("from", periods)
	_ = cmd.RegisterFlagCompletionFunc("to", periods)
	enumFlag(cmd, f, &r.gaps, "gaps", "", "fail", gapsChoices, "a calculation that needs a missing quarter: fail, or skip to mark it n/a")
	markGlobal(f, "gaps")
}

// periodArg reads an optional fiscal period given to a flag.
func periodArg(name, s string) (*period.Period, error) {
	if s == "" {
		return nil, nil
	}
	p, err := period.Parse(s)
	if err != nil {
		pe := param.Errorf(name, s, period.Allowed, "%s", err.(*period.ParseError).Reason)
		return nil, pe
	}
	if p.Kind == period.Month {
		return nil, param.Errorf(name, s, "a quarter such as 2024Q4, a half, or FY2024", "a month is not a fiscal period")
	}
	return &p, nil
}

// methodValue is a flag of a projection method parameter: it reads its
// value into Methods as a projection check does (calc.Methods.Set).
type methodValue struct {
	ms   *calc.Methods
	p    *calc.Param
	text string
}

func (m *methodValue) String() string { return m.text }
func (m *methodValue) Set(s string) error {
	m.text = s
	return m.ms.Set(m.p.Name, s)
}

func (m *methodValue) Type() string {
	if m.p.Switch() {
		return "bool"
	}
	return m.p.Arg
}

func (m *methodValue) IsBoolFlag() bool { return m.p.Switch() }

// Repeats reports whether each value given adds a projection.
func (m *methodValue) Repeats() bool { return m.p.Repeats }

// methodFlags declares a flag for every parameter of the projection
// methods, reading into ms.
func methodFlags(cmd *cobra.Command, ms *calc.Methods, periods cobra.CompletionFunc, except ...string) {
	for _, p := range calc.Params {
		if slices.Contains(except, p.Name) {
			continue
		}
		f := cmd.Flags().VarPF(&methodValue{ms: ms, p: p}, p.Name, "", p.Short)
		f.DefValue = p.Default
		if p.Switch() {
			f.NoOptDefVal = "true"
			f.DefValue = "false"
			continue
		}
		words := p.Words
		withPeriods := p.Periods
		_ = cmd.RegisterFlagCompletionFunc(p.Name, func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			out := matching(toComplete, words)
			if withPeriods {
				more, _ := periods(c, args, toComplete)
				out = append(out, more...)
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		})
	}
}

// metricFlag declares --metric, the metric a command is about, offering
// the metrics of the companies named.
func (a *App) metricFlag(cmd *cobra.Command, p *string, usage string) {
	cmd.Flags().StringVar(p, "metric", "capex", usage)
	markGlobal(cmd.Flags(), "metric")
	_ = cmd.RegisterFlagCompletionFunc("metric", a.completeMetrics)
}

// read checks --from, --to and --gaps.
func (r *rangeFlags) read() (view.Range, error) {
	from, err := periodArg("from", r.from)
	if err != nil {
		return view.Range{}, err
	}
	to, err := periodArg("to", r.to)
	if err != nil {
		return view.Range{}, err
	}
	if from != nil && to != nil {
		f, _, _ := from.Quarters()
		_, l, _ := to.Quarters()
		if f > l {
			return view.Range{}, usagef("give --from a period before --to", "--from %s is after --to %s", from, to)
		}
	}
	return view.Range{From: from, To: to, SkipGaps: r.gaps == "skip"}, nil
}

// calendarMode is the view of --calendar's value.
func calendarMode(s string) view.Calendar {
	switch s {
	case "map":
		return view.Mapped
	case "prorate":
		return view.Prorated
	}
	return view.Fiscal
}

// render checks the output flags and returns the options they make.
func (o *outputFlags) render() (render.Options, error) {
	decimalComma := o.decimalComma
	ro := render.Options{Format: o.format, Decimals: o.decimals, BOM: o.bom, DecimalComma: decimalComma}
	f, err := render.FormatByName(o.format)
	if err != nil {
		return ro, err
	}
	flat := f == render.CSVFormat || f == render.TSVFormat
	if o.bom && !flat {
		return ro, usagef("add -o csv", "--bom: only CSV and TSV output starts with a byte-order mark")
	}
	if o.delimiter != "" {
		if f != render.CSVFormat {
			return ro, usagef("add -o csv", "--delimiter: only CSV output has a choice of separator")
		}
		sep, err := render.DelimiterOf(o.delimiter)
		if err != nil {
			return ro, err
		}
		if sep == ',' && decimalComma {
			return ro, usagef("leave --delimiter out (; is the default with --decimal-comma), or use | or tab",
				"--delimiter , with --decimal-comma would split every number at its decimal comma")
		}
		ro.Delimiter = sep
	}
	return ro, nil
}

// expand replaces {{key}} in text with value: help made from registries.
func expand(text, key, value string) string {
	return strings.ReplaceAll(text, "{{"+key+"}}", value)
}

// pad writes s in a column n wide.
func pad(s string, n int) string {
	if len(s) >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-len(s))
}
