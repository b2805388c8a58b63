// Package figure draws the bar charts of package chart as images: SVG
// (a standalone file, or inline in an HTML page) and PNG.
//
// The rules:
//
//   - One layout, two writers. A figure is laid out once (draw, against a
//     canvas) and written by an SVG writer or a PNG rasterizer, so the two
//     agree bar for bar.
//   - Exact numbers, float pixels. Every number printed (bar labels, axis
//     ticks) is the text of an exact decimal: a value's own String(),
//     grouped with commas, or a tick that is a decimal multiple of the
//     nice full scale (chart.NiceMax). Floating point is used for pixel
//     coordinates only: a bar's height is value × plot height / scale,
//     computed in decimals and rounded to 1/100 px before it becomes a
//     float64.
//   - Bars. Each chart is a panel: a group of bars per row (period), a bar
//     per series, side by side, each labelled with its value; negative
//     values go down from the zero line; a missing value is "n/a" at the
//     zero line. A projected row (chart.Row.Projected) is drawn hatched
//     and outlined in its series' colour, and named "projected" and by its
//     method under the group and in the legend. Every panel has its title
//     (with the currency and unit), a legend, and a y axis whose top names
//     the unit; the source line (chart.Chart.Source of the first chart)
//     closes the figure.
//   - Colours. Series take the Okabe–Ito palette, which stays distinct
//     under the common colour-vision deficiencies, in an order whose first
//     four colours have a contrast of at least 3:1 (WCAG 2.1 for
//     graphics) against both themes' backgrounds. The figure has an
//     opaque background of its theme, Light or Dark, so it reads the same
//     on a light or a dark slide.
//   - Nothing external. No script, no font file, no link: SVG text asks
//     for common sans-serif fonts by name and falls back to the viewer's;
//     PNG text is drawn with the Go fonts, compiled in. Text is escaped.
//   - Size. Bars are as wide as their labels need (at least 18 px); a
//     figure is at least 640 px wide and grows with the number of bars.
//     PNG is drawn at twice the SVG's size in pixels (Scale).
package figure

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/chart"
)

// Theme is the colours a figure is drawn in besides its series': each a
// "#rrggbb" text.
type Theme struct {
	Name       string
	Background string
	Text       string // titles, labels
	Muted      string // axis ticks, the source line
	Grid       string // grid lines
}

// The themes.
var (
	Light = Theme{Name: "light", Background: "#ffffff", Text: "#1a1a1a", Muted: "#4d4d4d", Grid: "#d9d9d9"}
	Dark  = Theme{Name: "dark", Background: "#121212", Text: "#f2f2f2", Muted: "#bdbdbd", Grid: "#3a3a3a"}
)

// Themes lists the themes, the default first.
var Themes = []Theme{Light, Dark}

// Palette is the series colours, in order: the Okabe–Ito palette (blue,
// vermillion, bluish green, reddish purple, orange, sky blue, yellow)
// without its black, which a dark theme would hide.
var Palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"}

// Options say how to draw a figure.
type Options struct {
	Theme Theme // the zero Theme is Light
	// ID prefixes the ids an SVG defines (its hatch patterns), so that
	// several figures can share an HTML page; "" is "capex".
	ID string
}

func (o Options) theme() Theme {
	if o.Theme.Name == "" {
		return Light
	}
	return o.Theme
}

// Scale is how many PNG pixels stand for one SVG pixel.
const Scale = 2

// Sizes, in SVG pixels.
const (
	margin      = 16.0
	titleSize   = 16.0
	legendSize  = 12.0
	labelSize   = 11.0 // values, periods, ticks
	sourceSize  = 11.0
	plotHeight  = 260.0
	minSlot     = 18.0
	minWidth    = 640.0
	panelGap    = 28.0
	lineGap     = 4.0
	tickLength  = 4.0
	swatch      = 10.0
	projectedAs = "projected"
	missingText = "n/a"
	fontFamily  = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif"
)

// anchor is where a text stands relative to its x.
type anchor uint8

const (
	start anchor = iota
	middle
	end
)

// style is how a text is drawn.
type style struct {
	size   float64
	bold   bool
	anchor anchor
	color  string
}

// canvas is what a figure is drawn on. y grows downwards; a text's y is
// its baseline.
type canvas interface {
	rect(x, y, w, h float64, fill string)
	// bar is a bar of series i: solid, or hatched and outlined when
	// projected; tip is its tooltip.
	bar(x, y, w, h float64, i int, color string, projected bool, tip string)
	line(x1, y1, x2, y2, width float64, color string)
	text(x, y float64, s string, st style)
}

// textWidth estimates the width of s in a sans-serif font of size px,
// on the wide side, so that labels laid out apart stay apart.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune(".,:;'|!il ", r):
			w += 0.34
		case r == 'M' || r == 'W' || r == 'm' || r == 'w' || r == '—':
			w += 0.95
		case r >= 'A' && r <= 'Z':
			w += 0.72
		case r >= 'a' && r <= 'z':
			w += 0.6
		default:
			w += 0.64
		}
	}
	return w * size
}

