package view

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// ShowOptions choose what Show writes.
type ShowOptions struct {
	Tickers []string // the companies, or every company that has Metric
	Metric  string
	Columns []*calc.Column // the calculations at each quarter, in order
	Range
	// Printed lists the figures as printed (quarters, year to date,
	// trailing) instead of the quarters.
	Printed bool
	// Explain adds each calculation's formula, with its operands.
	Explain bool
	// Spark adds a sparkline of the SparkQuarters quarters ending at
	// each row.
	Spark    bool
	Calendar Calendar
	Unit     *amount.Unit // nil: each series in its own unit
	// Warn receives warnings, such as companies whose quarters of one
	// name are different stretches of time; nil drops them.
	Warn func(...series.Problem)
}

// SparkQuarters is how many quarters a sparkline covers.
const SparkQuarters = 8

// Show writes the chosen view of each company's metric to s: a block per
// company. With Range.SkipGaps off, every metric with a quarter missing
// inside its data is computed once first, so that a *calc.MissingError
// stops Show before anything is written.
func Show(s *render.Stream, d *series.Dataset, opts ShowOptions) error {
	ss, err := SelectSeries(d, opts.Tickers, opts.Metric)
	if err != nil {
		return err
	}
	if !opts.Printed && !opts.SkipGaps {
		if err := checkGaps(ss, opts); err != nil {
			return err
		}
	}
	if err := checkRows(ss, opts); err != nil {
		return err
	}
	if opts.Warn != nil && !opts.Printed && opts.Calendar == Fiscal && len(ss) > 1 {
		opts.Warn(showMix(ss, opts.Range)...)
	}
	w := newShowWriter(s, opts)
	if !opts.Printed && opts.Calendar != Prorated && s.Splits() && len(ss) >= 2*showBatch {
		return w.parallel(ss)
	}
	for _, x := range ss {
		switch {
		case opts.Printed:
			w.printed(x.Company, x.Metric)
		case opts.Calendar == Prorated:
			w.prorated(calc.NewQuarters(x.Company, x.Metric))
		default:
			w.quarters(calc.NewQuarters(x.Company, x.Metric))
		}
		if w.err != nil {
			return w.err
		}
	}
	return s.Close()
}

// checkGaps computes, for each series with a quarter missing inside its
// data, every calculation the view makes, and returns the first
// *calc.MissingError.
func checkGaps(ss []Series, opts ShowOptions) error {
	for _, x := range ss {
		if !calc.HasGaps(x.Metric) {
			continue
		}
		q := calc.NewQuarters(x.Company, x.Metric)
		for seq := q.First; seq <= q.Last; seq++ {
			if !opts.in(seq) {
				continue
			}
			for _, c := range opts.Columns {
				q.Calc(c, seq)
			}
			if opts.Spark {
				spark(q, seq)
			}
		}
		if err := q.Err(); err != nil {
			return err
		}
	}
	return nil
}

// checkRows fails with an *Error when the view would have no row: every
// series is empty, or has nothing between From and To. It stops at the
// first series with a row.
func checkRows(ss []Series, opts ShowOptions) error {
	for _, x := range ss {
		if hasRow(x, opts) {
			return nil
		}
	}
	what := "quarters"
	if opts.Printed {
		what = "figures"
	} else if longer := longerFigures(ss); longer != "" {
		// Annual figures alone (an IFRS filer's 20-Fs) give no quarter.
		return &Error{Msg: fmt.Sprintf("no quarters to show: the %s figures are all longer than a quarter (%s), and no quarter follows from them", opts.Metric, longer),
			Fix: "list the figures as printed", Param: "printed"}
	}
	if opts.From == nil && opts.To == nil {
		return &Error{Msg: fmt.Sprintf("no %s to show: the data has none of %s", what, opts.Metric)}
	}
	return &Error{Msg: fmt.Sprintf("no %s of %s %s", what, opts.Metric, opts.Range), Fix: "choose periods the data has", Param: "from"}
}

