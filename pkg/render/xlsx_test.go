package render

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// xlsxSample is a sheet of two companies' quarters, with formulas over
// their value cells, and a projection sheet with a total.
func xlsxSample() []*Table {
	d := decimal.RequireFromString
	cols := []Column{{Name: "company"}, {Name: "period"}, {Name: "start"}, {Name: "days", Kind: IntKind},
		{Name: "value", Unit: "USD million"}, {Name: "ttm", Unit: "USD million"}, {Name: "qoq"}, {Name: "runrate", Unit: "USD million"},
		{Name: "source"}, {Name: "note"}}
	ttm := Sum(Rows("value", -3, 0))
	qoq := NewFormula("({0}-{1})/{1}", At("value", 0), At("value", -1))
	run := NewFormula("{0}*4", At("value", 0))
	num := func(s string, f *Formula) Cell { c := Num(d(s)); c.Formula = f; return c }
	pct := func(s string, f *Formula) Cell { c := Percent(d(s)); c.Formula = f; return c }
	growth := NewRatioCell("10", "130", qoq) // (140 − 130) / 130, a quotient
	growth.Percent = true
	amzn := &Table{Sheet: "show", Columns: cols, Rows: [][]Cell{
		{Text("AMZN"), Text("2024Q1"), Text("2024-01-01"), Text("91"), num("100", nil), NA("before 2024Q1"), NA("before 2024Q1"), num("400", run), Text("https://example.com/q1?a=1&b=2"), Text("")},
		{Text("AMZN"), Text("2024Q2"), Text("2024-04-01"), Text("91"), num("110", nil), NA("before 2024Q1"), pct("0.1", qoq), num("440", run), Text("10-Q"), Text("")},
		{Text("AMZN"), Text("2024Q3"), Text("2024-07-01"), Text("92"), NA("missing 2024Q3"), NA("missing"), NA("missing"), NA("missing"), Text("=cmd|' /C calc'!A0"), Text("value: missing 2024Q3")},
		{Text("AMZN"), Text("2024Q4"), Text("2024-10-01"), Text("92"), num("130", nil), NA("missing"), NA("missing"), num("520", run), Text("javascript:alert(1)"), Text("")},
		// A TTM whose quarters are not all numbers in the sheet is a value.
		{Text("AMZN"), Text("2025Q1"), Text("2025-01-01"), Text("90"), num("140", nil), num("480", ttm), growth, num("560", run), Text("http://x y"), Text("@SUM(1+1)")},
	}}
	msft := &Table{Sheet: "show", Columns: cols, Rows: [][]Cell{
		// Growth whose previous quarter is in the block above is a value.
		{Text("MSFT"), Text("FY2025Q1"), Text("2024-07-01"), Text("92"), num("200", nil), NA("before"), pct("0.5", qoq), num("800", run), Text(""), Text("")},
		{Text("MSFT"), Text("FY2025Q2"), Text("2024-10-01"), Text("92"), num("300", nil), NA("before"), pct("0.5", qoq), num("1200", run), Text(""), Text("")},
	}}
	pcols := []Column{{Name: "company"}, {Name: "base_value"}, {Name: "factor"}, {Name: "projection"}}
	proj := NewFormula("{0}*{1}", At("base_value", 0), At("factor", 0))
	project := &Table{Sheet: "project", Columns: pcols, Rows: [][]Cell{
		{Text("AMZN"), num("27833", nil), NewRatioCell("4", "3", nil), NewRatioCell("111332", "3", proj)},
		{Text("MSFT"), num("22604", nil), num("4", nil), num("90416", proj)},
		{Text("TOTAL"), num("50437", Sum(At("base_value", -2), At("base_value", -1))), {}, NewRatioCell("382580", "3", Sum(At("projection", -2), At("projection", -1)))},
	}}
	return []*Table{amzn, msft, project}
}

// ratio is an exact fraction for tests, rounded as Exact cells are.
type ratio struct{ num, den decimal.Decimal }

func (r ratio) Decimal() decimal.Decimal           { return r.num.DivRound(r.den, 30) }
func (r ratio) Fixed(places int32) decimal.Decimal { return r.num.DivRound(r.den, places) }

