package load_test

import (
	"fmt"

	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

// Reading a CSV series file: the long form, with a year-to-date figure
// from which the discrete Q2 is derived. Every problem would be reported
// with its line.
func ExampleReadCSV() {
	b := series.NewBuilder()
	load.Bytes(b, "acme.csv", []byte(`company,period,value,basis,source
ACME,2024Q1,40,quarter,10-Q Q1
ACME,2024Q2,100,ytd,10-Q Q2
`), load.Options{})
	d := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		fmt.Println(err)
		return
	}
	m := d.Company("ACME").Metric("capex")
	for _, p := range m.Points {
		fmt.Println(p.Describe(d.Company("ACME").Calendar), p.Basis, p.Value, m.Unit, p.Source())
	}
	// Output:
	// 2024Q1 quarter 40 million 10-Q Q1
	// 6M 2024 ytd 100 million 10-Q Q2
}

// A malformed file: every problem, with its line.
func ExampleReadCSV_errors() {
	b := series.NewBuilder()
	load.Bytes(b, "bad.csv", []byte("company,period,value\nACME,2024Q5,1\nACME,2024Q4,\"12,5\"\n"), load.Options{})
	b.Build(nil)
	fmt.Println(b.Problems.Err())
	// Output:
	// bad.csv:2: period "2024Q5": quarter must be 1-4
	// bad.csv:3: value "12,5": misplaced thousands separator
}
