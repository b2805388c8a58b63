package sec

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/period"
)

// Series is an import and how its series is named.
type Series struct {
	*Import
	Ticker string // upper case
	Metric string // metric id
	From   string // what was read, for the header comment: a file name or URL
}

// YAML writes imports as a capex series file: a company per import, with
// one metric, and a point per fact kept with its source (form, accession
// number, filing date) and a note naming its concept and dates.
func YAML(ss []Series) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Imported by capex import sec from SEC XBRL companyfacts. Each point is one\n")
	b.WriteString("# fact as filed (the latest filed value of its period, or the first when\n")
	b.WriteString("# imported as reported), or a quarter derived from the figures of one\n")
	b.WriteString("# vintage of the filings, its derivation in its note;\n")
	b.WriteString("# capex derives the quarters not filed from the year-to-date facts\n")
	b.WriteString("# (Q2 = 6M − Q1, Q4 = FY − 9M).\n")
	var companies []*yaml.Node
	for _, s := range ss {
		fmt.Fprintf(&b, "#\n# %s from %s\n", s.Ticker, oneLine(s.From))
		for _, c := range s.Concepts {
			fmt.Fprintf(&b, "#   concept: %s\n", oneLine(c))
		}
		for _, w := range s.Warnings {
			fmt.Fprintf(&b, "#   note: %s\n", oneLine(w.Msg))
		}
		companies = append(companies, s.node())
	}
	doc := mapping("companies", &yaml.Node{Kind: yaml.SequenceNode, Content: companies})
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// node is the company of s as YAML.
func (s Series) node() *yaml.Node {
	im := s.Import

	company := mapping("ticker", str(s.Ticker))
	if im.Name != "" {
		company.Content = append(company.Content, str("name"), str(im.Name))
	}
	if im.CIK != 0 {
		company.Content = append(company.Content, str("cik"), str(fmt.Sprintf("%010d", im.CIK)))
	}
	company.Content = append(company.Content,
		str("fiscal_year_end"), str(im.Calendar.String()),
		str("currency"), str(im.Currency),
		str("unit"), str(im.Unit.String()),
	)
	points := &yaml.Node{Kind: yaml.SequenceNode}
	for _, p := range im.Points {
		pt := mapping("period", str(p.Label(im.Calendar)))
		pt.Style = yaml.FlowStyle
		if p.Months == 3 {
			pt.Content = append(pt.Content, str("basis"), str("quarter"))
		} else if p.Months != 12 {
			pt.Content = append(pt.Content, str("basis"), str("ytd"), str("months"), num(strconv.Itoa(int(p.Months))))
		}
		pt.Content = append(pt.Content,
			str("value"), num(amount.Convert(p.Fact.Value, amount.One, im.Unit).String()),
			str("source"), str(p.Source()),
			str("filed"), str(period.ISO(p.Filed())),
			str("note"), str(p.Remark()),
		)
		points.Content = append(points.Content, pt)
	}
	metric := mapping("id", str(s.Metric))
	if im.Label != "" {
		metric.Content = append(metric.Content, str("label"), str(im.Label))
	}
	metric.Content = append(metric.Content, str("definition"), str(im.Definition), str("points"), points)
	company.Content = append(company.Content, str("metrics"), &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{metric}})
	return company
}

// mapping is a YAML mapping that starts with key: value.
func mapping(key string, value *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str(key), value}}
}

// str is a string scalar, quoted when YAML would read it as anything else.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// num is a number scalar written as its exact decimal text.
func num(s string) *yaml.Node {
	tag := "!!int"
	if strings.ContainsAny(s, ".") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

// oneLine keeps a comment on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
