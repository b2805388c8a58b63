package calc_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
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
	// 2024Q4 = FY2024 82,999 − 9M 2024 55,165 = 27,834
	// FY2025 = 2024Q4 27,834 × 4 = 111,336
}

func ExampleQuo() {
	q, _ := calc.Quo(decimal.NewFromInt(11688), decimal.NewFromInt(27834))
	fmt.Println(q)
	// Output: 0.4199180857943522310842854063375728
}

// The TTM and YoY of a series read from CSV: quarters are found by
// identity, and growth is one correctly rounded division.
func ExampleQuarters() {
	b := series.NewBuilder()
	load.Bytes(b, "acme.csv", []byte(`company,period,value
ACME,2024Q1,100
ACME,2024Q2,110
ACME,2024Q3,120
ACME,2024Q4,130
ACME,2025Q1,150
`), load.Options{})
	d := b.Build(nil)
	acme := d.Company("ACME")
	q := calc.NewQuarters(acme, acme.Metric("capex"))
	last := q.Last // 2025Q1
	fmt.Println(q.Label(last), q.TTM(last), q.YoY(last))
	fmt.Println(q.Explain(calc.YoYColumn, last, func(d decimal.Decimal) string { return d.String() }))
	// Output:
	// 2025Q1 510 0.5
	// YoY 2025Q1 = (150 − 100) / 100 = 0.5
}

// Methods are chosen parameter by parameter, from text, as capex project
// reads its flags and a check file its keys.
func ExampleMethods_Set() {
	var ms calc.Methods
	fmt.Println(ms.Set("growth", "20%"), ms.Set("horizon", "2"), ms.Set("as-of", "FY2025"))
	fmt.Println(ms.Set("window", "1"))
	d, _ := builtin.Dataset()
	amzn := d.Company("AMZN")
	ps, _ := ms.Project(amzn, amzn.Metric("capex"))
	fmt.Println(ps[0].Method, ps[0].TargetLabel(), ps[0].Value)
	// Output:
	// <nil> <nil> <nil>
	// window 1: out of range
	// growth 20% FY2027 189819.36
}
