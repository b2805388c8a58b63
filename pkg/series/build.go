package series

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/internal/hugepage"
	"github.com/capexdev/capex/pkg/period"
)

// PointSpec turns a period as written, an optional basis (0 when not
// given) and optional months (0 when not given) into the quarter a point
// ends at, its basis and its months:
//
//	2024Q3                → 2024Q3 quarter, 3 months
//	2024Q3 ytd            → 2024Q3 ytd, 9 months
//	2024Q3 months 9       → 2024Q3 ytd, 9 months
//	2024Q3 months 12      → 2024Q3 ttm, 12 months
//	FY2024 / 2024H1       → 2024Q4 ytd 12 / 2024Q2 ytd 6
//
// A second half, a month, or months that do not fit the basis are errors.
func PointSpec(p period.Period, basis Basis, months int) (period.Period, Basis, int, error) {
	switch p.Kind {
	case period.Year:
		if basis == Quarterly {
			return period.Period{}, 0, 0, fmt.Errorf("%s is a year, not a quarter", p)
		}
		if months != 0 && months != 12 {
			return period.Period{}, 0, 0, fmt.Errorf("%s covers 12 months, not %d", p, months)
		}
		if basis == 0 {
			basis = YTD
		}
		return period.Q(int(p.Year), 4), basis, 12, nil
	case period.Half:
		if p.N == 2 {
			return period.Period{}, 0, 0, fmt.Errorf("%s: a second half is not a basis capex reads; give its quarters or the 12-month figure", p)
		}
		if basis != 0 && basis != YTD || months != 0 && months != 6 {
			return period.Period{}, 0, 0, fmt.Errorf("%s is the first six months of the fiscal year", p)
		}
		return period.Q(int(p.Year), 2), YTD, 6, nil
	case period.Month:
		return period.Period{}, 0, 0, fmt.Errorf("%s: monthly figures are not supported; give quarters", p)
	case period.Quarter:
	default:
		return period.Period{}, 0, 0, fmt.Errorf("no period")
	}
	ytdMonths := 3 * int(p.N)
	if basis == 0 {
		switch months {
		case 0, 3:
			basis = Quarterly
		case ytdMonths:
			basis = YTD
		case 12:
			basis = TTM
		default:
			return period.Period{}, 0, 0, fmt.Errorf("%d months ending %s is neither a quarter (3), year to date (%d) nor trailing twelve months (12)", months, p, ytdMonths)
		}
		if months == 3 && p.N == 1 {
			basis = Quarterly
		}
	}
	want := 12
	switch basis {
	case Quarterly:
		want = 3
	case YTD:
		want = ytdMonths
	}
	if months != 0 && months != want {
		return period.Period{}, 0, 0, fmt.Errorf("a %s figure ending %s covers %d months, not %d", basis, p, want, months)
	}
	return p, basis, want, nil
}

// Attr names a company or metric attribute that files may declare.
type Attr uint8

// The attributes checked for agreement across files and rows.
const (
	AttrName Attr = iota
	AttrCIK
	AttrCurrency
	AttrFiscalYearEnd
	AttrLabel
	AttrDefinition
)

var attrNames = [...]string{"name", "cik", "currency", "fiscal_year_end", "label", "definition"}

// Builder assembles a Dataset from what readers find in files, checking
// that files and rows agree on each company's attributes. Values of a
// metric declared in several units are converted, exactly, to the first.
type Builder struct {
	Problems  Problems
	companies map[string]*Company
	order     []*Company
	declared  map[declKey]decl

	// arena holds the points of metrics whose rows come one after another,
	// as they do in most files, so that a million points take one
	// allocation instead of a million appends' worth.
	arena []Point
	used  int
}

type declKey struct {
	ticker, metric string
	attr           Attr
}

type decl struct {
	value string
	pos   Pos
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{companies: map[string]*Company{}, declared: map[declKey]decl{}}
}

// Company returns the company with the ticker, creating it on first use.
func (b *Builder) Company(ticker string, pos Pos) *Company {
	key := strings.ToUpper(ticker)
	c, ok := b.companies[key]
	if !ok {
		// A copy: the text read may be part of a whole file's, which it
		// would keep in memory.
		key = strings.Clone(key)
		c = &Company{Ticker: key, Pos: pos}
		b.companies[key] = c
		b.order = append(b.order, c)
	}
	b.Seen(c, pos)
	return c
}