// NewRatioCell is the exact quotient num/den as a cell, with a formula.
func NewRatioCell(num, den string, f *Formula) Cell {
	c := Exact(ratio{decimal.RequireFromString(num), decimal.RequireFromString(den)}, false)
	c.Formula = f
	return c
}

// openXLSX writes tables as a workbook and opens it with excelize.
func openXLSX(t *testing.T, tables []*Table, opt Options) *excelize.File {
	t.Helper()
	opt.Format = "xlsx"
	var buf bytes.Buffer
	if err := Write(&buf, tables, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// formatOf is the number format code of a cell, built-in ones by name.
func formatOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if s.CustomNumFmt != nil {
		return *s.CustomNumFmt
	}
	for code, n := range builtinFormats {
		if n == s.NumFmt {
			return code
		}
	}
	return fmt.Sprintf("builtin %d", s.NumFmt)
}

// asDouble is the double nearest an exact decimal, as a workbook holds it.
func asDouble(exact string) string {
	v, _ := double(exact)
	return v
}

func TestXLSXCells(t *testing.T) {
	f := openXLSX(t, xlsxSample(), Options{Decimals: -1})
	if got := f.GetSheetList(); strings.Join(got, ",") != "show,project" {
		t.Fatalf("sheets %q, want show and project", got)
	}
	q := ratio{decimal.RequireFromString("10"), decimal.RequireFromString("130")}.Decimal().String()
	third := ratio{decimal.RequireFromString("111332"), decimal.RequireFromString("3")}.Decimal().String()
	tests := []struct {
		sheet, cell string
		typ         excelize.CellType
		value       string // raw: a number's double, a string's text
		formula     string
		format      string
	}{
		{"show", "A1", excelize.CellTypeInlineString, "company", "", ""},
		{"show", "E1", excelize.CellTypeInlineString, "value (USD million)", "", ""},
		{"show", "A2", excelize.CellTypeInlineString, "AMZN", "", ""},
		{"show", "C2", excelize.CellTypeNumber, "45292", "", "yyyy-mm-dd"}, // 2024-01-01
		{"show", "D2", excelize.CellTypeNumber, "91", "", "0"},
		{"show", "E2", excelize.CellTypeNumber, "100", "", "#,##0"},
		{"show", "F2", excelize.CellTypeUnset, "", "", ""}, // n/a: empty
		{"show", "H2", excelize.CellTypeNumber, "400", "E2*4", "#,##0"},
		{"show", "G3", excelize.CellTypeNumber, "0.1", "(E3-E2)/E2", "0.0%"},
		{"show", "H4", excelize.CellTypeUnset, "", "", ""},
		{"show", "I4", excelize.CellTypeInlineString, "=cmd|' /C calc'!A0", "", ""}, // text, never a formula
		{"show", "G5", excelize.CellTypeUnset, "", "", ""},
		{"show", "F6", excelize.CellTypeNumber, "480", "", "#,##0"}, // E4 is empty: no SUM
		{"show", "G6", excelize.CellTypeNumber, asDouble(q), "(E6-E5)/E5", "0.0%"},
		{"show", "J6", excelize.CellTypeInlineString, "@SUM(1+1)", "", ""},
		{"show", "G7", excelize.CellTypeNumber, "0.5", "", "0.0%"}, // E6 is AMZN's: no formula
		{"show", "G8", excelize.CellTypeNumber, "0.5", "(E8-E7)/E7", "0.0%"},
		{"show", "H8", excelize.CellTypeNumber, "1200", "E8*4", "#,##0"},
		{"project", "C2", excelize.CellTypeNumber, "1.3333333333333333", "", "#,##0.00000000000000"},
		{"project", "D2", excelize.CellTypeNumber, asDouble(third), "B2*C2", "#,##0.0000000000"},
		{"project", "B4", excelize.CellTypeNumber, "50437", "SUM(B2,B3)", "#,##0"},
		{"project", "C4", excelize.CellTypeUnset, "", "", ""},
		{"project", "D4", excelize.CellTypeNumber, "127526.66666666667", "SUM(D2,D3)", "#,##0.000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.sheet+"!"+tt.cell, func(t *testing.T) {
			typ, err := f.GetCellType(tt.sheet, tt.cell)
			if err != nil {
				t.Fatal(err)
			}
			v, _ := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
			formula, _ := f.GetCellFormula(tt.sheet, tt.cell)
			if typ != tt.typ || v != tt.value || formula != tt.formula {
				t.Errorf("type %v value %q formula %q, want %v %q %q", typ, v, formula, tt.typ, tt.value, tt.formula)
			}
			if tt.value != "" {
				if got := formatOf(t, f, tt.sheet, tt.cell); got != tt.format {
					t.Errorf("format %q, want %q", got, tt.format)
				}
			}
		})
	}
	// Only an http(s) URL of a source is a link.
	for cell, want := range map[string]string{"I2": "https://example.com/q1?a=1&b=2", "I3": "", "I4": "", "I5": "", "I6": ""} {
		ok, target, err := f.GetCellHyperLink("show", cell)
		if err != nil || ok != (want != "") || target != want {
			t.Errorf("link at %s: %v %q %v, want %q", cell, ok, target, err, want)
		}
	}
	// The header is bold, frozen and the columns sized.
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, %v: want the header frozen", sheet, panes, err)
		}
		id, _ := f.GetCellStyle(sheet, "A1")
		if s, _ := f.GetStyle(id); s == nil || s.Font == nil || !s.Font.Bold {
			t.Errorf("%s: the header is not bold", sheet)
		}
		if w, _ := f.GetColWidth(sheet, "A"); w < 8 {
			t.Errorf("%s: column A is %v wide", sheet, w)
		}
	}
	if w, _ := f.GetColWidth("show", "I"); w < float64(len("https://example.com/q1?a=1&b=2")) {
		t.Errorf("the source column is %v wide", w)
	}
}

