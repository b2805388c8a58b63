package load

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
	"github.com/capexdev/capex/pkg/yamlnode"
)

var (
	topKeys     = []string{"decimal_mark", "companies"}
	companyKeys = []string{"ticker", "name", "cik", "fiscal_year_end", "currency", "unit", "metrics"}
	metricKeys  = []string{"id", "label", "definition", "unit", "source", "points"}
	pointKeys   = []string{"period", "value", "basis", "months", "source", "note", "filed"}
)

// ReadYAML reads a YAML series file into b, reporting every problem at its
// line. Numbers are read from the literal text of each node: YAML's own
// number types (and float64) are never involved. Values use "." as the
// decimal mark unless the file declares "decimal_mark: ','" at the top.
func ReadYAML(name string, data []byte, b *series.Builder, opt Options) {
	r := &yamlReader{Reader: yamlnode.Reader{File: name, Problems: &b.Problems}, b: b}
	root := r.Root(data, `start the file with "companies:"`)
	if root == nil {
		return
	}
	top := r.Fields(root, "the document", topKeys)
	if top == nil {
		return
	}
	if n := top["decimal_mark"]; n != nil {
		s, ok := r.Scalar(n, "decimal_mark")
		if !ok {
			return
		}
		mark, err := parseMark(s)
		if err != nil {
			r.Errorf(n, markHint, "%v", err)
			return
		}
		r.mark = mark
	}
	companies := r.Deref(top["companies"])
	if companies == nil {
		r.Errorf(root, `list companies under "companies:"`, "no companies")
		return
	}
	list, ok := r.List(companies, "companies")
	if !ok {
		return
	}
	for _, c := range list {
		r.company(c)
	}
}

// YAMLLineHint explains the line numbers of YAML syntax errors.
const YAMLLineHint = yamlnode.LineHint

type yamlReader struct {
	yamlnode.Reader
	b      *series.Builder
	mark   amount.Mark
	abouts aboutCache
}

func (r *yamlReader) unit(n *yaml.Node, def amount.Unit) amount.Unit {
	s, ok := r.Scalar(n, "unit")
	if !ok || s == "" {
		return def
	}
	u, err := amount.ParseUnit(s)
	if err != nil {
		r.Errorf(n, amount.UnitHint, "%v", err)
		return def
	}
	return u
}

// name reads the key that names a company or metric: it must be present
// and pass check.
func (r *yamlReader) name(f map[string]*yaml.Node, n *yaml.Node, key, missing, hint string, check func(string) error) (string, bool) {
	v, _ := r.Scalar(f[key], key)
	if v == "" {
		r.Errorf(n, hint, "%s", missing)
		return "", false
	}
	if err := check(v); err != nil {
		r.Errorf(f[key], "", "%v", err)
		return "", false
	}
	return v, true
}

// keyAttr pairs a YAML key with the attribute it declares.
type keyAttr struct {
	key  string
	attr series.Attr
}

var (
	companyAttrs = []keyAttr{{"name", series.AttrName}, {"cik", series.AttrCIK}, {"currency", series.AttrCurrency}, {"fiscal_year_end", series.AttrFiscalYearEnd}}
	metricAttrs  = []keyAttr{{"label", series.AttrLabel}, {"definition", series.AttrDefinition}}
)

// attrs declares the attributes given in f, in a fixed order.
func (r *yamlReader) attrs(c *series.Company, m *series.Metric, f map[string]*yaml.Node, list []keyAttr) {
	for _, ka := range list {
		if v, ok := r.Scalar(f[ka.key], ka.key); ok && v != "" {
			r.b.Set(c, m, ka.attr, v, r.Pos(f[ka.key]))
		}
	}
}

func (r *yamlReader) company(n *yaml.Node) {
	f := r.Fields(n, "a company", companyKeys)
	if f == nil {
		return
	}
	n = r.Deref(n)
	ticker, ok := r.name(f, n, "ticker", "company without a ticker", "add ticker: with the company's ticker symbol", CheckTicker)
	if !ok {
		return
	}
	c := r.b.Company(ticker, r.Pos(n))
	r.attrs(c, nil, f, companyAttrs)
	unit := r.unit(f["unit"], DefaultUnit)
	metrics := r.Deref(f["metrics"])
	if metrics == nil || metrics.Kind == yaml.SequenceNode && len(metrics.Content) == 0 {
		r.Errorf(n, "list the company's series under metrics:", "%s has no metrics", c.Ticker)
		return
	}
	if metrics.Kind != yaml.SequenceNode {
		r.Errorf(metrics, "", "metrics must be a list")
		return
	}
	for _, m := range metrics.Content {
		r.metric(c, m, unit)
	}
}

