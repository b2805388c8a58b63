package load

import (
	"github.com/capexdev/capex/pkg/internal/excerpt"

	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// maxAliasExpansions bounds how many YAML aliases a file may dereference,
// so that an alias bomb is refused instead of expanded.
const maxAliasExpansions = 1000

var (
	topKeys     = []string{"companies"}
	companyKeys = []string{"ticker", "name", "cik", "fiscal_year_end", "currency", "unit", "metrics"}
	metricKeys  = []string{"id", "label", "definition", "unit", "source", "points"}
	pointKeys   = []string{"period", "value", "basis", "months", "source", "note"}
)

// ReadYAML reads a YAML series file into b, reporting every problem at its
// line. Numbers are read from the literal text of each node: YAML's own
// number types (and float64) are never involved.
func ReadYAML(name string, data []byte, b *series.Builder, opt Options) {
	r := &yamlReader{file: name, b: b, opt: opt}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.errf(nil, `start the file with "companies:"`, "empty YAML document")
			return
		}
		r.syntax(err)
		return
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		r.errf(&extra, "put all companies in one document", "a second YAML document is not read")
	} else if !errors.Is(err, io.EOF) {
		r.syntax(err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	top := r.fields(root, "the document", topKeys)
	if top == nil {
		return
	}
	companies := r.deref(top["companies"])
	if companies == nil {
		r.errf(root, `list companies under "companies:"`, "no companies")
		return
	}
	if companies.Kind != yaml.SequenceNode {
		r.errf(companies, "", "companies must be a list")
		return
	}
	for _, c := range companies.Content {
		r.company(c)
	}
}

type yamlReader struct {
	file    string
	b       *series.Builder
	opt     Options
	aliases int
}

func (r *yamlReader) pos(n *yaml.Node) series.Pos {
	if n == nil {
		return series.Pos{File: r.file}
	}
	return series.Pos{File: r.file, Line: n.Line}
}

func (r *yamlReader) errf(n *yaml.Node, hint, format string, args ...any) {
	r.b.Problems.Errorf(r.pos(n), hint, format, args...)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// YAMLLineHint explains the line numbers of YAML syntax errors: the
// parser names the line where the enclosing block, list or mapping starts
// (sometimes the line before it), not always the line of the mistake.
const YAMLLineHint = "the YAML parser gives the line where the enclosing block or list starts; the mistake may be a line or two later"

// syntax reports a YAML syntax error at the line it names.
func (r *yamlReader) syntax(err error) {
	msg := err.Error()
	pos := series.Pos{File: r.file}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	r.b.Problems.Errorf(pos, YAMLLineHint, "invalid YAML: %s", msg)
}

// deref follows aliases, refusing to expand more than a small number.
func (r *yamlReader) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		r.aliases++
		if r.aliases == maxAliasExpansions+1 {
			r.errf(n, "write the values out instead of using anchors and aliases", "YAML aliases expand beyond %d references", maxAliasExpansions)
		}
		if r.aliases > maxAliasExpansions {
			return nil
		}
		n = n.Alias
	}
	return n
}

// fields returns a mapping's values by key, reporting keys not in known,
// duplicate keys, and a node that is not a mapping (then it returns nil).
func (r *yamlReader) fields(n *yaml.Node, what string, known []string) map[string]*yaml.Node {
	n = r.deref(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.errf(n, "", "%s must be a mapping of keys to values", what)
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if !contains(known, key) {
			r.errf(k, "known keys: "+strings.Join(known, ", "), "unknown key %q in %s", excerpt.Of(key), what)
			continue
		}
		if _, dup := out[key]; dup {
			r.errf(k, "", "key %q appears twice in %s", key, what)
			continue
		}
		out[key] = v
	}
	return out
}

