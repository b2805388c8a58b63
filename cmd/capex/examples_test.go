package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every example in every command's --help runs as written, and succeeds,
// in a directory holding the files the examples name. Only the example
// that fetches from the SEC (--cik) is not run: it needs the network.
func TestHelpExamples(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "../../testdata/published/claims.yaml", filepath.Join(dir, "claims.yaml"))
	copyFile(t, "../../testdata/published/amzn-q4-2024-claim.yaml", filepath.Join(dir, "amzn-q4-2024-claim.yaml"))
	copyFile(t, "../../testdata/published/claims.yaml", filepath.Join(dir, "testdata", "published", "claims.yaml"))
	copyFile(t, "../../testdata/published/amzn-q4-2024-claim.yaml", filepath.Join(dir, "testdata", "published", "amzn-q4-2024-claim.yaml"))
	copyFile(t, amznFacts, filepath.Join(dir, "CIK0001018724.json"))
	gunzipFile(t, "../../testdata/sec/companyfacts-CIK0000320193-AAPL.json.gz", filepath.Join(dir, "companyfacts-CIK0000320193-AAPL.json"))
	write(t, filepath.Join(dir, "mine.yaml"), "companies:\n  - ticker: MINE\n    metrics:\n      - id: capex\n        points:\n          - {period: 2024Q4, value: 1}\n")

	var examples []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, line := range strings.Split(c.Example, "\n") {
			if line = strings.TrimSpace(line); strings.HasPrefix(line, "capex ") && !strings.Contains(line, "--cik") {
				examples = append(examples, line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&App{}))
	if len(examples) < 30 {
		t.Fatalf("only %d examples found", len(examples))
	}
	// The example that makes aapl.yaml runs before those that read it.
	for i, e := range examples {
		if strings.Contains(e, "> aapl.yaml") {
			examples = append([]string{e}, append(examples[:i:i], examples[i+1:]...)...)
			break
		}
	}
	t.Logf("running %d examples", len(examples))
	for _, e := range examples {
		cmdline, redirect, _ := strings.Cut(e, ">")
		args := shellWords(t, strings.TrimPrefix(strings.TrimSpace(cmdline), "capex "))
		stdout, stderr, code := mainIn(t, dir, args...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s", e, code, stderr)
			continue
		}
		if redirect = strings.TrimSpace(redirect); redirect != "" {
			write(t, filepath.Join(dir, redirect), stdout)
		}
	}
}

// shellWords splits a command line at spaces, keeping "double quoted"
// words whole.
func shellWords(t *testing.T, s string) []string {
	var words []string
	var b strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, b.String())
				b.Reset()
			}
			inWord = false
		default:
			b.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in %q", s)
	}
	if inWord {
		words = append(words, b.String())
	}
	return words
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(data))
}

func gunzipFile(t *testing.T, from, to string) {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := io.Copy(&b, zr); err != nil {
		t.Fatal(err)
	}
	write(t, to, b.String())
}
