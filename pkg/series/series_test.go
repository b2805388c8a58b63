package series

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
)

// pt builds a point from "PERIOD BASIS VALUE" at line n of "f.csv".
func pt(t *testing.T, n int, s string) Point {
	t.Helper()
	f := strings.Fields(s)
	p, err := period.Parse(f[0])
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBasis(f[1])
	if err != nil {
		t.Fatal(err)
	}
	q, b, months, err := PointSpec(p, b, 0)
	if err != nil {
		t.Fatal(err)
	}
	return Point{Period: q, Basis: b, Months: uint8(months), Value: amount.ExactOf(decimal.RequireFromString(f[2])), Pos: At("f.csv", n)}
}

func points(t *testing.T, specs ...string) []Point {
	var ps []Point
	for i, s := range specs {
		ps = append(ps, pt(t, i+2, s))
	}
	return ps
}

func TestPointSpec(t *testing.T) {
	tests := []struct {
		period string
		basis  Basis
		months int
		want   string // "PERIOD BASIS MONTHS" or "error: …"
	}{
		{"2024Q3", 0, 0, "2024Q3 quarter 3"},
		{"2024Q3", YTD, 0, "2024Q3 ytd 9"},
		{"2024Q3", 0, 9, "2024Q3 ytd 9"},
		{"2024Q3", 0, 12, "2024Q3 ttm 12"},
		{"2024Q1", 0, 3, "2024Q1 quarter 3"},
		{"2024Q4", YTD, 12, "2024Q4 ytd 12"},
		{"2024Q4", TTM, 0, "2024Q4 ttm 12"},
		{"FY2024", 0, 0, "2024Q4 ytd 12"},
		{"FY2024", TTM, 0, "2024Q4 ttm 12"},
		{"2024H1", 0, 0, "2024Q2 ytd 6"},
		{"2024Q3", YTD, 6, "error: a ytd figure ending 2024Q3 covers 9 months, not 6"},
		{"2024Q3", Quarterly, 9, "error: a quarter figure ending 2024Q3 covers 3 months, not 9"},
		{"2024Q3", 0, 7, "error: 7 months ending 2024Q3 is neither a quarter (3), year to date (9) nor trailing twelve months (12)"},
		{"FY2024", Quarterly, 0, "error: FY2024 is a year, not a quarter"},
		{"FY2024", 0, 6, "error: FY2024 covers 12 months, not 6"},
		{"2024H2", 0, 0, "error: 2024H2: a second half is not a basis capex reads; give its quarters or the 12-month figure"},
		{"2024-12", 0, 0, "error: 2024-12: monthly figures are not supported; give quarters"},
	}
	for _, tt := range tests {
		p, err := period.Parse(tt.period)
		if err != nil {
			t.Fatal(err)
		}
		q, b, m, err := PointSpec(p, tt.basis, tt.months)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		} else {
			got = q.String() + " " + b.String() + " " + itoa(m)
		}
		if got != tt.want {
			t.Errorf("PointSpec(%s, %v, %d) = %s, want %s", tt.period, tt.basis, tt.months, got, tt.want)
		}
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func TestLedgerDerives(t *testing.T) {
	l, conflicts := NewLedger(points(t,
		"2023Q1 quarter 10", "2023H1 ytd 30", "2023Q3 ytd 60", "FY2023 ytd 100",
		"2024Q1 quarter 11", "2024Q2 quarter 21", "2024Q3 quarter 31",
		"2024Q4 ttm 111",
	))
	if len(conflicts) > 0 {
		t.Fatalf("conflicts: %+v", conflicts)
	}
	q := func(s string) int { p, _ := period.Parse(s); return p.Seq() }
	tests := []struct {
		first, last string
		want        string // "" = unknown
		formula     string
	}{
		{"2023Q1", "2023Q1", "10", "2023Q1 10"},
		{"2023Q2", "2023Q2", "20", "6M 2023 30 − 2023Q1 10"},
		{"2023Q3", "2023Q3", "30", "9M 2023 60 − 6M 2023 30"},
		{"2023Q4", "2023Q4", "40", "FY2023 100 − 9M 2023 60"},
		// TTM at 2024Q4 = 2024Q1..Q4, so 2024Q4 = TTM − the three quarters.
		{"2024Q4", "2024Q4", "48", "TTM 2024Q4 111 − 2024Q1 11 − 2024Q2 21 − 2024Q3 31"},
		{"2023Q1", "2024Q4", "211", ""},
		{"2024Q1", "2024Q4", "111", "TTM 2024Q4 111"},
		{"2022Q4", "2022Q4", "", ""},
		{"2025Q1", "2025Q1", "", ""},
	}
	for _, tt := range tests {
		v, ok := l.Span(q(tt.first), q(tt.last))
		got := ""
		if ok {
			got = v.String()
		}
		if got != tt.want {
			t.Errorf("Span(%s..%s) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
		if tt.formula != "" {
			f := Formula(l.Explain(q(tt.first), q(tt.last)), period.CalendarYear, amount.Million, amount.Million)
			if f != tt.formula {
				t.Errorf("Explain(%s..%s) = %q, want %q", tt.first, tt.last, f, tt.formula)
			}
		}
	}
	first, last, ok := l.Bounds()
	if !ok || period.FromSeq(first) != period.Q(2023, 1) || period.FromSeq(last) != period.Q(2024, 4) {
		t.Errorf("Bounds = %v..%v", period.FromSeq(first), period.FromSeq(last))
	}
}

func TestBuildReportsProblems(t *testing.T) {
	b := NewBuilder()
	c := b.Company("amzn", At("f.csv", 2))
	m := b.Metric(c, "capex", amount.Million, At("f.csv", 2))
	for _, p := range points(t,
		"2024Q1 quarter 14925", "2024Q2 quarter 17620", "2024Q3 quarter 22620", "2024Q4 quarter 27834",
		"FY2024 ytd 82998",     // disagrees with the quarters (82,999)
		"2024Q2 quarter 17620", // duplicate
		"2025Q1 quarter -5",    // mixes signs
	) {
		b.AddPoint(m, p, amount.Million)
	}
	b.Set(c, nil, AttrFiscalYearEnd, "12-31", At("f.csv", 2))
	b.Set(c, nil, AttrFiscalYearEnd, "06-30", At("f.csv", 9))
	b.Build(nil)
	err := b.Problems.Err()
	if err == nil {
		t.Fatal("no error")
	}
	// Problems come out by line.
	want := []string{
		"f.csv:6: AMZN capex FY2024 (ytd, 12 months) = 82,998 disagrees with 82,999 = 2024Q1 14,925 (f.csv:2) + 2024Q2 17,620 (f.csv:3) + 2024Q3 22,620 (f.csv:4) + 2024Q4 27,834 (f.csv:5)",
		"f.csv:7: duplicate AMZN capex 2024Q2 quarter figure (first at f.csv:3)",
		`f.csv:9: AMZN fiscal_year_end "06-30" differs from "12-31" given at f.csv:2`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	ws := b.Problems.Warnings()
	if len(ws) != 1 || ws[0].String() != "f.csv:8: AMZN capex mixes positive and negative values (2024Q1 is 14,925, 2025Q1 is -5); check the sign convention" {
		t.Errorf("warnings = %v", ws)
	}
}

func TestBuildConvertsUnits(t *testing.T) {
	b := NewBuilder()
	c := b.Company("X", Pos{})
	m := b.Metric(c, "capex", amount.Billion, Pos{})
	b.AddPoint(m, pt(t, 2, "2024Q4 quarter 26.3"), amount.Billion)
	b.AddPoint(m, pt(t, 3, "2025Q1 quarter 27500"), amount.Million)
	b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	if got := m.Points[1].Value.String(); got != "27.5" {
		t.Errorf("27,500 million in billions = %s", got)
	}
}

func TestOverlay(t *testing.T) {
	base := NewBuilder()
	bc := base.Company("MSFT", At("built-in/msft.yaml", 0))
	base.Set(bc, nil, AttrName, "Microsoft Corporation", Pos{})
	base.Set(bc, nil, AttrFiscalYearEnd, "06-30", Pos{})
	base.AddPoint(base.Metric(bc, "capex", amount.Million, Pos{}), pt(t, 2, "2025Q1 quarter 1"), amount.Million)
	base.AddPoint(base.Metric(bc, "other", amount.Million, Pos{}), pt(t, 3, "2025Q1 quarter 2"), amount.Million)
	bd := base.Build(nil)

	user := NewBuilder()
	uc := user.Company("msft", At("mine.csv", 0))
	user.AddPoint(user.Metric(uc, "capex", amount.Million, Pos{}), pt(t, 2, "2025Q2 quarter 5"), amount.Million)
	user.Company("NEW", At("mine.csv", 0))
	ud := user.Build(bd)
	if uc.Calendar.String() != "06-30" {
		t.Errorf("user MSFT calendar = %s, want the built-in 06-30", uc.Calendar)
	}
	d, ws := Overlay(bd, ud)
	// Replacing a built-in series is said, with both counts.
	if len(ws) != 1 || ws[0].Msg != "MSFT capex: replaces the built-in series (1 figure) with 1 figure" {
		t.Errorf("warnings: %v", ws)
	}
	msft := d.Company("MSFT")
	if got := strings.Join(msft.MetricIDs(), " "); got != "capex other" {
		t.Errorf("metrics = %s", got)
	}
	if msft.Metric("capex").Points[0].Period != period.Q(2025, 2) || msft.Name != "Microsoft Corporation" {
		t.Errorf("capex not replaced or name lost: %+v", msft)
	}
	if got := strings.Join(d.Tickers(), " "); got != "MSFT NEW" {
		t.Errorf("tickers = %s", got)
	}

	// A user file that declares another fiscal year end replaces the company.
	user = NewBuilder()
	uc = user.Company("MSFT", At("mine.csv", 2))
	user.Set(uc, nil, AttrFiscalYearEnd, "12-31", Pos{})
	user.AddPoint(user.Metric(uc, "capex", amount.Million, Pos{}), pt(t, 2, "2025Q2 quarter 5"), amount.Million)
	d, ws = Overlay(bd, user.Build(bd))
	if len(ws) != 1 || !strings.Contains(ws[0].Msg, "fiscal year end 12-31 differs from the built-in 06-30") {
		t.Errorf("warnings = %v", ws)
	}
	if got := strings.Join(d.Company("MSFT").MetricIDs(), " "); got != "capex" {
		t.Errorf("metrics = %s", got)
	}
}

func TestProblemsLimit(t *testing.T) {
	var ps Problems
	for i := 0; i < 60; i++ {
		ps.Errorf(At("a.csv", i+1), "", "bad")
	}
	ps.Errorf(At("b.csv", 1), "", "bad")
	err := ps.Err().(*InputError)
	if len(err.Problems) != 51 || len(err.Omitted) != 1 || err.Omitted[0] != (Omitted{File: "a.csv", Count: 10}) {
		t.Errorf("kept %d, omitted %+v", len(err.Problems), err.Omitted)
	}
	if !strings.HasSuffix(err.Error(), "a.csv: 10 more problems not shown") {
		t.Errorf("message ends %q", err.Error()[len(err.Error())-50:])
	}
}
