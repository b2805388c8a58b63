package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/series"
)

// dataset loads the data a command works on: the built-in dataset
// overlaid with --data, per (company, metric). A command about some
// companies names them, so that only their built-in files are read.
func (a *App) dataset(tickers ...string) (*series.Dataset, error) {
	// A path given twice is read once (shell completion parses the flags
	// twice, which repeats every value).
	var paths []string
	for _, p := range a.data.paths {
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	return a.load(paths, tickers...)
}

// load reads the built-in dataset (unless --no-builtin), or only the
// companies with the tickers when they are all built in, overlaid with the
// files at paths.
func (a *App) load(paths []string, tickers ...string) (*series.Dataset, error) {
	maxInput, err := parseSize("max-input", a.data.maxInput)
	if err != nil {
		return nil, err
	}
	var base *series.Dataset
	if !a.data.noBuiltin {
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
	large, heap := sizeForInput(paths)
	defer sizeForData(large)
	b := series.NewBuilder()
	load.Paths(b, paths, a.IO.In, load.Options{Format: a.data.inputFormat, MaxInput: maxInput, Reserve: heap})
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
func parseSize(name, s string) (int64, error) {
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
		return 0, param.Errorf(name, s, "a size such as 2GiB or 500000", "not a size")
	}
	return n * mult, nil
}

// notAnInput refuses to write to path when it is one of the inputs of
// the run: a report written over its own expectations file, an import
// over the document it reads. flag names the option that chose path.
func notAnInput(flag, path string, inputs ...string) error {
	target, err := os.Stat(path)
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		same := filepath.Clean(in) == filepath.Clean(path)
		if info, e := os.Stat(in); !same && err == nil && e == nil {
			same = os.SameFile(info, target)
		}
		if same {
			return usagef("write it elsewhere", "--%s %s: it is an input of this run, and would be overwritten", flag, path)
		}
	}
	return nil
}

// describeError turns a file error into words without the path.
func describeError(err error) string { return load.DescribeError(err) }
