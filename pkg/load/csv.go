package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/series"
)

// The columns of the long CSV form. company, period and value are
// required; ticker is another name for company.
var longColumns = []string{"company", "period", "value", "metric", "basis", "months", "unit", "currency", "fiscal_year_end", "source"}

// DefaultMetric is the metric of CSV rows that do not name one.
const DefaultMetric = "capex"

// ReadCSV reads a CSV series file into b. The form is decided by the
// header:
//
//	long:  company,period,value[,metric,basis,months,unit,currency,fiscal_year_end,source]
//	wide:  period,AMZN,MSFT,...   (one column of discrete figures per ticker)
//
// Header names are case-insensitive; a UTF-8 byte-order mark, CRLF line
// ends and quoted fields are handled. Every problem is reported with its
// line.
func ReadCSV(name string, data []byte, b *series.Builder, opt Options) {
	cr := &csvReader{file: name, b: b, opt: opt}
	cr.r = csv.NewReader(bytes.NewReader(data))
	cr.r.FieldsPerRecord = -1
	cr.r.ReuseRecord = true
	header, err := cr.r.Read()
	if errors.Is(err, io.EOF) {
		b.Problems.Errorf(series.Pos{File: name}, "start with a header such as company,period,value", "empty CSV file")
		return
	}
	if err != nil {
		cr.parseError(err)
		return
	}
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = strings.ToLower(strings.TrimSpace(h))
		if cols[i] == "ticker" {
			cols[i] = "company"
		}
	}
	pos := series.Pos{File: name, Line: 1}
	for i, c := range cols {
		if c == "" {
			b.Problems.Errorf(pos, "", "column %d of the header has no name", i+1)
			return
		}
		for _, d := range cols[:i] {
			if c == d {
				b.Problems.Errorf(pos, "", "column %q appears twice in the header", excerpt.Of(header[i]))
				return
			}
		}
	}
	switch {
	case slices.Contains(cols, "company"):
		cr.long(cols)
	case cols[0] == "period" && len(cols) > 1:
		cr.wide(header)
	default:
		b.Problems.Errorf(pos, "use company,period,value (long form) or period,TICKER,... (wide form)",
			"the header names neither company, period and value nor period and tickers")
	}
}

type csvReader struct {
	file string
	b    *series.Builder
	opt  Options
	r    *csv.Reader
	last int // line of the last parse error, to stop if the reader is stuck
}

// rows calls f for every record after the header with its line, reporting
// malformed CSV and records of the wrong length.
func (cr *csvReader) rows(width int, f func(rec []string, pos series.Pos)) {
	for {
		rec, err := cr.r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			if !cr.parseError(err) {
				return
			}
			continue
		}
		line, _ := cr.r.FieldPos(0)
		pos := series.Pos{File: cr.file, Line: line}
		if len(rec) != width {
			if blank(rec) {
				continue
			}
			cr.b.Problems.Errorf(pos, "", "the row has %d fields; the header has %d", len(rec), width)
			continue
		}
		if blank(rec) {
			continue
		}
		f(rec, pos)
	}
}

// parseError reports malformed CSV; it returns false when reading cannot
// go on.
func (cr *csvReader) parseError(err error) bool {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		cr.b.Problems.Errorf(series.Pos{File: cr.file}, "", "%v", err)
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
	cr.b.Problems.Errorf(series.Pos{File: cr.file, Line: line}, hint, "invalid CSV: %v", pe.Err)
	if pe.Line <= cr.last {
		return false
	}
	cr.last = pe.Line
	return true
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func (cr *csvReader) long(cols []string) {
	pos := series.Pos{File: cr.file, Line: 1}
	var unknown []string
	idx := map[string]int{}
	for i, c := range cols {
		if !slices.Contains(longColumns, c) {
			unknown = append(unknown, fmt.Sprintf("%q", excerpt.Of(c)))
			continue
		}
		idx[c] = i
	}
	if len(unknown) > 0 {
		cr.b.Problems.Errorf(pos, "known columns: "+strings.Join(longColumns, ", "), "unknown column %s in the header", strings.Join(unknown, ", "))
		return
	}
	var missing []string
	for _, c := range longColumns[:3] {
		if _, ok := idx[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		cr.b.Problems.Errorf(pos, "the long form needs company, period and value columns", "the header has no %s column", strings.Join(missing, " or "))
		return
	}
	field := func(rec []string, c string) string {
		if i, ok := idx[c]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	cr.rows(len(cols), func(rec []string, pos series.Pos) {
		ticker := field(rec, "company")
		if err := CheckTicker(ticker); err != nil {
			cr.b.Problems.Errorf(pos, "", "%v", err)
			return
		}
		metric := field(rec, "metric")
		if metric == "" {
			metric = DefaultMetric
		}
		if err := CheckMetricID(metric); err != nil {
			cr.b.Problems.Errorf(pos, "", "%v", err)
			return
		}
		c := cr.b.Company(ticker, pos)
		cr.b.Set(c, nil, series.AttrCurrency, field(rec, "currency"), pos)
		cr.b.Set(c, nil, series.AttrFiscalYearEnd, field(rec, "fiscal_year_end"), pos)
		unit := DefaultUnit
		if m := c.Metric(metric); m != nil {
			unit = m.Unit
		}
		if t := field(rec, "unit"); t != "" {
			u, err := amount.ParseUnit(t)
			if err != nil {
				cr.b.Problems.Errorf(pos, amount.UnitHint, "%v", err)
				return
			}
			unit = u
		}
		cr.point(c, metric, unit, pos, pointText{period: field(rec, "period"), basis: field(rec, "basis"), months: field(rec, "months"), value: field(rec, "value"), source: field(rec, "source")})
	})
}

func (cr *csvReader) wide(header []string) {
	pos := series.Pos{File: cr.file, Line: 1}
	tickers := make([]string, len(header))
	for i, h := range header[1:] {
		t := strings.TrimSpace(h)
		if err := CheckTicker(t); err != nil {
			cr.b.Problems.Errorf(pos, "the wide form is period, then one column per ticker", "%v", err)
			return
		}
		tickers[i+1] = t
	}
	cr.rows(len(header), func(rec []string, pos series.Pos) {
		for i := 1; i < len(rec); i++ {
			if strings.TrimSpace(rec[i]) == "" {
				continue // no figure for this company in this period
			}
			c := cr.b.Company(tickers[i], pos)
			unit := DefaultUnit
			if m := c.Metric(DefaultMetric); m != nil {
				unit = m.Unit
			}
			cr.point(c, DefaultMetric, unit, pos, pointText{period: strings.TrimSpace(rec[0]), value: rec[i]})
		}
	})
}

func (cr *csvReader) point(c *series.Company, metric string, unit amount.Unit, pos series.Pos, t pointText) {
	pt, _, err := t.read(unit, cr.opt)
	if err != nil {
		cr.b.Problems.Errorf(pos, hintFor(err), "%v", err)
		return
	}
	pt.Pos = pos
	cr.b.AddPoint(cr.b.Metric(c, metric, unit, pos), pt, unit)
}
