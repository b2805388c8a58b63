package sec

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultBaseURL is where the SEC serves companyfacts documents.
const DefaultBaseURL = "https://data.sec.gov"

// MinInterval is the least time between two requests: the SEC allows at
// most ten a second.
const MinInterval = 100 * time.Millisecond

// DefaultMaxBytes is the largest document a Client reads when its MaxBytes
// is 0 or less: ten times the largest companyfacts document there is (tens
// of megabytes), and small enough that a hostile server cannot make capex
// hold gigabytes.
const DefaultMaxBytes = 256 << 20

// MaxRedirects is the most redirects a Client follows for one document.
const MaxRedirects = 5

// A Client retries a 429 or 503 response at most maxRetries times, and
// only when the server's Retry-After asks for at most maxRetryWait.
const (
	maxRetries   = 2
	maxRetryWait = 10 * time.Second
)

// secHosts are the hosts a redirect may lead to over https, whatever the
// BaseURL.
var secHosts = map[string]bool{"data.sec.gov": true, "www.sec.gov": true, "sec.gov": true}

// Client fetches companyfacts documents. The SEC refuses requests without
// a User-Agent that names the requester, so a Client has to have one.
//
// The server is not trusted: a mirror, or whoever answers for the SEC's
// address, may redirect anywhere, send an endless body or a gzip bomb,
// stall, or put control characters in what it says. So a Client sends the
// User-Agent (a name and an email address) only to the BaseURL's scheme and
// host or over https to an SEC host, holds at most MaxBytes of document,
// and never repeats the server's words raw in an error.
type Client struct {
	BaseURL   string       // DefaultBaseURL when empty
	UserAgent string       // "Name email@example.com"
	HTTP      *http.Client // its Timeout bounds each request; its CheckRedirect is not used
	MaxBytes  int64        // refuse a larger document, decompressed; DefaultMaxBytes when 0 or less

	// now and sleep stand in for the clock in tests: nil means time.Now
	// and a timer. sleep returns early, with ctx's error, when ctx ends.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu   sync.Mutex
	last time.Time
}

// ErrNoUserAgent is returned when a Client has no User-Agent.
var ErrNoUserAgent = errors.New("the SEC requires a User-Agent naming you, such as \"Jane Doe jane@example.com\"")

// URL is the address of the companyfacts document of cik.
func (c *Client) URL(cik int64) (string, error) {
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("base URL %q: not a URL", base)
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && loopback(u.Hostname())) {
		return "", fmt.Errorf("base URL %q: must be https (plain http only to this machine)", base)
	}
	return strings.TrimSuffix(base, "/") + fmt.Sprintf("/api/xbrl/companyfacts/CIK%010d.json", cik), nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CompanyFacts fetches the companyfacts document of cik and returns it with
