package render

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/capexdev/capex/pkg/amount"
)

// XLSXFormat is an Excel workbook (Office Open XML SpreadsheetML, the
// format Excel writes; the tests read capex's with LibreOffice and with
// excelize). capex writes the package itself, with
// archive/zip: a library that builds workbooks costs every command its
// start-up (see the README), and a workbook of rows needs little of one.
//
// Each table is a worksheet named by Table.Sheet; blocks of one name and
// one header continue their sheet. The header row is bold, frozen and
// filtered; columns are sized to their first rows. A number cell holds the
// IEEE double nearest capex's exact value (strconv.ParseFloat rounds
// correctly), shown with the places its digits need, thousands grouped;
// a fraction is shown as a percentage; whole-number columns (days) are
// numbers. An ISO date in a date column (dateColumns) is a date cell. A
// text cell is always an inline string: nothing in data text is ever read
// as a formula, a number or a date. Control characters are kept, escaped
// as _xHHHH_ as Excel does. A URL (http or https) in a source column
// (linkColumns) is also a link. A cell without a value is empty; the
// note column says why.
//
// A cell with a Formula whose operands are all in its block holds the
// formula, with the cell's own value cached: the workbook recomputes it,
// and a reader can follow it.
//
// A workbook holds at most MaxRows rows and MaxColumns columns a sheet,
// and MaxCellChars characters a cell: more is a *LimitError, never a cut.
// Beyond MaxLinks links a sheet, a URL is text alone. The workbook is
// built in memory and written whole by Close: a failure writes nothing.
var XLSXFormat = &Format{
	Name:     "xlsx",
	Binary:   true,
	Formulas: true,
	Help: `an Excel workbook, to a file or to a stdout that is not a terminal:
a sheet per table, header frozen, numbers as numbers (IEEE doubles),
dates as dates, unit and currency in the header, sources as links;
figures computed from cells of the sheet (TTM, QoQ, YoY, run rate,
projection, total, difference) are live formulas, capex's value cached`,
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		e := &xlsxEncoder{opt: opt, out: w}
		e.zip = zip.NewWriter(&e.buf)
		// Deflate at its fastest: half the time of the default level for
		// a file a fifth larger.
		e.zip.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return e, nil
	},
}

// The limits of a worksheet, Excel's (LibreOffice's are the same or
// larger).
const (
	MaxRows      = 1 << 20 // 1,048,576 rows, the header's included
	MaxColumns   = 1 << 14 // 16,384 columns
	MaxCellChars = 32767   // characters (UTF-16 code units) in a cell
	MaxLinks     = 65530   // hyperlinks in a worksheet
	maxURL       = 2079    // characters in a link's address
)

// LimitError is a result a workbook cannot hold whole.
type LimitError struct {
	Msg string
	Fix string
}

func (e *LimitError) Error() string { return e.Msg }

// Hint says what to do instead.
func (e *LimitError) Hint() string { return e.Fix }

// The fixes of LimitError.
const (
	fixSize = "write CSV or JSON, which have no such limit, or fewer periods or companies"
	fixText = "write CSV or JSON, which carry any text whole, or shorten the text in the data"
)

// dateColumns are the columns whose ISO dates (2024-12-31) a workbook
// writes as dates; linkColumns those whose URLs it makes links.
var (
	dateColumns = map[string]bool{"start": true, "end": true, "base_start": true, "base_end": true, "filed": true, "as_of": true}
	linkColumns = map[string]bool{"source": true}
)

// LabelUnits gives the amount columns of t named the unit and currency
// that every row states in its "unit" and "currency" columns ("USD
// million"), for a workbook's header; nothing when rows differ or a row
// states none.
func LabelUnits(t *Table, amounts ...string) {
	u, c := -1, -1
	for i, col := range t.Columns {
		switch col.Name {
		case "unit":
			u = i
		case "currency":
			c = i
		}
	}
	if u < 0 || c < 0 || len(t.Rows) == 0 {
		return
	}
	shared := ""
	for _, r := range t.Rows {
		s := r[c].Text + " " + r[u].Text
		if r[u].Text == "" || r[c].Text == "" || shared != "" && s != shared {
			return
		}
		shared = s
	}
	cols := append([]Column(nil), t.Columns...)
	for i := range cols {
		for _, name := range amounts {
			if cols[i].Name == name {
				cols[i].Unit = shared
			}
		}
	}
	t.Columns = cols
}

// widthRows is how many rows of a sheet are held to size its columns
// before the sheet is written.
const widthRows = 100

