package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// SpecKind says how an annualization picks its base period.
type SpecKind uint8

// The kinds of annualization base.
const (
	LatestQuarterN SpecKind = iota + 1 // q1..q4: the latest such fiscal quarter
	LatestHalfN                        // h1, h2: the latest such fiscal half
	LatestQuarter                      // latest: the latest discrete quarter
	LatestYTD                          // ytd: the latest year-to-date figure
	Explicit                           // a named period
)

// Spec is a parsed --annualize argument.
type Spec struct {
	Kind   SpecKind
	N      int           // quarter or half number for LatestQuarterN, LatestHalfN
	Period period.Period // for Explicit
	// ByDays scales the base by the days of the target year over its own
	// (364 / 98) instead of by months (12 / 3).
	ByDays bool
	text   string
}

func (s Spec) String() string { return s.text }

// Label is the spec as a name: q4, latest, or a period such as FY2021.
func (s Spec) Label() string {
	if s.Kind == Explicit {
		return strings.ToUpper(s.text)
	}
	return s.text
}

// SpecAllowed says how annualization bases are written.
const SpecAllowed = "q1, q2, q3, q4, h1, h2, latest, ytd, or a period such as 2024Q4, 2025H1 or FY2024"

// ParseSpec reads an annualization base: q1..q4, h1, h2, latest, ytd, or a
// fiscal quarter, half or year. Its errors are *param.Error values about
// the parameter "annualize".
func ParseSpec(s string) (Spec, error) { return parseSpec("annualize", s) }

func parseSpec(name, s string) (Spec, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	spec := Spec{text: t}
	switch t {
	case "q1", "q2", "q3", "q4":
		spec.Kind, spec.N = LatestQuarterN, int(t[1]-'0')
		return spec, nil
	case "h1", "h2":
		spec.Kind, spec.N = LatestHalfN, int(t[1]-'0')
		return spec, nil
	case "latest":
		spec.Kind = LatestQuarter
		return spec, nil
	case "ytd":
		spec.Kind = LatestYTD
		return spec, nil
	}
	p, err := period.Parse(s)
	if err != nil {
		e := param.Errorf(name, s, SpecAllowed, "not an annualization base")
		if pe, ok := err.(*period.ParseError); ok && pe.Reason != "not a period" {
			e.Reason = pe.Reason
		}
		e.Err = err
		return Spec{}, e
	}
	if p.Kind == period.Month {
		return Spec{}, param.Errorf(name, s, SpecAllowed, "a month cannot be annualized; capex series are quarterly")
	}
	spec.Kind, spec.Period, spec.text = Explicit, p, p.String()
	return spec, nil
}

// Error is a calculation that the data cannot support, such as a base
// period that is missing. It is the input's fault, not a bug.
type Error struct {
	// Company and Metric name the series the calculation was about; ""
	// when it was about none.
	Company, Metric string
	Msg             string
	// Param is the parameter whose value asked for what the data cannot
	// give ("as-of", "annualize"); "" when none did.
	Param string
	Fix   string // what to do, or ""
}

func (e *Error) Error() string { return e.Msg }

// Hint says what to do about the error.
func (e *Error) Hint() string { return e.Fix }

