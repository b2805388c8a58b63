package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sample() []*Table {
	d := decimal.RequireFromString
	cols := []Column{{Name: "company", Long: true}, {Name: "period"}, {Name: "value", Right: true}, {Name: "factor", Right: true},
		{Name: "yoy", Right: true}, {Name: "source", MaxWidth: 20}}
	return []*Table{
		{
			Title:   "AMZN capex: Purchases of property and equipment (USD million)",
			Columns: cols,
			Rows: [][]Cell{
				{Text("AMZN"), Text("2024Q4"), Num(d("27834")), Text("4"), Percent(d("0.9080065807513024403619413216342199")), Text("release, p. 7")},
				{Text("AMZN"), Text("2025Q3"), Num(d("123062.6666666666666666666666666667")), Text("4/3"), NA("zero base"), Text(`said "about" | "roughly"`)},
				{Text("AMZN"), Text("2025Q4"), Num(d("-1234.5")), Text("1"), Percent(d("-0.0005")), Text("tab\there and a long source text")},
				{Text("AMZN"), Text("2026Q1"), {}, Text(""), NA("missing 2026Q1"), Text("")},
			},
			Notes: []string{"AMZN capex: FY2025 = 2024Q4 27,834 × 4 = 111,336"},
		},
		{
			Title:   "MSFT capex",
			Columns: cols,
			Rows:    [][]Cell{{Text("MSFT"), Text("FY2026Q2"), Num(d("29876")), Text("4"), {}, Text("10-Q")}},
		},
	}
}

// TestGolden renders the sample in every format, with and without
// --decimals, and compares with testdata/*.golden (go test -update
// rewrites them).
func TestGolden(t *testing.T) {
	for _, format := range FormatNames() {
		for _, decimals := range []int{-1, 2} {
			name := format
			if decimals >= 0 {
				name += "-decimals"
			}
			var buf bytes.Buffer
			if err := Write(&buf, sample(), Options{Format: format, Decimals: decimals}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got := buf.Bytes()
			if f, _ := FormatByName(format); f.Binary {
				// A workbook is compared as the cells excelize reads.
				got = dumpXLSX(t, got)
			}
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s", name, path, got)
			}
		}
	}
}

// TestMachineFormatsAreExact parses CSV, TSV and JSON back and checks
// every number is the exact decimal that went in.
func TestMachineFormatsAreExact(t *testing.T) {
	want := []string{"27834", "123062.6666666666666666666666666667", "-1234.5", "", "29876"}
	wantYoY := []string{"0.9080065807513024403619413216342199", "", "-0.0005", "", ""}
	for _, format := range []string{"csv", "tsv", "json"} {
		var buf bytes.Buffer
		if err := Write(&buf, sample(), Options{Format: format, Decimals: -1}); err != nil {
			t.Fatal(err)
		}
		var got, gotYoY []string
		switch format {
		case "json":
			var rows []map[string]*string
			if err := json.Unmarshal(buf.Bytes(), &rows); err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				got = append(got, deref(r["value"]))
				gotYoY = append(gotYoY, deref(r["yoy"]))
			}
		default:
			var recs [][]string
			if format == "tsv" {
				for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
					recs = append(recs, strings.Split(line, "\t"))
				}
			} else {
				var err error
				if recs, err = csv.NewReader(&buf).ReadAll(); err != nil {
					t.Fatalf("%s: %v", format, err)
				}
			}
			for _, rec := range recs[1:] {
				if len(rec) != 6 {
					t.Fatalf("%s: record %q has %d fields", format, rec, len(rec))
				}
				got = append(got, rec[2])
				gotYoY = append(gotYoY, rec[4])
			}
		}
		if strings.Join(gotYoY, " ") != strings.Join(wantYoY, " ") {
			t.Errorf("%s yoy = %q, want %q", format, gotYoY, wantYoY)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s values = %q, want %q", format, got, want)
		}
	}
}

func TestWriteNothingOnError(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample(), Options{Format: "xml"}); err == nil {
		t.Error("no error for format xml")
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q", buf.String())
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// The CSV dialects: encoding/csv, told the separator, reads back every
// field, and numbers carry the decimal separator asked for.
func TestCSVDialects(t *testing.T) {
	tests := []struct {
		name  string
		opt   Options
		comma rune
		bom   bool
		num   string // the 2025Q3 value as written
	}{
		{"rfc4180", Options{Format: "csv", Decimals: -1}, ',', false, "123062.6666666666666666666666666667"},
		{"excel-eu", Options{Format: "csv", Decimals: -1, DecimalComma: true, BOM: true}, ';', true, "123062,6666666666666666666666666667"},
		{"pipe", Options{Format: "csv", Decimals: 2, Delimiter: '|'}, '|', false, "123062.67"},
		{"tab-comma", Options{Format: "csv", Decimals: 1, Delimiter: '\t', DecimalComma: true}, '\t', false, "123062,7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, sample(), tt.opt); err != nil {
				t.Fatal(err)
			}
			data := b.Bytes()
			if got := bytes.HasPrefix(data, []byte("\xef\xbb\xbf")); got != tt.bom {
				t.Fatalf("byte-order mark %v, want %v", got, tt.bom)
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
			r.Comma = tt.comma
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if len(recs) != 6 || recs[2][2] != tt.num || recs[2][5] != `said "about" | "roughly"` {
				t.Errorf("read back %q", recs)
			}
		})
	}
	if _, err := NewStream(&bytes.Buffer{}, Options{Format: "csv", Delimiter: ',', DecimalComma: true}); err == nil {
		t.Error("a comma separator with decimal commas was accepted")
	}
	if _, err := NewStream(&bytes.Buffer{}, Options{Format: "csv", Delimiter: 'x'}); err == nil {
		t.Error("separator x was accepted")
	}
}