// xlsxEncoder builds a workbook a sheet at a time, into buf.
type xlsxEncoder struct {
	opt    Options
	out    *bufio.Writer
	buf    chunks
	zip    *zip.Writer
	sheets []*xsheet
	sh     *xsheet // the sheet being written
	styles xstyles
	// formats caches the cell format of each number format.
	formats map[numFmt]int
	row     []xcell
	err     error
}

// xcell is a cell of the row being written: text, a number's exact
// decimal text, or nothing.
type xcell struct {
	kind    byte // 's' text, 'n' number, 0 none
	text    string
	percent bool
	places  int32    // a percentage's places; 0 means PercentPlaces
	formula *Formula // as the view gave it
	expr    string   // the formula resolved to A1 references, or ""
}

// xsheet is a worksheet: its header, its rows so far, its links.
type xsheet struct {
	id      int // 1, 2, …: the part xl/worksheets/sheetID.xml
	name    string
	base    string // Table.Sheet it was named after
	header  []string
	cols    []Column
	index   map[string]int // column by name
	w       io.Writer      // the zip entry, once the sheet is started
	rows    int            // rows so far, the header included
	pending [][]xcell      // rows held until the columns are sized
	first   int            // the first row of the current block
	words   int            // uint64 words of a row's mask
	masks   []uint64       // which cells hold numbers, row by row from first
	links   []xlink
	line    []byte
}

type xlink struct{ ref, url string }

func (e *xlsxEncoder) begin(t *Table) {
	if e.err != nil {
		return
	}
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
		if c.Unit != "" {
			header[i] += " (" + c.Unit + ")"
		}
	}
	name := t.Sheet
	if name == "" {
		name = "capex"
	}
	if sh := e.sh; sh != nil && sh.base == name && equalStrings(sh.header, header) {
		sh.first, sh.masks = sh.rows+1, sh.masks[:0]
		return
	}
	if len(header) > MaxColumns {
		e.err = &LimitError{Msg: fmt.Sprintf("xlsx: sheet %s would have %s columns; a worksheet holds at most %s", name, groupInt(len(header)), groupInt(MaxColumns)), Fix: fixSize}
		return
	}
	if e.sh != nil {
		e.finish()
	}
	sh := &xsheet{id: len(e.sheets) + 1, name: e.sheetName(name), base: name, header: header, cols: t.Columns,
		index: map[string]int{}, rows: 1, first: 2, words: (len(header) + 63) / 64}
	for i, c := range t.Columns {
		if _, dup := sh.index[c.Name]; !dup {
			sh.index[c.Name] = i
		}
	}
	e.sheets = append(e.sheets, sh)
	e.sh = sh
}

// sheetName is name made unique in the workbook ("show", "show (2)"), as
// a sheet may be named: at most 31 characters, none of []:*?/\.
func (e *xlsxEncoder) sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	taken := func(n string) bool {
		for _, s := range e.sheets {
			if strings.EqualFold(s.name, n) {
				return true
			}
		}
		return false
	}
	out := name
	for i := 2; taken(out); i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(name)
		out = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	return out
}

func (e *xlsxEncoder) note(string) {}

func (e *xlsxEncoder) cell(c Cell) {
	switch {
	case c.NA != "":
		e.row = append(e.row, xcell{})
	case c.IsNum:
		e.row = append(e.row, xcell{kind: 'n', text: c.numText(), percent: c.Percent, places: c.Places, formula: c.Formula})
	default:
		e.row = append(e.row, xcell{kind: 's', text: c.Text})
	}
}

func (e *xlsxEncoder) text(v string) { e.row = append(e.row, xcell{kind: 's', text: v}) }

func (e *xlsxEncoder) number(text []byte, percent bool) {
	e.row = append(e.row, xcell{kind: 'n', text: string(text), percent: percent})
}

func (e *xlsxEncoder) na(string) { e.row = append(e.row, xcell{}) }

