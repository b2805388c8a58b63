// Command generate writes the built-in dataset, pkg/builtin/data/*.yaml,
// from the companyfacts documents in testdata/sec and
// testdata/published/published-capex.csv. Run it with go generate
// ./pkg/builtin (or go run ./pkg/builtin/internal/gen/generate from the
// repository root with -root .).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/capexdev/capex/pkg/atomicfile"
	"github.com/capexdev/capex/pkg/builtin/internal/gen"
)

func main() {
	root := flag.String("root", "../..", "the repository root")
	out := flag.String("out", "data", "the directory to write the files in")
	goOut := flag.String("go", gen.GoFile, "the Go file to write")
	flag.Parse()
	res, err := gen.Generate(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(res.Files))
	for name := range res.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := atomicfile.WriteFile(filepath.Join(*out, name), res.Files[name]); err != nil {
			fmt.Fprintln(os.Stderr, "generate:", err)
			os.Exit(1)
		}
	}
	if err := atomicfile.WriteFile(*goOut, res.Go); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	// A file of a company no longer built in would stay behind.
	old, _ := filepath.Glob(filepath.Join(*out, "*.yaml"))
	for _, f := range old {
		if _, ok := res.Files[filepath.Base(f)]; !ok {
			if err := os.Remove(f); err != nil {
				fmt.Fprintln(os.Stderr, "generate:", err)
				os.Exit(1)
			}
		}
	}
	fmt.Printf("generate: %d companies; %d published figures agree with the filings, %d kept where the filings lack them, %d disagree\n",
		len(names), res.Agreed, len(res.Kept), len(res.Disagreements))
	for _, d := range res.Disagreements {
		fmt.Println("  disagrees:", d)
	}
}
