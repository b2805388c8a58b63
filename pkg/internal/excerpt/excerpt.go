// Package excerpt shortens offending input for error messages, so that a
// message quotes at most 40 characters of it however long it was.
package excerpt

import "unicode/utf8"

// Max is the most characters of input a message quotes.
const Max = 40

// Of returns s, or its first Max−1 characters and "…" when it is longer.
func Of(s string) string {
	n := 0
	for i := range s {
		if n == Max-1 {
			if _, size := utf8.DecodeRuneInString(s[i:]); len(s) > i+size {
				return s[:i] + "…"
			}
			return s
		}
		n++
	}
	return s
}
