package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runCLI runs the test binary as capex (see TestMain). The limit only
// stops a hang; it is generous, since speed is measured by .ci/bench,
// never by a test that a slow or busy machine could fail.
func runCLI(t *testing.T, limit time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runProcess(t, "", t.TempDir(), limit, args)
}

// runProcess runs capex in dir ("" for the test's) with its config home in
// configHome, failing the test on a hang past limit.
func runProcess(t *testing.T, dir, configHome string, limit time.Duration, args []string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), runAsCLI+"=1", "XDG_CONFIG_HOME="+configHome)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("capex %v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("capex %v: still running after %v", args, limit)
	}
	return out.String(), errb.String(), code
}

// hangLimit is how long a command may run before a test calls it hung.
const hangLimit = 5 * time.Minute

// TestHostile runs capex on every input in testdata/hostile and on large
// ones made here: each must be refused with exit status 2, an error that
// names the file (and the line, where there is one), nothing on stdout,
// no stack trace, and no hang.
func TestHostile(t *testing.T) {
	dir := "../../testdata/hostile"
	tmp := t.TempDir()
	big := func(name, content string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := big("million-digits.csv", "company,period,value\nX,2024Q4,"+strings.Repeat("9", 1_000_000)+"\n")
	longLine := big("long-line.csv", "company,period,value,source\nX,2024Q4,1,"+strings.Repeat("s", 1<<20)+"\n")
	quotedLong := big("long-quoted-line.csv", "company,period,value,source\nX,2024Q4,1,\""+strings.Repeat("s", 1<<20)+"\"\n")
	var dup strings.Builder
	dup.WriteString("company,period,value\n")
	for range 1_000_001 {
		dup.WriteString("X,2024Q4,1\n")
	}
	million := big("million-duplicates.csv", dup.String())
	tooBig := big("too-big.csv", "company,period,value\n"+strings.Repeat("X,2024Q4,1\n", 2000))
	unreadable := big("unreadable.csv", "company,period,value\nX,2024Q4,1\n")
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	devices := filepath.Join(tmp, "devices")
	if err := os.Mkdir(devices, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(devices, "zero.csv")); err != nil {
		t.Fatal(err)
	}

	data := func(file string) []string { return []string{"show", "--no-builtin", "--data", file} }
	in := func(name string) string { return filepath.Join(dir, name) }
	cases := []struct {
		args []string
		want string // in stderr; names the file, and the line where there is one
	}{
		{data(in("empty.csv")), "empty.csv: empty CSV file"},
		{data("/dev/zero"), "/dev/zero: the input contains a NUL byte (at byte 0): not a text file"},
		{data("/dev/urandom"), "/dev/urandom: the input contains"},
		{[]string{"check", "/dev/zero", "--max-input", "1MiB"}, "/dev/zero: the input contains a NUL byte"},
		{data(devices), "zero.csv: not a regular file (a device)"},
		{data(in("ambiguous-mark.csv")), "ambiguous-mark.csv:2: value \"1.410\": ambiguous: 1410 with a decimal comma"},
		{data(in("euro-in-usd.csv")), "euro-in-usd.csv:2: X capex 2024Q4: a value written with \"€\" in a USD series"},
		{data(in("currency-text.csv")), "currency-text.csv:2: currency \"US dollars\": not an ISO 4217 currency code"},
		{data(in("tiny.csv")), "tiny.csv:2: value \"1e-41\": more than 40 digits written out"},
		{data(in("header-only.csv")), "header-only.csv: the file has a header but no rows"},
		{data(in("truncated.csv")), "truncated.csv:3: the row has 2 fields; the header has 3"},
		{data(in("duplicate-header.csv")), "duplicate-header.csv:1: column \"value\" appears twice in the header"},
		{data(in("unknown-column.csv")), "unknown-column.csv:1: unknown column \"colour\" in the header"},
		{data(in("missing-column.csv")), "missing-column.csv:1: the header has no period column"},
		{data(in("ragged.csv")), "ragged.csv:2: the row has 5 fields; the header has 3"},
		{data(in("decimal-comma.csv")), "decimal-comma.csv:2: value \"12,5\": misplaced thousands separator"},
		{data(in("nan.csv")), "nan.csv:2: value \"NaN\": not a finite number"},
		{data(in("infinity.csv")), "infinity.csv:2: value \"-Infinity\": not a finite number"},
		{data(in("big-exponent.csv")), "big-exponent.csv:2: value \"1e41\": more than 40 digits written out"},
		{data(in("too-many-digits.csv")), "too-many-digits.csv:2: value \"123456789012345678901234567890123456789…\": more than 40 digits written out"},
		{data(in("long-field.csv")), "long-field.csv:2: value \"000000000000000000000000000000000000000…\": longer than 64 bytes"},
		{data(in("nul.csv")), "nul.csv: the input contains a NUL byte"},
		{data(in("utf16.csv")), "utf16.csv: the input is UTF-16, not UTF-8"},
		{data(in("latin1.csv")), "latin1.csv: the input is not valid UTF-8"},
		{data(in("unterminated-quote.csv")), "unterminated-quote.csv:2: invalid CSV: extraneous or missing \" in quoted-field"},
		{data(in("ytd-disagrees.csv")), "ytd-disagrees.csv:4: X capex 6M 2024 (ytd, 6 months) = 31 disagrees with 30"},
		{data(in("duplicate-period.csv")), "duplicate-period.csv:3: duplicate X capex 2024Q4 quarter figure (first at"},
		{data(in("bad-period.csv")), "bad-period.csv:2: period \"2024Q5\": quarter must be 1-4"},
		{data(in("month-period.csv")), "month-period.csv:2: 2024-12: monthly figures are not supported"},
		{data(in("bad-basis.csv")), "bad-basis.csv:2: basis \"weekly\": not a basis"},
		{data(in("bad-months.csv")), "bad-months.csv:2: 7 months ending 2024Q3 is neither"},
		{data(in("bad-unit.csv")), "bad-unit.csv:2: unit \"trillion\": not a unit"},
		{data(in("bad-fiscal-year-end.csv")), "bad-fiscal-year-end.csv:2: fiscal year end \"02-30\": February has no day 30"},
		{data(in("conflicting-fiscal-year-end.csv")), "conflicting-fiscal-year-end.csv:3: X fiscal_year_end \"12-31\" differs from \"06-30\""},
		{data(in("bad-ticker.csv")), "bad-ticker.csv:2: ticker \"bad ticker\""},
		{data(in("wide-bad-ticker.csv")), "wide-bad-ticker.csv:1: ticker \"no way\""},
		{data(in("second-half.csv")), "second-half.csv:2: 2024H2: a second half is not a basis capex reads"},
		{data(in("empty.yaml")), "empty.yaml: empty YAML document"},
		{data(in("syntax.yaml")), "syntax.yaml:"},
		{data(in("unknown-key.yaml")), "unknown-key.yaml:3: unknown key \"colour\" in a company"},
		{data(in("not-a-mapping.yaml")), "not-a-mapping.yaml:1: the document must be a mapping of keys to values"},
		{data(in("points-string.yaml")), "points-string.yaml:3: points must be a list or a mapping of period: value"},
		{data(in("value-list.yaml")), "value-list.yaml:3: a value must be a single value"},
		{data(in("two-documents.yaml")), "two-documents.yaml:2: a second YAML document is not read"},
		{data(in("tab-indent.yaml")), "tab-indent.yaml:"},
		{data(in("nan-value.yaml")), "nan-value.yaml:3: value \".nan\": not a finite number"},
		{data(in("bad-fiscal-year-end.yaml")), "bad-fiscal-year-end.yaml:3: fiscal year end \"13-01\": month must be 01-12"},
		{data(in("billion-laughs.yaml")), "billion-laughs.yaml:"},
		{data(in("not-data")), "not-data: no .yaml, .yml or .csv files in the directory"},
		{[]string{"check", in("not-data")}, "not-data: is a directory"},
		{[]string{"check", in("checks-unknown-key.yaml")}, "checks-unknown-key.yaml:7: unknown key \"colour\" in a check"},
		{[]string{"check", in("checks-missing-period.yaml")}, "checks-missing-period.yaml:2: check \"a\": AMZN capex 1999Q4 is not available"},
		{data(huge), "million-digits.csv:2: value \"999999999999999999999999999999999999999…\": longer than 64 bytes"},
		{data(longLine), "long-line.csv:2: the line is longer than 1048576 bytes"},
		{data(quotedLong), "long-quoted-line.csv:2: the line is longer than 1048576 bytes"},
		{data(million), "million-duplicates.csv:3: duplicate X capex 2024Q4 quarter figure (first at"},
		{append(data(tooBig), "--max-input", "10KiB"), "too-big.csv: the input is larger than the 10240-byte limit\ncapex: hint: raise the limit (--max-input)"},
		{data(unreadable), "unreadable.csv: permission denied"},
		{data(filepath.Join(tmp, "no-such-file.csv")), "no-such-file.csv: no such file or directory"},
	}
	if n := len(cases); n < 30 {
		t.Fatalf("only %d hostile cases", n)
	}
	for _, c := range cases {
		name := filepath.Base(c.args[len(c.args)-1])
		if strings.HasPrefix(c.args[len(c.args)-2], "--max-input") {
			name = filepath.Base(c.args[len(c.args)-3])
		}
		name = c.args[0] + "-" + name
		t.Run(name, func(t *testing.T) {
			if strings.HasSuffix(name, "unreadable.csv") && os.Geteuid() == 0 {
				t.Skip("root reads any file; an unreadable file cannot be made")
			}
			t.Parallel()
			stdout, stderr, code := runCLI(t, hangLimit, c.args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2\n%s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("wrote %d bytes to stdout", len(stdout))
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr does not say %q:\n%s", c.want, stderr)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("a stack trace:\n%s", stderr)
			}
		})
	}
}
