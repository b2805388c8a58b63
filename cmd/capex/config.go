package main

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/capexdev/capex/pkg/render"
)

func newConfigCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "config",
		Short:   "Show the settings in effect and where each comes from",
		Example: "  capex config show",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("for example: capex config show", "capex config needs a subcommand: show")
			}
			return usagef("the subcommand is: show", "capex config %q: not a subcommand", args[0])
		},
		RunE: func(cmd *cobra.Command, args []string) error { return nil },
	}
	show := &cobra.Command{
		Use:   "show",
		Short: "Print each setting's value and source: flag, env, file or default",
		Long: `Print every setting capex reads, its effective value, and where the value
comes from, in order of precedence:

  flag     given on the command line (here, the global flags such as --data)
  env      a CAPEX_* environment variable (CAPEX_OUTPUT for output)
  file     the config file: --config FILE, else ./.capex.yaml, else
           $XDG_CONFIG_HOME/capex/config.yaml (~/.config/capex/config.yaml)
  default  capex's default

Config keys are the flag names (output, unit, decimals, data, metric, gaps,
…); the commands column says which commands read each.`,
		Example: `  capex config show
  CAPEX_OUTPUT=csv capex config show --config team.yaml
  capex config show -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			t := app.settings(cmd)
			format := strings.ToLower(app.V.GetString("config-output"))
			if err := render.CheckFormat(format); err != nil {
				return usagef(render.FormatHint, "%v", err)
			}
			return render.Write(app.IO.Out, []*render.Table{t}, render.Options{Format: format, Decimals: -1})
		},
	}
	show.Flags().StringP("output", "o", "table", "output `format`: table, csv, tsv, json or markdown")
	cmd.AddCommand(show)
	return cmd
}

// setting is one config key and the commands that read it.
type setting struct {
	key      string
	def      string
	commands []string
}

// settings lists every key a command reads, with its value and source.
func (app *App) settings(cmd *cobra.Command) *render.Table {
	v := app.V
	// -o here is this command's output, not the output setting it lists.
	_ = v.BindPFlag("config-output", cmd.Flags().Lookup("output"))
	byKey := map[string]*setting{}
	var walk func(c *cobra.Command)
	add := func(c *cobra.Command, f *pflag.Flag) {
		if f.Name == "help" || f.Name == "version" {
			return
		}
		s := byKey[f.Name]
		if s == nil {
			s = &setting{key: f.Name, def: f.DefValue}
			byKey[f.Name] = s
		}
		if s.def != f.DefValue {
			s.def = "(varies)"
		}
		if name := strings.TrimPrefix(c.CommandPath(), "capex "); !slices.Contains(s.commands, name) && c != cmd {
			s.commands = append(s.commands, name)
		}
	}
	walk = func(c *cobra.Command) {
		if c == cmd {
			return
		}
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { add(c, f) })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	root := cmd.Root()
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		add(root, f)
		byKey[f.Name].commands = []string{"all"}
	})
	for _, sub := range root.Commands() {
		walk(sub)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	file := v.ConfigFileUsed()
	t := &render.Table{Columns: []render.Column{{Name: "setting"}, {Name: "value"}, {Name: "source"}, {Name: "commands"}}}
	for _, k := range keys {
		s := byKey[k]
		env, fileKey := "CAPEX_"+strings.ToUpper(strings.ReplaceAll(k, "-", "_")), k
		if k == "user-agent" {
			// The SEC's User-Agent is read as sec-user-agent.
			env, fileKey = "CAPEX_SEC_USER_AGENT", "sec-user-agent"
		}
		value, source := s.def, "default"
		switch f := cmd.Flags().Lookup(k); {
		case f != nil && f.Changed && k != "output":
			value, source = f.Value.String(), "flag"
		case os.Getenv(env) != "":
			value, source = os.Getenv(env), "env "+env
		case file != "" && v.InConfig(fileKey):
			value, source = fmt.Sprint(v.Get(fileKey)), "file "+file
		}
		t.Rows = append(t.Rows, []render.Cell{render.Text(k), render.Text(value), render.Text(source), render.Text(strings.Join(s.commands, " "))})
	}
	if file != "" {
		t.Notes = append(t.Notes, "config file: "+file)
	} else {
		t.Notes = append(t.Notes, "no config file (--config FILE, ./.capex.yaml or $XDG_CONFIG_HOME/capex/config.yaml)")
	}
	return t
}
