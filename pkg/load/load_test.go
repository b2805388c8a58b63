package load

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/series"
)

// read loads name with content into a fresh builder and returns the
// dataset and every problem as "FILE:LINE: message" lines.
func read(t *testing.T, name, content string, opt Options) (*series.Dataset, []string) {
	t.Helper()
	b := series.NewBuilder()
	Bytes(b, name, []byte(content), opt)
	d := b.Build(nil)
	var out []string
	if err := b.Problems.Err(); err != nil {
		out = strings.Split(err.Error(), "\n")
	}
	for _, w := range b.Problems.Warnings() {
		out = append(out, "warning: "+w.String())
	}
	return d, out
}

// values lists a metric's points as "PERIOD BASIS VALUE".
func values(d *series.Dataset, ticker, metric string) string {
	c := d.Company(ticker)
	if c == nil {
		return "no company"
	}
	m := c.Metric(metric)
	if m == nil {
		return "no metric"
	}
	var s []string
	for _, p := range m.Points {
		s = append(s, c.Calendar.Label(p.Period)+" "+p.Basis.String()+" "+p.Value.String())
	}
	return strings.Join(s, ", ")
}

func TestReadYAML(t *testing.T) {
	data, err := os.ReadFile("testdata/amzn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, problems := read(t, "amzn.yaml", string(data), Options{Format: "yaml"})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	c := d.Company("AMZN")
	m := c.Metric("capex")
	if m.Unit != amount.Billion || m.Label != "Capex as said on the Q4 2024 call" {
		t.Errorf("metric = %+v", m)
	}
	if got := values(d, "AMZN", "capex"); got != "2024Q3 quarter 22.62, 2024Q4 quarter 26.3" {
		t.Errorf("capex = %s", got)
	}
	if m.Points[1].Source() != "Q4 2024 earnings call" || m.Points[0].Source() != "10-Q 0001018724-24-000161" {
		t.Errorf("sources = %q, %q", m.Points[0].Source(), m.Points[1].Source())
	}
	if m.Points[0].Pos.String() != "amzn.yaml:14" {
		t.Errorf("position = %s", m.Points[0].Pos)
	}
	if got := values(d, "AMZN", "compact"); got != "2024Q2 ytd 32545, 2024Q3 quarter 22620, 2024Q4 quarter 27834, 2024Q4 ytd 82999" {
		t.Errorf("compact = %s", got)
	}
}

// TestFiled reads the date a figure was filed, in both formats.
func TestFiled(t *testing.T) {
	for name, content := range map[string]string{
		"filed.yaml": "companies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points:\n          - {period: 2024Q4, value: 1, filed: 2026-02-05}\n          - {period: 2024Q3, value: 1}\n",
		"filed.csv":  "company,period,value,filed\nX,2024Q4,1, 2026-02-05\nX,2024Q3,1,\n",
	} {
		d, problems := read(t, name, content, Options{})
		if len(problems) > 0 {
			t.Fatalf("%s: %v", name, problems)
		}
		m := d.Company("X").Metric("capex")
		if got := m.Points[1].Filed() + "|" + m.Points[0].Filed(); got != "2026-02-05|" {
			t.Errorf("%s: filed = %q", name, got)
		}
	}
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, content string
		opt           Options
		ticker        string
		metric        string
		want          string
	}{
		{"long.csv", "company,period,value\nAMZN,2024Q4,27834\namzn,2024Q3,\"22,620\"\n", Options{}, "AMZN", "capex", "2024Q3 quarter 22620, 2024Q4 quarter 27834"},
		{"bom-crlf.csv", "\ufeffCompany,Period,Value,Metric,Basis,Months,Unit,Source\r\nAMZN,FY2024,82.999B,capex,ytd,12,million,\"10-K, p. 37\"\r\nAMZN,2024Q3,55165,capex,ytd,9,,10-Q\r\n", Options{}, "AMZN", "capex", "2024Q3 ytd 55165, 2024Q4 ytd 82999"},
		{"wide.csv", "period,AMZN,MSFT\n2024Q4,27834,\nFY2025Q2,,15804\nFY2024,82999,\n", Options{}, "MSFT", "capex", "2025Q2 quarter 15804"},
		{"wide.csv", "period,AMZN,MSFT\n2024Q4,27834,\nFY2025Q2,,15804\nFY2024,82999,\n", Options{}, "AMZN", "capex", "2024Q4 quarter 27834, 2024Q4 ytd 82999"},
		{"ticker.csv", "ticker,period,value,fiscal_year_end\nMSFT,FY2025Q2,15804,06-30\n", Options{}, "MSFT", "capex", "FY2025Q2 quarter 15804"},
		{"comma.csv", "company;period;value\n", Options{}, "", "", ""},
		{"eu.csv", "# decimal_mark: ,\ncompany,period,value\nX,2024Q4,\"1.234,5\"\n", Options{}, "X", "capex", "2024Q4 quarter 1234.5"},
		{"eu-semicolon.csv", "company;period;value\nX;2024Q3;\"1.234,5\"\nX;2024Q4;0,5\n", Options{}, "X", "capex", "2024Q3 quarter 1234.5, 2024Q4 quarter 0.5"},
		{"point-semicolon.csv", "# notes first\n# decimal_mark: .\ncompany;period;value\nX;2024Q4;1.410\n", Options{}, "X", "capex", "2024Q4 quarter 1.41"},
		{"comma-yaml.yaml", "decimal_mark: ','\ncompanies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points: {2024Q4: '1.005,5', 2024Q3: 1.005}\n", Options{}, "X", "capex", "2024Q3 quarter 1005, 2024Q4 quarter 1005.5"},
		{"point-yaml.yaml", "companies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points: {2024Q4: 1.005, 2024Q3: '26,300'}\n", Options{}, "X", "capex", "2024Q3 quarter 26300, 2024Q4 quarter 1.005"},
		{"blank.csv", "company,period,value\n,,\nX,2024Q4,1\n", Options{}, "X", "capex", "2024Q4 quarter 1"},
	}
	for _, tt := range tests {
		if tt.ticker == "" {
			continue
		}
		d, problems := read(t, tt.name, tt.content, tt.opt)
		if len(problems) > 0 {
			t.Errorf("%s: problems: %v", tt.name, problems)
			continue
		}
		if got := values(d, tt.ticker, tt.metric); got != tt.want {
			t.Errorf("%s: %s %s = %s, want %s", tt.name, tt.ticker, tt.metric, got, tt.want)
		}
	}
}

