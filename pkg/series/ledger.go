package series

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
)

// A Ledger holds a metric's points as facts about running totals and
// answers which spans of quarters are known, and from which points.
//
// Let R(n) be the running total of the metric through quarter n (any
// origin). A point covering quarters a..b says R(b) − R(a−1) = value. A
// quarter q is known exactly when R(q) − R(q−1) follows from the points;
// more generally a span a..b is known when R(b) − R(a−1) does. The facts
// are kept in a union-find over the R nodes in which every node stores its
// offset from its parent (a weighted union-find), so that
//
//	Q2 = 6M − 3M,  Q4 = FY − 9M,  Q4 = TTM(Q4) − Q1 − Q2 − Q3
//
// and every other consequence of the points is found without special
// cases, and two points that imply different values for the same span are
// caught when the second is added. All sums are exact.
type Ledger struct {
	points []Point
	// quarters, for a metric of discrete quarters only (the common case,
	// and every row of a bulk file), maps each quarter to its point (−1:
	// none); such a ledger needs no union-find, and has nothing to
	// reconcile.
	quarters []int32
	origin   int               // quarter sequence number of node 0
	parent   []int32           // union-find parent of each node
	offset   []decimal.Decimal // R(node) − R(parent)
	adj      [][]link          // every point that agrees, as links, for explanations
	path     []int32           // scratch for find
}

// link is a point used as an edge: R(to) − R(from) = sign × value.
type link struct {
	to    int32
	point int32
	sign  int8
}

// Term is one point in a derivation, added (Sign +1) or subtracted (−1).
type Term struct {
	Point Point
	Sign  int
}

// Conflict is a point that disagrees with what earlier points imply.
type Conflict struct {
	Point   Point
	Implied decimal.Decimal
	From    []Term
}

// NewLedger builds the ledger of a metric's points. Points are taken in a
// fixed order (quarters, then year-to-date figures by length, then
// trailing figures), so a conflict is always reported on the later of the
// disagreeing kinds: a full-year figure that contradicts its quarters, not
// the reverse. Points with the same period and basis as an earlier one
// must have been removed.
func NewLedger(points []Point) (*Ledger, []Conflict) {
	l := &Ledger{points: points}
	if len(points) == 0 {
		return l, nil
	}
	lo, hi := points[0].Period.Seq(), points[0].Period.Seq()
	for _, p := range points {
		first, last := p.Span()
		lo = min(lo, first)
		hi = max(hi, last)
	}
	l.origin = lo - 1
	n := hi - l.origin + 1
	if quarterOnly(points) {
		l.quarters = make([]int32, n)
		for i := range l.quarters {
			l.quarters[i] = -1
		}
		for i, p := range points {
			l.quarters[p.Period.Seq()-l.origin] = int32(i)
		}
		return l, nil
	}
	l.parent = make([]int32, n)
	for i := range l.parent {
		l.parent[i] = int32(i)
	}
	l.offset = make([]decimal.Decimal, n)
	l.adj = make([][]link, n)

	order := make([]int, len(points))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := points[order[i]], points[order[j]]
		if a.Basis != b.Basis {
			return a.Basis < b.Basis
		}
		if a.Months != b.Months {
			return a.Months < b.Months
		}
		return a.Period.Seq() < b.Period.Seq()
	})
	var conflicts []Conflict
	for _, i := range order {
		p := points[i]
		first, last := p.Span()
		a, b := int32(first-1-l.origin), int32(last-l.origin)
		ra, oa := l.find(a)
		rb, ob := l.find(b)
		if ra == rb {
			if implied := ob.Sub(oa); !implied.Equal(p.Value.Decimal()) {
				conflicts = append(conflicts, Conflict{Point: p, Implied: implied, From: l.explain(a, b)})
				continue
			}
		} else {
			// Hang b's tree under a's: R(rb) − R(ra) = oa + value − ob.
			l.parent[rb] = ra
			l.offset[rb] = oa.Add(p.Value.Decimal()).Sub(ob)
		}
		// Every point that agrees is a link, so that explanations can use
		// the shortest derivation, not only the links that joined trees.
		l.adj[a] = append(l.adj[a], link{to: b, point: int32(i), sign: 1})
		l.adj[b] = append(l.adj[b], link{to: a, point: int32(i), sign: -1})
	}
	return l, conflicts
}

func quarterOnly(points []Point) bool {
	for _, p := range points {
		if p.Basis != Quarterly {
			return false
		}
	}
	return true
}

// Quarter returns the point printed for quarter seq, in a ledger of
// discrete quarters only; ok is false otherwise, or when there is none.
func (l *Ledger) Quarter(seq int) (p *Point, ok bool) {
	if l.quarters == nil {
		return nil, false
	}
	n := seq - l.origin
	if n < 0 || n >= len(l.quarters) || l.quarters[n] < 0 {
		return nil, false
	}
	return &l.points[l.quarters[n]], true
}

// QuarterOnly reports whether every point is a discrete quarter.
func (l *Ledger) QuarterOnly() bool { return l.quarters != nil || len(l.points) == 0 }

