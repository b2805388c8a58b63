package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// workbookCommands write workbooks with formulas of every kind: show's
// TTM, QoQ, YoY and run rate (cut by --from, in another unit, across two
// companies' blocks), project's products and totals, backtest's and
// check's differences and relative differences. Each is run with -o xlsx
// and with -o csv, whose rows are the first sheet's.
var workbookCommands = [][]string{
	{"show", "amzn", "msft", "--calendar", "--columns", "value,ttm,qoq,yoy,runrate"},
	{"show", "googl", "meta", "--from", "2024Q3", "--unit", "billion", "--columns", "runrate,yoy,value,ttm,qoq"},
	{"project", "amzn", "msft", "googl", "meta", "--annualize", "latest", "--annualize", "ytd", "--trailing", "--growth", "cagr:3y", "--trend", "--total", "--unit", "billion"},
	{"project", "amzn", "--scenario", "bear=5%,base=15%,bull=30%", "--horizon", "3"},
	{"backtest", "amzn", "msft", "--annualize", "q4", "--annualize", "ytd", "--trailing", "--trend"},
	{"check", "../../testdata/published/claims.yaml"},
}

// workbook runs capex with args and -o xlsx, into dir, returning the
// file's path and the rows of the same command's CSV.
func workbook(t *testing.T, dir string, i int, args []string) (string, [][]string) {
	t.Helper()
	path := filepath.Join(dir, "w"+strconv.Itoa(i)+".xlsx")
	to := "--out"
	if args[0] == "check" {
		to = "--report"
	}
	run(t, append(append([]string{}, args...), "-o", "xlsx", to, path)...)
	recs, err := csv.NewReader(bytes.NewReader(run(t, append(append([]string{}, args...), "-o", "csv")...))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return path, recs
}

// A workbook holds capex's figures as the doubles nearest them: every
// number cell of the first sheet is the CSV's exact decimal, correctly
// rounded, and every formula recomputes, in excelize's engine, to it.
func TestWorkbookHoldsCapexFigures(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	for i, args := range workbookCommands {
		path, recs := workbook(t, dir, i, args)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		formulas := 0
		for r, rec := range recs {
			for c, want := range rec {
				cell := cellRef(c, r)
				typ, _ := f.GetCellType(sheet, cell)
				exact, err := decimal.NewFromString(want)
				if r == 0 || typ != excelize.CellTypeNumber || err != nil {
					continue // a header, a text, a date
				}
				got, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
				if nearest := strconv.FormatFloat(mustFloat(t, want), 'f', -1, 64); mustFloat(t, got) != mustFloat(t, nearest) {
					t.Errorf("%v: %s (%s) holds %s, want %s, the double nearest %s", args, cell, recs[0][c], got, nearest, exact)
				}
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					formulas++
					calc, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
					if err != nil || !recomputed(exact, decimal.RequireFromString(calc), formula, exactAt(recs)) {
						t.Errorf("%v: %s =%s recomputes to %s (%v), capex has %s", args, cell, formula, calc, err, want)
					}
				}
			}
		}
		if formulas == 0 {
			t.Errorf("%v: no formula", args)
		}
		f.Close()
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// A workbook is not written to a terminal: a usage error, exit 2, and
// nothing on stdout. To a file, or to a stdout that is not a terminal,
// it is.
func TestWorkbookTerminal(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	for _, args := range [][]string{
		{"show", "amzn", "-o", "xlsx"},
		{"project", "amzn", "--annualize", "q4", "-o", "xlsx"},
		{"backtest", "amzn", "--annualize", "q4", "-o", "xlsx"},
		{"companies", "-o", "xlsx"},
		{"metrics", "-o", "xlsx"},
		{"check", "../../testdata/published/claims.yaml", "-o", "xlsx"},
	} {
		var out, errb bytes.Buffer
		code := Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &errb, Terminal: true})
		if code != 2 || out.Len() != 0 || !strings.Contains(errb.String(), "capex: error: -o xlsx writes a binary file, not for a terminal\n") ||
			!strings.Contains(errb.String(), "capex: hint: write it to a file with --out FILE") {
			t.Errorf("%v at a terminal: exit %d, %d bytes out\n%s", args, code, out.Len(), errb.String())
		}
		to := "--out"
		if args[0] == "check" {
			to = "--report"
		}
		file := filepath.Join(dir, args[0]+".xlsx")
		out.Reset()
		if code := Main(append(args, to, file), IO{In: strings.NewReader(""), Out: &out, Err: &errb, Terminal: true}); code != 0 {
			t.Errorf("%v %s: exit %d\n%s", args, to, code, errb.String())
		}
		if f, err := excelize.OpenFile(file); err != nil {
			t.Errorf("%v %s: %v", args, to, err)
		} else {
			f.Close()
		}
		out.Reset()
		if code := Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &errb}); code != 0 || !bytes.HasPrefix(out.Bytes(), []byte("PK")) {
			t.Errorf("%v to a pipe: exit %d, %q…", args, code, out.Bytes()[:min(4, out.Len())])
		}
	}
}

