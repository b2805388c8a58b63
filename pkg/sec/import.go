package sec

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// DefaultConcepts are the capex concepts tried, in order, for each fiscal
// year.
var DefaultConcepts = []string{
	"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment",
	"us-gaap:PaymentsToAcquireProductiveAssets",
	"us-gaap:PaymentsToAcquirePropertyPlantAndEquipmentAndIntangibleAssets",
	// IFRS filers (20-F, 40-F) tag their capex so.
	"ifrs-full:PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities",
}

// Options say what to import.
type Options struct {
	Concepts   []string         // tried in order for each fiscal year; default DefaultConcepts
	Unit       string           // the XBRL unit; default USD
	AsReported bool             // take the first filed value of a period, not the latest
	Calendar   *period.Calendar // the fiscal calendar; nil infers it from the annual facts
	Out        amount.Unit      // the unit of the values written
}

// Import is a company's capex series read from a document.
type Import struct {
	CIK      int64
	Name     string
	Currency string
	Calendar period.Calendar
	Label    string // the concept label of the latest fiscal year
	// Definition says what the series is: capex, as tagged, or else what
	// the document says of the concepts imported.
	Definition string
	Unit       amount.Unit
	Points     []Point
	// Concepts says which concept each run of fiscal years uses, in
	// order: "us-gaap:PaymentsToAcquireProductiveAssets FY2009–FY2014".
	Concepts []string
	Warnings []Warning
}

// Warning is something worth knowing about an import, and what to do
// about it when something can be done.
type Warning struct {
	Msg  string
	Hint string // what to do, or ""
	// Param names the parameter the hint is about ("fiscal-year-end"), for
	// a caller to phrase as it names parameters; "" when none.
	Param string
}

func (w Warning) String() string { return w.Msg }

// Point is one fact kept, as a series point.
type Point struct {
	Seq    int   // the fiscal quarter it ends at
	Months uint8 // 3 for a quarter; 6, 9 or 12 for year to date
	// Fact is the fact; for a quarter derived from the figures of one
	// vintage and written as a figure of its own, its value and dates.
	Fact Fact
	// From are the figures such a derived quarter comes from; nil for a
	// fact.
	From []Fact
	Note string
}

// Source is where the point was filed: its fact's source, or the sources
// of the figures a derived quarter comes from, joined with " | ".
func (p Point) Source() string {
	if p.From == nil {
		return p.Fact.Source()
	}
	var out []string
	for _, f := range p.From {
		if s := f.Source(); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, " | ")
}

// Remark is the point's note for a series file: its concept and dates,
// then what else is known of it (a restatement, a derivation).
func (p Point) Remark() string {
	if p.Note == "" {
		return p.Fact.Concept + " " + p.Fact.Period()
	}
	return p.Fact.Concept + " " + p.Fact.Period() + "; " + p.Note
}

// Filed is when the point was filed: its fact's filing date, or the
// latest of the figures a derived quarter comes from.
func (p Point) Filed() time.Time {
	latest := p.Fact.Filed
	for _, f := range p.From {
		if f.Filed.After(latest) {
			latest = f.Filed
		}
	}
	return latest
}

// Label is the point's period for a series file: FY2024Q2 (with months),
// FY2024 for a year.
func (p Point) Label(cal period.Calendar) string {
	if p.Months == 12 {
		return period.FY(p.Seq / 4).String()
	}
	if cal.IsCalendarYear() {
		return period.FromSeq(p.Seq).String()
	}
	return "FY" + period.FromSeq(p.Seq).String()
}

// series is the point for a Ledger.
func (p Point) series() series.Point {
	b := series.YTD
	if p.Months == 3 {
		b = series.Quarterly
	}
	return series.Point{Period: period.FromSeq(p.Seq), Basis: b, Months: p.Months, Value: amount.ExactOf(p.Fact.Value)}
}

// tolerance is how many days a fact's start or end may be from the
// fiscal quarter boundary it is taken to be.
const tolerance = 3

