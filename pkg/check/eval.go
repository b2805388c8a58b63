package check

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// Evaluate computes the check's figure from d and compares it with the
// expectation. When the check cannot be evaluated (an unknown company,
// metric or period, an expectation that is not a number) it records the
// problem at the check's line in ps and returns nil.
func Evaluate(c *Check, d *series.Dataset, ps *series.Problems) *Result {
	co := d.Company(c.Company)
	if co == nil {
		ps.Errorf(c.Line("company"), "the data has "+strings.Join(d.Tickers(), ", "), "check %q: no company %s in the data", excerpt.Of(c.Name), strings.ToUpper(c.Company))
		return nil
	}
	m := co.Metric(c.Metric)
	if m == nil {
		ps.Errorf(c.Line("metric"), co.Ticker+" has "+strings.Join(co.MetricIDs(), ", "), "check %q: %s has no metric %q", excerpt.Of(c.Name), co.Ticker, c.Metric)
		return nil
	}
	res := &Result{Check: c, Rate: isRate(c.Figure), Currency: co.Currency, Unit: m.Unit}
	if !res.Rate {
		if err := res.expectAmount(c, m.Unit); err != nil {
			ps.Errorf(c.Line(err.key), err.hint, "check %q: %s", excerpt.Of(c.Name), err.msg)
			return nil
		}
	} else if err := res.expectRate(c); err != nil {
		ps.Errorf(c.Line(err.key), err.hint, "check %q: %s", excerpt.Of(c.Name), err.msg)
		return nil
	}
	computed, first, last, formula, err := compute(c, co, m)
	if err != nil {
		ps.Errorf(c.Line(err.key), err.hint, "check %q: %s", excerpt.Of(c.Name), err.msg)
		return nil
	}
	if !res.Rate {
		computed = shifted{computed, int32(m.Unit) - int32(res.Unit)}
	}
	res.Computed, res.computed = computed.Decimal(), computed
	res.Start, res.End = period.ISO(co.Calendar.SpanStart(first)), period.ISO(co.Calendar.SpanEnd(last))
	z := co.Calendar.CalendarizeSpan(first, last)
	res.Calendar, res.Overlap = z.Label(), z.Ratio()
	res.Formula = formula(res.Unit)
	if err := res.tolerance(c); err != nil {
		ps.Errorf(c.Line(err.key), err.hint, "check %q: %s", excerpt.Of(c.Name), err.msg)
		return nil
	}
	res.Difference = res.Computed.Sub(res.Expected)
	if res.Expected.IsZero() {
		res.Relative = calc.NA("zero expected")
	} else {
		res.Relative = calc.NewRatio(res.Difference, res.Expected).Result()
	}
	pass := res.Difference.Abs().LessThanOrEqual(res.Tolerance)
	switch {
	case pass && c.Known != "":
		res.Status = UnexpectedPass
	case pass:
		res.Status = Pass
	case c.Known != "":
		res.Status = KnownFail
	default:
		res.Status = Fail
	}
	return res
}

// problem is a check that cannot be evaluated, at one of its keys.
type problem struct {
	key, msg, hint string
}

func problemf(key, hint, format string, args ...any) *problem {
	return &problem{key: key, hint: hint, msg: fmt.Sprintf(format, args...)}
}

// expectAmount reads the expected amount and infers its tolerance: half a
// unit in the last digit written.
func (r *Result) expectAmount(c *Check, metricUnit amount.Unit) *problem {
	a, err := amount.Parse(c.Expect, amount.Options{})
	if err != nil {
		return problemf("expect", "write the published figure, such as 105.2B or 72,215 with unit: million", "expect: %v", err)
	}
	if !a.Symbol.Fits(r.Currency) {
		return problemf("expect", "write the figure in the series' currency, or without a symbol",
			"expect %q is written in %q, and %s %s is in %s", excerpt.Of(c.Expect), a.Symbol, strings.ToUpper(c.Company), c.Metric, r.Currency)
	}
	r.Unit = metricUnit
	switch {
	case a.Scaled:
		r.Unit = a.Unit
		if c.Unit != "" {
			return problemf("unit", "", "expect %q carries its unit; unit: is not needed", excerpt.Of(c.Expect))
		}
	case c.Unit != "":
		u, err := amount.ParseUnit(c.Unit)
		if err != nil {
			return problemf("unit", amount.UnitHint, "%v", err)
		}
		r.Unit = u
	}
	r.Expected = a.Value
	r.Tolerance = halfUnit(a.Value)
	r.ToleranceNote = "inferred from " + c.Expect
	return nil
}

