package load

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

// The columns of the long CSV form. company, period and value are
// required; ticker is another name for company.
var longColumns = []string{"company", "period", "value", "metric", "basis", "months", "unit", "currency", "fiscal_year_end", "source",
	"note", "definition", "start", "end", "filed"}

// computedColumns are the columns capex's own output adds, which a
// reader of figures leaves alone: capex reads back what it writes.
var computedColumns = []string{"days", "ttm", "qoq", "yoy", "runrate", "calendar", "overlap", "spark", "derivation", "formula"}

// DefaultMetric is the metric of CSV rows that do not name one.
const DefaultMetric = "capex"

// MaxLineLen is the longest CSV line read.
const MaxLineLen = 1 << 20

// ReadCSV reads a CSV series file into b. The form is decided by the
// header:
//
//	long:  company,period,value[,metric,basis,months,unit,currency,fiscal_year_end,source,note,definition,filed]
//	wide:  period,AMZN,MSFT,...   (one column of discrete figures per ticker)
//
// Header names are case-insensitive; a UTF-8 byte-order mark, CRLF line
// ends and quoted fields are handled. Every problem is reported with its
// line.
//
// A file without a quote character is split by hand (a line at a time,
// fields at commas), which is what encoding/csv would do with it, only
// faster; a file with quotes is read by encoding/csv.
func ReadCSV(name string, data string, b *series.Builder, opt Options) {
	cr := &csvReader{file: name, at: series.At(name, 0), b: b, opt: opt}
	data, declared, ok := cr.comments(data)
	if !ok {
		return
	}
	sep := separator(data)
	// TSV has no quoting: a quote is part of the text.
	plain := sep == '\t' || strings.IndexByte(data, '"') < 0
	switch {
	case declared != nil:
		cr.mark = *declared
	case ownOutput(data, sep):
		// capex's own output never groups digits: its one mark, "." or
		// ",", is the decimal mark, whichever dialect wrote it.
		cr.mark, cr.own = amount.Ungrouped, true
	case sep == ';':
		cr.mark = amount.GuessedComma
	case sep == '\t' || sep == '|':
		cr.mark = amount.Guessed
	}
	if plain {
		cr.src = &plainSource{s: data, sep: sep}
	} else {
		// The plain reader checks line lengths as it goes; encoding/csv
		// does not, so the file is scanned first.
		if line, ok := longLine(data); !ok {
			b.Problems.Add(longLineProblem(name, line))
			return
		}
		r := csv.NewReader(strings.NewReader(data))
		r.FieldsPerRecord = -1
		r.ReuseRecord = true
		r.Comma = rune(sep)
		cr.src = &csvSource{r: r}
	}
	header, _, err := cr.src.next()
	if errors.Is(err, io.EOF) {
		b.Problems.Errorf(series.At(name, 0), "start with a header such as company,period,value", "empty CSV file")
		return
	}
	if err != nil {
		cr.parseError(err)
		return
	}
	header = slices.Clone(header)
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = strings.ToLower(strings.TrimSpace(h))
		if cols[i] == "ticker" {
			cols[i] = "company"
		}
	}
	pos := series.At(name, 1)
	seen := make(map[string]bool, len(cols))
	for i, c := range cols {
		if c == "" {
			b.Problems.Errorf(pos, "", "column %d of the header has no name", i+1)
			return
		}
		if seen[c] {
			b.Problems.Errorf(pos, "", "column %q appears twice in the header", excerpt.Of(header[i]))
			return
		}
		seen[c] = true
	}
	var fn rowFunc
	switch {
	case cols[0] == "period" && len(cols) > 1 && !slices.Contains(cols, "value"):
		fn = cr.wide(header)
	case slices.Contains(cols, "company"):
		fn = cr.long(cols)
	default:
		b.Problems.Errorf(pos, "use company,period,value (long form) or period,TICKER,... (wide form)",
			"the header names neither company, period and value nor period and tickers")
	}
	if fn == nil {
		return
	}
	// Rows that declare company attributes are read in order, so that a
	// disagreement names the first declaration, as reading row by row
	// does.
	attrs := slices.ContainsFunc(cols, func(c string) bool { return c == "currency" || c == "fiscal_year_end" || c == "definition" })
	if p, ok := cr.src.(*plainSource); ok && !attrs && len(p.s)-p.off >= parallelBytes {
		cr.parallel(p, len(cols), fn)
		return
	}
	cr.b.Reserve(strings.Count(data, "\n"))
	cr.rows(len(cols), func(rec []string, pos series.Pos) { fn(cr, rec, pos) })
	if cr.seen == 0 {
		b.Problems.Errorf(series.At(name, 0), "add rows under the header, or leave the file out", "the file has a header but no rows")
	}
}

