package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// universeFile writes a universe of companies × 80 quarters as the
// benchmark's generator does, and returns its path.
func universeFile(b *testing.B, companies int) string {
	var sb strings.Builder
	sb.WriteString("company,period,value\n")
	for c := 0; c < companies; c++ {
		for q := 0; q < 80; q++ {
			fmt.Fprintf(&sb, "C%05d,%dQ%d,%d.%03d\n", c, 2006+q/4, q%4+1, 1000+c*7+q*13, (c*q)%1000)
		}
	}
	path := filepath.Join(b.TempDir(), "universe.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkMainJob runs the benchmark's job in-process on 200,000 rows,
// in each format: read, calculate, write. .ci/bench times the binary on
// a million rows; this is for profiles (-cpuprofile, -memprofile).
func BenchmarkMainJob(b *testing.B) {
	path := universeFile(b, 2500)
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	for _, format := range []string{"csv", "table", "markdown", "json", "tsv"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if code := Main([]string{"show", "--no-builtin", "--columns", "value,ttm,qoq,yoy", "-o", format, "--data", path},
					IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// BenchmarkProjectAll projects every company of the million-row universe
// at once, naming each of the 12,500 tickers, as .ci/bench does: the cost
// per ticker must not grow with the number of tickers.
func BenchmarkProjectAll(b *testing.B) {
	const companies = 12500
	path := universeFile(b, companies)
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	args := []string{"project", "--no-builtin", "--data", path, "--annualize", "latest", "-o", "csv"}
	for c := 0; c < companies; c++ {
		args = append(args, fmt.Sprintf("C%05d", c))
	}
	for b.Loop() {
		if code := Main(args, IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
