package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/chart"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

type showOptions struct {
	Tickers  []string
	Metric   string
	Columns  []string
	From, To *period.Period
	SkipGaps bool
	Printed  bool
	Explain  bool
	Calendar string // "", "map" or "prorate"
	// Wide puts periods in rows and a column per company (or per metric
	// of one company, unless MetricGiven).
	Wide, MetricGiven bool
	// Spark adds a sparkline of the values of the sparkQuarters quarters
	// ending at each row.
	Spark bool
	warn  func(...series.Problem)
	out   outputOptions
}

const showLong = `Show a metric (--metric, default capex) of each company named, or of
every company that has it, one row per discrete fiscal quarter: printed, or
derived from year-to-date and trailing figures (Q4 = FY − 9M), with the
derivation and the sources it rests on.

Columns (--columns, in any order):
  value    the quarter
  ttm      the sum of the four quarters ending there
  qoq      growth from the previous fiscal quarter
  yoy      growth from the same fiscal quarter a year earlier
  runrate  the quarter × 4

Growth is a fraction in CSV and JSON (0.4199…) and a percentage in tables
(42.0%). Quarters are compared by identity, never by row. A quotient is
correctly rounded to 34 significant digits.

A calculation that needs a quarter missing inside the data is an error
naming it; --gaps skip marks the cell "n/a: missing 2023Q2" instead.
Quarters before the first known one are the edge of the data: "n/a".

--explain adds each calculation with its operands, such as
"YoY 2025Q4 = (39,522 − 27,834) / 27,834 = 0.4199…".

--printed lists the figures as printed instead: every quarter, year-to-date
and trailing figure with its basis, months and source.

Every period shows its start and end dates and its length in days.
--calendar adds the calendar quarter holding most of each fiscal quarter's
days (CY2024Q4) and the overlap: days in that calendar quarter / days in
the fiscal quarter (92/92). Values are not changed. --calendar prorate
instead lists calendar quarters, each the exact sum of the fiscal quarters'
values × shared days / their days, and says so; --from and --to then name
calendar quarters. A table of companies whose quarters of one name end more
than 45 days apart warns.`

func newShowCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show [TICKER...]",
		Short: "Show a series by quarter with TTM, QoQ and YoY, or as printed",
		Long:  showLong,
		Example: `  capex show amzn
  capex show amzn msft --columns value,ttm,yoy -o csv
  capex show amzn --metric capex-net --gaps skip
  capex show googl --from 2024Q1 --to 2025Q4 --unit billion
  capex show msft --printed
  capex show msft --calendar
  capex show amzn googl meta --wide -o csv --bom
  capex show amzn msft --wide --calendar --columns ttm
  capex show aapl --data aapl.yaml --calendar prorate`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := app.showOptions(args)
			if err != nil {
				return err
			}
			opts.warn = app.warn
			opts.MetricGiven = cmd.Flags().Changed("metric")
			d, err := app.dataset(cmd, opts.Tickers...)
			if err != nil {
				return err
			}
			if opts.Wide {
				return runWide(d, opts, app.IO.Out)
			}
			return runShow(d, opts, app.IO.Out)
		},
	}
	f := cmd.Flags()
	f.String("metric", "capex", "the metric `ID` to show")
	f.String("columns", strings.Join(defaultColumns, ","), "the `LIST` of columns: value, ttm, qoq, yoy, runrate")
	f.String("from", "", "start at `PERIOD` (a quarter, half or fiscal year)")
	f.String("to", "", "end at `PERIOD`")
	f.String("gaps", "fail", "a calculation that needs a missing quarter: fail, or skip to mark it n/a")
	f.Bool("printed", false, "list the figures as printed (quarters, year to date, trailing) instead of by quarter")
	f.Bool("explain", false, "show each calculation with its operands")
	f.String("calendar", "", "map fiscal quarters to calendar quarters (CY2024Q4) with their overlap in days; `prorate` splits values by days instead")
	f.Lookup("calendar").NoOptDefVal = "map"
	f.Bool("spark", false, "add a sparkline of the 8 quarters ending at each row")
	f.Bool("wide", false, "a row per period and a column per company (per metric with one company): for spreadsheets")
	outputFlags(f)
	return cmd
}

