package render

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
)

// Stream writes a result a row at a time. CSV, TSV and JSON go straight
// to the writer, so that a million rows never sit in memory; a text or
// Markdown table is collected and written by Close, since its columns are
// as wide as their widest cell.
//
// A row is written field by field (Text, Num, Percent, NA, Put, in the
// order of the columns) and ended with EndRow. Num and Percent take the
// number's exact decimal text, as decimal.Decimal's String writes it; they
// copy it, so the caller may reuse its buffer.
type Stream struct {
	opt    Options
	format *Format
	w      *bufio.Writer
	// flat is the encoder of CSV and TSV, called directly: a million rows
	// of fields go through it.
	flat *flatEncoder
	// splitter is the encoder of a text or Markdown table, whose blocks
	// parts lay out apart (nil for a part).
	splitter splitter
	enc      encoder
	// parts recycles the buffers of the streams Part makes; template is
	// their encoder before any row, set once (parts are made while the
	// stream writes).
	parts    freeList[[]byte]
	template flatEncoder
	part     bool // this stream is a part: it keeps its rows for Append
}

// NewStream starts a stream to w. It checks the format and its options
// first, and writes nothing if they are wrong.
func NewStream(w io.Writer, opt Options) (*Stream, error) {
	f, err := FormatByName(opt.Format)
	if err != nil {
		return nil, err
	}
	s := &Stream{opt: opt, format: f, w: bufio.NewWriterSize(w, 1<<16)}
	enc, err := f.open(s.w, opt)
	if err != nil {
		return nil, err
	}
	s.enc = enc
	s.flat, _ = enc.(*flatEncoder)
	s.splitter, _ = enc.(splitter)
	if s.flat != nil {
		s.parts = make(freeList[[]byte], 4*runtime.GOMAXPROCS(0))
		s.template = flatEncoder{opt: s.flat.opt, tsv: s.flat.tsv, sep: s.flat.sep, started: true}
	}
	return s, nil
}

// Human reports whether the format is for people (text or Markdown).
func (s *Stream) Human() bool { return s.format.Human }

// Rounds reports whether the stream rounds numbers: a number of decimals
// is set, or (in a table for people) percentages are rounded. A caller
// then writes quotients as Exact cells, so that they are rounded once,
// from the exact value.
func (s *Stream) Rounds() bool { return s.opt.Decimals >= 0 || s.format.Human }

// Begin starts a block: a table of its own in a text or Markdown table,
// more rows of one long table in CSV, TSV and JSON (whose blocks must share
// their columns). t's rows are ignored; its title and notes are used.
func (s *Stream) Begin(t *Table) { s.enc.begin(t) }

// NoteLine adds a line below the current block (text and Markdown only).
func (s *Stream) NoteLine(line string) { s.enc.note(line) }

// Text writes a text field.
func (s *Stream) Text(v string) {
	if s.flat != nil {
		s.flat.text(v)
		return
	}
	s.enc.text(v)
}

// Num writes a number field from its exact decimal text.
func (s *Stream) Num(text []byte) {
	if s.flat != nil {
		s.flat.number(text, false)
		return
	}
	s.enc.number(text, false)
}

// Percent writes a fraction, shown as a percentage in a table. Unless
// Rounds is false, write a quotient with Cell(Exact(…)) instead.
func (s *Stream) Percent(text []byte) { s.enc.number(text, true) }

// NA writes a field without a value, for the reason given.
func (s *Stream) NA(reason string) { s.enc.na(reason) }

// Cell writes one prepared cell.
func (s *Stream) Cell(c Cell) { s.enc.cell(c) }

// writeCell writes a prepared cell with an encoder's field methods, a
// number rounded once from its exact value when opt asks for rounding.
func writeCell(e encoder, c Cell, opt Options) {
	switch {
	case c.NA != "":
		e.na(c.NA)
	case c.IsNum:
		if c.exact != nil && opt.Decimals >= 0 {
			c.Text = plain(c, opt)
		}
		e.number([]byte(c.numText()), c.Percent)
	default:
		e.text(c.Text)
	}
}

// EndRow ends the current row. It reports a write error.
func (s *Stream) EndRow() error {
	if s.flat != nil {
		return s.flat.endRow()
	}
	return s.enc.endRow()
}

// Close writes what is left: a text or Markdown table, the end of a JSON
// array. It reports the first write error.
func (s *Stream) Close() error {
	if err := s.enc.close(); err != nil {
		return err
	}
	return s.w.Flush()
}