func (e *xlsxEncoder) endRow() error {
	row := e.row
	e.row = e.row[:0]
	if e.err != nil {
		return e.err
	}
	sh := e.sh
	if sh == nil {
		return nil
	}
	r := sh.rows + 1
	if r > MaxRows {
		e.err = &LimitError{Msg: fmt.Sprintf("xlsx: sheet %s would have more than %s rows, the most a worksheet holds", sh.name, groupInt(MaxRows)), Fix: fixSize}
		return e.err
	}
	// Which cells hold numbers, for the formulas of this row and those
	// below it in the block.
	n := len(sh.masks)
	for range sh.words {
		sh.masks = append(sh.masks, 0)
	}
	for j, c := range row {
		if c.kind == 'n' && j < len(sh.header) {
			sh.masks[n+j/64] |= 1 << (j % 64)
		}
	}
	for j := range row {
		if f := row[j].formula; f != nil && row[j].kind == 'n' {
			row[j].expr = sh.resolve(f, r, j)
		}
	}
	sh.rows = r
	if sh.w == nil && len(sh.pending) < widthRows {
		sh.pending = append(sh.pending, append([]xcell(nil), row...))
		return nil
	}
	if sh.w == nil {
		if e.err = e.start(sh); e.err != nil {
			return e.err
		}
	}
	e.err = e.writeRow(sh, r, row)
	return e.err
}

// resolve returns formula f of the cell in row r, column col, in A1
// references, or "" when a cell it names is not a number of the block at
// or above row r.
func (sh *xsheet) resolve(f *Formula, r, col int) string {
	refs := make([]string, len(f.Refs))
	for i, ref := range f.Refs {
		j, ok := sh.index[ref.Col]
		from, to := r+ref.Row, r+ref.To
		if !ok || from > to || from < sh.first || to > r || (j == col && to == r) {
			return ""
		}
		for row := from; row <= to; row++ {
			if sh.masks[(row-sh.first)*sh.words+j/64]&(1<<(j%64)) == 0 {
				return ""
			}
		}
		refs[i] = cellName(j, from)
		if to > from {
			refs[i] += ":" + cellName(j, to)
		}
	}
	return f.expand(func(i int) string { return refs[i] })
}

