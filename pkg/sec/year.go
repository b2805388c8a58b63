package sec

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/series"
)

// target is what a quarter of a fiscal year is to be: a printed figure,
// or a figure derived from the figures of one vintage.
type target struct {
	value decimal.Decimal
	terms []series.Term // the derivation, for a derived quarter
	in    *vintage      // the vintage it is derived in
}

// yearResult is what one concept gives for one fiscal year.
type yearResult struct {
	points []Point
	warns  []string
	gaps   []int // quarters not determined
}

// solve chooses the points to write for one concept and fiscal year from
// its facts fs (see the package doc):
//
//  1. a quarter filed as a quarter is that figure, never a derived one: its
//     latest filed value (as reported, its first);
//  2. any other quarter is derived from the figures of one vintage: the
//     latest that determines it (as reported, the first);
//  3. the figures that derivation uses are written when they agree with
//     everything written before; otherwise the derived quarter is
//     written as a figure of its own, with its derivation in its note;
//  4. every other year-to-date or annual figure is written when it agrees
//     with what is written and gives no quarter that step 2 did not;
//     otherwise it is left out, and its difference is reported as one
//     that no quarter is given.
//
// Figures are taken shortest first, so that a disagreement is reported
// on the total (the 9-month or annual figure), not on a quarter.
func (im *Import) solve(concept string, fy int, fs []filed, asReported bool) yearResult {
	fs = append([]filed(nil), fs...)
	sort.SliceStable(fs, func(i, j int) bool { return filedBefore(fs[i].fact, fs[j].fact) })
	history := map[span][]Fact{}
	for _, f := range fs {
		history[f.span] = append(history[f.span], f.fact)
	}
	vers := map[span][]version{}
	var spans []span
	for s, h := range history {
		vers[s] = versionsOf(h, asReported)
		spans = append(spans, s)
	}
	sortSpans(spans)
	pref := func(s span) version {
		vs := vers[s]
		if asReported {
			return vs[0]
		}
		return vs[len(vs)-1]
	}
	vs := vintages(fs)

	var res yearResult
	warn := func(format string, args ...any) {
		res.warns = append(res.warns, concept+" "+fmt.Sprintf(format, args...))
	}
	w := figures{}
	targets := map[int]*target{}
	for q := 4 * fy; q < 4*fy+4; q++ {
		s := span{q, q}
		if _, ok := vers[s]; ok {
			targets[q] = &target{value: pref(s).kept.Value}
			w[s] = pref(s).kept
			continue
		}
		for k := range vs {
			i := len(vs) - 1 - k
			if asReported {
				i = k
			}
			if v, ok := vs[i].l.Span(q, q); ok {
				targets[q] = &target{value: v, terms: vs[i].l.Explain(q, q), in: &vs[i]}
				break
			}
		}
	}
	// holds reports whether the ledger of fs agrees with itself and gives
	// no quarter but its target.
	holds := func(fs figures) bool {
		l, conflicts := fs.ledger()
		if len(conflicts) > 0 {
			return false
		}
		for q := 4 * fy; q < 4*fy+4; q++ {
			if v, ok := l.Span(q, q); ok && (targets[q] == nil || !targets[q].value.Equal(v)) {
				return false
			}
		}
		return true
	}

	usedBy := map[span][]int{} // the derived quarters each figure written serves
	explicit := map[span]*target{}
	for q := 4 * fy; q < 4*fy+4; q++ {
		t := targets[q]
		if t == nil || t.in == nil {
			continue
		}
		l, _ := w.ledger()
		if _, given := l.Span(q, q); given {
			continue // by the figures written for another quarter
		}
		try := w.clone()
		fits := true
		for _, term := range t.terms {
			s := spanOf(term.Point)
			f := t.in.set[s]
			if x, ok := try[s]; ok {
				fits = fits && x.Value.Equal(f.Value)
				continue
			}
			try[s] = f
		}
		if fits && holds(try) {
			w = try
			for _, term := range t.terms {
				s := spanOf(term.Point)
				usedBy[s] = append(usedBy[s], q)
			}
			continue
		}
		s := span{q, q}
		try = w.clone()
		try[s] = Fact{Concept: concept, Unit: fs[0].fact.Unit, Start: im.Calendar.SpanStart(q), End: im.Calendar.SpanEnd(q), Value: t.value}
		if holds(try) {
			w = try
			explicit[s] = t
			warn("%s = %s = %s, derived from the figures as of %s; written as a figure of its own, since those figures disagree with the others kept",
				im.describe(s), im.formula(t.terms), im.money(t.value), t.in.at.Source())
			continue
		}
		delete(targets, q)
		warn("%s = %s = %s, derived from the figures as of %s, cannot be written with the figures kept; left out",
			im.describe(s), im.formula(t.terms), im.money(t.value), t.in.at.Source())
	}

	byLength := append([]span(nil), spans...)
	sort.SliceStable(byLength, func(i, j int) bool { return byLength[i].months() < byLength[j].months() })
	for _, s := range byLength {
		if _, ok := w[s]; ok {
			continue
		}
		try := w.clone()
		try[s] = pref(s).kept
		if holds(try) {
			w = try
		}
	}

	// What was kept, and why, for each span filed.
	final, _ := w.ledger()
	notes := map[span]string{}
	for _, s := range spans {
		all, p := vers[s], pref(s)
		kept, ok := w[s]
		switch {
		case !ok:
			v, known := final.Span(s.first, s.last)
			what := fmt.Sprintf("%s in %s", im.money(p.kept.Value), p.kept.Source())
			if len(all) > 1 {
				what += " (restated: " + im.history(all) + ")"
			}
			if known {
				terms := final.Explain(s.first, s.last)
				warn("%s: %s differs from %s = %s by %s: an unallocated difference, given to no quarter; left out",
					im.describe(s), what, im.formula(terms), im.money(v), im.signed(p.kept.Value.Sub(v)))
			} else {
				warn("%s: %s is left out: with the figures kept it would give a quarter that no one vintage of the filings gives",
					im.describe(s), what)
			}
		case len(all) > 1 && sameFigure(kept.Value, p.kept.Value):
			keep := "the latest filed is kept (as reported, the first)"
			if asReported {
				keep = "the first filed is kept (as reported)"
			}
			notes[s] = "restated: " + im.history(all) + "; " + keep
			warn("%s: %s", im.describe(s), notes[s])
		case len(all) > 1:
			which := "latest"
			if asReported {
				which = "first"
			}
			var qs []string
			var terms []series.Term
			var at Fact
			for _, q := range usedBy[s] {
				qs = append(qs, im.describe(span{q, q}))
				terms, at = targets[q].terms, targets[q].in.at
			}
			notes[s] = fmt.Sprintf("restated: %s; no filing gives %s with the %s figure, so %s derived from the figures as of %s (%s), "+
				"and the restatement, %s in %s %s, is an unallocated difference of %s, given to no quarter",
				im.history(all), strings.Join(qs, ", "), which, plural(len(qs), "it is", "they are"), at.Source(), im.formula(terms),
				im.signed(p.kept.Value.Sub(kept.Value)), p.first.Form, p.first.Accn, im.describe(s))
			warn("%s: %s", im.describe(s), notes[s])
		}
		for _, v := range all {
			if !ok || !sameFigure(v.kept.Value, kept.Value) {
				continue
			}
			for _, f := range v.rounded() {
				notes[s] = joinNote(notes[s], fmt.Sprintf("also filed rounded: %s in %s", im.money(f.Value), f.Source()))
			}
		}
	}

	for _, s := range w.spans() {
		p := Point{Seq: s.last, Months: s.months(), Fact: w[s], Note: notes[s]}
		if t := explicit[s]; t != nil {
			for _, term := range t.terms {
				p.From = append(p.From, t.in.set[spanOf(term.Point)])
			}
			p.Note = fmt.Sprintf("derived: %s, from the figures as of %s", im.formula(t.terms), t.in.at.Source())
		}
		res.points = append(res.points, p)
	}
	for q := 4 * fy; q < 4*fy+4; q++ {
		if _, ok := final.Span(q, q); !ok {
			res.gaps = append(res.gaps, q)
		}
	}
	return res
}

func (fs figures) clone() figures {
	out := make(figures, len(fs)+1)
	for s, f := range fs {
		out[s] = f
	}
	return out
}

// describe names a span's figure: 2024Q2, 6M 2024, FY2024.
func (im *Import) describe(s span) string {
	return figurePoint(s, decimal.Decimal{}).Describe(im.Calendar)
}

// signed writes a difference with its sign: +55, −10.
func (im *Import) signed(d decimal.Decimal) string {
	if d.Sign() < 0 {
		return "−" + im.money(d.Neg())
	}
	return "+" + im.money(d)
}

// formula writes a derivation: FY2024 82,999 − 9M 2024 55,165.
func (im *Import) formula(terms []series.Term) string {
	return series.Formula(terms, im.Calendar, amount.One, im.Unit)
}