// ownOutput reports whether the header is one capex writes: show's
// (start, end and days columns) or its wide view's (start, end and
// calculation), which a file of figures has no reason to have.
func ownOutput(data string, sep byte) bool {
	header, _, _ := strings.Cut(strings.TrimLeft(data, "\r\n"), "\n")
	has := map[string]bool{}
	for _, f := range strings.Split(strings.TrimSpace(header), string(sep)) {
		has[strings.ToLower(strings.Trim(strings.TrimSpace(f), `"`))] = true
	}
	return has["start"] && has["end"] && (has["days"] || has["calculation"])
}

// comments reads the lines before the header that start with "#": notes
// for people, and "# decimal_mark: ," (or ".") declaring the file's
// decimal mark. They are blanked, so that line numbers stay those of the
// file. ok is false when a declaration cannot be read.
func (cr *csvReader) comments(data string) (rest string, declared *amount.Mark, ok bool) {
	off, line := 0, 0
	for off < len(data) && data[off] == '#' {
		line++
		end := strings.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		text := strings.TrimSpace(strings.TrimPrefix(data[off:off+end], "#"))
		if key, value, found := strings.Cut(text, ":"); found && strings.TrimSpace(key) == "decimal_mark" {
			mark, err := parseMark(value)
			if err != nil {
				cr.b.Problems.Errorf(series.At(cr.file, line), markHint, "%v", err)
				return "", nil, false
			}
			if declared != nil && *declared != mark {
				cr.b.Problems.Errorf(series.At(cr.file, line), "", "decimal_mark declared twice, differently")
				return "", nil, false
			}
			declared = &mark
		}
		off += min(end+1, len(data)-off)
	}
	if line == 0 {
		return data, nil, true
	}
	return strings.Repeat("\n", line) + data[off:], declared, true
}

// parallelBytes is the size of a quote-free CSV file above which its rows
// are read by a goroutine per CPU.
var parallelBytes = 4 << 20

// parallel reads the rest of a quote-free file in chunks, one per CPU,
// each into a Builder of its own, and absorbs them into cr's in file
// order: the result is what reading the rows one after another gives (the
// rows must not declare company attributes).
func (cr *csvReader) parallel(p *plainSource, width int, fn rowFunc) {
	rest := p.s[p.off:]
	n := runtime.GOMAXPROCS(0)
	var chunks []*csvReader
	line := p.line
	for i := 0; i < n && len(rest) > 0; i++ {
		end := len(rest)
		if i < n-1 {
			if j := strings.IndexByte(rest[min(len(rest)/(n-i), len(rest)-1):], '\n'); j >= 0 {
				end = len(rest)/(n-i) + j + 1
			}
		}
		chunk := rest[:min(end, len(rest))]
		lines := strings.Count(chunk, "\n")
		b := series.NewBuilder()
		b.Reserve(lines + 1)
		chunks = append(chunks, &csvReader{file: cr.file, at: cr.at, b: b, opt: cr.opt, mark: cr.mark, own: cr.own, src: &plainSource{s: chunk, line: line, sep: p.sep}})
		line += lines
		rest = rest[len(chunk):]
	}
	var wg sync.WaitGroup
	for _, c := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.rows(width, func(rec []string, pos series.Pos) { fn(c, rec, pos) })
		}()
	}
	wg.Wait()
	for _, c := range chunks {
		cr.b.Absorb(c.b)
	}
}

