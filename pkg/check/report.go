package check

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/render"
)

// Summary counts the outcomes of a run.
type Summary struct {
	Total, Passed, Failed, Known, Unexpected int
}

// Summarize counts results.
func Summarize(rs []*Result) Summary {
	s := Summary{Total: len(rs)}
	for _, r := range rs {
		switch r.Status {
		case Pass:
			s.Passed++
		case Fail:
			s.Failed++
		case KnownFail:
			s.Known++
		case UnexpectedPass:
			s.Unexpected++
		}
	}
	return s
}

// String is the one-line summary: "1 of 12 checks failed; 2 known
// discrepancies; 1 known discrepancy passed".
func (s Summary) String() string {
	out := fmt.Sprintf("%d of %d checks failed", s.Failed, s.Total)
	if s.Total == 1 {
		out = fmt.Sprintf("%d of 1 check failed", s.Failed)
	}
	if s.Known > 0 {
		out += fmt.Sprintf("; %d known %s", s.Known, plural(s.Known, "discrepancy", "discrepancies"))
	}
	if s.Unexpected > 0 {
		out += fmt.Sprintf("; %d known %s passed (remove known_discrepancy)", s.Unexpected, plural(s.Unexpected, "discrepancy", "discrepancies"))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// show formats an amount or rate of r for messages: "105.2 billion",
// "41.99%".
func (r *Result) show(d decimal.Decimal) string {
	if r.Rate {
		return d.Shift(2).String() + "%"
	}
	return amount.Group(d) + " " + r.Unit.String()
}

// Message says what happened, with the margin when the check failed:
// "computed 111.336 billion, expected 105.2 billion: difference 6.136
// billion (+5.833%) exceeds the tolerance ±0.05 billion by 6.086 billion".
func (r *Result) Message() string {
	rel := ""
	if r.Relative.OK() {
		rel = fmt.Sprintf(" (%s%%)", signed(r.Relative.Decimal().Shift(2).Round(3)))
	}
	msg := fmt.Sprintf("computed %s, expected %s: difference %s%s", r.show(r.Computed), r.show(r.Expected), signedShow(r, r.Difference), rel)
	if r.Status == Fail || r.Status == KnownFail {
		msg += fmt.Sprintf(" exceeds the tolerance ±%s by %s", r.show(r.Tolerance), r.show(r.Margin()))
	} else {
		msg += fmt.Sprintf(" within the tolerance ±%s", r.show(r.Tolerance))
	}
	if r.Check.Known != "" {
		msg += "; known discrepancy: " + r.Check.Known
	}
	return msg
}

func signed(d decimal.Decimal) string {
	if d.IsPositive() {
		return "+" + d.String()
	}
	return d.String()
}

func signedShow(r *Result, d decimal.Decimal) string {
	s := r.show(d)
	if d.IsPositive() {
		return "+" + s
	}
	return s
}

// Table is the results as a render.Table: name, computed, expected,
// difference, relative difference, tolerance and status for people, and
// everything else for programs. With calendar, it adds the calendar
// quarters of each period and the days they share, shown to people too.
func Table(rs []*Result, calendar bool) *render.Table {
	t := &render.Table{Sheet: "check", Columns: []render.Column{
		{Name: "name"}, {Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "figure", Long: true},
		{Name: "period", Long: !calendar}, {Name: "start", Long: true}, {Name: "end", Long: true},
	}}
	if calendar {
		t.Columns = append(t.Columns, render.Column{Name: "calendar"}, render.Column{Name: "overlap", Right: true})
	}
	t.Columns = append(t.Columns, []render.Column{
		{Name: "computed", Right: true}, {Name: "expected", Right: true}, {Name: "difference", Right: true},
		{Name: "relative", Right: true}, {Name: "tolerance", Right: true}, {Name: "unit"}, {Name: "currency", Long: true},
		{Name: "status"}, {Name: "tolerance_rule", Long: true}, {Name: "known_discrepancy", Long: true},
		{Name: "source", Long: true}, {Name: "definition", Long: true}, {Name: "file", Long: true}, {Name: "line", Long: true, Kind: render.IntKind},
		{Name: "formula", Long: true}, {Name: "note", Long: true},
	}...)
	for _, r := range rs {
		c := r.Check
		num := render.Num
		computed := render.Exact(r.computed, false)
		unit := r.Unit.String()
		if r.Rate {
			// Rates are published to a few hundredths of a percent.
			num = func(d decimal.Decimal) render.Cell { c := render.Percent(d); c.Places = 4; return c }
			computed = render.Exact(r.computed, true)
			computed.Places = 4
			unit = ""
		}
		rel := render.Exact(r.Relative, true)
		rel.Places = 2
		rel.Formula = relativeFormula
		diff := num(r.Difference)
		diff.Formula = differenceFormula
		note := ""
		if !r.Relative.OK() {
			rel, note = render.NA(r.Relative.NA), "relative: "+r.Relative.NA
		}
		period := c.Period
		if period == "" && len(c.Methods.Annualize) > 0 {
			period = c.Methods.Annualize[0].String()
		}
		row := make([]render.Cell, 0, len(t.Columns))
		row = append(row,
			render.Text(c.Name), render.Text(strings.ToUpper(c.Company)), render.Text(c.Metric), render.Text(c.Figure),
			render.Text(period), render.Text(r.Start), render.Text(r.End),
		)
		if calendar {
			row = append(row, render.Text(r.Calendar), render.Text(r.Overlap))
		}
		t.Rows = append(t.Rows, append(row,
			computed, num(r.Expected), diff, rel, num(r.Tolerance), render.Text(unit), render.Text(r.Currency),
			render.Text(string(r.Status)), render.Text(r.ToleranceNote), render.Text(c.Known), render.Text(c.Source),
			render.Text(c.Definition), render.Text(c.Pos.File()), render.Text(strconv.Itoa(int(c.Pos.Line))),
			render.Text(strings.Join(r.Formula, "; ")), render.Text(note),
		))
	}
	render.LabelUnits(t, "computed", "expected", "difference", "tolerance")
	return t
}

// A result's difference and relative difference, as formulas over its row
// for a format that keeps them: difference = computed − expected,
// relative = difference / expected (n/a for an expected zero).
var (
	differenceFormula = &render.Formula{Expr: "{0}-{1}", Refs: []render.Ref{{Col: "computed"}, {Col: "expected"}}}
	relativeFormula   = &render.Formula{Expr: "{0}/{1}", Refs: []render.Ref{{Col: "difference"}, {Col: "expected"}}}
)

// JUnit is the results as JUnit XML, as Jenkins and GitLab read it: one
// testsuite per expectations file, one testcase per check, a failure
// element only on a failure (with the margin in its message), a skipped
// element on a known discrepancy.
func JUnit(rs []*Result) ([]byte, error) {
	type failure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	type skipped struct {
		Message string `xml:"message,attr"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		File      string   `xml:"file,attr"`
		Line      int      `xml:"line,attr"`
		Failure   *failure `xml:"failure,omitempty"`
		Skipped   *skipped `xml:"skipped,omitempty"`
		SystemOut string   `xml:"system-out,omitempty"`
	}
	type testsuite struct {
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Errors   int        `xml:"errors,attr"`
		Skipped  int        `xml:"skipped,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	type testsuites struct {
		XMLName  xml.Name    `xml:"testsuites"`
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Suites   []testsuite `xml:"testsuite"`
	}
	all := testsuites{Name: "capex check"}
	index := map[string]int{}
	for _, r := range rs {
		file := r.Check.Pos.File()
		i, ok := index[file]
		if !ok {
			i = len(all.Suites)
			index[file] = i
			all.Suites = append(all.Suites, testsuite{Name: file})
		}
		s := &all.Suites[i]
		tc := testcase{Name: r.Check.Name, Classname: "capex.check", File: file, Line: int(r.Check.Pos.Line)}
		out := []string{r.Message()}
		out = append(out, r.Formula...)
		if r.Check.Source != "" {
			out = append(out, "source: "+r.Check.Source)
		}
		tc.SystemOut = strings.Join(out, "\n")
		switch r.Status {
		case Fail:
			tc.Failure = &failure{Message: r.Message(), Type: "mismatch", Text: tc.SystemOut}
			s.Failures++
			all.Failures++
		case KnownFail:
			tc.Skipped = &skipped{Message: r.Message()}
			s.Skipped++
			all.Skipped++
		}
		s.Tests++
		all.Tests++
		s.Cases = append(s.Cases, tc)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// GitHub is the results as GitHub Actions workflow commands: an error
// annotation on each failed check's line, a warning on each known
// discrepancy, a notice on each that passed unexpectedly, and the summary.
func GitHub(rs []*Result) []byte {
	var b bytes.Buffer
	for _, r := range rs {
		kind := ""
		title := r.Check.Name
		switch r.Status {
		case Fail:
			kind = "error"
		case KnownFail:
			kind, title = "warning", title+" (known discrepancy)"
		case UnexpectedPass:
			kind, title = "notice", title+" (known discrepancy passed)"
		default:
			continue
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,title=%s::%s\n", kind, ghProperty(r.Check.Pos.File()), r.Check.Pos.Line,
			ghProperty(title), ghMessage(r.Message()))
	}
	fmt.Fprintln(&b, Summarize(rs))
	return b.Bytes()
}

// ghMessage and ghProperty escape text for a workflow command, control
// characters made visible first (a log is read in a terminal too).
func ghMessage(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(render.Visible(s))
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(render.Visible(s))
}
