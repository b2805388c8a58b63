// Package gen generates the built-in dataset: each company's figures from
// its SEC XBRL companyfacts document (testdata/sec), read by capex's own
// importer, merged with the figures of testdata/published/published-capex.csv
// for the metrics and periods the document lacks.
//
// The rule for a figure both give: the filing's is kept. A published
// figure whose period the filings determine is compared with them; it
// agrees, or it is a Disagreement, reported in the company's file and
// held by the package's tests to a list that says why. A published figure
// whose period the filings do not determine is kept, with its source and
// tier. The merged figures must be consistent (every year-to-date figure
// the sum of its quarters), or generation fails.
package gen

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/sec"
	"github.com/capexdev/capex/pkg/series"
)

// Company says how one built-in company is made.
type Company struct {
	Ticker, Name string
	// Doc is the companyfacts document under testdata/sec ("" for none).
	Doc string
	// Tier is said of every figure read from Doc when it is not a
	// document as served by the SEC (a transcription).
	Tier    string
	Metrics []Metric
}

// Metric is one series of a company.
type Metric struct {
	ID, Label, Definition string
	// LineItem names the metric's rows in published-capex.csv ("" for
	// none).
	LineItem string
	// SEC says whether the metric is imported from the document, with
	// Concepts (nil: capex's default capex concepts).
	SEC      bool
	Concepts []string
}

