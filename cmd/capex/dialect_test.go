package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
)

// dialectCommands writes a CSV of every command that writes one.
var dialectCommands = [][]string{
	{"show", "amzn", "msft", "--calendar", "--from", "FY2025Q1"},
	{"show", "amzn", "--printed", "--from", "2025Q1"},
	{"show", "amzn", "googl", "--wide", "--columns", "yoy"},
	{"project", "amzn", "msft", "--annualize", "latest", "--annualize", "ytd", "--trend", "--total", "--unit", "billion", "--explain"},
	{"check", "../../testdata/published/claims.yaml"},
	{"companies"},
	{"metrics", "msft"},
}

// numericColumn reports whether a column of capex's CSV holds numbers.
func numericColumn(name string) bool {
	switch name {
	case "days", "months", "value", "ttm", "qoq", "yoy", "runrate", "base_value", "factor", "projection",
		"computed", "expected", "difference", "relative", "tolerance", "line", "figures", "cik":
		return true
	}
	return name == strings.ToUpper(name) // a wide view's series
}

// dialectCSV runs capex with args and the dialect's flags, returning the
// records read with the dialect's separator.
func dialectCSV(t *testing.T, comma bool, args ...string) [][]string {
	t.Helper()
	args = append(append([]string{}, args...), "-o", "csv")
	sep := ','
	if comma {
		args, sep = append(args, "--decimal-comma", "--bom"), ';'
	}
	out := run(t, args...)
	if comma && !bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		t.Fatalf("%v: no byte-order mark", args)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))))
	r.Comma = sep
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return recs
}

// Every numeric cell of every CSV capex writes follows the dialect: in
// both, each parses back as a number with the dialect's decimal mark, and
// the two dialects hold the same numbers.
func TestCSVDialectsParseBack(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, args := range dialectCommands {
		point, comma := dialectCSV(t, false, args...), dialectCSV(t, true, args...)
		if len(point) != len(comma) || len(point) < 2 {
			t.Fatalf("%v: %d and %d records", args, len(point), len(comma))
		}
		numbers := 0
		for i, head := range point[0] {
			if !numericColumn(head) {
				continue
			}
			for row := 1; row < len(point); row++ {
				p, c := point[row][i], comma[row][i]
				if p == "" && c == "" {
					continue
				}
				a, err1 := amount.ParseValue(p, amount.Options{})
				b, err2 := amount.ParseValue(c, amount.Options{Mark: amount.CommaMark})
				if err1 != nil || err2 != nil || !a.Equal(b) || strings.Contains(c, ".") {
					t.Errorf("%v: %s row %d: %q and %q (%v, %v)", args, head, row, p, c, err1, err2)
				}
				numbers++
			}
		}
		if numbers == 0 {
			t.Errorf("%v: no numeric cell", args)
		}
	}
}

// capex reads back its own CSV: long, printed and wide, in both dialects.
func TestOwnCSVReadsBack(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	for _, c := range []struct {
		write []string
		read  []string
	}{
		{[]string{"show", "amzn", "msft"}, []string{"show", "amzn", "msft"}},
		{[]string{"show", "amzn", "--printed"}, []string{"show", "amzn", "--printed"}},
		{[]string{"show", "amzn", "googl", "--wide"}, []string{"show", "amzn", "googl", "--wide"}},
		{[]string{"show", "msft", "--wide", "--gaps", "skip"}, []string{"show", "msft", "--wide", "--gaps", "skip"}},
	} {
		for _, comma := range []bool{false, true} {
			args := append(append([]string{}, c.write...), "-o", "csv")
			if comma {
				args = append(args, "--decimal-comma")
			}
			file := filepath.Join(dir, "own.csv")
			if err := os.WriteFile(file, run(t, args...), 0o644); err != nil {
				t.Fatal(err)
			}
			want := run(t, append(c.read, "-o", "csv")...)
			got := run(t, append(c.read, "-o", "csv", "--no-builtin", "--data", file)...)
			if c.read[len(c.read)-1] != "--printed" && !bytes.Equal(values(t, want), values(t, got)) {
				t.Errorf("%v read back:\n%s\nwant:\n%s", args, got, want)
			}
		}
	}
}

