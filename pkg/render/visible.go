package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Visible returns s as it may reach a terminal: a line break or tab is a
// space, and every other control character (C0, DEL, C1) and every bidi
// control (which reorders what follows, U+202E) is written as an escape
// (\x1b, \u202e), so that no text in the data can move the cursor, retitle
// the window, clear the screen, make a link or forge a table row. Text
// tables, Markdown and capex's messages show text through it; CSV and
// JSON carry it exactly.
func Visible(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && len(s) > i && !utf8.FullRuneInString(s[i:]):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' || r == '\n' || r == '\r':
			if r == '\n' && i > 0 && s[i-1] == '\r' {
				continue // \r\n is one break
			}
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f, bidi(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bidi reports whether r is a bidirectional control: marks, embeddings,
// overrides and isolates.
func bidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// formulaStart reports whether a spreadsheet would take text starting
// with its first byte for a formula (OWASP's CSV injection list).
func formulaStart(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

// Neutral is how CSV and TSV write a text cell that a spreadsheet would
// take for a formula (=, +, -, @, tab, CR first): with a ' before it, as
// OWASP advises, so that it shows as text. Numbers are never changed.
// Unneutral undoes it; capex reads its own output back with it.
func Neutral(s string) string {
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

// Unneutral removes the ' Neutral put before a text.
func Unneutral(s string) string {
	if len(s) > 1 && s[0] == '\'' && formulaStart(s[1:]) {
		return s[1:]
	}
	return s
}
