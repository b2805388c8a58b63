package sec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultBaseURL is where the SEC serves companyfacts documents.
const DefaultBaseURL = "https://data.sec.gov"

// MinInterval is the least time between two requests: the SEC allows at
// most ten a second.
const MinInterval = 100 * time.Millisecond

// Client fetches companyfacts documents. The SEC refuses requests without
// a User-Agent that names the requester, so a Client has to have one.
type Client struct {
	BaseURL   string       // DefaultBaseURL when empty
	UserAgent string       // "Name email@example.com"
	HTTP      *http.Client // its Timeout bounds each request
	MaxBytes  int64        // refuse a larger document

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

// CompanyFacts fetches the companyfacts document of cik, waiting first
// so that requests are at least MinInterval apart.
func (c *Client) CompanyFacts(ctx context.Context, cik int64) ([]byte, string, error) {
	if strings.TrimSpace(c.UserAgent) == "" {
		return nil, "", ErrNoUserAgent
	}
	addr, err := c.URL(cik)
	if err != nil {
		return nil, "", err
	}
	c.wait(ctx)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return nil, addr, err
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, addr, &Error{Msg: addr + ": no answer within the timeout", Fix: "allow more time", Param: "timeout"}
		}
		return nil, addr, fmt.Errorf("%s: %v", addr, errors.Unwrap(err))
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, addr, fmt.Errorf("%s: the SEC has no companyfacts for CIK %d (404)", addr, cik)
	case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests:
		return nil, addr, fmt.Errorf("%s: refused (%s); the SEC wants a User-Agent with a name and email address, and at most 10 requests a second", addr, resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, addr, fmt.Errorf("%s: %s", addr, resp.Status)
	}
	max := c.MaxBytes
	if max <= 0 {
		max = 1 << 30
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, addr, fmt.Errorf("%s: %v", addr, err)
	}
	if int64(len(data)) > max {
		return nil, addr, &Error{Msg: fmt.Sprintf("%s: the document is larger than the %d-byte limit", addr, max), Fix: "raise the limit", Param: "max-input"}
	}
	return data, addr, nil
}

// wait sleeps until MinInterval has passed since the last request.
func (c *Client) wait(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.last.IsZero() {
		if d := MinInterval - time.Since(c.last); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
			}
		}
	}
	c.last = time.Now()
}

// Error is a fetch that failed in a way a setting can change: Param names
// it ("timeout", "max-input"), Fix says what to do.
type Error struct {
	Msg, Fix, Param string
}

func (e *Error) Error() string { return e.Msg }

// Hint says what to do.
func (e *Error) Hint() string { return e.Fix }

// HintParam names the setting the hint is about.
func (e *Error) HintParam() string { return e.Param }
