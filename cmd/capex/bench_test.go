package main

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/series"
)

// universe builds a dataset shaped like the benchmark's: companies ×
// quarters of values with up to three decimals.
func universe(b testing.TB, companies, quarters int) *series.Dataset {
	var sb strings.Builder
	sb.WriteString("company,period,value\n")
	for c := 0; c < companies; c++ {
		for q := 0; q < quarters; q++ {
			fmt.Fprintf(&sb, "C%05d,%dQ%d,%d.%03d\n", c, 2006+q/4, q%4+1, 1000+c*7+q*13, (c*q)%1000)
		}
	}
	bl := series.NewBuilder()
	load.Bytes(bl, "u.csv", []byte(sb.String()), load.Options{})
	d := bl.Build(nil)
	if err := bl.Problems.Err(); err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkShowRows measures capex show's calculations and CSV output
// (TTM, QoQ, YoY for every row) apart from reading: 8,000 rows an op.
func BenchmarkShowRows(b *testing.B) {
	d := universe(b, 100, 80)
	opts := showOptions{Metric: "capex", Columns: []string{"value", "ttm", "qoq", "yoy"}}
	opts.out.render.Format = "csv"
	opts.out.render.Decimals = -1
	b.ReportAllocs()
	for b.Loop() {
		if err := runShow(d, opts, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// TestShowParallel checks that writing many companies with a worker per
// CPU gives the bytes that writing them one by one gives.
func TestShowParallel(t *testing.T) {
	d := universe(t, 300, 20)
	opts := showOptions{Metric: "capex", Columns: []string{"value", "ttm", "qoq", "yoy", "runrate"}}
	opts.out.render.Decimals = -1
	for _, format := range []string{"csv", "tsv"} {
		opts.out.render.Format = format
		var par, seq strings.Builder
		old := showBatch
		showBatch = 7
		if err := runShow(d, opts, &par); err != nil {
			t.Fatal(err)
		}
		showBatch = 1 << 30
		if err := runShow(d, opts, &seq); err != nil {
			t.Fatal(err)
		}
		showBatch = old
		if par.String() != seq.String() {
			t.Errorf("%s: parallel output differs from sequential", format)
		}
		if n := strings.Count(par.String(), "\n"); n != 6001 {
			t.Errorf("%s: %d lines", format, n)
		}
	}
}