// Run imports the capex series of d.
func Run(d *Document, opts Options) (*Import, error) {
	if len(opts.Concepts) == 0 {
		opts.Concepts = DefaultConcepts
	}
	if opts.Unit == "" {
		opts.Unit = "USD"
	}
	im := &Import{CIK: d.CIK, Name: d.EntityName, Currency: opts.Unit, Unit: opts.Out}
	byConcept := map[string][]Fact{}
	labels, descriptions := map[string]string{}, map[string]string{}
	var all []Fact
	for _, c := range opts.Concepts {
		label, facts, units, ok, err := d.Concept(c, opts.Unit)
		if err != nil {
			return nil, err
		}
		if ok && len(facts) == 0 && len(units) > 0 {
			im.warn("%s has no facts in %s (only %s)", c, opts.Unit, strings.Join(units, ", "))
		}
		byConcept[c], labels[c] = facts, label
		descriptions[c] = d.Description(c)
		all = append(all, facts...)
	}
	if len(all) == 0 {
		return nil, &NoFactsError{Concepts: opts.Concepts, Unit: opts.Unit, Held: d.CapexLike()}
	}
	if opts.Calendar != nil {
		im.Calendar = *opts.Calendar
	} else {
		inf, err := inferCalendar(all)
		if err != nil {
			return nil, err
		}
		im.Calendar = inf.cal
		if len(inf.tied) > 1 {
			im.Warnings = append(im.Warnings, inf.warning())
		}
	}

	// Each concept's facts by fiscal year, with the spans they cover.
	type years map[int][]filed // fiscal year → facts
	kept := map[string]years{}
	var ttm, odd int
	for _, c := range opts.Concepts {
		kept[c] = years{}
		for _, f := range byConcept[c] {
			first, last, ok := quartersOf(im.Calendar, f)
			if !ok {
				odd++
				continue
			}
			n := last - first + 1
			if n > 1 && first%4 != 0 || n > 4 {
				if n == 4 {
					ttm++
				} else {
					odd++
				}
				continue
			}
			fy := last / 4
			kept[c][fy] = append(kept[c][fy], filed{span{first, last}, f})
		}
	}
	if ttm > 0 {
		im.warn("left out %d trailing-twelve-month %s (twelve months not starting a fiscal year)", ttm, plural(ttm, "fact", "facts"))
	}
	if odd > 0 {
		im.warn("left out %d %s whose dates are not fiscal quarters, year-to-date spans or years of a fiscal year ending %s",
			odd, plural(odd, "fact", "facts"), im.Calendar)
	}

	// For each fiscal year, the first concept that gives all four
	// quarters, else the one that gives the most.
	fys := map[int]bool{}
	for _, ys := range kept {
		for fy := range ys {
			fys[fy] = true
		}
	}
	if len(fys) == 0 {
		return nil, fmt.Errorf("none of the %d facts is a quarter, year to date or year of a fiscal year ending %s", len(all), im.Calendar)
	}
	var order []int
	for fy := range fys {
		order = append(order, fy)
	}
	sort.Ints(order)
	// Quarters that end after the latest fact have not been reported yet;
	// they are not missing.
	var latest time.Time
	for _, f := range all {
		if f.End.After(latest) {
			latest = f.End
		}
	}
	var missing []int
	var runs []conceptRun
	for _, fy := range order {
		best, bestYear := "", yearResult{}
		for _, c := range opts.Concepts {
			fs := kept[c][fy]
			if len(fs) == 0 {
				continue
			}
			y := im.solve(c, fy, fs, opts.AsReported)
			if best == "" || len(y.gaps) < len(bestYear.gaps) {
				best, bestYear = c, y
			}
			if len(y.gaps) == 0 {
				break
			}
		}
		im.Points = append(im.Points, bestYear.points...)
		for _, w := range bestYear.warns {
			im.warn("%s", w)
		}
		for _, q := range bestYear.gaps {
			if !im.Calendar.SpanEnd(q).After(latest) {
				missing = append(missing, q)
			}
		}
		if len(runs) > 0 && runs[len(runs)-1].concept == best && runs[len(runs)-1].last == fy-1 {
			runs[len(runs)-1].last = fy
		} else {
			runs = append(runs, conceptRun{best, fy, fy})
		}
	}
	for _, r := range runs {
		im.Concepts = append(im.Concepts, r.String())
	}
	im.Label = labels[runs[len(runs)-1].concept]
	im.Definition = definition(runs, labels, descriptions)
	if len(runs) > 1 {
		im.warn("the capex concept changes: %s", strings.Join(im.Concepts, "; "))
	}
	if len(missing) > 0 {
		im.warn("%d %s cannot be derived from the facts and %s left out: %s", len(missing), plural(len(missing), "quarter", "quarters"),
			plural(len(missing), "is", "are"), im.runs(missing))
	}
	sort.SliceStable(im.Points, func(i, j int) bool {
		a, b := im.Points[i], im.Points[j]
		if a.Seq != b.Seq {
			return a.Seq < b.Seq
		}
		return a.Months < b.Months
	})
	return im, nil
}

// NoFactsError says a document has none of the concepts asked for.
type NoFactsError struct {
	Concepts []string
	Unit     string
	Held     []string // the capex-like concepts the document has, with their units
}