func (r *yamlReader) metric(c *series.Company, n *yaml.Node, unit amount.Unit) {
	f := r.Fields(n, "a metric", metricKeys)
	if f == nil {
		return
	}
	n = r.Deref(n)
	id, ok := r.name(f, n, "id", "metric without an id", "add id: such as capex", CheckMetricID)
	if !ok {
		return
	}
	unit = r.unit(f["unit"], unit)
	m := r.b.Metric(c, id, unit, r.Pos(n))
	r.attrs(c, m, f, metricAttrs)
	source, _ := r.Scalar(f["source"], "source")
	points := r.Deref(f["points"])
	switch {
	case points == nil || len(points.Content) == 0 && points.Kind != yaml.ScalarNode:
		r.Errorf(n, "list the figures under points:", "%s %s has no points", c.Ticker, id)
	case points.Kind == yaml.SequenceNode:
		for _, p := range points.Content {
			r.point(m, p, unit, source)
		}
	case points.Kind == yaml.MappingNode:
		// The compact form: {2024Q3: 22620, 2024Q4: 27834}.
		for i := 0; i+1 < len(points.Content); i += 2 {
			k, v := points.Content[i], points.Content[i+1]
			ptext, _ := r.Scalar(k, "a period")
			vtext, ok := r.Scalar(v, "a value")
			if ok {
				r.add(m, unit, k, k, &pointText{period: ptext, value: vtext, source: source})
			}
		}
	default:
		r.Errorf(points, "", "points must be a list or a mapping of period: value")
	}
}

func (r *yamlReader) point(m *series.Metric, n *yaml.Node, unit amount.Unit, source string) {
	f := r.Fields(n, "a point", pointKeys)
	if f == nil {
		return
	}
	n = r.Deref(n)
	text := map[string]string{}
	for _, k := range pointKeys {
		s, ok := r.Scalar(f[k], k)
		if !ok {
			return
		}
		text[k] = s
	}
	if f["period"] == nil {
		r.Errorf(n, "", "point without a period")
		return
	}
	if f["value"] == nil {
		r.Errorf(n, "give value:, or leave the point out when the figure is unknown", "point without a value")
		return
	}
	if text["source"] != "" {
		source = text["source"]
	}
	t := &pointText{period: text["period"], basis: text["basis"], months: text["months"], value: text["value"],
		source: source, note: text["note"], filed: text["filed"]}
	r.add(m, unit, f["period"], f["value"], t)
}

// add reads one point's texts; pnode and vnode place problems.
func (r *yamlReader) add(m *series.Metric, unit amount.Unit, pnode, vnode *yaml.Node, t *pointText) {
	pt, valueErr, err := t.read(unit, r.mark, &r.abouts)
	if err != nil {
		n := pnode
		if valueErr {
			n = vnode
		}
		r.Problems.AddError(r.Pos(n), err)
		return
	}
	pt.Pos = r.Pos(vnode)
	r.b.AddPoint(m, pt, unit)
}

// aboutCache lets consecutive points with the same source, note and
// filing date share one series.About.
type aboutCache struct{ last *series.About }

func (c *aboutCache) get(source, note, filed string) *series.About {
	if source == "" && note == "" && filed == "" {
		return nil
	}
	if l := c.last; l == nil || l.Source != source || l.Note != note || l.Filed != filed {
		// Copies: the texts read may be parts of a whole file's.
		c.last = &series.About{Source: strings.Clone(source), Note: strings.Clone(note), Filed: filed}
	}
	return c.last
}

// pointText is a point as written in a file.
type pointText struct {
	period, basis, months, value, source, note, filed string
}

// read turns the texts into a point whose value is in unit (the unit of
// the text when it has no scale suffix). valueErr tells whether an error
// is about the value rather than the period, basis or months.
func (t *pointText) read(unit amount.Unit, mark amount.Mark, abouts *aboutCache) (pt series.Point, valueErr bool, err error) {
	pt, err = ReadPoint(t.period, t.basis, t.months)
	if err != nil {
		return pt, false, err
	}
	a, err := amount.ParseExact(t.value, amount.Options{Mark: mark})
	if err != nil {
		return pt, true, err
	}
	u := unit
	if a.Scaled {
		u = a.Unit
	}
	pt.Value = a.Value.In(u, unit)
	pt.Symbol = a.Symbol
	filed, err := ReadDate(t.filed)
	if err != nil {
		return pt, false, err
	}
	pt.About = abouts.get(t.source, t.note, filed)
	return pt, false, nil
}

// ReadDate reads the date a figure was filed or published: YYYY-MM-DD,
// or empty.
func ReadDate(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", nil
	}
	d, err := time.Parse(time.DateOnly, t)
	if err != nil {
		return "", hinted{fmt.Errorf("filed %q: not a date", excerpt.Of(s)), "write the filing date as YYYY-MM-DD, such as 2026-02-05"}
	}
	return d.Format(time.DateOnly), nil
}

// ReadPoint reads a point's period, basis and months from their texts
// (basis and months may be empty).
func ReadPoint(ptext, btext, mtext string) (series.Point, error) {
	p, err := period.Parse(ptext)
	if err != nil {
		return series.Point{}, err
	}
	var basis series.Basis
	if btext != "" && strings.TrimSpace(btext) != "" {
		if basis, err = series.ParseBasis(btext); err != nil {
			return series.Point{}, hinted{err, series.BasisHint}
		}
	}
	months := 0
	if t := mtext; t != "" && strings.TrimSpace(t) != "" {
		t = strings.TrimSpace(t)
		if months, err = strconv.Atoi(t); err != nil || months <= 0 {
			return series.Point{}, hinted{fmt.Errorf("months %q: not a whole number of months", excerpt.Of(mtext)), "months is 3, 6, 9 or 12"}
		}
	}
	q, basis, months, err := series.PointSpec(p, basis, months)
	if err != nil {
		return series.Point{}, err
	}
	return series.Point{Period: q, Basis: basis, Months: uint8(months)}, nil
}
