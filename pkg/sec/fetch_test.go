package sec

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
)

const testAgent = "T t@example.com"

// testDoc is the smallest document the client returns.
const testDoc = `{"cik": 1, "facts": {}}`

// fakeClock is a clock that moves only when the client sleeps, so that no
// test waits.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
	f.slept = append(f.slept, d)
	return ctx.Err()
}

func (f *fakeClock) sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.slept...)
}

// testClient is a client of base on a fake clock.
func testClient(base string, clk *fakeClock) *Client {
	return &Client{BaseURL: base, UserAgent: testAgent, now: clk.now, sleep: clk.sleep}
}

// docPath is the path of the companyfacts document of cik.
func docPath(cik int64) string {
	u, _ := (&Client{BaseURL: "http://localhost"}).URL(cik)
	return strings.TrimPrefix(u, "http://localhost")
}

// recorder is a server that counts the requests it gets and the
// User-Agents they carry: a host a redirect must not reach.
type recorder struct {
	*httptest.Server
	hits   atomic.Int32
	agents sync.Map
}

func newRecorder(t *testing.T) *recorder {
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.hits.Add(1)
		r.agents.Store(req.Header.Get("User-Agent"), true)
		w.Write([]byte(testDoc))
	}))
	t.Cleanup(r.Close)
	return r
}

// hasRaw reports whether s has a character a terminal would not show as
// text: a control character, a bidirectional override, invalid UTF-8.
func hasRaw(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return true
		}
	}
	return false
}

// A redirect is followed on the same scheme and host, or over https to an
// SEC host, and nowhere else: the other host gets no request at all, and
// so never sees the User-Agent.
func TestRedirects(t *testing.T) {
	t.Parallel()
	other := newRecorder(t)
	var loops atomic.Int32
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != testAgent {
			http.Error(w, "no agent", http.StatusForbidden)
			return
		}
		switch r.URL.Path {
		case docPath(1):
			http.Redirect(w, r, "/hop1", http.StatusFound)
		case "/hop1":
			w.Header().Set("Location", "hop2") // relative
			w.WriteHeader(http.StatusMovedPermanently)
		case "/hop2":
			w.Write([]byte(testDoc))
		case docPath(2):
			http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
		case docPath(3), "/loop":
			loops.Add(1)
			http.Redirect(w, r, "/loop", http.StatusFound)
		case docPath(4):
			w.WriteHeader(http.StatusFound)
		case docPath(5):
			http.Redirect(w, r, "https://"+other.Listener.Addr().String()+"/steal", http.StatusPermanentRedirect)
		default:
			http.NotFound(w, r)
		}
	})
	plain := httptest.NewServer(handler)
	defer plain.Close()
	secure := httptest.NewTLSServer(handler)
	defer secure.Close()

	tests := []struct {
		name string
		srv  *httptest.Server
		cik  int64
		want string // the error, with BASE and OTHER for the servers' URLs; "" for none
		hops int32  // requests to /loop and the document that leads there
	}{
		{"same host, two hops", plain, 1, "", 0},
		{"https, same host", secure, 1, "", 0},
		{"http to another port", plain, 2, `BASE/api/xbrl/companyfacts/CIK0000000002.json: redirected to "OTHER/steal", which is neither https on data.sec.gov, www.sec.gov or sec.gov nor BASE; not followed`, 0},
		{"https to http on another host", secure, 2, `BASE/api/xbrl/companyfacts/CIK0000000002.json: redirected to "OTHER/steal", which is neither https on data.sec.gov, www.sec.gov or sec.gov nor BASE; not followed`, 0},
		{"https to https on another host", secure, 5, `BASE/api/xbrl/companyfacts/CIK0000000005.json: redirected to "https://` + strings.TrimPrefix(other.URL, "http://") + `/steal", which is neither https on data.sec.gov, www.sec.gov or sec.gov nor BASE; not followed`, 0},
		{"a loop", plain, 3, "BASE/api/xbrl/companyfacts/CIK0000000003.json: more than 5 redirects", MaxRedirects + 1},
		{"no Location", plain, 4, "BASE/api/xbrl/companyfacts/CIK0000000004.json: 302 Found without a Location", 0},
	}
	for _, tt := range tests {
		c := testClient(tt.srv.URL, newFakeClock())
		c.HTTP = tt.srv.Client()
		loops.Store(0)
		data, _, err := c.CompanyFacts(context.Background(), tt.cik)
		want := strings.NewReplacer("BASE", tt.srv.URL, "OTHER", other.URL).Replace(tt.want)
		switch {
		case want == "" && (err != nil || string(data) != testDoc):
			t.Errorf("%s: %q, %v", tt.name, data, err)
		case want != "" && (err == nil || err.Error() != want):
			t.Errorf("%s: %v\nwant %s", tt.name, err, want)
		}
		if n := loops.Load(); n != tt.hops {
			t.Errorf("%s: %d requests to the redirect loop, want %d", tt.name, n, tt.hops)
		}
	}
	if n := other.hits.Load(); n != 0 {
		t.Errorf("the other host got %d requests", n)
	}
	if _, ok := other.agents.Load(testAgent); ok {
		t.Error("the other host got the User-Agent")
	}
}