func longLineProblem(file string, line int) series.Problem {
	return series.Problem{Pos: series.At(file, line), Hint: "capex reads CSV lines of at most 1 MiB",
		Msg: fmt.Sprintf("the line is longer than %d bytes", MaxLineLen)}
}

// errLongLine is a line longer than MaxLineLen, met by plainSource.
var errLongLine = errors.New("line too long")

// longLine finds the first line longer than MaxLineLen.
func longLine(data string) (line int, ok bool) {
	for n := 1; len(data) > 0; n++ {
		i := strings.IndexByte(data, '\n')
		if i < 0 {
			i = len(data)
		}
		if i > MaxLineLen {
			return n, false
		}
		data = data[min(i+1, len(data)):]
	}
	return 0, true
}

// recordSource yields CSV records and their first lines.
type recordSource interface {
	next() (rec []string, line int, err error)
}

// plainSource splits a file without quotes: lines at "\n" (a "\r" before
// it is dropped, a lone "\r" is data), fields at sep, blank lines skipped,
// as encoding/csv reads such a file. Fields are substrings of one string
// holding the file, so reading allocates nothing per row.
type plainSource struct {
	s    string
	off  int
	line int
	rec  []string
	sep  byte
}

// separator finds the field separator of a CSV file from its header: ","
// unless the header has more semicolons (a European spreadsheet's CSV,
// whose numbers have decimal commas), tabs or bars.
func separator(data string) byte {
	data = strings.TrimLeft(data, "\r\n")
	header, _, _ := strings.Cut(data, "\n")
	sep, most := byte(','), strings.Count(header, ",")
	for _, c := range []byte{';', '\t', '|'} {
		if n := strings.Count(header, string(c)); n > most {
			sep, most = c, n
		}
	}
	return sep
}

func (p *plainSource) next() ([]string, int, error) {
	for p.off < len(p.s) {
		rest := p.s[p.off:]
		end := strings.IndexByte(rest, '\n')
		if end < 0 {
			end = len(rest)
		}
		text := rest[:end]
		p.off += end + 1
		p.line++
		if len(text) > MaxLineLen {
			p.off = len(p.s) // stop here
			return nil, p.line, errLongLine
		}
		text = strings.TrimSuffix(text, "\r")
		if text == "" {
			continue
		}
		p.rec = p.rec[:0]
		for {
			i := strings.IndexByte(text, p.sep)
			if i < 0 {
				p.rec = append(p.rec, text)
				break
			}
			p.rec = append(p.rec, text[:i])
			text = text[i+1:]
		}
		return p.rec, p.line, nil
	}
	return nil, 0, io.EOF
}

// csvSource reads with encoding/csv.
type csvSource struct{ r *csv.Reader }

func (c *csvSource) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		return nil, 0, err
	}
	line, _ := c.r.FieldPos(0)
	return rec, line, nil
}

type csvReader struct {
	file string
	at   series.Pos // the file, for its lines' positions
	b    *series.Builder
	opt  Options
	mark amount.Mark // the decimal mark of values
	// own: the file is capex's output, whose texts that a spreadsheet
	// would take for formulas were written with a ' before them.
	own    bool
	src    recordSource
	last   int // line of the last parse error, to stop if the reader is stuck
	abouts aboutCache
	seen   int // records after the header that are not blank

	// The company and metric of the previous row, which the next row
	// usually shares.
	ticker, metric string
	company        *series.Company
	series         *series.Metric
}

