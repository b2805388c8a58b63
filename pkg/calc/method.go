package calc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// NamedRate is a scenario: a growth rate with a name.
type NamedRate struct {
	Name string
	Rate Rate
}

// Methods is a choice of projection methods, as given to capex project
// (or to a projection check): every method set makes one projection.
// Set fills it from text, parameter by parameter; the zero value chooses
// no method.
type Methods struct {
	Annualize []Spec // a projection each
	Trailing  bool
	Growth    []Rate // a projection each
	Trend     bool
	Scenarios []NamedRate
	ByDays    bool           // annualize by days, not months
	Window    int            // quarters of the trend; 0 means 8
	Horizon   int            // years of growth; 0 means 1
	AsOf      *period.Period // base of trailing, growth, trend and scenarios; nil means the latest quarter
}

// Param is a parameter of the projection methods. capex project takes
// each as a flag (--window 8), a projection check as a key (window: 8);
// both read the value with Methods.Set, so they accept the same text and
// refuse it with the same *param.Error.
type Param struct {
	Name string
	// Arg is how a value is written in help ("SPEC", "RATE", "N"); ""
	// for a switch, which is on or off ("true" or "false").
	Arg string
	// Method reports whether setting the parameter chooses a method, which
	// makes a projection of its own; others change how methods project.
	Method bool
	// Repeats: each value given adds a projection (growth 20%, growth
	// 30%); a parameter that does not repeat keeps its last value.
	Repeats bool
	// Default is the value when none is given, as text; "" when none.
	Default string
	// Short is one line of help; Doc the paragraph that explains it.
	Short, Doc string
	// Words are the values completion offers (besides the periods of the
	// data when Periods is set).
	Words   []string
	Periods bool

	set func(ms *Methods, name, text string) error
}

// Switch reports whether the parameter is on or off rather than a value.
func (p *Param) Switch() bool { return p.Arg == "" }

// WindowRange and HorizonRange bound the trend's window and the years a
// growth rate compounds over.
var (
	WindowRange  = param.IntRange{Name: "window", Min: 2, Max: 400, Of: "quarters"}
	HorizonRange = param.IntRange{Name: "horizon", Min: 1, Max: 50, Of: "years"}
)

// Params lists the parameters of the projection methods, methods first in
// the order Project makes them.
var Params = []*Param{
	{Name: "annualize", Arg: "SPEC", Method: true, Repeats: true,
		Short: "annualize the run rate of `SPEC`: q1..q4, h1, h2, latest, ytd, or a period such as 2024Q4 (repeatable)",
		Doc: `the run rate of a base period: base × 12 / months. SPEC: q1..q4
or h1, h2 (the latest such fiscal period), latest (quarter), ytd, or a
period such as 2024Q4. A base Q4 covers exactly the next fiscal year.`,
		Words: []string{"q1", "q2", "q3", "q4", "h1", "h2", "latest", "ytd"}, Periods: true,
		set: func(ms *Methods, name, text string) error {
			spec, err := parseSpec(name, text)
			if err == nil {
				ms.Annualize = append(ms.Annualize, spec)
			}
			return err
		}},
	{Name: "trailing", Method: true,
		Short: "project the TTM at the base forward unchanged",
		Doc:   `the next four quarters equal the TTM at the base.`,
		set:   func(ms *Methods, name, text string) error { return setSwitch(&ms.Trailing, name, text) }},
	{Name: "growth", Arg: "RATE", Method: true, Repeats: true,
		Short: "grow the TTM at the base by `RATE` a year: 25%, 0.25, -5%, yoy, cagr:3y (repeatable)",
		Doc: `the TTM at the base grown by RATE a year for the horizon in
years, compounding exactly: 25%, 0.25, -5%; yoy (the YoY of the TTM);
cagr:3y (its CAGR over 3 years).`,
		Words: []string{"yoy", "cagr:3y"},
		set: func(ms *Methods, name, text string) error {
			r, err := parseRate(name, text)
			if err == nil {
				ms.Growth = append(ms.Growth, r)
			}
			return err
		}},
	{Name: "trend", Method: true,
		Short: "project a least-squares line through the last window quarters",
		Doc: `a least-squares line through the last window quarters (as
Excel's FORECAST.LINEAR), summed over the next four.`,
		set: func(ms *Methods, name, text string) error { return setSwitch(&ms.Trend, name, text) }},
	{Name: "scenario", Arg: "LIST", Method: true, Repeats: true,
		Short: "one growth row per named rate: `LIST` such as bear=5%,base=15%,bull=30%",
		Doc:   `growth at each named rate: bear=5%,base=15%,bull=30%.`,
		set:   setScenarios},
	{Name: "annualize-by", Arg: "UNIT", Default: "months",
		Short: "scale an annualized base by `UNIT`: months (12 / 3 for a quarter) or days (the target year's days / the base's)",
		Words: []string{"months", "days"},
		set: func(ms *Methods, name, text string) error {
			switch strings.ToLower(text) {
			case "months":
				ms.ByDays = false
			case "days":
				ms.ByDays = true
			default:
				return param.Errorf(name, text, "months or days", "not a unit of time")
			}
			return nil
		}},
	{Name: "window", Arg: "N", Default: "8",
		Short: fmt.Sprintf("`N` quarters the trend is fitted to (%s)", WindowRange.Allowed()),
		set: func(ms *Methods, name, text string) error {
			n, err := WindowRange.Parse(text)
			ms.Window = n
			return err
		}},
	{Name: "horizon", Arg: "N", Default: "1",
		Short: fmt.Sprintf("`N` years to compound growth and scenarios over (%s)", HorizonRange.Allowed()),
		set: func(ms *Methods, name, text string) error {
			n, err := HorizonRange.Parse(text)
			ms.Horizon = n
			return err
		}},
	{Name: "as-of", Arg: "PERIOD", Periods: true,
		Short: "base trailing, growth, trend and scenarios on the TTM ending at `PERIOD` (default: the latest quarter)",
		set: func(ms *Methods, name, text string) error {
			p, err := parsePeriod(name, text)
			if err == nil {
				ms.AsOf = &p
			}
			return err
		}},
}

