// Package series owns the data model: companies, their metrics and the
// points of each metric, and the Dataset that holds them.
//
// A Point is one published figure: a value over a span of fiscal quarters
// ending at its Period, on one of three bases: a discrete quarter, a fiscal
// year-to-date figure (3, 6, 9 or 12 months; 12 is the full fiscal year),
// or a trailing-twelve-month figure. Cash-flow statements print year-to-date
// figures, so discrete quarters are often derived (Q4 = FY − 9M); a Ledger
// does that derivation, and finds points that disagree.
//
// Values are exact decimals in the metric's Unit. Every point keeps its
// source text and the position it was read from.
package series

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/period"
)

// Basis says what span of quarters a point covers.
type Basis uint8

// The bases.
const (
	Quarterly Basis = iota + 1 // the discrete quarter
	YTD                        // fiscal year to date: Months = 3 × quarter
	TTM                        // the four quarters ending at the period
)

// BasisHint says how bases are written.
const BasisHint = "basis is quarter, ytd or ttm"

func (b Basis) String() string {
	switch b {
	case Quarterly:
		return "quarter"
	case YTD:
		return "ytd"
	case TTM:
		return "ttm"
	}
	return "invalid"
}

// ParseBasis reads a basis name, case-insensitively.
func ParseBasis(s string) (Basis, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "quarter", "q", "quarterly", "discrete":
		return Quarterly, nil
	case "ytd", "year-to-date":
		return YTD, nil
	case "ttm", "ltm", "trailing":
		return TTM, nil
	}
	return 0, fmt.Errorf("basis %q: not a basis", excerpt.Of(s))
}

// Point is one figure.
type Point struct {
	Period period.Period // the fiscal quarter the figure ends at
	Basis  Basis
	Months uint8         // 3 for a quarter, 3 × quarter for YTD, 12 for TTM
	Symbol amount.Symbol // the currency symbol the value was written with, if any
	Value  amount.Exact  // in the metric's unit
	About  *About        // where it was published; nil when nothing is known
	Pos    Pos
}

// About says where a figure was published and anything else worth
// keeping about it. Points that share it share one About (a point holds a
// pointer, not the texts, so that a million points stay small).
type About struct {
	Source string // where it was published: accession number, release, URL
	Note   string // how it was derived, its tier, or anything else worth keeping
	Filed  string // the date it was filed or published, YYYY-MM-DD, or ""
}

// Filed is the date the figure was filed or published (YYYY-MM-DD), or
// "".
func (p *Point) Filed() string {
	if p.About == nil {
		return ""
	}
	return p.About.Filed
}

// Source is where the figure was published, or "".
func (p *Point) Source() string {
	if p.About == nil {
		return ""
	}
	return p.About.Source
}

// Note is what else is known of the figure, or "".
func (p *Point) Note() string {
	if p.About == nil {
		return ""
	}
	return p.About.Note
}

// Span is the first and last quarter (sequence numbers) the point covers.
func (p Point) Span() (first, last int) {
	last = p.Period.Seq()
	return last - int(p.Months)/3 + 1, last
}

// Describe names the point's figure: "2024Q4", "FY2024" (a 12-month YTD),
// "9M 2024" or "6M FY2026" (shorter YTDs), "TTM 2024Q3".
func (p Point) Describe(cal period.Calendar) string {
	switch p.Basis {
	case YTD:
		if p.Months == 12 {
			return period.FY(int(p.Period.Year)).String()
		}
		y := fmt.Sprint(p.Period.Year)
		if !cal.IsCalendarYear() {
			y = "FY" + y
		}
		return fmt.Sprintf("%dM %s", p.Months, y)
	case TTM:
		return "TTM " + cal.Label(p.Period)
	}
	return cal.Label(p.Period)
}

// Metric is one line item of a company, in one unit.
type Metric struct {
	ID         string
	Label      string
	Definition string
	Unit       amount.Unit
	Points     []Point
	Pos        Pos

	ledger *Ledger
}

// Company is a reporting entity and its metrics.
type Company struct {
	Ticker   string // upper case
	Name     string
	CIK      string
	Currency string
	Calendar period.Calendar
	Metrics  []*Metric
	Pos      Pos
	Origin   []string // the files (or "built-in") it was read from

	declared uint16 // bit i: Attr(i) was declared in the input
}

// Declared reports whether the input declared the attribute, rather than
// it taking its default.
func (c *Company) Declared(a Attr) bool { return c.declared&(1<<a) != 0 }

// Metric returns the metric with the given id, or nil.
func (c *Company) Metric(id string) *Metric {
	for _, m := range c.Metrics {
		if strings.EqualFold(m.ID, id) {
			return m
		}
	}
	return nil
}

// MetricIDs lists the company's metric ids in order.
func (c *Company) MetricIDs() []string {
	ids := make([]string, len(c.Metrics))
	for i, m := range c.Metrics {
		ids[i] = m.ID
	}
	return ids
}

// Dataset is a set of companies, sorted by ticker.
type Dataset struct {
	Companies []*Company
}

// Company returns the company with the ticker, ignoring case, or nil.
// A dataset that Build or Overlay made is sorted by upper-case ticker, and
// is searched by halves; any other, one company at a time.
func (d *Dataset) Company(ticker string) *Company {
	key := strings.ToUpper(ticker)
	i, found := slices.BinarySearchFunc(d.Companies, key, func(c *Company, k string) int { return strings.Compare(c.Ticker, k) })
	if found {
		return d.Companies[i]
	}
	for _, c := range d.Companies {
		if strings.EqualFold(c.Ticker, ticker) {
			return c
		}
	}
	return nil
}

// Tickers lists the tickers in order.
func (d *Dataset) Tickers() []string {
	t := make([]string, len(d.Companies))
	for i, c := range d.Companies {
		t[i] = c.Ticker
	}
	return t
}

func (d *Dataset) sort() {
	sort.Slice(d.Companies, func(i, j int) bool { return d.Companies[i].Ticker < d.Companies[j].Ticker })
}

// SortPoints orders points by period end, then basis, then months.
func SortPoints(ps []Point) {
	slices.SortStableFunc(ps, func(a, b Point) int {
		switch {
		case pointLess(&a, &b):
			return -1
		case pointLess(&b, &a):
			return 1
		}
		return 0
	})
}

func pointLess(a, b *Point) bool {
	if a.Period.Seq() != b.Period.Seq() {
		return a.Period.Seq() < b.Period.Seq()
	}
	if a.Basis != b.Basis {
		return a.Basis < b.Basis
	}
	return a.Months < b.Months
}