// rows calls f for every record after the header with its line, reporting
// malformed CSV and records of the wrong length.
func (cr *csvReader) rows(width int, f func(rec []string, pos series.Pos)) {
	for {
		rec, line, err := cr.src.next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			cr.seen++
			if !cr.parseError(err) {
				return
			}
			continue
		}
		pos := cr.at.WithLine(line)
		if len(rec) != width {
			if blank(rec) {
				continue
			}
			cr.b.Problems.Errorf(pos, "", "the row has %d fields; the header has %d", len(rec), width)
			cr.seen++
			continue
		}
		// A row whose first field starts with a printable character is not
		// blank; only others need the full check.
		if (len(rec[0]) == 0 || rec[0][0] <= ' ') && blank(rec) {
			continue
		}
		cr.seen++
		f(rec, pos)
	}
}

// parseError reports malformed CSV; it returns false when reading cannot
// go on.
func (cr *csvReader) parseError(err error) bool {
	if errors.Is(err, errLongLine) {
		cr.b.Problems.Add(longLineProblem(cr.file, cr.src.(*plainSource).line))
		return false
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		cr.b.Problems.Errorf(series.At(cr.file, 0), "", "%v", err)
		return false
	}
	line := pe.Line
	if pe.StartLine != 0 && pe.StartLine != pe.Line {
		line = pe.StartLine
	}
	hint := ""
	if errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrQuote) {
		hint = `quote a field that contains quotes, and double the quotes inside it: "say ""26.3B"""`
	}
	cr.b.Problems.Errorf(series.At(cr.file, line), hint, "invalid CSV: %v", pe.Err)
	if pe.Line <= cr.last {
		return false
	}
	cr.last = pe.Line
	return true
}

func blank(rec []string) bool {
	for _, f := range rec {
		if trim(f) != "" {
			return false
		}
	}
	return true
}

// column is the index of a long-form column, or -1.
type column int

func (c column) in(rec []string) string {
	if c < 0 {
		return ""
	}
	return trim(rec[c])
}

// trim is strings.TrimSpace, quicker for the usual field without spaces.
func trim(s string) string {
	if len(s) == 0 || s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80 {
		return s
	}
	return strings.TrimSpace(s)
}

// rowFunc handles one record of a CSV file with reader cr.
type rowFunc func(cr *csvReader, rec []string, pos series.Pos)