// start begins the sheet's part: its view (the header frozen), its
// columns sized to the rows held, the header and the rows held.
func (e *xlsxEncoder) start(sh *xsheet) error {
	w, err := e.zip.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", sh.id))
	if err != nil {
		return err
	}
	sh.w = w
	b := append(sh.line[:0], xmlHeader...)
	b = append(b, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`...)
	b = append(b, `<sheetViews><sheetView workbookViewId="0"`...)
	if sh.id == 1 {
		b = append(b, ` tabSelected="1"`...)
	}
	b = append(b, `><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`...)
	b = append(b, `<sheetFormatPr defaultRowHeight="15"/>`...)
	if len(sh.header) > 0 {
		b = append(b, `<cols>`...)
		for j, h := range sh.header {
			width := utf8.RuneCountInString(h) + 3 // bold, and the filter's button
			for _, r := range sh.pending {
				if j < len(r) {
					width = max(width, e.width(sh, j, r[j])+1)
				}
			}
			width = min(max(width, 8), 60)
			b = fmt.Appendf(b, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, j+1, j+1, width)
		}
		b = append(b, `</cols>`...)
	}
	b = append(b, `<sheetData>`...)
	if len(sh.header) > 0 {
		b = append(b, `<row r="1">`...)
		s := e.styles.id(xstyle{font: headerFont})
		for j, h := range sh.header {
			b = appendString(b, j, 1, s, h)
		}
		b = append(b, `</row>`...)
	}
	sh.line = b
	if _, err := w.Write(b); err != nil {
		return err
	}
	for i, r := range sh.pending {
		if err := e.writeRow(sh, 2+i, r); err != nil {
			return err
		}
	}
	sh.pending = nil
	return nil
}

// width is about how many characters cell c of column j shows.
func (e *xlsxEncoder) width(sh *xsheet, j int, c xcell) int {
	switch {
	case c.kind == 's' && dateColumns[sh.cols[j].Name] && excelDate(c.text) > 0:
		return 10
	case c.kind == 's':
		line, _, _ := strings.Cut(c.text, "\n")
		return utf8.RuneCountInString(line)
	case c.kind == 'n':
		f := e.numberFormat(sh, j, c)
		digits := strings.IndexByte(c.text, '.')
		if digits < 0 {
			digits = len(c.text)
		}
		if f.kind == 'p' {
			return 5 + f.places
		}
		return digits + digits/3 + f.places + 1
	}
	return 0
}

// writeRow writes row r of the sheet.
func (e *xlsxEncoder) writeRow(sh *xsheet, r int, row []xcell) error {
	b := strconv.AppendInt(append(sh.line[:0], `<row r="`...), int64(r), 10)
	b = append(b, `">`...)
	for j, c := range row {
		if c.kind == 0 || c.kind == 's' && c.text == "" || j >= len(sh.header) {
			continue // no cell: a blank one, as CSV's empty field
		}
		col := sh.cols[j]
		switch {
		case c.kind == 'n':
			v, err := double(c.text)
			if err != nil {
				return &LimitError{Msg: fmt.Sprintf("xlsx: sheet %s cell %s (%s): %s is beyond what a spreadsheet number (a double) holds", sh.name, cellName(j, r), col.Name, c.text),
					Fix: "write CSV or JSON, which carry every number exactly"}
			}
			b = appendNumber(b, j, r, e.style(e.numberFormat(sh, j, c)), c.expr, v)
		case col.Kind == IntKind && wholeNumber(c.text) && len(c.text) <= 15:
			b = appendNumber(b, j, r, e.style(numFmt{kind: 'i'}), "", c.text)
		case dateColumns[col.Name] && excelDate(c.text) > 0:
			b = appendNumber(b, j, r, e.style(numFmt{kind: 'd'}), "", strconv.Itoa(excelDate(c.text)))
		default:
			if n := utf16Len(c.text); n > MaxCellChars {
				return &LimitError{Msg: fmt.Sprintf("xlsx: sheet %s cell %s (%s): a text of %s characters; a cell holds at most %s",
					sh.name, cellName(j, r), col.Name, groupInt(n), groupInt(MaxCellChars)), Fix: fixText}
			}
			style := 0
			if linkColumns[col.Name] && len(sh.links) < MaxLinks && isURL(c.text) {
				sh.links = append(sh.links, xlink{ref: cellName(j, r), url: c.text})
				style = e.styles.id(xstyle{font: linkFont})
			}
			b = appendString(b, j, r, style, c.text)
		}
	}
	b = append(b, `</row>`...)
	sh.line = b
	_, err := sh.w.Write(b)
	return err
}

// numFmt is a number format: an amount ('a', thousands grouped), a
// percentage ('p'), a whole number ('i') or a date ('d'), with places
// decimals.
type numFmt struct {
	kind   byte
	places int
}

// code is the format's code: "#,##0.00", "0.0%", "0", "yyyy-mm-dd".
func (f numFmt) code() string {
	switch f.kind {
	case 'p':
		return withPlaces("0", f.places) + "%"
	case 'i':
		return "0"
	case 'd':
		return "yyyy-mm-dd"
	}
	return withPlaces("#,##0", f.places)
}

// style is the cell format of a number shown in f.
func (e *xlsxEncoder) style(f numFmt) int {
	id, ok := e.formats[f]
	if !ok {
		if e.formats == nil {
			e.formats = map[numFmt]int{}
		}
		id = e.styles.id(xstyle{format: f.code()})
		e.formats[f] = id
	}
	return id
}

// numberFormat is the format number cell c of column j is shown in:
// a percentage with its places, a whole number, or an amount with
// thousands grouped and the places its digits need (up to 15 significant
// digits, what a double holds); Options.Decimals, when given, fixes the
// places.
func (e *xlsxEncoder) numberFormat(sh *xsheet, j int, c xcell) numFmt {
	if c.percent {
		places := int32(PercentPlaces)
		if c.places > 0 {
			places = c.places
		}
		if e.opt.Decimals >= 0 {
			places = int32(e.opt.Decimals)
		}
		return numFmt{kind: 'p', places: int(places)}
	}
	if sh.cols[j].Kind == IntKind {
		return numFmt{kind: 'i'}
	}
	if e.opt.Decimals >= 0 {
		return numFmt{kind: 'a', places: e.opt.Decimals}
	}
	return numFmt{kind: 'a', places: placesOf(c.text)}
}

// withPlaces is format code f with places decimals: "#,##0.00".
func withPlaces(f string, places int) string {
	if places <= 0 {
		return f
	}
	return f + "." + strings.Repeat("0", min(places, 30))
}

// placesOf is how many decimals of a number's exact text show within 15
// significant digits.
func placesOf(text string) int {
	i := strings.IndexByte(text, '.')
	if i < 0 {
		return 0
	}
	whole, frac := strings.TrimLeft(strings.TrimPrefix(text[:i], "-"), "0"), text[i+1:]
	lead := 0 // zeros after the point before the first digit, for a number below 1
	if whole == "" {
		lead = len(frac) - len(strings.TrimLeft(frac, "0"))
	}
	return min(len(strings.TrimRight(frac, "0")), max(0, 15-len(whole))+lead, 30)
}

func (e *xlsxEncoder) close() error {
	if e.err != nil {
		return e.err
	}
	if len(e.sheets) == 0 {
		e.begin(&Table{})
	}
	if e.sh != nil {
		e.finish()
		if e.err != nil {
			return e.err
		}
	}
	if err := e.parts(); err != nil {
		return err
	}
	if err := e.zip.Close(); err != nil {
		return err
	}
	for _, c := range e.buf {
		if _, err := e.out.Write(c); err != nil {
			return err
		}
	}
	return nil
}

// chunks holds a workbook in memory in blocks of 1 MiB, so that a large
// one is never copied to grow, nor held twice.
type chunks [][]byte

const chunkSize = 1 << 20

func (c *chunks) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(*c) == 0 || len((*c)[len(*c)-1]) == chunkSize {
			*c = append(*c, make([]byte, 0, chunkSize))
		}
		last := &(*c)[len(*c)-1]
		k := min(len(p), chunkSize-len(*last))
		*last = append(*last, p[:k]...)
		p = p[k:]
	}
	return n, nil
}

