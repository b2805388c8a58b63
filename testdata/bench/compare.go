//go:build ignore

// Command compare checks that two CSV outputs of the benchmark job carry
// the same TTM, QoQ and YoY on every row, compared as exact decimals
// (math/big.Rat), not as text. Rows are matched by company and period.
//
//	go run testdata/bench/compare.go capex.csv peer.csv
package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/big"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: compare A.csv B.csv")
		os.Exit(2)
	}
	a, b := open(os.Args[1]), open(os.Args[2])
	rows, diffs := 0, 0
	for {
		ra, errA := a.next()
		rb, errB := b.next()
		if errA == io.EOF && errB == io.EOF {
			break
		}
		if errA != nil || errB != nil {
			fmt.Fprintf(os.Stderr, "compare: row %d: %v %v\n", rows+1, errA, errB)
			os.Exit(2)
		}
		rows++
		if ra["company"] != rb["company"] || ra["period"] != rb["period"] {
			fmt.Fprintf(os.Stderr, "compare: row %d is %s %s in one file and %s %s in the other\n", rows, ra["company"], ra["period"], rb["company"], rb["period"])
			os.Exit(1)
		}
		for _, col := range []string{"value", "ttm", "qoq", "yoy"} {
			if !same(ra[col], rb[col]) {
				diffs++
				if diffs <= 10 {
					fmt.Printf("%s %s %s: %q vs %q\n", ra["company"], ra["period"], col, ra[col], rb[col])
				}
			}
		}
	}
	fmt.Printf("compared %d rows: %d differences\n", rows, diffs)
	if diffs > 0 || rows == 0 {
		os.Exit(1)
	}
}

func same(x, y string) bool {
	if x == "" || y == "" {
		return x == y
	}
	rx, ok1 := new(big.Rat).SetString(x)
	ry, ok2 := new(big.Rat).SetString(y)
	return ok1 && ok2 && rx.Cmp(ry) == 0
}

type reader struct {
	r    *csv.Reader
	cols []string
}

func open(name string) *reader {
	f, err := os.Open(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(2)
	}
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", name, err)
		os.Exit(2)
	}
	return &reader{r: r, cols: append([]string(nil), header...)}
}

func (r *reader) next() (map[string]string, error) {
	rec, err := r.r.Read()
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(rec))
	for i, c := range r.cols {
		m[c] = rec[i]
	}
	return m, nil
}
