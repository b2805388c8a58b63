package check

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/internal/yamlnode"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/series"
)

// The keys of a check. The projection keys are the flags of capex project.
var checkKeys = []string{
	"name", "company", "metric", "figure", "period", "expect", "unit", "tolerance", "source", "definition",
	"data", "known_discrepancy", "base", "annualize", "trailing", "growth", "trend", "window", "horizon", "as-of",
}

var methodKeys = []string{"annualize", "trailing", "growth", "trend", "window", "horizon", "as-of"}

// Read parses an expectations file. Every problem is recorded in ps with
// its line; the checks returned are those that could be read.
func Read(name string, data []byte, ps *series.Problems) []*Check {
	r := &yamlnode.Reader{File: name, Problems: ps}
	root := r.Root(data, `start the file with "checks:"`)
	if root == nil {
		return nil
	}
	top := r.Fields(root, "the document", []string{"checks"})
	if top == nil {
		return nil
	}
	items, ok := r.List(top["checks"], "checks")
	if !ok {
		return nil
	}
	if len(items) == 0 {
		r.Errorf(root, "list the checks under checks:", "no checks")
		return nil
	}
	var checks []*Check
	names := map[string]series.Pos{}
	for _, n := range items {
		c := readCheck(r, n)
		if c == nil {
			continue
		}
		if first, dup := names[c.Name]; dup {
			ps.Errorf(c.Line("name"), "give every check its own name", "check %q appears twice (first at %s)", excerpt.Of(c.Name), first)
			continue
		}
		names[c.Name] = c.Line("name")
		if c.Data != "" && !filepath.IsAbs(c.Data) {
			c.Data = filepath.Join(filepath.Dir(name), c.Data)
		}
		checks = append(checks, c)
	}
	return checks
}

func readCheck(r *yamlnode.Reader, n *yaml.Node) *Check {
	f := r.Fields(n, "a check", checkKeys)
	if f == nil {
		return nil
	}
	n = r.Deref(n)
	c := &Check{Pos: r.Pos(n), lines: map[string]int{}, Metric: "capex"}
	text := map[string]string{}
	for _, k := range checkKeys {
		v, ok := r.Scalar(f[k], k)
		if !ok {
			return nil
		}
		text[k] = strings.TrimSpace(v)
		if f[k] != nil {
			c.lines[k] = f[k].Line
		}
	}
	c.Name, c.Company, c.Figure, c.Period = text["name"], text["company"], strings.ToLower(text["figure"]), text["period"]
	c.Expect, c.Unit, c.Tolerance, c.Source = text["expect"], text["unit"], text["tolerance"], text["source"]
	c.Definition, c.Data, c.Known = text["definition"], text["data"], text["known_discrepancy"]
	if text["metric"] != "" {
		c.Metric = text["metric"]
	}
	bad := false
	need := func(key string) {
		if text[key] == "" {
			r.Errorf(n, "", "check %q has no %s", excerpt.Of(c.Name), key)
			bad = true
		}
	}
	if c.Name == "" {
		r.Errorf(n, "", "a check without a name")
		return nil
	}
	need("company")
	need("figure")
	need("expect")
	if c.Figure != "" && !slices.Contains(Figures, c.Figure) {
		r.Errorf(f["figure"], "figures are "+strings.Join(Figures, ", "), "figure %q: not a figure", excerpt.Of(c.Figure))
		bad = true
	}
	switch c.Figure {
	case "annualize":
		need("base")
		if text["base"] != "" {
			spec, err := calc.ParseSpec(text["base"])
			if err != nil {
				r.Errorf(f["base"], calc.SpecHint, "base %q: not an annualization base", excerpt.Of(text["base"]))
				bad = true
			}
			c.Methods.Annualize = &spec
		}
	case "projection":
		if !readMethods(r, f, text, c) {
			bad = true
		}
	case "value", "total", "ttm", "yoy", "qoq", "cagr":
		need("period")
	}
	if c.Figure != "projection" {
		for _, k := range methodKeys {
			if f[k] != nil {
				r.Errorf(f[k], "", "%s applies only to figure: projection", k)
				bad = true
			}
		}
	}
	if c.Figure != "annualize" && f["base"] != nil {
		r.Errorf(f["base"], "", "base applies only to figure: annualize")
		bad = true
	}
	if bad {
		return nil
	}
	return c
}

// readMethods reads the method keys of a projection check: exactly one of
// annualize, trailing, growth and trend, with window, horizon and as-of as
// capex project takes them.
func readMethods(r *yamlnode.Reader, f map[string]*yaml.Node, text map[string]string, c *Check) bool {
	ms := &c.Methods
	ok := true
	if s := text["annualize"]; s != "" {
		spec, err := calc.ParseSpec(s)
		if err != nil {
			r.Errorf(f["annualize"], calc.SpecHint, "annualize %q: not an annualization base", excerpt.Of(s))
			ok = false
		}
		ms.Annualize = &spec
	}
	for _, key := range []string{"trailing", "trend"} {
		switch strings.ToLower(text[key]) {
		case "", "false":
		case "true":
			if key == "trailing" {
				ms.Trailing = true
			} else {
				ms.Trend = true
			}
		default:
			r.Errorf(f[key], "", "%s %q: give true or false", key, excerpt.Of(text[key]))
			ok = false
		}
	}
	if s := text["growth"]; s != "" {
		rate, err := calc.ParseRate(s)
		if err != nil {
			r.Errorf(f["growth"], calc.RateHint, "growth: %v", err)
			ok = false
		}
		ms.Growth = &rate
	}
	for _, key := range []string{"window", "horizon"} {
		if s := text[key]; s != "" {
			v, err := strconv.Atoi(s)
			if err != nil || v < 1 {
				r.Errorf(f[key], "", "%s %q: not a whole number above zero", key, excerpt.Of(s))
				ok = false
			}
			if key == "window" {
				ms.Window = v
			} else {
				ms.Horizon = v
			}
		}
	}
	if s := text["as-of"]; s != "" {
		p, err := period.Parse(s)
		if err != nil {
			r.Errorf(f["as-of"], period.Hint, "as-of %v", err)
			ok = false
		}
		ms.AsOf = &p
	}
	if ok && ms.Count() != 1 {
		r.Errorf(f["figure"], "give one of annualize, trailing, growth or trend",
			"check %q: a projection needs exactly one method, not %d", excerpt.Of(c.Name), ms.Count())
		ok = false
	}
	return ok
}
