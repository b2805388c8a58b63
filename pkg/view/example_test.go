package view_test

import (
	"fmt"
	"os"

	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/view"
)

// Show writes a metric by quarter, here Amazon's last two quarters of
// 2025 with their TTM and YoY, as a Markdown table.
func ExampleShow() {
	d, _ := builtin.Dataset()
	from, to := period.Q(2025, 3), period.Q(2025, 4)
	s, _ := render.NewStream(os.Stdout, render.Options{Format: "markdown", Decimals: -1})
	err := view.Show(s, d, view.ShowOptions{
		Tickers: []string{"amzn"}, Metric: "capex",
		Columns: []*calc.Column{calc.ValueColumn, calc.TTMColumn, calc.YoYColumn},
		Range:   view.Range{From: &from, To: &to},
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// AMZN capex: Purchases of property and equipment (USD million)
	//
	// Gross cash purchases of property and equipment as printed in the cash-flow statement ("Purchases of property and equipment"), before proceeds from property and equipment sales and incentives. Line item: purchases_ppe. From SEC XBRL filings: us-gaap:PaymentsToAcquireProductiveAssets FY2016–FY2026.
	//
	// | period | start | end | days | value | ttm | yoy | derivation | source |
	// | --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |
	// | 2025Q3 | 2025-07-01 | 2025-09-30 | 92 | 35,095 | 120,131 | 55.2% |  | 10-Q 0001018724-25-000123 filed 2025-10-31 |
	// | 2025Q4 | 2025-10-01 | 2025-12-31 | 92 | 39,522 | 131,819 | 42.0% | FY2025 131,819 − 9M 2025 92,297 | 10-K 0001018724-26-000004 filed 2026-02-06 \| 10-Q 000101872… |
}

// Project lays out projections: Amazon's Q4 2024 run rate, the arithmetic
// behind "2025 will be about $105B".
func ExampleProject() {
	d, _ := builtin.Dataset()
	var ms calc.Methods
	_ = ms.Set("annualize", "2024Q4")
	t, _, err := view.Project(d, view.ProjectOptions{Tickers: []string{"AMZN"}, Metric: "capex", Methods: ms, Explain: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = render.Write(os.Stdout, []*render.Table{t}, render.Options{Format: "csv", Decimals: -1})
	// Output:
	// company,metric,method,base_period,base_start,base_end,base_value,factor,target,start,end,projection,unit,currency,note,definition,formula
	// AMZN,capex,annualize,2024Q4,2024-10-01,2024-12-31,27834,4,FY2025,2025-01-01,2025-12-31,111336,million,USD,,"Gross cash purchases of property and equipment as printed in the cash-flow statement (""Purchases of property and equipment""), before proceeds from property and equipment sales and incentives. Line item: purchases_ppe. From SEC XBRL filings: us-gaap:PaymentsToAcquireProductiveAssets FY2016–FY2026.","2024Q4 = FY2024 82,999 − 9M 2024 55,165 = 27,834; FY2025 = 2024Q4 27,834 × 4 = 111,336"
}
