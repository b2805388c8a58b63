package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The parts of a workbook other than its sheets, its cells and its
// escapes (ECMA-376 Part 1, SpreadsheetML; Part 2, packaging).

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// xstyle is a cell format: a number format code ("" is General) and a
// font (the header's is bold, on a fill, above a rule).
type xstyle struct {
	format string
	font   uint8
}

// The fonts of xstyle.
const (
	plainFont uint8 = iota
	headerFont
	linkFont
)

// xstyles numbers the cell formats a workbook uses, in order of first
// use; 0 is the default.
type xstyles struct {
	ids  map[xstyle]int
	list []xstyle
}

func (s *xstyles) id(x xstyle) int {
	if x == (xstyle{}) {
		return 0
	}
	if s.ids == nil {
		s.ids = map[xstyle]int{}
		s.list = []xstyle{{}}
	}
	id, ok := s.ids[x]
	if !ok {
		id = len(s.list)
		s.ids[x] = id
		s.list = append(s.list, x)
	}
	return id
}

// builtinFormats are the number formats every spreadsheet knows by id.
var builtinFormats = map[string]int{"": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}

// stylesXML is the styles part: the number formats, the fonts, fills and
// borders of the header and links, and the cell formats.
func (s *xstyles) stylesXML() []byte {
	list := s.list
	if len(list) == 0 {
		list = []xstyle{{}}
	}
	custom := map[string]int{}
	var numFmts []string
	for _, x := range list {
		if _, ok := builtinFormats[x.format]; ok {
			continue
		}
		if _, ok := custom[x.format]; !ok {
			custom[x.format] = 164 + len(numFmts)
			numFmts = append(numFmts, x.format)
		}
	}
	b := []byte(xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if len(numFmts) > 0 {
		b = fmt.Appendf(b, `<numFmts count="%d">`, len(numFmts))
		for i, f := range numFmts {
			b = fmt.Appendf(b, `<numFmt numFmtId="%d" formatCode="`, 164+i)
			b = appendEscaped(b, f, true)
			b = append(b, `"/>`...)
		}
		b = append(b, `</numFmts>`...)
	}
	b = append(b, `<fonts count="3">`+
		`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>`+
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>`+
		`<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font></fonts>`+
		`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`+
		`<fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/><bgColor indexed="64"/></patternFill></fill></fills>`+
		`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>`+
		`<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>`+
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`...)
	b = fmt.Appendf(b, `<cellXfs count="%d">`, len(list))
	for _, x := range list {
		id, ok := builtinFormats[x.format]
		if !ok {
			id = custom[x.format]
		}
		fill, border := 0, 0
		if x.font == headerFont {
			fill, border = 2, 1
		}
		b = fmt.Appendf(b, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, id, x.font, fill, border)
		if id != 0 {
			b = append(b, ` applyNumberFormat="1"`...)
		}
		if x.font != plainFont {
			b = append(b, ` applyFont="1"`...)
		}
		if fill != 0 {
			b = append(b, ` applyFill="1" applyBorder="1"`...)
		}
		b = append(b, `/>`...)
	}
	b = append(b, `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`...)
	return b
}

// parts writes the workbook's package parts other than the sheets.
func (e *xlsxEncoder) parts() error {
	write := func(name string, b []byte) error {
		w, err := e.zip.Create(name)
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	}
	types := []byte(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	workbook := []byte(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	rels := []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	var names []byte
	for i, sh := range e.sheets {
		types = fmt.Appendf(types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, sh.id)
		workbook = append(workbook, `<sheet name="`...)
		workbook = appendEscaped(workbook, sh.name, true)
		workbook = fmt.Appendf(workbook, `" sheetId="%d" r:id="rId%d"/>`, sh.id, sh.id)
		rels = fmt.Appendf(rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, sh.id, sh.id)
		if sh.rows > 1 && len(sh.header) > 0 {
			// The filter's range, as Excel names it.
			names = fmt.Appendf(names, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">`, i)
			names = appendEscaped(names, "'"+strings.ReplaceAll(sh.name, "'", "''")+"'!"+absolute(sh.filterRange()), false)
			names = append(names, `</definedName>`...)
		}
	}
	types = append(types, `</Types>`...)
	workbook = append(workbook, `</sheets>`...)
	if len(names) > 0 {
		workbook = append(append(append(workbook, `<definedNames>`...), names...), `</definedNames>`...)
	}
	workbook = append(workbook, `</workbook>`...)
	rels = fmt.Appendf(rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, len(e.sheets)+1)
	for _, p := range []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", types},
		{"_rels/.rels", []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", workbook},
		{"xl/_rels/workbook.xml.rels", rels},
		{"xl/styles.xml", e.styles.stylesXML()},
	} {
		if err := write(p.name, p.data); err != nil {
			return err
		}
	}
	return nil
}

// absolute is an A1 range with absolute references: A1:S40 → $A$1:$S$40.
func absolute(rng string) string {
	var b strings.Builder
	for i, ref := range strings.Split(rng, ":") {
		if i > 0 {
			b.WriteByte(':')
		}
		d := strings.IndexAny(ref, "0123456789")
		b.WriteString("$" + ref[:d] + "$" + ref[d:])
	}
	return b.String()
}

// appendCellStart appends the start of the cell in column j of row r, up
// to its type: its name and its style (0 is the default style).
func appendCellStart(b []byte, j, r, style int) []byte {
	b = append(b, `<c r="`...)
	b = appendCellName(b, j, r)
	b = append(b, '"')
	if style != 0 {
		b = strconv.AppendInt(append(b, ` s="`...), int64(style), 10)
		b = append(b, '"')
	}
	return b
}

// appendString appends a text cell: an inline string, which a spreadsheet
// shows as it is and never reads as a formula, a number or a date.
func appendString(b []byte, j, r, style int, text string) []byte {
	b = appendCellStart(b, j, r, style)
	b = append(b, ` t="inlineStr"><is><t xml:space="preserve">`...)
	b = appendEscaped(b, text, false)
	return append(b, `</t></is></c>`...)
}

// appendNumber appends a number cell, its value v a double's text, with
// its formula when expr is not "" (v is then the cached result).
func appendNumber(b []byte, j, r, style int, expr, v string) []byte {
	b = appendCellStart(b, j, r, style)
	b = append(b, ` t="n">`...)
	if expr != "" {
		b = append(b, `<f>`...)
		b = appendEscaped(b, expr, false)
		b = append(b, `</f>`...)
	}
	b = append(b, `<v>`...)
	b = append(b, v...)
	return append(b, `</v></c>`...)
}

// appendEscaped appends s as XML character data (or, with attr, an
// attribute value), escaped as SpreadsheetML escapes text: a character
// XML 1.0 cannot hold (a control character other than tab and line feed,
// U+FFFE, U+FFFF) and a carriage return as _xHHHH_, and a "_x" that would
// read as such an escape with its underscore escaped (_x005F_). Invalid
// UTF-8 is written as U+FFFD.
func appendEscaped(b []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"' && attr:
			b = append(b, "&quot;"...)
		case (r == '\t' || r == '\n') && attr:
			b = fmt.Appendf(b, "&#%d;", r)
		case r == '\t' || r == '\n':
			b = append(b, byte(r))
		case hexEscaped(r):
			b = fmt.Appendf(b, "_x%04X_", r)
		case r == '_' && escapeLike(s[i:]):
			b = append(b, "_x005F_"...)
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// hexEscaped reports whether appendEscaped writes r as _xHHHH_.
func hexEscaped(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r == 0xfffe || r == 0xffff
}

// escapeLike reports whether s, which starts with "_", would read as an
// _xHHHH_ escape once written: "_x", four hex digits, and then an
// underscore, either in s or starting the escape of the next character
// ("_x0000" and a form feed are written "_x0000_x000C_").
func escapeLike(s string) bool {
	if len(s) < 7 || s[1] != 'x' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	next, _ := utf8.DecodeRuneInString(s[6:])
	return next == '_' || hexEscaped(next)
}
