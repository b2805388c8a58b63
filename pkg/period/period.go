// Package period owns fiscal periods and fiscal calendars.
//
// A Period is a label: a fiscal quarter (2024Q4), half (2024H2), year (FY2024)
// or a calendar month (2024-12). It becomes a date range only together with
// a Calendar, which says when a company's fiscal year ends: on a month and
// day (06-30), or on a weekday for 52/53-week years
// (last-saturday-of-september). Fiscal years are named by the calendar year
// in which they end: with a year end of 06-30, FY2025 runs from 2024-07-01
// to 2025-06-30 and FY2025Q2 is Oct–Dec 2024. Calendarize maps a fiscal
// quarter to the calendar quarter holding most of its days.
//
// Quarters are also numbered on one line, the quarter sequence
// (Seq = 4×year + quarter − 1), so that "the previous quarter" or "the same
// quarter a year earlier" is arithmetic on identities, never a row offset.
package period

import (
	"fmt"
	"strconv"
)

// Kind says what span a Period covers.
type Kind uint8

// The kinds of period.
const (
	Quarter Kind = iota + 1 // a fiscal quarter, N = 1..4
	Half                    // a fiscal half, N = 1..2
	Year                    // a fiscal year, N = 0
	Month                   // a calendar month, N = 1..12, Year = calendar year
)

func (k Kind) String() string {
	switch k {
	case Quarter:
		return "quarter"
	case Half:
		return "half"
	case Year:
		return "year"
	case Month:
		return "month"
	}
	return "invalid"
}

// Period is a fiscal quarter, half or year, or a calendar month. The zero
// Period is invalid.
type Period struct {
	Kind Kind
	N    int8  // quarter, half or month number; 0 for a Year
	Year int16 // fiscal year (calendar year for a Month)
}

// Valid years. Outside them a period is rejected as a likely typo.
const (
	MinYear = 1900
	MaxYear = 2199
)

// Q returns fiscal quarter q of fiscal year y.
func Q(y, q int) Period { return Period{Kind: Quarter, Year: int16(y), N: int8(q)} }

// H returns fiscal half h of fiscal year y.
func H(y, h int) Period { return Period{Kind: Half, Year: int16(y), N: int8(h)} }

// FY returns fiscal year y.
func FY(y int) Period { return Period{Kind: Year, Year: int16(y)} }

// M returns calendar month m of calendar year y.
func M(y, m int) Period { return Period{Kind: Month, Year: int16(y), N: int8(m)} }

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Kind == 0 }

// String is the canonical form: 2024Q4, 2024H2, FY2024, 2024-12. It is
// accepted by Parse. Use Calendar.Label for output that must not be
// mistaken for calendar periods.
func (p Period) String() string {
	switch p.Kind {
	case Quarter:
		return strconv.Itoa(int(p.Year)) + "Q" + strconv.Itoa(int(p.N))
	case Half:
		return strconv.Itoa(int(p.Year)) + "H" + strconv.Itoa(int(p.N))
	case Year:
		return "FY" + strconv.Itoa(int(p.Year))
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	}
	return "invalid period"
}

// Seq numbers fiscal quarters consecutively: Seq of Q(y, q) is 4y+q-1, so
// Seq-1 is the previous quarter and Seq-4 the same quarter a year earlier.
// It is only meaningful for a Quarter.
func (p Period) Seq() int { return int(p.Year)*4 + int(p.N) - 1 }

// FromSeq is the quarter numbered seq (the inverse of Seq).
func FromSeq(seq int) Period { return Q(seq/4, seq%4+1) }

// Quarters returns the first and last quarter sequence numbers a quarter,
// half or year covers. ok is false for a Month, which is not made of
// fiscal quarters.
func (p Period) Quarters() (first, last int, ok bool) {
	switch p.Kind {
	case Quarter:
		return p.Seq(), p.Seq(), true
	case Half:
		first = Q(int(p.Year), 2*int(p.N)-1).Seq()
		return first, first + 1, true
	case Year:
		first = Q(int(p.Year), 1).Seq()
		return first, first + 3, true
	}
	return 0, 0, false
}

// Compare orders periods by kind, then year, then number. It is a total
// order for sorting, not a chronology across kinds.
func (p Period) Compare(o Period) int {
	switch {
	case p.Kind != o.Kind:
		return int(p.Kind) - int(o.Kind)
	case p.Year != o.Year:
		return int(p.Year) - int(o.Year)
	}
	return int(p.N) - int(o.N)
}