// long checks a long-form header and returns the function that reads its
// rows, or nil after reporting why the header cannot be read.
func (cr *csvReader) long(cols []string) rowFunc {
	pos := series.At(cr.file, 1)
	var unknown []string
	idx := make([]column, len(longColumns))
	for i := range idx {
		idx[i] = -1
	}
	for i, c := range cols {
		j := slices.Index(longColumns, c)
		if j < 0 {
			if !slices.Contains(computedColumns, c) {
				unknown = append(unknown, fmt.Sprintf("%q", excerpt.Of(c)))
			}
			continue
		}
		idx[j] = column(i)
	}
	if len(unknown) > 0 {
		cr.b.Problems.Errorf(pos, "known columns: "+strings.Join(longColumns, ", "), "unknown column %s in the header", strings.Join(unknown, ", "))
		return nil
	}
	var missing []string
	for j, c := range longColumns[:3] {
		if idx[j] < 0 {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		cr.b.Problems.Errorf(pos, "the long form needs company, period and value columns", "the header has no %s column", strings.Join(missing, " or "))
		return nil
	}
	company, period, value, metricCol, basis, months, unitCol, currency, fye, source :=
		idx[0], idx[1], idx[2], idx[3], idx[4], idx[5], idx[6], idx[7], idx[8], idx[9]
	note, definition, start, end, filed := idx[10], idx[11], idx[12], idx[13], idx[14]
	return func(cr *csvReader, rec []string, pos series.Pos) {
		metric := metricCol.in(rec)
		if metric == "" {
			metric = DefaultMetric
		}
		// A row of capex's output without a value says why in its note
		// ("value: missing 2023Q2"): there is no figure to read.
		if value.in(rec) == "" && strings.HasPrefix(note.in(rec), "value: ") {
			return
		}
		c, m, ok := cr.target(company.in(rec), metric, pos)
		if !ok {
			return
		}
		if currency >= 0 || fye >= 0 {
			cr.b.Set(c, nil, series.AttrCurrency, currency.in(rec), pos)
			cr.b.Set(c, nil, series.AttrFiscalYearEnd, fye.in(rec), pos)
		}
		unit := DefaultUnit
		if m != nil {
			unit = m.Unit
		}
		if t := unitCol.in(rec); t != "" {
			u, err := amount.ParseUnit(t)
			if err != nil {
				cr.b.Problems.Errorf(pos, amount.UnitHint, "%v", err)
				return
			}
			unit = u
		}
		pt, m := cr.point(c, metric, m, unit, pos, &pointText{period: period.in(rec), basis: basis.in(rec), months: months.in(rec),
			value: value.in(rec), source: cr.text(source.in(rec)), note: cr.text(note.in(rec)), filed: filed.in(rec)})
		if m == nil {
			return
		}
		if definition >= 0 {
			cr.b.Set(c, m, series.AttrDefinition, cr.text(definition.in(rec)), pos)
		}
		// Dates written beside a period must be the period's under the
		// fiscal year end the row declares.
		if fye >= 0 && (start >= 0 || end >= 0) {
			first, last := pt.Span()
			cr.checkDates(c, pt, first, last, start.in(rec), end.in(rec), pos)
		}
	}
}

// text is a text field as written: in capex's own output, without the '
// that kept a spreadsheet from taking it for a formula.
func (cr *csvReader) text(s string) string {
	if cr.own {
		return render.Unneutral(s)
	}
	return s
}

// checkDates refuses a row whose start or end date is not that of
// quarters first..last under the company's fiscal calendar: a period read
// against the wrong calendar would be another stretch of time.
func (cr *csvReader) checkDates(c *series.Company, pt series.Point, first, last int, start, end string, pos series.Pos) {
	cal := c.Calendar
	wantStart, wantEnd := period.ISO(cal.SpanStart(first)), period.ISO(cal.SpanEnd(last))
	if start != "" && start != wantStart || end != "" && end != wantEnd {
		cr.b.Problems.Errorf(pos, "give the fiscal_year_end the dates were written under",
			"%s %s runs %s..%s under a fiscal year ending %s, not %s..%s", c.Ticker, cal.Label(pt.Period), wantStart, wantEnd, cal, start, end)
	}
}

// target returns the company with the ticker and its metric (nil when it
// does not exist yet), checking the names the first time they are seen.
func (cr *csvReader) target(ticker, metric string, pos series.Pos) (*series.Company, *series.Metric, bool) {
	if cr.company != nil && ticker == cr.ticker && metric == cr.metric {
		cr.b.Seen(cr.company, pos)
		if cr.series == nil {
			cr.series = cr.company.Metric(metric)
		}
		return cr.company, cr.series, true
	}
	if err := CheckTicker(ticker); err != nil {
		cr.b.Problems.Errorf(pos, "", "%v", err)
		return nil, nil, false
	}
	if err := CheckMetricID(metric); err != nil {
		cr.b.Problems.Errorf(pos, "", "%v", err)
		return nil, nil, false
	}
	cr.ticker, cr.metric = ticker, metric
	cr.company = cr.b.Company(ticker, pos)
	cr.series = cr.company.Metric(metric)
	return cr.company, cr.series, true
}

// wideColumns are the lower-case columns of the wide form that describe
// its rows rather than name a series: capex's own wide output writes
// them. A column named company makes the other columns metrics of that
// company; otherwise they are tickers, of metric (default capex).
var wideColumns = []string{"start", "end", "company", "metric", "calculation", "unit", "currency", "fiscal_year_end"}

// wide checks a wide-form header and returns the function that reads its
// rows, or nil after reporting why the header cannot be read.
func (cr *csvReader) wide(header []string) rowFunc {
	pos := series.At(cr.file, 1)
	names := make([]string, len(header))
	attr := map[string]int{}
	for i, h := range header[1:] {
		t := strings.TrimSpace(h)
		if slices.Contains(wideColumns, t) {
			attr[t] = i + 1
			continue
		}
		names[i+1] = t
	}
	_, byMetric := attr["company"]
	if _, ok := attr["metric"]; ok && byMetric {
		cr.b.Problems.Errorf(pos, "a wide file has a column per company (and a metric column) or per metric (and a company column)", "the header has both company and metric columns")
		return nil
	}
	for _, n := range names {
		if n == "" {
			continue
		}
		if byMetric {
			if err := CheckMetricID(n); err != nil {
				cr.b.Problems.Errorf(pos, "with a company column, the other columns are metric ids", "%v", err)
				return nil
			}
		} else if err := CheckTicker(n); err != nil {
			cr.b.Problems.Errorf(pos, "the wide form is period, then one column per ticker", "%v", err)
			return nil
		}
	}
	get := func(rec []string, name string) string {
		if i, ok := attr[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	return func(cr *csvReader, rec []string, pos series.Pos) {
		basis := ""
		switch calc := get(rec, "calculation"); calc {
		case "", "value":
		case "ttm":
			basis = "ttm" // a trailing-twelve-month figure
		default:
			cr.b.Problems.Errorf(pos, "capex reads figures (a value or ttm column), not growth rates or run rates",
				"calculation %q: not a figure", excerpt.Of(calc))
			return
		}
		for i := 1; i < len(rec); i++ {
			if names[i] == "" || strings.TrimSpace(rec[i]) == "" {
				continue // a describing column, or no figure in this period
			}
			ticker, metric := names[i], get(rec, "metric")
			if byMetric {
				ticker, metric = get(rec, "company"), names[i]
			}
			if metric == "" {
				metric = DefaultMetric
			}
			c, m, ok := cr.target(ticker, metric, pos)
			if !ok {
				return
			}
			cr.b.Set(c, nil, series.AttrCurrency, get(rec, "currency"), pos)
			cr.b.Set(c, nil, series.AttrFiscalYearEnd, get(rec, "fiscal_year_end"), pos)
			unit := DefaultUnit
			if m != nil {
				unit = m.Unit
			}
			if t := get(rec, "unit"); t != "" {
				u, err := amount.ParseUnit(t)
				if err != nil {
					cr.b.Problems.Errorf(pos, amount.UnitHint, "%v", err)
					return
				}
				unit = u
			}
			pt, m := cr.point(c, metric, m, unit, pos, &pointText{period: strings.TrimSpace(rec[0]), basis: basis, value: rec[i]})
			if m != nil && get(rec, "fiscal_year_end") != "" {
				// A wide row's dates are those of its quarter.
				seq := pt.Period.Seq()
				cr.checkDates(c, pt, seq, seq, get(rec, "start"), get(rec, "end"), pos)
			}
		}
	}
}

// point adds one figure to metric m (named metric, created when nil),
// and returns it and the metric; a nil metric when the figure could not
// be read.
func (cr *csvReader) point(c *series.Company, metric string, m *series.Metric, unit amount.Unit, pos series.Pos, t *pointText) (series.Point, *series.Metric) {
	pt, _, err := t.read(unit, cr.mark, &cr.abouts)
	if err != nil {
		cr.b.Problems.AddError(pos, err)
		return pt, nil
	}
	pt.Pos = pos
	if m == nil {
		m = cr.b.Metric(c, metric, unit, pos)
		if c == cr.company && metric == cr.metric {
			cr.series = m
		}
	}
	cr.b.AddPoint(m, pt, unit)
	return pt, m
}
