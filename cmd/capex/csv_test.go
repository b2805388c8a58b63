package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

// run runs capex in-process and returns stdout, failing on a non-zero exit.
func run(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	if code := Main(args, IO{In: bytes.NewReader(nil), Out: &out, Err: &errb}); code != 0 {
		t.Fatalf("capex %v: exit %d\n%s", args, code, errb.String())
	}
	return out.Bytes()
}

// readCSV parses output with encoding/csv into maps by column name.
func readCSV(t *testing.T, out []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, name := range recs[0] {
			row[name] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("%q is not a plain decimal: %v", s, err)
	}
	return d
}

// TestShowCSVReReads checks that every value show prints as CSV reads back
// as exactly the decimal in the data.
func TestShowCSVReReads(t *testing.T) {
	d, err := builtin.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range d.Companies {
		for _, m := range c.Metrics {
			rows := readCSV(t, run(t, "show", c.Ticker, "--metric", m.ID, "--printed", "-o", "csv"))
			if len(rows) != len(m.Points) {
				t.Fatalf("%s %s: %d rows for %d points", c.Ticker, m.ID, len(rows), len(m.Points))
			}
			for i, p := range m.Points {
				if got := dec(t, rows[i]["value"]); !got.Equal(p.Value.Decimal()) {
					t.Errorf("%s %s %s: CSV %s, data %s", c.Ticker, m.ID, p.Period, got, p.Value)
				}
				n++
			}
		}
	}
	if n < 180 {
		t.Errorf("checked %d values", n)
	}
}

// TestProjectCSVReReads checks projections printed as CSV against the
// calculation, digit for digit, including a 34-digit quotient.
func TestProjectCSVReReads(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "nine.csv")
	content := []byte("company,period,value,basis\nNINE,2024Q3,92297.5,ytd\n")
	if err := os.WriteFile(data, content, 0o644); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, run(t, "project", "amzn", "msft", "googl", "meta", "nine", "--annualize", "ytd", "--data", data, "-o", "csv"))
	d, _ := builtin.Dataset()
	b := series.NewBuilder()
	load.Bytes(b, "nine.csv", content, load.Options{})
	nine := b.Build(nil)
	spec, _ := calc.ParseSpec("ytd")
	for i, ticker := range []string{"AMZN", "MSFT", "GOOGL", "META", "NINE"} {
		c := d.Company(ticker)
		if c == nil {
			c = nine.Company(ticker)
		}
		p, err := calc.Annualize(c, c.Metric("capex"), spec)
		if err != nil {
			t.Fatal(err)
		}
		row := rows[i]
		if row["company"] != ticker || !dec(t, row["base_value"]).Equal(p.BaseValue) || !dec(t, row["projection"]).Equal(p.Value) {
			t.Errorf("row %d = %v, want %s %s → %s", i, row, ticker, p.BaseValue, p.Value)
		}
	}
	if got := rows[4]["projection"]; got != "123063.3333333333333333333333333333" {
		t.Errorf("92,297.5 × 12 / 9 = %s", got)
	}
}
