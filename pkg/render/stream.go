package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stream writes a result a row at a time. CSV, TSV and JSON go straight
// to the writer, so that a million rows never sit in memory; a text or
// Markdown table is collected and written by Close, since its columns are
// as wide as their widest cell.
//
// A row is written field by field (Text, Num, Percent, NA, in the order of
// the columns) and ended with EndRow. Num and Percent take the number's
// exact decimal text, as decimal.Decimal's String writes it; they copy it,
// so the caller may reuse its buffer.
type Stream struct {
	opt     Options
	flat    bool   // CSV or TSV: rows are built in line and written in batches
	tsv     bool   // TSV: no quoting; tabs and line breaks in text become spaces
	sep     byte   // the field separator of CSV or TSV
	line    []byte // unwritten CSV or TSV output
	w       *bufio.Writer
	out     io.Writer
	table   *Table // the block being written
	tables  []*Table
	row     []Cell // the row being written, for text and Markdown
	field   int    // fields written in the current row
	rows    int    // rows written (JSON needs commas between them)
	started bool   // a CSV or TSV header has been written
	keys    [][]byte
	scratch []byte
	err     error
}

// NewStream starts a stream to w. It checks the format first. A CSV or TSV
// stream with a nil w keeps its rows for Take.
func NewStream(w io.Writer, opt Options) (*Stream, error) {
	if opt.Format == "" {
		opt.Format = "table"
	}
	if err := CheckFormat(opt.Format); err != nil {
		return nil, err
	}
	s := &Stream{opt: opt, out: w, w: bufio.NewWriterSize(w, 1<<16)}
	switch opt.Format {
	case "csv":
		s.flat, s.sep = true, ','
		if opt.DecimalComma {
			s.sep = ';'
		}
		if opt.Delimiter != 0 {
			if !strings.ContainsRune(Delimiters, rune(opt.Delimiter)) {
				return nil, fmt.Errorf("delimiter %q: use , ; | or tab", opt.Delimiter)
			}
			s.sep = opt.Delimiter
		}
		if opt.DecimalComma && s.sep == ',' {
			return nil, errors.New("a \",\" delimiter with decimal commas would split every number: use ; (the default with decimal commas), | or tab")
		}
	case "tsv":
		s.flat, s.tsv, s.sep = true, true, '\t'
	}
	return s, nil
}

// Human reports whether the format is for people (text or Markdown).
func (s *Stream) Human() bool { return s.opt.Format == "table" || s.opt.Format == "markdown" }

// Blocks reports whether Begin matters to the stream: it does for a text
// or Markdown table (a block each), JSON (the keys), and CSV or TSV before
// the header; a CSV or TSV stream past its header ignores it.
func (s *Stream) Blocks() bool { return !s.flat || !s.started }

// Begin starts a block: a table of its own in a text or Markdown table,
// more rows of one long table in CSV, TSV and JSON (whose blocks must share
// their columns). t's rows are ignored; its title and notes are used.
func (s *Stream) Begin(t *Table) {
	s.table = t
	if s.Human() {
		s.tables = append(s.tables, &Table{Title: t.Title, Columns: t.Columns, Notes: t.Notes})
		return
	}
	if s.opt.Format == "json" {
		s.keys = s.keys[:0]
		for _, c := range t.Columns {
			k, _ := json.Marshal(c.Name)
			s.keys = append(s.keys, k)
		}
		return
	}
	if !s.started {
		s.started = true
		if s.opt.BOM {
			s.line = append(s.line, "\xef\xbb\xbf"...)
		}
		for i, c := range t.Columns {
			s.text(i, c.Name)
		}
		s.endLine()
	}
}

// Notes sets the notes of the current block (text and Markdown only).
func (s *Stream) Notes(notes []string) {
	if s.Human() && len(s.tables) > 0 {
		s.tables[len(s.tables)-1].Notes = notes
	}
}

// Continue makes a CSV or TSV stream skip its header, for a stream whose
// rows carry on another's: output made in parts, in parallel, and joined.
func (s *Stream) Continue() { s.started = true }

// Write writes CSV or TSV rows made by another stream (one made with a nil
// writer, which Continue'd this one).
func (s *Stream) Write(part []byte) error {
	if len(s.line) > 0 {
		if _, err := s.out.Write(s.line); err != nil {
			return err
		}
		s.line = s.line[:0]
	}
	_, err := s.out.Write(part)
	return err
}

// Reuse gives the stream a buffer to write its rows into, one that Take
// returned earlier.
func (s *Stream) Reuse(buf []byte) { s.line = buf[:0] }

// Take returns the CSV or TSV rows a stream made with a nil writer holds,
// and forgets them. The caller owns the bytes.
func (s *Stream) Take() []byte {
	b := s.line
	s.line = nil
	return b
}

// Flat reports whether the format is CSV or TSV, which Encode and Raw
// serve.
func (s *Stream) Flat() bool { return s.flat }

// Encode returns texts as consecutive fields of this CSV or TSV stream,
// for Raw: a caller that writes the same fields on many rows encodes them
// once.
func (s *Stream) Encode(texts ...string) []byte {
	var b []byte
	for i, t := range texts {
		if i > 0 {
			b = append(b, s.sep)
		}
		b = s.appendText(b, t)
	}
	return b
}

// Raw writes n fields encoded by Encode.
func (s *Stream) Raw(encoded []byte, n int) {
	if s.field > 0 {
		s.line = append(s.line, s.sep)
	}
	s.line = append(s.line, encoded...)
	s.field += n
}

// NoteLine adds a line below the current block (text and Markdown only).
func (s *Stream) NoteLine(line string) {
	if s.Human() && len(s.tables) > 0 {
		t := s.tables[len(s.tables)-1]
		t.Notes = append(t.Notes, line)
	}
}

