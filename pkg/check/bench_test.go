package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// BenchmarkCheck10000 reads, evaluates and reports 10,000 expectations
// of a dataset of 10,000 companies, as capex check does on the
// benchmark universe: a cost per check that must not grow with the
// number of companies.
func BenchmarkCheck10000(b *testing.B) {
	const companies, quarters = 10000, 8
	var data, exp strings.Builder
	data.WriteString("company,period,value\n")
	exp.WriteString("checks:\n")
	for c := 0; c < companies; c++ {
		for q := 0; q < quarters; q++ {
			fmt.Fprintf(&data, "C%05d,%dQ%d,%d.5\n", c, 2024+q/4, q%4+1, 1000+c+q)
		}
		fmt.Fprintf(&exp, "  - {name: c%d, company: C%05d, figure: value, period: 2025Q4, expect: \"%d.5\"}\n", c, c, 1000+c+quarters-1)
	}
	bl := series.NewBuilder()
	load.Bytes(bl, "u.csv", []byte(data.String()), load.Options{})
	d := bl.Build(nil)
	if err := bl.Problems.Err(); err != nil {
		b.Fatal(err)
	}
	text := []byte(exp.String())
	b.ReportAllocs()
	for b.Loop() {
		var ps series.Problems
		var rs []*Result
		for _, c := range Read("e.yaml", text, &ps) {
			if r := Evaluate(c, d, &ps); r != nil {
				rs = append(rs, r)
			}
		}
		if err := ps.Err(); err != nil {
			b.Fatal(err)
		}
		if s := Summarize(rs); s.Failed != 0 || len(rs) != companies {
			b.Fatalf("%d results, %d failed", len(rs), s.Failed)
		}
		if _, err := Report(rs, render.Options{Decimals: -1}, false); err != nil {
			b.Fatal(err)
		}
	}
}
