package main

import (
	"os/exec"
	"strings"
	"testing"
)

// layers ranks capex's packages: a package may import only packages of a
// lower rank. The model (periods, amounts) is at the bottom, then series,
// readers and calculations, then what is made of them (checks, views),
// and the command on top. cobra, viper and pflag are the command's alone;
// tablewriter is render's; the image packages (golang.org/x/image,
// freetype) are figure's.
var layers = map[string]int{
	"pkg/internal/excerpt": 0, "pkg/internal/hugepage": 0, "pkg/param": 1, "pkg/atomicfile": 0,
	"pkg/period": 1, "pkg/amount": 1,
	"pkg/series": 2, "pkg/render": 2, "pkg/chart": 2,
	"pkg/yamlnode": 3, "pkg/figure": 3,
	"pkg/load": 4, "pkg/calc": 4, "pkg/sec": 4,
	"pkg/builtin": 5, "pkg/builtin/internal/gen": 5,
	"pkg/check": 6, "pkg/view": 6,
	"cmd/capex": 9, "pkg/builtin/internal/gen/generate": 9,
}

// TestLayers holds the packages to their layers, reading the imports that
// go list reports.
func TestLayers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const module = "github.com/capexdev/capex/"
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		rank, ok := layers[pkg]
		if !ok {
			if strings.HasPrefix(pkg, "pkg/") || strings.HasPrefix(pkg, "cmd/") {
				t.Errorf("%s has no layer: add it to layers", pkg)
			}
			continue
		}
		seen++
		for _, imp := range fields[1:] {
			switch {
			case strings.HasPrefix(imp, "github.com/spf13/") && pkg != "cmd/capex":
				t.Errorf("%s imports %s: only the command uses cobra, viper and pflag", pkg, imp)
			case strings.HasPrefix(imp, "github.com/olekukonko/tablewriter") && pkg != "pkg/render":
				t.Errorf("%s imports %s: only render lays out tables", pkg, imp)
			case (strings.HasPrefix(imp, "golang.org/x/image") || strings.HasPrefix(imp, "github.com/golang/freetype")) && pkg != "pkg/figure":
				t.Errorf("%s imports %s: only figure draws images", pkg, imp)
			case strings.HasPrefix(imp, module):
				dep := strings.TrimPrefix(imp, module)
				if r, ok := layers[dep]; ok && r >= rank {
					t.Errorf("%s (layer %d) imports %s (layer %d)", pkg, rank, dep, r)
				}
			}
		}
	}
	if seen < len(layers)-1 {
		t.Errorf("go list reported %d of %d packages", seen, len(layers))
	}
}
