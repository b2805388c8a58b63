package figure

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/capexdev/capex/pkg/chart"
)

// SVG writes charts as one SVG document, a panel per chart, to w. The
// document has no XML declaration, so that it can also be put inline in
// HTML; its title and description are the first chart's title and
// source. Errors only from w.
func SVG(w io.Writer, charts []chart.Chart, opt Options) error {
	l := newLayout(charts)
	th := opt.theme()
	s := &svgCanvas{id: opt.ID, hatches: map[string]string{}}
	if s.id == "" {
		s.id = "capex"
	}
	l.draw(s, th)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %[1]s %[2]s" role="img" aria-labelledby="%s-title" font-family="%s">`+"\n",
		px(l.width), px(l.height), s.id, fontFamily)
	title, source := "", ""
	if len(charts) > 0 {
		title, source = charts[0].Title, charts[0].Source
	}
	fmt.Fprintf(&b, "<title id=\"%s-title\">%s</title>\n", s.id, escape(title))
	if source != "" {
		fmt.Fprintf(&b, "<desc>%s</desc>\n", escape(source))
	}
	if len(s.defs) > 0 {
		b.WriteString("<defs>\n")
		b.Write(s.defs)
		b.WriteString("</defs>\n")
	}
	b.Write(s.body.Bytes())
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// svgCanvas writes SVG elements.
type svgCanvas struct {
	id      string
	body    bytes.Buffer
	defs    []byte
	hatches map[string]string // colour → pattern id
}

func (s *svgCanvas) rect(x, y, w, h float64, fill string) {
	fmt.Fprintf(&s.body, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>\n", px(x), px(y), px(w), px(h), fill)
}

func (s *svgCanvas) bar(x, y, w, h float64, i int, color string, projected bool, tip string) {
	class := "bar s" + strconv.Itoa(i)
	if tip == "" {
		class = "key s" + strconv.Itoa(i)
	}
	fill := color
	stroke := ""
	if projected {
		class += " projected"
		fill = "url(#" + s.hatch(color) + ")"
		// The outline is drawn inside the bar, so that it ends where a
		// reported bar would.
		x, y, w, h = x+0.75, y+0.75, max(w-1.5, 0), max(h-1.5, 0)
		stroke = fmt.Sprintf(` stroke="%s" stroke-width="1.5"`, color)
	}
	fmt.Fprintf(&s.body, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"%s>", class, px(x), px(y), px(w), px(h), fill, stroke)
	if tip != "" {
		fmt.Fprintf(&s.body, "<title>%s</title>", escape(tip))
	}
	s.body.WriteString("</rect>\n")
}

// hatch is the id of the pattern of diagonal stripes in color, defined
// once.
func (s *svgCanvas) hatch(color string) string {
	if id, ok := s.hatches[color]; ok {
		return id
	}
	id := fmt.Sprintf("%s-hatch-%d", s.id, len(s.hatches))
	s.hatches[color] = id
	s.defs = fmt.Appendf(s.defs, "<pattern id=\"%s\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"2.5\" height=\"6\" fill=\"%s\"/></pattern>\n", id, color)
	return id
}

func (s *svgCanvas) line(x1, y1, x2, y2, width float64, color string) {
	fmt.Fprintf(&s.body, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>\n", px(x1), px(y1), px(x2), px(y2), color, px(width))
}

func (s *svgCanvas) text(x, y float64, t string, st style) {
	attrs := ""
	switch st.anchor {
	case middle:
		attrs = ` text-anchor="middle"`
	case end:
		attrs = ` text-anchor="end"`
	}
	if st.bold {
		attrs += ` font-weight="bold"`
	}
	fmt.Fprintf(&s.body, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" fill=\"%s\"%s>%s</text>\n", px(x), px(y), px(st.size), st.color, attrs, escape(t))
}

// px writes a coordinate to 1/100 px, without trailing zeros.
func px(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// escape makes text safe in SVG (and HTML) text and attributes: markup
// characters as entities; control characters, which XML 1.0 does not
// allow, and bidi overrides as U+FFFD.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t' || r == '\n':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // and bidi overrides, which would reorder a label
			b.WriteRune('\ufffd')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
