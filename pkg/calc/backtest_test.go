package calc

import (
	"testing"
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
