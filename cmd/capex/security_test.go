package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// hostileText holds what a terminal would obey: an OSC title change, a
// screen clear, an OSC-8 link, a right-to-left override, C1 and DEL, and
// a line break that would forge a table row.
const hostileText = "\x1b]0;owned\x07 \x1b[2J \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202etxt.exe\u202c \u0085\x7f\nAMZN  capex  forged row"

// No control character from the data reaches a terminal: tables,
// Markdown and messages escape them; JSON carries the text exactly.
func TestControlCharactersAreEscaped(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	data := filepath.Join(dir, "evil.yaml")
	quoted := []byte(yamlQuote(hostileText))
	write(t, data, "companies:\n  - ticker: EVIL\n    name: "+string(quoted)+"\n    metrics:\n      - id: capex\n        label: "+string(quoted)+
		"\n        definition: "+string(quoted)+"\n        points:\n          - {period: 2024Q4, value: 1, source: "+string(quoted)+", note: "+string(quoted)+"}\n")
	for _, args := range [][]string{
		{"show", "evil", "--data", data},
		{"show", "evil", "--data", data, "--printed", "-o", "markdown"},
		{"show", "evil", "--data", data, "--explain"},
		{"companies", "--data", data},
		{"metrics", "evil", "--data", data},
		{"project", "evil", "--data", data, "--annualize", "q4", "--explain"},
	} {
		out := run(t, args...)
		if bytes.ContainsAny(out, "\x1b\x07\x7f\u202e\u0085") || bytes.Contains(out, []byte("\nAMZN  capex  forged row")) {
			t.Errorf("%v: a control character reached the output:\n%q", args, out)
		}
		if !bytes.Contains(out, []byte(`\x1b]0;owned\x07`)) && !bytes.Contains(out, []byte(`\x1b]0;owned\x0…`)) && !bytes.Contains(out, []byte(`\x1b]0;`)) {
			t.Errorf("%v: the text is not shown escaped:\n%s", args, out)
		}
	}
	// JSON is exact.
	out := run(t, "show", "evil", "--data", data, "--printed", "-o", "json")
	var rows []map[string]any
	if err := json.Unmarshal(out, &rows); err != nil || rows[0]["source"] != hostileText {
		t.Errorf("JSON source = %q (%v)", rows[0]["source"], err)
	}
	// Messages: a ticker, a file name and text from a file.
	var errb bytes.Buffer
	Main([]string{"show", "x\x1b]0;owned\x07", "--data", data}, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &errb})
	bad := filepath.Join(dir, "bad\x1b[2J.csv")
	write(t, bad, "company,period,value\nX,2024Q4,\x1b[31m5\n")
	Main([]string{"show", "--data", bad}, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &errb})
	if strings.ContainsAny(errb.String(), "\x1b\x07") || !strings.Contains(errb.String(), `X\x1b]0;OWNED\x07`) || !strings.Contains(errb.String(), `bad\x1b[2J.csv:2`) {
		t.Errorf("messages:\n%q", errb.String())
	}
}

// CSV and TSV neutralize text a spreadsheet would take for a formula,
// never numbers, and capex reads its own output back unchanged.
func TestFormulasNeutralized(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	payloads := []string{"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"}
	var b strings.Builder
	b.WriteString("company,period,value,source,note\n")
	for i, p := range payloads {
		b.WriteString("X," + []string{"2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2", "2024Q3"}[i] + ",-" + string(rune('1'+i)) + ",")
		for _, f := range []string{p, p} {
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `",`)
		}
		s := b.String()
		b.Reset()
		b.WriteString(strings.TrimSuffix(s, ",") + "\n")
	}
	data := filepath.Join(dir, "payloads.csv")
	write(t, data, b.String())
	for _, format := range []string{"csv", "tsv"} {
		out := run(t, "show", "x", "--data", data, "--printed", "-o", format)
		r := csv.NewReader(bytes.NewReader(out))
		if format == "tsv" {
			r.Comma, r.LazyQuotes = '\t', true
		}
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head := map[string]int{}
		for i, h := range recs[0] {
			head[h] = i
		}
		for _, rec := range recs[1:] {
			if src := rec[head["source"]]; !strings.HasPrefix(src, "'") {
				t.Errorf("%s: source %q is not neutralized", format, src)
			}
			if v := rec[head["value"]]; !strings.HasPrefix(v, "-") {
				t.Errorf("%s: the number %q was changed", format, v)
			}
		}
		// capex reads it back as it read the original (which trims the
		// spaces around a field, tabs included).
		var orig []map[string]any
		if err := json.Unmarshal(run(t, "show", "x", "--data", data, "--printed", "-o", "json"), &orig); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "own."+format)
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
		back := run(t, "show", "x", "--no-builtin", "--data", file, "--printed", "-o", "json")
		var rows []map[string]any
		if err := json.Unmarshal(back, &rows); err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			want := orig[i]["source"]
			if row["source"] != want || row["note"] != orig[i]["note"] {
				t.Errorf("%s: read back source %q, want %q", format, row["source"], want)
			}
		}
	}
}

// A FIFO named .capex.yaml is refused, never waited on: every command,
// capex version included, would hang on it.
func TestConfigFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, ".capex.yaml"), 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	stdout, stderr, code := runCLIIn(t, dir, "version")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "config file .capex.yaml: not a regular file") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

// A wide CSV of 100,000 columns is read (in time linear in its columns:
// .ci/bench measures it).
func TestWideCSVManyColumns(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var b strings.Builder
	b.WriteString("period")
	for i := range 100_000 {
		b.WriteString(",T" + strconv.Itoa(i))
	}
	b.WriteString("\n2024Q4")
	for range 100_000 {
		b.WriteString(",1")
	}
	b.WriteString("\n")
	data := filepath.Join(t.TempDir(), "wide.csv")
	write(t, data, b.String())
	out := run(t, "companies", "--no-builtin", "--data", data, "-o", "csv")
	if n := bytes.Count(out, []byte("\n")); n != 100_001 {
		t.Errorf("%d companies", n-1)
	}
}

// yamlQuote writes s as a YAML double-quoted string, every character
// that is not printable ASCII escaped.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		default:
			b.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		}
	}
	b.WriteByte('"')
	return b.String()
}

// runCLIIn runs capex as a process in dir, whose config it reads, with the
// hang limit.
func runCLIIn(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runProcess(t, dir, dir, hangLimit, args)
}
