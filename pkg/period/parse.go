package period

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/capexdev/capex/pkg/internal/excerpt"
)

// ParseError is returned by Parse for text that is not a period.
type ParseError struct {
	Input  string // the text, shortened to 40 characters
	Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("period %q: %s", e.Input, e.Reason)
}

// Hint says how periods are written, for messages that follow a ParseError.
const Hint = "write periods like 2024Q4, FY2025Q2, Q4 2024, 2024H2, FY2024 or 2024-12"

// Allowed names the fiscal periods a parameter takes, for messages.
const Allowed = "a period such as 2024Q4, FY2025Q2, Q4 2024, 2024H2 or FY2024"

// ErrNotPeriod is wrapped by every ParseError.
var ErrNotPeriod = errors.New("not a period")

func (e *ParseError) Unwrap() error { return ErrNotPeriod }

// Hint says how periods are written.
func (e *ParseError) Hint() string { return Hint }

// maxPeriodLen bounds the input Parse will look at; no period is longer.
const maxPeriodLen = 32

// Parse reads a period, case-insensitively, in any of the forms
//
//	2024Q4  2024-Q4  2024 Q4  Q4 2024  Q4-2024  FY2024Q4  FY2024-Q4  Q4 FY2024
//	2024H2  H2 2024  FY2024H2  H2 FY2024
//	FY2024  FY 2024
//	2024-12 (a calendar month)
//
// A bare year ("2024") and two-digit years are rejected: they are ambiguous
// between fiscal and calendar years, or between centuries.
func Parse(s string) (Period, error) {
	// Fast path for the canonical quarter form, which is most of any input.
	if len(s) == 6 && (s[4] == 'Q' || s[4] == 'q') && isDigits(s[:4]) && s[5] >= '1' && s[5] <= '4' {
		y := atoi4(s)
		if y >= MinYear && y <= MaxYear {
			return Q(y, int(s[5]-'0')), nil
		}
	}
	if len(s) > maxPeriodLen {
		return Period{}, perr(s, "too long to be a period")
	}
	toks, ok := lex(s)
	if !ok || len(toks) == 0 {
		return Period{}, perr(s, "not a period")
	}
	p, reason := match(toks)
	if reason != "" {
		return Period{}, perr(s, reason)
	}
	if p.Year < MinYear || p.Year > MaxYear {
		return Period{}, perr(s, fmt.Sprintf("year %d is outside %d-%d", p.Year, MinYear, MaxYear))
	}
	return p, nil
}

func perr(s, reason string) error {
	return &ParseError{Input: excerpt.Of(s), Reason: reason}
}

// token is a run of letters or a run of digits; sep records whether a
// separator (space or hyphen) came before it.
type token struct {
	text  string
	digit bool
	sep   bool
}

func lex(s string) ([]token, bool) {
	var toks []token
	sep := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '-':
			sep = true
			i++
			continue
		case isDigit(c):
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			toks = append(toks, token{text: s[i:j], digit: true, sep: sep})
			i = j
		case isLetter(c):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			toks = append(toks, token{text: upper(s[i:j]), sep: sep})
			i = j
		default:
			return nil, false
		}
		sep = false
	}
	return toks, true
}

// match recognises the token patterns listed in Parse's doc.
func match(t []token) (Period, string) {
	// Leading "FY" may precede a year; trailing "FY" may precede a year
	// after a quarter or half ("Q4 FY2024").
	switch {
	case len(t) == 2 && t[0].text == "FY" && t[1].digit:
		y, reason := year(t[1])
		return FY(y), reason
	case len(t) >= 3 && t[0].digit && isQH(t[1]) && t[2].digit:
		// 2024Q4, 2024-Q4
		return part(t[0], t[1], t[2], len(t) == 3)
	case len(t) >= 4 && t[0].text == "FY" && t[1].digit && isQH(t[2]) && t[3].digit:
		// FY2024Q4
		return part(t[1], t[2], t[3], len(t) == 4)
	case len(t) == 3 && isQH(t[0]) && t[1].digit && t[2].digit && !t[1].sep:
		// Q4 2024
		return part(t[2], t[0], t[1], true)
	case len(t) == 4 && isQH(t[0]) && t[1].digit && !t[1].sep && t[2].text == "FY" && t[3].digit:
		// Q4 FY2024
		return part(t[3], t[0], t[1], true)
	case len(t) == 2 && t[0].digit && t[1].digit && t[1].sep && len(t[0].text) == 4 && len(t[1].text) == 2:
		// 2024-12
		y, reason := year(t[0])
		m, _ := strconv.Atoi(t[1].text)
		if reason == "" && (m < 1 || m > 12) {
			reason = "month must be 01-12"
		}
		return M(y, m), reason
	case len(t) == 1 && t[0].digit && len(t[0].text) == 4:
		return Period{}, "a bare year is ambiguous: write FY" + t[0].text + " for the fiscal year"
	case len(t) >= 2 && t[0].text == "FY" && !t[1].digit:
		return Period{}, "FY must be followed by a four-digit year"
	}
	return Period{}, "not a period"
}

func isQH(t token) bool { return t.text == "Q" || t.text == "H" }

// part builds a quarter or half from year, letter and number tokens.
func part(yt, letter, nt token, whole bool) (Period, string) {
	if !whole {
		return Period{}, "not a period"
	}
	if nt.sep {
		return Period{}, "not a period"
	}
	y, reason := year(yt)
	if reason != "" {
		return Period{}, reason
	}
	n, err := strconv.Atoi(nt.text)
	if err != nil || len(nt.text) != 1 {
		n = -1
	}
	if letter.text == "Q" {
		if n < 1 || n > 4 {
			return Period{}, "quarter must be 1-4"
		}
		return Q(y, n), ""
	}
	if n < 1 || n > 2 {
		return Period{}, "half must be 1 or 2"
	}
	return H(y, n), ""
}

func year(t token) (int, string) {
	if len(t.text) != 4 {
		return 0, "the year must have four digits"
	}
	return atoi4(t.text), ""
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func atoi4(s string) int {
	return int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
