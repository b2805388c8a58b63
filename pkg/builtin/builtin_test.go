package builtin

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// lineItems maps the line items of published-capex.csv to metric ids.
var lineItems = map[string]string{
	"AMZN/purchases_ppe":                              "capex",
	"AMZN/purchases_ppe_net_of_proceeds":              "capex-net",
	"AMZN/proceeds_ppe_sales_incentives":              "proceeds-ppe-sales-incentives",
	"AMZN/principal_repayments_finance_leases":        "finance-lease-principal",
	"AMZN/principal_repayments_financing_obligations": "financing-obligation-principal",
	"AMZN/ppe_acquired_under_finance_leases":          "ppe-acquired-finance-leases",
	"MSFT/additions_ppe":                              "capex",
	"GOOGL/purchases_ppe":                             "capex",
	"META/purchases_ppe_net":                          "capex",
	"META/principal_payments_finance_leases":          "finance-lease-principal",
	"META/capex_incl_finance_lease_principal":         "capex-incl-leases",
}

func dataset(t *testing.T) *series.Dataset {
	t.Helper()
	d, err := Dataset()
	if err != nil {
		t.Fatalf("built-in dataset: %v", err)
	}
	return d
}

// TestMatchesPublished checks that every figure of published-capex.csv is
// in the dataset with its value and source, and that nothing else is.
func TestMatchesPublished(t *testing.T) {
	d := dataset(t)
	f, err := os.Open("../../testdata/published/published-capex.csv")
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
	seen := 0
	for _, r := range rows[1:] {
		get := func(c string) string { return r[col[c]] }
		id, ok := lineItems[get("ticker")+"/"+get("line_item")]
		if !ok {
			t.Errorf("line item %s/%s has no metric", get("ticker"), get("line_item"))
			continue
		}
		c := d.Company(get("ticker"))
		if c == nil {
			t.Fatalf("no company %s", get("ticker"))
		}
		m := c.Metric(id)
		if m == nil {
			t.Fatalf("%s has no metric %s", c.Ticker, id)
		}
		p, err := period.Parse(get("period"))
		if err != nil {
			t.Fatal(err)
		}
		months, _ := strconv.Atoi(get("months"))
		found := false
		for _, pt := range m.Points {
			if pt.Period == p && pt.Basis.String() == get("basis") && int(pt.Months) == months {
				found = true
				if !pt.Value.Decimal().Equal(decimal.RequireFromString(get("value_usd_millions"))) {
					t.Errorf("%s %s %s %s = %s, published %s", c.Ticker, id, p, pt.Basis, pt.Value, get("value_usd_millions"))
				}
				if pt.Source() != get("source") {
					t.Errorf("%s %s %s source = %q, published %q", c.Ticker, id, p, pt.Source(), get("source"))
				}
				if (get("derived") == "yes") != strings.HasPrefix(pt.Note(), "derived: ") {
					t.Errorf("%s %s %s note %q does not say derived=%s", c.Ticker, id, p, pt.Note(), get("derived"))
				}
			}
		}
		if !found {
			t.Errorf("%s %s %s %s missing from the dataset", c.Ticker, id, p, get("basis"))
		}
		seen++
	}
	total := 0
	for _, c := range d.Companies {
		for _, m := range c.Metrics {
			total += len(m.Points)
		}
	}
	if total != seen {
		t.Errorf("the dataset has %d points, the published file %d", total, seen)
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
	if got := strings.Join(d.Tickers(), " "); got != "AMZN GOOGL META MSFT" {
		t.Errorf("tickers = %s", got)
	}
	msft := d.Company("msft")
	if msft.Calendar.String() != "06-30" {
		t.Errorf("MSFT fiscal year end = %s", msft.Calendar)
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
			}
		}
	}
}

// TestOneCompanyPerFile checks what Companies relies on: each file holds
// the one company its name gives.
func TestOneCompanyPerFile(t *testing.T) {
	for _, ticker := range []string{"amzn", "msft", "googl", "meta"} {
		d, ok, err := Companies(ticker)
		if err != nil || !ok {
			t.Fatalf("Companies(%s): %v, %v", ticker, ok, err)
		}
		if len(d.Companies) != 1 || d.Companies[0].Ticker != strings.ToUpper(ticker) {
			t.Errorf("%s.yaml holds %v", ticker, d.Tickers())
		}
	}
	if _, ok, _ := Companies("AMZN", "NVDA"); ok {
		t.Error("NVDA is built in")
	}
}

func TestTickerOfCIK(t *testing.T) {
	for cik, want := range map[string]string{"0001018724": "AMZN", "0000789019": "MSFT", "0000320193": "", "": ""} {
		if got := TickerOfCIK(cik); got != want {
			t.Errorf("TickerOfCIK(%q) = %q, want %q", cik, got, want)
		}
	}
}
