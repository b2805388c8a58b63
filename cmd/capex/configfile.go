package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/series"
	"github.com/capexdev/capex/pkg/yamlnode"
)

// The config file: found, read with a limit, and decoded strictly against
// the flags of the command tree (see settings.go for how its values are
// used).

// configPath finds the config file: --config or CAPEX_CONFIG (explicit),
// else ./.capex.yaml (the working directory's, which a cloned repository
// may hold: written by strangers), else $XDG_CONFIG_HOME/capex/config.yaml.
func configPath(cmd *cobra.Command) (path string, explicit, workdir bool) {
	if f := cmd.Flags().Lookup("config"); f != nil && f.Value.String() != "" {
		return f.Value.String(), true, false
	}
	if p := os.Getenv("CAPEX_CONFIG"); p != "" {
		return p, true, false
	}
	if _, err := os.Lstat(".capex.yaml"); err == nil {
		return ".capex.yaml", false, true
	}
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false, false
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "capex", "config.yaml"), false, false
}

// loadConfig reads and checks the config file, if there is one. A file
// found by searching must be a regular file; one named explicitly may be
// a pipe. Either is read up to maxConfigSize bytes.
func loadConfig(cmd *cobra.Command) (*configFile, error) {
	path, explicit, workdir := configPath(cmd)
	if path == "" {
		return nil, nil
	}
	info, err := os.Stat(path)
	switch {
	case err != nil && !explicit:
		return nil, nil
	case err != nil:
		return nil, usagef("check the path given with --config or CAPEX_CONFIG", "config file %s: %s", path, describeError(err))
	case !explicit && !info.Mode().IsRegular():
		return nil, usagef("make it a regular file, or name it with --config", "config file %s: not a regular file", path)
	case info.IsDir():
		return nil, usagef("name a file", "config file %s: is a directory", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("", "config file %s: %s", path, describeError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, usagef("", "config file %s: %s", path, describeError(err))
	}
	if len(data) > maxConfigSize {
		return nil, usagef("a config file holds a few settings", "config file %s: larger than %d bytes", path, maxConfigSize)
	}
	return parseConfig(path, data, cmd.Root(), workdir)
}

// parseConfig decodes a config file strictly against the flags of the
// command tree under root. Every problem is reported with its line.
//
// A working directory's config (workdir) may set what capex shows and
// which data it reads, never where it writes: a key of a flag marked
// writesKey is refused there, and a flag marked flagOnly is no config key
// anywhere (the SEC endpoint: a config must not choose what capex fetches).
func parseConfig(path string, data []byte, root *cobra.Command, workdir bool) (*configFile, error) {
	cf := &configFile{path: path, global: map[string]configValue{}, sections: map[string]map[string]configValue{}}
	var ps series.Problems
	r := &yamlnode.Reader{File: path, Problems: &ps}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) == 0 {
		return cf, nil // empty, or only comments
	}
	top := r.Root(data, "write settings as key: value lines, such as output: csv")
	if top == nil || top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return cf, ps.Err()
	}
	// Values are checked by setting them on the flags of a fresh command
	// tree, so that the file is refused as the flags would refuse them.
	check := newRootCmd(&App{})
	globals := globalFlags(check)
	var walk func(n *yaml.Node, cmd *cobra.Command, into map[string]configValue)
	walk = func(n *yaml.Node, cmd *cobra.Command, into map[string]configValue) {
		n = r.Deref(n)
		if n == nil {
			return
		}
		if n.Kind != yaml.MappingNode {
			r.Errorf(n, "write settings as key: value lines", "the settings of %s must be a mapping of keys to values", where(cmd))
			return
		}
		subs := map[string]*cobra.Command{}
		for _, c := range cmd.Commands() {
			if c.Runnable() || c.HasSubCommands() {
				subs[c.Name()] = c
			}
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := k.Value
			if seen[key] {
				r.Errorf(k, "", "key %q appears twice in %s", key, where(cmd))
				continue
			}
			seen[key] = true
			if sub := subs[key]; sub != nil {
				sec := map[string]configValue{}
				walk(v, sub, sec)
				cf.sections[commandPath(sub)] = sec
				continue
			}
			var f *pflag.Flag
			if cmd == check {
				f = globals[key]
			} else if key != "config" && key != "help" {
				f = cmd.Flags().Lookup(key)
				if f == nil {
					f = cmd.InheritedFlags().Lookup(key)
				}
			}
			if f == nil {
				unknownKey(r, k, cmd, check, globals, subs)
				continue
			}
			switch {
			case len(f.Annotations[flagOnly]) > 0:
				r.Errorf(k, fmt.Sprintf("pass --%s, or set %s", f.Name, envName(cmd, f)),
					"%s is not a config key: a config file does not choose what capex fetches", key)
				continue
			case workdir && len(f.Annotations[writesKey]) > 0:
				r.Errorf(k, fmt.Sprintf("pass --%s, or put it in your own config ($XDG_CONFIG_HOME/capex/config.yaml)", f.Name),
					"%s: a working directory's config (written by whoever made the directory) does not choose where capex writes", key)
				continue
			}
			val, ok := readConfigValue(r, v, f)
			if !ok {
				continue
			}
			if err := setFlag(f, val); err != nil {
				pe := valueError(f, val.text, err)
				r.Errorf(v, pe.Hint(), "%s", pe.Called(key))
				continue
			}
			into[key] = val
		}
	}
	walk(top, check, cf.global)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return cf, nil
}

