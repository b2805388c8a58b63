package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/capexdev/capex/pkg/atomicfile"
)

// runAsCLI, set in the environment, makes the test binary run as capex,
// through func main: tests that time or kill a real process use it.
const runAsCLI = "CAPEX_TEST_RUN_AS_CLI"

// holdWrites, set in the environment with runAsCLI, makes the test binary
// hold each atomic write (--out, --report) once its data is in the
// temporary file, until stdin ends, after saying on stderr
// "capex-test: holding TEMPFILE": a test can then interrupt a write in
// progress. Only this test binary reads it; capex itself does not.
const holdWrites = "CAPEX_TEST_HOLD_WRITES"

// holding starts the line the test binary writes when it holds a write.
const holding = "capex-test: holding "

func TestMain(m *testing.M) {
	if os.Getenv(runAsCLI) == "1" {
		if os.Getenv(holdWrites) == "1" {
			atomicfile.TestHookBeforeRename = func(tmp string) {
				fmt.Fprintln(os.Stderr, holding+tmp)
				io.Copy(io.Discard, os.Stdin)
			}
		}
		main()
	}
	testscript.Main(m, map[string]func(){
		"capex": func() { os.Exit(Main(os.Args[1:], stdIO())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script: one
// behaviour of the command line per file. $TESTDATA is this package's
// testdata directory, $SEC the repository's SEC companyfacts fixtures;
// "gunzip SRC DST" unpacks one, "gzip SRC DST" packs a file; "xlsx FILE"
// lists a workbook's cells, as excelize reads them, on stdout.
func TestScript(t *testing.T) {
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", testdata)
			env.Setenv("SEC", filepath.Join(testdata, "..", "..", "..", "testdata", "sec"))
			// No config file from the machine running the tests.
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/.config")
			return nil
		},
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"gunzip": gunzipCmd, "gzip": gzipCmd, "xlsx": xlsxCmd},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}

// gunzipCmd is the script command "gunzip SRC DST".
func gunzipCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: gunzip SRC DST")
	}
	in, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer in.Close()
	zr, err := gzip.NewReader(in)
	ts.Check(err)
	out, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	_, err = io.Copy(out, zr)
	ts.Check(err)
	ts.Check(out.Close())
}

// gzipCmd is the script command "gzip SRC DST".
func gzipCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: gzip SRC DST")
	}
	in, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer in.Close()
	out, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	zw := gzip.NewWriter(out)
	_, err = io.Copy(zw, in)
	ts.Check(err)
	ts.Check(zw.Close())
	ts.Check(out.Close())
}

// xlsxCmd is the script command "xlsx FILE": it opens the workbook with
// excelize and writes a line per cell, "sheet!A1 kind value", kind text
// or number (a number's value is the double it holds, its number format
// after it), then " =FORMULA" for a formula and " link URL" for a link.
func xlsxCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: xlsx FILE")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		ts.Check(err)
		for r := range rows {
			for c := range rows[r] {
				cell := cellRef(c, r)
				line, ok := xlsxCell(f, sheet, cell)
				if ok {
					fmt.Fprintln(ts.Stdout(), line)
				}
			}
		}
	}
}

// xlsxCell describes a cell as xlsxCmd writes it; ok is false for an
// empty one.
func xlsxCell(f *excelize.File, sheet, cell string) (string, bool) {
	typ, _ := f.GetCellType(sheet, cell)
	kind := map[excelize.CellType]string{excelize.CellTypeNumber: "number", excelize.CellTypeInlineString: "text",
		excelize.CellTypeSharedString: "text"}[typ]
	if kind == "" {
		return "", false
	}
	v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	line := fmt.Sprintf("%s!%s %s %s", sheet, cell, kind, v)
	if kind == "number" {
		id, _ := f.GetCellStyle(sheet, cell)
		if s, _ := f.GetStyle(id); s != nil && s.CustomNumFmt != nil {
			line += " " + *s.CustomNumFmt
		} else if s != nil {
			line += fmt.Sprintf(" builtin:%d", s.NumFmt)
		}
	}
	if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
		line += " =" + formula
	}
	if ok, link, _ := f.GetCellHyperLink(sheet, cell); ok {
		line += " link " + link
	}
	return line, true
}
