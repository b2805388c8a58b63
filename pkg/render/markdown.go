package render

import (
	"bufio"
	"strings"
)

// MarkdownFormat is a pipe table per block, numbers right-aligned.
var MarkdownFormat = &Format{
	Name:  "markdown",
	Human: true,
	Help:  "a pipe table, numbers right-aligned",
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		return &markdownEncoder{blockCells: blockCells{opt: opt}, w: w}, nil
	},
}

// markdownEncoder writes a pipe table a row at a time: its columns need
// no widths. A block's notes follow its rows, when the next begins.
type markdownEncoder struct {
	blockCells
	w       *bufio.Writer
	written int
	buf     *partBuffer // a part's output (split)
}

func (e *markdownEncoder) split() splitter {
	b := newPartBuffer()
	return &markdownEncoder{blockCells: blockCells{opt: e.opt}, w: b.w, buf: b, written: 1}
}

func (e *markdownEncoder) join(ps splitter) error {
	p := ps.(*markdownEncoder)
	defer p.buf.release()
	e.notes()
	p.notes()
	out, err := p.buf.bytes()
	if err != nil {
		return err
	}
	err = joinPart(e.w, out, e.written == 0)
	e.written += p.written - 1
	return err
}

var markdownEscape = strings.NewReplacer("|", `\|`, "\n", " ", "\r", "")

func (e *markdownEncoder) begin(t *Table) {
	e.notes()
	e.blk = newHumanBlock(t)
	if e.written > 0 {
		e.w.WriteByte('\n')
	}
	e.written++
	for _, line := range e.blk.titleLines() {
		e.w.WriteString(markdownEscape.Replace(line))
		e.w.WriteString("\n\n")
	}
	e.w.WriteByte('|')
	for _, c := range e.blk.columns {
		e.w.WriteByte(' ')
		e.w.WriteString(markdownEscape.Replace(c.Name))
		e.w.WriteString(" |")
	}
	e.w.WriteString("\n|")
	for _, c := range e.blk.columns {
		if c.Right {
			e.w.WriteString(" ---: |")
		} else {
			e.w.WriteString(" --- |")
		}
	}
	e.w.WriteByte('\n')
}

func (e *markdownEncoder) endRow() error {
	e.w.WriteByte('|')
	for _, s := range e.blk.take() {
		e.w.WriteByte(' ')
		e.w.WriteString(markdownEscape.Replace(s))
		e.w.WriteString(" |")
	}
	e.w.WriteByte('\n')
	_, err := e.w.Write(nil) // the writer's first error, if any
	return err
}

func (e *markdownEncoder) close() error {
	e.notes()
	return nil
}

// notes writes the current block's notes.
func (e *markdownEncoder) notes() {
	if e.blk == nil || len(e.blk.notes) == 0 {
		return
	}
	e.w.WriteByte('\n')
	for _, n := range e.blk.notes {
		e.w.WriteString("    ")
		e.w.WriteString(Visible(n))
		e.w.WriteByte('\n')
	}
	e.blk.notes = nil
}
