package calc

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// TestQuoOracle holds Quo to the digits Python's decimal module computed
// (prec=34, ROUND_HALF_UP) for 5,000 divisions; see testdata/gen-quo.py.
func TestQuoOracle(t *testing.T) {
	vectors := oracle(t, "testdata/quo.txt")
	for _, fields := range vectors {
		a, b, want := decimal.RequireFromString(fields[0]), decimal.RequireFromString(fields[1]), decimal.RequireFromString(fields[2])
		got, err := Quo(a, b)
		if err != nil {
			t.Fatalf("Quo(%s, %s): %v", a, b, err)
		}
		if !got.Equal(want) {
			t.Errorf("Quo(%s, %s) = %s, oracle %s", a, b, got, want)
		}
	}
	if len(vectors) != 5000 {
		t.Fatalf("read %d vectors, want 5000", len(vectors))
	}
}

// oracle reads an oracle file written by a generator in testdata: the
// fields of each line that is not a # comment.
func oracle(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "#") {
			lines = append(lines, strings.Fields(sc.Text()))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestQuo(t *testing.T) {
	if _, err := Quo(decimal.NewFromInt(1), decimal.Zero); err != ErrDivisionByZero {
		t.Errorf("Quo(1, 0) error = %v", err)
	}
	got, _ := Quo(decimal.NewFromInt(11688), decimal.NewFromInt(27834))
	if got.String() != "0.4199180857943522310842854063375728" {
		t.Errorf("YoY AMZN 2025Q4 = %s", got)
	}
	// Significant digits, not decimal places: a tiny quotient keeps 34.
	got, _ = Quo(decimal.NewFromInt(1), decimal.RequireFromString("3e20"))
	if s := strings.TrimLeft(strings.TrimPrefix(got.String(), "0."), "0"); len(s) != 34 {
		t.Errorf("1 / 3e20 = %s has %d significant digits", got, len(s))
	}
}

// company builds a company with one capex metric from "period basis value"
// triples.
func company(t *testing.T, fye string, pts ...string) (*series.Company, *series.Metric) {
	t.Helper()
	cal, err := period.ParseFiscalYearEnd(fye)
	if err != nil {
		t.Fatal(err)
	}
	m := &series.Metric{ID: "capex", Unit: amount.Million}
	for _, s := range pts {
		f := strings.Fields(s)
		p, err := period.Parse(f[0])
		if err != nil {
			t.Fatal(err)
		}
		basis, err := series.ParseBasis(f[1])
		if err != nil {
			t.Fatal(err)
		}
		q, basis, months, err := series.PointSpec(p, basis, 0)
		if err != nil {
			t.Fatal(err)
		}
		v, err := amount.ParseValue(f[2], amount.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m.Points = append(m.Points, series.Point{Period: q, Basis: basis, Months: uint8(months), Value: amount.ExactOf(v)})
	}
	series.SortPoints(m.Points)
	return &series.Company{Ticker: "X", Calendar: cal, Metrics: []*series.Metric{m}}, m
}

func TestAnnualize(t *testing.T) {
	amzn := []string{
		"2024Q1 quarter 14925", "2024Q2 quarter 17620", "2024Q3 ytd 55165", "FY2024 ytd 82999",
		"2025Q1 quarter 25019", "2025Q2 quarter 32183", "2025Q3 quarter 35095", "2025Q4 quarter 39522",
	}
	tests := []struct {
		name    string
		fye     string
		points  []string
		spec    string
		base    string
		value   string
		factor  string
		target  string
		result  string
		formula string
	}{
		{"q4 derived from FY − 9M", "12-31", amzn[:4], "q4", "2024Q4", "27834", "4", "FY2025", "111336",
			"2024Q4 = FY2024 82,999 − 9M 2024 55,165 = 27,834 | FY2025 = 2024Q4 27,834 × 4 = 111,336"},
		{"latest q4", "12-31", amzn, "q4", "2025Q4", "39522", "4", "FY2026", "158088",
			"FY2026 = 2025Q4 39,522 × 4 = 158,088"},
		{"explicit", "12-31", amzn, "2024Q4", "2024Q4", "27834", "4", "FY2025", "111336", ""},
		{"q3 derived from 9M − 6M", "12-31", amzn[:3], "q3", "2024Q3", "22620", "4", "2024Q4..2025Q3", "90480", ""},
		{"latest", "12-31", amzn, "latest", "2025Q4", "39522", "4", "FY2026", "158088", ""},
		{"h2", "12-31", amzn, "h2", "2025H2", "74617", "2", "FY2026", "149234", ""},
		{"h1", "12-31", amzn, "h1", "2025H1", "57202", "2", "2025Q3..2026Q2", "114404", ""},
		{"full year", "12-31", amzn[:4], "FY2024", "FY2024", "82999", "1", "FY2025", "82999", ""},
		{"ytd of 9 months", "12-31", amzn[:3], "ytd", "2024Q1..2024Q3", "55165", "4/3", "2024Q4..2025Q3", "73553.33333333333333333333333333333",
			"2024Q4..2025Q3 = 2024Q1..2024Q3 55,165 × 12 / 9 = 73,553.33333333333333333333333333333"},
		{"ytd of 6 months from quarters", "06-30", []string{"FY2026Q1 quarter 19394", "FY2026Q2 quarter 29876"}, "ytd", "FY2026H1", "49270", "2", "FY2026Q3..FY2027Q2", "98540", ""},
		{"microsoft q2", "06-30", []string{"FY2025Q2 quarter 15804", "FY2026Q1 quarter 19394", "FY2026Q2 quarter 29876"}, "q2", "FY2026Q2", "29876", "4", "FY2026Q3..FY2027Q2", "119504",
			"FY2026Q3..FY2027Q2 = FY2026Q2 29,876 × 4 = 119,504"},
		{"negative base", "12-31", []string{"2024Q4 quarter -1,234.5"}, "q4", "2024Q4", "-1234.5", "4", "FY2025", "-4938", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, m := company(t, tt.fye, tt.points...)
			spec, err := ParseSpec(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Annualize(c, m, spec)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what, got, want string) {
				if got != want {
					t.Errorf("%s = %s, want %s", what, got, want)
				}
			}
			check("base", p.BaseLabel(), tt.base)
			check("base value", p.BaseValue.String(), tt.value)
			check("factor", p.Factor, tt.factor)
			check("target", p.TargetLabel(), tt.target)
			check("projection", p.Value.String(), tt.result)
			if tt.formula != "" {
				check("formula", strings.Join(p.Formula(amount.Million), " | "), tt.formula)
			}
		})
	}
}

func TestAnnualizeMissing(t *testing.T) {
	c, m := company(t, "12-31", "2024Q2 quarter 20", "2024Q3 quarter 30")
	tests := []struct{ spec, msg string }{
		{"q4", "X capex has no Q4 figure, printed or derivable"},
		{"h1", "X capex has no H1 figure, printed or derivable"},
		{"q1", "X capex has no Q1 figure, printed or derivable"},
		{"ytd", "X capex has no year-to-date figure, printed or derivable"},
		{"2024Q1", "X capex 2024Q1 is not in the data and cannot be derived from it"},
		{"FY2024", "X capex FY2024 is not in the data and cannot be derived from it"},
	}
	for _, tt := range tests {
		spec, err := ParseSpec(tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Annualize(c, m, spec)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("Annualize(%s) error = %v, want %q", tt.spec, err, tt.msg)
		}
	}
	for _, s := range []string{"q5", "2024-12", "yearly", ""} {
		if _, err := ParseSpec(s); err == nil {
			t.Errorf("ParseSpec(%q) succeeded", s)
		}
	}
}
