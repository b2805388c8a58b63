package render

import (
	"bufio"
	"strings"

	"github.com/capexdev/capex/pkg/param"
)

// Format is an output format: the name -o takes, one line of help, and
// the encoder that writes it. Each format's encoder lives in a file of its
// own (csv.go, tsv.go, json.go, table.go, markdown.go, html.go, xlsx.go); Formats
// lists them.
type Format struct {
	Name string
	Help string
	// Human formats are for people: numbers grouped with thousands
	// separators, growth as percentages, Long columns left out, long text
	// cut, notes below each table.
	Human bool
	// Binary formats are not text: never written to a terminal.
	Binary bool
	// Formulas formats keep Cell.Formula: a figure computed from other
	// cells of the table is a live formula over them. Views attach
	// formulas only for them (Stream.Formulas).
	Formulas bool
	// open starts the encoder of a stream writing to w.
	open func(w *bufio.Writer, opt Options) (encoder, error)
}

// Formats lists the output formats, the default first. Adding a format is
// a file with its encoder and a line here.
var Formats = []*Format{TableFormat, CSVFormat, TSVFormat, JSONFormat, MarkdownFormat, HTMLFormat, XLSXFormat}

// FormatNames lists the names of the formats.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// FormatByName returns the format called name (any case); "" is the
// default, table. An unknown name is a *param.Error about "output".
func FormatByName(name string) (*Format, error) {
	if name == "" {
		return Formats[0], nil
	}
	for _, f := range Formats {
		if strings.EqualFold(f.Name, name) {
			return f, nil
		}
	}
	return nil, param.Errorf("output", name, strings.Join(FormatNames(), ", "), "not a format")
}

// Formulas reports whether the stream's format keeps formulas: only then
// is it worth attaching them to cells.
func (s *Stream) Formulas() bool { return s.format.Formulas }

// encoder writes one format. A Stream calls begin for each block, the
// field methods in the order of the block's columns, and endRow after
// each row; close once at the end.
type encoder interface {
	begin(t *Table)
	text(v string)
	number(text []byte, percent bool)
	na(reason string)
	// cell writes a prepared cell.
	cell(c Cell)
	// note adds a line below the current block, in formats that show
	// notes.
	note(line string)
	endRow() error
	close() error
}

// Delimiters are the field separators a CSV dialect may use.
const Delimiters = ",;|\t"

// DelimiterOf reads a separator as written: one of , ; | or a tab
// (written "\t" or "tab"). An unknown one is a *param.Error about
// "delimiter".
func DelimiterOf(s string) (byte, error) {
	switch s {
	case ",", ";", "|":
		return s[0], nil
	case "\\t", "\t", "tab":
		return '\t', nil
	}
	return 0, param.Errorf("delimiter", s, `, ; | or tab`, "not a separator")
}