var (
	defaultColumns = []string{"value", "ttm", "qoq", "yoy"}
	allColumns     = []string{"value", "ttm", "qoq", "yoy", "runrate"}
)

func (app *App) showOptions(args []string) (showOptions, error) {
	v := app.V
	opts := showOptions{Tickers: args, Metric: v.GetString("metric"), Printed: v.GetBool("printed"), Explain: v.GetBool("explain")}
	var err error
	if opts.Calendar, opts.Tickers, err = calendarFlag(v.GetString("calendar"), args); err != nil {
		return opts, err
	}
	for _, c := range strings.Split(v.GetString("columns"), ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if !slices.Contains(allColumns, c) {
			return opts, usagef("columns are "+strings.Join(allColumns, ", "), "--columns: unknown column %q", c)
		}
		if slices.Contains(opts.Columns, c) {
			return opts, usagef("", "--columns: %q appears twice", c)
		}
		opts.Columns = append(opts.Columns, c)
	}
	if err := app.rangeOptions(&opts); err != nil {
		return opts, err
	}
	opts.Wide, opts.Spark = v.GetBool("wide"), v.GetBool("spark")
	if opts.Wide {
		if opts.Printed || opts.Explain || opts.Spark || opts.Calendar == "prorate" {
			return opts, usagef("--wide shows one calculation per cell", "--wide does not go with --printed, --explain, --spark or --calendar prorate")
		}
		if v.GetString("columns") == strings.Join(defaultColumns, ",") {
			opts.Columns = []string{"value"}
		}
	}
	if opts.Calendar == "prorate" {
		if opts.Printed {
			return opts, usagef("use one or the other", "--calendar prorate and --printed do not go together")
		}
		for _, c := range opts.Columns {
			if c != "value" && v.GetString("columns") != strings.Join(defaultColumns, ",") {
				return opts, usagef("--calendar prorate shows the value of each calendar quarter", "--calendar prorate: column %q is not available", c)
			}
		}
		opts.Columns = []string{"value"}
	}
	opts.out, err = app.outputOptions()
	return opts, err
}

// rangeOptions reads --from, --to and --gaps, which show and chart share.
func (app *App) rangeOptions(opts *showOptions) error {
	var err error
	v := app.V
	if opts.From, err = periodFlag(v.GetString("from"), "--from"); err != nil {
		return err
	}
	if opts.To, err = periodFlag(v.GetString("to"), "--to"); err != nil {
		return err
	}
	opts.SkipGaps, err = gapsFlag(v.GetString("gaps"))
	return err
}

// periodFlag reads an optional fiscal period given to flag.
func periodFlag(s, flag string) (*period.Period, error) {
	if s == "" {
		return nil, nil
	}
	p, err := period.Parse(s)
	if err != nil {
		return nil, usagef(period.Hint, "%s %v", flag, err)
	}
	if p.Kind == period.Month {
		return nil, usagef("give a quarter such as 2024Q4, a half, or FY2024", "%s %s: a month is not a fiscal period", flag, p)
	}
	return &p, nil
}

// gapsFlag reads --gaps.
func gapsFlag(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "fail", "":
		return false, nil
	case "skip":
		return true, nil
	}
	return false, usagef("use --gaps fail or --gaps skip", "--gaps %q: not a choice", s)
}

// showMetrics pairs the selected companies with the metric: every named
// company must have it; without names, the companies that have it.
func showMetrics(d *series.Dataset, tickers []string, metric string) ([]*series.Company, []*series.Metric, error) {
	companies, err := selectCompanies(d, tickers)
	if err != nil {
		return nil, nil, err
	}
	var cs []*series.Company
	var ms []*series.Metric
	for _, c := range companies {
		m, err := selectMetric(c, metric)
		if err != nil {
			if len(tickers) == 0 {
				continue
			}
			return nil, nil, err
		}
		cs, ms = append(cs, c), append(ms, m)
	}
	if len(cs) == 0 {
		return nil, nil, usagef("choose a metric with --metric", "no company in the data has a metric %q", metric)
	}
	return cs, ms, nil
}