// A redirect to https on an SEC host is followed, with the User-Agent.
// The transport takes every host to the test server, which stands in for
// www.sec.gov.
func TestRedirectToSEC(t *testing.T) {
	t.Parallel()
	var host, agent atomic.Value
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case docPath(1):
			http.Redirect(w, r, "https://www.sec.gov/files/facts.json", http.StatusMovedPermanently)
		case "/files/facts.json":
			host.Store(r.Host)
			agent.Store(r.Header.Get("User-Agent"))
			w.Write([]byte(testDoc))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := testClient(srv.URL, newFakeClock())
	c.HTTP = &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
		},
		// The test server's certificate is not www.sec.gov's.
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
	data, _, err := c.CompanyFacts(context.Background(), 1)
	if err != nil || string(data) != testDoc {
		t.Fatalf("%q, %v", data, err)
	}
	if host.Load() != "www.sec.gov" || agent.Load() != testAgent {
		t.Errorf("host %v, User-Agent %v", host.Load(), agent.Load())
	}
}

func TestMayFollow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base, to string
		want     bool
	}{
		{"https://data.sec.gov/api/x", "https://data.sec.gov/y", true},
		{"https://data.sec.gov/api/x", "https://www.sec.gov/y", true},
		{"https://data.sec.gov/api/x", "https://sec.gov/y", true},
		{"https://data.sec.gov/api/x", "https://WWW.SEC.GOV/y", true},
		{"https://data.sec.gov/api/x", "https://www.sec.gov:443/y", true},
		{"https://data.sec.gov/api/x", "http://www.sec.gov/y", false},
		{"https://data.sec.gov/api/x", "https://www.sec.gov:8443/y", false},
		{"https://data.sec.gov/api/x", "https://sec.gov.example.com/y", false},
		{"https://data.sec.gov/api/x", "https://notsec.gov/y", false},
		{"https://data.sec.gov/api/x", "https://user:pw@www.sec.gov/y", false},
		{"https://mirror.example/api/x", "https://mirror.example/y", true},
		{"https://mirror.example/api/x", "https://www.sec.gov/y", true},
		{"https://mirror.example/api/x", "http://mirror.example/y", false},
		{"https://mirror.example/api/x", "https://mirror.example:444/y", false},
		{"https://mirror.example/api/x", "https://other.example/y", false},
		{"http://127.0.0.1:8080/api/x", "http://127.0.0.1:8080/y", true},
		{"http://127.0.0.1:8080/api/x", "http://127.0.0.1:8081/y", false},
		{"http://127.0.0.1:8080/api/x", "http://localhost:8080/y", false},
	}
	for _, tt := range tests {
		base, _ := url.Parse(tt.base)
		to, _ := url.Parse(tt.to)
		if got := mayFollow(to, base); got != tt.want {
			t.Errorf("from %s to %s: %v, want %v", tt.base, tt.to, got, tt.want)
		}
	}
}

