package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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

// TestStreamFields holds Put to writing the same texts one at a time, in
// every format that streams: Fields repeated at the start of rows and
// after other cells, at a field they were not written at before, with
// texts JSON writes as numbers, arrays, null and escaped strings, after
// the columns change, and from parts written in parallel.
func TestStreamFields(t *testing.T) {
	colsA := []Column{{Name: "company"}, {Name: "period"}, {Name: "days", Kind: IntKind}, {Name: "tags", Kind: ListKind}, {Name: "value"}, {Name: "note"}}
	colsB := []Column{{Name: "ticker"}, {Name: "quarter"}, {Name: "length", Kind: IntKind}, {Name: "labels", Kind: ListKind}, {Name: "amount"}, {Name: "remark"}}
	// A row: the texts of each group, and whether the group is written
	// as Fields; the value cell comes between the first groups and the
	// last.
	type group struct {
		texts []string
		put   bool
	}
	company := []string{"AMZN", "2025Q4"}
	quarter := []string{"92", "a b"}
	odd := []string{"091", ""}
	note := []string{`said "about" <5> & more` + "\t\u2028"}
	rows := [][3]group{
		{{company, true}, {quarter, true}, {note, true}},
		{{company, true}, {quarter, true}, {note, true}},
		{{company, true}, {odd, true}, {note, false}},
		{{company, false}, {quarter, true}, {note, true}},
		{{company, true}, {quarter, true}, {note, true}},
	}
	for _, format := range []string{"csv", "tsv", "json", "table", "markdown"} {
		t.Run(format, func(t *testing.T) {
			write := func(usePut bool) string {
				var buf bytes.Buffer
				s, err := NewStream(&buf, Options{Format: format, Decimals: -1})
				if err != nil {
					t.Fatal(err)
				}
				fields := map[*string]Fields{}
				none := s.Encode()
				group := func(s *Stream, g group) {
					if !usePut || !g.put {
						for _, v := range g.texts {
							s.Text(v)
						}
						return
					}
					f, ok := fields[&g.texts[0]]
					if !ok {
						f = s.Encode(g.texts...)
						fields[&g.texts[0]] = f
					}
					s.Put(f)
				}
				block := func(s *Stream, cols []Column) {
					s.Begin(&Table{Columns: cols})
					for i, r := range rows {
						if usePut {
							s.Put(none) // writes nothing, not even an opening
						}
						group(s, r[0])
						group(s, r[1])
						s.Num([]byte(strconv.Itoa(i) + ".5"))
						group(s, r[2])
						if err := s.EndRow(); err != nil {
							t.Fatal(err)
						}
					}
				}
				block(s, colsA)
				block(s, colsA)
				if format == "json" {
					// Other keys: what was written for the first must not
					// be copied under the second.
					block(s, colsB)
				}
				// The same Fields at another field: the note first.
				s.Begin(&Table{Columns: colsA})
				group(s, rows[0][2])
				group(s, rows[0][0])
				s.Num([]byte("1"))
				group(s, rows[0][1])
				if err := s.EndRow(); err != nil {
					t.Fatal(err)
				}
				var parts []*Stream
				if s.Splits() {
					// Parts in parallel, putting the stream's own Fields.
					s.Begin(&Table{Columns: colsA})
					parts = make([]*Stream, 4)
					var wg sync.WaitGroup
					for i := range parts {
						parts[i] = s.Part()
						wg.Add(1)
						go func() {
							defer wg.Done()
							p := parts[i]
							if s.Human() {
								p.Begin(&Table{Columns: colsA})
							}
							for range 3 {
								for _, g := range rows[0] {
									if usePut {
										p.Put(fields[&g.texts[0]])
									} else {
										for _, v := range g.texts {
											p.Text(v)
										}
									}
									if len(g.texts) == 2 && g.texts[0] == "92" {
										p.Num([]byte("7"))
									}
								}
								p.EndRow()
							}
						}()
					}
					wg.Wait()
				}
				finish(t, s, parts...)
				return buf.String()
			}
			got := samePut(t, write)
			if format == "json" && !json.Valid([]byte(got)) {
				t.Errorf("not JSON:\n%s", got)
			}
		})
	}
}

// TestJSONFieldsRun checks when Put keeps what it wrote: not for Fields
// written once (a row's own source), and a run that a part made is
// copied right on the stream's first row, which opens the array.
func TestJSONFieldsRun(t *testing.T) {
	cols := []Column{{Name: "company"}, {Name: "period"}}
	write := func(usePut bool) string {
		var buf bytes.Buffer
		s, err := NewStream(&buf, Options{Format: "json", Decimals: -1})
		if err != nil {
			t.Fatal(err)
		}
		s.Begin(&Table{Columns: cols})
		f := s.Encode("AMZN", "2025Q4")
		put := func(s *Stream) {
			if usePut {
				s.Put(f)
			} else {
				s.Text("AMZN")
				s.Text("2025Q4")
			}
			if err := s.EndRow(); err != nil {
				t.Fatal(err)
			}
		}
		p := s.Part()
		put(p)
		if usePut && f.json.run.Load() != nil {
			t.Error("Fields written once kept a copy of what they wrote")
		}
		put(p)
		if usePut && f.json.run.Load() == nil {
			t.Error("Fields written twice at the same field kept no copy")
		}
		put(s) // the stream's first row, from the part's run
		finish(t, s, p)
		return buf.String()
	}
	got := samePut(t, write)
	if !strings.HasPrefix(got, "[\n  {") || !json.Valid([]byte(got)) {
		t.Errorf("not a JSON array:\n%s", got)
	}
}

// samePut returns what write writes with Put, and fails t unless it is
// what write writes field by field.
func samePut(t *testing.T, write func(usePut bool) string) string {
	t.Helper()
	want, got := write(false), write(true)
	if got != want {
		t.Errorf("with Put:\n%s\nfield by field:\n%s", got, want)
	}
	return got
}

// finish appends parts to s, in order, and closes it.
func finish(t *testing.T, s *Stream, parts ...*Stream) {
	t.Helper()
	for _, p := range parts {
		if err := s.Append(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