// A text longer than a cell holds is an error naming the cell, exit 2,
// and no file: never cut.
func TestWorkbookLongText(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	data := filepath.Join(dir, "long.yaml")
	write(t, data, "companies:\n  - ticker: LONG\n    metrics:\n      - id: capex\n        definition: \""+strings.Repeat("x", 40000)+
		"\"\n        points: {2024Q1: 1, 2024Q2: 2}\n")
	out := filepath.Join(dir, "long.xlsx")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"show", "long", "--no-builtin", "--data", data, "-o", "xlsx", "--out", out}, IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr})
	want := "capex: error: xlsx: sheet show cell S2 (definition): a text of 40,000 characters; a cell holds at most 32,767\n" +
		"capex: hint: write CSV or JSON, which carry any text whole, or shorten the text in the data\n"
	if code != 2 || stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s: %v, want no file", out, err)
	}
}

// LibreOffice recomputes every formula of capex's workbooks to capex's
// figures. Each workbook's cached results are first set to 0, and
// LibreOffice is told to recalculate on load (its default for xlsx is to
// keep them); it saves the workbook again, and every formula cell, still
// a formula, must equal capex's exact value as closely as arithmetic on
// doubles can (recomputed: 15 significant digits of the result, or of
// the operands for a difference). Every other number must equal capex's
// to 15 significant digits. Skips where soffice (Debian
// libreoffice-calc-nogui) is absent.
func TestWorkbookRecalculates(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (Debian package libreoffice-calc-nogui)")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	profile := filepath.Join(dir, "profile")
	for _, d := range []string{in, out, filepath.Join(profile, "user")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// OOXMLRecalcMode 0: always recalculate an xlsx file on load.
	write(t, filepath.Join(profile, "user", "registrymodifications.xcu"), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`)
	type job struct {
		args []string
		path string
		recs [][]string
	}
	var jobs []job
	var names []string
	for i, args := range workbookCommands {
		path, recs := workbook(t, dir, i, args)
		zeroed := filepath.Join(in, filepath.Base(path))
		zeroCached(t, path, zeroed)
		jobs = append(jobs, job{args, path, recs})
		names = append(names, zeroed)
	}
	cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "xlsx", "--outdir", out}, names...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	total := 0
	for _, j := range jobs {
		f, err := excelize.OpenFile(j.path)
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		lo := readSheet(t, filepath.Join(out, filepath.Base(j.path)))
		formulas := 0
		for r, rec := range j.recs {
			for c, want := range rec {
				cell := cellRef(c, r)
				exact, err := decimal.NewFromString(want)
				if typ, _ := f.GetCellType(sheet, cell); r == 0 || typ != excelize.CellTypeNumber || err != nil {
					continue
				}
				formula, _ := f.GetCellFormula(sheet, cell)
				got := lo[cell]
				g, err := decimal.NewFromString(got.value)
				ok := close15(exact, g)
				if formula != "" {
					ok = recomputed(exact, g, formula, exactAt(j.recs))
				}
				if got.kind != "n" || err != nil || !ok || (formula != "") != (got.formula != "") {
					t.Errorf("%v: %s (%s) =%s: LibreOffice has %q (formula %q), capex %s", j.args, cell, j.recs[0][c], formula, got.value, got.formula, want)
				}
				if formula != "" {
					formulas++
				}
			}
		}
		if formulas == 0 {
			t.Errorf("%v: no formula", j.args)
		}
		total += formulas
		f.Close()
	}
	t.Logf("LibreOffice recomputed %d formula cells to capex's figures", total)
}

// recomputed reports whether g, a spreadsheet's recomputation of formula,
// is capex's exact w as closely as arithmetic on doubles gets it, which
// the README states per figure: to one unit in the 15th significant digit
// of a scale. A product's or a sum's scale is its largest operand or
// result (a SUM of integers below 2^53 is exact; a sum of mixed signs
// loses what its terms cancel); a difference's is its larger operand (a
// small difference of large figures keeps fewer digits of its own); a
// growth or relative difference, (b − a) / a, has max(|r|, |1 + r|), the
// difference's error over a. exact gives capex's value of an operand cell.
func recomputed(w, g decimal.Decimal, formula string, exact func(ref string) decimal.Decimal) bool {
	scale := w.Abs()
	if strings.Contains(formula, "/") {
		scale = decimal.Max(scale, w.Add(decimal.NewFromInt(1)).Abs())
	} else if strings.HasPrefix(formula, "SUM(") || strings.Contains(formula, "-") {
		for _, ref := range cellRefs(formula) {
			scale = decimal.Max(scale, exact(ref).Abs())
		}
	}
	if scale.IsZero() {
		return g.IsZero()
	}
	lead := int32(scale.NumDigits()) + scale.Exponent() - 1
	return w.Sub(g).Abs().LessThanOrEqual(decimal.New(1, lead-14))
}

// a1 is an A1 reference, or a range of one column (H2:H5).
var a1 = regexp.MustCompile(`([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?`)

// cellRefs lists the cells a formula names, ranges expanded.
func cellRefs(formula string) []string {
	var out []string
	for _, m := range a1.FindAllStringSubmatch(formula, -1) {
		from, _ := strconv.Atoi(m[2])
		to := from
		if m[4] != "" {
			to, _ = strconv.Atoi(m[4])
		}
		for r := from; r <= to; r++ {
			out = append(out, m[1]+strconv.Itoa(r))
		}
	}
	return out
}

// exactAt gives the exact value of a cell from a CSV's records, whose
// rows are the sheet's.
func exactAt(recs [][]string) func(ref string) decimal.Decimal {
	return func(ref string) decimal.Decimal {
		m := a1.FindStringSubmatch(ref)
		col := 0
		for _, c := range m[1] {
			col = col*26 + int(c-'A'+1)
		}
		row, _ := strconv.Atoi(m[2])
		d, err := decimal.NewFromString(recs[row-1][col-1])
		if err != nil {
			panic(ref + " is not a number: " + recs[row-1][col-1])
		}
		return d
	}
}

// cachedValue is a formula's cached result in a worksheet part.
var cachedValue = regexp.MustCompile(`(</f>)<v>[^<]*</v>`)

// zeroCached copies the workbook at src to dst with every formula's
// cached result set to 0, so that only a recalculation gives it back.
func zeroCached(t *testing.T, src, dst string) {
	t.Helper()
	r, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, zf := range r.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			data = cachedValue.ReplaceAll(data, []byte("$1<v>0</v>"))
		}
		out, err := w.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