// its address. It promises:
//
//   - every request, redirects included, starts at least MinInterval after
//     the one before it;
//   - a redirect is followed only to https on data.sec.gov, www.sec.gov or
//     sec.gov, or to the BaseURL's own scheme and host, and at most
//     MaxRedirects times; a redirect elsewhere is an error naming where it
//     pointed, and nothing, the User-Agent least of all, is sent there;
//   - on 429 Too Many Requests or 503 Service Unavailable with a
//     Retry-After (seconds or an HTTP date) of at most 10 seconds, it
//     waits that long and tries again, at most twice; when the server asks
//     for longer, or still refuses, the error is an *Error that says what
//     it asked and when to try again;
//   - the document, decompressed, is at most MaxBytes (DefaultMaxBytes when
//     MaxBytes is 0 or less): a larger one is an *Error with Param
//     "max-input", found as soon as the limit is passed, and no more than
//     MaxBytes+1 bytes are ever read into memory or decompressed;
//   - every timeout (dialing, the TLS handshake, the headers, the body) is
//     an *Error "URL: no answer within the timeout" with Param "timeout";
//   - a TLS failure reads "URL: TLS: " and what failed, such as
//     "certificate signed by unknown authority";
//   - no text the server chose (its reason phrase, a header) reaches an
//     error unquoted.
func (c *Client) CompanyFacts(ctx context.Context, cik int64) ([]byte, string, error) {
	if strings.TrimSpace(c.UserAgent) == "" {
		return nil, "", ErrNoUserAgent
	}
	addr, err := c.URL(cik)
	if err != nil {
		return nil, "", err
	}
	base, err := url.Parse(addr)
	if err != nil {
		return nil, "", err
	}
	hc := c.client()
	next := base
	for hops, tries := 0, 0; ; {
		here := escaped(next.String())
		if err := c.wait(ctx); err != nil {
			return nil, addr, fetchError(here, err)
		}
		resp, err := c.get(ctx, hc, next)
		if err != nil {
			return nil, addr, fetchError(here, err)
		}
		code := resp.StatusCode
		switch {
		case code == http.StatusOK:
			data, err := c.read(resp, here)
			resp.Body.Close()
			return data, addr, err
		case isRedirect(code):
			resp.Body.Close()
			to, err := redirect(resp, next, base, here)
			if err != nil {
				return nil, addr, err
			}
			if hops == MaxRedirects {
				return nil, addr, fmt.Errorf("%s: more than %d redirects", addr, MaxRedirects)
			}
			hops++
			next = to
		case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
			resp.Body.Close()
			d, err := c.retryAfter(resp, here, tries)
			if err != nil {
				return nil, addr, err
			}
			tries++
			if d > 0 {
				if err := c.pause(ctx, d); err != nil {
					return nil, addr, fetchError(here, err)
				}
			}
		default:
			resp.Body.Close()
			return nil, addr, statusError(here, cik, code)
		}
	}
}

// client is c.HTTP, or a client with a 30-second timeout, that hands
// redirects back to CompanyFacts instead of following them.
func (c *Client) client() *http.Client {
	hc := http.Client{Timeout: 30 * time.Second}
	if c.HTTP != nil {
		hc = *c.HTTP
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}

// get sends one GET request to u, with the User-Agent.
func (c *Client) get(ctx context.Context, hc *http.Client, u *url.URL) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", "application/json")
	// Asked for explicitly, gzip is left to read: the transport would
	// decompress it with no limit of its own.
	req.Header.Set("Accept-Encoding", "gzip")
	return hc.Do(req)
}

// limit is the most bytes of document c reads.
func (c *Client) limit() int64 {
	if c.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return c.MaxBytes
}

// read reads the document in a 200 response, decompressing gzip, and
// refuses it once it passes the limit.
func (c *Client) read(resp *http.Response, addr string) ([]byte, error) {
	maxBytes := c.limit()
	tooLarge := &Error{Msg: fmt.Sprintf("%s: the document is larger than the %d-byte limit", addr, maxBytes), Fix: "raise the limit", Param: "max-input"}
	if resp.ContentLength > maxBytes {
		return nil, tooLarge
	}
	var body io.Reader = resp.Body
	hint := resp.ContentLength
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		// The compressed bytes count too: an endless run of empty deflate
		// blocks decompresses to nothing.
		zr, err := gzip.NewReader(&capped{r: body, n: maxBytes})
		if err != nil {
			return nil, bodyError(addr, err, tooLarge)
		}
		body, hint = zr, 0
	default:
		return nil, fmt.Errorf("%s: the document comes encoded as %s, which capex does not decode", addr, quote(enc))
	}
	data, err := readAll(body, maxBytes, hint)
	if err != nil {
		return nil, bodyError(addr, err, tooLarge)
	}
	return data, nil
}

// errTooLarge is a body that passed the limit.
var errTooLarge = errors.New("too large")

// capped reads at most n bytes from r, then fails with errTooLarge if r
// has more.
type capped struct {
	r io.Reader
	n int64
}