// expectRate reads an expected rate, "41.99%" or 0.4199, and infers its
// tolerance.
func (r *Result) expectRate(c *Check) *problem {
	t := strings.TrimSpace(c.Expect)
	pct := strings.HasSuffix(t, "%")
	v, err := amount.ParseValue(strings.TrimSuffix(t, "%"), amount.Options{})
	if err != nil {
		return problemf("expect", `write a rate as 41.99% or 0.4199`, "expect: %v", err)
	}
	if c.Unit != "" {
		return problemf("unit", "", "a %s is a rate: unit: does not apply", c.Figure)
	}
	tol := halfUnit(v)
	if pct {
		v, tol = v.Shift(-2), tol.Shift(-2)
	}
	r.Expected, r.Tolerance = v, tol
	r.ToleranceNote = "inferred from " + c.Expect
	return nil
}

// halfUnit is half a unit in the last digit of d as written: 105.2 → 0.05.
func halfUnit(d decimal.Decimal) decimal.Decimal { return decimal.New(5, d.Exponent()-1) }

// tolerance applies an explicit tolerance: "0.5%" of the expected value,
// "0.5pp" (percentage points, for rates), or an amount ("0.05B", or "10" in
// the expectation's unit).
func (r *Result) tolerance(c *Check) *problem {
	t := strings.TrimSpace(c.Tolerance)
	if t == "" {
		return nil
	}
	hint := `write a tolerance as 0.5% (relative), 0.05B or 10 (in the expectation's unit), or 0.5pp for a rate`
	switch {
	case strings.HasSuffix(t, "%"):
		v, err := amount.ParseValue(strings.TrimSuffix(t, "%"), amount.Options{})
		if err != nil || v.IsNegative() {
			return problemf("tolerance", hint, "tolerance %q: not a percentage", excerpt.Of(t))
		}
		if r.Expected.IsZero() {
			return problemf("tolerance", "give an absolute tolerance", "a relative tolerance of an expected zero is zero")
		}
		r.Tolerance = r.Expected.Abs().Mul(v.Shift(-2))
		r.ToleranceNote = t + " of expected"
	case r.Rate && strings.HasSuffix(strings.ToLower(t), "pp"):
		v, err := amount.ParseValue(t[:len(t)-2], amount.Options{})
		if err != nil || v.IsNegative() {
			return problemf("tolerance", hint, "tolerance %q: not a number of percentage points", excerpt.Of(t))
		}
		r.Tolerance = v.Shift(-2)
		r.ToleranceNote = t
	default:
		a, err := amount.Parse(t, amount.Options{})
		if err != nil || a.Value.IsNegative() {
			return problemf("tolerance", hint, "tolerance %q: not an amount", excerpt.Of(t))
		}
		if r.Rate && a.Scaled {
			return problemf("tolerance", hint, "tolerance %q: a rate's tolerance has no unit", excerpt.Of(t))
		}
		r.Tolerance = a.In(r.Unit, r.Unit)
		r.ToleranceNote = t
	}
	return nil
}

