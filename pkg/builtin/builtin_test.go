package builtin

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/builtin/internal/gen"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

func dataset(t *testing.T) *series.Dataset {
	t.Helper()
	d, err := Dataset()
	if err != nil {
		t.Fatalf("built-in dataset: %v", err)
	}
	return d
}

// TestGenerated holds the committed files to a fresh generation: edit
// the recipe or its inputs, then run go generate ./pkg/builtin.
func TestGenerated(t *testing.T) {
	res, err := gen.Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob("data/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if _, ok := res.Files[filepath.Base(name)]; !ok {
			t.Errorf("%s is not generated: remove it, or add its company to gen.Companies", name)
		}
	}
	for name, want := range res.Files {
		got, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Errorf("%v: run go generate ./pkg/builtin", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s differs from a fresh generation: run go generate ./pkg/builtin", name)
		}
	}
	if got, err := os.ReadFile(gen.GoFile); err != nil || !bytes.Equal(got, res.Go) {
		t.Errorf("%s differs from a fresh generation (%v): run go generate ./pkg/builtin", gen.GoFile, err)
	}
	if gen.Origin != Origin {
		t.Errorf("gen.Origin %q, builtin.Origin %q", gen.Origin, Origin)
	}
}

// dump writes everything a dataset holds that capex shows: attributes,
// metrics, and each point with its value, source and position.
func dump(d *series.Dataset) string {
	var b strings.Builder
	for _, c := range d.Companies {
		fmt.Fprintf(&b, "%s %q %s %s %s %s %v\n", c.Ticker, c.Name, c.CIK, c.Currency, c.Calendar, c.Pos, c.Origin)
		for _, a := range []series.Attr{series.AttrName, series.AttrCIK, series.AttrCurrency, series.AttrFiscalYearEnd} {
			fmt.Fprintf(&b, " %v", c.Declared(a))
		}
		for _, m := range c.Metrics {
			fmt.Fprintf(&b, "\n %s %q %q %s %s\n", m.ID, m.Label, m.Definition, m.Unit, m.Pos)
			for _, p := range m.Points {
				fmt.Fprintf(&b, "  %s %s %d %d %s %q %q %q %s\n", p.Period, p.Basis, p.Months, p.Symbol, p.Value, p.Source(), p.Note(), p.Filed(), p.Pos)
			}
		}
	}
	return b.String()
}

// TestGoMatchesYAML holds the companies data_gen.go makes to those reading
// data/*.yaml makes, position by position.
func TestGoMatchesYAML(t *testing.T) {
	names, _ := filepath.Glob("data/*.yaml")
	b := series.NewBuilder()
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		load.ReadYAML(path.Join(Origin, filepath.Base(name)), data, b, load.Options{})
	}
	want := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	for _, c := range want.Companies {
		c.Origin = []string{Origin}
	}
	if got, w := dump(dataset(t)), dump(want); got != w {
		t.Errorf("the generated companies differ from the files:\n%s", firstDiff(got, w))
	}
	if len(want.Companies) != 8 {
		t.Errorf("%d companies in data/", len(want.Companies))
	}
}

// firstDiff is the first line where two dumps differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[i]
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}

// disagreements lists the published figures that the filings contradict,
// with why the filing's is kept. None today: every figure of
// published-capex.csv whose period the filings determine agrees with
// them, secondary and third-party tiers included.
var disagreements = map[string]string{}