// Fields are text fields encoded once for a stream, to be written on many
// rows with Put: the company, the period and its dates, which a million
// rows share. They carry their own count.
type Fields struct {
	texts   []string
	encoded []byte      // for CSV and TSV
	json    *jsonFields // for JSON
}

// Encode returns texts as Fields of this stream.
func (s *Stream) Encode(texts ...string) Fields {
	if s.flat != nil {
		return Fields{texts: texts, encoded: s.flat.encode(texts)}
	}
	if _, ok := s.enc.(*jsonEncoder); ok {
		f := Fields{texts: texts, json: &jsonFields{quoted: make([][]byte, len(texts))}}
		for i, t := range texts {
			f.json.quoted[i] = appendJSONString(nil, t)
		}
		return f
	}
	return Fields{texts: texts}
}

// Put writes fields made by Encode (of this stream or one of its parts).
func (s *Stream) Put(f Fields) {
	if s.flat != nil && f.encoded != nil {
		s.flat.raw(f.encoded, len(f.texts))
		return
	}
	if j, ok := s.enc.(*jsonEncoder); ok && f.json != nil {
		j.put(f)
		return
	}
	for _, t := range f.texts {
		s.Text(t)
	}
}

// Splits reports whether Part may be used: the rows of a CSV or TSV
// stream, and the blocks of a text or Markdown table, can be made in
// parts, in parallel, and joined in order.
func (s *Stream) Splits() bool { return (s.flat != nil || s.splitter != nil) && !s.part }

// splitter is an encoder whose blocks stand alone (a text or Markdown
// table's each has its own widths and notes): parts of a stream lay out
// theirs apart, to be joined in order.
type splitter interface {
	encoder
	// split returns an encoder for a part, writing to a buffer of its own.
	split() splitter
	// join writes the blocks of a part made by split.
	join(part splitter) error
}

// Part returns a stream that writes rows as this one does, after its
// header, into a buffer of its own, for Append. It may be called from
// any goroutine; each part is used by one. In CSV, TSV and JSON the
// stream's first block must have begun (its header is written once); in
// a text or Markdown table each part begins its own blocks.
func (s *Stream) Part() *Stream {
	if s.splitter != nil {
		return &Stream{opt: s.opt, format: s.format, enc: s.splitter.split(), part: true}
	}
	f := s.template
	f.line, _ = s.parts.get()
	p := &Stream{opt: s.opt, format: s.format, flat: &f, part: true}
	p.enc = p.flat
	return p
}

// Append writes the rows of a part, in the order Append is called, and
// recycles its buffer. It reports a write error.
func (s *Stream) Append(p *Stream) error {
	if s.splitter != nil {
		return s.splitter.join(p.enc.(splitter))
	}
	if err := s.flat.flush(); err != nil {
		return err
	}
	buf := p.flat.line
	_, err := s.w.Write(buf)
	p.flat.line = nil
	s.parts.put(buf[:0])
	return err
}

// partBuffer is where a part of a text, Markdown or JSON stream writes:
// a buffer behind a bufio.Writer. Parts of a million rows are made and
// dropped by the hundred, each some megabytes, so their buffers are kept
// for the next parts, grown: made afresh, each would grow by doubling,
// copying and clearing as it goes, and be garbage for the collector. A
// sync.Pool would drop them at every collection; this list keeps a few.
type partBuffer struct {
	bytes.Buffer
	w *bufio.Writer
}

// partBuffers holds released part buffers, as many as are in use at once
// when every CPU writes parts and the stream waits on a few.
var partBuffers = make(freeList[*partBuffer], 16)

// newPartBuffer returns an empty part buffer.
func newPartBuffer() *partBuffer {
	if b, ok := partBuffers.get(); ok {
		return b
	}
	b := new(partBuffer)
	b.w = bufio.NewWriterSize(&b.Buffer, 1<<16)
	return b
}

// freeList keeps a few things that are costly to make (grown buffers)
// for the next user, unlike a sync.Pool, which drops them at every
// collection.
type freeList[T any] chan T

// get returns a kept thing, if there is one.
func (l freeList[T]) get() (T, bool) {
	select {
	case x := <-l:
		return x, true
	default:
		var zero T
		return zero, false
	}
}

// put keeps x, unless the list is full.
func (l freeList[T]) put(x T) {
	select {
	case l <- x:
	default:
	}
}

// bytes flushes the writer and returns what the part wrote.
func (b *partBuffer) bytes() ([]byte, error) {
	if err := b.w.Flush(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// release empties the buffer and pools it; its bytes are not used after.
func (b *partBuffer) release() {
	b.Reset()
	b.w.Reset(&b.Buffer)
	partBuffers.put(b)
}