// scalar returns the literal text of a scalar node ("" for null or
// missing); ok is false, with a problem reported, when it is not a scalar.
func (r *yamlReader) scalar(n *yaml.Node, what string) (string, bool) {
	n = r.deref(n)
	if n == nil {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		r.errf(n, "", "%s must be a single value", what)
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}

func (r *yamlReader) unit(n *yaml.Node, def amount.Unit) amount.Unit {
	s, ok := r.scalar(n, "unit")
	if !ok || s == "" {
		return def
	}
	u, err := amount.ParseUnit(s)
	if err != nil {
		r.errf(n, amount.UnitHint, "%v", err)
		return def
	}
	return u
}

// name reads the key that names a company or metric: it must be present
// and pass check.
func (r *yamlReader) name(f map[string]*yaml.Node, n *yaml.Node, key, missing, hint string, check func(string) error) (string, bool) {
	v, _ := r.scalar(f[key], key)
	if v == "" {
		r.errf(n, hint, "%s", missing)
		return "", false
	}
	if err := check(v); err != nil {
		r.errf(f[key], "", "%v", err)
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
		if v, ok := r.scalar(f[ka.key], ka.key); ok && v != "" {
			r.b.Set(c, m, ka.attr, v, r.pos(f[ka.key]))
		}
	}
}

func (r *yamlReader) company(n *yaml.Node) {
	f := r.fields(n, "a company", companyKeys)
	if f == nil {
		return
	}
	n = r.deref(n)
	ticker, ok := r.name(f, n, "ticker", "company without a ticker", "add ticker: with the company's ticker symbol", CheckTicker)
	if !ok {
		return
	}
	c := r.b.Company(ticker, r.pos(n))
	r.attrs(c, nil, f, companyAttrs)
	unit := r.unit(f["unit"], DefaultUnit)
	metrics := r.deref(f["metrics"])
	if metrics == nil || metrics.Kind == yaml.SequenceNode && len(metrics.Content) == 0 {
		r.errf(n, "list the company's series under metrics:", "%s has no metrics", c.Ticker)
		return
	}
	if metrics.Kind != yaml.SequenceNode {
		r.errf(metrics, "", "metrics must be a list")
		return
	}
	for _, m := range metrics.Content {
		r.metric(c, m, unit)
	}
}

func (r *yamlReader) metric(c *series.Company, n *yaml.Node, unit amount.Unit) {
	f := r.fields(n, "a metric", metricKeys)
	if f == nil {
		return
	}
	n = r.deref(n)
	id, ok := r.name(f, n, "id", "metric without an id", "add id: such as capex", CheckMetricID)
	if !ok {
		return
	}
	unit = r.unit(f["unit"], unit)
	m := r.b.Metric(c, id, unit, r.pos(n))
	r.attrs(c, m, f, metricAttrs)
	source, _ := r.scalar(f["source"], "source")
	points := r.deref(f["points"])
	switch {
	case points == nil || len(points.Content) == 0 && points.Kind != yaml.ScalarNode:
		r.errf(n, "list the figures under points:", "%s %s has no points", c.Ticker, id)
	case points.Kind == yaml.SequenceNode:
		for _, p := range points.Content {
			r.point(m, p, unit, source)
		}
	case points.Kind == yaml.MappingNode:
		// The compact form: {2024Q3: 22620, 2024Q4: 27834}.
		for i := 0; i+1 < len(points.Content); i += 2 {
			k, v := points.Content[i], points.Content[i+1]
			ptext, _ := r.scalar(k, "a period")
			vtext, ok := r.scalar(v, "a value")
			if ok {
				r.add(m, unit, k, ptext, k, vtext, "", "", source, "")
			}
		}
	default:
		r.errf(points, "", "points must be a list or a mapping of period: value")
	}
}

func (r *yamlReader) point(m *series.Metric, n *yaml.Node, unit amount.Unit, source string) {
	f := r.fields(n, "a point", pointKeys)
	if f == nil {
		return
	}
	n = r.deref(n)
	text := map[string]string{}
	for _, k := range pointKeys {
		s, ok := r.scalar(f[k], k)
		if !ok {
			return
		}
		text[k] = s
	}
	if f["period"] == nil {
		r.errf(n, "", "point without a period")
		return
	}
	if f["value"] == nil {
		r.errf(n, "give value:, or leave the point out when the figure is unknown", "point without a value")
		return
	}
	if text["source"] != "" {
		source = text["source"]
	}
	vnode := f["value"]
	r.add(m, unit, f["period"], text["period"], vnode, text["value"], text["basis"], text["months"], source, text["note"])
}

// add reads one point's texts; pnode and vnode place problems.
func (r *yamlReader) add(m *series.Metric, unit amount.Unit, pnode *yaml.Node, ptext string, vnode *yaml.Node, vtext, btext, mtext, source, note string) {
	t := pointText{period: ptext, basis: btext, months: mtext, value: vtext, source: source, note: note}
	pt, valueErr, err := t.read(unit, r.opt)
	if err != nil {
		n := pnode
		if valueErr {
			n = vnode
		}
		r.errf(n, hintFor(err), "%v", err)
		return
	}
	pt.Pos = r.pos(vnode)
	r.b.AddPoint(m, pt, unit)
}

// pointText is a point as written in a file.
type pointText struct {
	period, basis, months, value, source, note string
}

// read turns the texts into a point whose value is in unit (the unit of
// the text when it has no scale suffix). valueErr tells whether an error
// is about the value rather than the period, basis or months.
func (t pointText) read(unit amount.Unit, opt Options) (pt series.Point, valueErr bool, err error) {
	pt, err = ReadPoint(t.period, t.basis, t.months)
	if err != nil {
		return pt, false, err
	}
	a, err := amount.Parse(t.value, amount.Options{DecimalComma: opt.DecimalComma})
	if err != nil {
		return pt, true, err
	}
	pt.Value = a.In(unit, unit)
	pt.Source, pt.Note = t.source, t.note
	return pt, false, nil
}

// ReadPoint reads a point's period, basis and months from their texts
// (basis and months may be empty).
func ReadPoint(ptext, btext, mtext string) (series.Point, error) {
	p, err := period.Parse(ptext)
	if err != nil {
		return series.Point{}, err
	}
	var basis series.Basis
	if strings.TrimSpace(btext) != "" {
		if basis, err = series.ParseBasis(btext); err != nil {
			return series.Point{}, hinted{err, series.BasisHint}
		}
	}
	months := 0
	if t := strings.TrimSpace(mtext); t != "" {
		if months, err = strconv.Atoi(t); err != nil || months <= 0 {
			return series.Point{}, hinted{fmt.Errorf("months %q: not a whole number of months", excerpt.Of(mtext)), "months is 3, 6, 9 or 12"}
		}
	}
	q, basis, months, err := series.PointSpec(p, basis, months)
	if err != nil {
		return series.Point{}, err
	}
	return series.Point{Period: q, Basis: basis, Months: months}, nil
}
