package figure

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/capexdev/capex/pkg/chart"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func num(s string) chart.Value { return chart.Value{D: decimal.RequireFromString(s), OK: true} }

// two is two companies' quarters and, on the TTM, a projection.
func two() []chart.Chart {
	return []chart.Chart{{
		Title: "AMZN, MSFT capex (USD billion)", Unit: "billion", Series: []string{"AMZN", "MSFT"},
		Rows: []chart.Row{
			{Label: "CY2025Q3", Values: []chart.Value{num("35.095"), num("19.394")}},
			{Label: "CY2025Q4", Values: []chart.Value{num("39.522"), num("29.876")}},
			{Label: "CY2026Q1", Values: []chart.Value{num("44.203"), num("30.876")}},
			{Label: "CY2026Q2", Values: []chart.Value{num("54.208"), {}}},
		},
		Source: "Sources: AMZN: built-in, filed by 2026-07-31; MSFT: built-in, filed by 2026-07-29",
	}, {
		Title: "AMZN, MSFT capex TTM (USD billion)", Unit: "billion", Series: []string{"AMZN", "MSFT"},
		Rows: []chart.Row{
			{Label: "CY2026Q1", Values: []chart.Value{num("151.003"), num("97.225")}},
			{Label: "CY2026Q2", Values: []chart.Value{num("173.028"), num("115.948")}},
			{Label: "CY2027Q2", Values: []chart.Value{num("207.634"), num("139.138")}, Projected: "growth 20%"},
		},
	}}
}

// negative has a value below zero and one series.
func negative() []chart.Chart {
	return []chart.Chart{{
		Title: "XYZ capex, net of disposals (USD million)", Unit: "million", Series: []string{"XYZ"},
		Rows: []chart.Row{
			{Label: "2025Q1", Values: []chart.Value{num("120")}},
			{Label: "2025Q2", Values: []chart.Value{num("-35.5")}},
			{Label: "2025Q3", Values: []chart.Value{num("0")}},
			{Label: "2025Q4", Values: []chart.Value{num("80")}},
		},
		Source: "Sources: XYZ: xyz.yaml",
	}}
}

var cases = []struct {
	name   string
	charts []chart.Chart
	opt    Options
}{
	{"two", two(), Options{}},
	{"two-dark", two(), Options{Theme: Dark}},
	{"negative", negative(), Options{}},
}

func svgOf(t *testing.T, charts []chart.Chart, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SVG(&b, charts, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSVGGolden compares each figure with its golden file, both
// normalized: the XML re-encoded token by token, attributes sorted, and
// every number rounded to a tenth of a pixel, so that the comparison is
// about what is drawn, not how it is spelled.
func TestSVGGolden(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := normalize(t, svgOf(t, tc.charts, tc.opt))
			path := filepath.Join("testdata", tc.name+".svg")
			if *update {
				if err := os.WriteFile(path, svgOf(t, tc.charts, tc.opt), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./pkg/figure -update)", err)
			}
			if want := normalize(t, raw); got != want {
				t.Errorf("%s differs from the figure drawn (go test ./pkg/figure -update rewrites it)\n got: %s\nwant: %s", path, firstDiff(got, want), firstDiff(want, got))
			}
		})
	}
}

var number = regexp.MustCompile(`-?[0-9]+\.[0-9]+`)

// normalize re-encodes an SVG document token by token.
func normalize(t *testing.T, doc []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attrs := make([]string, len(tok.Attr))
			for i, a := range tok.Attr {
				v := a.Value
				if a.Name.Local != "font-family" {
					v = number.ReplaceAllStringFunc(v, func(s string) string {
						f, _ := strconv.ParseFloat(s, 64)
						return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
					})
				}
				attrs[i] = a.Name.Local + "=" + strconv.Quote(v)
			}
			sort.Strings(attrs)
			fmt.Fprintf(&b, "<%s %s>", tok.Name.Local, strings.Join(attrs, " "))
		case xml.EndElement:
			fmt.Fprintf(&b, "</%s>\n", tok.Name.Local)
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				b.WriteString(strconv.Quote(s))
			}
		}
	}
	return b.String()
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-80, 0)
	return a[from:min(i+80, len(a))]
}

// element is an SVG element as TestSVGParses reads it.
type element struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Title   string     `xml:"title"`
}