func (e *NoFactsError) Error() string {
	msg := fmt.Sprintf("no %s facts for %s", e.Unit, strings.Join(e.Concepts, ", "))
	switch n := len(e.Held); {
	case n == 0:
		msg += "; the document has no concept like capex (a flow named for property, plant and equipment, productive assets or capital expenditure)"
	case n <= maxHeld:
		msg += "; of concepts like capex, the document has " + strings.Join(e.Held, ", ")
	default:
		msg += fmt.Sprintf("; of concepts like capex, the document has %s and %d more", strings.Join(e.Held[:maxHeld], ", "), n-maxHeld)
	}
	return msg
}

// maxHeld is how many capex-like concepts an error names.
const maxHeld = 12

// definition says what a series of the concepts in runs is: capex, when
// they are all capex concepts (DefaultConcepts); else each concept's label
// and description, as the document gives them (a series of
// FinanceLeasePrincipalPayments is not capex).
func definition(runs []conceptRun, labels, descriptions map[string]string) string {
	var names []string
	capex := true
	for _, r := range runs {
		names = append(names, r.String())
		capex = capex && slices.Contains(DefaultConcepts, r.concept)
	}
	if capex {
		return "Cash paid for capital expenditure as tagged in SEC XBRL filings: " + strings.Join(names, "; ") +
			" (companyfacts; values as filed, outflows positive)"
	}
	var about []string
	for _, r := range runs {
		c := r.concept
		text := labels[c]
		if text == "" {
			text = c
		}
		if d := descriptions[c]; d != "" {
			text += ": " + d
		}
		if !strings.HasSuffix(text, ".") {
			text += "."
		}
		if !slices.Contains(about, text) {
			about = append(about, text)
		}
	}
	return strings.Join(about, " ") + " As tagged in SEC XBRL filings: " + strings.Join(names, "; ") + " (companyfacts; values as filed)"
}

// conceptRun is a concept used for fiscal years first..last.
type conceptRun struct {
	concept     string
	first, last int
}

func (r conceptRun) String() string {
	if r.first == r.last {
		return fmt.Sprintf("%s FY%d", r.concept, r.first)
	}
	return fmt.Sprintf("%s FY%d–FY%d", r.concept, r.first, r.last)
}

func (im *Import) warn(format string, args ...any) {
	im.Warnings = append(im.Warnings, Warning{Msg: fmt.Sprintf(format, args...)})
}

// quartersOf maps a fact's dates to fiscal quarters first..last of cal,
// allowing each boundary to be off by up to tolerance days.
func quartersOf(cal period.Calendar, f Fact) (first, last int, ok bool) {
	last = near(cal.QuarterOf(f.End), f.End, cal.SpanEnd)
	first = near(cal.QuarterOf(f.Start), f.Start, cal.SpanStart)
	if last < 0 || first < 0 || first > last {
		return 0, 0, false
	}
	return first, last, true
}

// near returns the quarter among seq−1, seq and seq+1 whose boundary (as
// edge gives it) is within tolerance days of t, or −1.
func near(seq int, t time.Time, edge func(int) time.Time) int {
	for _, s := range []int{seq, seq - 1, seq + 1} {
		d := edge(s).Sub(t)
		if d < 0 {
			d = -d
		}
		if d <= tolerance*24*time.Hour {
			return s
		}
	}
	return -1
}

// history writes the figures a period was filed as: "2,000 in 10-Q …
// filed 2023-02-03, then 2,100 in 10-K … filed 2023-11-03".
func (im *Import) history(vs []version) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprintf("%s in %s", im.money(v.first.Value), v.first.Source())
	}
	return strings.Join(parts, ", then ")
}

// money writes a value of the document in the import's unit, grouped.
func (im *Import) money(d decimal.Decimal) string {
	return amount.Group(amount.Convert(d, amount.One, im.Unit))
}

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

func seriesPoints(ps []Point) []series.Point {
	out := make([]series.Point, len(ps))
	for i, p := range ps {
		out[i] = p.series()
	}
	return out
}

// runs writes quarter sequence numbers as labels, runs of three or more
// joined: FY2007Q1..FY2008Q4, FY2009Q2.
func (im *Import) runs(seqs []int) string {
	var parts []string
	label := func(s int) string { return im.Calendar.Label(period.FromSeq(s)) }
	for i := 0; i < len(seqs); {
		j := i
		for j+1 < len(seqs) && seqs[j+1] == seqs[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, label(seqs[i])+".."+label(seqs[j]))
		case j == i+1:
			parts = append(parts, label(seqs[i]), label(seqs[j]))
		default:
			parts = append(parts, label(seqs[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
