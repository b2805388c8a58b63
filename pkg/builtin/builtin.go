// Package builtin embeds the dataset capex ships with: the capital
// expenditure figures of AAPL, AMD, AMZN, GOOGL, META, MSFT, NVDA and ORCL
// as filed with the SEC, and as published in releases where the filings we
// hold lack them, each with its source, so that capex answers questions on
// a fresh install with no files.
//
// The YAML files under data/ are generated (go generate ./pkg/builtin, see
// internal/gen) from the companyfacts documents in testdata/sec and
// testdata/published/published-capex.csv; a test checks that they equal a
// fresh generation and agree with the published file. Each file holds one
// company and is named by its ticker, so that a command about one company
// reads one file.
package builtin

//go:generate go run ./internal/gen/generate

import (
	"embed"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

//go:embed data/*.yaml
var files embed.FS

// Origin names the built-in dataset in positions and listings.
const Origin = "built-in"

// Dataset returns the whole built-in dataset. It is read once; callers
// must not modify it. An error means the embedded files are broken, which
// the package's tests rule out.
var Dataset = sync.OnceValues(func() (*series.Dataset, error) {
	names, err := fs.Glob(files, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	return read(names)
})

// Companies returns the built-in companies with the tickers (any case)
// that it has, reading only their files; ok is false when a ticker is not
// built in.
func Companies(tickers ...string) (d *series.Dataset, ok bool, err error) {
	var names []string
	for _, t := range tickers {
		name := "data/" + strings.ToLower(t) + ".yaml"
		if _, err := fs.Stat(files, name); err != nil {
			return nil, false, nil
		}
		names = append(names, name)
	}
	d, err = read(names)
	return d, err == nil, err
}

// read builds a dataset from embedded files.
func read(names []string) (*series.Dataset, error) {
	b := series.NewBuilder()
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		load.ReadYAML(path.Join(Origin, path.Base(name)), data, b, load.Options{})
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