func (e element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// elements reads every element of an SVG document that encoding/xml can
// parse, failing the test where it cannot.
func elements(t *testing.T, doc []byte) (root xml.StartElement, all []element) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	first := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root, all
		}
		if err != nil {
			t.Fatalf("the SVG does not parse: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if first {
			root, first = se, false
			continue
		}
		var e element
		if err := d.DecodeElement(&e, &se); err != nil {
			t.Fatalf("the SVG does not parse: %v", err)
		}
		all = append(all, e)
	}
}

// TestSVGParses reads the figure back as XML: the root is an SVG of the
// size laid out, there is a bar per value present (the projected ones
// marked), and every value's exact text is printed.
func TestSVGParses(t *testing.T) {
	doc := svgOf(t, two(), Options{})
	root, all := elements(t, doc)
	if root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root %v, want an svg element", root.Name)
	}
	l := newLayout(two())
	for _, a := range root.Attr {
		if a.Name.Local == "width" && a.Value != px(l.width) || a.Name.Local == "height" && a.Value != px(l.height) {
			t.Errorf("%s=%s, want %s x %s", a.Name.Local, a.Value, px(l.width), px(l.height))
		}
	}
	bars, projected := 0, 0
	texts := map[string]bool{}
	for _, e := range all {
		class := e.attr("class")
		if strings.HasPrefix(class, "bar ") {
			bars++
			if strings.Contains(class, "projected") {
				projected++
				if !strings.HasPrefix(e.attr("fill"), "url(#capex-hatch-") {
					t.Errorf("projected bar filled %q, want a hatch pattern", e.attr("fill"))
				}
			}
		}
		if e.XMLName.Local == "text" {
			texts[e.Text] = true
		}
	}
	// 4 + 3 values in the quarters (one missing), 2 + 2 + 2 in the TTM.
	if bars != 13 || projected != 2 {
		t.Errorf("%d bars, %d projected; want 13 and 2", bars, projected)
	}
	for _, want := range []string{"54.208", "207.634", "139.138", "n/a", "projected", "growth 20%", "CY2027Q2", "billion",
		"AMZN, MSFT capex TTM (USD billion)", "Sources: AMZN: built-in, filed by 2026-07-31; MSFT: built-in, filed by 2026-07-29"} {
		if !texts[want] {
			t.Errorf("no text %q in the figure", want)
		}
	}
	for _, bad := range []string{"<script", "href", "@import", "url(http"} {
		if bytes.Contains(doc, []byte(bad)) {
			t.Errorf("the figure contains %q: nothing external or scripted is allowed", bad)
		}
	}
}

// TestSVGEscapes draws names that are markup: they are text in the
// figure, which still parses.
func TestSVGEscapes(t *testing.T) {
	c := negative()
	c[0].Title = `<script>alert(1)</script> & "x" 'y'`
	c[0].Series = []string{"A&B</text><script>", "\x1b[31mC\u202eD"}
	c[0].Rows[0].Values = append(c[0].Rows[0].Values, num("5"))
	c[0].Source = "Sources: ]]><!--"
	doc := svgOf(t, c, Options{})
	_, all := elements(t, doc)
	for _, e := range all {
		if e.XMLName.Local == "script" {
			t.Fatal("a name became a script element")
		}
	}
	found := map[string]bool{}
	for _, e := range all {
		found[e.Text] = true
	}
	for _, want := range []string{`<script>alert(1)</script> & "x" 'y'`, "A&B</text><script>", "\ufffd[31mC\ufffdD"} {
		if !found[want] {
			t.Errorf("text %q not drawn as text", want)
		}
	}
}

// TestLabelsExact checks the numbers printed: each value's own text,
// grouped, and ticks that are exact multiples of the nice scale.
func TestLabelsExact(t *testing.T) {
	c := []chart.Chart{{Title: "t", Unit: "million", Series: []string{"A"}, Rows: []chart.Row{
		{Label: "q1", Values: []chart.Value{num("0.1")}},
		{Label: "q2", Values: []chart.Value{num("12345678.123456789012345678901234567")}},
	}}}
	_, all := elements(t, svgOf(t, c, Options{}))
	texts := map[string]bool{}
	for _, e := range all {
		texts[e.Text] = true
	}
	for _, want := range []string{"0.1", "12,345,678.123456789012345678901234567", "0", "10,000,000", "20,000,000"} {
		if !texts[want] {
			t.Errorf("no label %q", want)
		}
	}
	got := ticks(decimal.RequireFromString("20"), decimal.RequireFromString("2.5"))
	want := "-2.5 -1.25 0 10 20"
	if s := fmt.Sprint(got); s != "["+want+"]" {
		t.Errorf("ticks(20, 2.5) = %s, want [%s]", s, want)
	}
}