// Companies is the built-in dataset's recipe.
var Companies = []Company{
	{Ticker: "AMZN", Name: "Amazon.com, Inc.", Doc: "companyfacts-CIK0001018724-AMZN-capex.json", Metrics: []Metric{
		{ID: "capex", Label: "Purchases of property and equipment", LineItem: "purchases_ppe", SEC: true,
			Definition: `Gross cash purchases of property and equipment as printed in the cash-flow statement ("Purchases of property and equipment"), before proceeds from property and equipment sales and incentives. Line item: purchases_ppe.`},
		{ID: "capex-net", Label: "Purchases of property and equipment, net of proceeds from sales and incentives", LineItem: "purchases_ppe_net_of_proceeds",
			Definition: `Amazon's "cash capital expenditures": purchases of property and equipment net of proceeds from property and equipment sales and incentives. Line item: purchases_ppe_net_of_proceeds.`},
		{ID: "proceeds-ppe-sales-incentives", Label: "Proceeds from property and equipment sales and incentives", LineItem: "proceeds_ppe_sales_incentives",
			Definition: "Cash inflow from property and equipment sales and incentives, shown positive. Line item: proceeds_ppe_sales_incentives."},
		{ID: "finance-lease-principal", Label: "Principal repayments of finance leases", LineItem: "principal_repayments_finance_leases",
			Definition: "Financing cash outflow: principal repayments of finance leases. Line item: principal_repayments_finance_leases."},
		{ID: "financing-obligation-principal", Label: "Principal repayments of financing obligations", LineItem: "principal_repayments_financing_obligations",
			Definition: "Financing cash outflow: principal repayments of financing obligations. Line item: principal_repayments_financing_obligations."},
		{ID: "ppe-acquired-finance-leases", Label: "Property and equipment acquired under finance leases", LineItem: "ppe_acquired_under_finance_leases",
			Definition: "Non-cash: property and equipment acquired under finance leases, net of remeasurements and modifications (supplemental disclosure). Line item: ppe_acquired_under_finance_leases."},
	}},
	{Ticker: "AMD", Name: "Advanced Micro Devices, Inc.", Doc: "companyfacts-CIK0000002488-AMD-full.json.gz", Metrics: []Metric{
		{ID: "capex", Label: "Purchases of property and equipment", SEC: true,
			Definition: "Cash purchases of property and equipment as tagged in AMD's filings."},
	}},
	{Ticker: "AAPL", Name: "Apple Inc.", Doc: "companyfacts-CIK0000320193-AAPL-filed-to-2026-01.json.gz", Metrics: []Metric{
		{ID: "capex", Label: "Payments for acquisition of property, plant and equipment", SEC: true,
			Definition: "Cash payments for property, plant and equipment as tagged in Apple's filings (productive assets to FY2013)."},
	}},
	{Ticker: "GOOGL", Name: "Alphabet Inc.", Doc: "companyfacts-CIK0001652044-GOOGL.json.gz", Metrics: []Metric{
		{ID: "capex", Label: "Purchases of property and equipment", LineItem: "purchases_ppe", SEC: true,
			Definition: "Cash purchases of property and equipment as printed in the cash-flow statement. Line item: purchases_ppe."},
	}},
	{Ticker: "META", Name: "Meta Platforms, Inc.", Doc: "companyfacts-CIK0001326801-META-trimmed.json", Metrics: []Metric{
		{ID: "capex", Label: "Purchases of property and equipment, net", LineItem: "purchases_ppe_net", SEC: true,
			Definition: "Cash purchases of property and equipment, net, as printed in the cash-flow statement; excludes principal payments on finance leases. Line item: purchases_ppe_net."},
		{ID: "capex-incl-leases", Label: "Capital expenditures, including principal payments on finance leases", LineItem: "capex_incl_finance_lease_principal",
			Definition: "Meta's headline capital expenditures: purchases of property and equipment, net, plus principal payments on finance leases. Line item: capex_incl_finance_lease_principal."},
		{ID: "finance-lease-principal", Label: "Principal payments on finance leases", LineItem: "principal_payments_finance_leases", SEC: true,
			Concepts:   []string{"us-gaap:FinanceLeasePrincipalPayments"},
			Definition: "Financing cash outflow: principal payments on finance leases. Line item: principal_payments_finance_leases."},
	}},
	{Ticker: "MSFT", Name: "Microsoft Corporation", Doc: "companyfacts-CIK0000789019-MSFT-trimmed.json", Metrics: []Metric{
		{ID: "capex", Label: "Additions to property and equipment", LineItem: "additions_ppe", SEC: true,
			Definition: "Cash additions to property and equipment as printed in the cash-flow statement. Excludes assets acquired under finance leases, which Microsoft includes in the capex it quotes on calls. Line item: additions_ppe."},
	}},
	{Ticker: "NVDA", Name: "NVIDIA Corporation", Doc: "companyfacts-CIK0001045810-NVDA-full.json.gz", Metrics: []Metric{
		{ID: "capex", Label: "Purchases related to property and equipment and intangible assets", SEC: true,
			Definition: "Cash purchases of property and equipment (and, from FY2021, intangible assets) as tagged in NVIDIA's filings."},
	}},
	{Ticker: "ORCL", Name: "Oracle Corporation", Doc: "companyfacts-CIK0001341439-ORCL-capex-transcribed.json",
		Tier: "secondary: transcribed from a public copy of the companyfacts document, not yet checked against the SEC's (CIK 1341439)", Metrics: []Metric{
			{ID: "capex", Label: "Capital expenditures", SEC: true,
				Definition: "Cash capital expenditures (purchases of property, plant and equipment) as tagged in Oracle's filings."},
		}},
}

// Published is the file of published figures, from the repository root.
const Published = "testdata/published/published-capex.csv"

// SECDir holds the companyfacts documents, from the repository root.
const SECDir = "testdata/sec"

// Disagreement is a published figure for a period the filings determine,
// with another value.
type Disagreement struct {
	Ticker, Metric, Period, Basis string
	Published, Filed              string // values, in millions
	Tier, Source                  string // the published figure's
}

func (d Disagreement) String() string {
	return fmt.Sprintf("%s %s %s %s: published %s (%s: %s), filings %s", d.Ticker, d.Metric, d.Period, d.Basis,
		amount.GroupText(d.Published), d.Tier, d.Source, amount.GroupText(d.Filed))
}

