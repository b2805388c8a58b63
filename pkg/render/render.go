// Package render writes tables of results as a text table, CSV, TSV, JSON,
// Markdown, a standalone HTML page or an Excel workbook. It is the only user of tablewriter.
//
// Numbers are exact decimals until here. CSV, TSV and JSON carry them in
// full as plain text (no thousands separators; JSON numbers are strings,
// so that no reader turns them into float64); the text table and Markdown
// group thousands and right-align them. With Options.Decimals set, every
// format rounds numbers to that many places, half away from zero (a
// workbook's cells keep the whole value and show that many places).
//
// A workbook (xlsx.go) holds numbers as IEEE doubles: each cell is the
// double nearest capex's exact value. A number cell may carry a Formula,
// how it follows from other cells of its table; a workbook writes it as a
// live formula with capex's value cached, and the other formats ignore it.
package render

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
)

// Column is a column of a Table. Right-aligned columns hold numbers (or
// text such as a ratio that reads like one). A Long column appears only
// in the formats a program reads (CSV, TSV, JSON): in a text or Markdown
// table its value is in the title, or it is too long to read.
type Column struct {
	Name  string
	Right bool
	Long  bool
	// MaxWidth, when positive, cuts text longer than that many characters
	// to fit, with "…", in a text or Markdown table. Other formats carry
	// the whole text.
	MaxWidth int
	// Kind is what JSON writes the column's cells as: a string (exact
	// decimals are strings), a number (whole numbers such as days), or an
	// array (a list, whose items other formats join with spaces).
	Kind Kind
	// Unit, when set, is the unit and currency of an amount column
	// ("USD million"), which a workbook's header shows after the name.
	Unit string
}

// Kind is how JSON writes a column.
type Kind uint8

// The kinds of column.
const (
	TextKind Kind = iota // a string; an exact decimal is a string too
	IntKind              // a whole number, written as a JSON number
	ListKind             // a list, written as a JSON array
)

// List is a cell holding a list: its items joined by spaces in every
// format but JSON, which writes an array.
func List(items []string) Cell {
	c := Text(strings.Join(items, " "))
	c.items = items
	return c
}

// Cell is a value: a number when IsNum (its exact decimal text in Text,
// or for a cell made by Exact, kept in its exact value until a format
// writes it; a fraction shown as a percentage when Percent), text
// otherwise, or no value for the reason in NA. The zero Cell is empty.
type Cell struct {
	Text    string
	IsNum   bool
	Percent bool
	NA      string
	// Places is how many decimals a percentage shows in a table; 0 means
	// PercentPlaces (Options.Decimals, when given, overrides both).
	Places int32
	// exact, when set, is the exact value Text was rounded from (a
	// quotient kept to 34 significant digits, a root): a cell rounded for
	// output is rounded from it, once.
	exact Fixer
	// Display, when set, is how a text or Markdown table shows the number
	// unrounded, such as "4/3" for 1.333….
	Display string
	// Formula, when set, is how the number follows from other cells of
	// its block: a workbook writes it as a formula (formula.go).
	Formula *Formula
	items   []string // a list's items (List)
}

// Fixer is a number that can be rounded to any number of decimal places
// from its exact value, half away from zero.
type Fixer interface {
	Decimal() decimal.Decimal           // every digit kept: exact, or 34 significant digits
	Fixed(places int32) decimal.Decimal // correctly rounded to places decimals
}

// Text is a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Num is a number cell.
func Num(d decimal.Decimal) Cell { return Cell{Text: d.String(), IsNum: true} }

// NumText is a number cell from its exact decimal text, as
// decimal.Decimal's String writes it.
func NumText(s string) Cell { return Cell{Text: s, IsNum: true} }

// Percent is a fraction shown as a percentage in a text or Markdown table
// (0.4199… as 42.0%) and as the fraction elsewhere.
func Percent(d decimal.Decimal) Cell { return Cell{Text: d.String(), IsNum: true, Percent: true} }