// luminance is WCAG 2.1's relative luminance of "#rrggbb".
func luminance(hex string) float64 {
	c := rgb(hex)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestContrast holds the colours to WCAG 2.1 on both themes: text 4.5:1,
// the first four series colours 3:1 (graphics).
func TestContrast(t *testing.T) {
	for _, th := range Themes {
		for _, c := range []struct {
			name, color string
			min         float64
		}{{"text", th.Text, 4.5}, {"muted text", th.Muted, 4.5}} {
			if r := contrast(c.color, th.Background); r < c.min {
				t.Errorf("%s: %s %s on %s: contrast %.2f, want at least %.1f", th.Name, c.name, c.color, th.Background, r, c.min)
			}
		}
		for i, c := range Palette[:4] {
			if r := contrast(c, th.Background); r < 3 {
				t.Errorf("%s: series %d %s on %s: contrast %.2f, want at least 3", th.Name, i, c, th.Background, r)
			}
		}
	}
}

// runs counts the runs of pixels of colour c along row y of img.
func runs(img image.Image, y int, c color.RGBA) int {
	n, in := 0, false
	b := img.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		r, g, bl, _ := img.At(x, y).RGBA()
		// Renderers may anti-alias edges: within 8 of 255 on each channel.
		same := near(r, c.R) && near(g, c.G) && near(bl, c.B)
		if same && !in {
			n++
		}
		in = same
	}
	return n
}

func near(v uint32, c uint8) bool { return math.Abs(float64(v>>8)-float64(c)) <= 8 }

// bars is the reported quarters of two companies, all well above zero.
func bars() []chart.Chart {
	c := two()[0]
	c.Rows[3].Values[1] = num("35.802")
	return []chart.Chart{c}
}

// TestPNG draws the figure as a PNG: twice the SVG's size, a bar of each
// series per quarter along a line just above the zero line, and the
// hatch of a projection.
func TestPNG(t *testing.T) {
	var b bytes.Buffer
	if err := PNG(&b, bars(), Options{}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	l := newLayout(bars())
	w, h := int(math.Ceil(l.width*Scale)), int(math.Ceil(l.height*Scale))
	if got := img.Bounds().Size(); got != image.Pt(w, h) {
		t.Fatalf("size %v, want %dx%d", got, w, h)
	}
	y := int((l.panels[0].y(decimal.Zero) - 3) * Scale)
	for i, want := range []int{4, 4} {
		if got := runs(img, y, rgb(Palette[i])); got != want {
			t.Errorf("series %d: %d bars along y=%d, want %d", i, got, y, want)
		}
	}
	if got := runs(img, y, rgb(Palette[2])); got != 0 {
		t.Errorf("%d bars of a third colour, want none", got)
	}
}

// TestRSVG renders the SVG with librsvg (rsvg-convert, Debian
// librsvg2-bin), a renderer of its own: the PNG has the size the SVG
// states, and a bar of each series per quarter along a line just above
// the zero line.
func TestRSVG(t *testing.T) {
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert not installed (apt-get install librsvg2-bin)")
	}
	for _, tc := range []struct {
		name   string
		charts []chart.Chart
		opt    Options
		want   []int
	}{
		{"light", bars(), Options{}, []int{4, 4}},
		{"dark", bars(), Options{Theme: Dark}, []int{4, 4}},
		{"negative", negative(), Options{}, []int{2}}, // 120 and 80 above zero
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "f.svg"), filepath.Join(dir, "f.png")
			if err := os.WriteFile(in, svgOf(t, tc.charts, tc.opt), 0o644); err != nil {
				t.Fatal(err)
			}
			if msg, err := exec.Command(bin, "-o", out, in).CombinedOutput(); err != nil {
				t.Fatalf("rsvg-convert: %v\n%s", err, msg)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			l := newLayout(tc.charts)
			if got, want := img.Bounds().Size(), image.Pt(int(math.Ceil(l.width)), int(math.Ceil(l.height))); got != want {
				t.Fatalf("rendered %v, want %v", got, want)
			}
			y := int(l.panels[0].y(decimal.Zero) - 3)
			for i, want := range tc.want {
				if got := runs(img, y, rgb(Palette[i])); got != want {
					t.Errorf("series %d: %d bars along y=%d, want %d", i, got, y, want)
				}
			}
			bg := rgb(tc.opt.theme().Background)
			if got := runs(img, 2, bg); got != 1 {
				t.Errorf("the top row is %d runs of the background, want 1 (an opaque background)", got)
			}
		})
	}
}
