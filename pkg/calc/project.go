package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// Projection is a forward figure and how it was made.
type Projection struct {
	Company *series.Company
	Metric  *series.Metric
	Method  string // "annualize", "trailing", "growth 20%", "trend 8q", "scenario bear 5%"

	// The base: quarters BaseFirst..BaseLast (sequence numbers) and their
	// total.
	BaseFirst, BaseLast int
	BaseValue           decimal.Decimal

	// Factor is the exact multiplier from base to projection, written out
	// ("4", "4/3", "1.44"), and FactorValue its value; "" and nil for a
	// trend, which is not a multiple.
	Factor      string
	FactorValue *Ratio

	// The projection covers quarters TargetFirst..TargetLast. Value is
	// as capex keeps it (exact, or 34 significant digits of a quotient),
	// Exact the exact quotient it is rounded from.
	TargetFirst, TargetLast int
	Value                   decimal.Decimal
	Exact                   Ratio

	// NA, when set, says why there is no value: a growth factor of zero
	// or less, which compounding would turn into a figure of the wrong
	// sign.
	NA string

	// Notes are worth knowing before reading the value, such as a base
	// whose length in days differs from the year it is scaled to.
	Notes []Note

	// steps writes the formula, with amounts formatted by in.
	steps func(in func(decimal.Decimal) string) []string
}

// Note is something worth knowing about a projection. Param names the
// parameter whose change Hint suggests.
type Note struct {
	Msg, Hint, Param string
}

// set gives the projection its value.
func (p *Projection) set(v Ratio) {
	p.Exact, p.Value = v, v.Decimal()
}

// BaseLabel names the base period: 2024Q4, 2025H1, FY2024, 2025Q1..2025Q3.
func (p *Projection) BaseLabel() string {
	return p.Company.Calendar.SpanLabel(p.BaseFirst, p.BaseLast)
}

// TargetLabel names the projected period: FY2025, 2025Q2..2026Q1.
func (p *Projection) TargetLabel() string {
	return p.Company.Calendar.SpanLabel(p.TargetFirst, p.TargetLast)
}

// TargetEnd is the last day of the projected period.
func (p *Projection) TargetEnd() string { return period.ISO(p.Company.Calendar.SpanEnd(p.TargetLast)) }

// Formula shows the arithmetic with every operand, one step per line,
// such as "FY2025 = 2024Q4 27,834 × 4 = 111,336". Amounts are stated in
// unit u (rates are unitless).
func (p *Projection) Formula(u amount.Unit) []string {
	from := p.Metric.Unit
	return p.steps(func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, from, u)) })
}

// AsOf resolves a base period for trailing, growth and trend projections:
// the last quarter of the period named, or the latest known quarter.
func (q *Quarters) AsOf(p *period.Period) (int, error) {
	if p == nil {
		if q.Last < q.First {
			return 0, &Error{Company: q.Company.Ticker, Metric: q.Metric.ID, Msg: fmt.Sprintf("%s %s has no quarters, printed or derivable", q.Company.Ticker, q.Metric.ID)}
		}
		return q.Last, nil
	}
	_, last, ok := p.Quarters()
	if !ok {
		return 0, param.Errorf("as-of", p.String(), "a quarter such as 2024Q4, or FY2024", "a month is not a fiscal period")
	}
	return last, nil
}

// ttm returns the TTM at seq or an error saying why there is none.
func (q *Quarters) ttm(seq int) (decimal.Decimal, error) {
	r := q.TTM(seq)
	if !r.OK() {
		return decimal.Decimal{}, q.naError("TTM "+q.Label(seq), r)
	}
	return r.Decimal(), nil
}

// naError turns an NA result a projection needs into an error.
func (q *Quarters) naError(what string, r Result) error {
	if err := q.Err(); err != nil {
		return err
	}
	return &Error{Company: q.Company.Ticker, Metric: q.Metric.ID, Param: "as-of",
		Msg: fmt.Sprintf("%s %s: %s is not available (%s)", q.Company.Ticker, q.Metric.ID, what, r.NA),
		Fix: "choose another base"}
}

// ttmFormula explains a TTM: the four quarters added up when they are all
// known ("14,925 + 17,620 + 22,620 + 27,834"), else the printed figures it
// follows from.
func (q *Quarters) ttmFormula(seq int, in func(decimal.Decimal) string) string {
	parts := make([]string, 0, 4)
	for s := seq - 3; s <= seq; s++ {
		v := q.Value(s)
		if !v.OK() {
			return series.FormulaIn(q.ledger.Explain(seq-3, seq), q.Company.Calendar, in)
		}
		parts = append(parts, in(v.Decimal()))
	}
	return strings.Join(parts, " + ")
}

