package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/param"
)

// Column is a calculation made at every quarter of a series: a column of
// capex show, a cell of its wide view, a figure a check can be about.
// Columns lists them; a new one is an entry there (and, for speed on
// bulk files, a case in Quarters.Append).
type Column struct {
	Name string // "ttm"
	Help string // "the sum of the four quarters ending there"
	// Label names the calculation before a period in formulas and
	// messages: "TTM 2024Q4"; "" for the quarter's value itself.
	Label string
	// Rate is a growth fraction (shown as a percentage in tables), not an
	// amount in the series' unit.
	Rate bool
	// Default columns are shown when none are chosen.
	Default bool
	// Back is how many quarters before the one it is at the calculation
	// reaches: 3 for a TTM, 4 for YoY.
	Back int

	kind colKind
	calc func(q *Quarters, seq int) Result
}

type colKind uint8

const (
	colValue colKind = iota + 1
	colTTM
	colQoQ
	colYoY
	colRunRate
)

// The columns.
var (
	ValueColumn = &Column{Name: "value", Help: "the quarter", Default: true, kind: colValue,
		calc: (*Quarters).Value}
	TTMColumn = &Column{Name: "ttm", Label: "TTM", Help: "the sum of the four quarters ending there", Default: true, Back: 3, kind: colTTM,
		calc: (*Quarters).TTM}
	QoQColumn = &Column{Name: "qoq", Label: "QoQ", Help: "growth from the previous fiscal quarter", Rate: true, Default: true, Back: 1, kind: colQoQ,
		calc: (*Quarters).QoQ}
	YoYColumn = &Column{Name: "yoy", Label: "YoY", Help: "growth from the same fiscal quarter a year earlier", Rate: true, Default: true, Back: 4, kind: colYoY,
		calc: (*Quarters).YoY}
	RunRateColumn = &Column{Name: "runrate", Label: "run rate", Help: "the quarter × 4", kind: colRunRate,
		calc: (*Quarters).RunRate}
)

// Columns lists the columns in the order capex show puts them.
var Columns = []*Column{ValueColumn, TTMColumn, QoQColumn, YoYColumn, RunRateColumn}

// ColumnNames lists the columns' names.
func ColumnNames() []string {
	names := make([]string, len(Columns))
	for i, c := range Columns {
		names[i] = c.Name
	}
	return names
}

// DefaultColumns lists the columns shown when none are chosen.
func DefaultColumns() []*Column {
	var out []*Column
	for _, c := range Columns {
		if c.Default {
			out = append(out, c)
		}
	}
	return out
}

// ColumnByName returns the column called name (any case), or nil.
func ColumnByName(name string) *Column {
	for _, c := range Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// ParseColumns reads a comma-separated list of column names, in the order
// given. An unknown or repeated name is a *param.Error about "columns".
func ParseColumns(list string) ([]*Column, error) {
	var out []*Column
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		c := ColumnByName(name)
		if c == nil {
			return nil, param.Errorf("columns", name, strings.Join(ColumnNames(), ", "), "not a column")
		}
		for _, d := range out {
			if d == c {
				return nil, param.Errorf("columns", name, "each column once", "a column named twice")
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// Calc computes the column at quarter seq.
func (q *Quarters) Calc(c *Column, seq int) Result { return c.calc(q, seq) }

// Explain writes the formula of column c at quarter seq, such as
// "YoY 2025Q4 = (39,522 − 27,834) / 27,834 = 0.4199…", with amounts
// formatted by in; "" when it has no value, or when the value is one
// printed figure.
func (q *Quarters) Explain(c *Column, seq int, in func(decimal.Decimal) string) string {
	label := q.Label(seq)
	v := q.Calc(c, seq)
	if !v.OK() {
		return ""
	}
	switch c.kind {
	case colValue:
		if _, d := q.Sources(seq, seq); d != "" {
			return fmt.Sprintf("%s = %s = %s", label, q.SumFormula(seq, seq, in), in(v.Decimal()))
		}
		return ""
	case colTTM:
		return fmt.Sprintf("TTM %s = %s = %s", label, q.ttmFormula(seq, in), in(v.Decimal()))
	case colQoQ, colYoY:
		cur, base := q.Value(seq), q.Value(seq-c.Back)
		return fmt.Sprintf("%s %s = (%s − %s) / %s = %s", c.Label, label, in(cur.Decimal()), in(base.Decimal()), in(base.Decimal()), unitless(v.Decimal()))
	case colRunRate:
		return fmt.Sprintf("run rate %s = %s × 4 = %s", label, in(q.Value(seq).Decimal()), in(v.Decimal()))
	}
	return fmt.Sprintf("%s %s = %s", c.Label, label, in(v.Decimal()))
}

// Lengths notes a calculation at quarter seq that sets spans of
// different lengths against each other, as a 52/53-week calendar does:
// growth from a 91-day quarter to a 98-day one ("98 days against 91"), a
// TTM of 371 days against the 364 of the TTM a year before, a run rate
// of a 98-day quarter. "" when the lengths differ by 3% or less, as the
// months of a calendar quarter do.
func (q *Quarters) Lengths(c *Column, seq int) string {
	cal := q.Company.Calendar
	if !cal.Weeks() {
		return ""
	}
	var now, then int
	switch c.kind {
	case colQoQ, colYoY:
		now, then = cal.Days(seq, seq), cal.Days(seq-c.Back, seq-c.Back)
	case colTTM:
		now, then = cal.Days(seq-3, seq), cal.Days(seq-7, seq-4)
	case colRunRate:
		now, then = 4*cal.Days(seq, seq), cal.Days(seq+1, seq+4)
		if lengthsDiffer(now, then) {
			return fmt.Sprintf("× 4 is %d days of spend for a year of %d", now, then)
		}
		return ""
	default:
		return ""
	}
	if lengthsDiffer(now, then) {
		return fmt.Sprintf("%d days against %d", now, then)
	}
	return ""
}
