package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// layoutCases are the cells that could lay out differently: empty ones,
// spaces at either end, wide (CJK) and combining characters, emoji,
// escapes as Visible writes them, numbers and n/a.
var layoutCases = []string{
	"", " ", "  x", "x  ", "a b", "AMZN", "2024Q4", "2024-10-01", "27,834", "-29.70%", "n/a: before 2022Q4",
	"10-Q 0001018724-24-000161 filed 2024-11-01", "Amazon.com, Inc.", "日本語", "株式会社", "é", "e\u0301", "👍", "🇯🇵",
	`\x1b[31m`, `\u202e`, "…", "FY2025 131,819 − 9M 2025 92,297", "x|y", "111,336.123456789", "—",
	"   ", "\u00a0x\u00a0", "\u3000全角\u3000", "a\u200db", "한국어", "Ω", "ﬁ", "x\u0300\u0301", "🧑‍💻", "Amazon Q4 2025 earnings release dated 2026-02-05 (Business …",
}

func lay(f func(w *bufio.Writer, cols []Column, cells []string), cols []Column, cells []string) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	f(w, cols, cells)
	w.Flush()
	return b.String()
}

// TestLayoutMatchesTablewriter holds layout, which lays out the rows of
// large tables, to tablewriter's output on random blocks of the cells
// above: they must write the same bytes.
func TestLayoutMatchesTablewriter(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tw := func(w *bufio.Writer, cols []Column, cells []string) {
		if err := tablewriterLayout(w, cols, cells); err != nil {
			t.Fatal(err)
		}
	}
	names := []string{"company", "period", "value", "v", "ttm", "source", "日付", "a_very_long_column_name"}
	for n := 0; n < 3000; n++ {
		ncols := 1 + rng.IntN(6)
		cols := make([]Column, ncols)
		for j := range cols {
			cols[j] = Column{Name: names[rng.IntN(len(names))], Right: rng.IntN(2) == 0}
		}
		nrows := rng.IntN(5)
		cells := make([]string, nrows*ncols)
		for i := range cells {
			cells[i] = layoutCases[rng.IntN(len(layoutCases))]
		}
		got, want := lay(layout, cols, cells), lay(tw, cols, cells)
		if got != want {
			var hdr []string
			for _, c := range cols {
				hdr = append(hdr, c.Name+map[bool]string{true: ">", false: "<"}[c.Right])
			}
			t.Fatalf("columns %v, cells %q:\nlayout:\n%s\ntablewriter:\n%s", hdr, cells, got, want)
		}
	}
}

// A table past tablewriterRows is laid out by layout from then on; the
// whole output is what tablewriter alone writes.
func TestTextTableLarge(t *testing.T) {
	tables := make([]*Table, 0, 60)
	for b := 0; b < 60; b++ {
		tb := &Table{Title: "block", Columns: []Column{{Name: "period"}, {Name: "value", Right: true}, {Name: "source", MaxWidth: 10}, {Name: "note", Long: true}}}
		for i := 0; i < 40+b; i++ {
			tb.Rows = append(tb.Rows, []Cell{Text("2024Q" + string(rune('1'+i%4))), NumText(strings.Repeat("9", 1+i%9) + ".5"),
				Text(layoutCases[(b+i)%len(layoutCases)]), Text("long")})
		}
		tb.Notes = []string{"a note"}
		tables = append(tables, tb)
	}
	write := func() string {
		var b bytes.Buffer
		if err := Write(&b, tables, Options{Decimals: -1}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	mixed := write()
	defer func(n int) { tablewriterRows = n }(tablewriterRows)
	tablewriterRows = 1 << 30
	if all := write(); mixed != all {
		t.Errorf("the table differs once layout takes over (%d and %d bytes)", len(mixed), len(all))
	}
	if !strings.Contains(mixed, "9,999.5") {
		t.Error("numbers are not grouped")
	}
}

func TestAppendPercent(t *testing.T) {
	for in, want := range map[string]string{
		"0.420": "42.0", "-0.2970": "-29.70", "0.05": "5", "1.00": "100", "12.345": "1,234.5", "0.000": "0.0", "-0.001": "-0.1", "0.00": "0",
		"-12.3456": "-1,234.56", "1234.5678": "123,456.78", "10.00": "1,000", "0.0012345678901234567890123456789012345": "0.12345678901234567890123456789012345",
	} {
		if got := string(appendPercent([]byte("x"), []byte(in))); got != "x"+want {
			t.Errorf("appendPercent(%s) = %s, want x%s", in, got, want)
		}
	}
}

// TestAppendJSONString holds the JSON string writer to json.Marshal.
func TestAppendJSONString(t *testing.T) {
	cases := []string{"", "AMZN", `a"b\c`, "<a href='x'>&</a>", "\x00\x01\x1f\x7f", "\b\f\n\r\t", "é日本👍", "\u2028\u2029",
		"\xff\xfe", "a\xc3", "\xed\xa0\x80", "=cmd|' /c calc'!A1", "\u202e", "tab\there"}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("aZ09 \"\\<>&\x00\x1f\x7f\xc3\xa9\xe2\x80\xa8\xe6\x97\xa5\xff\xf0\x9f\x91\x8d")
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(12))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, json.Marshal gives %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("a\"<\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, json.Marshal gives %s", s, got, want)
		}
	})
}

func TestFit(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 3, "abc"}, {"abcd", 3, "ab…"}, {"héllo", 5, "héllo"}, {"héllo", 4, "hél…"}, {"", 1, ""}, {"a\xffbc", 3, "a\ufffd…"},
	} {
		if got := fit(c.in, c.w); got != c.want {
			t.Errorf("fit(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
	}
}

func TestAppendPercentAllocs(t *testing.T) {
	dst, in := make([]byte, 0, 64), []byte("-12.3456")
	if n := testing.AllocsPerRun(100, func() { appendPercent(dst[:0], in) }); n != 0 {
		t.Errorf("appendPercent allocates %v times", n)
	}
}
