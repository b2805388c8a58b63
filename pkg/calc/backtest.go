package calc

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// Backtest is a projection made as it would have been made at its base,
// from the figures of periods ending by then and no later one, set
// against the target as it was reported.
type Backtest struct {
	*Projection
	// Actual is the target as reported: its printed figure, or the sum of
	// its quarters, found by identity.
	Actual decimal.Decimal
	// Difference is projected − actual, and Relative difference / actual,
	// both exact; Relative is NA for an actual of zero.
	Difference Ratio
	Relative   Result
}

// Skipped is a base that was not backtested, and why: its target is not
// complete in the data, or the projection could not be made then. Err is
// the error that stopped it, if one did (a *MissingError when a quarter
// inside the data is missing).
type Skipped struct {
	Method, Base, Why string
	Err               error
	// Late: the target runs past the last quarter of the data, as the
	// targets of the last year's bases do. Early: the base has too little
	// history before it (no Q4 yet, no TTM, a trend window that starts
	// before the data).
	Late, Early bool
}

// Backtests makes, for every quarter from the first to the last the data
// has, each chosen method's projection from the figures up to that
// quarter (a base is backtested once, at the quarter it ends), and sets
// each against the target as reported. A target not complete in the data
// is skipped, and so is a base whose projection could not have been made
// (a quarter missing, growth that does not compound); both are listed.
// keep, when not nil, bounds the bases: it reports whether a base ending
// at quarter seq is wanted.
func (ms Methods) Backtests(c *series.Company, m *series.Metric, keep func(seq int) bool) ([]*Backtest, []Skipped) {
	full := NewQuarters(c, m)
	if full.Last < full.First {
		return nil, nil
	}
	var out []*Backtest
	var skipped []Skipped
	// Each method alone, so that one that cannot be made at a base leaves
	// the others standing; its backtests in the order of their bases.
	for _, one := range ms.Each() {
		for seq := full.First; seq <= full.Last; seq++ {
			if keep != nil && !keep(seq) {
				continue
			}
			then := asAt(m, seq)
			p := period.FromSeq(seq)
			one.AsOf = &p
			ps, err := one.Project(c, then)
			if err != nil {
				sk := Skipped{Method: one.name(), Base: full.Label(seq), Why: err.Error(), Err: err}
				var miss *MissingError
				isMiss := errors.As(err, &miss)
				switch {
				case full.knownThrough(seq) && (isMiss || NewQuarters(c, then).Last < seq):
					// Not known then, derivable now: a quarter given only by a
					// year-to-date figure filed later. Not a gap in the data.
					missing := full.Label(seq)
					if isMiss {
						missing = strings.Join(miss.Periods, ", ")
					}
					sk.Err = nil
					sk.Why = missing + ": known only from figures of later periods"
				case !isMiss:
					sk.Early = true
				}
				skipped = append(skipped, sk)
				continue
			}
			for _, pr := range ps {
				if pr.BaseLast != seq {
					continue // this base was backtested when it ended
				}
				if len(one.Annualize) > 0 {
					// Bases differ: q4 and latest are two methods here.
					pr.Method = one.name()
				}
				if pr.NA != "" {
					skipped = append(skipped, Skipped{Method: pr.Method, Base: pr.BaseLabel(), Why: pr.NA})
					continue
				}
				actual := full.Span(pr.TargetFirst, pr.TargetLast)
				if !actual.OK() {
					sk := Skipped{Method: pr.Method, Base: pr.BaseLabel(),
						Why: fmt.Sprintf("target %s not complete in the data (%s)", pr.TargetLabel(), actual.NA)}
					if pr.TargetLast <= full.Last {
						sk.Err = full.Err() // a quarter missing inside the data
					} else {
						sk.Late = true
					}
					skipped = append(skipped, sk)
					continue
				}
				a := actual.Decimal()
				bt := &Backtest{Projection: pr, Actual: a, Difference: pr.Exact.Sub(RatioOf(a))}
				if a.IsZero() {
					bt.Relative = NA("zero actual")
				} else {
					bt.Relative = bt.Difference.DivBy(a).Result()
				}
				out = append(out, bt)
			}
		}
	}
	return out, skipped
}

// knownThrough reports whether every quarter from the first to seq is
// known.
func (q *Quarters) knownThrough(seq int) bool {
	for s := q.First; s <= seq; s++ {
		if !q.known(s) {
			return false
		}
	}
	return true
}

// asAt is metric m as its figures stood at quarter seq: the points of
// periods ending then or before.
func asAt(m *series.Metric, seq int) *series.Metric {
	n := sort.Search(len(m.Points), func(i int) bool { return m.Points[i].Period.Seq() > seq })
	return &series.Metric{ID: m.ID, Label: m.Label, Definition: m.Definition, Unit: m.Unit, Points: m.Points[:n], Pos: m.Pos}
}

