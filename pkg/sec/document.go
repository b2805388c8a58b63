// Package sec turns an SEC XBRL companyfacts document (the JSON served at
// data.sec.gov/api/xbrl/companyfacts/CIK##########.json) into a capex
// series: the facts of one capex concept, as filed, with their sources.
//
// The traps it handles are those of the data, not of JSON. Cash-flow facts
// in 10-Qs are year to date; the same period repeats in every later filing
// that reports it, sometimes restated; 10-Qs may carry trailing-twelve-
// month facts that look like years; a company's capex concept changes over
// time; and a fact's fy and fp fields describe the filing that carried it,
// not the period it covers. So periods come from each fact's start and end
// dates against the fiscal calendar, which is inferred from the annual
// facts of annual reports.
//
// # Restatements: one vintage per derived figure
//
// Two values filed for one period are the same figure when the more
// precise one, rounded half away from zero to the other's decimal places
// (read from its digits, to the million at the coarsest), equals it:
// 106.798 filed again as 106.8 is not restated, and the more precise one
// is kept. Otherwise the later value restates the earlier.
//
// Every derived figure is computed from operands of one vintage. A
// vintage is what the facts of a concept and fiscal year say after one
// filing: that filing's figures, together with the figures of earlier
// filings it does not contradict. A filing contradicts an earlier figure
// when it restates a span that overlaps it (the same span, one inside it,
// or one holding it), that is when it gives a span, or its own figures
// imply for it, a value other than the one the earlier filings determine:
// the difference lies somewhere in that span, perhaps in the earlier
// figure. So:
//
//   - a quarter filed as a quarter is never replaced by a derived one: it
//     is its latest filed value (as reported, its first);
//   - any other quarter is derived in the latest vintage that determines
//     it (as reported, the first): the latest point in time at which all
//     its operands were reported together;
//   - the operands of each derivation are written as points when they
//     agree with the rest; where they disagree with the quarters filed,
//     the derived quarter is written as a figure of its own, its
//     derivation in its note;
//   - a year-to-date or annual figure that agrees with none of this is
//     left out, and its difference from what is kept is reported with its
//     amount, its accession numbers and the total it belongs to: a
//     difference given to no quarter, never folded into one.
//
// Alphabet filed FY2014 as 10,959 (10-K filed 2016-02-11) and restated it
// to 11,014 (10-K filed 2017-02-03), while its 9M 2014 figure, 7,408, was
// filed only before. No vintage after the restatement holds 9M 2014, so
// 2014Q4 is 10,959 − 7,408 = 3,551 as filed, and the restatement, +55, is
// an unallocated difference of FY2014 (11,014 − 7,408 = 3,606 is a figure
// no filing implies).
package sec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/period"
)

// Document is a companyfacts document. Only the facts of the concepts
// asked for are decoded.
type Document struct {
	CIK        int64
	EntityName string
	facts      map[string]map[string]json.RawMessage // taxonomy → concept → JSON
}

// Fact is one reported value of a concept over a period.
type Fact struct {
	Concept    string // "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment"
	Unit       string // "USD"
	Start, End time.Time
	Value      decimal.Decimal // exact, in Unit
	Accn       string          // accession number of the filing
	Form       string          // 10-Q, 10-K, 8-K, …
	Filed      time.Time
}

// Period is the fact's dates as written: "2023-10-01..2024-03-30".
func (f *Fact) Period() string { return period.ISO(f.Start) + ".." + period.ISO(f.End) }

// Source is where the fact was filed: "10-Q 0000320193-24-000069 filed
// 2024-05-03".
func (f *Fact) Source() string {
	return f.Form + " " + f.Accn + " filed " + period.ISO(f.Filed)
}

// Annual reports whether the fact comes from an annual report, whose
// twelve-month facts are fiscal years (a 10-Q's may be trailing twelve
// months).
func (f *Fact) Annual() bool {
	form := strings.ToUpper(f.Form)
	for _, p := range []string{"10-K", "20-F", "40-F"} {
		if strings.HasPrefix(form, p) {
			return true
		}
	}
	return false
}