func (c *capped) Read(p []byte) (int, error) {
	if int64(len(p)) > c.n+1 {
		p = p[:c.n+1]
	}
	k, err := c.r.Read(p)
	if c.n -= int64(k); c.n < 0 {
		return 0, errTooLarge
	}
	return k, err
}

// readAll reads r to its end, failing with errTooLarge once it has read
// more than maxBytes. hint, when positive, is the size announced; the
// buffer starts there (within reason) and never grows past maxBytes+1.
func readAll(r io.Reader, maxBytes, hint int64) ([]byte, error) {
	size := int64(64 << 10)
	if hint > 0 {
		size = min(hint+1, 4<<20) // a server may announce what it never sends
	}
	buf := make([]byte, 0, min(size, maxBytes+1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > maxBytes {
				return nil, errTooLarge
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), maxBytes+1))
			copy(grown, buf)
			buf = grown
		}
		k, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if err == io.EOF {
			if int64(len(buf)) > maxBytes {
				return nil, errTooLarge
			}
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// bodyError says why reading a document failed.
func bodyError(addr string, err error, tooLarge *Error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, errTooLarge):
		return tooLarge
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt):
		return fmt.Errorf("%s: the document is not valid gzip (%s)", addr, escaped(clip(err.Error())))
	}
	return fetchError(addr, err)
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// redirect is where a redirect response from u points, if it may be
// followed from base.
func redirect(resp *http.Response, u, base *url.URL, here string) (*url.URL, error) {
	loc := resp.Header.Get("Location")
	if loc == "" {
		return nil, fmt.Errorf("%s: %s without a Location", here, statusText(resp.StatusCode))
	}
	to, err := u.Parse(loc)
	if err != nil {
		return nil, fmt.Errorf("%s: redirected to %s, which is not a URL", here, quote(loc))
	}
	to.Fragment, to.RawFragment = "", ""
	if !mayFollow(to, base) {
		return nil, fmt.Errorf("%s: redirected to %s, which is neither https on data.sec.gov, www.sec.gov or sec.gov nor %s://%s; not followed",
			here, quote(to.Redacted()), base.Scheme, base.Host)
	}
	return to, nil
}

// mayFollow reports whether a redirect to u may be followed from base: to
// base's own scheme and host, or over https to an SEC host.
func mayFollow(u, base *url.URL) bool {
	if u.User != nil {
		return false
	}
	if u.Scheme == base.Scheme && strings.EqualFold(u.Host, base.Host) {
		return true
	}
	return u.Scheme == "https" && secHosts[strings.ToLower(u.Hostname())] && (u.Port() == "" || u.Port() == "443")
}

// retryAfter is how long to wait before trying again after a 429 or 503
// response, when the server says and it is worth waiting: tries retries
// are behind.
func (c *Client) retryAfter(resp *http.Response, addr string, tries int) (time.Duration, error) {
	code := resp.StatusCode
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, statusError(addr, 0, code)
	}
	now := c.clock()
	d, ok := parseRetryAfter(v, now)
	if !ok {
		return 0, fmt.Errorf("%s: %s, with a Retry-After that is neither seconds nor a date: %s", addr, statusText(code), quote(v))
	}
	if d <= maxRetryWait && tries < maxRetries {
		return d, nil
	}
	d = (d + time.Second - 1).Truncate(time.Second) // whole seconds, as the server wrote them
	at := now.Add(d).UTC().Format(time.DateTime + " UTC")
	msg := fmt.Sprintf("%s: %s; the server asks to wait %v, until %s", addr, statusText(code), d, at)
	if d <= maxRetryWait {
		msg = fmt.Sprintf("%s: %s %d times; the server asks to wait %v more, until %s", addr, statusText(code), tries+1, d, at)
	}
	return 0, &Error{Msg: msg, Fix: "try again after " + at}
}

// maxRetryAfter bounds a Retry-After, so that a date computed from it
// stays within time.Time's range.
const maxRetryAfter = 100 * 365 * 24 * time.Hour