// panel is one chart laid out.
type panel struct {
	c         chart.Chart
	pos, neg  decimal.Decimal // the axis: -neg … pos, both nice, neg 0 without negatives
	ticks     []decimal.Decimal
	catLines  [][]string // the lines under each group
	projected bool       // some row is projected
	top       float64    // y of the panel's title baseline
}

// layout is a figure laid out: its panels and sizes.
type layout struct {
	panels  []*panel
	slot    float64 // width of a bar and its share of the group
	gap     float64 // between groups
	left    float64 // x of the y axis
	width   float64
	height  float64
	source  []string // the source line, wrapped
	sourceY float64
	plotW   float64
}

// label is the text of a value: exact, grouped.
func label(v chart.Value) string {
	if !v.OK {
		return missingText
	}
	return amount.GroupText(v.D.String())
}

// newLayout lays out charts.
func newLayout(charts []chart.Chart) *layout {
	l := &layout{slot: minSlot}
	tickW := 0.0
	groups := 0
	for _, c := range charts {
		p := &panel{c: c}
		var ext chart.Extent
		series := max(len(c.Series), 1)
		for _, r := range c.Rows {
			for i := range c.Series {
				v := value(r, i)
				l.slot = max(l.slot, textWidth(label(v), labelSize)+6)
				ext.Add(v)
			}
			lines := []string{r.Label}
			if r.Projected != "" {
				lines = append(lines, projectedAs, r.Projected)
				p.projected = true
			}
			p.catLines = append(p.catLines, lines)
			for _, s := range lines {
				l.slot = max(l.slot, (textWidth(s, labelSize)+8)/float64(series))
			}
		}
		p.pos = chart.NiceMax(ext.Pos)
		if ext.Neg.IsPositive() {
			p.neg = chart.NiceMax(ext.Neg)
			if !ext.Pos.IsPositive() {
				p.pos = decimal.Zero
			}
		}
		p.ticks = ticks(p.pos, p.neg)
		for _, t := range p.ticks {
			tickW = max(tickW, textWidth(amount.GroupText(t.String()), labelSize))
		}
		groups = max(groups, len(c.Rows))
		l.panels = append(l.panels, p)
	}
	l.gap = max(l.slot*0.8, 12)
	l.left = margin + tickW + tickLength + 6
	maxSeries := 1
	for _, p := range l.panels {
		maxSeries = max(maxSeries, len(p.c.Series))
	}
	l.plotW = float64(groups) * (float64(maxSeries)*l.slot + l.gap)
	l.width = max(minWidth, l.left+l.plotW+margin)
	// Legends and titles need their width too.
	for _, p := range l.panels {
		l.width = max(l.width, margin*2+textWidth(p.c.Title, titleSize), margin*2+legendWidth(p))
	}
	if extra := l.width - (l.left + l.plotW + margin); extra > 0 && groups > 0 {
		l.gap += extra / float64(groups)
		l.plotW = l.width - l.left - margin
	}
	y := margin
	for _, p := range l.panels {
		p.top = y + titleSize
		y = p.plotTop() + plotHeight + float64(maxLines(p))*(labelSize+lineGap) + 8 + panelGap
	}
	y -= panelGap
	if len(charts) > 0 && charts[0].Source != "" {
		l.source = wrap(charts[0].Source, l.width-2*margin, sourceSize)
	}
	l.sourceY = y + 4
	l.height = l.sourceY + float64(len(l.source))*(sourceSize+lineGap) + margin
	return l
}

// value is row r's value for series i.
func value(r chart.Row, i int) chart.Value {
	if i < len(r.Values) {
		return r.Values[i]
	}
	return chart.Value{}
}

func maxLines(p *panel) int {
	n := 1
	for _, ls := range p.catLines {
		n = max(n, len(ls))
	}
	return n
}

func legendWidth(p *panel) float64 {
	w := 0.0
	for _, s := range p.c.Series {
		w += swatch + 4 + textWidth(s, legendSize) + 16
	}
	if p.projected {
		w += swatch + 4 + textWidth(projectedAs, legendSize)
	}
	return w
}

// plotTop is the y of the top of the panel's plot area: below the title,
// the legend and the unit.
func (p *panel) plotTop() float64 {
	return p.top + lineGap + legendSize + 10 + labelSize + 10
}

// ticks are the axis labels from -neg to pos: quarters of the full scale
// when each is a short number (2.5, 5, 7.5, 10), else halves.
func ticks(pos, neg decimal.Decimal) []decimal.Decimal {
	steps := int64(4)
	for _, full := range []decimal.Decimal{pos, neg} {
		// Significant digits: the coefficient without its trailing zeros.
		if full.IsPositive() && len(strings.TrimRight(part(full, 1, 4).Coefficient().String(), "0")) > 2 {
			steps = 2
		}
	}
	var out []decimal.Decimal
	for i := steps; i >= 1 && neg.IsPositive(); i-- {
		out = append(out, part(neg, i, steps).Neg())
	}
	out = append(out, decimal.Zero)
	for i := int64(1); i <= steps && pos.IsPositive(); i++ {
		out = append(out, part(pos, i, steps))
	}
	return out
}

