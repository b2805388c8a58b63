package check_test

import (
	"fmt"

	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/check"
	"github.com/capexdev/capex/pkg/series"
)

// Running checks: expectations read from YAML, evaluated against the
// built-in dataset, summarized as capex check does for CI.
func Example() {
	var ps series.Problems
	checks := check.Read("claims.yaml", []byte(`checks:
  - name: AMZN 2025 from Q4 2024 × 4
    company: AMZN
    figure: annualize
    base: 2024Q4
    expect: 111.3B
  - name: the quoted 26.3B × 4
    company: AMZN
    figure: annualize
    base: 2024Q4
    expect: 105.2B
`), &ps)
	d, _ := builtin.Dataset()
	var results []*check.Result
	for _, c := range checks {
		if r := check.Evaluate(c, d, &ps); r != nil {
			results = append(results, r)
		}
	}
	if err := ps.Err(); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Printf("%s: %s: %s\n", r.Check.Name, r.Status, r.Message())
	}
	fmt.Println(check.Summarize(results))
	// Output:
	// AMZN 2025 from Q4 2024 × 4: pass: computed 111.336 billion, expected 111.3 billion: difference +0.036 billion (+0.032%) within the tolerance ±0.05 billion
	// the quoted 26.3B × 4: fail: computed 111.336 billion, expected 105.2 billion: difference +6.136 billion (+5.833%) exceeds the tolerance ±0.05 billion by 6.086 billion
	// 1 of 2 checks failed
}