// Result is a generation: a file per company, and what it found.
type Result struct {
	Files map[string][]byte // by name: amzn.yaml
	// Agreed counts the published figures that the filings confirm.
	Agreed        int
	Disagreements []Disagreement
	// Kept lists the published figures kept, as "AMZN capex 2022Q4 quarter".
	Kept []string
	// Go is the Go file that makes the same companies (GoFile).
	Go []byte
}

// Generate makes the built-in dataset from the repository at root.
func Generate(root string) (*Result, error) {
	rows, err := readPublished(filepath.Join(root, Published))
	if err != nil {
		return nil, err
	}
	res := &Result{Files: map[string][]byte{}}
	used := map[int]bool{}
	for _, c := range Companies {
		data, err := res.company(root, c, rows, used)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Ticker, err)
		}
		res.Files[strings.ToLower(c.Ticker)+".yaml"] = data
	}
	for i, r := range rows {
		if !used[i] {
			return nil, fmt.Errorf("%s:%d: %s %s has no built-in metric", Published, r.line, r.ticker, r.lineItem)
		}
	}
	if res.Go, err = goCode(res.Files); err != nil {
		return nil, err
	}
	return res, nil
}

// row is one figure of published-capex.csv.
type row struct {
	line                                     int
	ticker, lineItem, period, basis, months  string
	value, derived, derivation, tier, source string
}

func readPublished(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"ticker", "line_item", "period", "basis", "months", "value_usd_millions", "derived", "derivation", "tier", "source"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no column %s", path, h)
		}
	}
	var rows []row
	for i, r := range recs[1:] {
		get := func(h string) string { return r[col[h]] }
		rows = append(rows, row{line: i + 2, ticker: get("ticker"), lineItem: get("line_item"), period: get("period"), basis: get("basis"),
			months: get("months"), value: get("value_usd_millions"), derived: get("derived"), derivation: get("derivation"),
			tier: get("tier"), source: get("source")})
	}
	return rows, nil
}

// point is a figure as it is written.
type point struct {
	seq                 int
	months              uint8
	series              series.Point
	label               string // period as written
	basis               string // "quarter", "ytd", "ttm"
	value               string // millions
	source, filed, note string
}

// metric is one metric's figures and what its header says.
type metric struct {
	Metric
	points   []point
	comments []string
	// Concepts and notes of the import, when there is one.
	concepts []string
}