// runShow writes the chosen view of each company's metric to out. With
// --gaps fail, every metric with a quarter missing inside its data is
// computed once first, so that an error stops the command before anything
// is written.
func runShow(d *series.Dataset, opts showOptions, out io.Writer) error {
	cs, ms, err := showMetrics(d, opts.Tickers, opts.Metric)
	if err != nil {
		return err
	}
	if !opts.Printed && !opts.SkipGaps {
		dry, _ := render.NewStream(io.Discard, render.Options{Format: "csv", Decimals: -1})
		w := newShowWriter(dry, opts)
		for i, c := range cs {
			q := calc.NewQuarters(c, ms[i])
			if !q.HasGaps() {
				continue
			}
			w.quarters(q)
			if err := q.Err(); err != nil {
				return err
			}
		}
	}
	s, err := render.NewStream(out, opts.out.render)
	if err != nil {
		return err
	}
	if opts.warn != nil && !opts.Printed && opts.Calendar == "" && len(cs) > 1 {
		opts.warn(showMix(calc.NewQuarters(cs[0], ms[0]), cs, opts)...)
	}
	if s.Flat() && !opts.Printed && opts.Calendar != "prorate" && len(cs) >= 2*showBatch {
		return showParallel(s, cs, ms, opts)
	}
	w := newShowWriter(s, opts)
	for i, c := range cs {
		switch {
		case opts.Printed:
			w.printed(c, ms[i])
		case opts.Calendar == "prorate":
			w.prorated(calc.NewQuarters(c, ms[i]))
		default:
			w.quarters(calc.NewQuarters(c, ms[i]))
		}
		if w.err != nil {
			return w.err
		}
	}
	return s.Close()
}

// showBatch is how many companies a worker writes at a time.
var showBatch = 64