func TestReadProblems(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
	}{
		{"empty.csv", "", []string{"empty.csv: empty CSV file"}},
		{"header.csv", "company,period,value\n", []string{"header.csv: the file has a header but no rows"}},
		{"unknown.csv", "company,period,value,colour,size\n", []string{`unknown.csv:1: unknown column "colour", "size" in the header`}},
		{"missing.csv", "company,value\n", []string{"missing.csv:1: the header has no period column"}},
		{"neither.csv", "a,b\n", []string{"neither.csv:1: the header names neither company, period and value nor period and tickers"}},
		{"dupcol.csv", "company,period,value,Value\n", []string{`dupcol.csv:1: column "Value" appears twice in the header`}},
		{"rows.csv", "company,period,value\nAMZN,2024Q5,1\nAMZN,2024Q4,12,5\nAMZN,2024Q3,\"12,5\"\nAMZN,2024Q2,NaN\nAMZN,2024Q1,\nAMZN,2023Q4,1.234,5\n", []string{
			`rows.csv:2: period "2024Q5": quarter must be 1-4`,
			"rows.csv:3: the row has 4 fields; the header has 3",
			`rows.csv:4: value "12,5": misplaced thousands separator`,
			`rows.csv:5: value "NaN": not a finite number`,
			"rows.csv:6: value is empty",
			"rows.csv:7: the row has 4 fields; the header has 3",
		}},
		{"dup.csv", "company,period,value\nAMZN,2024Q4,1\nAMZN,Q4 2024,2\n", []string{"dup.csv:3: duplicate AMZN capex 2024Q4 quarter figure (first at dup.csv:2)"}},
		{"ytd.csv", "company,period,value,basis\nX,2024Q1,1,\nX,2024Q2,2,\nX,2024H1,4,ytd\n", []string{
			"ytd.csv:4: X capex 6M 2024 (ytd, 6 months) = 4 disagrees with 3 = 2024Q1 1 (ytd.csv:2) + 2024Q2 2 (ytd.csv:3)"}},
		{"quote.csv", "company,period,value\nX,2024Q4,\"1\nX,2024Q3,2\n", []string{`quote.csv:2: invalid CSV: extraneous or missing " in quoted-field`}},
		{"fye.csv", "company,period,value,fiscal_year_end\nX,2024Q4,1,06-30\nX,2024Q3,1,12-31\n", []string{`fye.csv:3: X fiscal_year_end "12-31" differs from "06-30" given at fye.csv:2`}},
		{"sign.csv", "company,period,value\nX,2024Q4,1\nX,2024Q3,(1)\n", []string{"warning: sign.csv:3: X capex mixes positive and negative values (2024Q4 is 1, 2024Q3 is -1); check the sign convention"}},
		{"wide-bad.csv", "period,AMZN,bad ticker\n", []string{`wide-bad.csv:1: ticker "bad ticker": use 1-16 letters, digits, '.', '-' or '_'`}},
		{"utf16.csv", "\xff\xfec\x00o\x00", []string{"utf16.csv: the input is UTF-16, not UTF-8"}},
		{"nul.csv", "company,period,value\x00\n", []string{"nul.csv: the input contains a NUL byte (at byte 20): not a text file"}},
		{"latin1.csv", "company,period,value\nX,2024Q4,1,\xe9\n", []string{"latin1.csv: the input is not valid UTF-8"}},
		{"unknown.txt", "hello\n", []string{"unknown.txt: cannot tell whether the input is YAML or CSV"}},
		{"bad.yaml", "companies:\n  - ticker: X\n    colour: red\n    metrics:\n      - id: capex\n        points: {2024Q4: '1.234,5', 2024Q5: 1}\n", []string{
			`bad.yaml:3: unknown key "colour" in a company`,
			`bad.yaml:6: value "1.234,5": ambiguous decimal separator`,
			`bad.yaml:6: period "2024Q5": quarter must be 1-4`,
		}},
		{"syntax.yaml", "companies:\n  - ticker: X\n\tname: Y\n", []string{"syntax.yaml:2: invalid YAML: found a tab character that violates indentation"}},
		{"empty.yaml", "", []string{"empty.yaml: empty YAML document"}},
		{"top.yaml", "company: []\n", []string{`top.yaml:1: unknown key "company" in the document`, "top.yaml:1: no companies"}},
		{"noticker.yaml", "companies:\n  - name: X\n", []string{"noticker.yaml:2: company without a ticker"}},
		{"points.yaml", "companies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points:\n          - {period: 2024Q4}\n          - {value: 1}\n          - {period: 2024Q3, value: 1, months: 2.5}\n          - {period: 2024Q2, value: [1]}\n", []string{
			"points.yaml:6: point without a value",
			"points.yaml:7: point without a period",
			`points.yaml:8: months "2.5": not a whole number of months`,
			"points.yaml:9: value must be a single value",
		}},
		{"alias.yaml", "companies:\n  - &a {ticker: X, metrics: [{id: capex, points: {2024Q4: 1}}]}\n  - *a\n", []string{"alias.yaml:2: duplicate X capex 2024Q4 quarter figure (first at alias.yaml:2)"}},
		{"dupkey.yaml", "companies:\n  - ticker: X\n    ticker: Y\n    metrics: []\n", []string{"dupkey.yaml:2: X has no metrics", `dupkey.yaml:3: key "ticker" appears twice in a company`}},
		{"nopoints.yaml", "companies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points: {}\n", []string{"nopoints.yaml:4: X capex has no points"}},
		{"filed.yaml", "companies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points:\n          - {period: 2024Q4, value: 1, filed: 2025-02-31}\n", []string{
			`filed.yaml:6: filed "2025-02-31": not a date`,
		}},
		{"filed.csv", "company,period,value,filed\nX,2024Q4,1,5 Feb 2026\n", []string{`filed.csv:2: filed "5 Feb 2026": not a date`}},
		{"float.yaml", "companies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points: {2024Q4: .inf, 2024Q3: 0x1F, 2024Q2: 1e400}\n", []string{
			`float.yaml:5: value ".inf": not a finite number`,
			`float.yaml:5: value "0x1F": unknown scale suffix "F"`,
			`float.yaml:5: value "1e400": more than 40 digits written out`,
		}},
	}
	for _, tt := range tests {
		_, got := read(t, tt.name, tt.content, Options{})
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got: %s\nwant: %s", tt.name, strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
		}
	}
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	b.WriteString("companies:\n  - ticker: X\n    metrics:\n      - id: capex\n        points: *a11\n")
	_, problems := read(t, "bomb.yaml", b.String(), Options{})
	if len(problems) == 0 || !strings.Contains(strings.Join(problems, "\n"), "bomb.yaml:1: unknown key \"a0\"") {
		t.Errorf("problems = %v", problems)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.csv", "company,period,value\nX,2024Q4,1\n")
	write("b.yaml", "companies:\n  - ticker: Y\n    metrics: [{id: capex, points: {2024Q4: 2}}]\n")
	write("notes.txt", "ignored")
	write(".hidden.csv", "broken")
	b := series.NewBuilder()
	Paths(b, []string{dir, "-"}, strings.NewReader("company,period,value\nZ,2024Q4,3\n"), Options{})
	d := b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Tickers(), " "); got != "X Y Z" {
		t.Errorf("tickers = %s", got)
	}
	if got := d.Company("Z").Metric("capex").Points[0].Pos.String(); got != "stdin:2" {
		t.Errorf("stdin position = %s", got)
	}

	b = series.NewBuilder()
	Paths(b, []string{filepath.Join(dir, "missing.csv"), t.TempDir()}, nil, Options{})
	err := b.Problems.Err()
	if err == nil || !strings.Contains(err.Error(), "missing.csv: no such file or directory") || !strings.Contains(err.Error(), "no .yaml, .yml or .csv files in the directory") {
		t.Errorf("error = %v", err)
	}

	b = series.NewBuilder()
	Paths(b, []string{"-"}, strings.NewReader(strings.Repeat("x", 100)), Options{MaxInput: 10})
	if err := b.Problems.Err(); err == nil || err.Error() != "stdin: the input is larger than the 10-byte limit" {
		t.Errorf("error = %v", err)
	}
}