func (res *Result) company(root string, c Company, rows []row, used map[int]bool) ([]byte, error) {
	var doc *sec.Document
	if c.Doc != "" {
		data, err := readDoc(filepath.Join(root, SECDir, c.Doc))
		if err != nil {
			return nil, err
		}
		if doc, err = sec.Parse(data); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Doc, err)
		}
	}
	cal := period.CalendarYear
	calSet := false
	currency := "USD"
	var metrics []*metric
	for _, m := range c.Metrics {
		out := &metric{Metric: m}
		var filed *series.Ledger
		if m.SEC {
			im, err := sec.Run(doc, sec.Options{Concepts: m.Concepts, Out: amount.Million})
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", c.Doc, m.ID, err)
			}
			if calSet && im.Calendar != cal {
				return nil, fmt.Errorf("%s: %s's fiscal calendar %s differs from %s", c.Doc, m.ID, im.Calendar, cal)
			}
			cal, calSet, currency = im.Calendar, true, im.Currency
			out.concepts = im.Concepts
			for _, w := range im.Warnings {
				out.comments = append(out.comments, "import: "+w.Msg)
			}
			var sps []series.Point
			for _, p := range im.Points {
				pt := secPoint(im, p, c.Tier)
				out.points = append(out.points, pt)
				sps = append(sps, pt.series)
			}
			var conflicts []series.Conflict
			if filed, conflicts = series.NewLedger(sps); len(conflicts) > 0 {
				return nil, fmt.Errorf("%s %s: the imported facts disagree: %v", c.Doc, m.ID, conflicts[0])
			}
		}
		agreed, kept := 0, 0
		for i, r := range rows {
			if r.ticker != c.Ticker || r.lineItem != m.LineItem || m.LineItem == "" {
				continue
			}
			used[i] = true
			pt, err := publishedPoint(r)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", Published, r.line, err)
			}
			first, last := pt.series.Span()
			if filed != nil {
				if v, ok := filed.Span(first, last); ok {
					if v.Equal(pt.series.Value.Decimal()) {
						agreed++
					} else {
						res.Disagreements = append(res.Disagreements, Disagreement{Ticker: c.Ticker, Metric: m.ID, Period: r.period,
							Basis: r.basis, Published: r.value, Filed: v.String(), Tier: r.tier, Source: r.source})
					}
					continue
				}
			}
			kept++
			res.Kept = append(res.Kept, fmt.Sprintf("%s %s %s %s", c.Ticker, m.ID, r.period, r.basis))
			out.points = append(out.points, pt)
		}
		res.Agreed += agreed
		if m.LineItem != "" && m.SEC {
			out.comments = append(out.comments, fmt.Sprintf("%s (%s): %d figures agree with the filings, %d kept where the filings lack them",
				filepath.Base(Published), m.LineItem, agreed, kept))
		}
		sort.SliceStable(out.points, func(i, j int) bool {
			a, b := out.points[i], out.points[j]
			if a.seq != b.seq {
				return a.seq < b.seq
			}
			if a.months != b.months {
				return a.months < b.months
			}
			return a.basis < b.basis
		})
		metrics = append(metrics, out)
	}
	for _, d := range res.Disagreements {
		if d.Ticker != c.Ticker {
			continue
		}
		for _, m := range metrics {
			if m.ID == d.Metric {
				m.comments = append(m.comments, "disagrees, the filing's kept: "+d.String())
			}
		}
	}
	data, err := write(c, doc, cal, currency, metrics)
	if err != nil {
		return nil, err
	}
	// What is written must read back as one consistent series per metric.
	b := series.NewBuilder()
	load.ReadYAML(strings.ToLower(c.Ticker)+".yaml", data, b, load.Options{})
	b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		return nil, fmt.Errorf("the merged figures do not read back: %w", err)
	}
	return data, nil
}

// readDoc reads a document, gunzipping a .gz one.
func readDoc(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(path, ".gz") {
		return data, err
	}
	z, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer z.Close()
	return io.ReadAll(z)
}

// secPoint is an imported fact as a point.
func secPoint(im *sec.Import, p sec.Point, tier string) point {
	v := amount.Convert(p.Fact.Value, amount.One, im.Unit)
	basis := series.YTD
	if p.Months == 3 {
		basis = series.Quarterly
	}
	note := p.Remark()
	if tier != "" {
		note += "; tier: " + tier
	}
	return point{seq: p.Seq, months: p.Months, label: p.Label(im.Calendar), basis: basis.String(), value: v.String(),
		source: p.Source(), filed: period.ISO(p.Filed()), note: note,
		series: series.Point{Period: period.FromSeq(p.Seq), Basis: basis, Months: p.Months, Value: amount.ExactOf(v)}}
}

// publishedPoint is a row of the published file as a point.
func publishedPoint(r row) (point, error) {
	sp, err := load.ReadPoint(r.period, r.basis, r.months)
	if err != nil {
		return point{}, err
	}
	a, err := amount.ParseExact(r.value, amount.Options{})
	if err != nil {
		return point{}, err
	}
	sp.Value = a.Value
	note := "tier: " + r.tier
	if r.derived == "yes" {
		note = "derived: " + r.derivation + "; " + note
	}
	_, last := sp.Span()
	return point{seq: last, months: sp.Months, series: sp, label: r.period, basis: r.basis, value: a.Value.Decimal().String(),
		source: r.source, filed: dated(r.source), note: note}, nil
}