// Seen records that company c was read at pos, so that its origin lists
// the file.
func (b *Builder) Seen(c *Company, pos Pos) {
	f := pos.File()
	if f != "" && (len(c.Origin) == 0 || c.Origin[len(c.Origin)-1] != f) && !slices.Contains(c.Origin, f) {
		c.Origin = append(c.Origin, f)
	}
}

// Metric returns the company's metric with the id, creating it in unit u
// on first use.
func (b *Builder) Metric(c *Company, id string, u amount.Unit, pos Pos) *Metric {
	if m := c.Metric(id); m != nil {
		return m
	}
	m := &Metric{ID: strings.Clone(id), Unit: u, Pos: pos}
	c.Metrics = append(c.Metrics, m)
	return m
}

// Set declares an attribute of company c (or of its metric m, when m is
// not nil). Declaring a different value than an earlier declaration is
// an error naming both places; an empty value declares nothing.
func (b *Builder) Set(c *Company, m *Metric, attr Attr, value string, pos Pos) {
	if value == "" {
		return
	}
	key := declKey{ticker: c.Ticker, attr: attr}
	what := c.Ticker
	if m != nil {
		key.metric = m.ID
		what += " " + m.ID
	}
	if d, ok := b.declared[key]; ok {
		if d.value != value {
			b.Problems.Errorf(pos, "", "%s %s %q differs from %q given at %s", what, attrNames[attr], excerpt.Of(value), excerpt.Of(d.value), d.pos)
		}
		return
	}
	value = strings.Clone(value)
	b.declared[key] = decl{value: value, pos: pos}
	if m == nil {
		c.declared |= 1 << attr
	}
	switch attr {
	case AttrName:
		c.Name = value
	case AttrCIK:
		c.CIK = value
	case AttrCurrency:
		code := strings.ToUpper(strings.TrimSpace(value))
		if !amount.IsCurrency(code) {
			b.Problems.Errorf(pos, "write the ISO 4217 code of the currency, such as USD, EUR or JPY", "currency %q: not an ISO 4217 currency code", excerpt.Of(value))
			return
		}
		c.Currency = code
	case AttrFiscalYearEnd:
		cal, err := period.ParseFiscalYearEnd(value)
		if err != nil {
			b.Problems.Errorf(pos, period.FiscalYearEndHint, "%v", err)
			return
		}
		c.Calendar = cal
	case AttrLabel:
		m.Label = value
	case AttrDefinition:
		m.Definition = value
	}
}

// Absorb adds everything o has read to b, as if b had read it after what
// it holds: o's problems, companies, attributes (which must agree) and
// points. A company or metric b does not have yet is taken over whole,
// points and all, without copying.
func (b *Builder) Absorb(o *Builder) {
	b.Problems.Merge(&o.Problems)
	for _, oc := range o.order {
		c, ok := b.companies[oc.Ticker]
		if !ok {
			b.companies[oc.Ticker] = oc
			b.order = append(b.order, oc)
			for k, d := range o.declared {
				if k.ticker == oc.Ticker {
					b.declared[k] = d
				}
			}
			continue
		}
		for _, f := range oc.Origin {
			b.Seen(c, At(f, 0))
		}
		for _, om := range oc.Metrics {
			m := c.Metric(om.ID)
			if m == nil {
				c.Metrics = append(c.Metrics, om)
				continue
			}
			for _, p := range om.Points {
				b.AddPoint(m, p, om.Unit)
			}
		}
		for k, d := range o.declared {
			if k.ticker != oc.Ticker {
				continue
			}
			var m *Metric
			if k.metric != "" {
				m = c.Metric(k.metric)
			}
			b.Set(c, m, k.attr, d.value, d.pos)
		}
	}
}

// Reserve makes room for n more points, for a reader that knows roughly
// how many it will add.
func (b *Builder) Reserve(n int) {
	if n > len(b.arena)-b.used {
		b.arena, b.used = make([]Point, n), 0
		hugepage.Advise(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b.arena))), n*int(unsafe.Sizeof(Point{}))))
	}
}

// MaxPoints is the most points a series may have (Build reports more).
const MaxPoints = 1_000_000

