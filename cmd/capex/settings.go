package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Settings: every flag is a setting, resolved in the order flag,
// environment variable, config file, default.
//
// A flag marked global (markGlobal) means the same in every command that
// has it: its config key is top-level (output: csv) and its variable is
// CAPEX_KEY (CAPEX_OUTPUT). Any flag of a command may be set in the
// command's section of the config file (show: {columns: value,ttm};
// import: {sec: {unit: billion}}) or by CAPEX_COMMAND_KEY
// (CAPEX_IMPORT_SEC_UNIT); a section's value wins over a top-level one.
// So a key affects only the commands that have its setting.
//
// The config file is decoded strictly: an unknown key, or a value its
// flag refuses (a word for a number, a choice not offered), is an error
// naming the file, the line and the key.
//
// viper reads the CAPEX_* variables (App.V, one instance per run). The
// file is decoded by capex itself, node by node: viper would read
// "decimals: 1.7" as a float, "from: 2024-12-01" as a time, and keep no
// line to name in an error.

// maxConfigSize bounds a config file: settings are a few lines.
const maxConfigSize = 1 << 20

// configValue is a value from the config file: a scalar's text, or a
// list's (for flags that take several values).
type configValue struct {
	text string
	list []string
	line int
}

// configFile is a config file as read: the top-level (global) keys, and a
// section of keys per command path ("show", "import sec").
type configFile struct {
	path     string
	global   map[string]configValue
	sections map[string]map[string]configValue
}

// envName is the environment variable of flag f of command cmd.
func envName(cmd *cobra.Command, f *pflag.Flag) string {
	if e := f.Annotations[envKey]; len(e) > 0 {
		return e[0]
	}
	name := f.Name
	if !isGlobal(f) {
		if path := commandPath(cmd); path != "" {
			name = path + "-" + name
		}
	}
	return "CAPEX_" + strings.ToUpper(strings.NewReplacer("-", "_", " ", "_").Replace(name))
}

// envKey names a flag's environment variable when it is not the usual one.
const envKey = "capex_env"

// commandPath is cmd's path without "capex": "show", "import sec".
func commandPath(cmd *cobra.Command) string {
	return strings.TrimPrefix(strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()), " ")
}

// listFlag reports whether a flag takes several values.
func listFlag(f *pflag.Flag) bool {
	if r, ok := f.Value.(interface{ Repeats() bool }); ok {
		return r.Repeats()
	}
	return strings.HasSuffix(f.Value.Type(), "Array")
}

// setFlag gives a flag a value from the environment or a config file,
// without marking it as given on the command line.
func setFlag(f *pflag.Flag, v configValue) error {
	if listFlag(f) {
		for _, s := range v.list {
			if err := f.Value.Set(s); err != nil {
				return err
			}
		}
		return nil
	}
	return f.Value.Set(v.text)
}

// source is where a setting's value comes from.
type source struct {
	kind string // "flag", "env", "file", "default"
	name string // the variable, or the file and line
	val  configValue
}

func (s source) String() string {
	if s.name == "" {
		return s.kind
	}
	return s.kind + " " + s.name
}

// lookup finds where flag f of cmd takes its value from, and the value
// when it is not the flag's own (env or file).
func (a *App) lookup(cmd *cobra.Command, f *pflag.Flag) source {
	if f.Changed {
		return source{kind: "flag"}
	}
	env := envName(cmd, f)
	a.V.BindEnv(f.Name, env)
	if s := a.V.GetString(f.Name); s != "" {
		v := configValue{text: s, list: []string{s}}
		if listFlag(f) {
			v.list = filepath.SplitList(s)
		}
		return source{kind: "env", name: env, val: v}
	}
	if cf := a.config; cf != nil {
		v, ok := cf.sections[commandPath(cmd)][f.Name]
		if !ok && isGlobal(f) {
			v, ok = cf.global[f.Name]
		}
		if ok {
			return source{kind: "file", name: fmt.Sprintf("%s:%d", cf.path, v.line), val: v}
		}
	}
	return source{kind: "default"}
}

// configure reads the config file, then gives every flag of cmd that the
// command line left alone its value from the environment or the file.
func (a *App) configure(cmd *cobra.Command) error {
	cf, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	a.config = cf
	var errs []error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "config" || f.Name == "help" || f.Name == "version" {
			return
		}
		s := a.lookup(cmd, f)
		if s.kind != "env" && s.kind != "file" {
			return
		}
		v := s.val
		if f.Name == "data" && s.kind == "file" {
			// Paths in a config file are relative to it.
			v.list = slices.Clone(v.list)
			for i, p := range v.list {
				if p != "-" && !filepath.IsAbs(p) {
					v.list[i] = filepath.Join(filepath.Dir(cf.path), p)
				}
			}
		}
		if err := setFlag(f, v); err != nil {
			pe := valueError(f, v.text, err)
			if s.kind == "env" {
				errs = append(errs, &usageError{msg: fmt.Sprintf("%s=%s: %s", s.name, v.text, pe.Reason), hint: pe.Hint()})
			} else {
				errs = append(errs, &usageError{msg: fmt.Sprintf("%s: %s", s.name, pe.Called(f.Name)), hint: pe.Hint()})
			}
		}
	})
	return errors.Join(errs...)
}
