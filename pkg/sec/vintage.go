package sec

import (
	"sort"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// span is the fiscal quarters first..last (sequence numbers) that a fact
// covers: a quarter, or 6, 9 or 12 months from the start of a fiscal year.
type span struct{ first, last int }

func (s span) months() uint8 { return uint8(3 * (s.last - s.first + 1)) }

// overlaps reports whether s and t share a quarter: one is the other, holds
// it, or is held by it (year-to-date spans all start a fiscal year).
func (s span) overlaps(t span) bool { return s.first <= t.last && t.first <= s.last }

func spanOf(p series.Point) span {
	first, last := p.Span()
	return span{first, last}
}

// filed is one fact and the span it covers.
type filed struct {
	span span
	fact Fact
}

// figures is one value per span, as a ledger sees them.
type figures map[span]Fact

// spans lists the spans of fs in a fixed order: by end, shorter first.
func (fs figures) spans() []span {
	out := make([]span, 0, len(fs))
	for s := range fs {
		out = append(out, s)
	}
	sortSpans(out)
	return out
}

func sortSpans(ss []span) {
	sort.Slice(ss, func(i, j int) bool {
		if ss[i].last != ss[j].last {
			return ss[i].last < ss[j].last
		}
		return ss[i].first > ss[j].first
	})
}

// ledger is the series ledger of fs.
func (fs figures) ledger() (*series.Ledger, []series.Conflict) {
	ps := make([]series.Point, 0, len(fs))
	for _, s := range fs.spans() {
		ps = append(ps, figurePoint(s, fs[s].Value))
	}
	return series.NewLedger(ps)
}

// figurePoint is a value over s as a series point.
func figurePoint(s span, v decimal.Decimal) series.Point {
	b := series.YTD
	if s.first == s.last {
		b = series.Quarterly
	}
	return series.Point{Period: period.FromSeq(s.last), Basis: b, Months: s.months(), Value: amount.ExactOf(v)}
}

// A vintage is what the facts of one concept and fiscal year say after a
// filing: the filing's own figures, together with the figures of earlier
// filings that it does not contradict. A filing contradicts an earlier
// figure when it restates a span that overlaps it (the same span, one
// inside it, or one holding it): when it gives a value for a span, or its
// own figures imply one, that differs from what the earlier filings
// determine. The difference lies somewhere in the restated span, and may
// lie in the earlier figure, so that figure is no longer known to hold.
// (Alphabet's 10-K filed 2017-02-03 restated FY2014 from 10,959 to
// 11,014; the 9M 2014 figure of 7,408, filed before, was never filed
// again, so no vintage after that 10-K holds both, and 2014Q4 is 3,551
// as filed, not 11,014 − 7,408.)
type vintage struct {
	at  Fact // a fact of the filing that makes the vintage, to name it
	set figures
	l   *series.Ledger
}

// vintages returns the vintage after each filing of fs, in filing order.
// A figure filed again at a coarser precision is the same figure: the
// more precise one is kept.
func vintages(fs []filed) []vintage {
	fs = append([]filed(nil), fs...)
	sort.SliceStable(fs, func(i, j int) bool { return filedBefore(fs[i].fact, fs[j].fact) })
	var out []vintage
	cur := figures{}
	for i := 0; i < len(fs); {
		j := i
		g := figures{}
		for ; j < len(fs) && fs[j].fact.Accn == fs[i].fact.Accn; j++ {
			g[fs[j].span] = fs[j].fact
		}
		prev, _ := cur.ledger()
		own, _ := g.ledger()
		var restated []span
		next := figures{}
		for s, x := range g {
			v, known := prev.Span(s.first, s.last)
			switch {
			case !known:
				next[s] = x
			case !sameFigure(v, x.Value):
				restated = append(restated, s)
				next[s] = x
			case places(x.Value) < places(v):
				// A rounding of what is known: keep the precise figure.
				if y, ok := cur[s]; ok {
					next[s] = y
				}
			default:
				next[s] = x
			}
		}
		for s, y := range cur {
			if _, again := g[s]; again {
				continue
			}
			if v, known := own.Span(s.first, s.last); known && !sameFigure(v, y.Value) {
				restated = append(restated, s)
			}
		}
		for s, y := range cur {
			if _, again := g[s]; again || overlapsAny(s, restated) {
				continue
			}
			next[s] = y
		}
		next.settle(fs[i].fact.Accn)
		l, _ := next.ledger()
		out = append(out, vintage{at: fs[i].fact, set: next, l: l})
		cur = next
		i = j
	}
	return out
}

func filedBefore(a, b Fact) bool {
	if !a.Filed.Equal(b.Filed) {
		return a.Filed.Before(b.Filed)
	}
	return a.Accn < b.Accn
}

func overlapsAny(s span, list []span) bool {
	for _, t := range list {
		if s.overlaps(t) {
			return true
		}
	}
	return false
}

// settle removes from fs the figures that the rest contradict in ways the
// restatement check does not see (figures that disagree only together),
// until the ledger holds them all: each time the earliest filed of those
// involved that the filing accn did not file, else the total that
// disagrees.
func (fs figures) settle(accn string) {
	for {
		_, conflicts := fs.ledger()
		if len(conflicts) == 0 {
			return
		}
		x := conflicts[0]
		victim := spanOf(x.Point)
		var oldest *Fact
		for _, t := range x.From {
			s := spanOf(t.Point)
			f := fs[s]
			if f.Accn != accn && (oldest == nil || filedBefore(f, *oldest)) {
				oldest, victim = &f, s
			}
		}
		if f := fs[spanOf(x.Point)]; f.Accn != accn && (oldest == nil || filedBefore(f, *oldest)) {
			victim = spanOf(x.Point)
		}
		delete(fs, victim)
	}
}
