package check

import (
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/series"
	"github.com/capexdev/capex/pkg/yamlnode"
)

// The keys of a check: its own, then the parameters of the projection
// methods (calc.Params), which capex project takes as flags.
var (
	methodKeys = calc.ParamNames()
	checkKeys  = append([]string{
		"name", "company", "metric", "figure", "period", "expect", "unit", "tolerance", "source", "definition",
		"data", "known_discrepancy", "base",
	}, methodKeys...)
)

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
	c := &Check{Pos: r.Pos(n), lines: make(map[string]int, len(f)), Metric: "capex"}
	// Only the keys given (a check has a handful): ten thousand checks are
	// read in a moment.
	text := make(map[string]string, len(f))
	for _, k := range checkKeys {
		if f[k] == nil {
			continue
		}
		v, ok := r.Scalar(f[k], k)
		if !ok {
			return nil
		}
		if v = strings.TrimSpace(v); v != "" {
			text[k] = v
		}
		c.lines[k] = f[k].Line
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
			// base: is the annualize parameter under the figure's own name.
			if err := c.Methods.Set("annualize", text["base"]); err != nil {
				pe := err.(*param.Error)
				r.Errorf(f["base"], pe.Hint(), "%s", pe.Called("base"))
				bad = true
			}
		}
	case "projection", "backtest-mape", "backtest-bias":
		if !readMethods(r, f, text, c) {
			bad = true
		}
	default:
		need("period")
	}
	if !usesMethods(c.Figure) {
		for _, k := range methodKeys {
			if f[k] != nil {
				r.Errorf(f[k], "", "%s applies only to figure: projection or a backtest", k)
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

// readMethods reads the method keys of a projection check with
// calc.Methods.Set, as capex project reads its flags: exactly one method,
// with window, horizon and as-of as capex project takes them.
func readMethods(r *yamlnode.Reader, f map[string]*yaml.Node, text map[string]string, c *Check) bool {
	ok := true
	for _, key := range methodKeys {
		if f[key] == nil {
			continue
		}
		if err := c.Methods.Set(key, text[key]); err != nil {
			r.Errorf(f[key], hintOf(err), "%v", err)
			ok = false
		}
	}
	if ok && c.Methods.Count() != 1 {
		var methods []string
		for _, p := range calc.Params {
			if p.Method {
				methods = append(methods, p.Name)
			}
		}
		r.Errorf(f["figure"], "give one of "+strings.Join(methods, ", "),
			"check %q: a projection needs exactly one method, not %d", excerpt.Of(c.Name), c.Methods.Count())
		ok = false
	}
	return ok
}