// Every request, redirect hops included, starts at least MinInterval
// after the one before, by the client's clock.
func TestSpacing(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, clk.now())
		mu.Unlock()
		switch r.URL.Path {
		case docPath(1):
			http.Redirect(w, r, "/hop1", http.StatusFound)
		case "/hop1":
			http.Redirect(w, r, "/hop2", http.StatusFound)
		default:
			w.Write([]byte(testDoc))
		}
	}))
	defer srv.Close()
	c := testClient(srv.URL, clk)
	for i := 0; i < 2; i++ {
		if _, _, err := c.CompanyFacts(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
	}
	if len(times) != 6 {
		t.Fatalf("%d requests, want 6", len(times))
	}
	for i := 1; i < len(times); i++ {
		if d := times[i].Sub(times[i-1]); d < MinInterval {
			t.Errorf("requests %d and %d %v apart, want at least %v", i-1, i, d, MinInterval)
		}
	}
}

// What the server says reaches an error in capex's words, or quoted.
func TestServerTextEscaped(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case docPath(1): // a reason phrase that clears the screen
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			buf.WriteString("HTTP/1.1 500 \x1b[2J\u202eEvil\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			buf.Flush()
		case docPath(2):
			w.Header().Set("Location", "https://evil\u202e.example/\u202e")
			w.WriteHeader(http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := testClient(srv.URL, newFakeClock())
	for _, tt := range []struct {
		cik  int64
		want string
	}{
		{1, srv.URL + "/api/xbrl/companyfacts/CIK0000000001.json: 500 Internal Server Error"},
		{2, srv.URL + "/api/xbrl/companyfacts/CIK0000000002.json: redirected to "},
	} {
		_, _, err := c.CompanyFacts(context.Background(), tt.cik)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || hasRaw(err.Error()) || strings.Contains(err.Error(), "Evil") {
			t.Errorf("CIK %d: %q, want %q", tt.cik, err, tt.want)
		}
	}
}

func TestEscapedAndQuoted(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"plain text: 1 2", "plain text: 1 2"},
		{"\x1b[2Jbad\r\n", `\x1b[2Jbad\r\n`},
		{"a\u202eb", `a\u202eb`},
		{"\xff", `\xff`},
		{strings.Repeat("é", maxQuoted+1), strings.Repeat("é", maxQuoted+1)},
	} {
		if got := escaped(tt.in); got != tt.want {
			t.Errorf("escaped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"soon", `"soon"`},
		{"[2J‮", `"\x1b[2J\u202e"`},
		{strings.Repeat("é", maxQuoted+1), `"` + strings.Repeat("é", maxQuoted) + `…"`},
	} {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// gzipped is s compressed.
func gzipped(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A document is at most MaxBytes long, decompressed, and DefaultMaxBytes
// when MaxBytes is not set.
func TestBodyLimit(t *testing.T) {
	t.Parallel()
	const max = 64 << 10
	big := strings.Repeat("x", max+1)
	exact := strings.Repeat("x", max)
	tooLarge := func(n int64) string { return fmt.Sprintf("URL: the document is larger than the %d-byte limit", n) }
	tests := []struct {
		body     string // what the server sends
		maxBytes int64
		want     string // the document, or the error with URL for the address
	}{
		{"exact", max, exact},
		{"big", max, tooLarge(max)},
		{"chunked", max, tooLarge(max)},
		{"claims-a-terabyte", 0, tooLarge(DefaultMaxBytes)},
		{"claims-a-terabyte", -1, tooLarge(DefaultMaxBytes)},
		{"gzip", max, testDoc},
		{"gzip-exact", max, exact},
		{"gzip-big", max, tooLarge(max)},
		{"gzip-corrupt", max, "URL: the document is not valid gzip (gzip: invalid header)"},
		{"brotli", max, `URL: the document comes encoded as "br", which capex does not decode`},
	}
	paths := map[string]string{} // the document's path: what the server sends
	for i, tt := range tests {
		paths[docPath(int64(i))] = tt.body
	}
	var encodings sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		encodings.Store(r.Header.Get("Accept-Encoding"), true)
		switch paths[r.URL.Path] {
		case "exact":
			io.WriteString(w, exact)
		case "big":
			io.WriteString(w, big)
		case "chunked": // no Content-Length
			w.(http.Flusher).Flush()
			io.WriteString(w, big)
		case "claims-a-terabyte":
			w.Header().Set("Content-Length", strconv.FormatInt(1<<40, 10))
			io.WriteString(w, testDoc)
		case "gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, testDoc))
		case "gzip-exact":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, exact))
		case "gzip-big":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, big))
		case "gzip-corrupt":
			w.Header().Set("Content-Encoding", "gzip")
			io.WriteString(w, testDoc)
		case "brotli":
			w.Header().Set("Content-Encoding", "br")
			io.WriteString(w, testDoc)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	for i, tt := range tests {
		c := testClient(srv.URL, newFakeClock())
		c.MaxBytes = tt.maxBytes
		data, addr, err := c.CompanyFacts(context.Background(), int64(i))
		got := string(data)
		if err != nil {
			got = strings.ReplaceAll(err.Error(), addr, "URL")
		}
		if got != tt.want {
			t.Errorf("%s, MaxBytes %d: %s, want %s", tt.body, tt.maxBytes, short(got), short(tt.want))
		}
		var fe *Error
		if strings.Contains(tt.want, "limit") && (!errors.As(err, &fe) || fe.Param != "max-input" || fe.Fix != "raise the limit") {
			t.Errorf("%s: %#v, want an *Error about max-input", tt.body, err)
		}
	}
	encodings.Range(func(k, _ any) bool {
		if k != "gzip" {
			t.Errorf("Accept-Encoding %q, want gzip", k)
		}
		return true
	})
}

// short is s, or its first 80 bytes and "…".
func short(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// A gzip bomb is refused once its decompressed bytes pass the limit: the
// server, which would send gzip members of 16 MiB of zeros for ever, is
// cut off long before it has sent them all.
func TestGzipBomb(t *testing.T) {
	t.Parallel()
	member := gzipped(t, strings.Repeat("\x00", 16<<20)) // about 16 KiB
	const members = 4096                                 // 64 GiB decompressed, 64 MiB sent
	done := make(chan int, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		sent := 0
		for ; sent < members; sent++ {
			if _, err := w.Write(member); err != nil {
				break
			}
		}
		done <- sent
	}))
	defer srv.Close()
	c := testClient(srv.URL, newFakeClock())
	c.MaxBytes = 4096
	_, addr, err := c.CompanyFacts(context.Background(), 1)
	if want := addr + ": the document is larger than the 4096-byte limit"; err == nil || err.Error() != want {
		t.Errorf("%v, want %s", err, want)
	}
	if sent := <-done; sent == members {
		t.Errorf("the client read all %d members of the bomb", members)
	}
}

// On 429 and 503 the client waits as long as Retry-After says, up to
// maxRetryWait, at most maxRetries times; otherwise it says what the
// server asked and when to try again.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	start := newFakeClock().now()
	type answer struct {
		code       int
		retryAfter string
	}
	tests := []struct {
		name     string
		answers  []answer // the first requests get these; the rest get the document
		want     string   // the document, or the error with URL for the address
		fix      string
		sleeps   []time.Duration
		requests int
	}{
		{"seconds", []answer{{503, "2"}}, testDoc, "", []time.Duration{2 * time.Second}, 2},
		{"a date", []answer{{429, start.Add(5 * time.Second).Format(http.TimeFormat)}}, testDoc, "", []time.Duration{5 * time.Second}, 2},
		{"twice", []answer{{503, "10"}, {429, "1"}}, testDoc, "", []time.Duration{10 * time.Second, time.Second}, 3},
		{"a date past", []answer{{503, start.Add(-time.Hour).Format(http.TimeFormat)}}, testDoc, "", []time.Duration{MinInterval}, 2},
		{"three times", []answer{{503, "1"}, {503, "1"}, {503, "1"}},
			"URL: 503 Service Unavailable 3 times; the server asks to wait 1s more, until 2026-01-02 03:04:08 UTC",
			"try again after 2026-01-02 03:04:08 UTC", []time.Duration{time.Second, time.Second}, 3},
		{"too long", []answer{{429, "3600"}},
			"URL: 429 Too Many Requests; the server asks to wait 1h0m0s, until 2026-01-02 04:04:05 UTC",
			"try again after 2026-01-02 04:04:05 UTC", nil, 1},
		{"a date too far", []answer{{503, start.Add(11 * time.Second).Format(http.TimeFormat)}},
			"URL: 503 Service Unavailable; the server asks to wait 11s, until 2026-01-02 03:04:16 UTC",
			"try again after 2026-01-02 03:04:16 UTC", nil, 1},
		{"not understood", []answer{{503, "soon\u202e"}},
			`URL: 503 Service Unavailable, with a Retry-After that is neither seconds nor a date: "soon\u202e"`, "", nil, 1},
		{"503 without Retry-After", []answer{{503, ""}}, "URL: 503 Service Unavailable", "", nil, 1},
		{"429 without Retry-After", []answer{{429, ""}},
			"URL: refused (429 Too Many Requests); the SEC wants a User-Agent with a name and email address, and at most 10 requests a second", "", nil, 1},
	}
	var mu sync.Mutex
	requests := map[string]int{} // by path
	answers := map[string][]answer{}
	for i, tt := range tests {
		answers[docPath(int64(i))] = tt.answers
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n := requests[r.URL.Path]
		requests[r.URL.Path]++
		mu.Unlock()
		if as := answers[r.URL.Path]; n < len(as) {
			if as[n].retryAfter != "" {
				w.Header().Set("Retry-After", as[n].retryAfter)
			}
			w.WriteHeader(as[n].code)
			return
		}
		io.WriteString(w, testDoc)
	}))
	defer srv.Close()
	for i, tt := range tests {
		clk := newFakeClock()
		c := testClient(srv.URL, clk)
		data, addr, err := c.CompanyFacts(context.Background(), int64(i))
		got := string(data)
		if err != nil {
			got = strings.ReplaceAll(err.Error(), addr, "URL")
		}
		if got != tt.want || hasRaw(got) {
			t.Errorf("%s: %s\nwant %s", tt.name, got, tt.want)
		}
		var fe *Error
		if fix := ""; errors.As(err, &fe) {
			fix = fe.Fix
			if fix != tt.fix {
				t.Errorf("%s: hint %q, want %q", tt.name, fix, tt.fix)
			}
		} else if tt.fix != "" {
			t.Errorf("%s: %#v, want an *Error", tt.name, err)
		}
		if got := clk.sleeps(); fmt.Sprint(got) != fmt.Sprint(tt.sleeps) {
			t.Errorf("%s: slept %v, want %v", tt.name, got, tt.sleeps)
		}
		mu.Lock()
		if n := requests[docPath(int64(i))]; n != tt.requests {
			t.Errorf("%s: %d requests, want %d", tt.name, n, tt.requests)
		}
		mu.Unlock()
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := newFakeClock().now()
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{"5", 5 * time.Second, true},
		{"99999999999999999999", maxRetryAfter, true},
		{"9999999999", maxRetryAfter, true},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, true},
		{"Friday, 02-Jan-26 03:04:15 GMT", 10 * time.Second, true}, // RFC 850
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// Every timeout, wherever it strikes, is the same *Error.
func TestTimeouts(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	stall := func(r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case docPath(1): // no headers
			stall(r)
		case docPath(2): // half a body
			w.Header().Set("Content-Length", "100")
			io.WriteString(w, `{"cik": 1,`)
			w.(http.Flusher).Flush()
			stall(r)
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // before srv.Close, which waits for the handlers
	// A listener nobody serves: the kernel accepts the connection, and
	// the TLS handshake gets no answer.
	silent := httptest.NewUnstartedServer(http.NotFoundHandler())
	t.Cleanup(func() { silent.Listener.Close() })

	const timeout = 50 * time.Millisecond
	tests := []struct {
		name string
		base string
		cik  int64
		http *http.Client
	}{
		{"dialing", srv.URL, 1, &http.Client{Transport: &http.Transport{
			DialContext: (&net.Dialer{Deadline: time.Now().Add(-time.Second)}).DialContext}}},
		{"TLS handshake", "https://" + silent.Listener.Addr().String(), 1, &http.Client{Transport: &http.Transport{TLSHandshakeTimeout: timeout}}},
		{"headers", srv.URL, 1, &http.Client{Timeout: timeout}},
		{"body", srv.URL, 2, &http.Client{Timeout: timeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := testClient(tt.base, newFakeClock())
			c.HTTP = tt.http
			_, addr, err := c.CompanyFacts(context.Background(), tt.cik)
			var fe *Error
			if !errors.As(err, &fe) || fe.Msg != addr+": no answer within the timeout" || fe.Param != "timeout" || fe.Fix != "allow more time" {
				t.Errorf("%#v, want the timeout *Error", err)
			}
		})
	}
}

// selfSigned is a TLS certificate for 127.0.0.1, valid for a day, changed
// by edit, and a pool that trusts it.
func selfSigned(t *testing.T, edit func(*x509.Certificate)) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "capex test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(23 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	edit(tmpl)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, pool
}