// FuzzReadCSV checks that no input panics the CSV reader, and that every
// value it accepts is exactly the value written in the file: the same file
// written again from the parsed values reads back equal.
func FuzzReadCSV(f *testing.F) {
	f.Add("company,period,value\nAMZN,2024Q4,27834\nAMZN,FY2024,\"82,999\"\n")
	f.Add("\ufeffcompany,period,value,basis,months,unit\r\nX,2024Q3,1.5B,ytd,9,million\r\n")
	f.Add("period,AMZN,MSFT\n2024Q4,1,2\n")
	f.Add("company,period,value\nX,2024Q4,\"1\n")
	seeds, _ := filepath.Glob("../../testdata/hostile/*.csv")
	for _, name := range seeds {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, content string) {
		d, problems := read(t, "f.csv", content, Options{Format: "csv"})
		if len(problems) > 0 && !strings.HasPrefix(problems[len(problems)-1], "warning:") {
			return
		}
		roundTrip(t, d)
	})
}

// FuzzReadYAML is FuzzReadCSV for YAML.
func FuzzReadYAML(f *testing.F) {
	data, err := os.ReadFile("testdata/amzn.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data))
	f.Add("companies:\n  - ticker: X\n    metrics: [{id: capex, points: {2024Q4: 1e3}}]\n")
	f.Add("companies: [{ticker: X, metrics: [{id: a, points: [{period: FY2024, value: '(1,234)'}]}]}]\n")
	seeds, _ := filepath.Glob("../../testdata/hostile/*.yaml")
	for _, name := range seeds {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, content string) {
		d, problems := read(t, "f.yaml", content, Options{Format: "yaml"})
		if len(problems) > 0 && !strings.HasPrefix(problems[len(problems)-1], "warning:") {
			return
		}
		roundTrip(t, d)
	})
}