// Every formula recomputes, in excelize's own engine, to its cached
// value, what capex computed, to the 15 significant digits the engine
// gives.
func TestXLSXFormulasRecompute(t *testing.T) {
	f := openXLSX(t, xlsxSample(), Options{Decimals: -1})
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r := range rows {
			for c := range rows[r] {
				cell := cellName(c, r+1)
				if formula, _ := f.GetCellFormula(sheet, cell); formula == "" {
					continue
				}
				cached, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				got, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				a, err1 := strconv.ParseFloat(cached, 64)
				b, err2 := strconv.ParseFloat(got, 64)
				if err != nil || err1 != nil || err2 != nil || math.Abs(a-b) > 1e-14*math.Abs(a) {
					t.Errorf("%s!%s: recomputes to %q (%v), cached %q", sheet, cell, got, err, cached)
				}
				n++
			}
		}
	}
	if n != 13 {
		t.Errorf("%d formulas, want 13", n)
	}
}

// With --decimals, cells keep their whole value and show that many places.
func TestXLSXDecimals(t *testing.T) {
	f := openXLSX(t, xlsxSample(), Options{Decimals: 2})
	for cell, want := range map[string]string{"E2": "#,##0.00", "G3": "0.00%", "D2": "0"} {
		if got := formatOf(t, f, "show", cell); got != want {
			t.Errorf("%s: format %q, want %q", cell, got, want)
		}
	}
	if v, _ := f.GetCellValue("project", "C2", excelize.Options{RawCellValue: true}); v != "1.3333333333333333" {
		t.Errorf("C2 holds %q, want every digit a double has", v)
	}
}