// find returns x's root and R(x) − R(root), compressing the path.
func (l *Ledger) find(x int32) (int32, decimal.Decimal) {
	path := l.path[:0]
	for l.parent[x] != x {
		path = append(path, x)
		x = l.parent[x]
	}
	root := x
	// Walk from the node nearest the root outwards; each parent's offset is
	// already relative to the root when its child is visited.
	for i := len(path) - 2; i >= 0; i-- {
		n := path[i]
		l.offset[n] = l.offset[n].Add(l.offset[l.parent[n]])
		l.parent[n] = root
	}
	if len(path) > 0 {
		l.parent[path[len(path)-1]] = root
	}
	l.path = path
	if len(path) == 0 {
		return root, decimal.Decimal{}
	}
	return root, l.offset[path[0]]
}

// Bounds returns the first and last quarter (sequence numbers) that any
// point covers; ok is false for a ledger without points.
func (l *Ledger) Bounds() (first, last int, ok bool) {
	n := max(len(l.parent), len(l.quarters))
	if n == 0 {
		return 0, 0, false
	}
	return l.origin + 1, l.origin + n - 1, true
}

// node returns the node of the running total through quarter seq.
func (l *Ledger) node(seq int) (int32, bool) {
	n := seq - l.origin
	if n < 0 || n >= max(len(l.parent), len(l.quarters)) {
		return 0, false
	}
	return int32(n), true
}

// Span returns the total of quarters first..last (sequence numbers) when
// the points determine it.
func (l *Ledger) Span(first, last int) (decimal.Decimal, bool) {
	a, ok1 := l.node(first - 1)
	b, ok2 := l.node(last)
	if !ok1 || !ok2 || first > last {
		return decimal.Decimal{}, false
	}
	if l.quarters != nil {
		var sum decimal.Decimal
		for s := first; s <= last; s++ {
			p, ok := l.Quarter(s)
			if !ok {
				return decimal.Decimal{}, false
			}
			sum = sum.Add(p.Value.Decimal())
		}
		return sum, true
	}
	ra, oa := l.find(a)
	rb, ob := l.find(b)
	if ra != rb {
		return decimal.Decimal{}, false
	}
	return ob.Sub(oa), true
}

// Explain returns the points that determine the total of quarters
// first..last, with their signs; nil when it is not determined.
func (l *Ledger) Explain(first, last int) []Term {
	if _, ok := l.Span(first, last); !ok {
		return nil
	}
	if l.quarters != nil {
		terms := make([]Term, 0, last-first+1)
		for s := first; s <= last; s++ {
			p, _ := l.Quarter(s)
			terms = append(terms, Term{Point: *p, Sign: 1})
		}
		return terms
	}
	a, _ := l.node(first - 1)
	b, _ := l.node(last)
	return l.explain(a, b)
}

// explain finds a shortest path of links from node a to node b: the
// derivation that uses the fewest points (a printed figure for the span
// itself when there is one; else Q4 = FY − 9M rather than FY − Q1 − Q2 −
// Q3). The points agree, so every path gives the same total.
func (l *Ledger) explain(a, b int32) []Term {
	type step struct {
		from int32
		via  link
	}
	prev := map[int32]step{a: {from: -1}}
	queue := []int32{a}
	for len(queue) > 0 && queue[0] != b {
		n := queue[0]
		queue = queue[1:]
		for _, e := range l.adj[n] {
			if _, seen := prev[e.to]; !seen {
				prev[e.to] = step{from: n, via: e}
				queue = append(queue, e.to)
			}
		}
	}
	var terms []Term
	for n := b; n != a; {
		s, ok := prev[n]
		if !ok {
			return nil
		}
		terms = append(terms, Term{Point: l.points[s.via.point], Sign: int(s.via.sign)})
		n = s.from
	}
	// Added terms first, each group in period order, reads most naturally:
	// FY2024 − 9M 2024.
	sort.SliceStable(terms, func(i, j int) bool {
		if terms[i].Sign != terms[j].Sign {
			return terms[i].Sign > terms[j].Sign
		}
		return terms[i].Point.Period.Seq() < terms[j].Point.Period.Seq()
	})
	return terms
}

// Formula writes terms as "FY2024 82,999 − 9M 2024 55,165", restating
// values given in unit from in unit to (exactly).
func Formula(terms []Term, cal period.Calendar, from, to amount.Unit) string {
	return FormulaIn(terms, cal, func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, from, to)) })
}

// FormulaIn writes terms as Formula does, with amounts formatted by in.
func FormulaIn(terms []Term, cal period.Calendar, in func(decimal.Decimal) string) string {
	var b strings.Builder
	for i, t := range terms {
		switch {
		case i > 0 && t.Sign < 0:
			b.WriteString(" − ")
		case i > 0:
			b.WriteString(" + ")
		case t.Sign < 0:
			b.WriteString("−")
		}
		b.WriteString(t.Point.Describe(cal))
		b.WriteByte(' ')
		b.WriteString(in(t.Point.Value.Decimal()))
	}
	return b.String()
}