// TestMatchesPublished checks every figure of published-capex.csv
// against the dataset: where the dataset determines its period, the two
// agree (or the figure is a listed disagreement); where a published
// figure is kept, it keeps its source and says whether it was derived.
func TestMatchesPublished(t *testing.T) {
	d := dataset(t)
	res, err := gen.Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, x := range res.Disagreements {
		key := fmt.Sprintf("%s %s %s %s", x.Ticker, x.Metric, x.Period, x.Basis)
		found[key] = true
		if disagreements[key] == "" {
			t.Errorf("new disagreement: %s: say why in disagreements, or correct the published file", x)
		}
	}
	for key := range disagreements {
		if !found[key] {
			t.Errorf("listed disagreement %s no longer found", key)
		}
	}
	kept := map[string]bool{}
	for _, k := range res.Kept {
		kept[k] = true
	}
	f, err := os.Open("../../" + gen.Published)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	ids := map[string]string{}
	for _, c := range gen.Companies {
		for _, m := range c.Metrics {
			ids[c.Ticker+"/"+m.LineItem] = m.ID
		}
	}
	agreed := 0
	for _, r := range rows[1:] {
		get := func(c string) string { return r[col[c]] }
		id := ids[get("ticker")+"/"+get("line_item")]
		c := d.Company(get("ticker"))
		if c == nil || c.Metric(id) == nil {
			t.Fatalf("%s %s: no metric in the dataset", get("ticker"), get("line_item"))
		}
		m := c.Metric(id)
		key := fmt.Sprintf("%s %s %s %s", c.Ticker, id, get("period"), get("basis"))
		pt, err := load.ReadPoint(get("period"), get("basis"), get("months"))
		if err != nil {
			t.Fatal(err)
		}
		first, last := pt.Span()
		want := decimal.RequireFromString(get("value_usd_millions"))
		got, ok := m.Ledger().Span(first, last)
		switch {
		case disagreements[key] != "":
		case !ok:
			t.Errorf("%s: the dataset does not determine it", key)
		case !got.Equal(want):
			t.Errorf("%s = %s in the dataset, published %s", key, got, want)
		case kept[key]:
			same := false
			for _, p := range m.Points {
				if p.Period == pt.Period && p.Basis == pt.Basis && p.Months == pt.Months {
					same = p.Source() == get("source") && (get("derived") == "yes") == strings.HasPrefix(p.Note(), "derived: ")
				}
			}
			if !same {
				t.Errorf("%s: kept without its source or derivation", key)
			}
		default:
			agreed++
		}
	}
	if agreed != res.Agreed || agreed < 100 {
		t.Errorf("%d published figures agree with the filings; the generator counted %d", agreed, res.Agreed)
	}
}

// TestDisagreementReported changes a published figure the filings
// determine: generation reports it, naming both values and the tier.
func TestDisagreementReported(t *testing.T) {
	root := t.TempDir()
	data, err := os.ReadFile("../../" + gen.Published)
	if err != nil {
		t.Fatal(err)
	}
	const line = "GOOGL,purchases_ppe,2024Q4,quarter,3,14276,"
	if !bytes.Contains(data, []byte(line)) {
		t.Fatalf("published file lacks %q", line)
	}
	data = bytes.Replace(data, []byte(line), []byte("GOOGL,purchases_ppe,2024Q4,quarter,3,14277,"), 1)
	if err := os.MkdirAll(filepath.Join(root, filepath.Dir(gen.Published)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, gen.Published), data, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs("../../" + gen.SECDir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, filepath.Join(root, gen.SECDir)); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	res, err := gen.Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Disagreements) != 1 {
		t.Fatalf("disagreements = %v", res.Disagreements)
	}
	x := res.Disagreements[0]
	if got := x.String(); !strings.HasPrefix(got, "GOOGL capex 2024Q4 quarter: published 14,277 (secondary: ") || !strings.HasSuffix(got, "), filings 14,276") {
		t.Errorf("disagreement = %s", got)
	}
	if !bytes.Contains(res.Files["googl.yaml"], []byte("#   disagrees, the filing's kept: GOOGL capex 2024Q4 quarter: published 14,277")) {
		t.Error("googl.yaml does not report the disagreement")
	}
}

