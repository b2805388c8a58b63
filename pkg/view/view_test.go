package view

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

func dataset(t *testing.T, csv string) *series.Dataset {
	t.Helper()
	b := series.NewBuilder()
	load.Bytes(b, "t.csv", []byte(csv), load.Options{})
	d := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSelectErrors(t *testing.T) {
	d, err := builtin.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	_, err = SelectSeries(d, []string{"amzn", "zzz"}, "capex")
	var nc *NoCompanyError
	if !errors.As(err, &nc) || err.Error() != "no company ZZZ in the data" || nc.Hint() != "the data has AAPL, AMD, AMZN, GOOGL, META, MSFT, NVDA, ORCL; add a company to the data" || nc.HintParam() != "data" {
		t.Errorf("unknown ticker: %v", err)
	}
	_, err = SelectSeries(d, []string{"amzn"}, "nope")
	var nm *NoMetricError
	if !errors.As(err, &nm) || nm.HintParam() != "metric" || !strings.HasPrefix(nm.Hint(), "AMZN has capex, capex-net,") {
		t.Errorf("unknown metric: %v", err)
	}
	// Without tickers, the companies that have the metric.
	ss, err := SelectSeries(d, nil, "capex-net")
	if err != nil || len(ss) != 1 || ss[0].Company.Ticker != "AMZN" {
		t.Errorf("capex-net: %v %v", ss, err)
	}
	var ve *Error
	if _, err := SelectSeries(d, nil, "nope"); !errors.As(err, &ve) || ve.Param != "metric" {
		t.Errorf("no company has it: %v", err)
	}
}

// A hint about a mistyped ticker names a few close ones, not all of a
// large dataset.
func TestNoCompanyHintIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("company,period,value\n")
	for i := range 1250 {
		fmt.Fprintf(&b, "C%04d,2024Q4,1\n", i)
	}
	d := dataset(t, b.String())
	_, err := SelectCompanies(d, []string{"C01234"})
	var nc *NoCompanyError
	if !errors.As(err, &nc) {
		t.Fatal(err)
	}
	if h := nc.Hint(); len(h) > 200 || !strings.HasPrefix(h, "did you mean C0123,") || !strings.Contains(h, "1250 companies") {
		t.Errorf("hint %q", h)
	}
}

// With gaps not skipped, Show fails before writing anything.
func TestShowGapsFailFirst(t *testing.T) {
	d := dataset(t, "company,period,value\nX,2024Q1,1\nX,2024Q3,3\nY,2024Q1,1\n")
	var out strings.Builder
	s, _ := render.NewStream(&out, render.Options{Format: "csv", Decimals: -1})
	err := Show(s, d, ShowOptions{Metric: "capex", Columns: calc.DefaultColumns()})
	var me *calc.MissingError
	if !errors.As(err, &me) || me.Company != "X" || strings.Join(me.Periods, ",") != "2024Q2" {
		t.Errorf("error %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q", out.String())
	}
	s, _ = render.NewStream(&out, render.Options{Format: "csv", Decimals: -1})
	if err := Show(s, d, ShowOptions{Metric: "capex", Columns: calc.DefaultColumns(), Range: Range{SkipGaps: true}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "X,capex,2024Q3,2024-07-01,2024-09-30,92,quarter,3,,,,million,USD,12-31,,,,ttm: missing 2024Q2; qoq: missing 2024Q2; yoy: before 2024Q1,\n") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestWide(t *testing.T) {
	d := dataset(t, "company,period,value,fiscal_year_end\nA,2024Q4,1,12-31\nA,2025Q1,2,12-31\nB,2025Q1,5,12-31\nM,FY2025Q3,7,06-30\n")
	tb, err := Wide(d, calc.ValueColumn, GridOptions{Tickers: []string{"a", "b"}, Metric: "capex"})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	_ = render.Write(&out, []*render.Table{tb}, render.Options{Format: "csv", Decimals: -1})
	want := "period,start,end,metric,calculation,unit,currency,fiscal_year_end,A,B\n" +
		"2024Q4,2024-10-01,2024-12-31,capex,value,million,USD,12-31,1,\n2025Q1,2025-01-01,2025-03-31,capex,value,million,USD,12-31,2,5\n"
	if out.String() != want {
		t.Errorf("wide:\n%s\nwant:\n%s", out.String(), want)
	}
	// Different fiscal calendars line up only by calendar quarter.
	_, err = Wide(d, calc.ValueColumn, GridOptions{Tickers: []string{"a", "m"}, Metric: "capex"})
	var ve *Error
	if !errors.As(err, &ve) || ve.Param != "calendar" {
		t.Errorf("mixed calendars: %v", err)
	}
	tb, err = Wide(d, calc.ValueColumn, GridOptions{Tickers: []string{"a", "m"}, Metric: "capex", Calendar: Mapped})
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	_ = render.Write(&out, []*render.Table{tb}, render.Options{Format: "csv", Decimals: -1})
	if !strings.Contains(out.String(), "CY2025Q1,2025-01-01,2025-03-31,capex,value,million,USD,,2,7\n") {
		t.Errorf("by calendar quarter:\n%s", out.String())
	}
}