// part is full × i / n for n of 2 or 4, exactly: a quotient by 4 has at
// most two decimal places more than its dividend.
func part(full decimal.Decimal, i, n int64) decimal.Decimal {
	return full.Mul(decimal.NewFromInt(i)).DivRound(decimal.NewFromInt(n), -full.Exponent()+2)
}

// y is where value v is on the panel's axis, in pixels: the top of the
// plot area for pos, its bottom for -neg. The scale is exact; the pixel
// is rounded to 1/100 before it becomes a float.
func (p *panel) y(v decimal.Decimal) float64 {
	span := p.pos.Add(p.neg)
	if !span.IsPositive() {
		return p.plotTop() + plotHeight
	}
	below := p.pos.Sub(v).Mul(decimal.NewFromInt(plotHeight)).DivRound(span, 2)
	return p.plotTop() + below.InexactFloat64()
}

// wrap breaks s into lines of at most width px at spaces.
func wrap(s string, width, size float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		next := word
		if line != "" {
			next = line + " " + word
		}
		if line != "" && textWidth(next, size) > width {
			lines = append(lines, line)
			next = word
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// draw draws the figure on cv.
func (l *layout) draw(cv canvas, th Theme) {
	cv.rect(0, 0, l.width, l.height, th.Background)
	for _, p := range l.panels {
		l.drawPanel(cv, p, th)
	}
	for i, s := range l.source {
		cv.text(margin, l.sourceY+sourceSize+float64(i)*(sourceSize+lineGap), s, style{size: sourceSize, color: th.Muted})
	}
}

func (l *layout) drawPanel(cv canvas, p *panel, th Theme) {
	cv.text(margin, p.top, p.c.Title, style{size: titleSize, bold: true, color: th.Text})
	// Legend.
	x, ly := margin, p.top+lineGap+legendSize+4
	for i, s := range p.c.Series {
		cv.bar(x, ly-swatch+1, swatch, swatch, i, seriesColor(i), false, "")
		cv.text(x+swatch+4, ly, s, style{size: legendSize, color: th.Text})
		x += swatch + 4 + textWidth(s, legendSize) + 16
	}
	if p.projected {
		cv.bar(x, ly-swatch+1, swatch, swatch, 0, th.Muted, true, "")
		cv.text(x+swatch+4, ly, projectedAs, style{size: legendSize, color: th.Text})
	}
	top := p.plotTop()
	right := l.left + l.plotW
	// Axis: grid lines and ticks, the unit above.
	cv.text(l.left-tickLength-4, top-10, p.c.Unit, style{size: labelSize, anchor: start, color: th.Muted})
	for _, t := range p.ticks {
		y := p.y(t)
		if !t.IsZero() {
			cv.line(l.left, y, right, y, 1, th.Grid)
		}
		cv.line(l.left-tickLength, y, l.left, y, 1, th.Muted)
		cv.text(l.left-tickLength-3, y+labelSize*0.35, amount.GroupText(t.String()), style{size: labelSize, anchor: end, color: th.Muted})
	}
	cv.line(l.left, top, l.left, top+plotHeight, 1, th.Muted)
	zero := p.y(decimal.Zero)
	// Bars.
	n := float64(len(p.c.Series))
	group := n*l.slot + l.gap
	for j, r := range p.c.Rows {
		gx := l.left + l.gap/2 + float64(j)*group
		for i := range p.c.Series {
			v := value(r, i)
			bx := gx + float64(i)*l.slot
			cx := bx + l.slot/2
			text := label(v)
			if !v.OK {
				cv.text(cx, zero-3, text, style{size: labelSize, anchor: middle, color: th.Muted})
				continue
			}
			vy := p.y(v.D)
			tip := p.c.Series[i] + " " + rowName(r) + ": " + text
			w := l.slot - 2
			if v.D.IsNegative() {
				cv.bar(bx+1, zero, w, vy-zero, i, seriesColor(i), r.Projected != "", tip)
				cv.text(cx, vy+labelSize+2, text, style{size: labelSize, anchor: middle, color: th.Text})
			} else {
				cv.bar(bx+1, vy, w, zero-vy, i, seriesColor(i), r.Projected != "", tip)
				cv.text(cx, vy-3, text, style{size: labelSize, anchor: middle, color: th.Text})
			}
		}
		for k, s := range p.catLines[j] {
			c := th.Text
			if k > 0 {
				c = th.Muted
			}
			cv.text(gx+n*l.slot/2, top+plotHeight+labelSize+4+float64(k)*(labelSize+lineGap), s, style{size: labelSize, anchor: middle, color: c})
		}
	}
	cv.line(l.left, zero, right, zero, 1, th.Text)
}

// rowName is a row's label, with its method when projected.
func rowName(r chart.Row) string {
	if r.Projected == "" {
		return r.Label
	}
	return r.Label + " " + projectedAs + " (" + r.Projected + ")"
}

// seriesColor is series i's colour.
func seriesColor(i int) string { return Palette[i%len(Palette)] }
