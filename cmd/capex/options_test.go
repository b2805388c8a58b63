package main

import (
	"bytes"
	"slices"
	"testing"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/calc"
)

// parse runs capex's command line up to the command's options, with sub
// (made with a runF that records them) in place of the command of its name.
func parse(t *testing.T, sub *cobra.Command, app *App, args ...string) error {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Chdir(t.TempDir())
	root := newRootCmd(app)
	for _, c := range root.Commands() {
		if c.Name() == sub.Name() {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(sub)
	root.SetArgs(fixArgs(root, args))
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	return root.Execute()
}

// argv → options: what each command line asks for, before any data is read.
func TestProjectOptions(t *testing.T) {
	tests := []struct {
		args    []string
		tickers []string
		check   func(*projectOptions) bool
	}{
		{[]string{"project", "amzn", "--annualize", "q4"}, []string{"amzn"},
			func(o *projectOptions) bool { return len(o.methods.Annualize) == 1 && o.methods.Count() == 1 }},
		{[]string{"project", "amzn", "--growth", "20%", "--growth", "30%", "--growth", "yoy", "--window", "5", "--window", "6"}, []string{"amzn"},
			func(o *projectOptions) bool {
				return len(o.methods.Growth) == 3 && o.methods.Count() == 3 && o.methods.Window == 6
			}},
		{[]string{"project", "amzn", "msft", "--trend", "--window", "4", "--total"}, []string{"amzn", "msft"},
			func(o *projectOptions) bool { return o.methods.Trend && o.methods.Window == 4 && o.total }},
		{[]string{"project", "--calendar", "map", "amzn", "--growth", "20%", "--horizon", "3"}, []string{"amzn"},
			func(o *projectOptions) bool {
				return o.calendar == "map" && len(o.methods.Growth) == 1 && o.methods.Growth[0].Value.String() == "0.2" && o.methods.Horizon == 3
			}},
		{[]string{"project", "amzn", "--scenario", "a=1%,b=2%", "-o", "CSV", "--unit", "Billion"}, []string{"amzn"},
			func(o *projectOptions) bool {
				return len(o.methods.Scenarios) == 2 && o.out.format == "csv" && o.out.unit == "billion"
			}},
	}
	for _, tt := range tests {
		var got *projectOptions
		app := newApp(IO{})
		err := parse(t, newProjectCmd(app, func(o *projectOptions) error { got = o; return nil }), app, tt.args...)
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		if !slices.Equal(got.Tickers, tt.tickers) || !tt.check(got) {
			t.Errorf("%v: options %+v", tt.args, got)
		}
	}
}

func TestProjectOptionErrors(t *testing.T) {
	for _, args := range [][]string{
		{"project", "amzn", "--window", "1"},
		{"project", "amzn", "--window", "x"},
		{"project", "amzn", "--horizon", "51"},
		{"project", "amzn", "--annualize", "q5"},
		{"project", "amzn", "--growth", "20"},
		{"project", "amzn", "--as-of", "2024-12"},
		{"project", "amzn", "-o", "xml"},
	} {
		app := newApp(IO{})
		err := parse(t, newProjectCmd(app, func(*projectOptions) error { t.Errorf("%v ran", args); return nil }), app, args...)
		if err == nil {
			t.Errorf("%v: no error", args)
			continue
		}
		if _, ok := err.(*usageError); !ok {
			t.Errorf("%v: %T %v, not a usage error", args, err, err)
		}
	}
}

func TestShowOptions(t *testing.T) {
	var got *showOptions
	app := newApp(IO{})
	err := parse(t, newShowCmd(app, func(o *showOptions) error { got = o; return nil }), app,
		"show", "--calendar", "prorate", "aapl", "--from", "2024Q1", "--gaps", "SKIP", "--columns", "value")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Tickers, []string{"aapl"}) || got.calendar != "prorate" || got.rng.gaps != "skip" || got.columns != "value" || got.metricGiven {
		t.Errorf("options %+v", got)
	}
	if _, err := calc.ParseColumns(got.columns); err != nil {
		t.Error(err)
	}
}
