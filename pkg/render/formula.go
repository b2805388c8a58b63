package render

import (
	"strconv"
	"strings"
)

// Formula is how a number cell follows from other cells of its block: an
// expression in spreadsheet syntax with {0}, {1}, … standing for Refs. A
// workbook writes it as a live formula over the cells the refs name, with
// the cell's own value cached; the text formats ignore it. The expression
// is capex's, never text from data: data reaches a formula only as the
// A1 references its refs resolve to.
//
// A workbook writes the formula only when every cell its refs name is in
// the formula's block, at or above its row, and holds a number; otherwise
// the cell holds its value alone (rows cut by --from, a quarter without a
// value, a column not shown).
type Formula struct {
	Expr string
	Refs []Ref
}

// Ref names cells of a formula's block by column name and by row counted
// from the formula's own row (0 is that row, -1 the one above): the rows
// Row through To of the column, one cell when they are equal.
type Ref struct {
	Col     string
	Row, To int
}

// At is the cell of column col, row rows away (0 the formula's own row,
// -1 the one above).
func At(col string, row int) Ref { return Ref{Col: col, Row: row, To: row} }

// Rows is the cells of column col from row from to row to, counted as At
// counts them.
func Rows(col string, from, to int) Ref { return Ref{Col: col, Row: from, To: to} }

// NewFormula is a formula of expr over refs.
func NewFormula(expr string, refs ...Ref) *Formula { return &Formula{Expr: expr, Refs: refs} }

// Sum is SUM over refs: SUM(C2:C5), or SUM(L2,L5,L8).
func Sum(refs ...Ref) *Formula {
	var b strings.Builder
	b.WriteString("SUM(")
	for i := range refs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{" + strconv.Itoa(i) + "}")
	}
	b.WriteString(")")
	return &Formula{Expr: b.String(), Refs: refs}
}

// expand writes the formula with each {i} replaced by ref(i).
func (f *Formula) expand(ref func(i int) string) string {
	var b strings.Builder
	s := f.Expr
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		n, err := strconv.Atoi(s[i+1 : i+j])
		if err != nil || n < 0 || n >= len(f.Refs) {
			panic("render: formula " + f.Expr + " names no ref " + s[i:i+j+1])
		}
		b.WriteString(s[:i])
		b.WriteString(ref(n))
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}
