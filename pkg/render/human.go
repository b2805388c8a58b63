package render

import "strings"

// blockCells takes a text or Markdown table's fields: they go to the
// current block, laid out when the block ends (its columns are as wide as
// its widest cell).
type blockCells struct {
	opt     Options
	blk     *humanBlock
	scratch displayScratch
}

func (e *blockCells) note(line string) {
	if e.blk != nil {
		e.blk.notes = append(e.blk.notes, line)
	}
}

func (e *blockCells) cell(c Cell)      { e.blk.add(c, e.opt, &e.scratch) }
func (e *blockCells) text(v string)    { e.blk.add(Text(v), e.opt, &e.scratch) }
func (e *blockCells) na(reason string) { e.blk.add(NA(reason), e.opt, &e.scratch) }
func (e *blockCells) number(text []byte, pct bool) {
	e.blk.add(Cell{Text: string(text), IsNum: true, Percent: pct}, e.opt, &e.scratch)
}

// humanBlock is a block of a text or Markdown table as a person reads it:
// its Long columns left out, each cell as display shows it, on one line
// (Visible), cut to its column's MaxWidth. Cells arrive one field at a
// time, in the order of the block's columns.
type humanBlock struct {
	title   string
	notes   []string
	columns []Column // the columns shown
	shown   []int    // for each column of the block, its index in columns, or -1
	field   int      // the next field of the current row
	row     []string // the current row's shown cells
}

func newHumanBlock(t *Table) *humanBlock {
	b := &humanBlock{title: t.Title, notes: append([]string(nil), t.Notes...), shown: make([]int, len(t.Columns))}
	for j, c := range t.Columns {
		b.shown[j] = -1
		if !c.Long {
			b.shown[j] = len(b.columns)
			b.columns = append(b.columns, c)
		}
	}
	b.row = make([]string, 0, len(b.columns))
	return b
}

// add takes the next field of the row, as display shows cell c (written
// in s).
func (b *humanBlock) add(c Cell, opt Options, s *displayScratch) {
	j := b.field
	b.field++
	if j >= len(b.shown) || b.shown[j] < 0 {
		return
	}
	v := Visible(s.display(c, opt))
	if w := b.columns[b.shown[j]].MaxWidth; w > 0 && !c.IsNum {
		v = fit(v, w)
	}
	b.row = append(b.row, v)
}

// take ends the row and returns its shown cells, which stay valid until
// the next row ends only if the caller copies them.
func (b *humanBlock) take() []string {
	r := b.row
	b.field = 0
	b.row = b.row[:0]
	return r
}

// titleLines are the block's title, a line each, as a terminal may show
// them.
func (b *humanBlock) titleLines() []string {
	if b.title == "" {
		return nil
	}
	lines := strings.Split(b.title, "\n")
	for i, l := range lines {
		lines[i] = Visible(l)
	}
	return lines
}
