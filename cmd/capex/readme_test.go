package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADME runs every "$ capex ..." command quoted in README.md and
// checks that the README shows its real output. Blocks cut short with "…"
// are skipped. Files the examples read are written to a temporary
// directory first: claim.yaml from the README's own "# claim.yaml" block.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := codeBlocks(string(readme))
	dir := t.TempDir()
	for _, b := range blocks {
		if strings.HasPrefix(b, "# claim.yaml\n") {
			write(t, filepath.Join(dir, "claim.yaml"), b)
		}
	}
	write(t, filepath.Join(dir, "bad.csv"), "company,period,value\nACME,2024Q4,\"12,5\"\nACME,2024Q5,3\n")
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	ran := 0
	for _, b := range blocks {
		if !strings.HasPrefix(b, "$ capex ") || strings.Contains(b, "…") {
			continue
		}
		for _, c := range strings.Split(b, "$ ")[1:] {
			cmdline, want, _ := strings.Cut(c, "\n")
			args := strings.Fields(strings.TrimPrefix(cmdline, "capex "))
			var out bytes.Buffer
			Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &out})
			if got := out.String(); got != want {
				t.Errorf("README: $ %s\n--- README shows:\n%s--- capex prints:\n%s", cmdline, want, got)
			}
			ran++
		}
	}
	if ran < 8 {
		t.Errorf("ran %d README commands", ran)
	}
}

// codeBlocks returns the content of every fenced code block.
func codeBlocks(md string) []string {
	var blocks []string
	var cur *strings.Builder
	for _, line := range strings.SplitAfter(md, "\n") {
		if strings.HasPrefix(line, "```") {
			if cur != nil {
				blocks = append(blocks, cur.String())
				cur = nil
			} else {
				cur = &strings.Builder{}
			}
			continue
		}
		if cur != nil {
			cur.WriteString(line)
		}
	}
	return blocks
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