// AddPoint adds a point whose value is stated in unit u.
func (b *Builder) AddPoint(m *Metric, p Point, u amount.Unit) {
	p.Value = p.Value.In(u, m.Unit)
	n := len(m.Points)
	if n > MaxPoints {
		return // check reports it; no need to hold more
	}
	// A slice in the arena has no spare capacity (so that no append can
	// run into a neighbour's points): one with room is the metric's own.
	if cap(m.Points) > n {
		m.Points = append(m.Points, p)
		return
	}
	// Extend the metric in place in the arena when its points end where
	// the arena's used part ends; otherwise copy it out of the arena, to a
	// slice that grows as slices do.
	if b.used < len(b.arena) && (n == 0 || b.used > 0 && &m.Points[n-1] == &b.arena[b.used-1]) {
		m.Points = b.arena[b.used-n : b.used+1 : b.used+1]
		m.Points[n] = p
		b.used++
		return
	}
	m.Points = append(m.Points[:n:n], p)
}

// Build checks every metric and returns the dataset. Problems holds every
// error and warning found, in the order of the input. Attributes a company
// does not declare are taken from the same company in base, when base is
// not nil and has it (so a file of Microsoft figures is dated by
// Microsoft's fiscal calendar without saying so), else from the defaults:
// currency USD, fiscal year end 12-31.
func (b *Builder) Build(base *Dataset) *Dataset {
	d := &Dataset{Companies: b.order}
	for _, c := range d.Companies {
		if base != nil {
			if bc := base.Company(c.Ticker); bc != nil {
				inherit(c, bc)
			}
		}
		if c.Currency == "" {
			c.Currency = "USD"
		}
		for _, m := range c.Metrics {
			if m.Label == "" {
				m.Label = m.ID
			}
		}
	}
	// Companies are checked on every CPU when there are many; each part
	// keeps its problems, which are then added in company order, so the
	// result does not depend on the split.
	parts := 1
	if len(d.Companies) >= 1000 {
		parts = runtime.GOMAXPROCS(0)
	}
	problems := make([]Problems, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from, to := p*len(d.Companies)/parts, (p+1)*len(d.Companies)/parts
			for _, c := range d.Companies[from:to] {
				for _, m := range c.Metrics {
					check(c, m, &problems[p])
				}
			}
		}()
	}
	wg.Wait()
	for p := range problems {
		b.Problems.Merge(&problems[p])
	}
	d.sort()
	return d
}

// check sorts a metric's points, removes and reports duplicates, builds
// its ledger (reporting points that disagree), and warns when the values
// mix signs.
func check(c *Company, m *Metric, ps *Problems) {
	if len(m.Points) > MaxPoints {
		ps.Errorf(m.Points[MaxPoints].Pos, "split the series, or check that the file is what you meant", "%s %s has more than %d points", c.Ticker, m.ID, MaxPoints)
		m.Points = m.Points[:MaxPoints]
	}
	if !sorted(m.Points) {
		SortPoints(m.Points)
	}
	kept := m.Points[:0]
	for i, p := range m.Points {
		if i > 0 && len(kept) > 0 {
			q := kept[len(kept)-1]
			if q.Period == p.Period && q.Basis == p.Basis {
				if ps.Full(p.Pos.File()) {
					ps.Add(Problem{Pos: p.Pos}) // counted only
				} else {
					ps.Errorf(p.Pos, "remove one of the two figures", "duplicate %s %s %s %s figure (first at %s)",
						c.Ticker, m.ID, c.Calendar.Label(p.Period), p.Basis, q.Pos)
				}
				continue
			}
		}
		kept = append(kept, p)
	}
	m.Points = kept
	for _, p := range m.Points {
		if !p.Symbol.Fits(c.Currency) {
			ps.Errorf(p.Pos, fmt.Sprintf("write the value without a symbol, or in %s", c.Currency),
				"%s %s %s: a value written with %q in a %s series", c.Ticker, m.ID, c.Calendar.Label(p.Period), p.Symbol, c.Currency)
		}
	}
	l, conflicts := NewLedger(m.Points)
	m.ledger = l
	for _, x := range conflicts {
		ps.Errorf(x.Point.Pos, "correct the figure that differs from the filing", "%s %s %s (%s) = %s disagrees with %s = %s",
			c.Ticker, m.ID, x.Point.Describe(c.Calendar), describeBasis(x.Point), amount.Group(x.Point.Value.Decimal()),
			amount.Group(x.Implied), formulaWithLines(x.From, c.Calendar, m.Unit))
	}
	var pos, neg *Point
	for i := range m.Points {
		switch m.Points[i].Value.Sign() {
		case 1:
			if pos == nil {
				pos = &m.Points[i]
			}
		case -1:
			if neg == nil {
				neg = &m.Points[i]
			}
		}
	}
	if pos != nil && neg != nil {
		ps.Warnf(neg.Pos, "%s %s mixes positive and negative values (%s is %s, %s is %s); check the sign convention",
			c.Ticker, m.ID, c.Calendar.Label(pos.Period), amount.Group(pos.Value.Decimal()), c.Calendar.Label(neg.Period), amount.Group(neg.Value.Decimal()))
	}
}

