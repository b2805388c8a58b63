package main

import (
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
	var out outputFlags
	out.decimals = -1
	show := &cobra.Command{
		Use:   "show",
		Short: "Print each setting's value and source: flag, env, file or default",
		Long: `Print every setting of every command, its effective value, and where the
value comes from, in order of precedence:

  flag     given on the command line (here, the global flags such as --data)
  env      a CAPEX_* environment variable
  file     the config file and line: --config FILE, else ./.capex.yaml, else
           $XDG_CONFIG_HOME/capex/config.yaml (~/.config/capex/config.yaml)
  default  capex's default

A setting that means the same in every command that has it (data, output,
unit, decimals, metric, gaps, explain, …) is a top-level key of the config
file and a variable CAPEX_KEY (CAPEX_OUTPUT). Any setting of one command
goes in that command's section, which wins over a top-level key:

  output: csv
  show:
    columns: value,ttm
  import:
    sec:
      unit: billion        # or CAPEX_IMPORT_SEC_UNIT

A key that is no setting, or a value the setting refuses, is an error
naming the file and line.`,
		Example: `  capex config show
  CAPEX_OUTPUT=csv capex config show --config team.yaml
  capex config show -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ro, err := out.render()
			if err != nil {
				return err
			}
			return render.Write(app.IO.Out, []*render.Table{app.settingsTable(cmd)}, ro)
		},
	}
	enumFlag(show, show.Flags(), &out.format, "output", "o", "table", renderChoices, "output `format` of this listing")
	cmd.AddCommand(show)
	return cmd
}

// settingsTable lists every setting of every command with its value and
// source, one row per setting, value and variable, naming the commands
// that share it ("all" for the flags every command has).
func (a *App) settingsTable(self *cobra.Command) *render.Table {
	type row struct {
		key, value, source, env string
		commands                []string
	}
	root := self.Root()
	var rows []*row
	index := map[string]*row{}
	add := func(c *cobra.Command, f *pflag.Flag) {
		if f.Name == "help" || f.Name == "version" || f.Name == "config" {
			return
		}
		s := a.lookup(c, f)
		value := f.DefValue
		switch s.kind {
		case "flag":
			value = f.Value.String()
		case "env", "file":
			value = s.val.text
			if listFlag(f) {
				value = strings.Join(s.val.list, ",")
			}
		}
		if listFlag(f) && value == "[]" {
			value = ""
		}
		env := envName(c, f)
		key := strings.Join([]string{f.Name, value, s.String(), env}, "\x00")
		r := index[key]
		if r == nil {
			r = &row{key: f.Name, value: value, source: s.String(), env: env}
			index[key] = r
			rows = append(rows, r)
		}
		r.commands = append(r.commands, commandPath(c))
	}
	// The flags every command inherits, once.
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		add(root, f)
	})
	for _, r := range rows {
		r.commands = []string{"all"}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && c.HasParent() && !settingless[c.Name()] {
			c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { add(c, f) })
		}
		for _, sub := range c.Commands() {
			if !settingless[sub.Name()] {
				walk(sub)
			}
		}
	}
	walk(root)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = []string{r.key, r.value, r.source, r.env, strings.Join(r.commands, " ")}
	}
	note := "no config file (--config FILE, ./.capex.yaml or $XDG_CONFIG_HOME/capex/config.yaml)"
	if a.config != nil {
		note = "config file read: " + a.config.path
	}
	return render.TextTable([]string{"setting", "value", "source", "env", "commands"}, cells, note)
}

// settingless are the commands whose flags are not settings: they only
// describe capex or write its scripts and manuals.
var settingless = map[string]bool{"config": true, "completion": true, "help": true, "docs": true, "version": true}
