package amount_test

import (
	"fmt"

	"github.com/capexdev/capex/pkg/amount"
)

func ExampleParse() {
	for _, s := range []string{"26.3", "26,300", "(1,234)", "$26.3bn", "26,300M", "1.234,5"} {
		a, err := amount.Parse(s, amount.Options{})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(s, "→", a.Value, "in millions:", a.In(amount.Million, amount.Million))
	}
	// Output:
	// 26.3 → 26.3 in millions: 26.3
	// 26,300 → 26300 in millions: 26300
	// (1,234) → -1234 in millions: -1234
	// $26.3bn → 26.3 in millions: 26300
	// 26,300M → 26300 in millions: 26300
	// value "1.234,5": ambiguous decimal separator
}

func ExampleConvert() {
	v, _ := amount.ParseValue("105.2", amount.Options{})
	fmt.Println(amount.Convert(v, amount.Billion, amount.Million))
	// Output: 105200
}

func ExampleFixed() {
	v, _ := amount.ParseValue("-1234.565", amount.Options{})
	fmt.Println(amount.Group(v), amount.Fixed(v, 2))
	// Output: -1,234.565 -1,234.57
}