// showParallel writes the quarters of many companies as CSV or TSV with a
// worker per CPU: each writes a batch of companies to a buffer of its own,
// and the batches are written out in order.
func showParallel(s *render.Stream, cs []*series.Company, ms []*series.Metric, opts showOptions) error {
	// The header comes from s; the workers' streams carry on after it.
	s.Begin(&render.Table{Columns: quarterHeader(opts)})
	type batch struct {
		from, to int
		out      chan []byte
	}
	batches := make(chan *batch, runtime.GOMAXPROCS(0))
	ordered := make(chan *batch, 2*runtime.GOMAXPROCS(0))
	go func() {
		defer close(batches)
		defer close(ordered)
		for from := 0; from < len(cs); from += showBatch {
			b := &batch{from: from, to: min(from+showBatch, len(cs)), out: make(chan []byte, 1)}
			ordered <- b
			batches <- b
		}
	}()
	// Buffers go round: a worker takes a free one, fills it, and the
	// writer gives it back once written.
	free := make(chan []byte, 4*runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One writer per worker, so that the quarters' labels and dates
			// are worked out once per worker, not once per batch.
			var w *showWriter
			for b := range batches {
				ws, _ := render.NewStream(nil, opts.out.render)
				ws.Continue()
				select {
				case buf := <-free:
					ws.Reuse(buf)
				default:
				}
				if w == nil {
					w = newShowWriter(ws, opts)
				}
				w.s = ws
				for i := b.from; i < b.to; i++ {
					w.quarters(calc.NewQuarters(cs[i], ms[i]))
				}
				b.out <- ws.Take()
			}
		}()
	}
	var err error
	for b := range ordered {
		part := <-b.out
		if err == nil {
			err = s.Write(part)
		}
		select {
		case free <- part:
		default:
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return s.Close()
}

// quarterHeader is the columns of the quarters view.
func quarterHeader(opts showOptions) []render.Column {
	cols := quarterHead(opts)
	for _, name := range opts.Columns {
		cols = append(cols, render.Column{Name: name, Right: true})
	}
	if opts.Spark {
		cols = append(cols, render.Column{Name: "spark"})
	}
	cols = append(cols, render.Column{Name: "unit", Long: true}, render.Column{Name: "currency", Long: true},
		render.Column{Name: "derivation"}, render.Column{Name: "source", MaxWidth: 60}, render.Column{Name: "note", Long: true})
	if opts.Explain {
		cols = append(cols, render.Column{Name: "formula", Long: true})
	}
	return cols
}

func title(c *series.Company, m *series.Metric, unit amount.Unit) string {
	return fmt.Sprintf("%s %s: %s (%s %s)", c.Ticker, m.ID, m.Label, c.Currency, unit)
}

// inRange reports whether quarter seq is within --from and --to.
func (o showOptions) inRange(seq int) bool {
	if o.From != nil {
		if first, _, _ := o.From.Quarters(); seq < first {
			return false
		}
	}
	if o.To != nil {
		if _, last, _ := o.To.Quarters(); seq > last {
			return false
		}
	}
	return true
}

// showWriter writes the rows of show to a stream, remembering the labels
// and dates of the quarters it has written (a million rows share a few
// hundred quarters).
type showWriter struct {
	s     *render.Stream
	opts  showOptions
	buf   []byte
	dates map[period.Calendar]*quarterCache
	err   error
	// encoded is how many fields a quarter's encoded text holds.
	encoded int
}

// quarterCache holds how quarters are written under one calendar: the
// single quarters by sequence number from lo, and any other span by key.
type quarterCache struct {
	lo    int
	byseq []*quarterText
	spans map[int]*quarterText
}

// quarterText is how a quarter is written under one calendar: its
// label and dates, and for CSV and TSV the fields label, start, end and
// basis encoded once.
type quarterText struct {
	label, start, end, days string
	cy, overlap             string // the calendar quarter and overlap (--calendar)
	encoded                 []byte
}

func newShowWriter(s *render.Stream, opts showOptions) *showWriter {
	return &showWriter{s: s, opts: opts, dates: map[period.Calendar]*quarterCache{}, encoded: len(quarterHead(opts)) - 2}
}

// quarter returns the label and dates of quarters first..last.
func (w *showWriter) quarter(cal period.Calendar, first, last int) *quarterText {
	qc := w.dates[cal]
	if qc == nil {
		qc = &quarterCache{lo: last, spans: map[int]*quarterText{}}
		w.dates[cal] = qc
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
	if first == last && w.opts.Calendar == "map" {
		z := cal.Calendarize(last)
		t.cy, t.overlap = z.Label(), z.Ratio()
	}
	if w.s.Flat() {
		if w.opts.Calendar == "map" {
			t.encoded = w.s.Encode(t.label, t.start, t.end, t.days, t.cy, t.overlap, "quarter")
		} else {
			t.encoded = w.s.Encode(t.label, t.start, t.end, t.days, "quarter")
		}
	}
	if first != last {
		qc.spans[last*64+(last-first)] = t
		return t
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

// period writes the cells that start a row: company, metric, and the
// period's label, dates and days.
func (w *showWriter) period(c *series.Company, m *series.Metric, qt *quarterText) {
	w.s.Text(c.Ticker)
	w.s.Text(m.ID)
	w.s.Text(qt.label)
	w.s.Text(qt.start)
	w.s.Text(qt.end)
	w.s.Text(qt.days)
}

// quarterHead is the columns of the quarters view before the
// calculations.
func quarterHead(opts showOptions) []render.Column {
	cols := []render.Column{{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "period"},
		{Name: "start"}, {Name: "end"}, {Name: "days", Right: true}}
	if opts.Calendar == "map" {
		cols = append(cols, render.Column{Name: "calendar"}, render.Column{Name: "overlap", Right: true})
	}
	return append(cols, render.Column{Name: "basis", Long: true})
}

// quarters writes one row per quarter from the first known to the last,
// with the chosen calculations.
func (w *showWriter) quarters(q *calc.Quarters) {
	c, m, opts := q.Company, q.Metric, w.opts
	unit := opts.out.in(m.Unit)
	shift := int32(m.Unit) - int32(unit)
	if w.s.Blocks() {
		w.s.Begin(&render.Table{Title: title(c, m, unit), Columns: quarterHeader(opts)})
	}
	in := func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, m.Unit, unit)) }
	var notes, formulas []string
	// For CSV and TSV, the fields every row of the company shares are
	// encoded once.
	var prefix, suffix []byte
	if w.s.Flat() {
		prefix, suffix = w.s.Encode(c.Ticker, m.ID), w.s.Encode(unit.String(), c.Currency)
	}
	for seq := q.First; seq <= q.Last; seq++ {
		if !opts.inRange(seq) {
			continue
		}
		qt := w.quarter(c.Calendar, seq, seq)
		if w.s.Flat() {
			w.s.Raw(prefix, 2)
			w.s.Raw(qt.encoded, w.encoded)
		} else {
			w.period(c, m, qt)
			if opts.Calendar == "map" {
				w.s.Text(qt.cy)
				w.s.Text(qt.overlap)
			}
			w.s.Text("quarter")
		}
		notes = notes[:0]
		for _, name := range opts.Columns {
			growth := name == "qoq" || name == "yoy"
			shift := shift
			if growth {
				shift = 0
			}
			var na string
			w.buf, na = q.Append(w.buf[:0], name, seq, shift)
			switch {
			case na != "":
				w.s.NA(na)
				notes = append(notes, name+": "+na)
			case growth:
				w.s.Percent(w.buf)
			default:
				w.s.Num(w.buf)
			}
		}
		if opts.Spark {
			w.s.Text(spark(q, seq))
		}
		source, derivation := q.Origin(seq)
		if w.s.Flat() {
			w.s.Raw(suffix, 2)
		} else {
			w.s.Text(unit.String())
			w.s.Text(c.Currency)
		}
		w.s.Text(derivation)
		w.s.Text(source)
		if len(notes) == 0 {
			w.s.Text("")
		} else {
			w.s.Text(strings.Join(notes, "; "))
		}
		if opts.Explain {
			formulas = formulas[:0]
			for _, name := range opts.Columns {
				if f := q.Explain(name, seq, in); f != "" {
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

// printed writes the figures as printed.
func (w *showWriter) printed(c *series.Company, m *series.Metric) {
	unit := w.opts.out.in(m.Unit)
	w.s.Begin(&render.Table{Title: title(c, m, unit), Columns: []render.Column{
		{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "period"}, {Name: "start"}, {Name: "end"},
		{Name: "days", Right: true}, {Name: "basis"}, {Name: "months", Right: true}, {Name: "value", Right: true}, {Name: "unit", Long: true},
		{Name: "currency", Long: true}, {Name: "source", MaxWidth: 60}, {Name: "note", Long: true},
	}})
	for _, p := range m.Points {
		first, last := p.Span()
		if !w.opts.inRange(last) {
			continue
		}
		qt := w.quarter(c.Calendar, first, last)
		w.period(c, m, qt)
		w.s.Text(p.Basis.String())
		w.s.Text(strconv.Itoa(int(p.Months)))
		w.buf = append(w.buf[:0], p.Value.In(m.Unit, unit).String()...)
		w.s.Num(w.buf)
		w.s.Text(unit.String())
		w.s.Text(c.Currency)
		w.s.Text(p.Source())
		w.s.Text(p.Note())
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
	unit := opts.out.in(m.Unit)
	in := func(d decimal.Decimal) string { return amount.Group(amount.Convert(d, m.Unit, unit)) }
	w.s.Begin(&render.Table{Title: title(c, m, unit) + ", prorated by days to calendar quarters", Columns: []render.Column{
		{Name: "company", Long: true}, {Name: "metric", Long: true}, {Name: "calendar"}, {Name: "start"}, {Name: "end"},
		{Name: "days", Right: true}, {Name: "value", Right: true}, {Name: "unit", Long: true}, {Name: "currency", Long: true},
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
		if !opts.inRange(s) {
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
			w.buf = r.Shift(int32(m.Unit) - int32(unit)).AppendText(w.buf[:0])
			w.s.Num(w.buf)
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

// sparkQuarters is how many quarters a sparkline covers.
const sparkQuarters = 8

// spark is the sparkline of the values of the quarters ending at seq.
func spark(q *calc.Quarters, seq int) string {
	vs := make([]chart.Value, 0, sparkQuarters)
	for s := max(seq-sparkQuarters+1, q.First); s <= seq; s++ {
		v := q.Value(s)
		vs = append(vs, chart.Value{D: v.Decimal(), OK: v.OK()})
	}
	return chart.Spark(vs)
}