// Trailing projects the four quarters after asOf to equal the TTM at asOf.
func (q *Quarters) Trailing(asOf int) (*Projection, error) {
	ttm, err := q.ttm(asOf)
	if err != nil {
		return nil, err
	}
	p := q.projection("trailing", asOf, ttm, RatioOf(one), 1)
	p.set(RatioOf(ttm))
	p.steps = func(in func(decimal.Decimal) string) []string {
		return []string{
			fmt.Sprintf("TTM %s = %s = %s", q.Label(asOf), q.ttmFormula(asOf, in), in(ttm)),
			fmt.Sprintf("%s = TTM %s = %s", p.TargetLabel(), q.Label(asOf), in(ttm)),
		}
	}
	return p, nil
}

// projection starts a projection based on the TTM at asOf whose target is
// the horizon-th year after it.
func (q *Quarters) projection(method string, asOf int, base decimal.Decimal, factor Ratio, horizon int) *Projection {
	return &Projection{
		Company: q.Company, Metric: q.Metric, Method: method,
		BaseFirst: asOf - 3, BaseLast: asOf, BaseValue: base, Factor: factor.String(), FactorValue: &factor,
		TargetFirst: asOf + 4*(horizon-1) + 1, TargetLast: asOf + 4*horizon,
	}
}

// RateKind says where a growth rate comes from.
type RateKind uint8

// The kinds of growth rate.
const (
	FixedRate RateKind = iota + 1 // a number given
	YoYRate                       // the YoY of the TTM at the base
	CAGRRate                      // the CAGR of the TTM over Years years to the base
)

// Rate is a growth rate as given to --growth or --scenario.
type Rate struct {
	Kind  RateKind
	Value decimal.Decimal // for FixedRate: 0.25 is 25%
	Years int             // for CAGRRate
	Text  string          // as written, for the method name
}

// RateAllowed says how rates are written.
const RateAllowed = `a rate such as 25%, 0.25 or -5%, or yoy, or cagr:3y`

// ParseRate reads a growth rate: "25%", "0.25", "-5%", "yoy", "cagr:3y".
// A plain number of magnitude 1 or more must carry a % sign: "20" is more
// likely a mistyped 20% than 2,000%. Its errors are *param.Error values
// about the parameter "rate".
func ParseRate(s string) (Rate, error) { return parseRate("rate", s) }

// CAGRYears bounds the span of a cagr:Ny rate.
var CAGRYears = param.IntRange{Name: "cagr", Min: 1, Max: 50, Of: "years"}

func parseRate(name, s string) (Rate, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case t == "yoy":
		return Rate{Kind: YoYRate, Text: "yoy"}, nil
	case strings.HasPrefix(t, "cagr:"):
		y := strings.TrimSuffix(strings.TrimPrefix(t, "cagr:"), "y")
		n := 0
		if _, err := fmt.Sscanf(y, "%d", &n); err != nil || fmt.Sprint(n) != y || CAGRYears.Check(n) != nil {
			return Rate{}, param.Errorf(name, s, "a CAGR over "+CAGRYears.Allowed()+", as cagr:3y", "not a CAGR span")
		}
		return Rate{Kind: CAGRRate, Years: n, Text: "cagr:" + y + "y"}, nil
	}
	pct := strings.HasSuffix(t, "%")
	v, err := amount.ParseValue(strings.TrimSuffix(t, "%"), amount.Options{})
	if err != nil {
		return Rate{}, param.Errorf(name, s, RateAllowed, "not a rate")
	}
	if pct {
		v = v.Shift(-2)
	} else if v.Abs().GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return Rate{}, param.Errorf(name, s, fmt.Sprintf("%s%% for %s per cent, or the fraction %s", strings.TrimSpace(s), strings.TrimSpace(s), v.Shift(-2)), "ambiguous without %%")
	}
	if v.LessThanOrEqual(decimal.NewFromInt(-1)) {
		return Rate{}, param.Errorf(name, s, "a decline of less than 100%", "a decline of 100%% or more cannot compound")
	}
	return Rate{Kind: FixedRate, Value: v, Text: percent(v)}, nil
}

// percent writes a fraction as a percentage, exactly: 0.25 → "25%".
func percent(v decimal.Decimal) string { return v.Shift(2).String() + "%" }

