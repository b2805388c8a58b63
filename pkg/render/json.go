package render

import (
	"bufio"
	"encoding/json"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"
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
	opt Options
	w   *bufio.Writer
	*jsonKeys
	row     []byte // the current row, written when it ends
	field   int    // fields written in the current row
	rows    int    // rows written: objects after the first need a comma
	scratch []byte
	part    bool // a part's: its rows are kept in row, for join
}

// jsonKeys are the keys of a block's objects, shared by the parts of a
// stream; made anew, never changed, when the columns change.
type jsonKeys struct {
	keys   [][]byte // the column names, encoded
	fields [][]byte // what comes before each field's value: ",\n    \"name\": "
	kinds  []Kind   // and their kinds
}

// jsonFields are Fields as JSON writes them: each text as a JSON string,
// and what Put wrote for them, to be copied when they come again at the
// same field of a row, under the same keys: a million rows repeat the
// company, the quarter, the unit. A run is made the second time they come
// there, so that Fields written once (a row's own source) cost no copy.
// Parts writing in parallel may share them: each field is swapped whole,
// and a run is checked against its own keys and field before it is used.
type jsonFields struct {
	quoted [][]byte
	run    atomic.Pointer[jsonRun]  // the last run made
	seen   atomic.Pointer[jsonKeys] // the keys and field of the last Put
	seenAt atomic.Int64             // that made no run
}

// jsonRun is what Put wrote for Fields at a field of a row, never
// changed once made.
type jsonRun struct {
	keys  *jsonKeys
	start int    // the field it starts at
	text  []byte // what Put wrote, after the object's opening when start is 0
}

// jsonParts holds the row buffers of joined parts, grown, for the next
// parts (as partBuffers does for tables).
var jsonParts = make(freeList[[]byte], 16)

// split returns an encoder for a part of the stream: the rows of the
// current block, kept in one buffer. Its rows all start with a comma
// (rows is 1), which join turns into the array's bracket when they come
// first.
func (j *jsonEncoder) split() splitter {
	p := &jsonEncoder{opt: j.opt, jsonKeys: j.jsonKeys, rows: 1, part: true}
	p.row, _ = jsonParts.get()
	return p
}

func (j *jsonEncoder) join(ps splitter) error {
	p := ps.(*jsonEncoder)
	out := p.row
	defer func() {
		p.row = nil
		jsonParts.put(out[:0])
	}()
	if p.rows == 1 {
		return nil
	}
	if j.rows == 0 {
		out[0] = '[' // ",\n  {" and "[\n  {" are as long
	}
	j.rows += p.rows - 1
	_, err := j.w.Write(out)
	return err
}

func (j *jsonEncoder) begin(t *Table) {
	if j.sameColumns(t.Columns) {
		return // a block per company, the same keys
	}
	k := new(jsonKeys)
	for _, c := range t.Columns {
		key := appendJSONString(nil, c.Name)
		k.keys = append(k.keys, key)
		k.fields = append(k.fields, append(append([]byte(",\n    "), key...), ": "...))
		k.kinds = append(k.kinds, c.Kind)
	}
	j.jsonKeys = k
}

// sameColumns reports whether the current block's keys are cols'.
func (j *jsonEncoder) sameColumns(cols []Column) bool {
	if j.jsonKeys == nil || len(cols) != len(j.keys) || len(cols) == 0 {
		return false
	}
	for i, c := range cols {
		if j.kinds[i] != c.Kind || string(j.keys[i]) != string(appendJSONString(j.scratch[:0], c.Name)) {
			return false
		}
	}
	return true
}

func (j *jsonEncoder) note(string) {}
func (j *jsonEncoder) cell(c Cell) {
	if c.items != nil && j.kinds[j.field] == ListKind {
		j.key()
		b, _ := json.Marshal(c.items)
		j.row = append(j.row, b...)
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
		j.row = append(j.row, b...)
	case v == "":
		j.row = append(j.row, "null"...)
	case kind == IntKind && wholeNumber(v):
		j.row = append(j.row, v...)
	default:
		j.row = appendJSONString(j.row, v)
	}
}

// quotedText writes v, which is q when it is written as a JSON string.
func (j *jsonEncoder) quotedText(v string, q []byte) {
	if kind := j.kinds[j.field]; kind == ListKind || v == "" || kind == IntKind && wholeNumber(v) {
		j.text(v)
		return
	}
	j.key()
	j.row = append(j.row, q...)
}

// appendJSONString appends s as encoding/json writes a string: quoted,
// with ", \ and control characters escaped, <, > and & escaped for HTML,
// U+2028 and U+2029 escaped, and invalid UTF-8 as U+FFFD
// (TestAppendJSONString holds it to json.Marshal). It is json.Marshal's
// output without its allocations, for a million rows.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
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
	j.row = append(j.row, '"')
	j.row = append(j.row, text...)
	j.row = append(j.row, '"')
}

func (j *jsonEncoder) na(string) {
	j.key()
	j.row = append(j.row, "null"...)
}

// key starts the next field of a row, opening the object (and the array)
// first.
func (j *jsonEncoder) key() {
	f := j.fields[j.field]
	if j.field == 0 {
		j.open()
		f = f[1:] // the first field has no comma before it
	}
	j.row = append(j.row, f...)
	j.field++
}

// open opens a row's object, and the array before the first; either text
// is objectOpening bytes long.
func (j *jsonEncoder) open() {
	if j.rows == 0 {
		j.row = append(j.row, "[\n  {"...)
	} else {
		j.row = append(j.row, ",\n  {"...)
	}
}

const objectOpening = len(",\n  {")

// put writes Fields made by Encode: field by field, or as one copy of
// what that wrote before at this field of a row under these keys.
func (j *jsonEncoder) put(f Fields) {
	jf := f.json
	if len(jf.quoted) == 0 {
		return // no fields: not even the object's opening
	}
	start := j.field
	if r := jf.run.Load(); r != nil && r.keys == j.jsonKeys && r.start == start {
		if start == 0 {
			j.open()
		}
		j.row = append(j.row, r.text...)
		j.field += len(jf.quoted)
		return
	}
	mark := len(j.row)
	for i, t := range f.texts {
		j.quotedText(t, jf.quoted[i])
	}
	if jf.seen.Load() != j.jsonKeys || jf.seenAt.Load() != int64(start) {
		jf.seen.Store(j.jsonKeys)
		jf.seenAt.Store(int64(start))
		return
	}
	text := j.row[mark:]
	if start == 0 {
		text = text[objectOpening:]
	}
	jf.run.Store(&jsonRun{keys: j.jsonKeys, start: start, text: slices.Clone(text)})
}

func (j *jsonEncoder) endRow() error {
	if j.field > 0 {
		j.row = append(j.row, "\n  }"...)
	}
	j.field = 0
	j.rows++
	if j.part {
		return nil // written by join
	}
	_, err := j.w.Write(j.row)
	j.row = j.row[:0]
	return err
}

func (j *jsonEncoder) close() error {
	if j.rows == 0 {
		j.w.WriteString("[]\n")
	} else {
		j.w.WriteString("\n]\n")
	}
	return nil
}