// roundTrip writes d as a long CSV and checks that it reads back the same.
func roundTrip(t *testing.T, d *series.Dataset) {
	points := 0
	for _, c := range d.Companies {
		for _, m := range c.Metrics {
			points += len(m.Points)
		}
	}
	if points == 0 {
		return
	}
	var b strings.Builder
	b.WriteString("company,metric,period,basis,months,value,unit,fiscal_year_end\n")
	for _, c := range d.Companies {
		for _, m := range c.Metrics {
			for _, p := range m.Points {
				b.WriteString(strings.Join([]string{c.Ticker, m.ID, p.Period.String(), p.Basis.String(), itoa(int(p.Months)), p.Value.String(), m.Unit.String(), c.Calendar.String()}, ","))
				b.WriteByte('\n')
			}
		}
	}
	e, problems := read(t, "again.csv", b.String(), Options{})
	for _, p := range problems {
		if !strings.HasPrefix(p, "warning:") {
			t.Fatalf("re-reading the parsed data: %v\n%s", problems, b.String())
		}
	}
	for _, c := range d.Companies {
		for _, m := range c.Metrics {
			if len(m.Points) == 0 {
				continue
			}
			m2 := e.Company(c.Ticker).Metric(m.ID)
			for i, p := range m.Points {
				if !p.Value.Decimal().Equal(m2.Points[i].Value.Decimal()) {
					t.Fatalf("%s %s %s: %s re-reads as %s", c.Ticker, m.ID, p.Period, p.Value, m2.Points[i].Value)
				}
			}
		}
	}
}

