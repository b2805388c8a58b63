package render

import (
	"bufio"
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/capexdev/capex/pkg/param"
)

// CSVFormat is RFC 4180 CSV: one header row, "." decimals, no thousands
// separators; Options choose another dialect for a spreadsheet.
var CSVFormat = &Format{
	Name: "csv",
	Help: `RFC 4180, one header row, "." decimals, no separators; every digit unless
rounded; fractions for growth; every row carries ISO start and end dates,
the unit and currency`,
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		sep := byte(',')
		if opt.DecimalComma {
			sep = ';'
		}
		if opt.Delimiter != 0 {
			if !strings.ContainsRune(Delimiters, rune(opt.Delimiter)) {
				_, err := DelimiterOf(string(opt.Delimiter))
				return nil, err
			}
			sep = opt.Delimiter
		}
		if opt.DecimalComma && sep == ',' {
			return nil, errCommaWithDecimalComma
		}
		return &flatEncoder{opt: opt, sep: sep, out: w}, nil
	},
}

// errCommaWithDecimalComma refuses a dialect whose numbers would be split.
var errCommaWithDecimalComma = param.Errorf("delimiter", ",", "; (the default with decimal commas), | or tab",
	"a comma between fields would split every number at its decimal comma")

// flatEncoder writes CSV and TSV: rows are built in a line buffer and
// written in batches of 64 KiB.
type flatEncoder struct {
	opt     Options
	tsv     bool // TSV: no quoting; tabs and line breaks in text become spaces
	sep     byte
	line    []byte // unwritten output
	out     *bufio.Writer
	field   int  // fields written in the current row
	started bool // the header has been written
	scratch []byte
	err     error
}

func (f *flatEncoder) begin(t *Table) {
	if f.started {
		return
	}
	f.started = true
	if f.opt.BOM {
		f.line = append(f.line, "\xef\xbb\xbf"...)
	}
	for i, c := range t.Columns {
		if i > 0 {
			f.line = append(f.line, f.sep)
		}
		f.line = f.appendText(f.line, c.Name)
	}
	f.line = append(f.line, '\n')
}

func (f *flatEncoder) note(string) {}
func (f *flatEncoder) cell(c Cell) { writeCell(f, c, f.opt) }

func (f *flatEncoder) text(v string) {
	if f.field > 0 {
		f.line = append(f.line, f.sep)
	}
	f.line = f.appendText(f.line, v)
	f.field++
}

func (f *flatEncoder) number(text []byte, _ bool) {
	if f.field > 0 {
		f.line = append(f.line, f.sep)
	}
	if f.opt.Decimals >= 0 {
		f.scratch = append(f.scratch[:0], plain(Cell{Text: string(text), IsNum: true}, f.opt)...)
		text = f.scratch
	}
	n := len(f.line)
	f.line = append(f.line, text...)
	if f.opt.DecimalComma {
		if i := bytes.IndexByte(f.line[n:], '.'); i >= 0 {
			f.line[n+i] = ','
		}
	}
	f.field++
}

func (f *flatEncoder) na(string) {
	if f.field > 0 {
		f.line = append(f.line, f.sep)
	}
	f.field++
}

// encode returns texts as consecutive fields.
func (f *flatEncoder) encode(texts []string) []byte {
	var b []byte
	for i, t := range texts {
		if i > 0 {
			b = append(b, f.sep)
		}
		b = f.appendText(b, t)
	}
	return b
}

// raw writes n fields made by encode.
func (f *flatEncoder) raw(encoded []byte, n int) {
	if f.field > 0 {
		f.line = append(f.line, f.sep)
	}
	f.line = append(f.line, encoded...)
	f.field += n
}

func (f *flatEncoder) endRow() error {
	f.line = append(f.line, '\n')
	f.field = 0
	if len(f.line) >= 1<<16 && f.out != nil && f.err == nil {
		f.err = f.flush()
	}
	return f.err
}

// flush writes the line buffer out.
func (f *flatEncoder) flush() error {
	if len(f.line) == 0 {
		return nil
	}
	_, err := f.out.Write(f.line)
	f.line = f.line[:0]
	return err
}

func (f *flatEncoder) close() error {
	if f.err != nil {
		return f.err
	}
	return f.flush()
}

// appendText appends v as one field, neutralized if a spreadsheet would
// take it for a formula.
func (f *flatEncoder) appendText(dst []byte, v string) []byte {
	v = Neutral(v)
	if f.tsv {
		if strings.ContainsAny(v, "\t\r\n") {
			return append(dst, tsvField.Replace(v)...)
		}
		return append(dst, v...)
	}
	if !fieldNeedsQuotes(v, f.sep) {
		return append(dst, v...)
	}
	dst = append(dst, '"')
	for {
		j := strings.IndexByte(v, '"')
		if j < 0 {
			break
		}
		dst = append(dst, v[:j+1]...)
		dst = append(dst, '"')
		v = v[j+1:]
	}
	dst = append(dst, v...)
	return append(dst, '"')
}

// fieldNeedsQuotes is encoding/csv's rule (RFC 4180, and a leading space
// quoted so that no reader trims it).
func fieldNeedsQuotes(field string, sep byte) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case sep, '"', '\r', '\n':
			return true
		}
	}
	if c := field[0]; c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\v' || c == '\f'
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}