// fastFixer is a Fixer that writes its text and its rounded text without
// going through decimal.Decimal, as calc.Result does: a million cells of
// growth are written this way.
type fastFixer interface {
	AppendText(dst []byte) []byte
	AppendFixed(dst []byte, places int32) []byte
}

// Exact is a number cell whose output is rounded once from its exact
// value: a quotient or a root. percent shows it as a percentage in a
// table.
func Exact(v Fixer, percent bool) Cell {
	if _, ok := v.(fastFixer); ok {
		// Its text is written when a format asks for it (numText): a
		// table shows the rounded value only.
		return Cell{IsNum: true, Percent: percent, exact: v}
	}
	return Cell{Text: v.Decimal().String(), IsNum: true, Percent: percent, exact: v}
}

// numText is a number cell's exact decimal text.
func (c Cell) numText() string {
	if c.Text == "" && c.exact != nil {
		return string(c.appendNum(nil))
	}
	return c.Text
}

// appendNum appends numText.
func (c Cell) appendNum(dst []byte) []byte {
	if c.Text == "" && c.exact != nil {
		if f, ok := c.exact.(fastFixer); ok {
			return f.AppendText(dst)
		}
		return append(dst, c.exact.Decimal().String()...)
	}
	return append(dst, c.Text...)
}

// fixedText is the cell's number rounded to places decimals, with
// exactly places decimals, from the exact value when the cell has one.
func (c Cell) fixedText(places int32) string { return string(c.appendFixed(nil, places)) }

// appendFixed appends fixedText.
func (c Cell) appendFixed(dst []byte, places int32) []byte {
	if f, ok := c.exact.(fastFixer); ok {
		return f.AppendFixed(dst, places)
	}
	return append(dst, c.fixed(places).StringFixed(places)...)
}

// fixed is the cell's number rounded to places decimals, from the exact
// value when the cell has one.
func (c Cell) fixed(places int32) decimal.Decimal {
	if c.exact != nil {
		return c.exact.Fixed(places)
	}
	return c.num().Round(places)
}

// num is the decimal of a number cell.
func (c Cell) num() decimal.Decimal {
	d, err := decimal.NewFromString(c.numText())
	if err != nil {
		panic("render: a number cell holds " + c.numText())
	}
	return d
}

// NA is a cell without a value: "n/a: reason" in a text or Markdown
// table, empty elsewhere (a note column carries the reason).
func NA(reason string) Cell { return Cell{NA: reason} }

// PercentPlaces is how many decimals a percentage shows without
// Options.Decimals.
const PercentPlaces = 1

// Table is what a command prints.
type Table struct {
	// Sheet names the table's worksheet in a workbook ("show",
	// "project"); blocks of one name and one header share a sheet.
	Sheet   string
	Title   string // shown above a text or Markdown table
	Columns []Column
	Rows    [][]Cell
	Notes   []string // shown below a text or Markdown table, such as formulas
}

// Options choose the format and rounding, and for CSV the dialect.
type Options struct {
	Format   string // one of Formats; "" is table
	Decimals int    // places to round numbers to; < 0 keeps every digit
	// CSV dialect, for spreadsheets that expect another one than RFC
	// 4180's: a UTF-8 byte-order mark first (Excel reads the file as
	// UTF-8 only with it), another field separator, and "," as the
	// decimal separator (which makes ";" the default separator).
	BOM          bool
	Delimiter    byte // 0 is ","
	DecimalComma bool
	// Report is what an HTML page shows besides the tables (the data's
	// dates, charts, warnings); nil for none. Other formats ignore it.
	Report *Report
}

