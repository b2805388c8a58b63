// Package render writes tables of results as a text table, CSV, TSV, JSON
// or Markdown. It is the only user of tablewriter.
//
// Numbers are exact decimals until here. CSV, TSV and JSON carry them in
// full as plain text (no thousands separators; JSON numbers are strings,
// so that no reader turns them into float64); the text table and Markdown
// group thousands and right-align them. With Options.Decimals set, every
// format rounds numbers to that many places, half away from zero.
package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
)

// Formats lists the output formats.
var Formats = []string{"table", "csv", "tsv", "json", "markdown"}

// FormatHint says how formats are written.
const FormatHint = "use table, csv, tsv, json or markdown"

// CheckFormat refuses an unknown format name.
func CheckFormat(f string) error {
	for _, g := range Formats {
		if f == g {
			return nil
		}
	}
	return fmt.Errorf("output format %q: not a format", f)
}

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
}

// Cell is a value: a number when IsNum (its exact decimal text in Text; a
// fraction shown as a percentage when Percent), text otherwise, or no
// value for the reason in NA. The zero Cell is empty.
type Cell struct {
	Text    string
	IsNum   bool
	Percent bool
	NA      string
	// Places is how many decimals a percentage shows in a table; 0 means
	// PercentPlaces (Options.Decimals, when given, overrides both).
	Places int32
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

// num is the decimal of a number cell.
func (c Cell) num() decimal.Decimal {
	d, err := decimal.NewFromString(c.Text)
	if err != nil {
		panic("render: a number cell holds " + c.Text)
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
}

// Delimiters are the field separators a CSV dialect may use.
const Delimiters = ",;|\t"

// DelimiterOf reads a separator as written on a command line: one of
// , ; | or a tab (written "\t" or "tab").
func DelimiterOf(s string) (byte, error) {
	switch s {
	case ",", ";", "|":
		return s[0], nil
	case "\\t", "\t", "tab":
		return '\t', nil
	}
	return 0, fmt.Errorf("delimiter %q: use , ; | or tab", s)
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
		return c.num().StringFixed(int32(opt.Decimals))
	}
	return c.Text
}

// display is a cell as a person reads it.
func display(c Cell, opt Options) string {
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
		return amount.Fixed(c.num().Shift(2), places) + "%"
	}
	if opt.Decimals >= 0 {
		return amount.Fixed(c.num(), int32(opt.Decimals))
	}
	return amount.GroupText(c.Text)
}

// short returns t as a person reads it: without its Long columns, each
// text on one line, cut to its column's MaxWidth.
func short(t *Table) *Table {
	keep := make([]int, 0, len(t.Columns))
	for j, c := range t.Columns {
		if !c.Long {
			keep = append(keep, j)
		}
	}
	s := &Table{Title: t.Title, Notes: t.Notes, Columns: make([]Column, len(keep)), Rows: make([][]Cell, len(t.Rows))}
	for k, j := range keep {
		s.Columns[k] = t.Columns[j]
	}
	for i, r := range t.Rows {
		s.Rows[i] = make([]Cell, len(keep))
		for k, j := range keep {
			c := r[j]
			// One line per row: tabs and line breaks become spaces.
			c.Text = tsvField.Replace(c.Text)
			if w := t.Columns[j].MaxWidth; w > 0 && !c.IsNum {
				c.Text = fit(c.Text, w)
			}
			s.Rows[i][k] = c
		}
	}
	return s
}

// fit cuts s to at most w characters, ending in "…" when cut.
func fit(s string, w int) string {
	r := []rune(s)
	if len(r) <= w {
		return s
	}
	return string(r[:w-1]) + "…"
}

func writeText(w *bytes.Buffer, tables []*Table, opt Options) error {
	for i, t := range tables {
		t = short(t)
		if i > 0 {
			w.WriteByte('\n')
		}
		if t.Title != "" {
			fmt.Fprintln(w, t.Title)
		}
		n := len(t.Columns)
		gap := tw.Padding{Left: "", Right: "  ", Overwrite: true}
		pads := make([]tw.Padding, n)
		align := make(tw.Alignment, n)
		header := make([]string, n)
		for j, c := range t.Columns {
			pads[j] = gap
			align[j] = tw.AlignLeft
			if c.Right {
				align[j] = tw.AlignRight
			}
			header[j] = c.Name
		}
		pads[n-1] = tw.PaddingNone
		var tb bytes.Buffer
		table := tablewriter.NewTable(&tb,
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithRowAutoFormat(tw.Off),
			tablewriter.WithHeaderAutoWrap(tw.WrapNone),
			tablewriter.WithRowAutoWrap(tw.WrapNone),
			tablewriter.WithMaxWidth(0),
			tablewriter.WithAlignment(align),
			tablewriter.WithPadding(gap),
			tablewriter.WithHeaderPaddingPerColumn(pads),
			tablewriter.WithRowPaddingPerColumn(pads),
			tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
				Borders: tw.BorderNone,
				Symbols: tw.NewSymbols(tw.StyleASCII),
				Settings: tw.Settings{
					Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off, ShowHeader: tw.On},
					Lines:      tw.Lines{ShowTop: tw.Off, ShowBottom: tw.Off, ShowHeaderLine: tw.On},
				},
			})),
		)
		table.Header(header)
		for _, r := range t.Rows {
			if err := table.Append(texts(r, display, opt)); err != nil {
				return err
			}
		}
		if err := table.Render(); err != nil {
			return err
		}
		// A left-aligned last column is padded to its width: trim it.
		for _, line := range strings.Split(strings.TrimRight(tb.String(), "\n"), "\n") {
			w.WriteString(strings.TrimRight(line, " "))
			w.WriteByte('\n')
		}
		if len(t.Notes) > 0 {
			w.WriteByte('\n')
		}
		for _, note := range t.Notes {
			fmt.Fprintln(w, note)
		}
	}
	return nil
}

// tsvField makes text safe for TSV, which has no quoting: a tab or line
// break inside a field would split it, so each becomes a space.
var tsvField = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")

// texts formats a row's cells with f.
func texts(r []Cell, f func(Cell, Options) string, opt Options) []string {
	out := make([]string, len(r))
	for j, c := range r {
		out[j] = f(c, opt)
	}
	return out
}

func writeMarkdown(w *bytes.Buffer, tables []*Table, opt Options) error {
	esc := strings.NewReplacer("|", `\|`, "\n", " ", "\r", "")
	for i, t := range tables {
		t = short(t)
		if i > 0 {
			w.WriteByte('\n')
		}
		if t.Title != "" {
			fmt.Fprintf(w, "%s\n\n", esc.Replace(t.Title))
		}
		w.WriteString("|")
		for _, c := range t.Columns {
			fmt.Fprintf(w, " %s |", esc.Replace(c.Name))
		}
		w.WriteString("\n|")
		for _, c := range t.Columns {
			if c.Right {
				w.WriteString(" ---: |")
			} else {
				w.WriteString(" --- |")
			}
		}
		w.WriteByte('\n')
		for _, r := range t.Rows {
			w.WriteString("|")
			for _, c := range r {
				fmt.Fprintf(w, " %s |", esc.Replace(display(c, opt)))
			}
			w.WriteByte('\n')
		}
		if len(t.Notes) > 0 {
			w.WriteByte('\n')
			for _, n := range t.Notes {
				fmt.Fprintf(w, "    %s\n", n)
			}
		}
	}
	return nil
}