// Each splits the methods into one Methods per projection they make, in
// the order Project makes them.
func (ms Methods) Each() []Methods {
	var out []Methods
	base := ms
	base.Annualize, base.Growth, base.Scenarios, base.Trailing, base.Trend = nil, nil, nil, false, false
	for _, a := range ms.Annualize {
		one := base
		one.Annualize = []Spec{a}
		out = append(out, one)
	}
	if ms.Trailing {
		one := base
		one.Trailing = true
		out = append(out, one)
	}
	for _, g := range ms.Growth {
		one := base
		one.Growth = []Rate{g}
		out = append(out, one)
	}
	if ms.Trend {
		one := base
		one.Trend = true
		out = append(out, one)
	}
	for _, s := range ms.Scenarios {
		one := base
		one.Scenarios = []NamedRate{s}
		out = append(out, one)
	}
	return out
}

// name is the method of a Methods that makes one projection, as its
// projection names it.
func (ms Methods) name() string {
	switch {
	case len(ms.Annualize) > 0:
		name := "annualize " + ms.Annualize[0].Label()
		if ms.ByDays {
			name += " by days"
		}
		return name
	case ms.Trailing:
		return "trailing"
	case len(ms.Growth) > 0:
		return "growth " + ms.Growth[0].Text
	case ms.Trend:
		window := ms.Window
		if window == 0 {
			window = 8
		}
		return fmt.Sprintf("trend %dq", window)
	case len(ms.Scenarios) > 0:
		return "scenario " + ms.Scenarios[0].Name + " " + ms.Scenarios[0].Rate.Text
	}
	return ""
}

// Summary is what a method's backtests of one series say. Errors are
// relative: (projected − actual) / actual, exact until printed.
type Summary struct {
	Method string
	N      int // backtests with a relative error (an actual of zero has none)
	// MAPE is the mean absolute relative error, Median the median of the
	// absolute errors, Bias the mean signed error (below zero: the method
	// tends to undershoot).
	MAPE, Median, Bias Ratio
	// Min and Max are the signed errors' range.
	Min, Max Ratio
	// Worst is the backtest of the largest absolute error.
	Worst *Backtest
	// Within5 and Within10 are the shares of backtests within ±5% and
	// ±10% of the actual.
	Within5, Within10 Ratio
}

// Summarize groups backtests by method, in the order the methods first
// appear, and summarizes each group. A method whose backtests all lack a
// relative error has N zero and no figures.
func Summarize(bts []*Backtest) []Summary {
	var order []string
	groups := map[string][]*Backtest{}
	for _, bt := range bts {
		if _, ok := groups[bt.Method]; !ok {
			order = append(order, bt.Method)
		}
		groups[bt.Method] = append(groups[bt.Method], bt)
	}
	out := make([]Summary, 0, len(order))
	for _, method := range order {
		out = append(out, summarize(method, groups[method]))
	}
	return out
}

var (
	fivePct = NewRatio(decimal.NewFromInt(5), decimal.NewFromInt(100))
	tenPct  = NewRatio(decimal.NewFromInt(10), decimal.NewFromInt(100))
)

func summarize(method string, bts []*Backtest) Summary {
	s := Summary{Method: method}
	var abs []Ratio
	sum, sumAbs := RatioOf(decimal.Zero), RatioOf(decimal.Zero)
	within5, within10 := 0, 0
	for _, bt := range bts {
		if !bt.Relative.OK() {
			continue
		}
		r := bt.Relative.Ratio()
		a := r.Abs()
		if s.N == 0 || r.Cmp(s.Min) < 0 {
			s.Min = r
		}
		if s.N == 0 || r.Cmp(s.Max) > 0 {
			s.Max = r
		}
		if s.Worst == nil || a.Cmp(s.Worst.Relative.Ratio().Abs()) > 0 {
			s.Worst = bt
		}
		if a.Cmp(fivePct) <= 0 {
			within5++
		}
		if a.Cmp(tenPct) <= 0 {
			within10++
		}
		sum, sumAbs = sum.Add(r), sumAbs.Add(a)
		abs = append(abs, a)
		s.N++
	}
	if s.N == 0 {
		return s
	}
	n := decimal.NewFromInt(int64(s.N))
	s.MAPE, s.Bias = sumAbs.DivBy(n), sum.DivBy(n)
	s.Within5 = NewRatio(decimal.NewFromInt(int64(within5)), n)
	s.Within10 = NewRatio(decimal.NewFromInt(int64(within10)), n)
	sort.Slice(abs, func(i, j int) bool { return abs[i].Cmp(abs[j]) < 0 })
	if s.N%2 == 1 {
		s.Median = abs[s.N/2]
	} else {
		s.Median = abs[s.N/2-1].Add(abs[s.N/2]).DivBy(decimal.NewFromInt(2))
	}
	return s
}
