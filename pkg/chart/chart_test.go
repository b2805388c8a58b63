package chart

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// num is a present value; na a missing one.
func num(s string) Value { return Value{D: decimal.RequireFromString(s), OK: true} }

var na = Value{}

func capex2() Chart {
	return Chart{
		Title:  "AMZN, MSFT capex (USD million)",
		Unit:   "million",
		Series: []string{"AMZN", "MSFT"},
		Rows: []Row{
			{Label: "2024Q4", Values: []Value{num("27834"), num("15804")}},
			{Label: "2025Q1", Values: []Value{num("25019"), num("16745")}},
			{Label: "2025Q2", Values: []Value{num("32183"), na}},
			{Label: "2025Q3", Values: []Value{num("35095"), num("19394")}},
		},
	}
}

func capex1() Chart {
	return Chart{
		Title:  "AMZN capex (USD million)",
		Unit:   "million",
		Series: []string{"AMZN"},
		Rows: []Row{
			{Label: "2024Q1", Values: []Value{num("14925")}},
			{Label: "2024Q2", Values: []Value{num("17620")}},
			{Label: "2024Q3", Values: []Value{num("22620")}},
			{Label: "2024Q4", Values: []Value{num("27834")}},
			{Label: "2025Q1", Values: []Value{num("25019")}},
			{Label: "2025Q2", Values: []Value{num("32183")}},
		},
	}
}

// negative has a refund quarter, a zero, a fraction and a missing value.
func negative() Chart {
	return Chart{
		Title:  "XYZ capex, net of disposals (USD million)",
		Unit:   "million",
		Series: []string{"XYZ"},
		Rows: []Row{
			{Label: "2024Q1", Values: []Value{num("5120")}},
			{Label: "2024Q2", Values: []Value{num("-1234.5")}},
			{Label: "2024Q3", Values: []Value{num("0")}},
			{Label: "2024Q4", Values: []Value{na}},
			{Label: "2025Q1", Values: []Value{num("7830.25")}},
		},
	}
}

func negativeOnly() Chart {
	return Chart{
		Title:  "Refunds (USD million)",
		Unit:   "million",
		Series: []string{"XYZ", "ABC"},
		Rows: []Row{
			{Label: "2024Q1", Values: []Value{num("-120"), num("-75")}},
			{Label: "2024Q2", Values: []Value{num("-480"), num("0")}},
		},
	}
}

func threeSeries() Chart {
	c := capex2()
	c.Title = "AMZN, MSFT, GOOGL capex (USD million)"
	c.Series = append(c.Series, "GOOGL")
	for i, v := range []Value{num("14276"), num("17197"), num("22446"), num("23953")} {
		c.Rows[i].Values = append(c.Rows[i].Values, v)
	}
	return c
}

// longNames needs its labels and names cut at width 40.
func longNames() Chart {
	return Chart{
		Title:  "Hyperscaler capital expenditure per calendar quarter (USD million)",
		Unit:   "million",
		Series: []string{"Amazon.com, Inc.", "Microsoft Corporation"},
		Rows: []Row{
			{Label: "CY2024Q4 (restated)", Values: []Value{num("27834"), num("15804")}},
			{Label: "CY2025Q1", Values: []Value{num("25019"), num("16745")}},
		},
	}
}