// sorted reports whether points are already in SortPoints order, as the
// rows of most files are.
func sorted(ps []Point) bool {
	for i := 1; i < len(ps); i++ {
		if pointLess(&ps[i], &ps[i-1]) {
			return false
		}
	}
	return true
}

func describeBasis(p Point) string {
	if p.Basis == Quarterly {
		return "quarter"
	}
	return fmt.Sprintf("%s, %d months", p.Basis, p.Months)
}

// formulaWithLines is Formula with each term's position, at most eight
// terms.
func formulaWithLines(terms []Term, cal period.Calendar, u amount.Unit) string {
	const max = 8
	var parts []string
	for i, t := range terms {
		if i == max {
			parts = append(parts, fmt.Sprintf("… (%d more)", len(terms)-max))
			break
		}
		s := Formula([]Term{{Point: t.Point, Sign: 1}}, cal, u, u) + " (" + t.Point.Pos.String() + ")"
		switch {
		case i > 0 && t.Sign < 0:
			s = "− " + s
		case i > 0:
			s = "+ " + s
		case t.Sign < 0:
			s = "−" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Ledger returns the metric's ledger, building it if the metric did not
// come from a Builder.
func (m *Metric) Ledger() *Ledger {
	if m.ledger == nil {
		m.ledger, _ = NewLedger(m.Points)
	}
	return m.ledger
}

// inherit copies to c the attributes it did not declare from bc.
func inherit(c, bc *Company) {
	if !c.Declared(AttrName) {
		c.Name = bc.Name
	}
	if !c.Declared(AttrCIK) {
		c.CIK = bc.CIK
	}
	if !c.Declared(AttrCurrency) {
		c.Currency = bc.Currency
	}
	if !c.Declared(AttrFiscalYearEnd) {
		c.Calendar = bc.Calendar
	}
}

// Overlay returns base with every (company, metric) of over replacing the
// one in base. Company attributes that over declares replace base's; the
// others are kept. When over declares a different fiscal year end, base's
// metrics of that company are dropped (they are dated by the other
// calendar) and a warning says so.
func Overlay(base, over *Dataset) (*Dataset, []Problem) {
	var warnings []Problem
	out := &Dataset{}
	for _, oc := range over.Companies {
		bc := base.Company(oc.Ticker)
		if bc == nil {
			out.Companies = append(out.Companies, oc)
			continue
		}
		if oc.Declared(AttrFiscalYearEnd) && oc.Calendar != bc.Calendar {
			warnings = append(warnings, Problem{Pos: oc.Pos, Warning: true, Msg: fmt.Sprintf(
				"%s: fiscal year end %s differs from the built-in %s; the built-in %s metrics are not used",
				oc.Ticker, oc.Calendar, bc.Calendar, oc.Ticker)})
			out.Companies = append(out.Companies, oc)
			continue
		}
		c := *oc
		inherit(&c, bc)
		c.Origin = append(append([]string{}, bc.Origin...), oc.Origin...)
		// The base's metrics keep their order, each replaced by over's
		// metric of the same id; over's new metrics follow.
		c.Metrics = nil
		for _, bm := range bc.Metrics {
			if om := oc.Metric(bm.ID); om != nil {
				c.Metrics = append(c.Metrics, om)
				warnings = append(warnings, Problem{Pos: om.Pos, Warning: true, Msg: fmt.Sprintf(
					"%s %s: replaces the built-in series (%s) with %s", oc.Ticker, om.ID, pointsWord(len(bm.Points)), pointsWord(len(om.Points)))})
			} else {
				c.Metrics = append(c.Metrics, bm)
			}
		}
		for _, om := range oc.Metrics {
			if bc.Metric(om.ID) == nil {
				c.Metrics = append(c.Metrics, om)
			}
		}
		out.Companies = append(out.Companies, &c)
	}
	for _, bc := range base.Companies {
		if over.Company(bc.Ticker) == nil {
			out.Companies = append(out.Companies, bc)
		}
	}
	out.sort()
	return out, warnings
}

// pointsWord says how many figures a series has: "1 figure", "12 figures".
func pointsWord(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "figure", "figures")) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