// TestParallelRead checks that reading a large file in parallel chunks
// gives what reading it row by row gives: the same points in the same
// order, the same problems at the same lines.
func TestParallelRead(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("company,period,value,currency\n")
	for c := 0; c < 300; c++ {
		for q := 0; q < 40; q++ {
			fmt.Fprintf(&sb, "C%03d,%dQ%d,%d.%03d,USD\n", c, 2010+q/4, q%4+1, 100+c+q, q)
		}
	}
	sb.WriteString("C007,2010Q1,5,USD\n") // a duplicate, far from the first
	sb.WriteString("C299,2030Q5,5,USD\n") // a bad period on the last line
	sb.WriteString("C000,2031Q1,x,USD\n") // a company of the first chunk again
	sb.WriteString("C000,2031Q2,7,EUR\n") // and a currency that disagrees
	data := []byte(sb.String())
	read := func(chunked bool) (*series.Dataset, string) {
		old := parallelBytes
		defer func() { parallelBytes = old }()
		if chunked {
			parallelBytes = 1
		} else {
			parallelBytes = len(data) + 1
		}
		b := series.NewBuilder()
		Bytes(b, "big.csv", data, Options{})
		d := b.Build(nil)
		return d, fmt.Sprint(b.Problems.Err())
	}
	seq, seqErr := read(false)
	par, parErr := read(true)
	if seqErr != parErr {
		t.Errorf("problems differ:\nrow by row: %s\nin chunks: %s", seqErr, parErr)
	}
	if !strings.Contains(seqErr, "big.csv:12002: duplicate C007 capex 2010Q1") || !strings.Contains(seqErr, "big.csv:12003:") {
		t.Errorf("problems: %s", seqErr)
	}
	if got, want := strings.Join(par.Tickers(), " "), strings.Join(seq.Tickers(), " "); got != want {
		t.Fatalf("tickers differ")
	}
	for _, c := range seq.Companies {
		pc := par.Company(c.Ticker)
		for i, m := range c.Metrics {
			pm := pc.Metrics[i]
			if len(pm.Points) != len(m.Points) {
				t.Fatalf("%s: %d points, row by row %d", c.Ticker, len(pm.Points), len(m.Points))
			}
			for j, p := range m.Points {
				q := pm.Points[j]
				if p.Period != q.Period || p.Value.String() != q.Value.String() || p.Pos != q.Pos {
					t.Fatalf("%s point %d: %+v, row by row %+v", c.Ticker, j, q, p)
				}
			}
		}
	}
}