// where names a level of the config file in messages.
func where(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return "the config file"
	}
	return fmt.Sprintf("section %q", commandPath(cmd))
}

// unknownKey reports a key that is no setting at its level, with the
// closest ones.
func unknownKey(r *yamlnode.Reader, k *yaml.Node, cmd, root *cobra.Command, globals map[string]*pflag.Flag, subs map[string]*cobra.Command) {
	var known []string
	if cmd == root {
		for name := range globals {
			known = append(known, name)
		}
	} else {
		cmd.Flags().VisitAll(func(f *pflag.Flag) { known = append(known, f.Name) })
		cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) { known = append(known, f.Name) })
	}
	for name := range subs {
		known = append(known, name)
	}
	known = slices.DeleteFunc(known, func(s string) bool { return s == "help" || s == "config" })
	sort.Strings(known)
	hint := ""
	if close := param.Closest(k.Value, known, 1); len(close) > 0 {
		hint = fmt.Sprintf("did you mean %q?", close[0])
	} else if cmd == root {
		hint = "top-level keys are the settings every command shares (" + strings.Join(known, ", ") + "); put others under the command's name"
	} else {
		hint = "the settings of " + commandPath(cmd) + " are " + strings.Join(known, ", ")
	}
	msg := fmt.Sprintf("unknown key %q in %s", k.Value, where(cmd))
	if owners := flagOwners(root, k.Value); len(owners) > 0 {
		if cmd == root {
			msg = fmt.Sprintf("%s is not a top-level key: it is a setting of %s", k.Value, strings.Join(owners, ", "))
		} else {
			msg = fmt.Sprintf("%s is not a setting of %s: it is one of %s", k.Value, commandPath(cmd), strings.Join(owners, ", "))
		}
		hint = "put it under the command, as " + nested(owners[0], k.Value)
	}
	r.Errorf(k, hint, "%s", msg)
}

// Annotations of flags that a config file may not set: writesKey a file
// capex writes (not from a working directory's config), flagOnly not
// from any.
const (
	writesKey = "capex_writes"
	flagOnly  = "capex_flag_only"
)

// nested writes key in the section of a command path, as the config file
// nests it: "import: {sec: {timeout: …}}".
func nested(path, key string) string {
	s := key + ": …"
	parts := strings.Fields(path)
	for i := len(parts) - 1; i >= 0; i-- {
		s = parts[i] + ": {" + s + "}"
	}
	return s
}

// flagOwners lists the commands that have a flag called name.
func flagOwners(root *cobra.Command, name string) []string {
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && c.Flags().Lookup(name) != nil {
			out = append(out, commandPath(c))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	for _, c := range root.Commands() {
		walk(c)
	}
	return out
}

// globalFlags is every flag marked global in the tree, by name.
func globalFlags(root *cobra.Command) map[string]*pflag.Flag {
	out := map[string]*pflag.Flag{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		visit := func(f *pflag.Flag) {
			if isGlobal(f) && out[f.Name] == nil {
				out[f.Name] = f
			}
		}
		c.LocalFlags().VisitAll(visit)
		c.PersistentFlags().VisitAll(visit)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// readConfigValue reads the value of a setting: a scalar, or for a flag
// that takes several values, a list of scalars.
func readConfigValue(r *yamlnode.Reader, n *yaml.Node, f *pflag.Flag) (configValue, bool) {
	n = r.Deref(n)
	if n == nil {
		return configValue{}, false
	}
	v := configValue{line: n.Line}
	if n.Kind == yaml.SequenceNode && listFlag(f) {
		for _, item := range n.Content {
			s, ok := r.Scalar(item, f.Name)
			if !ok {
				return v, false
			}
			v.list = append(v.list, s)
		}
		return v, true
	}
	s, ok := r.Scalar(n, f.Name)
	if !ok {
		return v, false
	}
	if n.Tag == "!!null" {
		r.Errorf(n, "give a value, or leave the key out", "%s has no value", f.Name)
		return v, false
	}
	v.text = s
	if listFlag(f) {
		v.list = []string{s}
	}
	return v, true
}
