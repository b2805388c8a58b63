package render

import (
	"bufio"
	"encoding/json"
	"strings"
)

// JSONFormat is an array of objects, one per row, keyed by column name.
// Numbers are strings, so that no reader turns them into float64; a cell
// without a value is null.
var JSONFormat = &Format{
	Name: "json",
	Help: `an array of objects; exact numbers are strings, so that no reader turns
them into float64; whole numbers (days, line) are numbers and lists arrays;
null where there is no value`,
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		return &jsonEncoder{opt: opt, w: w}, nil
	},
}

type jsonEncoder struct {
	opt     Options
	w       *bufio.Writer
	keys    [][]byte // the current block's column names, encoded
	kinds   []Kind   // and their kinds
	field   int      // fields written in the current row
	rows    int      // rows written: objects after the first need a comma
	scratch []byte
}

func (j *jsonEncoder) begin(t *Table) {
	j.keys, j.kinds = j.keys[:0], j.kinds[:0]
	for _, c := range t.Columns {
		k, _ := json.Marshal(c.Name)
		j.keys = append(j.keys, k)
		j.kinds = append(j.kinds, c.Kind)
	}
}

func (j *jsonEncoder) note(string) {}
func (j *jsonEncoder) cell(c Cell) {
	if c.items != nil && j.kinds[j.field] == ListKind {
		j.key()
		b, _ := json.Marshal(c.items)
		j.w.Write(b)
		return
	}
	writeCell(j, c, j.opt)
}

func (j *jsonEncoder) text(v string) {
	kind := j.kinds[j.field]
	j.key()
	switch {
	case kind == ListKind:
		items := strings.Fields(v)
		if items == nil {
			items = []string{}
		}
		b, _ := json.Marshal(items)
		j.w.Write(b)
	case v == "":
		j.w.WriteString("null")
	case kind == IntKind && wholeNumber(v):
		j.w.WriteString(v)
	default:
		b, _ := json.Marshal(v)
		j.w.Write(b)
	}
}

// wholeNumber reports whether v is written as a JSON integer: an optional
// "-" and digits, without leading zeros.
func wholeNumber(v string) bool {
	d := strings.TrimPrefix(v, "-")
	if d == "" || len(d) > 1 && d[0] == '0' {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

func (j *jsonEncoder) number(text []byte, _ bool) {
	if j.opt.Decimals >= 0 {
		j.scratch = append(j.scratch[:0], plain(Cell{Text: string(text), IsNum: true}, j.opt)...)
		text = j.scratch
	}
	j.key()
	j.w.WriteByte('"')
	j.w.Write(text)
	j.w.WriteByte('"')
}

func (j *jsonEncoder) na(string) {
	j.key()
	j.w.WriteString("null")
}

// key starts the next field of a row, opening the object (and the array)
// first.
func (j *jsonEncoder) key() {
	if j.field == 0 {
		if j.rows == 0 {
			j.w.WriteString("[\n  {")
		} else {
			j.w.WriteString(",\n  {")
		}
	} else {
		j.w.WriteByte(',')
	}
	j.w.WriteString("\n    ")
	j.w.Write(j.keys[j.field])
	j.w.WriteString(": ")
	j.field++
}

func (j *jsonEncoder) endRow() error {
	if j.field > 0 {
		j.w.WriteString("\n  }")
	}
	j.field = 0
	j.rows++
	if j.w.Buffered() > 0 && j.w.Available() == 0 {
		return j.w.Flush()
	}
	return nil
}

func (j *jsonEncoder) close() error {
	if j.rows == 0 {
		j.w.WriteString("[]\n")
	} else {
		j.w.WriteString("\n]\n")
	}
	return nil
}
