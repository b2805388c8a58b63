package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// The heap is advised huge pages (package hugepage, at its
// initialisation) before the dependencies that fill it at start-up are
// initialised, tablewriter's 650 KB width cache the largest of them: a
// package is initialised once its imports are, the first in import path
// order first, and hugepage imports no more than it must.
func TestHugePageAdviceComesFirst(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("huge pages are asked for on Linux only")
	}
	cmd := exec.Command(os.Args[0], "--version")
	cmd.Env = append(os.Environ(), runAsCLI+"=1", "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("capex --version: %v\n%s", err, out)
	}
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i + 1
		}
	}
	const advice = "github.com/capexdev/capex/pkg/internal/hugepage"
	for _, dep := range []string{"github.com/olekukonko/tablewriter/pkg/twwidth", "go.yaml.in/yaml/v3", "github.com/spf13/viper"} {
		switch {
		case order[advice] == 0:
			t.Fatalf("no initialisation of %s in GODEBUG=inittrace=1's report:\n%s", advice, out)
		case order[dep] != 0 && order[dep] < order[advice]:
			t.Errorf("%s is initialised before %s", dep, advice)
		}
	}
	if order["github.com/olekukonko/tablewriter/pkg/twwidth"] == 0 {
		t.Errorf("no initialisation of tablewriter's twwidth in the report: is the test still needed?\n%s", out)
	}
}