// parseRetryAfter reads a Retry-After header: a number of seconds or an
// HTTP date. A date in the past means no wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if strings.Trim(v, "0123456789") == "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(t.Sub(now), 0), maxRetryAfter), true
}

// statusError says what a status other than 200 means.
func statusError(addr string, cik int64, code int) error {
	switch code {
	case http.StatusNotFound:
		return fmt.Errorf("%s: the SEC has no companyfacts for CIK %d (404)", addr, cik)
	case http.StatusForbidden, http.StatusTooManyRequests:
		return fmt.Errorf("%s: refused (%s); the SEC wants a User-Agent with a name and email address, and at most 10 requests a second", addr, statusText(code))
	}
	return fmt.Errorf("%s: %s", addr, statusText(code))
}

// statusText is "503 Service Unavailable": capex's words for the code,
// never the reason phrase the server sent.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprintf("status %d", code)
}

// fetchError says why a request failed: every timeout in the same words,
// TLS failures as such, and anything else with its text escaped.
func fetchError(addr string, err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &Error{Msg: addr + ": no answer within the timeout", Fix: "allow more time", Param: "timeout"}
	}
	if what := tlsFailure(err); what != "" {
		return fmt.Errorf("%s: TLS: %s", addr, what)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s: %s", addr, escaped(clip(err.Error())))
}

// tlsFailure says what failed when err is a TLS failure, in capex's
// words (a certificate's names are the server's); "" when it is not one.
func tlsFailure(err error) string {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
		header   tls.RecordHeaderError
		remote   *net.OpError
	)
	switch {
	case errors.As(err, &unknown):
		return "certificate signed by unknown authority"
	case errors.As(err, &hostname):
		return "certificate is not valid for " + escaped(hostname.Host)
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "certificate has expired or is not yet valid"
	case errors.As(err, &invalid):
		return "certificate is not valid"
	case errors.As(err, &verify):
		return "certificate not accepted"
	case errors.Is(err, http.ErrSchemeMismatch):
		return "the server answered in plain HTTP"
	case errors.As(err, &header):
		return "the server does not speak TLS"
	case errors.As(err, &remote) && remote.Op == "remote error":
		// A TLS alert from the server; its text is Go's, from a fixed list.
		return "the server ended the connection: " + escaped(strings.TrimPrefix(remote.Err.Error(), "tls: "))
	}
	return ""
}

// maxQuoted is the most characters of server text an error quotes.
const maxQuoted = 100

// quote is s, as the server sent it, in Go quotes: control characters
// escaped, and shortened to maxQuoted characters.
func quote(s string) string { return strconv.Quote(clip(s)) }

// escaped is s with every character that is not printable (control
// characters, bidirectional overrides, invalid UTF-8) escaped as Go would
// in a quoted string, so that a terminal shows it as text.
func escaped(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// clip shortens s to maxQuoted characters, marking the cut with "…".
func clip(s string) string {
	n := 0
	for i := range s {
		if n == maxQuoted {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// wait sleeps until MinInterval has passed since the last request.
func (c *Client) wait(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.last.IsZero() {
		if d := MinInterval - c.clock().Sub(c.last); d > 0 {
			if err := c.pause(ctx, d); err != nil {
				return err
			}
		}
	}
	c.last = c.clock()
	return nil
}

func (c *Client) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// pause sleeps for d, or until ctx ends.
func (c *Client) pause(ctx context.Context, d time.Duration) error {
	if c.sleep != nil {
		return c.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Error is a fetch that failed in a way the user can do something about:
// Fix says what ("allow more time", "try again after …"), and Param names
// the setting that does it ("timeout", "max-input"), or is empty when no
// setting does.
type Error struct {
	Msg, Fix, Param string
}

func (e *Error) Error() string { return e.Msg }

// Hint says what to do.
func (e *Error) Hint() string { return e.Fix }

// HintParam names the setting the hint is about.
func (e *Error) HintParam() string { return e.Param }
