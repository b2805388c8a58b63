package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/series"
)

// BenchmarkReadCSV reads and checks a long CSV of 100 companies with 80
// quarters each (8,000 rows), as capex show does before calculating.
func BenchmarkReadCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("company,period,value\n")
	for c := 0; c < 100; c++ {
		for q := 0; q < 80; q++ {
			fmt.Fprintf(&sb, "C%05d,%dQ%d,%d.%03d\n", c, 2006+q/4, q%4+1, 1000+c*7+q*13, (c*q)%1000)
		}
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		bl := series.NewBuilder()
		Bytes(bl, "u.csv", data, Options{})
		bl.Build(nil)
		if err := bl.Problems.Err(); err != nil {
			b.Fatal(err)
		}
	}
}