// A text is written as it is, in a string cell, whatever it holds; one
// longer than a cell holds is an error, never cut.
func TestXLSXText(t *testing.T) {
	long := strings.Repeat("x", MaxCellChars)
	for _, s := range []string{"=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "=HYPERLINK(\"http://evil\",\"x\")", "a\x1b[31mb\x07", "_x0041_", "_x005F_",
		"bidi \u202egpj.exe", "line\nbreak", "cr\r\nlf", " lead and trail ", "\ufffe\uffff", "nul\x00", "_x0000\f", "_x0041\r_", "_x00e9\uffff", "emoji 🙂", long} {
		if got := textRoundTrip(t, s); got != s {
			t.Errorf("%.40q came back %.40q", s, got)
		}
	}
	var buf bytes.Buffer
	tab := TextTable([]string{"note"}, [][]string{{long + "y"}})
	err := Write(&buf, []*Table{tab}, Options{Format: "xlsx", Decimals: -1})
	var le *LimitError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "32,768 characters") || buf.Len() != 0 {
		t.Errorf("a text of 32,768 characters: %v, %d bytes written", err, buf.Len())
	}
	// Characters outside the BMP count twice, as Excel counts them.
	err = Write(&buf, []*Table{TextTable([]string{"note"}, [][]string{{strings.Repeat("🙂", MaxCellChars/2+1)}})}, Options{Format: "xlsx", Decimals: -1})
	if !errors.As(err, &le) {
		t.Errorf("16,384 emoji: %v", err)
	}
}

// textRoundTrip writes s as the one text cell of a workbook and reads it
// back with excelize.
func textRoundTrip(t *testing.T, s string) string {
	t.Helper()
	f := openXLSX(t, []*Table{TextTable([]string{"note"}, [][]string{{s}})}, Options{Decimals: -1})
	typ, _ := f.GetCellType("capex", "A2")
	formula, _ := f.GetCellFormula("capex", "A2")
	if typ != excelize.CellTypeInlineString || formula != "" {
		t.Errorf("%.40q: a %v cell, formula %q", s, typ, formula)
	}
	v, err := f.GetCellValue("capex", "A2", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func FuzzXLSXText(f *testing.F) {
	for _, s := range []string{"=cmd|' /C calc'!A0", "+SUM(A1)", "_x000D_", "a\x00b\x1bc", "\u202e", "\xff\xfe", "<t>&amp;</t>", "]]>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || utf16Len(s) > MaxCellChars {
			return
		}
		want := string([]rune(s)) // invalid UTF-8 becomes U+FFFD
		if got := textRoundTrip(t, s); got != want {
			t.Errorf("%q came back %q", s, got)
		}
	})
}

// A sheet holds at most MaxRows rows: one more is an error, and nothing
// is written.
func TestXLSXTooManyRows(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("writes a million rows")
	}
	var buf bytes.Buffer
	s, err := NewStream(&buf, Options{Format: "xlsx", Decimals: -1})
	if err != nil {
		t.Fatal(err)
	}
	s.Begin(&Table{Sheet: "show", Columns: []Column{{Name: "n"}}})
	one := []byte("1")
	for i := 2; i <= MaxRows; i++ {
		s.Num(one)
		if err := s.EndRow(); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	s.Num(one)
	err = s.EndRow()
	var le *LimitError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "more than 1,048,576 rows") {
		t.Fatalf("row %d: %v", MaxRows+1, err)
	}
	if err := s.Close(); err == nil || buf.Len() != 0 {
		t.Errorf("close: %v, %d bytes written", err, buf.Len())
	}
}

func TestXLSXTooManyColumns(t *testing.T) {
	cols := make([]string, MaxColumns+1)
	for i := range cols {
		cols[i] = "c" + strconv.Itoa(i)
	}
	var buf bytes.Buffer
	err := Write(&buf, []*Table{TextTable(cols, nil)}, Options{Format: "xlsx", Decimals: -1})
	var le *LimitError
	if !errors.As(err, &le) || buf.Len() != 0 {
		t.Errorf("%d columns: %v, %d bytes", len(cols), err, buf.Len())
	}
}

// Past MaxLinks links a sheet, a URL is text alone.
func TestXLSXLinkCap(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("writes 65,531 links")
	}
	rows := make([][]string, MaxLinks+1)
	for i := range rows {
		rows[i] = []string{"https://example.com/" + strconv.Itoa(i)}
	}
	f := openXLSX(t, []*Table{TextTable([]string{"source"}, rows)}, Options{Decimals: -1})
	last := cellName(0, MaxLinks+2)
	if ok, _, _ := f.GetCellHyperLink("capex", cellName(0, MaxLinks+1)); !ok {
		t.Error("link number 65,530 is missing")
	}
	if ok, _, _ := f.GetCellHyperLink("capex", last); ok {
		t.Error("link number 65,531 was made")
	}
	if v, _ := f.GetCellValue("capex", last); v != rows[MaxLinks][0] {
		t.Errorf("%s = %q", last, v)
	}
}