// ParamByName returns the parameter called name, or nil.
func ParamByName(name string) *Param {
	for _, p := range Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// ParamNames lists the parameters' names.
func ParamNames() []string {
	names := make([]string, len(Params))
	for i, p := range Params {
		names[i] = p.Name
	}
	return names
}

// Set reads text as the value of parameter name. A switch takes "true" or
// "false". Errors are *param.Error values naming the parameter.
func (ms *Methods) Set(name, text string) error {
	p := ParamByName(name)
	if p == nil {
		return param.Errorf(name, text, "one of "+strings.Join(ParamNames(), ", "), "not a projection parameter")
	}
	return p.set(ms, name, strings.TrimSpace(text))
}

func setSwitch(b *bool, name, text string) error {
	switch strings.ToLower(text) {
	case "true":
		*b = true
	case "false":
		*b = false
	default:
		return param.Errorf(name, text, "true or false", "not a switch")
	}
	return nil
}

func setScenarios(ms *Methods, name, text string) error {
	for _, part := range strings.Split(text, ",") {
		n, rate, ok := strings.Cut(part, "=")
		n = strings.TrimSpace(n)
		if !ok || n == "" {
			return param.Errorf(name, part, "NAME=RATE pairs such as bear=5%,base=15%,bull=30%", "each scenario is NAME=RATE")
		}
		r, err := parseRate(name, rate)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(ms.Scenarios, func(s NamedRate) bool { return s.Name == n }) {
			return param.Errorf(name, n, "each name once", "a scenario named twice")
		}
		ms.Scenarios = append(ms.Scenarios, NamedRate{Name: n, Rate: r})
	}
	return nil
}

// parsePeriod reads a fiscal quarter, half or year.
func parsePeriod(name, text string) (period.Period, error) {
	p, err := period.Parse(text)
	if err != nil {
		e := param.Errorf(name, text, period.Allowed, "not a period")
		e.Err = err
		if pe, ok := err.(*period.ParseError); ok {
			e.Reason = pe.Reason
		}
		return p, e
	}
	if p.Kind == period.Month {
		return p, param.Errorf(name, text, "a quarter such as 2024Q4, a half, or FY2024", "a month is not a fiscal period")
	}
	return p, nil
}

// Count is how many projections the methods make.
func (ms Methods) Count() int {
	n := len(ms.Annualize) + len(ms.Growth) + len(ms.Scenarios)
	for _, on := range []bool{ms.Trailing, ms.Trend} {
		if on {
			n++
		}
	}
	return n
}

// MethodError is a projection that failed, with the method that asked
// for it: the parameter ("trend") and its value ("" for a switch).
type MethodError struct {
	Param, Value string
	Err          error
}

func (e *MethodError) Error() string {
	if e.Value == "" {
		return e.Param + ": " + e.Err.Error()
	}
	return e.Param + " " + e.Value + ": " + e.Err.Error()
}

func (e *MethodError) Unwrap() error { return e.Err }

// Project makes every chosen method's projection of metric m of company
// c, in the order annualize, trailing, growth, trend, scenarios. An error
// is a *MethodError naming the method that failed.
func (ms Methods) Project(c *series.Company, m *series.Metric) ([]*Projection, error) {
	var out []*Projection
	var failed error
	add := func(param, value string) func(*Projection, error) bool {
		return func(p *Projection, err error) bool {
			if err != nil {
				failed = &MethodError{Param: param, Value: value, Err: err}
				return false
			}
			out = append(out, p)
			return true
		}
	}
	for _, spec := range ms.Annualize {
		spec.ByDays = ms.ByDays
		if !add("annualize", spec.String())(Annualize(c, m, spec)) {
			return nil, failed
		}
	}
	if !ms.Trailing && len(ms.Growth) == 0 && !ms.Trend && len(ms.Scenarios) == 0 {
		return out, nil
	}
	window, horizon := ms.Window, ms.Horizon
	if window == 0 {
		window = 8
	}
	if horizon == 0 {
		horizon = 1
	}
	q := NewQuarters(c, m)
	asOf, err := q.AsOf(ms.AsOf)
	if err != nil {
		return nil, err
	}
	if ms.Trailing && !add("trailing", "")(q.Trailing(asOf)) {
		return nil, failed
	}
	for _, r := range ms.Growth {
		if !add("growth", r.Text)(q.Grow(asOf, r, horizon, "")) {
			return nil, failed
		}
	}
	if ms.Trend && !add("trend", "")(q.Trend(asOf, window)) {
		return nil, failed
	}
	for _, sc := range ms.Scenarios {
		if !add("scenario", sc.Name+"="+sc.Rate.Text)(q.Grow(asOf, sc.Rate, horizon, "scenario "+sc.Name+" "+sc.Rate.Text)) {
			return nil, failed
		}
	}
	return out, nil
}