// finish ends the current sheet: its rows, filter and links, and the
// links' relationships.
func (e *xlsxEncoder) finish() {
	sh := e.sh
	e.sh = nil
	if e.err != nil {
		return
	}
	if sh.w == nil {
		if e.err = e.start(sh); e.err != nil {
			return
		}
	}
	b := append(sh.line[:0], `</sheetData>`...)
	if sh.rows > 1 && len(sh.header) > 0 {
		b = append(b, `<autoFilter ref="`...)
		b = append(b, sh.filterRange()...)
		b = append(b, `"/>`...)
	}
	if len(sh.links) > 0 {
		b = append(b, `<hyperlinks>`...)
		for i, l := range sh.links {
			b = fmt.Appendf(b, `<hyperlink ref="%s" r:id="rId%d"/>`, l.ref, i+1)
		}
		b = append(b, `</hyperlinks>`...)
	}
	b = append(b, `</worksheet>`...)
	if _, e.err = sh.w.Write(b); e.err != nil {
		return
	}
	sh.line = nil
	if len(sh.links) == 0 {
		return
	}
	w, err := e.zip.Create(fmt.Sprintf("xl/worksheets/_rels/sheet%d.xml.rels", sh.id))
	if err != nil {
		e.err = err
		return
	}
	b = append([]byte(xmlHeader), `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`...)
	for i, l := range sh.links {
		b = fmt.Appendf(b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`, i+1)
		b = appendEscaped(b, l.url, true)
		b = append(b, `" TargetMode="External"/>`...)
	}
	b = append(b, `</Relationships>`...)
	_, e.err = w.Write(b)
	sh.links = nil
}

// filterRange is the header and rows of the sheet: A1:S40.
func (sh *xsheet) filterRange() string {
	return "A1:" + cellName(len(sh.header)-1, sh.rows)
}

// cellName is the A1 name of column j (from 0) in row r (from 1).
func cellName(j, r int) string { return string(appendCellName(nil, j, r)) }

// appendCellName appends the A1 name of column j in row r.
func appendCellName(b []byte, j, r int) []byte {
	var name [4]byte
	i := len(name)
	for j++; j > 0; j = (j - 1) / 26 {
		i--
		name[i] = byte('A' + (j-1)%26)
	}
	return strconv.AppendInt(append(b, name[i:]...), int64(r), 10)
}

// double is a number's exact decimal text as the double nearest it, in
// the shortest text that reads back as that double: what a spreadsheet
// cell holds. This is the one place capex makes a float64 of a number,
// because the format's cells are doubles; strconv.ParseFloat rounds
// correctly, once, from every digit.
func double(text string) (string, error) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return "", err
	}
	if a := math.Abs(f); a == 0 || a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	return strconv.FormatFloat(f, 'E', -1, 64), nil
}

// excelDate is an ISO date (2024-12-31) as a spreadsheet's day number,
// days since 1899-12-30; 0 when s is not such a date on or after
// 1900-03-01 (before it, Excel's count of days is off by its phantom
// 1900-02-29).
func excelDate(s string) int {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	for i := 0; i < 10; i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return 0
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return 0
	}
	return int((t.Unix() - time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Unix()) / 86400)
}

// isURL reports whether s is one http or https URL, and nothing else: no
// space or control character, a host, at most maxURL characters.
func isURL(s string) bool {
	if len(s) > maxURL {
		return false
	}
	lower := strings.ToLower(s)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return false
		}
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// utf16Len is how many UTF-16 code units s takes: what a spreadsheet
// counts as characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// groupInt writes n with thousands separators: 1,048,576.
func groupInt(n int) string { return amount.GroupText(strconv.Itoa(n)) }

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
