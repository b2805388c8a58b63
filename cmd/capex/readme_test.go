package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the outputs quoted in README.md")

// TestREADME runs every "$ capex ..." command quoted in README.md and
// checks that the README shows its real output (go test -update rewrites
// them). A command that writes a file with --out shows what it prints
// (its warnings), and the file is checked by its extension (outChecks):
// it exists and parses (a workbook opens with excelize). Blocks cut short
// by a line of "…" are skipped. Files the examples read are written to a
// temporary directory first: the README's own blocks that start
// "# NAME.yaml", bad.csv, the published claims and the SEC companyfacts
// fixtures.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readmePath, _ := filepath.Abs("../../README.md")
	dir := t.TempDir()
	for _, b := range codeBlocks(string(readme)) {
		// A block that starts "# NAME.yaml" is a file the examples read.
		first, _, _ := strings.Cut(b.text, "\n")
		if name, ok := strings.CutPrefix(first, "# "); ok && strings.HasSuffix(name, ".yaml") && !strings.Contains(name, " ") && !strings.HasPrefix(name, ".") {
			write(t, filepath.Join(dir, name), b.text)
		}
	}
	write(t, filepath.Join(dir, "bad.csv"), "company,period,value\nACME,2024Q4,\"12,5\"\nACME,2024Q5,3\n")
	published := filepath.Join(dir, "testdata", "published")
	if err := os.MkdirAll(published, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"claims.yaml", "amzn-q4-2024-claim.yaml"} {
		data, err := os.ReadFile(filepath.Join("../../testdata/published", f))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(published, f), string(data))
	}
	secDir := filepath.Join(dir, "testdata", "sec")
	if err := os.MkdirAll(secDir, 0o755); err != nil {
		t.Fatal(err)
	}
	jsons, _ := filepath.Glob("../../testdata/sec/*.json")
	for _, f := range jsons {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(secDir, filepath.Base(f)), string(data))
	}
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	ran := 0
	var out strings.Builder
	last := 0
	for _, b := range codeBlocks(string(readme)) {
		if !strings.HasPrefix(b.text, "$ capex ") || strings.Contains(b.text, "\n…\n") {
			continue
		}
		var fresh strings.Builder
		for _, c := range strings.Split(b.text, "$ ")[1:] {
			cmdline, want, _ := strings.Cut(c, "\n")
			args := strings.Fields(strings.TrimPrefix(cmdline, "capex "))
			var got bytes.Buffer
			code := Main(args, IO{In: strings.NewReader(""), Out: &got, Err: &got})
			// A command the README shows succeeding must succeed, even when
			// the outputs are being rewritten: -update must not record a
			// failure as an example.
			if failed := strings.Contains(want, "capex: error:"); (code != 0) != failed {
				t.Errorf("README: $ %s exits %d, but the README shows it %s:\n%s", cmdline, code, map[bool]string{true: "failing", false: "succeeding"}[failed], got.String())
			}
			if path := outPath(args); path != "" && code == 0 {
				if err := checkOut(path); err != nil {
					t.Errorf("README: $ %s: %v", cmdline, err)
				}
			}
			if got.String() != want && !*update {
				t.Errorf("README: $ %s\n--- README shows:\n%s--- capex prints:\n%s", cmdline, want, got.String())
			}
			fresh.WriteString("$ " + cmdline + "\n" + got.String())
			ran++
		}
		out.WriteString(string(readme[last:b.start]))
		out.WriteString(fresh.String())
		last = b.end
	}
	out.WriteString(string(readme[last:]))
	if *update {
		if err := os.WriteFile(readmePath, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if ran < 8 {
		t.Errorf("ran %d README commands", ran)
	}
}

// outChecks check a file a README command writes with --out, by its
// extension: that it parses as what it is.
var outChecks = map[string]func(data []byte) error{
	".yaml": func(data []byte) error { var v any; return yaml.Unmarshal(data, &v) },
	".csv":  func(data []byte) error { _, err := csv.NewReader(bytes.NewReader(data)).ReadAll(); return err },
	".json": func(data []byte) error { var v any; return json.Unmarshal(data, &v) },
	".png":  func(data []byte) error { _, err := png.DecodeConfig(bytes.NewReader(data)); return err },
	".svg": func(data []byte) error {
		var root struct{ XMLName xml.Name }
		if err := xml.Unmarshal(data, &root); err != nil {
			return err
		}
		if root.XMLName.Local != "svg" {
			return errors.New("the root element is " + root.XMLName.Local + ", not svg")
		}
		return nil
	},
	".xlsx": func(data []byte) error {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return err
		}
		defer f.Close()
		for _, sheet := range f.GetSheetList() {
			if rows, err := f.GetRows(sheet); err != nil || len(rows) < 2 {
				return fmt.Errorf("sheet %s has %d rows (%v)", sheet, len(rows), err)
			}
		}
		return nil
	},
	".html": func(data []byte) error {
		if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>\n")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("</html>")) {
			return errors.New("not a whole HTML page")
		}
		return nil
	},
}

// outPath is the file args name with --out, or "".
func outPath(args []string) string {
	for i, a := range args {
		if v, ok := strings.CutPrefix(a, "--out="); ok {
			return v
		}
		if a == "--out" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// checkOut checks a file a command wrote: it is there, not empty, and
// parses as its extension says.
func checkOut(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(data) == 0 {
		return errors.New(path + " is empty")
	}
	check, ok := outChecks[filepath.Ext(path)]
	if !ok {
		return errors.New(path + ": no check for " + filepath.Ext(path) + " files: add one to outChecks")
	}
	if err := check(data); err != nil {
		return errors.New(path + ": " + err.Error())
	}
	return nil
}

// block is a fenced code block's content and its byte offsets.
type block struct {
	text       string
	start, end int
}

// codeBlocks returns every fenced code block.
func codeBlocks(md string) []block {
	var blocks []block
	open := -1
	off := 0
	for _, line := range strings.SplitAfter(md, "\n") {
		if strings.HasPrefix(line, "```") {
			if open >= 0 {
				blocks = append(blocks, block{text: md[open:off], start: open, end: off})
				open = -1
			} else {
				open = off + len(line)
			}
		}
		off += len(line)
	}
	return blocks
}

// write writes a file, making its directory.
func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