// compute evaluates the check's figure: its value (an amount in the
// metric's unit, or a fraction), the quarters it covers, and its formula.
func compute(c *Check, co *series.Company, m *series.Metric) (render.Fixer, int, int, func(amount.Unit) []string, *problem) {
	q := calc.NewQuarters(co, m)
	inUnit := func(u amount.Unit) func(decimal.Decimal) string {
		return func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, m.Unit, u)) }
	}
	unavailable := func(what string, r calc.Result) *problem {
		return problemf("period", fmt.Sprintf("choose a period the data has for %s %s", co.Ticker, m.ID),
			"%s %s %s is not available (%s)", co.Ticker, m.ID, what, r.NA)
	}
	if col := calc.ColumnByName(c.Figure); col != nil {
		p, err := period.Parse(c.Period)
		if err != nil || p.Kind != period.Quarter {
			return nil, 0, 0, nil, problemf("period", "give a fiscal quarter, such as 2024Q4 or FY2025Q2", "a %s is about a quarter, not %q", c.Figure, excerpt.Of(c.Period))
		}
		seq := p.Seq()
		r := q.Calc(col, seq)
		if !r.OK() {
			return nil, 0, 0, nil, unavailable(strings.TrimSpace(col.Label+" "+q.Label(seq)), r)
		}
		return r, seq - col.Back, seq, func(u amount.Unit) []string {
			if f := q.Explain(col, seq, inUnit(u)); f != "" {
				return []string{f}
			}
			return nil
		}, nil
	}
	switch c.Figure {
	case "total":
		first, last, err := span(c.Period)
		if err != nil {
			return nil, 0, 0, nil, problemf("period", "give a fiscal year (FY2024), half, quarter, or a range such as 2024Q1..2024Q4", "%v", err)
		}
		r := q.Span(first, last)
		label := co.Calendar.SpanLabel(first, last)
		if !r.OK() {
			return nil, 0, 0, nil, unavailable("total "+label, r)
		}
		return r, first, last, func(u amount.Unit) []string {
			return []string{fmt.Sprintf("total %s = %s = %s", label, q.SumFormula(first, last, inUnit(u)), inUnit(u)(r.Decimal()))}
		}, nil
	case "cagr":
		a, b, ok := endpoints(c.Period)
		if !ok {
			return nil, 0, 0, nil, problemf("period", "give FY2022..FY2024 or 2022Q4..2024Q4", "a cagr is about a span from..to of two years or two quarters, not %q", excerpt.Of(c.Period))
		}
		f1, l1, _ := a.Quarters()
		f2, l2, _ := b.Quarters()
		start, end := q.Span(f1, l1), q.Span(f2, l2)
		if !start.OK() {
			return nil, 0, 0, nil, unavailable(co.Calendar.Label(a), start)
		}
		if !end.OK() {
			return nil, 0, 0, nil, unavailable(co.Calendar.Label(b), end)
		}
		quarters := l2 - l1
		g := calc.CAGR(start.Decimal(), end.Decimal(), quarters)
		if !g.OK() {
			return nil, 0, 0, nil, problemf("period", "", "the CAGR %s..%s is undefined: %s", co.Calendar.Label(a), co.Calendar.Label(b), g.NA)
		}
		return g, f1, l2, func(u amount.Unit) []string {
			in := inUnit(u)
			return []string{fmt.Sprintf("CAGR %s..%s = (%s / %s)^(4/%d) − 1 = %s", co.Calendar.Label(a), co.Calendar.Label(b),
				in(end.Decimal()), in(start.Decimal()), quarters, g.Decimal())}
		}, nil
	case "backtest-mape", "backtest-bias":
		var keep func(int) bool
		first, last := 0, 0
		if c.Period != "" {
			f, l, err := span(c.Period)
			if err != nil {
				return nil, 0, 0, nil, problemf("period", "give the bases backtested, such as 2022Q1..2024Q4", "%v", err)
			}
			first, last = f, l
			keep = func(seq int) bool { return seq >= f && seq <= l }
		}
		bts, _ := c.Methods.Backtests(co, m, keep)
		ss := calc.Summarize(bts)
		if len(ss) == 0 || ss[0].N == 0 {
			return nil, 0, 0, nil, problemf("figure", "backtest a series whose data reaches a year past a base",
				"no backtest of %s %s: no base has a target complete in the data", co.Ticker, m.ID)
		}
		s := ss[0]
		value, what := s.MAPE, "mean absolute relative error"
		if c.Figure == "backtest-bias" {
			value, what = s.Bias, "mean signed relative error"
		}
		if keep == nil {
			first, last = bts[0].BaseLast, bts[len(bts)-1].BaseLast
		}
		return value, first, last, func(amount.Unit) []string {
			return []string{fmt.Sprintf("%s of %d backtests of %s = %s", what, s.N, s.Method, value.Decimal())}
		}, nil
	case "annualize", "projection":
		ps, err := c.Methods.Project(co, m)
		if err != nil {
			key := "base"
			if c.Figure == "projection" {
				key = "figure"
			}
			return nil, 0, 0, nil, problemf(key, hintOf(err), "%v", err)
		}
		p := ps[0]
		if c.Period != "" {
			first, last, err := span(c.Period)
			if err != nil {
				return nil, 0, 0, nil, problemf("period", "give the period the projection covers, such as FY2025", "%v", err)
			}
			if first != p.TargetFirst || last != p.TargetLast {
				return nil, 0, 0, nil, problemf("period", "change period: or the method", "the projection covers %s, not %s", p.TargetLabel(), co.Calendar.SpanLabel(first, last))
			}
		}
		return p.Exact, p.TargetFirst, p.TargetLast, p.Formula, nil
	}
	return nil, 0, 0, nil, problemf("figure", "", "figure %q: not a figure", c.Figure)
}