// Grow projects the TTM at asOf grown by rate for horizon years,
// compounding exactly: TTM × (1 + rate)^horizon. A rate taken from the data
// (yoy, cagr) is itself correctly rounded to 34 digits first.
func (q *Quarters) Grow(asOf int, rate Rate, horizon int, method string) (*Projection, error) {
	if err := HorizonRange.Check(horizon); err != nil {
		return nil, err
	}
	ttm, err := q.ttm(asOf)
	if err != nil {
		return nil, err
	}
	r, how, err := q.rate(asOf, rate)
	if err != nil {
		return nil, err
	}
	one := decimal.NewFromInt(1)
	if method == "" {
		method = "growth " + rate.Text
	}
	if g := one.Add(r); !g.IsPositive() {
		// A decline of 100% or more: compounding 1 + r ≤ 0 would make a
		// figure of the wrong sign (−1.2² = +1.44), not a projection.
		p := q.projection(method, asOf, ttm, RatioOf(g), horizon)
		p.FactorValue, p.Factor = nil, ""
		p.NA = fmt.Sprintf("growth factor 1 + %s = %s: a decline of 100%% or more does not compound", unitless(r), unitless(g))
		p.steps = func(in func(decimal.Decimal) string) []string {
			lines := []string{fmt.Sprintf("TTM %s = %s = %s", q.Label(asOf), q.ttmFormula(asOf, in), in(ttm))}
			return append(append(lines, how(in)...), fmt.Sprintf("%s: n/a, %s", p.TargetLabel(), p.NA))
		}
		return p, nil
	}
	factor := one
	for i := 0; i < horizon; i++ {
		factor = factor.Mul(one.Add(r))
	}
	p := q.projection(method, asOf, ttm, RatioOf(factor), horizon)
	p.set(RatioOf(ttm.Mul(factor)))
	p.steps = func(in func(decimal.Decimal) string) []string {
		lines := []string{fmt.Sprintf("TTM %s = %s = %s", q.Label(asOf), q.ttmFormula(asOf, in), in(ttm))}
		lines = append(lines, how(in)...)
		power := ""
		if horizon > 1 {
			power = fmt.Sprintf("^%d", horizon)
		}
		return append(lines, fmt.Sprintf("%s = TTM %s %s × (1 + %s)%s = %s", p.TargetLabel(), q.Label(asOf), in(ttm), unitless(r), power, in(p.Value)))
	}
	return p, nil
}

// rate resolves a Rate at asOf, with the formula lines that explain it.
func (q *Quarters) rate(asOf int, rate Rate) (decimal.Decimal, func(func(decimal.Decimal) string) []string, error) {
	none := func(func(decimal.Decimal) string) []string { return nil }
	switch rate.Kind {
	case YoYRate:
		prev, err := q.ttm(asOf - 4)
		if err != nil {
			return decimal.Decimal{}, nil, err
		}
		cur, _ := q.ttm(asOf)
		g := Growth(Of(prev), Of(cur))
		if !g.OK() {
			return decimal.Decimal{}, nil, q.naError("the YoY of TTM "+q.Label(asOf), g)
		}
		return g.Decimal(), func(in func(decimal.Decimal) string) []string {
			return []string{
				fmt.Sprintf("TTM %s = %s = %s", q.Label(asOf-4), q.ttmFormula(asOf-4, in), in(prev)),
				fmt.Sprintf("YoY of TTM %s = (%s − %s) / %s = %s", q.Label(asOf), in(cur), in(prev), in(prev), unitless(g.Decimal())),
			}
		}, nil
	case CAGRRate:
		from := asOf - 4*rate.Years
		start, err := q.ttm(from)
		if err != nil {
			return decimal.Decimal{}, nil, err
		}
		end, _ := q.ttm(asOf)
		g := CAGR(start, end, 4*rate.Years)
		if !g.OK() {
			return decimal.Decimal{}, nil, q.naError(fmt.Sprintf("the %d-year CAGR of the TTM to %s", rate.Years, q.Label(asOf)), g)
		}
		return g.Decimal(), func(in func(decimal.Decimal) string) []string {
			return []string{
				fmt.Sprintf("TTM %s = %s = %s", q.Label(from), q.ttmFormula(from, in), in(start)),
				fmt.Sprintf("CAGR TTM %s..%s = (%s / %s)^(1/%d) − 1 = %s", q.Label(from), q.Label(asOf), in(end), in(start), rate.Years, unitless(g.Decimal())),
			}
		}, nil
	}
	return rate.Value, none, nil
}
