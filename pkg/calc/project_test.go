package calc

import (
	"strconv"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/period"
)

func amznQuarters(t *testing.T, metric string) *Quarters {
	t.Helper()
	d, err := builtin.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	c := d.Company("AMZN")
	return NewQuarters(c, c.Metric(metric))
}

func TestParseRate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"25%", "fixed 0.25"}, {"0.25", "fixed 0.25"}, {"-5%", "fixed -0.05"}, {"12.5%", "fixed 0.125"},
		{"yoy", "yoy"}, {"cagr:3y", "cagr 3"}, {"CAGR:2Y", "cagr 2"}, {"cagr:3", "cagr 3"},
		{"20", `error: rate 20: ambiguous without %`},
		{"-100%", `error: rate -100%: a decline of 100% or more cannot compound`},
		{"cagr:0y", `error: rate cagr:0y: not a CAGR span`},
		{"cagr:1.5y", `error: rate cagr:1.5y: not a CAGR span`},
		{"fast", `error: rate fast: not a rate`},
		{"NaN%", `error: rate NaN%: not a rate`},
		{"25 %x", `error: rate "25 %x": not a rate`},
	}
	for _, tt := range tests {
		r, err := ParseRate(tt.in)
		got := ""
		switch {
		case err != nil:
			got = "error: " + err.Error()
		case r.Kind == FixedRate:
			got = "fixed " + r.Value.String()
		case r.Kind == YoYRate:
			got = "yoy"
		case r.Kind == CAGRRate:
			got = "cagr " + itoa(r.Years)
		}
		if got != tt.want {
			t.Errorf("ParseRate(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestProjections(t *testing.T) {
	q := amznQuarters(t, "capex")
	asOf := period.Q(2025, 4).Seq()
	rate := func(s string) Rate {
		r, err := ParseRate(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	tests := []struct {
		name    string
		make    func() (*Projection, error)
		base    string
		factor  string
		target  string
		value   string
		formula string
	}{
		{"trailing", func() (*Projection, error) { return q.Trailing(asOf) }, "FY2025", "1", "FY2026", "131819",
			"TTM 2025Q4 = 25,019 + 32,183 + 35,095 + 39,522 = 131,819 | FY2026 = TTM 2025Q4 = 131,819"},
		{"growth 20%", func() (*Projection, error) { return q.Grow(asOf, rate("20%"), 1, "") }, "FY2025", "1.2", "FY2026", "158182.8",
			"TTM 2025Q4 = 25,019 + 32,183 + 35,095 + 39,522 = 131,819 | FY2026 = TTM 2025Q4 131,819 × (1 + 0.2) = 158,182.8"},
		{"growth 20% over 2 years", func() (*Projection, error) { return q.Grow(asOf, rate("20%"), 2, "") }, "FY2025", "1.44", "FY2027", "189819.36", ""},
		// TTM 2024Q4 = 82,999 (the printed FY2024); YoY = 48,820 / 82,999.
		{"growth yoy", func() (*Projection, error) { return q.Grow(asOf, rate("yoy"), 1, "") }, "FY2025", "1.5881998578296124049687345630670249", "FY2026",
			"209354.9170592416776105736213689321552931",
			"TTM 2025Q4 = 25,019 + 32,183 + 35,095 + 39,522 = 131,819 | TTM 2024Q4 = 14,925 + 17,620 + 22,620 + 27,834 = 82,999 | YoY of TTM 2025Q4 = (131,819 − 82,999) / 82,999 = 0.5881998578296124049687345630670249 | FY2026 = TTM 2025Q4 131,819 × (1 + 0.5881998578296124049687345630670249) = 209,354.9170592416776105736213689321552931"},
		{"growth cagr:2y", func() (*Projection, error) { return q.Grow(asOf, rate("cagr:2y"), 1, "") }, "FY2025", "1.5811178396514532371627171390746551", "FY2026",
			"208421.3725050149142695522105556819606269", ""},
		{"trend", func() (*Projection, error) { return q.Trend(asOf, 8) }, "2024Q1..2025Q4", "", "FY2026", "188959.8571428571428571428571428571", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ what, got, want string }{
				{"base", p.BaseLabel(), tt.base}, {"factor", p.Factor, tt.factor}, {"target", p.TargetLabel(), tt.target},
				{"projection", p.Value.String(), tt.value},
			} {
				if c.got != c.want {
					t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
				}
			}
			if tt.formula != "" {
				if got := strings.Join(p.Formula(amount.Million), " | "); got != tt.formula {
					t.Errorf("formula:\n got %s\nwant %s", got, tt.formula)
				}
			}
		})
	}
}

func TestProjectionErrors(t *testing.T) {
	q := amznQuarters(t, "capex-net")
	// The quarters of capex-net in 2025Q1 and Q2 are not known, but its
	// printed TTMs are: trailing works where a trend cannot.
	if p, err := q.Trailing(period.Q(2025, 2).Seq()); err != nil || p.Value.String() != "102953" {
		t.Errorf("trailing as of 2025Q2 = %v, %v", p, err)
	}
	_, err := q.Trend(period.Q(2025, 4).Seq(), 8)
	if err == nil || !strings.Contains(err.Error(), "AMZN capex-net: missing 2024Q1, 2024Q2, 2025Q1, 2025Q2") {
		t.Errorf("trend over gaps: %v", err)
	}
	q = amznQuarters(t, "capex")
	// Amazon's 10-Qs of 2016 and 2017 give year-to-date figures that do not
	// determine 2017Q2, so no TTM that holds it is known.
	if _, err := q.Trailing(period.Q(2018, 1).Seq()); err == nil || err.Error() != "AMZN capex: TTM 2018Q1 is not available (before 2017Q3)" {
		t.Errorf("trailing before the data: %v", err)
	}
	if _, err := q.Grow(period.Q(2022, 1).Seq(), Rate{Kind: CAGRRate, Years: 4}, 1, ""); err == nil || !strings.Contains(err.Error(), "TTM 2018Q1 is not available") {
		t.Errorf("cagr over 4 years: %v", err)
	}
	if _, err := q.Trend(period.Q(2025, 4).Seq(), 1); err == nil {
		t.Error("a one-quarter trend")
	}
}
