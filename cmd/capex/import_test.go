package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/calc"
)

const amznFacts = "../../testdata/sec/companyfacts-CIK0001018724-AMZN-capex.json"

// mainIn runs capex in dir and returns its output and exit code.
func mainIn(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code = Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	return out.String(), errb.String(), code
}

// The quarters imported from Amazon's companyfacts equal the built-in
// dataset's capex quarters (which come from the filings and releases by
// another route): capex check says so, one check per built-in quarter.
func TestImportAmazonMatchesBuiltin(t *testing.T) {
	facts, err := filepath.Abs(amznFacts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, stderr, code := mainIn(t, dir, "import", "sec", facts, "--out", "amzn-sec.yaml"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	d, ok, err := builtin.Companies("AMZN")
	if !ok || err != nil {
		t.Fatal("no built-in AMZN", err)
	}
	c := d.Company("AMZN")
	q := calc.NewQuarters(c, c.Metric("capex"))
	var checks strings.Builder
	checks.WriteString("checks:\n")
	n := 0
	for s := q.First; s <= q.Last; s++ {
		v := q.Value(s)
		if !v.OK() {
			continue
		}
		label := q.Label(s)
		fmt.Fprintf(&checks, "  - {name: \"AMZN %s capex as imported from SEC companyfacts\", company: AMZN, figure: value, period: %s, expect: %s, unit: million, tolerance: 0}\n",
			label, label, v.Decimal())
		n++
	}
	if n < 12 {
		t.Fatalf("only %d built-in AMZN quarters to compare", n)
	}
	if err := os.WriteFile(filepath.Join(dir, "amzn-checks.yaml"), []byte(checks.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := mainIn(t, dir, "check", "amzn-checks.yaml", "--no-builtin", "--data", "amzn-sec.yaml")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	if want := fmt.Sprintf("0 of %d checks failed", n); !strings.Contains(stdout, want) {
		t.Errorf("check output lacks %q:\n%s", want, stdout)
	}
}

// Network mode fetches from the SEC's address (here a local server), with
// the User-Agent given, and refuses to run without one.
func TestImportSECFetch(t *testing.T) {
	body, err := os.ReadFile(amznFacts)
	if err != nil {
		t.Fatal(err)
	}
	var agent atomic.Value
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		agent.Store(r.Header.Get("User-Agent"))
		switch r.URL.Path {
		case "/api/xbrl/companyfacts/CIK0001018724.json":
			w.Header().Set("Content-Type", "application/json")
			w.Write(body)
		case "/api/xbrl/companyfacts/CIK0000000002.json":
			time.Sleep(500 * time.Millisecond)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()

	stdout, stderr, code := mainIn(t, dir, "import", "sec", "--cik", "1018724", "--sec-base-url", srv.URL, "--user-agent", "Capex Test test@example.com")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if got := agent.Load(); got != "Capex Test test@example.com" {
		t.Errorf("User-Agent %q", got)
	}
	for _, want := range []string{"ticker: AMZN", "cik: \"0001018724\"", "{period: FY2024, value: 82999, source: 10-K 0001018724-26-000004 filed 2026-02-06"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	// The environment variable serves as well as the flag.
	t.Setenv("CAPEX_SEC_USER_AGENT", "Env Agent env@example.com")
	if _, stderr, code := mainIn(t, dir, "import", "sec", "--cik", "CIK0001018724", "--sec-base-url", srv.URL, "--out", "amzn.yaml"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if got := agent.Load(); got != "Env Agent env@example.com" {
		t.Errorf("User-Agent %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "amzn.yaml")); err != nil {
		t.Error(err)
	}
	t.Setenv("CAPEX_SEC_USER_AGENT", "")

	before := hits.Load()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--cik", "1018724", "--sec-base-url", srv.URL}, "capex: error: the SEC requires a User-Agent naming you"},
		{[]string{"--cik", "1", "--sec-base-url", srv.URL, "--user-agent", "a b@c.d"}, "the SEC has no companyfacts for CIK 1 (404)"},
		{[]string{"--cik", "2", "--sec-base-url", srv.URL, "--user-agent", "a b@c.d", "--timeout", "100ms"}, "no answer within the timeout\ncapex: hint: allow more time (--timeout)"},
		{[]string{"--cik", "12345678901", "--user-agent", "a b@c.d"}, "--cik 12345678901: not a CIK"},
		{[]string{"--cik", "1", "--sec-base-url", "http://example.com", "--user-agent", "a b@c.d"}, "must be https"},
		{[]string{"x.json", "--cik", "1", "--user-agent", "a b@c.d"}, "files and --cik together"},
	} {
		_, stderr, code := mainIn(t, dir, append([]string{"import", "sec"}, tt.args...)...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("capex import sec %s: exit %d, stderr\n%s\nwant exit 2 and %q", strings.Join(tt.args, " "), code, stderr, tt.want)
		}
	}
	// Only the 404 and the timeout reached the server.
	if got := hits.Load() - before; got != 2 {
		t.Errorf("%d requests reached the server, want 2", got)
	}
}

// Hostile documents get an error naming the input, never a panic.
func TestImportHostile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"deep.json":  strings.Repeat("[", 200000) + strings.Repeat("]", 200000),
		"utf16.json": "\xff\xfe{\x00}\x00",
		"huge-exp.json": `{"cik": 1, "facts": {"us-gaap": {"PaymentsToAcquireProductiveAssets": {"units": {"USD": [` +
			`{"start": "2023-01-01", "end": "2023-12-31", "val": 1e999999999, "accn": "a", "form": "10-K", "filed": "2024-01-01"}]}}}}}`,
		"empty.json": "",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name := range files {
		stdout, stderr, code := mainIn(t, dir, "import", "sec", name, "--ticker", "X")
		if code != 2 || stdout != "" || !strings.HasPrefix(stderr, "capex: error: "+name) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, stdout, stderr)
		}
	}
	if _, stderr, code := mainIn(t, dir, "import", "sec", "deep.json", "--max-input", "1KiB"); code != 2 || !strings.Contains(stderr, "larger than the 1024-byte limit") {
		t.Errorf("--max-input: exit %d, %s", code, stderr)
	}
}

// A fetched document is held to the client's own limit unless --max-input
// is set, by flag or variable: the default for files does not raise it.
func TestImportSECNetworkLimit(t *testing.T) {
	body, err := os.ReadFile(amznFacts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/xbrl/companyfacts/CIK0001018724.json":
			w.Write(body)
		case "/api/xbrl/companyfacts/CIK0000000003.json":
			// Claims 512 MiB, under the 1 GiB default of --max-input,
			// over the client's 256 MiB; sends a few bytes.
			w.Header().Set("Content-Length", "536870912")
			w.Write([]byte("{}"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	fetch := []string{"import", "sec", "--sec-base-url", srv.URL, "--user-agent", "a b@c.d", "--cik"}
	for _, tt := range []struct {
		env  string // CAPEX_MAX_INPUT
		args []string
		want string // in stderr
		not  string // not in stderr
	}{
		{"", []string{"3"}, "CIK0000000003.json: the document is larger than the 268435456-byte limit\ncapex: hint: raise the limit (--max-input)\n", ""},
		{"", []string{"3", "--max-input", "1GiB"}, "CIK0000000003.json: ", "limit"},
		{"", []string{"1018724", "--max-input", "1KiB"}, "CIK0001018724.json: the document is larger than the 1024-byte limit\ncapex: hint: raise the limit (--max-input)\n", ""},
		{"1KiB", []string{"1018724"}, "CIK0001018724.json: the document is larger than the 1024-byte limit\n", ""},
	} {
		t.Setenv("CAPEX_MAX_INPUT", tt.env)
		_, stderr, code := mainIn(t, dir, append(fetch, tt.args...)...)
		if code != 2 || !strings.Contains(stderr, tt.want) || tt.not != "" && strings.Contains(stderr, tt.not) {
			t.Errorf("CAPEX_MAX_INPUT=%s --cik %s: exit %d, stderr\n%s\nwant exit 2 and %q", tt.env, strings.Join(tt.args, " "), code, stderr, tt.want)
		}
	}
}