// Parse decodes a companyfacts document. Numbers stay text until a fact
// is read, and then become exact decimals.
func Parse(data []byte) (*Document, error) {
	var raw struct {
		CIK        json.RawMessage                       `json:"cik"`
		EntityName string                                `json:"entityName"`
		Facts      map[string]map[string]json.RawMessage `json:"facts"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, jsonError(data, err)
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value: not a companyfacts document")
	}
	if raw.Facts == nil {
		return nil, errors.New(`no "facts" object: not a companyfacts document (data.sec.gov/api/xbrl/companyfacts/CIK##########.json)`)
	}
	d := &Document{EntityName: clean(raw.EntityName), facts: raw.Facts}
	if len(raw.CIK) > 0 && string(raw.CIK) != "null" {
		cik, err := parseCIK(strings.Trim(string(raw.CIK), `"`))
		if err != nil {
			return nil, err
		}
		d.CIK = cik
	}
	return d, nil
}

// parseCIK reads a CIK: up to ten digits, leading zeros allowed.
func parseCIK(s string) (int64, error) {
	if s == "" || len(s) > 10 || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Errorf("cik %q: not a CIK (up to ten digits)", excerpt.Of(s))
	}
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// ParseCIK reads a CIK as given on a command line: "1018724",
// "0001018724" or "CIK0001018724".
func ParseCIK(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if len(t) >= 3 && strings.EqualFold(t[:3], "cik") {
		t = t[3:]
	}
	n, err := parseCIK(t)
	if err != nil || n == 0 {
		return 0, param.Errorf("cik", s, "up to ten digits, such as 1018724", "not a CIK")
	}
	return n, nil
}

// jsonError says where in data a decoding error happened, by line.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		err = fmt.Errorf("%s is a JSON %s where a companyfacts document has %s", fieldName(te.Field), te.Value, kindName(te.Type))
	}
	if off < 0 || off > int64(len(data)) {
		return fmt.Errorf("not a companyfacts document: %v", err)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	return &LineError{Line: line, Err: err}
}

// kindName says what JSON a Go type decodes: "an object", "a list".
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "a string"
	}
	return "a number"
}

func fieldName(f string) string {
	if f == "" {
		return "the document"
	}
	return `"` + f + `"`
}

// LineError is a problem at a line of the document.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Concept returns the label of concept (taxonomy:Name) and its facts in
// unit, sorted by end, start and filing date; ok is false when the
// document does not have the concept. The other units the concept has are
// returned too, so that a caller can say why there is nothing in unit.
func (d *Document) Concept(concept, unit string) (label string, facts []Fact, units []string, ok bool, err error) {
	tax, name, _ := strings.Cut(concept, ":")
	msg, ok := d.facts[tax][name]
	if !ok {
		return "", nil, nil, false, nil
	}
	var c struct {
		Label string `json:"label"`
		Units map[string][]struct {
			Start string      `json:"start"`
			End   string      `json:"end"`
			Val   json.Number `json:"val"`
			Accn  string      `json:"accn"`
			Form  string      `json:"form"`
			Filed string      `json:"filed"`
		} `json:"units"`
	}
	dec := json.NewDecoder(bytes.NewReader(msg))
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
		return "", nil, nil, true, fmt.Errorf("%s: %v", concept, err)
	}
	for u := range c.Units {
		units = append(units, u)
	}
	sort.Strings(units)
	for i, r := range c.Units[unit] {
		f := Fact{Concept: concept, Unit: unit, Accn: strings.TrimSpace(r.Accn), Form: strings.TrimSpace(r.Form)}
		where := func(format string, args ...any) error {
			return fmt.Errorf("%s fact %d (%s): %s", concept, i+1, excerpt.Of(r.Accn), fmt.Sprintf(format, args...))
		}
		if r.Start == "" {
			// An instant (a balance): not a flow over a period.
			continue
		}
		if f.Start, err = date(r.Start); err != nil {
			return "", nil, nil, true, where("start: %v", err)
		}
		if f.End, err = date(r.End); err != nil {
			return "", nil, nil, true, where("end: %v", err)
		}
		if f.End.Before(f.Start) {
			return "", nil, nil, true, where("ends %s before it starts %s", r.End, r.Start)
		}
		if f.Filed, err = date(r.Filed); err != nil {
			return "", nil, nil, true, where("filed: %v", err)
		}
		if f.Value, err = number(r.Val); err != nil {
			return "", nil, nil, true, where("val: %v", err)
		}
		if f.Accn == "" || f.Form == "" {
			return "", nil, nil, true, where("no accn or form: the fact's source is unknown")
		}
		if !printable(f.Accn) || !printable(f.Form) {
			return "", nil, nil, true, where("accn %q or form %q is not a short line of printable text", excerpt.Of(f.Accn), excerpt.Of(f.Form))
		}
		facts = append(facts, f)
	}
	sort.SliceStable(facts, func(i, j int) bool {
		a, b := facts[i], facts[j]
		switch {
		case !a.End.Equal(b.End):
			return a.End.Before(b.End)
		case !a.Start.Equal(b.Start):
			return a.Start.After(b.Start)
		case !a.Filed.Equal(b.Filed):
			return a.Filed.Before(b.Filed)
		}
		return a.Accn < b.Accn
	})
	return clean(c.Label), facts, units, true, nil
}