// A TLS failure says it is one, in capex's words.
func TestTLS(t *testing.T) {
	t.Parallel()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, testDoc) })
	// quiet is a server that logs nothing of the handshakes the client
	// gives up on.
	quiet := func(cfg *tls.Config) *httptest.Server {
		srv := httptest.NewUnstartedServer(ok)
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.TLS = cfg
		srv.StartTLS()
		t.Cleanup(srv.Close)
		return srv
	}
	// signed is a server with a certificate changed by edit, and a pool
	// that trusts it.
	signed := func(edit func(*x509.Certificate)) (*httptest.Server, *x509.CertPool) {
		cert, pool := selfSigned(t, edit)
		return quiet(&tls.Config{Certificates: []tls.Certificate{cert}}), pool
	}
	secure := quiet(nil)
	expired, expiredPool := signed(func(c *x509.Certificate) {
		c.NotBefore, c.NotAfter = time.Now().Add(-48*time.Hour), time.Now().Add(-24*time.Hour)
	})
	clientOnly, clientOnlyPool := signed(func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth} })
	critical, criticalPool := signed(func(c *x509.Certificate) {
		c.ExtraExtensions = []pkix.Extension{{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Critical: true, Value: []byte{5, 0}}}
	})
	picky := quiet(&tls.Config{ClientAuth: tls.RequireAnyClientCert})
	plain := httptest.NewServer(ok)
	t.Cleanup(plain.Close)
	// A server that speaks something else: the first bytes of SSH.
	ssh := httptest.NewUnstartedServer(ok).Listener
	t.Cleanup(func() { ssh.Close() })
	go func() {
		for {
			conn, err := ssh.Accept()
			if err != nil {
				return
			}
			io.WriteString(conn, "SSH-2.0-OpenSSH_9.6\r\n")
			conn.Close()
		}
	}()

	trusting := func(srv *httptest.Server, edit func(*tls.Config)) *http.Client {
		tr := srv.Client().Transport.(*http.Transport).Clone()
		edit(tr.TLSClientConfig)
		return &http.Client{Transport: tr}
	}
	tests := []struct {
		name string
		base string
		http *http.Client
		want string
	}{
		{"unknown authority", secure.URL, &http.Client{Transport: &http.Transport{}}, "certificate signed by unknown authority"},
		{"another host's", secure.URL, trusting(secure, func(c *tls.Config) { c.ServerName = "capex.test" }), "certificate is not valid for capex.test"},
		{"expired", expired.URL, trusting(expired, func(c *tls.Config) { c.RootCAs = expiredPool }), "certificate has expired or is not yet valid"},
		{"for clients only", clientOnly.URL, trusting(clientOnly, func(c *tls.Config) { c.RootCAs = clientOnlyPool }), "certificate is not valid"},
		{"an unknown critical extension", critical.URL, trusting(critical, func(c *tls.Config) { c.RootCAs = criticalPool }), "certificate not accepted"},
		{"no client certificate", picky.URL, picky.Client(), "the server ended the connection: certificate required"},
		{"plain HTTP", "https://" + plain.Listener.Addr().String(), &http.Client{}, "the server answered in plain HTTP"},
		{"not TLS", "https://" + ssh.Addr().String(), &http.Client{}, "the server does not speak TLS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := testClient(tt.base, newFakeClock())
			c.HTTP = tt.http
			_, addr, err := c.CompanyFacts(context.Background(), 1)
			if want := addr + ": TLS: " + tt.want; err == nil || err.Error() != want {
				t.Errorf("%v\nwant %s", err, want)
			}
		})
	}
}
