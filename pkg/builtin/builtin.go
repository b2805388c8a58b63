// Package builtin embeds the dataset capex ships with: the capital
// expenditure figures of AAPL, AMD, AMZN, GOOGL, META, MSFT, NVDA and ORCL
// as filed with the SEC, and as published in releases where the filings we
// hold lack them, each with its source, so that capex answers questions on
// a fresh install with no files.
//
// The YAML files under data/ are generated (go generate ./pkg/builtin, see
// internal/gen) from the companyfacts documents in testdata/sec and
// testdata/published/published-capex.csv, and so is data_gen.go, which
// makes each company as reading its file would, so that capex decodes no
// YAML to start and a command about one company makes one. A test checks
// that they equal a fresh generation and agree with the published file.
package builtin

//go:generate go run ./internal/gen/generate

import (
	"strings"
	"sync"

	"github.com/capexdev/capex/pkg/series"
)

// Origin names the built-in dataset in positions and listings.
const Origin = "built-in"

// Dataset returns the whole built-in dataset. It is made once; callers
// must not modify it. An error means the generated data is broken, which
// the package's tests rule out.
var Dataset = sync.OnceValues(func() (*series.Dataset, error) {
	tickers := make([]string, 0, len(companies))
	for t := range companies {
		tickers = append(tickers, t)
	}
	return build(tickers)
})

// Companies returns the built-in companies with the tickers (any case)
// that it has, making only those; ok is false when a ticker is not built
// in.
func Companies(tickers ...string) (d *series.Dataset, ok bool, err error) {
	keys := make([]string, 0, len(tickers))
	for _, t := range tickers {
		key := strings.ToUpper(t)
		if companies[key] == nil {
			return nil, false, nil
		}
		keys = append(keys, key)
	}
	d, err = build(keys)
	return d, err == nil, err
}

// build makes the companies with the tickers, as reading their files
// under data/ would (data_gen.go is generated from them).
func build(tickers []string) (*series.Dataset, error) {
	b := series.NewBuilder()
	for _, t := range tickers {
		companies[t](b)
	}
	d := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		return nil, err
	}
	for _, c := range d.Companies {
		c.Origin = []string{Origin}
	}
	return d, nil
}

// TickerOfCIK returns the ticker of the built-in company with SEC CIK cik
// (ten digits), or "".
func TickerOfCIK(cik string) string {
	d, err := Dataset()
	if err != nil {
		return ""
	}
	for _, c := range d.Companies {
		if c.CIK == cik {
			return c.Ticker
		}
	}
	return ""
}