// TestGolden draws the sample charts and compares with testdata/*.golden
// (go test -update rewrites them).
func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		c    Chart
		opt  Options
	}{
		{"single", capex1(), Options{}},
		{"two-series-missing", capex2(), Options{Width: 80}},
		{"negative", negative(), Options{Width: 72}},
		{"negative-only", negativeOnly(), Options{Width: 50}},
		{"color", threeSeries(), Options{Width: 70, Color: true}},
		{"narrow-40", longNames(), Options{Width: 40}},
		{"empty", Chart{Title: "AMZN capex (USD million)", Series: []string{"AMZN"}}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.c, tt.opt); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("output differs from %s:\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}

// TestBarEighths checks the scaling against numbers worked out by hand.
func TestBarEighths(t *testing.T) {
	tests := []struct {
		v, full string
		cells   int
		want    int
	}{
		// 27,834 × 40 cells × 8 = 8,906,880; / 40,000 = 222.672, truncated
		// to 222 eighths = 27 full cells (216) + 6 eighths ("▊").
		{"27834", "40000", 40, 222},
		{"40000", "40000", 40, 320},   // full scale fills every cell
		{"-27834", "40000", 40, 222},  // length of a negative bar
		{"20000", "50000", 58, 185},   // 20,000 × 464 / 50,000 = 185.6
		{"0.004999", "0.005", 10, 79}, // 79.984: never rounds up
		{"1", "40000", 40, 0},         // 0.008 eighths: no bar
		{"0", "40000", 40, 0},
		{"27834", "0", 40, 0},  // zero scale: no division
		{"27834", "-1", 40, 0}, // nonsense scale: no bar
		{"27834", "40000", 0, 0},
	}
	for _, tt := range tests {
		got := barEighths(decimal.RequireFromString(tt.v), tt.cells, decimal.RequireFromString(tt.full))
		if got != tt.want {
			t.Errorf("barEighths(%s, %d, %s) = %d, want %d", tt.v, tt.cells, tt.full, got, tt.want)
		}
	}
	if got, want := blocks(222), strings.Repeat("█", 27)+"▊"; got != want {
		t.Errorf("blocks(222) = %q, want %q", got, want)
	}
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		e    int
		want string
	}{
		{-3, ""}, {0, ""}, {1, "▏"}, {2, "▎"}, {3, "▍"}, {4, "▌"}, {5, "▋"}, {6, "▊"}, {7, "▉"},
		{8, "█"}, {15, "█▉"}, {16, "██"}, {17, "██▏"},
	}
	for _, tt := range tests {
		if got := blocks(tt.e); got != tt.want {
			t.Errorf("blocks(%d) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestSpark(t *testing.T) {
	tests := []struct {
		name string
		vs   []Value
		want string
	}{
		{"empty", nil, ""},
		// Level = (v - low) × 7 / (high - low), rounded half up.
		{"one step each", []Value{num("0"), num("1"), num("2"), num("3"), num("4"), num("5"), num("6"), num("7")}, "▁▂▃▄▅▆▇█"},
		// low is min(0, smallest) = 0, so values far from zero stay near
		// the top: 90 × 7 / 100 = 6.3 → ▇; 50 × 7 / 100 = 3.5 → 4 (▅).
		{"far from zero", []Value{num("100"), num("90"), num("50")}, "█▇▅"},
		{"missing is a space", []Value{num("1"), na, num("2")}, "▅ █"}, // 3.5 → 4
		{"all missing", []Value{na, na}, "  "},
		{"all equal", []Value{num("27834"), num("27834")}, "██"},
		{"single value", []Value{num("5")}, "█"},
		{"all zero", []Value{num("0"), num("0.00")}, "▁▁"},
		{"all equal negative", []Value{num("-3"), num("-3")}, "██"},
		// low -3, high 8: (1+3) × 7 / 11 = 2.55 → 3, (2+3) × 7 / 11 = 3.18 → 3.
		{"negatives", []Value{num("1"), num("2"), na, num("-3"), num("8")}, "▄▄ ▁█"},
		// low -4, high -1: (-2+4) × 7 / 3 = 4.67 → 5.
		{"all negative", []Value{num("-4"), num("-2"), num("-1")}, "▁▆█"},
		// 0.1 × 7 / 0.4 = 1.75 → 2; 0.35 × 7 / 0.4 = 6.125 → 6.
		{"fractions", []Value{num("0.1"), num("0.35"), num("0.4")}, "▃▇█"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spark(tt.vs); got != tt.want {
				t.Errorf("Spark = %q, want %q", got, tt.want)
			}
			if n := utf8.RuneCountInString(Spark(tt.vs)); n != len(tt.vs) {
				t.Errorf("Spark has %d runes for %d values", n, len(tt.vs))
			}
		})
	}
}

func TestNiceMax(t *testing.T) {
	tests := []struct{ in, want string }{
		{"27834", "50000"},
		{"35095", "50000"},
		{"25000", "25000"},
		{"24999.99", "25000"},
		{"20001", "25000"},
		{"15804", "20000"},
		{"10000", "10000"},
		{"10000.01", "20000"},
		{"1", "1"},
		{"1.5", "2"},
		{"2.1", "2.5"},
		{"3", "5"},
		{"5.01", "10"},
		{"99", "100"},
		{"101", "200"},
		{"0.003", "0.005"},
		{"0.00100", "0.001"},
		{"1234.5", "2000"},
		{"1000000000000000", "1000000000000000"}, // 10^15 exactly
		{"0", "1"},                               // never a zero scale
		{"-5", "1"},
	}
	for _, tt := range tests {
		got := NiceMax(decimal.RequireFromString(tt.in))
		if !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("NiceMax(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestGroup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"12", "12"},
		{"123", "123"},
		{"1234", "1,234"},
		{"1234.5", "1,234.5"},
		{"27834", "27,834"},
		{"123456", "123,456"},
		{"1234567.25", "1,234,567.25"},
		{"0.0001234", "0.0001234"},
		{"-1", "-1"},
		{"-123", "-123"},
		{"-1234.5", "-1,234.5"},
		{"-123456789", "-123,456,789"},
		{"123062.6666666666666666666666666667", "123,062.6666666666666666666666666667"},
	}
	for _, tt := range tests {
		// Through the decimal, as Write does: its String is what is grouped.
		if got := valueText(num(tt.in)); got != tt.want {
			t.Errorf("valueText(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := valueText(na); got != "n/a" {
		t.Errorf("missing value text = %q", got)
	}
}

var sgrPattern = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestWidth draws every sample at many widths, with and without colour,
// and checks that no line is wider than the width.
func TestWidth(t *testing.T) {
	charts := []Chart{capex1(), capex2(), negative(), negativeOnly(), threeSeries(), longNames(),
		{Title: strings.Repeat("long title ", 20), Series: []string{"A"}}}
	for _, c := range charts {
		for _, width := range []int{-1, 0, 1, 2, 5, 10, 15, 20, 25, 30, 33, 40, 41, 57, 80, 81, 120, 200} {
			for _, color := range []bool{false, true} {
				var buf bytes.Buffer
				if err := Write(&buf, c, Options{Width: width, Color: color}); err != nil {
					t.Fatal(err)
				}
				limit := width
				if limit <= 0 {
					limit = 80
				}
				for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
					visible := sgrPattern.ReplaceAllString(line, "")
					if n := utf8.RuneCountInString(visible); n > limit {
						t.Errorf("%q width %d color %v: line of %d runes: %q", c.Title, width, color, n, line)
					}
					if !color && strings.ContainsRune(line, '\x1b') {
						t.Errorf("%q width %d: escape without colour: %q", c.Title, width, line)
					}
					if line != strings.TrimRight(line, " ") {
						t.Errorf("%q width %d: trailing space: %q", c.Title, width, line)
					}
				}
			}
		}
	}
}

// TestNumbersWhole checks that at ordinary widths every value is printed
// whole, and the bars keep at least minArea cells by cutting labels.
func TestNumbersWhole(t *testing.T) {
	for _, c := range []Chart{capex1(), capex2(), negative(), negativeOnly(), threeSeries(), longNames()} {
		for _, width := range []int{30, 40, 80} {
			lines := render(c, Options{Width: width})
			data := lines[len(lines)-len(c.Rows)*len(c.Series):]
			for i, line := range data {
				v := valueAt(c.Rows[i/len(c.Series)], i%len(c.Series))
				if !strings.HasSuffix(line, valueText(v)) {
					t.Errorf("%q width %d: line %q does not end with %q", c.Title, width, line, valueText(v))
				}
			}
			if l := newLayout(c, width, false); l.area < minArea {
				t.Errorf("%q width %d: bar area %d < %d", c.Title, width, l.area, minArea)
			}
		}
	}
}

// TestScaleFits checks, over many extremes and areas, that the largest
// bar on each side fits in that side's cells.
func TestScaleFits(t *testing.T) {
	mags := []string{"0", "0.3", "1", "7", "99", "1234.5", "27834", "40000", "50001", "9999999"}
	for _, p := range mags {
		for _, n := range mags {
			for area := 1; area <= 70; area++ {
				maxPos, maxNeg := decimal.RequireFromString(p), decimal.RequireFromString(n)
				s := newScale(maxPos, maxNeg, area)
				if s.zero < 0 || s.zero > area {
					t.Fatalf("pos %s neg %s area %d: zero column %d", p, n, area, s.zero)
				}
				if e := barEighths(maxPos, s.num, s.den); e > 8*(area-s.zero) {
					t.Errorf("pos %s neg %s area %d: %d eighths right of column %d", p, n, area, e, s.zero)
				}
				if e := barEighths(maxNeg, s.num, s.den); e/8 > s.zero {
					t.Errorf("pos %s neg %s area %d: %d cells left of column %d", p, n, area, e/8, s.zero)
				}
				if maxNeg.IsPositive() && area >= 2 && (s.zero < 1 || (maxPos.IsPositive() && s.zero > area-1)) {
					t.Errorf("pos %s neg %s area %d: a side has no cell (zero %d)", p, n, area, s.zero)
				}
			}
		}
	}
}

// TestLines checks the columns: the row label only on the first line of
// its group, the name column only with several series, and bars aligned.
func TestLines(t *testing.T) {
	lines := render(capex2(), Options{Width: 80})
	want := []string{
		"AMZN, MSFT capex (USD million)",
		"█ AMZN  ▓ MSFT",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i, lines[i], w)
		}
	}
	if !strings.HasSuffix(lines[2], "50,000 million") || !strings.HasPrefix(strings.TrimSpace(lines[2]), "0 ") {
		t.Errorf("axis = %q", lines[2])
	}
	data := lines[3:]
	rows := capex2().Rows
	for i, line := range data {
		want := rows[i/2].Label + "  AMZN  " // the label heads its group
		if i%2 == 1 {
			want = "        MSFT  "
		}
		if !strings.HasPrefix(line, want) {
			t.Errorf("line %q does not start with %q", line, want)
		}
	}
	if data[5] != "        MSFT  n/a" {
		t.Errorf("missing value line = %q", data[5])
	}
	if !strings.HasPrefix(data[1], "        MSFT  ▓") || strings.ContainsAny(data[1], "▏▎▍▌▋▊▉") {
		t.Errorf("second series must use whole ▓ cells: %q", data[1])
	}

	single := render(capex1(), Options{Width: 80})
	if len(single) != 2+len(capex1().Rows) {
		t.Fatalf("single series: %d lines, want title, axis and rows (no legend)", len(single))
	}
	for i, line := range single[2:] {
		if want := capex1().Rows[i].Label + "  █"; !strings.HasPrefix(line, want) {
			t.Errorf("single series line %q does not start with %q", line, want)
		}
	}
}

// TestNegative checks that negative bars end just left of the zero column
// and positive bars start at it, and that the axis shows both extremes.
func TestNegative(t *testing.T) {
	c := negative()
	l := newLayout(c, 72, false)
	if l.sc.zero < 1 {
		t.Fatalf("zero column %d: negatives have no room", l.sc.zero)
	}
	zeroCol := l.prefixWidth() + l.sc.zero
	lines := render(c, Options{Width: 72})
	axis := lines[1]
	for _, label := range []string{"-2,000", "0", "10,000"} {
		if !strings.Contains(axis, label) {
			t.Errorf("axis %q lacks %q", axis, label)
		}
	}
	if r := []rune(axis); r[zeroCol] != '0' {
		t.Errorf("axis %q: no 0 at column %d", axis, zeroCol)
	}
	for _, line := range lines[2:] {
		r := []rune(line)
		first := strings.IndexFunc(line, func(c rune) bool { return c == '█' })
		if first < 0 {
			// No bar: the text starts at the zero column.
			if r[zeroCol-1] != ' ' || r[zeroCol] == ' ' {
				t.Errorf("%q: text not at column %d", line, zeroCol)
			}
			continue
		}
		start := utf8.RuneCountInString(line[:first])
		if strings.Contains(line, " -") {
			end := strings.LastIndex(line, "█")
			if endCol := utf8.RuneCountInString(line[:end]); endCol != zeroCol-1 {
				t.Errorf("%q: negative bar ends at %d, want %d", line, endCol, zeroCol-1)
			}
		} else if start != zeroCol {
			t.Errorf("%q: positive bar starts at %d, want %d", line, start, zeroCol)
		}
	}
	// Scale: -2,000 … 10,000 over the area. -1,234.5 must draw whole
	// cells only.
	if strings.ContainsAny(lines[3], "▏▎▍▌▋▊▉") {
		t.Errorf("negative bar has a partial block: %q", lines[3])
	}
}

func TestColor(t *testing.T) {
	lines := render(threeSeries(), Options{Width: 70, Color: true})
	if want := "\x1b[32m█\x1b[0m AMZN  \x1b[34m█\x1b[0m MSFT  \x1b[33m█\x1b[0m GOOGL"; lines[1] != want {
		t.Errorf("legend = %q, want %q", lines[1], want)
	}
	for i, line := range lines[3:] {
		if strings.HasSuffix(line, "n/a") {
			if strings.Contains(line, "\x1b") {
				t.Errorf("missing value painted: %q", line)
			}
			continue
		}
		want := sgr(i % 3)
		if strings.Count(line, want) != 1 || strings.Count(line, sgrReset) != 1 || strings.Index(line, want) > strings.Index(line, sgrReset) {
			t.Errorf("line %q: want one %q … reset", line, want)
		}
		if strings.ContainsAny(line, "▓▒░") {
			t.Errorf("colour lines use █: %q", line)
		}
	}
	if got := sgr(6); got != "\x1b[32m" {
		t.Errorf("colours do not cycle: %q", got)
	}
}

func TestEmpty(t *testing.T) {
	tests := []struct {
		name string
		c    Chart
		want string
	}{
		{"no rows", Chart{Title: "T", Series: []string{"A"}}, "T\n(no data)\n"},
		{"no series", Chart{Title: "T", Rows: []Row{{Label: "2024Q4"}}}, "T\n(no data)\n"},
		{"no title", Chart{}, "(no data)\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, tt.c, Options{}); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, buf.String(), tt.want)
		}
	}
}

// TestAllZeroOrMissing must not divide by zero.
func TestAllZeroOrMissing(t *testing.T) {
	c := Chart{Series: []string{"A", "B"}, Rows: []Row{{Label: "Q1", Values: []Value{num("0"), na}}, {Label: "Q2"}}}
	lines := render(c, Options{Width: 40})
	want := []string{
		"█ A  ▓ B",
		"       0             0.5           1",
		"Q1  A  0",
		"    B  n/a",
		"Q2  A  n/a",
		"    B  n/a",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"abcd", 1, "…"},
		{"\x1b[32m███\x1b[0m 12", 6, "\x1b[32m███\x1b[0m 12"},
		{"\x1b[32m█████\x1b[0m 12", 4, "\x1b[32m███…\x1b[0m"},
		{"\x1b[x", 2, "\x1b…"}, // not an escape: counted as text
	}
	for _, tt := range tests {
		if got := clip(tt.s, tt.width); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
	if got := fit("CY2024Q4 (restated)", 8); got != "CY2024Q…" {
		t.Errorf("fit = %q", got)
	}
	if got := fit("Q1", 4); got != "Q1  " {
		t.Errorf("fit = %q", got)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := Write(failWriter{}, capex2(), Options{}); err == nil || err.Error() != "disk full" {
		t.Errorf("Write error = %v, want the writer's", err)
	}
}

// TestNoFloat keeps floating point out of the package: all scaling is
// exact decimal arithmetic.
func TestNoFloat(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, word := range []string{"float32", "float64"} {
			if bytes.Contains(src, []byte(word)) {
				t.Errorf("%s contains %s", f, word)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source files checked")
	}
}