// Write renders tables to w: text and Markdown tables one after another,
// CSV and TSV as one header and every table's rows (the tables must share
// their columns), JSON as one array of objects. A format error is found
// before anything is written.
func Write(w io.Writer, tables []*Table, opt Options) error {
	s, err := NewStream(w, opt)
	if err != nil {
		return err
	}
	for _, t := range tables {
		s.Begin(t)
		for _, r := range t.Rows {
			for _, c := range r {
				s.Cell(c)
			}
			if err := s.EndRow(); err != nil {
				return err
			}
		}
	}
	return s.Close()
}

// plain is a cell as CSV, TSV and JSON carry it.
func plain(c Cell, opt Options) string {
	if c.NA != "" {
		return ""
	}
	if !c.IsNum {
		return c.Text
	}
	if opt.Decimals >= 0 {
		return c.fixedText(int32(opt.Decimals))
	}
	return c.numText()
}

// display is a cell as a person reads it.
func display(c Cell, opt Options) string {
	var s displayScratch
	return s.display(c, opt)
}

// displayScratch holds the buffers display writes a number in: a text
// table keeps one for its million cells.
type displayScratch struct{ num, out []byte }

// display is display(c, opt), the number written in s's buffers and made
// a string once.
func (s *displayScratch) display(c Cell, opt Options) string {
	switch {
	case c.NA != "":
		return "n/a: " + c.NA
	case !c.IsNum:
		return c.Text
	case c.Percent:
		places := int32(PercentPlaces)
		if c.Places > 0 {
			places = c.Places
		}
		if opt.Decimals >= 0 {
			places = int32(opt.Decimals)
		}
		s.num = c.appendFixed(s.num[:0], places+2)
		s.out = append(appendPercent(s.out[:0], s.num), '%')
	case opt.Decimals >= 0:
		s.num = c.appendFixed(s.num[:0], int32(opt.Decimals))
		s.out = amount.AppendGroup(s.out[:0], s.num)
	case c.Display != "":
		return c.Display
	default:
		s.num = c.appendNum(s.num[:0])
		s.out = amount.AppendGroup(s.out[:0], s.num)
	}
	return string(s.out)
}

// appendPercent appends a fraction written with two or more decimals as
// a percentage, grouped: its point moved two places right ("-0.2970" is
// "-29.70", "0.05" is "5", "12.3456" is "1,234.56").
func appendPercent(dst, s []byte) []byte {
	var moved [64]byte
	m := moved[:0]
	if len(s) > 0 && s[0] == '-' {
		m, s = append(m, '-'), s[1:]
	}
	dot := bytes.IndexByte(s, '.')
	whole, frac := s[:dot], s[dot+1:]
	start := len(m)
	for _, part := range [2][]byte{whole, frac[:2]} {
		for _, d := range part {
			if d != '0' || len(m) > start {
				m = append(m, d)
			}
		}
	}
	if len(m) == start {
		m = append(m, '0')
	}
	if frac = frac[2:]; len(frac) > 0 {
		m = append(append(m, '.'), frac...)
	}
	return amount.AppendGroup(dst, m)
}

// fit cuts s to at most w characters, ending in "…" when cut.
func fit(s string, w int) string {
	if utf8.RuneCountInString(s) <= w {
		return s // no copy of every cell as runes
	}
	r := []rune(s)
	return string(r[:w-1]) + "…"
}

// texts formats a row's cells with f.
func texts(r []Cell, f func(Cell, Options) string, opt Options) []string {
	out := make([]string, len(r))
	for j, c := range r {
		out[j] = f(c, opt)
	}
	return out
}

// TextTable is a table of text cells under the column names given.
func TextTable(columns []string, rows [][]string, notes ...string) *Table {
	t := &Table{Columns: make([]Column, len(columns)), Rows: make([][]Cell, len(rows)), Notes: notes}
	for i, c := range columns {
		t.Columns[i] = Column{Name: c}
	}
	for i, r := range rows {
		t.Rows[i] = make([]Cell, len(r))
		for j, v := range r {
			t.Rows[i][j] = Text(v)
		}
	}
	return t
}