// datedRE finds the date a published source gives: "release dated
// 2026-02-05", "filed 2022-01-25".
var datedRE = regexp.MustCompile(`\b(?:dated|filed) (\d{4}-\d{2}-\d{2})\b`)

// dated is the date published-capex.csv gives for a source, or "".
func dated(source string) string {
	if m := datedRE.FindStringSubmatch(source); m != nil {
		if _, err := time.Parse(time.DateOnly, m[1]); err == nil {
			return m[1]
		}
	}
	return ""
}

// write lays out a company's file.
func write(c Company, doc *sec.Document, cal period.Calendar, currency string, metrics []*metric) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Built-in dataset: %s. Generated by go generate ./pkg/builtin from\n", c.Ticker)
	if c.Doc != "" {
		fmt.Fprintf(&b, "# %s/%s (SEC XBRL companyfacts, read by capex import sec)\n# and %s. Do not edit: regenerate.\n", SECDir, c.Doc, Published)
	} else {
		fmt.Fprintf(&b, "# %s. Do not edit: regenerate.\n", Published)
	}
	b.WriteString("# Values in USD millions, outflows positive. A filing's figure keeps its form,\n")
	b.WriteString("# accession number and filing date; a published figure is kept only where the\n")
	b.WriteString("# filings do not determine its period, with its source and tier.\n")
	for _, m := range metrics {
		if len(m.concepts) == 0 && len(m.comments) == 0 {
			continue
		}
		fmt.Fprintf(&b, "#\n# %s:\n", m.ID)
		for _, cn := range m.concepts {
			fmt.Fprintf(&b, "#   concept: %s\n", oneLine(cn))
		}
		for _, cm := range m.comments {
			fmt.Fprintf(&b, "#   %s\n", oneLine(cm))
		}
	}
	company := mapping("ticker", str(c.Ticker), "name", str(c.Name))
	if doc != nil && doc.CIK != 0 {
		company.Content = append(company.Content, str("cik"), str(fmt.Sprintf("%010d", doc.CIK)))
	}
	company.Content = append(company.Content, str("fiscal_year_end"), str(cal.String()), str("currency"), str(currency),
		str("unit"), str("million"))
	var ms []*yaml.Node
	for _, m := range metrics {
		def := m.Definition
		if len(m.concepts) > 0 {
			def += " From SEC XBRL filings: " + strings.Join(m.concepts, "; ") + "."
		}
		points := &yaml.Node{Kind: yaml.SequenceNode}
		for _, p := range m.points {
			n := mapping("period", str(p.label))
			n.Style = yaml.FlowStyle
			// A quarter, or a year written as one (FY2024), says its basis.
			year := p.series.Basis == series.YTD && p.months == 12 && strings.HasPrefix(p.label, "FY") && !strings.Contains(p.label, "Q")
			if p.basis != "quarter" && !year {
				n.Content = append(n.Content, str("basis"), str(p.basis), str("months"), num(strconv.Itoa(int(p.months))))
			}
			n.Content = append(n.Content, str("value"), num(p.value), str("source"), str(p.source))
			if p.filed != "" {
				n.Content = append(n.Content, str("filed"), str(p.filed))
			}
			n.Content = append(n.Content, str("note"), str(p.note))
			points.Content = append(points.Content, n)
		}
		ms = append(ms, mapping("id", str(m.ID), "label", str(m.Label), "definition", str(def), "points", points))
	}
	company.Content = append(company.Content, str("metrics"), &yaml.Node{Kind: yaml.SequenceNode, Content: ms})
	top := mapping("companies", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{company}})
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(top); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// mapping is a YAML mapping of key, value pairs; a value is a string or
// a node.
func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		v, ok := kv[i+1].(*yaml.Node)
		if !ok {
			v = str(kv[i+1].(string))
		}
		n.Content = append(n.Content, str(kv[i].(string)), v)
	}
	return n
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func num(s string) *yaml.Node {
	tag := "!!int"
	if strings.Contains(s, ".") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
