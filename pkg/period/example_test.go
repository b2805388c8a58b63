package period_test

import (
	"fmt"

	"github.com/capexdev/capex/pkg/period"
)

func ExampleParse() {
	for _, s := range []string{"2024Q4", "Q4 FY2025", "2024-H2", "FY2024", "2024-12"} {
		p, _ := period.Parse(s)
		fmt.Println(s, "→", p)
	}
	// Output:
	// 2024Q4 → 2024Q4
	// Q4 FY2025 → 2025Q4
	// 2024-H2 → 2024H2
	// FY2024 → FY2024
	// 2024-12 → 2024-12
}

func ExampleCalendar() {
	// Microsoft's fiscal year ends 30 June and is named by the calendar
	// year in which it ends.
	msft, _ := period.ParseFiscalYearEnd("06-30")
	q := period.Q(2026, 2)
	fmt.Println(msft.Label(q), period.ISO(msft.Start(q)), period.ISO(msft.End(q)))
	fmt.Println(msft.Label(period.FY(2025)), period.ISO(msft.Start(period.FY(2025))), period.ISO(msft.End(period.FY(2025))))
	// Output:
	// FY2026Q2 2025-10-01 2025-12-31
	// FY2025 2024-07-01 2025-06-30
}
