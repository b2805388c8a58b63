package calc

import (
	"errors"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

// Amazon's Q4 2024 × 4 against 2025 as reported: 111,336 projected,
// 131,819 reported, 15.5% short.
func TestBacktestAmazonQ4(t *testing.T) {
	q := amznQuarters(t, "capex")
	var ms Methods
	if err := ms.Set("annualize", "q4"); err != nil {
		t.Fatal(err)
	}
	bts, skipped := ms.Backtests(q.Company, q.Metric, nil)
	var found *Backtest
	for _, bt := range bts {
		if bt.BaseLabel() == "2024Q4" {
			found = bt
		}
	}
	if found == nil {
		t.Fatalf("no backtest of 2024Q4: %v, skipped %v", bts, skipped)
	}
	if found.Value.String() != "111336" || found.Actual.String() != "131819" || found.Difference.Decimal().String() != "-20483" ||
		found.Relative.String() != "-0.1553873113891017228168928606650028" || found.TargetLabel() != "FY2025" {
		t.Errorf("2024Q4: projected %s actual %s difference %s relative %s target %s", found.Value, found.Actual,
			found.Difference.Decimal(), found.Relative, found.TargetLabel())
	}
	// 2025Q4's target, FY2026, is not in the data: skipped, and said.
	said := false
	for _, s := range skipped {
		if s.Base == "2025Q4" {
			said = true
		}
	}
	if !said {
		t.Errorf("2025Q4 not skipped: %v", skipped)
	}
}

// A quarter that only a later year-to-date figure gives could not be
// projected from then: its base is skipped and said, not an error, since
// the data has no gap.
func TestBacktestKnownOnlyLater(t *testing.T) {
	b := series.NewBuilder()
	load.Bytes(b, "later.csv", []byte("company,period,value,basis,months\n"+
		"X,2023Q1,1,,\nX,2023Q2,1,,\nX,2023Q3,1,,\nX,2023Q4,1,,\n"+
		"X,2024Q2,2,,\nX,2024Q2,5,ytd,6\nX,2024Q3,2,,\nX,2024Q4,2,,\n"+
		"X,2025Q1,2,,\nX,2025Q2,2,,\nX,2025Q3,2,,\nX,2025Q4,2,,\n"), load.Options{})
	d := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	c := d.Company("X")
	var ms Methods
	if err := ms.Set("trailing", "true"); err != nil {
		t.Fatal(err)
	}
	bts, skipped := ms.Backtests(c, c.Metric("capex"), nil)
	var why []string
	for _, sk := range skipped {
		var miss *MissingError
		if errors.As(sk.Err, &miss) {
			t.Errorf("%s: a gap: %v", sk.Base, sk.Err)
		}
		if !sk.Early && !sk.Late {
			why = append(why, sk.Base+": "+sk.Why)
		}
	}
	if got := strings.Join(why, "; "); got != "2024Q1: 2024Q1: known only from figures of later periods" {
		t.Errorf("skipped: %s", got)
	}
	// From 2024Q2 on, 2024Q1 is derivable: 5 − 2 = 3, and the TTM to
	// 2024Q2 is 1 + 1 + 3 + 2 = 7, set against the next four quarters' 8.
	for _, bt := range bts {
		if bt.BaseLabel() == "2023Q3..2024Q2" && (bt.Value.String() != "7" || bt.Actual.String() != "8") {
			t.Errorf("2024Q2: projected %s, actual %s", bt.Value, bt.Actual)
		}
	}
	if len(bts) == 0 {
		t.Error("no backtests")
	}
}
