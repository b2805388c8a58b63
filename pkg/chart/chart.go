// Package chart draws exact decimal series for a terminal: horizontal bar
// charts (Write) and one-line sparklines (Spark).
//
// The rules:
//
//   - Exact scaling. Values stay decimal.Decimal from input to glyph; a
//     bar's length in eighths of a cell is |value| × cells × 8 / full scale,
//     computed with decimal arithmetic and truncated toward zero. There is
//     no floating point anywhere in the package, so the same numbers give
//     the same bytes on every machine, and a bar never rounds up past the
//     value it stands for. Every division is guarded: a zero scale draws no
//     bar instead of panicking.
//   - Eighth blocks. A bar is full blocks "█" plus one partial block from
//     "▏▎▍▌▋▊▉" for the remaining eighths. Series drawn in a shade ("▓",
//     "▒", "░") and bars left of zero use whole cells only (truncated), as
//     there are no partial shade glyphs.
//   - Nice scale. The full scale is the smallest 1, 2, 2.5 or 5 × 10^k at
//     or above the largest value (1 when no value is above zero). The axis
//     line has ticks at 0, half and full scale, numbers grouped with
//     commas, and the unit at its end; a tick that would touch another is
//     left out. Each value follows its bar, grouped, exactly as its
//     String() writes it (no rounding: round before drawing if wanted).
//   - Negatives. When any value is negative, the negative side gets its
//     own nice extreme -N, the bar area is split between -N and the
//     positive full scale in proportion (at least one cell each), and one
//     scale, in cells per unit, serves both sides. Negative bars draw
//     leftwards from the zero column, their text after the zero column;
//     the axis shows -N, ending at its tick, in the blank label columns
//     if need be. With no positive value the zero column is at the right.
//   - Colour only when asked. With Options.Color each series' bar is "█"
//     wrapped in an ANSI SGR colour (32, 34, 33, 35, 36, 31, cycling) and
//     "\x1b[0m"; without it the output has no escape bytes, and series are
//     told apart by "█", "▓", "▒", "░" (cycling). With two or more series a
//     legend line follows the title.
//   - Width. No line is wider than Options.Width runes (every glyph used
//     is one column wide). The column after the bars is as wide as the
//     longest value text or the unit. Row labels and series names are cut
//     with "…" so that the bars keep at least 10 cells; if one-rune labels
//     still leave fewer, the bars shrink, and only when the numbers
//     themselves do not fit is a line cut with "…". The title and the
//     legend are cut with "…" too.
package chart

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/amount"
)

// Value is one number to draw; OK false means missing (drawn as "n/a", no bar).
type Value struct {
	D  decimal.Decimal
	OK bool
}

// Row is one period: its label and one value per series, in Chart.Series
// order. A row with fewer values than series is missing the rest; extra
// values are ignored.
type Row struct {
	Label  string // e.g. "2024Q4", "CY2024Q4"
	Values []Value
	// Projected, when set, makes the row a projection and names its
	// method ("growth 20%"): its values were not reported. The terminal
	// chart writes it after the label and "projected" after each value.
	Projected string
}

// Chart is what Write draws.
type Chart struct {
	Title  string   // first line, e.g. "AMZN, MSFT capex (USD million)"; none when empty
	Unit   string   // e.g. "million"; shown at the end of the axis line
	Series []string // series names, e.g. {"AMZN", "MSFT"}
	Rows   []Row
	// Source says where the figures come from and as of when, e.g.
	// "AMZN: built-in data, filed by 2026-07-31". Image charts print it
	// below the bars; the terminal chart leaves it out.
	Source string
}

// Options says how to draw.
type Options struct {
	// Width is the total columns available: 80 when <= 0. No line is wider.
	Width int
	// Color wraps bars in ANSI colours, one per series. The caller decides
	// (a terminal, and NO_COLOR unset); Write never looks.
	Color bool
}

