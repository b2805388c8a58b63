package render

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// TableFormat is aligned columns for people, laid out by tablewriter.
var TableFormat = &Format{
	Name:  "table",
	Human: true,
	Help: `aligned columns for people; numbers grouped with thousands separators and
right-aligned, growth as percentages, long text cut to fit with "…",
formulas and notes below (the default)`,
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		return &textEncoder{blockCells: blockCells{opt: opt}, w: w}, nil
	},
}

// textEncoder lays a text table out a block at a time: a block's columns
// are as wide as its widest cell, so each block is written when the next
// begins, and only one block's rows are ever held.
//
// tablewriter lays out the blocks of the first tablewriterRows rows: every
// table a person reads at a terminal. Its cost, some 60 µs a row, would
// make a million rows take a minute, so the blocks after those are laid
// out by layout, which writes the same bytes (TestLayoutMatchesTablewriter
// holds it to tablewriter's output) at a fraction of the cost.
type textEncoder struct {
	blockCells
	w       *bufio.Writer
	cells   []string // the block's rows, row after row
	written int      // blocks written
	rows    int      // rows of the blocks written
	err     error
	// part is set in the encoder of a part of the stream (split): it
	// writes to buf, and lays every block out with layout.
	part bool
	buf  *partBuffer
}

func (e *textEncoder) split() splitter {
	b := newPartBuffer()
	// written is 1: every block of a part follows another, and join
	// drops the blank line before the first block of the stream.
	return &textEncoder{blockCells: blockCells{opt: e.opt}, w: b.w, buf: b, part: true, written: 1}
}

func (e *textEncoder) join(ps splitter) error {
	p := ps.(*textEncoder)
	e.flush()
	defer p.buf.release()
	if err := p.close(); err != nil {
		return err
	}
	out, err := p.buf.bytes()
	if err != nil {
		return err
	}
	e.err = joinPart(e.w, out, e.written == 0)
	e.written += p.written - 1
	e.rows += p.rows
	return e.err
}

// joinPart writes the blocks a part laid out, without the blank line
// before its first when it is the first of the stream.
func joinPart(w *bufio.Writer, out []byte, first bool) error {
	if first && len(out) > 0 && out[0] == '\n' {
		out = out[1:]
	}
	_, err := w.Write(out)
	return err
}

// tablewriterRows is how many rows tablewriter lays out before layout
// takes over.
var tablewriterRows = 2000

func (e *textEncoder) begin(t *Table) {
	e.flush()
	e.blk = newHumanBlock(t)
	e.cells = e.cells[:0]
}

func (e *textEncoder) endRow() error {
	r := e.blk.take()
	for len(r) < len(e.blk.columns) {
		r = append(r, "")
	}
	e.cells = append(e.cells, r...)
	if e.err == nil {
		_, e.err = e.w.Write(nil) // the writer's first error, if any
	}
	return e.err
}

func (e *textEncoder) close() error {
	e.flush()
	return e.err
}

// flush writes the current block.
func (e *textEncoder) flush() {
	b := e.blk
	if b == nil || e.err != nil {
		return
	}
	e.blk = nil
	if e.written > 0 {
		e.w.WriteByte('\n')
	}
	e.written++
	for _, line := range b.titleLines() {
		e.w.WriteString(line)
		e.w.WriteByte('\n')
	}
	n := len(b.columns)
	rows := 0
	if n > 0 {
		rows = len(e.cells) / n
	}
	if e.rows+rows <= tablewriterRows && !e.part {
		e.err = tablewriterLayout(e.w, b.columns, e.cells)
	} else {
		layout(e.w, b.columns, e.cells)
	}
	e.rows += rows
	if len(b.notes) > 0 {
		e.w.WriteByte('\n')
	}
	for _, note := range b.notes {
		e.w.WriteString(Visible(note))
		e.w.WriteByte('\n')
	}
}

// tablewriterLayout writes a block's header and rows (cells row after
// row) as tablewriter lays them out: columns two spaces apart, numbers
// right-aligned, a rule under the header, lines without trailing spaces.
func tablewriterLayout(w *bufio.Writer, columns []Column, cells []string) error {
	n := len(columns)
	gap := tw.Padding{Left: "", Right: "  ", Overwrite: true}
	pads := make([]tw.Padding, n)
	align := make(tw.Alignment, n)
	header := make([]string, n)
	for j, c := range columns {
		pads[j] = gap
		align[j] = tw.AlignLeft
		if c.Right {
			align[j] = tw.AlignRight
		}
		header[j] = c.Name
	}
	if n > 0 {
		pads[n-1] = tw.PaddingNone
	}
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
	for i := 0; i+n <= len(cells) && n > 0; i += n {
		if err := table.Append(cells[i : i+n]); err != nil {
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
	return nil
}

// layout writes a block as tablewriterLayout does, without its per-row
// cost: a pass for the widths, a pass for the lines.
func layout(w *bufio.Writer, columns []Column, cells []string) {
	n := len(columns)
	if n == 0 {
		return
	}
	// tablewriter trims the space around every cell.
	header := make([]string, n)
	widths := make([]int, n)
	for j, c := range columns {
		header[j] = strings.TrimSpace(c.Name)
		widths[j] = displayWidth(header[j])
	}
	for i, s := range cells {
		s = strings.TrimSpace(s)
		cells[i] = s
		if d := displayWidth(s); d > widths[i%n] {
			widths[i%n] = d
		}
	}
	var line []byte
	row := func(r []string) {
		line = line[:0]
		for j, s := range r {
			pad := widths[j] - displayWidth(s)
			if columns[j].Right {
				line = appendSpaces(line, pad)
				line = append(line, s...)
			} else {
				line = append(line, s...)
				line = appendSpaces(line, pad)
			}
			if j < n-1 {
				line = append(line, ' ', ' ')
			}
		}
		line = bytes.TrimRight(line, " ")
		line = append(line, '\n')
		w.Write(line)
	}
	row(header)
	if len(cells) < n {
		return // no rule under a header alone
	}
	total := 2 * (n - 1)
	for _, wd := range widths {
		total += wd
	}
	w.WriteString(strings.Repeat("-", total))
	w.WriteByte('\n')
	for i := 0; i+n <= len(cells); i += n {
		row(cells[i : i+n])
	}
}

// appendSpaces appends n spaces.
func appendSpaces(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}

// displayWidth is how many terminal columns s takes, as tablewriter
// measures it: the byte count of printable ASCII, twwidth's measure of
// anything else.
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return twwidth.Width(s)
		}
	}
	return len(s)
}