// longerFigures names the first few figures of series that have figures
// but no quarter at all: "IFRS FY2022, FY2023, FY2024"; "" when some series
// has a quarter or none has a figure.
func longerFigures(ss []Series) string {
	var names []string
	for _, x := range ss {
		if q := calc.NewQuarters(x.Company, x.Metric); q.Last >= q.First {
			return ""
		}
		for i, p := range x.Metric.Points {
			if i == 3 {
				names[len(names)-1] += ", …"
				break
			}
			name := p.Describe(x.Company.Calendar)
			if i == 0 {
				name = x.Company.Ticker + " " + name
			}
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// hasRow reports whether a series gives a row in the range.
func hasRow(x Series, opts ShowOptions) bool {
	if opts.Printed {
		for _, p := range x.Metric.Points {
			if _, l := p.Span(); opts.in(l) {
				return true
			}
		}
		return false
	}
	q := calc.NewQuarters(x.Company, x.Metric)
	if q.Last < q.First {
		return false
	}
	lo, hi := q.First, q.Last
	if opts.Calendar == Prorated {
		// Calendar quarters: those the fiscal quarters touch.
		cal := x.Company.Calendar
		lo = period.CalendarQuarters(cal.SpanStart(q.First), cal.SpanStart(q.First))[0].Seq()
		hi = period.CalendarQuarters(cal.SpanEnd(q.Last), cal.SpanEnd(q.Last))[0].Seq()
	}
	for s := lo; s <= hi; s++ {
		if opts.in(s) {
			return true
		}
	}
	return false
}

// showBatch is how many companies a worker writes at a time.
var showBatch = 64

// parallel writes the quarters of many companies with a worker per CPU:
// each writes a batch of companies to a part of the stream, and the parts
// are appended in order.
func (w *showWriter) parallel(ss []Series) error {
	s := w.s
	if !s.Human() {
		// One header for every part's rows; a table's parts begin a
		// block per company.
		s.Begin(&render.Table{Columns: w.cols})
	}
	type batch struct {
		from, to int
		out      chan *render.Stream
	}
	workers := runtime.GOMAXPROCS(0)
	batches := make(chan *batch, workers)
	ordered := make(chan *batch, 2*workers)
	go func() {
		defer close(batches)
		defer close(ordered)
		for from := 0; from < len(ss); from += showBatch {
			b := &batch{from: from, to: min(from+showBatch, len(ss)), out: make(chan *render.Stream, 1)}
			ordered <- b
			batches <- b
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One writer per worker, so that the quarters' labels and dates
			// are worked out once per worker, not once per batch.
			var pw *showWriter
			var q calc.Quarters
			for b := range batches {
				part := s.Part()
				if pw == nil {
					pw = newShowWriter(part, w.opts)
				}
				pw.s = part
				for i := b.from; i < b.to; i++ {
					pw.quarters(q.Reset(ss[i].Company, ss[i].Metric))
				}
				b.out <- part
			}
		}()
	}
	var err error
	for b := range ordered {
		part := <-b.out
		if err == nil {
			err = s.Append(part)
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return s.Close()
}

// The calculations of show as formulas over the value cells of the
// quarters' rows, for a format that keeps them (a workbook): rows are
// consecutive fiscal quarters of one company's block, so the previous
// quarter is the row above and the same quarter a year earlier four rows
// up. The format writes a formula only when the cells it names are in the
// block and hold numbers. (Literals, so that start-up builds nothing.)
var (
	ttmFormula     = &render.Formula{Expr: "SUM({0})", Refs: []render.Ref{{Col: "value", Row: -3, To: 0}}}
	qoqFormula     = &render.Formula{Expr: "({0}-{1})/{1}", Refs: []render.Ref{{Col: "value"}, {Col: "value", Row: -1, To: -1}}}
	yoyFormula     = &render.Formula{Expr: "({0}-{1})/{1}", Refs: []render.Ref{{Col: "value"}, {Col: "value", Row: -4, To: -4}}}
	runRateFormula = &render.Formula{Expr: "{0}*4", Refs: []render.Ref{{Col: "value"}}}
)

// showFormula is the formula of column c, or nil.
func showFormula(c *calc.Column) *render.Formula {
	switch c {
	case calc.TTMColumn:
		return ttmFormula
	case calc.QoQColumn:
		return qoqFormula
	case calc.YoYColumn:
		return yoyFormula
	case calc.RunRateColumn:
		return runRateFormula
	}
	return nil
}

// showWriter writes the rows of Show to a stream, remembering the labels
// and dates of the quarters it has written (a million rows share a few
// hundred quarters).
type showWriter struct {
	s    *render.Stream
	opts ShowOptions
	cols []render.Column // of the quarters view
	// formulas: the stream keeps formulas.
	formulas bool
	block    render.Table // the block begun, reused: streams copy what they keep
	buf      []byte
	dates    map[period.Calendar]*quarterCache
	// The calendar quarter was last called with, and its cache.
	lastCal   period.Calendar
	lastDates *quarterCache
	tails     tailCache
	notes     []byte // the notes of the row being written, "; " between
	err       error
}

// quarterCache holds how quarters are written under one calendar: the
// single quarters by sequence number from lo, and any other span by key.
type quarterCache struct {
	lo    int
	byseq []*quarterText
	spans map[int]*quarterText
}

// quarterText is how a span of quarters is written under one calendar:
// its label, dates and length, and (for single quarters with Mapped) the
// calendar quarter and overlap; fields holds the period's cells of a
// quarters row, encoded once.
type quarterText struct {
	label, start, end, days string
	cy, overlap             string
	fields                  render.Fields
}

func newShowWriter(s *render.Stream, opts ShowOptions) *showWriter {
	w := &showWriter{s: s, opts: opts, dates: map[period.Calendar]*quarterCache{}}
	w.cols = w.quarterColumns()
	w.formulas = s.Formulas()
	return w
}

// begin starts a block of the stream; a title only people read is made
// only for them.
func (w *showWriter) begin(title func() string, cols []render.Column) {
	w.block = render.Table{Sheet: "show", Columns: cols}
	if w.s.Human() {
		w.block.Title = title()
	}
	w.s.Begin(&w.block)
}

// quarter returns the label and dates of quarters first..last.
func (w *showWriter) quarter(cal period.Calendar, first, last int) *quarterText {
	// The calendar of the last call first: rows come a company at a time,
	// and a calendar is hashed to look it up.
	qc := w.lastDates
	if qc == nil || w.lastCal != cal {
		qc = w.dates[cal]
		if qc == nil {
			qc = &quarterCache{lo: last, spans: map[int]*quarterText{}}
			w.dates[cal] = qc
		}
		w.lastCal, w.lastDates = cal, qc
	}
	if first == last {
		if i := last - qc.lo; i >= 0 && i < len(qc.byseq) && qc.byseq[i] != nil {
			return qc.byseq[i]
		}
	} else if t := qc.spans[last*64+(last-first)]; t != nil {
		return t
	}
	t := &quarterText{label: cal.Label(period.FromSeq(last)), start: period.ISO(cal.SpanStart(first)), end: period.ISO(cal.SpanEnd(last)),
		days: strconv.Itoa(cal.Days(first, last))}
	if first != last {
		qc.spans[last*64+(last-first)] = t
		return t
	}
	if w.opts.Calendar == Mapped {
		z := cal.Calendarize(last)
		t.cy, t.overlap = z.Label(), z.Ratio()
		t.fields = w.s.Encode(t.label, t.start, t.end, t.days, t.cy, t.overlap, "quarter")
	} else {
		t.fields = w.s.Encode(t.label, t.start, t.end, t.days, "quarter")
	}
	if last < qc.lo {
		grown := make([]*quarterText, qc.lo-last+len(qc.byseq))
		copy(grown[qc.lo-last:], qc.byseq)
		qc.byseq, qc.lo = grown, last
	}
	for last-qc.lo >= len(qc.byseq) {
		qc.byseq = append(qc.byseq, nil)
	}
	qc.byseq[last-qc.lo] = t
	return t
}

// quarterColumns is the columns of the quarters view.
func (w *showWriter) quarterColumns() []render.Column {
	cols := []render.Column{{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "period"},
		{Name: "start"}, {Name: "end"}, {Name: "days", Right: true, Kind: render.IntKind}}
	if w.opts.Calendar == Mapped {
		cols = append(cols, render.Column{Name: "calendar"}, render.Column{Name: "overlap", Right: true})
	}
	cols = append(cols, render.Column{Name: "basis", Long: true})
	for _, c := range w.opts.Columns {
		cols = append(cols, render.Column{Name: c.Name, Right: true})
	}
	if w.opts.Spark {
		cols = append(cols, render.Column{Name: "spark"})
	}
	cols = append(cols, render.Column{Name: "unit", Long: true}, render.Column{Name: "currency", Long: true},
		render.Column{Name: "fiscal_year_end", Long: true}, render.Column{Name: "derivation"}, render.Column{Name: "source", MaxWidth: 60},
		render.Column{Name: "filed", Long: true}, render.Column{Name: "note", Long: true}, render.Column{Name: "definition", Long: true})
	if w.opts.Explain {
		cols = append(cols, render.Column{Name: "formula", Long: true})
	}
	return cols
}

// quarters writes one row per quarter from the first known to the last,
// with the chosen calculations.
func (w *showWriter) quarters(q *calc.Quarters) {
	c, m, opts := q.Company, q.Metric, w.opts
	unit := unitOr(opts.Unit, m.Unit)
	shift := int32(m.Unit) - int32(unit)
	cols := w.cols
	if w.formulas {
		// A workbook's header says the unit and currency of the amounts.
		cols = withUnit(cols, c.Currency+" "+unit.String(), amountColumns(opts.Columns)...)
	}
	w.begin(func() string { return title(c, m, unit) }, cols)
	in := func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, m.Unit, unit)) }
	var formulas []string
	// A 52/53-week calendar's quarters differ in length: calculations
	// across them are noted.
	weeks := c.Calendar.Weeks()
	// The fields every row of the company shares are encoded once; those
	// after the amounts (the company's unit, currency and calendar, then
	// the row's origin, note and definition) are mostly the same from one
	// row to the next, and looked up again only when they change (only
	// the row's own fields can).
	prefix := w.s.Encode(c.Ticker, m.ID)
	tail := rowTail{0: unit.String(), 1: c.Currency, 2: c.Calendar.String(), 7: m.Definition}
	tailFields := w.tailFields(tail)
	for seq := q.First; seq <= q.Last; seq++ {
		if !opts.in(seq) {
			continue
		}
		w.s.Put(prefix)
		w.s.Put(w.quarter(c.Calendar, seq, seq).fields)
		w.notes = w.notes[:0]
		for _, col := range opts.Columns {
			var formula *render.Formula
			if w.formulas {
				formula = showFormula(col)
			}
			if col.Rate && w.s.Rounds() {
				// A quotient rounded for output is rounded from its exact value.
				if v, na := q.Rounded(col, seq); na == "" {
					cell := render.Exact(v, true)
					cell.Formula = formula
					w.s.Cell(cell)
					if l := q.Lengths(col, seq); l != "" {
						w.note(col, l)
					}
				} else {
					w.s.NA(na)
					w.note(col, na)
				}
				continue
			}
			var na string
			w.buf, na = q.Append(w.buf[:0], col, seq, shift)
			switch {
			case na != "":
				w.s.NA(na)
				w.note(col, na)
			case formula != nil:
				w.s.Cell(render.Cell{Text: string(w.buf), IsNum: true, Percent: col.Rate, Formula: formula})
			case col.Rate:
				w.s.Percent(w.buf)
			default:
				w.s.Num(w.buf)
			}
			if weeks && na == "" {
				if l := q.Lengths(col, seq); l != "" {
					w.note(col, l)
				}
			}
		}
		if opts.Spark {
			w.s.Text(spark(q, seq))
		}
		row := tail
		row[4], row[3] = q.Origin(seq)
		row[5] = q.Filed(seq, seq)
		if string(w.notes) != tail[6] {
			row[6] = string(w.notes)
		}
		if [4]string(row[3:7]) != [4]string(tail[3:7]) || encodeEveryTail {
			tail = row
			tailFields = w.tailFields(row)
		}
		w.s.Put(tailFields)
		if opts.Explain {
			formulas = formulas[:0]
			for _, col := range opts.Columns {
				if f := q.Explain(col, seq, in); f != "" {
					formulas = append(formulas, f)
					w.s.NoteLine(fmt.Sprintf("%s %s: %s", c.Ticker, m.ID, f))
				}
			}
			w.s.Text(strings.Join(formulas, "; "))
		}
		if err := w.s.EndRow(); err != nil {
			w.err = err
			return
		}
	}
}

// note adds "column: text" to the notes of the row being written.
func (w *showWriter) note(col *calc.Column, text string) {
	if len(w.notes) > 0 {
		w.notes = append(w.notes, "; "...)
	}
	w.notes = append(w.notes, col.Name...)
	w.notes = append(w.notes, ": "...)
	w.notes = append(w.notes, text...)
}

// rowTail is the fields after a quarters row's amounts: the unit,
// currency and calendar, which a company's rows share, then the row's
// derivation, source, filed date and notes, then the definition.
type rowTail [8]string

// tailCache keeps the last tails a writer encoded: companies that start
// and end alike have the same few (the notes of their first quarters,
// then none), so each is encoded once rather than once a company. A
// ring of eight, looked through in order, costs little when every row's
// tail is new (a source per row).
type tailCache struct {
	rows   [8]rowTail
	fields [8]render.Fields
	n      int // entries in use
	next   int // the entry replaced next
}

// encodeEveryTail has each row's tail encoded afresh, as the rows'
// fields were written before the cache: for tests.
var encodeEveryTail = false

// tailFields returns row encoded for w's stream (or any of its parts).
func (w *showWriter) tailFields(row rowTail) render.Fields {
	if encodeEveryTail {
		return w.encodeTail(row)
	}
	c := &w.tails
	for i := range c.n {
		if c.rows[i] == row {
			return c.fields[i]
		}
	}
	f := w.encodeTail(row)
	c.rows[c.next], c.fields[c.next] = row, f
	c.next = (c.next + 1) % len(c.rows)
	c.n = min(c.n+1, len(c.rows))
	return f
}

// encodeTail encodes row (its own copy, which the fields keep: row
// itself stays on the caller's stack).
func (w *showWriter) encodeTail(row rowTail) render.Fields {
	return w.s.Encode(slices.Clone(row[:])...)
}

// period writes the cells that start a printed row: company, metric, and
// the period's label, dates and days.
func (w *showWriter) period(c *series.Company, m *series.Metric, qt *quarterText) {
	w.s.Text(c.Ticker)
	w.s.Text(m.ID)
	w.s.Text(qt.label)
	w.s.Text(qt.start)
	w.s.Text(qt.end)
	w.s.Text(qt.days)
}

// printed writes the figures as printed.
func (w *showWriter) printed(c *series.Company, m *series.Metric) {
	unit := unitOr(w.opts.Unit, m.Unit)
	w.s.Begin(&render.Table{Sheet: "printed", Title: title(c, m, unit), Columns: []render.Column{
		{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "period"}, {Name: "start"}, {Name: "end"},
		{Name: "days", Right: true, Kind: render.IntKind}, {Name: "basis"}, {Name: "months", Right: true, Kind: render.IntKind},
		{Name: "value", Right: true, Unit: c.Currency + " " + unit.String()}, {Name: "unit", Long: true},
		{Name: "currency", Long: true}, {Name: "fiscal_year_end", Long: true}, {Name: "source", MaxWidth: 60}, {Name: "filed", Long: true},
		{Name: "note", Long: true}, {Name: "definition", Long: true},
	}})
	for _, p := range m.Points {
		first, last := p.Span()
		if !w.opts.in(last) {
			continue
		}
		w.period(c, m, w.quarter(c.Calendar, first, last))
		w.s.Text(p.Basis.String())
		w.s.Text(strconv.Itoa(int(p.Months)))
		w.buf = append(w.buf[:0], p.Value.In(m.Unit, unit).String()...)
		w.s.Num(w.buf)
		w.s.Text(unit.String())
		w.s.Text(c.Currency)
		w.s.Text(c.Calendar.String())
		w.s.Text(p.Source())
		w.s.Text(p.Filed())
		w.s.Text(p.Note())
		w.s.Text(m.Definition)
		if err := w.s.EndRow(); err != nil {
			w.err = err
			return
		}
	}
}

// prorated writes one row per calendar quarter the company's quarters
// touch, its value split by days from the fiscal quarters that overlap
// it, and says so.
func (w *showWriter) prorated(q *calc.Quarters) {
	c, m, opts := q.Company, q.Metric, w.opts
	unit := unitOr(opts.Unit, m.Unit)
	in := func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, m.Unit, unit)) }
	w.s.Begin(&render.Table{Sheet: "prorated", Title: title(c, m, unit, ", prorated by days to calendar quarters"), Columns: []render.Column{
		{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "calendar"}, {Name: "start"}, {Name: "end"},
		{Name: "days", Right: true, Kind: render.IntKind}, {Name: "value", Right: true, Unit: c.Currency + " " + unit.String()},
		{Name: "unit", Long: true}, {Name: "currency", Long: true},
		{Name: "prorated_from"}, {Name: "note", Long: true},
	}})
	if q.Last < q.First {
		return
	}
	cal := c.Calendar
	first := period.CalendarQuarters(cal.SpanStart(q.First), cal.SpanStart(q.First))[0]
	last := period.CalendarQuarters(cal.SpanEnd(q.Last), cal.SpanEnd(q.Last))[0]
	for s := first.Seq(); s <= last.Seq(); s++ {
		cq := period.FromSeq(s)
		if !opts.in(s) {
			continue
		}
		r, parts := q.Prorate(cq)
		var from []string
		for _, p := range parts {
			v := "n/a"
			if p.Value.OK() {
				v = in(p.Value.Decimal())
			}
			from = append(from, fmt.Sprintf("%s %s × %d/%d", q.Label(p.Seq), v, p.Overlap, p.Days))
		}
		w.s.Text(c.Ticker)
		w.s.Text(m.ID)
		w.s.Text("CY" + cq.String())
		w.s.Text(period.ISO(period.CalendarYear.Start(cq)))
		w.s.Text(period.ISO(period.CalendarYear.End(cq)))
		w.s.Text(strconv.Itoa(period.CalendarYear.Days(s, s)))
		note := ""
		if r.OK() {
			w.s.Cell(render.Exact(r.Shift(int32(m.Unit)-int32(unit)), false))
		} else {
			w.s.NA(r.NA)
			note = "value: " + r.NA
		}
		w.s.Text(unit.String())
		w.s.Text(c.Currency)
		w.s.Text(strings.Join(from, " + "))
		w.s.Text(note)
		if err := w.s.EndRow(); err != nil {
			w.err = err
			return
		}
	}
}

// spark is the sparkline of the values of the quarters ending at seq.
func spark(q *calc.Quarters, seq int) string {
	vs := make([]chart.Value, 0, SparkQuarters)
	for s := max(seq-SparkQuarters+1, q.First); s <= seq; s++ {
		v := q.Value(s)
		vs = append(vs, chart.Value{D: v.Decimal(), OK: v.OK()})
	}
	return chart.Spark(vs)
}
