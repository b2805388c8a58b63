package calc

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

// backtestOracleConfigs are the method configurations of
// testdata/backtest.txt, each the parameters capex backtest takes, set
// with Methods.Set as the command and a projection check set them: every
// annualization base (by months and by days), trailing, fixed, YoY and
// CAGR growth (CAGRs over 1 to 3 years, horizons of 1 to 3 years), trends
// of several windows, scenarios (fixed and from the data), and several
// methods at once.
var backtestOracleConfigs = []string{
	"annualize=q1", "annualize=q2", "annualize=q3", "annualize=q4", "annualize=h1", "annualize=h2",
	"annualize=latest", "annualize=ytd", "annualize=FY2021",
	"annualize=latest annualize-by=days", "annualize=q4 annualize-by=days", "annualize=h2 annualize-by=days",
	"annualize=ytd annualize-by=days",
	"trailing=true",
	"growth=12.5%", "growth=-7.25%", "growth=0.0333", "growth=yoy",
	"growth=cagr:1y", "growth=cagr:2y", "growth=cagr:3y",
	"growth=yoy horizon=2", "growth=10% horizon=3", "growth=cagr:2y horizon=2",
	"trend=true", "trend=true window=2", "trend=true window=4", "trend=true window=5", "trend=true window=12",
	"scenario=bear=-4.5%,base=6.75%,bull=18.125%",
	"scenario=low=-2%,hist=yoy,long=cagr:2y horizon=2",
	"annualize=q4 trailing=true growth=yoy trend=true window=4 scenario=bear=-5%,bull=15%",
}

// TestBacktestOracle holds Backtests and Summarize, for every method, to
// what Python's decimal and fractions modules compute from the methods'
// documented definitions on a generated history (testdata/gen-backtest.py):
// four companies over 20 to 24 quarters (a calendar year, a June year of
// year-to-date figures, a 52/53-week year with quarters printed only as
// TTM, and a series that turns negative and sums to zero), each backtest's
// projected, actual, difference and relative error to every digit and as
// the table rounds it, the bases skipped and why, and each method's
// summary. The test does not run Python; to regenerate both files, from
// the repository root:
//
//	python3 pkg/calc/testdata/gen-backtest.py
func TestBacktestOracle(t *testing.T) {
	data, err := os.ReadFile("testdata/backtest-history.csv")
	if err != nil {
		t.Fatal(err)
	}
	b := series.NewBuilder()
	load.Bytes(b, "backtest-history.csv", data, load.Options{})
	d := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	if len(d.Companies) != 4 {
		t.Fatalf("history has %d companies, want 4", len(d.Companies))
	}
	want := backtestOracle(t, "testdata/backtest.txt")

	var sections []string
	for s := range want {
		sections = append(sections, s)
	}
	slices.Sort(sections)
	configs := slices.Sorted(slices.Values(backtestOracleConfigs))
	if !slices.Equal(sections, configs) {
		t.Fatalf("the oracle's sections are not the test's configurations:\noracle: %q\ntest:   %q", sections, configs)
	}

	compared := 0
	for _, config := range backtestOracleConfigs {
		t.Run(config, func(t *testing.T) {
			var ms Methods
			for _, kv := range strings.Fields(config) {
				name, value, _ := strings.Cut(kv, "=")
				if err := ms.Set(name, value); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, c := range d.Companies {
				bts, skipped := ms.Backtests(c, c.Metric("capex"), nil)
				got = append(got, backtestLines(c, bts, skipped)...)
			}
			diffLines(t, got, want[config])
			for _, l := range want[config] {
				if strings.HasPrefix(l, "bt\t") {
					compared++
				}
			}
		})
	}
	if compared < 1500 {
		t.Errorf("only %d backtests compared", compared)
	}
}

// backtestLines writes a company's backtests, skipped bases and
// summaries as testdata/backtest.txt does (see gen-backtest.py).
func backtestLines(c *series.Company, bts []*Backtest, skipped []Skipped) []string {
	var lines []string
	line := func(fields ...string) { lines = append(lines, strings.Join(fields, "\t")) }
	pct := func(v decimal.Decimal, places int32) string { return v.Shift(2).StringFixed(places) + "%" }
	for _, bt := range bts {
		rel, relPct := "n/a: "+bt.Relative.NA, "n/a"
		if bt.Relative.OK() {
			rel, relPct = bt.Relative.Decimal().String(), pct(bt.Relative.Fixed(4), 2)
		}
		line("bt", c.Ticker, bt.Method, bt.BaseLabel(), bt.TargetLabel(), bt.Value.String(), bt.Actual.String(),
			bt.Difference.Decimal().String(), rel, relPct)
	}
	for _, sk := range skipped {
		why := "na"
		switch {
		case sk.Early:
			why = "early"
		case sk.Late:
			why = "late"
		case sk.Err != nil:
			why = "error: " + sk.Err.Error()
		}
		line("skip", c.Ticker, sk.Method, sk.Base, why)
	}
	for _, s := range Summarize(bts) {
		if s.N == 0 {
			line("sum", c.Ticker, s.Method, "0")
			continue
		}
		figures := []Ratio{s.MAPE, s.Median, s.Bias, s.Min, s.Max, s.Within5, s.Within10}
		fields := []string{"sum", c.Ticker, s.Method, strconv.Itoa(s.N)}
		var pcts []string
		for i, r := range figures {
			if i == 5 {
				fields = append(fields, s.Worst.BaseLabel()+"→"+s.Worst.TargetLabel())
			}
			fields = append(fields, r.Decimal().String())
			pcts = append(pcts, pct(r.Fixed(3), 1))
		}
		line(append(fields, strings.Join(pcts, " "))...)
	}
	return lines
}

// backtestOracle reads testdata/backtest.txt: its lines by section.
func backtestOracle(t *testing.T, path string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]string{}
	section := ""
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "== "):
			section = strings.TrimPrefix(l, "== ")
			if _, dup := sections[section]; dup {
				t.Fatalf("%s: section %q twice", path, section)
			}
			sections[section] = []string{}
		case section == "":
			t.Fatalf("%s: %q before any section", path, l)
		default:
			sections[section] = append(sections[section], l)
		}
	}
	return sections
}

// diffLines reports where got and the oracle's lines differ, as a diff:
// "- " a line of the oracle's that got lacks, "+ " a line got has that
// the oracle has not, with the lines' numbers.
func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	// lcs[i][j] is the length of the longest common subsequence of
	// want[i:] and got[j:].
	lcs := make([][]int, len(want)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(got)+1)
	}
	for i := len(want) - 1; i >= 0; i-- {
		for j := len(got) - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var diff []string
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case i < len(want) && j < len(got) && want[i] == got[j]:
			i, j = i+1, j+1
		case i < len(want) && (j == len(got) || lcs[i+1][j] >= lcs[i][j+1]):
			diff = append(diff, fmt.Sprintf("- oracle %d: %s", i+1, want[i]))
			i++
		default:
			diff = append(diff, fmt.Sprintf("+ got %d:    %s", j+1, got[j]))
			j++
		}
	}
	if len(diff) == 0 {
		return
	}
	if len(diff) > 40 {
		diff = append(diff[:40], fmt.Sprintf("… and %d more", len(diff)-40))
	}
	t.Errorf("backtests differ from the oracle (%d lines, oracle %d):\n%s", len(got), len(want), strings.Join(diff, "\n"))
}