// With Gunzip, a gzip input is read decompressed, known by its first
// bytes; the limit caps what is read and what it decompresses to alike.
func TestReadGzip(t *testing.T) {
	gz := func(data []byte, level int) []byte {
		var b bytes.Buffer
		w, err := gzip.NewWriterLevel(&b, level)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		w.Close()
		return b.Bytes()
	}
	doc := []byte(`{"cik": 1, "facts": {}}` + "\n")
	big := bytes.Repeat([]byte("capex "), 100_000) // 600,000 bytes, compresses to ~1 KB
	stored := gz(doc, gzip.NoCompression)          // larger than doc
	tests := []struct {
		name    string
		input   []byte
		opt     Options
		want    string // the content read, or
		wantErr string // the error
	}{
		{"json.gz", gz(doc, gzip.BestCompression), Options{Gunzip: true}, string(doc), ""},
		{"plain text", doc, Options{Gunzip: true}, string(doc), ""},
		{"without Gunzip", gz(doc, gzip.BestCompression), Options{}, "", "the input contains a NUL byte"},
		{"a bomb", gz(big, gzip.BestCompression), Options{Gunzip: true, MaxInput: 100_000}, "", "the input decompresses to more than the 100000-byte limit"},
		{"just under", gz(big, gzip.BestCompression), Options{Gunzip: true, MaxInput: int64(len(big))}, string(big), ""},
		// Stored, the gzip is longer than what it holds: the limit caps it too.
		{"compressed over the limit", stored, Options{Gunzip: true, MaxInput: int64(len(doc)) + 5}, "", fmt.Sprintf("the input is larger than the %d-byte limit", len(doc)+5)},
		{"truncated", gz(big, gzip.BestCompression)[:200], Options{Gunzip: true}, "", "the input is gzip but does not decompress (unexpected EOF)"},
		{"corrupt", append(gz(doc, gzip.BestCompression)[:12], bytes.Repeat([]byte{0xff}, 40)...), Options{Gunzip: true}, "", "the input is gzip but does not decompress"},
		{"binary inside", gz([]byte("ab\x00cd"), gzip.BestCompression), Options{Gunzip: true}, "", "decompressed: the input contains a NUL byte (at byte 2): not a text file"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		// As a file (its size known; its name says nothing of gzip) and as
		// standard input (no size).
		name := filepath.Join(dir, "doc.json")
		if err := os.WriteFile(name, tt.input, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, src := range []string{name, "-"} {
			got, err := Read(src, bytes.NewReader(tt.input), tt.opt)
			switch {
			case tt.wantErr == "" && (err != nil || got != tt.want):
				t.Errorf("%s (%s): %.40q, %v; want %.40q", tt.name, src, got, err, tt.want)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("%s (%s): error %v, want %q", tt.name, src, err, tt.wantErr)
			}
		}
	}
}

// readAll returns exactly what was read, however the reader hands it over
// and whatever size it was told to expect, and refuses one byte past the
// limit.
func TestReadAll(t *testing.T) {
	const text = "company,period,value\nX,2024Q4,1\n"
	for _, n := range []int{0, 1, headBytes - 1, headBytes, headBytes + 1, 64<<10 - 1, 64 << 10, 64<<10 + 1, 300_001} {
		content := strings.Repeat(text, n/len(text)+1)[:n]
		for _, size := range []int64{0, int64(n), int64(n / 2), int64(2*n + 1)} {
			for name, r := range map[string]func() io.Reader{
				"whole":    func() io.Reader { return strings.NewReader(content) },
				"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(content)) },
				"halves":   func() io.Reader { return iotest.HalfReader(strings.NewReader(content)) },
			} {
				if n > 70_000 && name == "one byte" {
					continue
				}
				got, err := readAll(r(), size, Options{})
				if err != nil || got != content {
					t.Errorf("%d bytes, told %d, %s: %d bytes back, %v", n, size, name, len(got), err)
				}
				if n <= 1 || size > int64(n) { // MaxInput 0 is the default limit
					continue
				}
				if _, err := readAll(r(), size, Options{MaxInput: int64(n)}); err != nil {
					t.Errorf("%d bytes, limit %d, told %d, %s: %v", n, n, size, name, err)
				}
				var le *LimitError
				if _, err := readAll(r(), size, Options{MaxInput: int64(n - 1)}); !errors.As(err, &le) {
					t.Errorf("%d bytes, limit %d, told %d, %s: %v, want the limit", n, n-1, size, name, err)
				}
			}
		}
	}
}

// Size counts what Paths reads: a file, and the data files of a directory
// (not hidden ones, not other files, not subdirectories); stdin and what
// is missing count 0.
func TestSize(t *testing.T) {
	dir := t.TempDir()
	for name, n := range map[string]int{"a.csv": 10, "B.CSV": 20, "c.yml": 40, "d.tsv": 80, ".hidden.csv": 160, "notes.txt": 320} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat("x", n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		paths []string
		want  int64
	}{
		{[]string{dir}, 150},
		{[]string{filepath.Join(dir, "notes.txt")}, 320},
		{[]string{dir, filepath.Join(dir, "a.csv")}, 160},
		{[]string{"-", filepath.Join(dir, "missing.csv")}, 0},
		{nil, 0},
	} {
		if got := Size(tt.paths); got != tt.want {
			t.Errorf("Size(%v) = %d, want %d", tt.paths, got, tt.want)
		}
	}
}
