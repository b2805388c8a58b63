package check

import (
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

// run reads expectations and evaluates them against the built-in data,
// overlaid with data when it is not empty.
func run(t *testing.T, expectations, data string) ([]*Result, []string) {
	t.Helper()
	var ps series.Problems
	checks := Read("e.yaml", []byte(expectations), &ps)
	d, err := builtin.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if data != "" {
		b := series.NewBuilder()
		load.Bytes(b, "d.yaml", []byte(data), load.Options{})
		user := b.Build(d)
		if err := b.Problems.Err(); err != nil {
			t.Fatal(err)
		}
		d, _ = series.Overlay(d, user)
	}
	var rs []*Result
	for _, c := range checks {
		if r := Evaluate(c, d, &ps); r != nil {
			rs = append(rs, r)
		}
	}
	var problems []string
	if err := ps.Err(); err != nil {
		problems = strings.Split(err.Error(), "\n")
	}
	return rs, problems
}

func TestTolerance(t *testing.T) {
	data := "companies: [{ticker: X, unit: billion, metrics: [{id: capex, points: {2024Q4: 105.268, 2025Q4: 105.24, 2023Q4: 39.225}}]}]"
	tests := []struct {
		check  string
		status Status
		tol    string
		note   string
	}{
		{"{figure: value, period: 2024Q4, expect: 105.2B}", Fail, "0.05", "inferred from 105.2B"},
		{"{figure: value, period: 2025Q4, expect: 105.2B}", Pass, "0.05", "inferred from 105.2B"},
		{"{figure: value, period: 2023Q4, expect: 39.23B}", Pass, "0.005", "inferred from 39.23B"},    // difference = tolerance
		{"{figure: value, period: 2023Q4, expect: 39.230B}", Fail, "0.0005", "inferred from 39.230B"}, // more digits, tighter
		{"{figure: value, period: 2023Q4, expect: '39,225', unit: million}", Pass, "0.5", "inferred from 39,225"},
		{"{figure: value, period: 2024Q4, expect: 105.2B, tolerance: 0.1%}", Pass, "0.1052", "0.1% of expected"},
		{"{figure: value, period: 2024Q4, expect: 105.2B, tolerance: 50M}", Fail, "0.05", "50M"},
		{"{figure: value, period: 2024Q4, expect: 105.2B, tolerance: 0.07}", Pass, "0.07", "0.07"},
		{"{figure: value, period: 2024Q4, expect: 1.05e2B}", Pass, "0.5", "inferred from 1.05e2B"},
	}
	for _, tt := range tests {
		rs, problems := run(t, "checks:\n  - {name: c, company: X, "+strings.TrimPrefix(tt.check, "{")+"\n", data)
		if len(problems) > 0 || len(rs) != 1 {
			t.Errorf("%s: %v", tt.check, problems)
			continue
		}
		r := rs[0]
		if r.Status != tt.status || r.Tolerance.String() != tt.tol || r.ToleranceNote != tt.note {
			t.Errorf("%s: %s, tolerance %s (%s); want %s, %s (%s)", tt.check, r.Status, r.Tolerance, r.ToleranceNote, tt.status, tt.tol, tt.note)
		}
	}
}

func TestFigures(t *testing.T) {
	expectations := `checks:
  - {name: value, company: AMZN, figure: value, period: 2024Q4, expect: "27,834", unit: million}
  - {name: total of a year, company: AMZN, figure: total, period: FY2024, expect: 82.999B}
  - {name: total of a range, company: AMZN, figure: total, period: 2024Q3..2025Q2, expect: "107,656", unit: million}
  - {name: ttm, company: AMZN, figure: ttm, period: 2025Q2, expect: "107,656", unit: million}
  - {name: annualize, company: AMZN, figure: annualize, base: q4, period: FY2026, expect: 158.088B}
  - {name: yoy, company: AMZN, figure: yoy, period: 2025Q4, expect: 0.4199}
  - {name: qoq, company: AMZN, figure: qoq, period: 2025Q4, expect: 12.61%}
  - {name: cagr of years, company: GOOGL, figure: cagr, period: FY2023..FY2025, expect: 68.39%}
  - {name: cagr of quarters, company: GOOGL, figure: cagr, period: 2023Q4..2025Q4, expect: 58.98%}
  - {name: trailing, company: AMZN, figure: projection, trailing: true, as-of: 2024Q4, expect: 82.999B}
  - {name: trend, company: AMZN, figure: projection, trend: true, window: 8, as-of: 2025Q4, expect: 188.96B}
  - {name: growth over two years, company: MSFT, figure: projection, growth: 10%, horizon: 2, as-of: FY2026Q2, period: FY2027Q3..FY2028Q2, expect: 100.544B}
`
	rs, problems := run(t, expectations, "")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	for _, r := range rs {
		if r.Status != Pass {
			t.Errorf("%s: %s", r.Check.Name, r.Message())
		}
	}
	if len(rs) != 12 {
		t.Errorf("%d results", len(rs))
	}
}

func TestReadProblems(t *testing.T) {
	_, problems := run(t, `checks:
  - {name: a, company: AMZN, figure: value, expect: 1}
  - {name: b, company: AMZN, figure: annualize, expect: 1}
  - {name: c, company: AMZN, figure: total, period: FY2024, expect: 1, base: q4}
  - {name: d, company: AMZN, figure: projection, expect: 1}
  - {name: e, company: AMZN, figure: value, period: FY2024, expect: 1}
  - {name: f, company: AMZN, figure: yoy, period: 2025Q4, expect: 1B}
  - {name: g, company: AMZN, figure: cagr, period: FY2023, expect: 1%}
  - {name: h, company: AMZN, figure: annualize, base: q4, period: FY2025, expect: 1}
  - {name: i, company: AMZN, figure: value, period: 2024Q4, expect: 1.234,5}
`, "")
	want := []string{
		`e.yaml:2: check "a" has no period`,
		`e.yaml:3: check "b" has no base`,
		"e.yaml:4: base applies only to figure: annualize",
		`e.yaml:5: check "d": a projection needs exactly one method, not 0`,
		`e.yaml:6: check "e": a value is about a quarter, not "FY2024"`,
		`e.yaml:7: check "f": expect: value "1B": a scale suffix is not allowed here`,
		`e.yaml:8: check "g": a cagr is about a span from..to of two years or two quarters, not "FY2023"`,
		`e.yaml:9: check "h": the projection covers FY2026, not FY2025`,
		`e.yaml:10: unknown key "5" in a check`,
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
}

// TestJUnit checks that the JUnit report is XML with one testcase per
// check and a failure element only on failures.
func TestJUnit(t *testing.T) {
	rs, problems := run(t, `checks:
  - {name: passes, company: AMZN, figure: value, period: 2024Q4, expect: 27.8B}
  - {name: fails <&>, company: AMZN, figure: value, period: 2024Q4, expect: 26.3B}
  - {name: known, company: AMZN, figure: value, period: 2024Q4, expect: 26.3B, known_discrepancy: definition differs}
`, "")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	out, err := JUnit(rs)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Cases []struct {
				Name    string `xml:"name,attr"`
				Line    int    `xml:"line,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if doc.Tests != 3 || doc.Failures != 1 || doc.Skipped != 1 || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 3 {
		t.Fatalf("counts: %+v", doc)
	}
	cases := doc.Suites[0].Cases
	if cases[0].Failure != nil || cases[2].Failure != nil || cases[2].Skipped == nil {
		t.Errorf("failure or skipped element in the wrong place: %+v", cases)
	}
	if cases[1].Name != "fails <&>" || cases[1].Line != 3 || cases[1].Failure == nil ||
		cases[1].Failure.Message != "computed 27.834 billion, expected 26.3 billion: difference +1.534 billion (+5.833%) exceeds the tolerance ±0.05 billion by 1.484 billion" {
		t.Errorf("failing case: %+v %+v", cases[1], cases[1].Failure)
	}
}

func TestPublishedClaims(t *testing.T) {
	data, err := os.ReadFile("../../testdata/published/claims.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ps series.Problems
	checks := Read("../../testdata/published/claims.yaml", data, &ps)
	if err := ps.Err(); err != nil {
		t.Fatal(err)
	}
	knownGross := false
	for _, c := range checks {
		if c.Name == "AMZN 2025 run rate from printed gross purchases of Q4 2024" && c.Known != "" {
			knownGross = true
		}
	}
	if !knownGross || len(checks) < 20 {
		t.Errorf("%d checks; the gross run rate a known discrepancy: %v", len(checks), knownGross)
	}
}

// FuzzReadChecks checks that no expectations file panics the reader or
// the evaluation, and that a check read without problems evaluates to a
// result or a problem, never neither.
func FuzzReadChecks(f *testing.F) {
	if data, err := os.ReadFile("../../testdata/published/claims.yaml"); err == nil {
		f.Add(string(data))
	}
	f.Add("checks:\n  - {name: a, company: AMZN, figure: yoy, period: 2025Q4, expect: 41.99%, tolerance: 0.5pp}\n")
	f.Add("checks:\n  - {name: a, company: AMZN, figure: projection, growth: cagr:2y, horizon: 3, expect: 1B}\n")
	d, err := builtin.Dataset()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, content string) {
		var ps series.Problems
		for _, c := range Read("f.yaml", []byte(content), &ps) {
			var own series.Problems
			if r := Evaluate(c, d, &own); r == nil && own.Err() == nil {
				t.Fatalf("check %q: no result and no problem", c.Name)
			}
		}
	})
}
