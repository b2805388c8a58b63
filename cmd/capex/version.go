package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by the release build (GoReleaser's ldflags):
// -X main.version=1.2.3 -X main.commit=abc1234 -X main.date=2026-11-26T07:00:00Z.
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildInfo is what capex version prints.
type buildInfo struct {
	Version, Commit, Date, Go string
}

// currentBuild is the stamped version, or else what the Go toolchain
// recorded: the module version (go install …@v1.2.3) and the VCS revision
// and time (a build from a checkout).
func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, Go: runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		if b.Version == "" && info.Main.Version != "" {
			b.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && b.Commit == "":
				b.Commit = s.Value
			case s.Key == "vcs.time" && b.Date == "":
				b.Date = s.Value
			case s.Key == "vcs.modified" && s.Value == "true" && version == "":
				b.Version += "+dirty"
			}
		}
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

func (b buildInfo) String() string {
	return fmt.Sprintf("capex %s\ncommit: %s\nbuilt: %s\ngo: %s\n", b.Version, b.Commit, b.Date, b.Go)
}

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print capex's version, commit, build date and Go version",
		Example: "  capex version\n  capex --version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprint(app.IO.Out, currentBuild())
			return err
		},
	}
}
