package chart_test

import (
	"fmt"
	"os"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/chart"
)

// ExampleWrite draws two series at 60 columns without colour. The full
// scale, 50,000, is the nice number (1, 2, 2.5 or 5 × 10^k) at or above
// the largest value, 35,095; the bar area is 37 cells. AMZN's 32,183 is
// 32,183 × 37 × 8 / 50,000 = 190.5 eighths, truncated to 190: 23 full
// blocks and "▊" (6/8). The second series is drawn in whole "▓" cells
// (19,394.5 → 114 eighths → 14 cells), and a missing value is "n/a".
// With Options.Color, every series would be "█" in its own colour.
func ExampleWrite() {
	v := func(s string) chart.Value { return chart.Value{D: decimal.RequireFromString(s), OK: true} }
	c := chart.Chart{
		Title:  "AMZN, MSFT capex (USD million)",
		Unit:   "million",
		Series: []string{"AMZN", "MSFT"},
		Rows: []chart.Row{
			{Label: "2025Q2", Values: []chart.Value{v("32183"), {}}},
			{Label: "2025Q3", Values: []chart.Value{v("35095"), v("19394.5")}},
		},
	}
	if err := chart.Write(os.Stdout, c, chart.Options{Width: 60}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// AMZN, MSFT capex (USD million)
	// █ AMZN  ▓ MSFT
	//               0               25,000         50,000 million
	// 2025Q2  AMZN  ███████████████████████▊ 32,183
	//         MSFT  n/a
	// 2025Q3  AMZN  █████████████████████████▉ 35,095
	//         MSFT  ▓▓▓▓▓▓▓▓▓▓▓▓▓▓ 19,394.5
}

// ExampleSpark scales from zero (or the smallest value, when negative) to
// the largest value; a missing quarter is a space.
func ExampleSpark() {
	v := func(s string) chart.Value { return chart.Value{D: decimal.RequireFromString(s), OK: true} }
	fmt.Printf("[%s]\n", chart.Spark([]chart.Value{v("14925"), v("17620"), v("22620"), v("27834"), {}, v("32183")}))
	fmt.Printf("[%s]\n", chart.Spark([]chart.Value{v("5"), v("-1"), v("2")}))
	fmt.Printf("[%s]\n", chart.Spark([]chart.Value{v("0"), v("0")}))
	// Output:
	// [▄▅▆▇ █]
	// [█▁▅]
	// [▁▁]
}