// Annualize projects the twelve months after a base period at the base's
// run rate: base × 12 / months. A base Q4 covers exactly the next fiscal
// year. The base must be printed or derivable from printed figures; it is
// never guessed.
func Annualize(c *series.Company, m *series.Metric, spec Spec) (*Projection, error) {
	l := m.Ledger()
	lo, hi, ok := l.Bounds()
	if !ok {
		return nil, &Error{Company: c.Ticker, Metric: m.ID, Msg: fmt.Sprintf("%s %s has no figures", c.Ticker, m.ID)}
	}
	// known reports whether quarters first..last have a known total.
	known := func(first, last int) bool {
		_, ok := l.Span(first, last)
		return ok
	}
	first, last := 0, -1
	switch spec.Kind {
	case LatestQuarterN:
		for s := hi; s >= lo; s-- {
			if s%4 == spec.N-1 && known(s, s) {
				first, last = s, s
				break
			}
		}
	case LatestHalfN:
		for s := hi; s >= lo; s-- {
			if s%4 == 2*spec.N-1 && known(s-1, s) {
				first, last = s-1, s
				break
			}
		}
	case LatestQuarter:
		for s := hi; s >= lo; s-- {
			if known(s, s) {
				first, last = s, s
				break
			}
		}
	case LatestYTD:
		for s := hi; s >= lo; s-- {
			if start := s - s%4; known(start, s) {
				first, last = start, s
				break
			}
		}
	case Explicit:
		first, last, _ = spec.Period.Quarters()
		if !known(first, last) {
			return nil, &Error{Company: c.Ticker, Metric: m.ID, Param: "annualize",
				Msg: fmt.Sprintf("%s %s %s is not in the data and cannot be derived from it", c.Ticker, m.ID, c.Calendar.Label(spec.Period)),
				Fix: "choose a base the data has"}
		}
	}
	if last < first {
		return nil, &Error{Company: c.Ticker, Metric: m.ID, Param: "annualize",
			Msg: fmt.Sprintf("%s %s has no %s figure, printed or derivable", c.Ticker, m.ID, describeSpec(spec)),
			Fix: "choose a base the data has"}
	}
	base, _ := l.Span(first, last)
	months := 3 * (last - first + 1)
	baseDays, targetDays := c.Calendar.Days(first, last), c.Calendar.Days(last+1, last+4)
	// 12 / months does not terminate for a 9-month base: the value is the
	// exact quotient base × 12 / 9, rounded once. By days, the factor is
	// the target's days over the base's.
	factor := NewRatio(decimal.NewFromInt(12), decimal.NewFromInt(int64(months)))
	method := "annualize"
	if spec.ByDays {
		factor = NewRatio(decimal.NewFromInt(int64(targetDays)), decimal.NewFromInt(int64(baseDays)))
		method = "annualize by days"
	}
	p := &Projection{
		Company: c, Metric: m, Method: method,
		BaseFirst: first, BaseLast: last, BaseValue: base,
		Factor: factor.String(), FactorValue: &factor,
		TargetFirst: last + 1, TargetLast: last + 4,
	}
	p.set(factor.Mul(base))
	if implied := baseDays * 12 / months; !spec.ByDays && lengthsDiffer(implied, targetDays) {
		// A 14-week quarter × 4 puts 392 days of spend into a 364-day year.
		pct := NewRatio(decimal.NewFromInt(int64(100*(implied-targetDays))), decimal.NewFromInt(int64(targetDays))).Fixed(1)
		p.Notes = append(p.Notes, Note{
			Msg: fmt.Sprintf("%s has %d days; × %s is %d days of spend for %s's %d days (%s%% %s)", p.BaseLabel(), baseDays, factor,
				implied, p.TargetLabel(), targetDays, pct.Abs(), map[bool]string{true: "more", false: "fewer"}[pct.IsPositive()]),
			Hint: "scale by days instead of months", Param: "annualize-by"})
	}
	terms := l.Explain(first, last)
	p.steps = func(in func(decimal.Decimal) string) []string {
		var lines []string
		baseLabel := p.BaseLabel()
		if len(terms) > 1 || len(terms) == 1 && terms[0].Sign < 0 {
			lines = append(lines, fmt.Sprintf("%s = %s = %s", baseLabel, series.FormulaIn(terms, c.Calendar, in), in(base)))
		}
		scale := "× " + p.Factor
		switch {
		case spec.ByDays:
			scale = fmt.Sprintf("× %d / %d days", targetDays, baseDays)
		case !factor.IsInteger():
			scale = fmt.Sprintf("× 12 / %d", months)
		}
		return append(lines, fmt.Sprintf("%s = %s %s %s = %s", p.TargetLabel(), baseLabel, in(base), scale, in(p.Value)))
	}
	return p, nil
}

// lengthsDiffer reports whether two spans of days differ by more than 3%
// of the second: more than the calendar months' own 90 to 92 days.
func lengthsDiffer(days, than int) bool {
	d := days - than
	if d < 0 {
		d = -d
	}
	return d*100 > 3*than
}

func describeSpec(s Spec) string {
	switch s.Kind {
	case LatestQuarterN:
		return fmt.Sprintf("Q%d", s.N)
	case LatestHalfN:
		return fmt.Sprintf("H%d", s.N)
	case LatestQuarter:
		return "quarterly"
	case LatestYTD:
		return "year-to-date"
	}
	return s.text
}