const (
	defaultWidth  = 80
	minArea       = 10 // bar cells kept by cutting labels
	gap           = "  "
	missingText   = "n/a"
	noDataText    = "(no data)"
	projectedText = "projected"
	fullBlock     = '█'
	eighthBlocks  = "▏▎▍▌▋▊▉" // 1/8 … 7/8 of a cell
	shadeBlocks   = "█▓▒░"    // series glyphs without colour
	sparkLevels   = "▁▂▃▄▅▆▇█"
	sgrReset      = "\x1b[0m"
	ellipsis      = "…"
)

// Write draws c to w. Errors only from w.
func Write(w io.Writer, c Chart, opt Options) error {
	var b strings.Builder
	for _, line := range render(c, opt) {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// render returns the lines of c, each at most the width.
func render(c Chart, opt Options) []string {
	width := opt.Width
	if width <= 0 {
		width = defaultWidth
	}
	var lines []string
	if c.Title != "" {
		lines = append(lines, clip(c.Title, width))
	}
	if len(c.Rows) == 0 || len(c.Series) == 0 {
		return append(lines, clip(noDataText, width))
	}
	l := newLayout(c, width, opt.Color)
	if l.multi {
		lines = append(lines, clip(l.legend(c.Series), width))
	}
	lines = append(lines, clip(l.axis(c.Unit), width))
	for _, r := range c.Rows {
		for i, name := range c.Series {
			label := ""
			if i == 0 { // the label heads its group only
				label = rowLabel(r)
			}
			line := l.line(label, name, valueAt(r, i), i)
			if r.Projected != "" && valueAt(r, i).OK {
				line += " " + projectedText
			}
			lines = append(lines, clip(line, width))
		}
	}
	return lines
}

// rowLabel is how the terminal chart names row r: its label, and the
// method of a projection ("2027Q2 growth 20%").
func rowLabel(r Row) string {
	if r.Projected == "" {
		return r.Label
	}
	return r.Label + " " + r.Projected
}

// valueAt is row r's value for series i, missing when r has none.
func valueAt(r Row, i int) Value {
	if i < len(r.Values) {
		return r.Values[i]
	}
	return Value{}
}

// valueText is what follows a bar: the exact value, grouped, or "n/a".
func valueText(v Value) string {
	if !v.OK {
		return missingText
	}
	return amount.GroupText(v.D.String())
}

// layout holds the column widths and the scale of one chart. A data line
// is: label, gap, [name, gap,] bar area, space, value text.
type layout struct {
	labelW int
	nameW  int
	multi  bool // more than one series: a name column and a legend
	color  bool
	area   int // bar cells
	sc     scale
}

func newLayout(c Chart, width int, color bool) layout {
	l := layout{multi: len(c.Series) > 1, color: color}
	// The column after the bar area must hold the longest value text and,
	// on the axis line, the unit.
	reserve := utf8.RuneCountInString(c.Unit)
	var ext Extent
	for _, r := range c.Rows {
		l.labelW = max(l.labelW, utf8.RuneCountInString(rowLabel(r)))
		for i := range c.Series {
			v := valueAt(r, i)
			n := utf8.RuneCountInString(valueText(v))
			if r.Projected != "" && v.OK {
				n += 1 + len(projectedText)
			}
			reserve = max(reserve, n)
			ext.Add(v)
		}
	}
	fixed := len(gap) + 1 + reserve
	if l.multi {
		for _, s := range c.Series {
			l.nameW = max(l.nameW, utf8.RuneCountInString(s))
		}
		fixed += len(gap)
	}
	l.labelW, l.nameW = fitColumns(l.labelW, l.nameW, width-fixed-minArea)
	// Below minArea only when the numbers alone leave no room; clip in
	// render then keeps the width.
	l.area = max(width-fixed-l.labelW-l.nameW, 1)
	l.sc = newScale(ext.Pos, ext.Neg, l.area)
	return l
}

// fitColumns narrows the label and name columns, the wider first, until
// they take at most room columns or are one rune each.
func fitColumns(label, name, room int) (int, int) {
	for label+name > room {
		switch {
		case label >= name && label > 1:
			label--
		case name > 1:
			name--
		case label > 1:
			label--
		default:
			return label, name
		}
	}
	return label, name
}

func (l layout) prefixWidth() int {
	w := l.labelW + len(gap)
	if l.multi {
		w += l.nameW + len(gap)
	}
	return w
}

// glyph is series i's block: with colour every series is "█" (the colour
// tells them apart); without, a shade per series.
func (l layout) glyph(i int) rune {
	if l.color {
		return fullBlock
	}
	shades := []rune(shadeBlocks)
	return shades[i%len(shades)]
}

// paint wraps s in series i's colour when colour is on.
func (l layout) paint(i int, s string) string {
	if !l.color || s == "" {
		return s
	}
	return sgr(i) + s + sgrReset
}

// sgr is the colour escape of series i.
func sgr(i int) string {
	codes := [...]int{32, 34, 33, 35, 36, 31}
	return "\x1b[" + strconv.Itoa(codes[i%len(codes)]) + "m"
}

func (l layout) legend(series []string) string {
	items := make([]string, len(series))
	for i, s := range series {
		items[i] = l.paint(i, string(l.glyph(i))) + " " + s
	}
	return strings.Join(items, gap)
}

func (l layout) axis(unit string) string {
	line := placeTicks(l.prefixWidth(), l.area, l.sc.ticks())
	if unit != "" {
		line += " " + unit
	}
	return line
}

func (l layout) line(label, name string, v Value, series int) string {
	var b strings.Builder
	b.WriteString(fit(label, l.labelW))
	b.WriteString(gap)
	if l.multi {
		b.WriteString(fit(name, l.nameW))
		b.WriteString(gap)
	}
	b.WriteString(l.bar(v, series))
	return b.String()
}

// bar draws v's bar from the zero column (leftwards when negative) and
// its text after it. With no bar, the text starts at the zero column.
func (l layout) bar(v Value, series int) string {
	text := valueText(v)
	if !v.OK {
		return spaces(l.sc.zero) + text
	}
	e := barEighths(v.D, l.sc.num, l.sc.den)
	glyph := l.glyph(series)
	var body string
	if v.D.IsNegative() || glyph != fullBlock {
		body = strings.Repeat(string(glyph), e/8)
	} else {
		body = blocks(e)
	}
	if body == "" {
		return spaces(l.sc.zero) + text
	}
	lead := l.sc.zero
	if v.D.IsNegative() {
		lead -= utf8.RuneCountInString(body)
	}
	return spaces(lead) + l.paint(series, body) + " " + text
}

// barEighths is the length of v's bar in eighths of a cell when full
// spans cells: |v| × cells × 8 / full, truncated, so that a bar never
// claims more than its value. Zero when full or cells is not positive.
func barEighths(v decimal.Decimal, cells int, full decimal.Decimal) int {
	if cells <= 0 || !full.IsPositive() {
		return 0
	}
	q, _ := v.Abs().Mul(decimal.NewFromInt(int64(cells)*8)).QuoRem(full, 0)
	return int(q.IntPart())
}

// blocks draws e eighths: full blocks and one partial block.
func blocks(e int) string {
	if e <= 0 {
		return ""
	}
	s := strings.Repeat(string(fullBlock), e/8)
	if r := e % 8; r > 0 {
		s += string([]rune(eighthBlocks)[r-1])
	}
	return s
}

// scale maps values to cells: the zero column has zero cells to its left
// (0 without negatives), and a value v spans |v| × num / den cells from it.
// neg and pos are the axis extremes as magnitudes (-neg … pos).
type scale struct {
	zero     int
	num      int
	den      decimal.Decimal
	neg, pos decimal.Decimal
}

// newScale fits the values with magnitudes up to maxPos (positive) and
// maxNeg (negative) into area cells.
func newScale(maxPos, maxNeg decimal.Decimal, area int) scale {
	if !maxNeg.IsPositive() {
		pos := NiceMax(maxPos) // never zero, even for all-zero input
		return scale{num: area, den: pos, pos: pos}
	}
	neg := NiceMax(maxNeg)
	pos := decimal.Zero
	if maxPos.IsPositive() {
		pos = NiceMax(maxPos)
	}
	zero := zeroColumn(area, neg, pos)
	s := scale{zero: zero, num: zero, den: neg, neg: neg, pos: pos}
	// One scale for both sides: cells per unit is the smaller of
	// zero/neg and (area-zero)/pos, compared without dividing, so that
	// each side's extreme fits in its cells.
	left := decimal.NewFromInt(int64(zero)).Mul(pos)
	right := decimal.NewFromInt(int64(area - zero)).Mul(neg)
	if pos.IsPositive() && left.GreaterThan(right) {
		s.num, s.den = area-zero, pos
	}
	return s
}

// zeroColumn splits area between the negative and positive extremes in
// proportion, giving each side at least one cell.
func zeroColumn(area int, neg, pos decimal.Decimal) int {
	// neg > 0, so the divisor is positive.
	z := int(decimal.NewFromInt(int64(area)).Mul(neg).DivRound(neg.Add(pos), 0).IntPart())
	if pos.IsPositive() {
		z = min(z, area-1)
	}
	return max(z, 1)
}

// tick is an axis label at a cell boundary (0 … area): centred on it, or
// ending at it when end is set.
type tick struct {
	at    int
	label string
	end   bool
}

// ticks lists the axis labels, most important first: placeTicks drops
// those that would touch one already placed.
func (s scale) ticks() []tick {
	half := decimal.New(5, -1)
	ts := []tick{{at: s.zero, label: "0"}}
	if s.neg.IsPositive() {
		// The negative extreme ends at its boundary, spilling into the
		// blank label columns, and at least one cell before the "0" so
		// that both show even when the negative side is narrow.
		t := s.tick(s.neg.Neg())
		t.at, t.end = min(t.at, s.zero-1), true
		ts = append(ts, t)
	}
	if s.pos.IsPositive() {
		ts = append(ts, s.tick(s.pos), s.tick(s.pos.Mul(half)))
	}
	if s.neg.IsPositive() {
		ts = append(ts, s.tick(s.neg.Mul(half).Neg()))
	}
	return ts
}

// tick places t on the axis, rounding to the nearest cell boundary.
func (s scale) tick(t decimal.Decimal) tick {
	n := 0
	if s.den.IsPositive() {
		n = int(t.Abs().Mul(decimal.NewFromInt(int64(s.num))).DivRound(s.den, 0).IntPart())
	}
	if t.IsNegative() {
		n = -n
	}
	return tick{at: s.zero + n, label: amount.GroupText(t.String())}
}

// placeTicks writes the labels into the margin (the label columns, blank
// on the axis line) and the area columns after it. A label is centred on
// its boundary, or ends there, but kept inside (so without negatives 0
// starts the bar area and the full scale ends it); one that would not
// have a blank on both sides is skipped.
func placeTicks(margin, area int, ts []tick) string {
	canvas := []rune(spaces(margin + area))
	for _, t := range ts {
		label := []rune(t.label)
		n := len(label)
		if n > len(canvas) {
			continue
		}
		start := margin + t.at - n/2
		if t.end {
			start = margin + t.at - n
		}
		start = min(max(start, 0), len(canvas)-n)
		if !blank(canvas, start-1, start+n+1) {
			continue
		}
		copy(canvas[start:], label)
	}
	return strings.TrimRight(string(canvas), " ")
}

func blank(canvas []rune, from, to int) bool {
	for i := max(from, 0); i < min(to, len(canvas)); i++ {
		if canvas[i] != ' ' {
			return false
		}
	}
	return true
}

// Extent is the magnitudes of the largest positive and the most negative
// values seen, zero when there are none: what a chart's scale must hold.
type Extent struct{ Pos, Neg decimal.Decimal }

// Add takes v into the extent (a value that is not OK is nothing to show).
func (e *Extent) Add(v Value) {
	switch {
	case !v.OK:
	case v.D.IsNegative():
		e.Neg = decimal.Max(e.Neg, v.D.Neg())
	default:
		e.Pos = decimal.Max(e.Pos, v.D)
	}
}

// NiceMax is the smallest 1, 2, 2.5 or 5 × 10^k at or above d; 1 when d
// is not positive, so that a scale is never zero. Image charts use it
// too, so that a chart has one scale in every form.
func NiceMax(d decimal.Decimal) decimal.Decimal {
	if !d.IsPositive() {
		return decimal.NewFromInt(1)
	}
	// d = c × 10^e with c of n digits, so 10^k ≤ d < 10^(k+1) for
	// k = n - 1 + e. The coefficient's text counts digits exactly.
	k := int32(len(d.Coefficient().String())) - 1 + d.Exponent()
	for _, m := range [...]int64{10, 20, 25, 50} { // tenths of 10^k
		if nice := decimal.New(m, k-1); nice.GreaterThanOrEqual(d) {
			return nice
		}
	}
	return decimal.New(1, k+1)
}

// Spark returns a sparkline of vs: one rune per value from "▁▂▃▄▅▆▇█",
// scaled from min(0, smallest) to the largest value; a missing value is a
// space; all-equal or empty input must not divide by zero (all-equal
// non-zero → all "█"; all zero → all "▁").
//
// Each rune stands for an eighth of the steps from low = min(0, smallest)
// to the largest value, and a value gets the nearest: its level (0 … 7) is
// (v - low) × 7 / (largest - low), rounded half up. So low is always "▁"
// and the largest "█".
func Spark(vs []Value) string {
	levels := []rune(sparkLevels)
	top := len(levels) - 1
	low, high := sparkRange(vs)
	span := high.Sub(low)
	var b strings.Builder
	for _, v := range vs {
		switch {
		case !v.OK:
			b.WriteByte(' ')
		case !span.IsPositive():
			// All present values are equal (and not above zero, or low
			// would be zero and span positive).
			if v.D.IsZero() {
				b.WriteRune(levels[0])
			} else {
				b.WriteRune(levels[top])
			}
		default:
			q := v.D.Sub(low).Mul(decimal.NewFromInt(int64(top))).DivRound(span, 0)
			b.WriteRune(levels[min(max(int(q.IntPart()), 0), top)])
		}
	}
	return b.String()
}

// sparkRange is min(0, smallest) and the largest present value (zero
// when none is present).
func sparkRange(vs []Value) (low, high decimal.Decimal) {
	first := true
	for _, v := range vs {
		if !v.OK {
			continue
		}
		if first || v.D.GreaterThan(high) {
			high = v.D
		}
		first = false
		low = decimal.Min(low, v.D)
	}
	return low, high
}

// fit pads s to n runes, or cuts it to n runes ending in "…".
func fit(s string, n int) string {
	r := utf8.RuneCountInString(s)
	if r <= n {
		return s + spaces(n-r)
	}
	if n <= 0 {
		return ""
	}
	return string([]rune(s)[:n-1]) + ellipsis
}

// clip cuts s to at most width visible runes, ending in "…" when cut. SGR
// escapes are kept but not counted, and a colour left open is reset.
func clip(s string, width int) string {
	if visibleLen(s) <= width {
		return s
	}
	var b strings.Builder
	n, open := 0, false
	for i := 0; i < len(s) && n < width-1; {
		if esc := escapeAt(s, i); esc != "" {
			b.WriteString(esc)
			open = esc != sgrReset
			i += len(esc)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		n++
		i += size
	}
	if width > 0 {
		b.WriteString(ellipsis)
	}
	if open {
		b.WriteString(sgrReset)
	}
	return b.String()
}

// visibleLen counts the runes of s outside SGR escapes.
func visibleLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if esc := escapeAt(s, i); esc != "" {
			i += len(esc)
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		n++
		i += size
	}
	return n
}

// escapeAt is the SGR escape ("\x1b[…m") starting at s[i], or "".
func escapeAt(s string, i int) string {
	if !strings.HasPrefix(s[i:], "\x1b[") {
		return ""
	}
	for j := i + 2; j < len(s); j++ {
		switch c := s[j]; {
		case c == 'm':
			return s[i : j+1]
		case c != ';' && (c < '0' || c > '9'):
			return "" // not an SGR escape: count its bytes as text
		}
	}
	return ""
}

func spaces(n int) string {
	return strings.Repeat(" ", max(n, 0))
}