// endpoints reads the span of a cagr, "FY2022..FY2024" or
// "2022Q4..2024Q4": two fiscal years, or two quarters, in order.
func endpoints(s string) (a, b period.Period, ok bool) {
	from, to, isRange := strings.Cut(s, "..")
	a, errA := period.Parse(strings.TrimSpace(from))
	b, errB := period.Parse(strings.TrimSpace(to))
	ok = isRange && errA == nil && errB == nil && a.Kind == b.Kind && (a.Kind == period.Year || a.Kind == period.Quarter)
	if ok {
		_, la, _ := a.Quarters()
		_, lb, _ := b.Quarters()
		ok = la < lb
	}
	return a, b, ok
}

// span reads a period or a range "A..B" of periods as quarters first..last.
func span(s string) (int, int, error) {
	a, b, isRange := strings.Cut(s, "..")
	pa, err := period.Parse(strings.TrimSpace(a))
	if err != nil {
		return 0, 0, err
	}
	first, last, ok := pa.Quarters()
	if !ok {
		return 0, 0, fmt.Errorf("%s: a month is not a fiscal period", pa)
	}
	if isRange {
		pb, err := period.Parse(strings.TrimSpace(b))
		if err != nil {
			return 0, 0, err
		}
		_, l, ok := pb.Quarters()
		if !ok {
			return 0, 0, fmt.Errorf("%s: a month is not a fiscal period", pb)
		}
		if l < first {
			return 0, 0, fmt.Errorf("%s ends before it starts", excerpt.Of(s))
		}
		last = l
	}
	return first, last, nil
}

// hintOf is the hint an error carries, naming the check's key when the
// error is about a parameter.
func hintOf(err error) string {
	var ce *calc.Error
	if errors.As(err, &ce) && ce.Param != "" && ce.Fix != "" {
		return fmt.Sprintf("%s (%s:)", ce.Fix, ce.Param)
	}
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		return h.Hint()
	}
	return ""
}

// shifted is v × 10^n: a figure restated in another unit, rounded as the
// figure is.
type shifted struct {
	v render.Fixer
	n int32
}

func (s shifted) Decimal() decimal.Decimal { return s.v.Decimal().Shift(s.n) }

func (s shifted) Fixed(places int32) decimal.Decimal { return s.v.Fixed(places + s.n).Shift(s.n) }