// Text writes a text field.
func (s *Stream) Text(v string) {
	if s.flat {
		if s.field > 0 {
			s.line = append(s.line, s.sep)
		}
		s.line = s.appendText(s.line, v)
		s.field++
		return
	}
	if s.Human() {
		s.row = append(s.row, Text(v))
		return
	}
	s.text(s.field, v)
	s.field++
}

// Num writes a number field from its exact decimal text.
func (s *Stream) Num(text []byte) { s.number(text, false) }

// Percent writes a fraction, shown as a percentage in a table.
func (s *Stream) Percent(text []byte) { s.number(text, true) }

// NA writes a field without a value, for the reason given.
func (s *Stream) NA(reason string) {
	if s.Human() {
		s.row = append(s.row, NA(reason))
		return
	}
	switch {
	case s.opt.Format == "json":
		s.jsonKey(s.field)
		s.w.WriteString("null")
	case s.field > 0:
		s.line = append(s.line, s.sep)
	}
	s.field++
}

// Cell writes one prepared cell.
func (s *Stream) Cell(c Cell) {
	switch {
	case c.NA != "":
		s.NA(c.NA)
	case c.IsNum:
		if s.Human() {
			s.row = append(s.row, c)
			return
		}
		s.number([]byte(c.Text), c.Percent)
	default:
		s.Text(c.Text)
	}
}

func (s *Stream) number(text []byte, percent bool) {
	if s.flat && s.opt.Decimals < 0 {
		if s.field > 0 {
			s.line = append(s.line, s.sep)
		}
		s.appendNumber(text)
		s.field++
		return
	}
	if s.Human() {
		s.row = append(s.row, Cell{Text: string(text), IsNum: true, Percent: percent})
		return
	}
	if s.opt.Decimals >= 0 {
		s.scratch = append(s.scratch[:0], plain(Cell{Text: string(text), IsNum: true}, s.opt)...)
		text = s.scratch
	}
	if s.opt.Format == "json" {
		s.jsonKey(s.field)
		s.w.WriteByte('"')
		s.w.Write(text)
		s.w.WriteByte('"')
	} else {
		if s.field > 0 {
			s.line = append(s.line, s.sep)
		}
		s.appendNumber(text)
	}
	s.field++
}

// appendNumber appends a number's text to a CSV or TSV line, with a
// decimal comma when the dialect has one.
func (s *Stream) appendNumber(text []byte) {
	n := len(s.line)
	s.line = append(s.line, text...)
	if s.opt.DecimalComma {
		if i := bytes.IndexByte(s.line[n:], '.'); i >= 0 {
			s.line[n+i] = ','
		}
	}
}

// EndRow ends the current row.
func (s *Stream) EndRow() error {
	switch {
	case s.Human():
		t := s.tables[len(s.tables)-1]
		t.Rows = append(t.Rows, s.row)
		s.row = make([]Cell, 0, len(s.row))
	case s.opt.Format == "json":
		if s.field > 0 {
			s.w.WriteString("\n  }")
		}
	default:
		s.line = append(s.line, '\n')
		if len(s.line) >= 1<<16 && s.out != nil {
			_, err := s.out.Write(s.line)
			s.line = s.line[:0]
			if s.err == nil {
				s.err = err
			}
		}
	}
	s.field = 0
	s.rows++
	if s.err == nil {
		s.err = s.writeErr()
	}
	return s.err
}

// Close writes what is left: a text or Markdown table, the end of a JSON
// array. It reports the first write error.
func (s *Stream) Close() error {
	if s.err != nil {
		return s.err
	}
	switch s.opt.Format {
	case "table", "markdown":
		var buf bytes.Buffer
		var err error
		if s.opt.Format == "table" {
			err = writeText(&buf, s.tables, s.opt)
		} else {
			err = writeMarkdown(&buf, s.tables, s.opt)
		}
		if err != nil {
			return err
		}
		s.w.Write(buf.Bytes())
	case "json":
		if s.rows == 0 {
			s.w.WriteString("[]\n")
		} else {
			s.w.WriteString("\n]\n")
		}
	default:
		if s.out == nil {
			return nil
		}
		_, err := s.out.Write(s.line)
		s.line = s.line[:0]
		return err
	}
	return s.w.Flush()
}

func (s *Stream) writeErr() error {
	if s.w.Buffered() > 0 && s.w.Available() == 0 {
		return s.w.Flush()
	}
	return nil
}

func (s *Stream) endLine() { s.line = append(s.line, '\n') }

// text writes a text field at position i (a header name, or a JSON
// value).
func (s *Stream) text(i int, v string) {
	if s.opt.Format == "json" {
		s.jsonKey(i)
		if v == "" {
			s.w.WriteString("null")
			return
		}
		b, _ := json.Marshal(v)
		s.w.Write(b)
		return
	}
	if i > 0 {
		s.line = append(s.line, s.sep)
	}
	s.line = s.appendText(s.line, v)
}

// appendText appends v as one CSV or TSV field.
func (s *Stream) appendText(dst []byte, v string) []byte {
	if s.tsv {
		return append(dst, tsvField.Replace(v)...)
	}
	if !fieldNeedsQuotes(v, s.sep) {
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

// jsonKey starts field i of a JSON object, opening the object (and the
// array) first.
func (s *Stream) jsonKey(i int) {
	if i == 0 {
		if s.rows == 0 {
			s.w.WriteString("[\n  {")
		} else {
			s.w.WriteString(",\n  {")
		}
	} else {
		s.w.WriteByte(',')
	}
	s.w.WriteString("\n    ")
	s.w.Write(s.keys[i])
	s.w.WriteString(": ")
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
