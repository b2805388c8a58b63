package calc_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/calc"
)

func ExampleAnnualize() {
	d, _ := builtin.Dataset()
	amzn := d.Company("AMZN")
	spec, _ := calc.ParseSpec("2024Q4")
	p, _ := calc.Annualize(amzn, amzn.Metric("capex"), spec)
	for _, line := range p.Formula(amount.Million) {
		fmt.Println(line)
	}
	// Output:
	// FY2025 = 2024Q4 27,834 × 4 = 111,336
}

func ExampleQuo() {
	q, _ := calc.Quo(decimal.NewFromInt(11688), decimal.NewFromInt(27834))
	fmt.Println(q)
	// Output: 0.4199180857943522310842854063375728
}