// maxDescription is the longest description of a concept kept, in
// characters.
const maxDescription = 400

// Description is what the document says a concept (taxonomy:Name)
// means, on one line and at most maxDescription characters; "" when it
// says nothing.
func (d *Document) Description(concept string) string {
	tax, name, _ := strings.Cut(concept, ":")
	var c struct {
		Description string `json:"description"`
	}
	if json.Unmarshal(d.facts[tax][name], &c) != nil {
		return ""
	}
	s := clean(c.Description)
	if r := []rune(s); len(r) > maxDescription {
		s = string(r[:maxDescription-1]) + "…"
	}
	return s
}

// capexWords are the words a capex-like concept's name holds.
var capexWords = []string{"PropertyPlant", "ProductiveAssets", "CapitalExpenditure", "FixedAssets", "TangibleAssets"}

// CapexLike lists the concepts of the document that may be its capex, by
// name: flows (facts over a period, not balances at an instant) whose names
// hold PropertyPlant, ProductiveAssets, CapitalExpenditure, FixedAssets or
// TangibleAssets, each as taxonomy:Name with its units:
// "ifrs-full:PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities
// (EUR)". Flows named for payments or purchases come first.
func (d *Document) CapexLike() []string {
	type held struct {
		name    string
		payment bool
	}
	var out []held
	for tax, concepts := range d.facts {
		for name, msg := range concepts {
			if !containsAny(name, capexWords) {
				continue
			}
			var c struct {
				Units map[string][]struct {
					Start string `json:"start"`
				} `json:"units"`
			}
			if json.Unmarshal(msg, &c) != nil {
				continue
			}
			var units []string
			for u, facts := range c.Units {
				for _, f := range facts {
					if f.Start != "" {
						units = append(units, clean(u))
						break
					}
				}
			}
			if len(units) == 0 {
				continue
			}
			sort.Strings(units)
			payment := strings.HasPrefix(name, "Payment") || strings.HasPrefix(name, "Purchase")
			out = append(out, held{fmt.Sprintf("%s:%s (%s)", clean(tax), clean(name), strings.Join(units, ", ")), payment})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].payment != out[j].payment {
			return out[i].payment
		}
		return out[i].name < out[j].name
	})
	names := make([]string, len(out))
	for i, h := range out {
		names[i] = excerptName(h.name)
	}
	return names
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// excerptName keeps a name from a document to a readable length.
func excerptName(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

// printable reports whether s is a short run of printable characters, as
// accession numbers and form types are.
func printable(s string) bool {
	if len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// clean keeps a name to one line of printable text.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// date reads an ISO date within the years capex handles.
func date(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("%q is not a date (YYYY-MM-DD)", excerpt.Of(s))
	}
	if t.Year() < period.MinYear || t.Year() >= period.MaxYear {
		return t, fmt.Errorf("%s is outside the years %d-%d", s, period.MinYear, period.MaxYear-1)
	}
	return t, nil
}

// maxExponent bounds the exponent of a value written as 1.5E9, so that a
// hostile 1E999999999 cannot make a billion-digit number.
const maxExponent = 30

// number reads a JSON number exactly.
func number(n json.Number) (decimal.Decimal, error) {
	s := string(n)
	if s == "" {
		return decimal.Decimal{}, errors.New("missing")
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp := strings.TrimLeft(s[i+1:], "+-")
		if len(exp) > 2 || len(exp) == 2 && exp > "30" {
			return decimal.Decimal{}, fmt.Errorf("%s: exponent beyond ±%d", excerpt.Of(s), maxExponent)
		}
	}
	if len(s) > 64 {
		return decimal.Decimal{}, fmt.Errorf("%s: more than 64 characters", excerpt.Of(s))
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return d, fmt.Errorf("%q: not a number", excerpt.Of(s))
	}
	return d, nil
}
