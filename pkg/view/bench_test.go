package view

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// universe is a dataset of companies × quarters, as the benchmark's
// generator makes.
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

func BenchmarkShowRows(b *testing.B) {
	d := universe(b, 100, 80)
	opts := ShowOptions{Metric: "capex", Columns: calc.DefaultColumns()}
	b.ReportAllocs()
	for b.Loop() {
		s, err := render.NewStream(io.Discard, render.Options{Format: "csv", Decimals: -1})
		if err != nil {
			b.Fatal(err)
		}
		if err := Show(s, d, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// TestShowParallel checks that writing many companies with a worker per
// CPU gives the bytes that writing them one by one gives.
func TestShowParallel(t *testing.T) {
	d := universe(t, 300, 20)
	opts := ShowOptions{Metric: "capex", Columns: calc.Columns}
	show := func(format string, batch int) string {
		old := showBatch
		defer func() { showBatch = old }()
		showBatch = batch
		var b strings.Builder
		s, err := render.NewStream(&b, render.Options{Format: format, Decimals: -1})
		if err != nil {
			t.Fatal(err)
		}
		if err := Show(s, d, opts); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	// Lines: CSV and TSV a header and 20 rows a company; a table a title
	// line, a header, a rule and the rows, blocks a blank line apart; the
	// first companies of a table are laid out by tablewriter, the parts'
	// by layout; JSON a line for each of a row's 20 fields, its braces,
	// and the array's.
	for format, lines := range map[string]int{"csv": 6001, "tsv": 6001, "table": 300*24 - 1, "markdown": 300*25 - 1, "json": 6000*22 + 2} {
		par, seq := show(format, 7), show(format, 1<<30)
		if par != seq {
			t.Errorf("%s: parallel output differs from sequential", format)
		}
		if n := strings.Count(par, "\n"); n != lines {
			t.Errorf("%s: %d lines, want %d", format, n, lines)
		}
	}
}

// BenchmarkShowFormats shows 8,000 rows in each format, for the costs
// of the formats beside CSV's.
func BenchmarkShowFormats(b *testing.B) {
	d := universe(b, 100, 80)
	opts := ShowOptions{Metric: "capex", Columns: calc.DefaultColumns()}
	for _, f := range render.FormatNames() {
		b.Run(f, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := render.NewStream(io.Discard, render.Options{Format: f, Decimals: -1})
				if err != nil {
					b.Fatal(err)
				}
				if err := Show(s, d, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestShowRowTails checks the writer's cache of row tails (unit,
// currency, calendar, origin, filed date, notes, definition): companies
// shown together, one after another or in parallel parts, get the rows
// each gets shown alone with every row's tail encoded afresh. The
// companies start at different quarters (so their first rows' notes
// differ), in other units, currencies, calendars and definitions, some
// rows with a source: more tails than the cache holds, each met again.
func TestShowRowTails(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("company,period,value,unit,currency,fiscal_year_end,definition,source\n")
	var tickers []string
	for c := range 30 {
		ticker := fmt.Sprintf("T%02d", c)
		tickers = append(tickers, ticker)
		unit := []string{"million", "billion"}[c%2]
		currency := []string{"USD", "EUR", "JPY"}[c%3]
		fye := []string{"12-31", "06-30"}[c/3%2]
		definition := []string{"gross", "net of proceeds"}[c/6%2]
		for q := c % 5; q < 12; q++ {
			source := ""
			if c%4 == 0 && q%3 == 0 {
				source = fmt.Sprintf("0000-%02d-%06d", c, q)
			}
			fmt.Fprintf(&sb, "%s,%dQ%d,%d.5,%s,%s,%s,%s,%s\n", ticker, 2020+q/4, q%4+1, 100+c+q, unit, currency, fye, definition, source)
		}
	}
	d := dataset(t, sb.String())
	show := func(tickers []string, batch int) string {
		old := showBatch
		defer func() { showBatch = old }()
		showBatch = batch
		var b strings.Builder
		s, err := render.NewStream(&b, render.Options{Format: "csv", Decimals: -1})
		if err != nil {
			t.Fatal(err)
		}
		if err := Show(s, d, ShowOptions{Tickers: tickers, Metric: "capex", Columns: calc.Columns}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var alone strings.Builder
	encodeEveryTail = true
	t.Cleanup(func() { encodeEveryTail = false }) // should show fail
	for i, ticker := range tickers {
		out := show([]string{ticker}, 1<<30)
		if i > 0 {
			_, out, _ = strings.Cut(out, "\n") // the header once
		}
		alone.WriteString(out)
	}
	encodeEveryTail = false
	checkRowNotes(t, alone.String())
	if got := show(tickers, 1<<30); got != alone.String() {
		t.Errorf("shown together:\n%s\nshown one by one:\n%s", got, alone.String())
	}
	if got := show(tickers, 2); got != alone.String() {
		t.Errorf("shown in parallel parts:\n%s\nshown one by one:\n%s", got, alone.String())
	}
}

// checkRowNotes holds the note of each row of CSV output (of series
// without 52/53-week calendars) to its cells, as an oracle of its own:
// a row notes each calculation it leaves empty, first its column's name,
// and nothing else.
func checkRowNotes(t *testing.T, out string) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("CSV output: %v, %d rows", err, len(rows))
	}
	header, note := rows[0], slices.Index(rows[0], "note")
	var computed []int
	for _, c := range calc.Columns {
		computed = append(computed, slices.Index(header, c.Name))
	}
	for _, row := range rows[1:] {
		var want []string
		for _, i := range computed {
			if row[i] == "" {
				want = append(want, header[i]+": ")
			}
		}
		notes := strings.Split(row[note], "; ")
		if row[note] == "" {
			notes = nil
		}
		ok := len(notes) == len(want)
		for i := 0; ok && i < len(want); i++ {
			ok = strings.HasPrefix(notes[i], want[i])
		}
		if !ok {
			t.Errorf("%s %s: note %q for empty cells %q", row[0], row[2], row[note], want)
		}
	}
}