// TestConsistent checks, without the ledger, that wherever a year's four
// quarters are printed or derived they sum to its 12-month figure, and
// that every YTD figure equals the sum of its quarters when they are all
// present.
func TestConsistent(t *testing.T) {
	d := dataset(t)
	checked := 0
	for _, c := range d.Companies {
		for _, m := range c.Metrics {
			quarters := map[int]decimal.Decimal{}
			for _, p := range m.Points {
				if p.Basis == series.Quarterly {
					quarters[p.Period.Seq()] = p.Value.Decimal()
				}
			}
			for _, p := range m.Points {
				if p.Basis == series.Quarterly {
					continue
				}
				first, last := p.Span()
				sum, complete := decimal.Zero, true
				for s := first; s <= last; s++ {
					v, ok := quarters[s]
					if !ok {
						complete = false
						break
					}
					sum = sum.Add(v)
				}
				if !complete {
					continue
				}
				checked++
				if !sum.Equal(p.Value.Decimal()) {
					t.Errorf("%s %s %s = %s, but its quarters sum to %s", c.Ticker, m.ID, p.Describe(c.Calendar), p.Value, sum)
				}
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d figures could be checked against their quarters", checked)
	}
}

func TestCompanies(t *testing.T) {
	d := dataset(t)
	if got := strings.Join(d.Tickers(), " "); got != "AAPL AMD AMZN GOOGL META MSFT NVDA ORCL" {
		t.Errorf("tickers = %s", got)
	}
	// Each company as far as its filings go, on its own calendar.
	for _, tt := range []struct{ ticker, calendar, first, last string }{
		{"AMZN", "12-31", "2017Q3", "2026Q2"},
		{"MSFT", "06-30", "FY2022Q1", "FY2026Q4"},
		{"GOOGL", "12-31", "2014Q4", "2026Q1"},
		{"META", "12-31", "2022Q1", "2026Q1"},
		{"AAPL", "last-saturday-of-september-53rd-week-in-q1", "FY2008Q4", "FY2026Q1"},
		{"NVDA", "last-sunday-of-january", "FY2012Q1", "FY2027Q1"},
		{"AMD", "last-saturday-of-december", "FY2009Q3", "FY2025Q4"},
		{"ORCL", "05-31", "FY2018Q4", "FY2026Q4"},
	} {
		c := d.Company(tt.ticker)
		q := calc.NewQuarters(c, c.Metric("capex"))
		if got := c.Calendar.String(); got != tt.calendar {
			t.Errorf("%s fiscal year end = %s, want %s", tt.ticker, got, tt.calendar)
		}
		if first, last := q.Label(q.First), q.Label(q.Last); first != tt.first || last != tt.last {
			t.Errorf("%s capex from %s to %s, want %s to %s", tt.ticker, first, last, tt.first, tt.last)
		}
	}
	for _, c := range d.Companies {
		if c.Metric("capex") == nil {
			t.Errorf("%s has no capex metric", c.Ticker)
		}
		for _, m := range c.Metrics {
			if m.Definition == "" {
				t.Errorf("%s %s has no definition", c.Ticker, m.ID)
			}
			for _, p := range m.Points {
				if p.Source() == "" {
					t.Errorf("%s %s %s has no source", c.Ticker, m.ID, p.Period)
				}
				if strings.Contains(p.Note(), "us-gaap:") && p.Filed() == "" {
					t.Errorf("%s %s %s: a filing's figure without its filing date", c.Ticker, m.ID, p.Period)
				}
			}
		}
	}
}

// TestOneCompanyPerFile checks what Companies relies on: each file holds
// the one company its name gives.
func TestOneCompanyPerFile(t *testing.T) {
	for _, c := range gen.Companies {
		ticker := strings.ToLower(c.Ticker)
		d, ok, err := Companies(ticker)
		if err != nil || !ok {
			t.Fatalf("Companies(%s): %v, %v", ticker, ok, err)
		}
		if len(d.Companies) != 1 || d.Companies[0].Ticker != strings.ToUpper(ticker) {
			t.Errorf("%s.yaml holds %v", ticker, d.Tickers())
		}
	}
	if _, ok, _ := Companies("AMZN", "TSLA"); ok {
		t.Error("TSLA is built in")
	}
}

func TestTickerOfCIK(t *testing.T) {
	for cik, want := range map[string]string{"0001018724": "AMZN", "0000789019": "MSFT", "0000320193": "AAPL", "0001234567": "", "": ""} {
		if got := TickerOfCIK(cik); got != want {
			t.Errorf("TickerOfCIK(%q) = %q, want %q", cik, got, want)
		}
	}
}