// values is a CSV's value cells (and the periods they are at), the part
// of a read-back that must equal the original: the quarters' values, or a
// wide view's series. (A TTM at the first quarters may differ: a view of
// quarters does not carry the year-to-date figures behind them.)
func values(t *testing.T, out []byte) []byte {
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, r := range recs[1:] {
		for i, head := range recs[0] {
			if head == "period" || head == "value" || head == strings.ToUpper(head) {
				b.WriteString(r[i] + " ")
			}
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// A spreadsheet round trip: LibreOffice opens each CSV as a user's
// spreadsheet would (US English for the default dialect, German for
// --decimal-comma --bom), saves it as a workbook, and every numeric cell
// is a number equal to capex's to 15 significant digits (a spreadsheet
// holds doubles), every date a date, every text cell the text. Skips
// where soffice (Debian libreoffice-calc-nogui) is absent.
func TestSpreadsheetRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (Debian package libreoffice-calc-nogui)")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	for _, dialect := range []struct {
		name   string
		comma  bool
		filter string // LibreOffice's CSV import: separator, quote, UTF-8, first line, locale
	}{
		{"en-US", false, "CSV:44,34,76,1,,1033"},
		{"de-DE", true, "CSV:59,34,76,1,,1031"},
	} {
		// One soffice run converts every command's CSV of the dialect.
		var names []string
		for i, args := range dialectCommands {
			args = append(append([]string{}, args...), "-o", "csv")
			if dialect.comma {
				args = append(args, "--decimal-comma", "--bom")
			}
			name := filepath.Join(dir, dialect.name+strconv.Itoa(i)+".csv")
			if err := os.WriteFile(name, run(t, args...), 0o644); err != nil {
				t.Fatal(err)
			}
			names = append(names, name)
		}
		cmd := exec.Command(soffice, append([]string{"--headless", "--infilter=" + dialect.filter, "--convert-to", "xlsx", "--outdir", dir}, names...)...)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		for i, args := range dialectCommands {
			recs := dialectCSV(t, dialect.comma, args...)
			name := names[i]
			sheet := readSheet(t, strings.TrimSuffix(name, ".csv")+".xlsx")
			for r, rec := range recs {
				for c, want := range rec {
					got := sheet[cellRef(c, r)]
					switch head := recs[0][c]; {
					case want == "":
					case r > 0 && numericColumn(head):
						w, _ := amount.ParseValue(want, amount.Options{Mark: map[bool]amount.Mark{true: amount.CommaMark}[dialect.comma]})
						g, err := decimal.NewFromString(got.value)
						if got.kind != "n" || err != nil || !close15(w, g) {
							t.Errorf("%s %v: %s %s = %q (%s), want the number %s", dialect.name, args, head, cellRef(c, r), got.value, got.kind, want)
						}
					case r > 0 && slices.Contains([]string{"start", "end", "base_start", "base_end", "target_start", "target_end", "filed", "as_of"}, head):
						if got.kind != "n" {
							t.Errorf("%s %v: %s %s = %q, want a date", dialect.name, args, head, cellRef(c, r), got.value)
						}
					default:
						if got.kind != "s" || got.value != want {
							t.Errorf("%s %v: %s %s = %q (%s), want the text %q", dialect.name, args, recs[0][c], cellRef(c, r), got.value, got.kind, want)
						}
					}
				}
			}
		}
	}
}

// close15 reports whether a spreadsheet's number g is capex's w as a
// double holds it: equal to 15 significant digits, within one unit of
// the 15th (the double is rounded once more when written).
func close15(w, g decimal.Decimal) bool {
	if w.IsZero() {
		return g.IsZero()
	}
	lead := int32(w.NumDigits()) + w.Exponent() - 1 // the exponent of w's first digit
	return w.Sub(g).Abs().LessThanOrEqual(decimal.New(1, lead-14))
}

func cellRef(col, row int) string {
	name := ""
	for col++; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name + strconv.Itoa(row+1)
}

// sheetCell is a cell as a spreadsheet saved it: its type (n or s), its
// value, and its formula if it has one.
type sheetCell struct{ kind, value, formula string }

// readSheet reads the first worksheet of an xlsx file: each cell's type
// (n or s), value and formula, shared strings resolved.
func readSheet(t *testing.T, path string) map[string]sheetCell {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	read := func(name string) []byte {
		f, err := z.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		return b
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(read("xl/sharedStrings.xml"), &sst); err != nil {
		t.Fatal(err)
	}
	strs := make([]string, len(sst.SI))
	for i, si := range sst.SI {
		strs[i] = si.T
		for _, r := range si.R {
			strs[i] += r.T
		}
	}
	var ws struct {
		Rows []struct {
			C []struct {
				R string `xml:"r,attr"`
				T string `xml:"t,attr"`
				V string `xml:"v"`
				F string `xml:"f"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.Unmarshal(read("xl/worksheets/sheet1.xml"), &ws); err != nil {
		t.Fatal(err)
	}
	cells := map[string]sheetCell{}
	num := regexp.MustCompile(`^-?[0-9.E+-]+$`)
	for _, row := range ws.Rows {
		for _, c := range row.C {
			switch {
			case c.T == "s":
				i, _ := strconv.Atoi(c.V)
				cells[c.R] = sheetCell{"s", strs[i], c.F}
			case num.MatchString(c.V):
				cells[c.R] = sheetCell{"n", c.V, c.F}
			}
		}
	}
	return cells
}
