// Package yamlnode walks a YAML document node by node, so that capex's
// files are read exactly (numbers from their literal text, never through
// float64), with every key checked and every problem reported at its
// line, and aliases followed only a bounded number of times.
package yamlnode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/series"
)

// MaxAliasExpansions bounds how many YAML aliases a file may dereference,
// so that an alias bomb is refused instead of expanded.
const MaxAliasExpansions = 1000

// LineHint explains the line numbers of YAML syntax errors: the parser
// names the line where the enclosing block, list or mapping starts
// (sometimes the line before it), not always the line of the mistake.
const LineHint = "the YAML parser gives the line where the enclosing block or list starts; the mistake may be a line or two later"

// Reader reads one YAML file, recording problems in Problems.
type Reader struct {
	File     string
	Problems *series.Problems
	aliases  int
}

// Root parses data and returns the top node of its single document, or
// nil after reporting why there is none. empty is the hint for an empty
// document.
func (r *Reader) Root(data []byte, emptyHint string) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.Errorf(nil, emptyHint, "empty YAML document")
			return nil
		}
		r.syntax(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		r.Errorf(&extra, "put everything in one document", "a second YAML document is not read")
	} else if !errors.Is(err, io.EOF) {
		r.syntax(err)
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return &doc
}

// Pos is the position of n (the file alone when n is nil).
func (r *Reader) Pos(n *yaml.Node) series.Pos {
	if n == nil {
		return series.At(r.File, 0)
	}
	return series.At(r.File, n.Line)
}

// Errorf reports a problem at n.
func (r *Reader) Errorf(n *yaml.Node, hint, format string, args ...any) {
	r.Problems.Errorf(r.Pos(n), hint, format, args...)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntax reports a YAML syntax error at the line it names.
func (r *Reader) syntax(err error) {
	msg := err.Error()
	pos := series.At(r.File, 0)
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		pos = pos.WithLine(line)
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	r.Problems.Errorf(pos, LineHint, "invalid YAML: %s", msg)
}

// Deref follows aliases, refusing to expand more than MaxAliasExpansions.
func (r *Reader) Deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		r.aliases++
		if r.aliases == MaxAliasExpansions+1 {
			r.Errorf(n, "write the values out instead of using anchors and aliases", "YAML aliases expand beyond %d references", MaxAliasExpansions)
		}
		if r.aliases > MaxAliasExpansions {
			return nil
		}
		n = n.Alias
	}
	return n
}

// Fields returns a mapping's values by key, reporting keys not in known,
// duplicate keys, and a node that is not a mapping (then it returns nil).
func (r *Reader) Fields(n *yaml.Node, what string, known []string) map[string]*yaml.Node {
	n = r.Deref(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "", "%s must be a mapping of keys to values", what)
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if !slices.Contains(known, key) {
			hint := "known keys: " + strings.Join(known, ", ")
			if close := param.Closest(key, known, 1); len(close) > 0 {
				hint = fmt.Sprintf("did you mean %q? %s", close[0], hint)
			}
			r.Errorf(k, hint, "unknown key %q in %s", excerpt.Of(key), what)
			continue
		}
		if _, dup := out[key]; dup {
			r.Errorf(k, "", "key %q appears twice in %s", key, what)
			continue
		}
		out[key] = v
	}
	return out
}

// Scalar returns the literal text of a scalar node ("" for null or
// missing); ok is false, with a problem reported, when it is not a scalar.
func (r *Reader) Scalar(n *yaml.Node, what string) (string, bool) {
	n = r.Deref(n)
	if n == nil {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "", "%s must be a single value", what)
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}

// List returns the items of a sequence node, reporting any other node.
func (r *Reader) List(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	n = r.Deref(n)
	if n == nil {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "", "%s must be a list", what)
		return nil, false
	}
	return n.Content, true
}
