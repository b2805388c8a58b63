package calc

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// TestAnalyticsOracle holds TTM, QoQ and YoY to the values Python's
// decimal module computed (prec=34, ROUND_HALF_UP) on generated series:
// eight companies, 150 to 320 quarters each, values with up to three
// decimals, some zero and some negative. See testdata/gen-analytics.py.
func TestAnalyticsOracle(t *testing.T) {
	data, err := os.ReadFile("testdata/analytics.csv")
	if err != nil {
		t.Fatal(err)
	}
	b := series.NewBuilder()
	// The reader gets the first three columns; the rest are the oracle's.
	var in strings.Builder
	recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		in.WriteString(strings.Join(r[:3], ",") + "\n")
	}
	load.Bytes(b, "analytics.csv", []byte(in.String()), load.Options{})
	d := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	quarters := map[string]*Quarters{}
	checked := 0
	for _, r := range recs[1:] {
		q := quarters[r[0]]
		if q == nil {
			c := d.Company(r[0])
			q = NewQuarters(c, c.Metric("capex"))
			quarters[r[0]] = q
		}
		p, err := period.Parse(r[1])
		if err != nil {
			t.Fatal(err)
		}
		seq := p.Seq()
		for i, got := range []Result{q.TTM(seq), q.QoQ(seq), q.YoY(seq)} {
			want := r[3+i]
			name := []string{"ttm", "qoq", "yoy"}[i]
			switch {
			case want == "":
				if got.OK() || !strings.HasPrefix(got.NA, "before ") {
					t.Errorf("%s %s %s = %v, want n/a before the series", r[0], r[1], name, got)
				}
			case want == "zero base":
				if got.NA != "zero base" {
					t.Errorf("%s %s %s = %v, want n/a: zero base", r[0], r[1], name, got)
				}
			default:
				w := decimal.RequireFromString(want)
				if !got.OK() || !got.Decimal().Equal(w) {
					t.Errorf("%s %s %s = %v, oracle %s", r[0], r[1], name, got, want)
				}
				checked++
			}
		}
	}
	if checked < 4000 {
		t.Errorf("only %d values checked", checked)
	}
	for _, q := range quarters {
		if err := q.Err(); err != nil {
			t.Errorf("unexpected gaps: %v", err)
		}
	}
}

func TestGrowth(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		prev, cur Result
		want      string
	}{
		{Of(d("27834")), Of(d("39522")), "0.4199180857943522310842854063375728"},
		{Of(d("100")), Of(d("0")), "-1"},
		{Of(d("-100")), Of(d("50")), "-1.5"},
		{Of(d("0")), Of(d("5")), "n/a: zero base"},
		{NA("before 2022Q4"), Of(d("5")), "n/a: before 2022Q4"},
		{Of(d("5")), NA("missing 2023Q2"), "n/a: missing 2023Q2"},
	}
	for _, tt := range tests {
		got := Growth(tt.prev, tt.cur)
		s := got.Decimal().String()
		if !got.OK() {
			s = "n/a: " + got.NA
		}
		if s != tt.want {
			t.Errorf("Growth(%v, %v) = %s, want %s", tt.prev, tt.cur, s, tt.want)
		}
	}
}