// Sheets are named as a workbook allows, uniquely.
func TestXLSXSheetNames(t *testing.T) {
	a := &Table{Sheet: "a/b:c", Columns: []Column{{Name: "x"}}}
	b := &Table{Sheet: "a/b:c", Columns: []Column{{Name: "y"}}}
	c := &Table{Sheet: strings.Repeat("n", 40), Columns: []Column{{Name: "x"}}}
	f := openXLSX(t, []*Table{a, b, c}, Options{Decimals: -1})
	want := "a_b_c,a_b_c (2)," + strings.Repeat("n", 31)
	if got := strings.Join(f.GetSheetList(), ","); got != want {
		t.Errorf("sheets %q, want %q", got, want)
	}
}

func TestDouble(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"27834", "27834"}, {"0.1", "0.1"}, {"-1234.5", "-1234.5"}, {"0", "0"},
		{"1.333333333333333333333333333333333", "1.3333333333333333"},
		{"0.9080065807513024403619413216342199", "0.9080065807513025"},
		{"123456789012345678901234", "1.2345678901234569E+23"}, {"0.0000001", "1E-07"},
	} {
		if got, err := double(tt.in); err != nil || got != tt.want {
			t.Errorf("double(%s) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	if _, err := double("1e400"); err == nil {
		t.Error("1e400 became a double")
	}
}

func TestExcelDate(t *testing.T) {
	for s, want := range map[string]int{"1900-03-01": 61, "2024-01-01": 45292, "2024-12-31": 45657, "9999-12-31": 2958465,
		"1900-02-28": 0, "2024-02-30": 0, "2024-1-01": 0, "20240101": 0, "2024-01-01x": 0} {
		if got := excelDate(s); got != want {
			t.Errorf("excelDate(%q) = %d, want %d", s, got, want)
		}
	}
}

// dumpXLSX lists a workbook's cells as text, for a golden file: each
// sheet, then each cell's name, type, number format, formula and value.
func dumpXLSX(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "sheet %s\n", sheet)
		rows, _ := f.GetRows(sheet)
		for r := range rows {
			for c := range rows[r] {
				cell := cellName(c, r+1)
				typ, _ := f.GetCellType(sheet, cell)
				if typ == excelize.CellTypeUnset {
					continue
				}
				v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				formula, _ := f.GetCellFormula(sheet, cell)
				kind := map[excelize.CellType]string{excelize.CellTypeNumber: "number", excelize.CellTypeInlineString: "text"}[typ]
				line := fmt.Sprintf("  %s %s %q", cell, kind, v)
				if kind == "number" {
					line += " " + formatOf(t, f, sheet, cell)
				}
				if formula != "" {
					line += " =" + formula
				}
				if ok, link, _ := f.GetCellHyperLink(sheet, cell); ok {
					line += " link " + link
				}
				b.WriteString(line + "\n")
			}
		}
	}
	if !utf8.Valid(b.Bytes()) {
		t.Fatal("dump is not UTF-8")
	}
	return b.Bytes()
}

// chunks keeps what is written, in order, across its blocks.
func TestChunks(t *testing.T) {
	var c chunks
	var want []byte
	for i := 0; len(want) < 3*chunkSize; i++ {
		p := bytes.Repeat([]byte{byte(i)}, (i*7919)%(chunkSize/3)+1)
		if n, err := c.Write(p); n != len(p) || err != nil {
			t.Fatalf("wrote %d of %d: %v", n, len(p), err)
		}
		want = append(want, p...)
	}
	if got := bytes.Join(c, nil); !bytes.Equal(got, want) || len(c) != 4 {
		t.Errorf("%d blocks hold %d bytes, want %d", len(c), len(got), len(want))
	}
}
