package figure

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"

	"github.com/capexdev/capex/pkg/chart"
)

// PNG writes charts as a PNG image, drawn as SVG draws them at Scale
// pixels per SVG pixel, text in the Go fonts. Errors from w, or from the
// fonts compiled in.
//
// Text is drawn with github.com/golang/freetype's TrueType rasterizer
// rather than golang.org/x/image/font/opentype: opentype's font parser
// links golang.org/x/text/encoding/charmap and x/image/vector, whose
// package initialization every capex command would pay (about 0.1 to
// 0.2 ms); freetype's initializes nothing.
func PNG(w io.Writer, charts []chart.Chart, opt Options) error {
	l := newLayout(charts)
	c, err := newPNGCanvas(int(math.Ceil(l.width*Scale)), int(math.Ceil(l.height*Scale)))
	if err != nil {
		return err
	}
	l.draw(c, opt.theme())
	return png.Encode(w, c.img)
}

// pngCanvas draws on an RGBA image; coordinates are SVG pixels.
type pngCanvas struct {
	img           *image.RGBA
	regular, bold *truetype.Font
	faces         map[style]font.Face
}

func newPNGCanvas(w, h int) (*pngCanvas, error) {
	regular, err := truetype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	bold, err := truetype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	return &pngCanvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), regular: regular, bold: bold, faces: map[style]font.Face{}}, nil
}

// box is the pixels of the rectangle x, y, w, h (in SVG pixels).
func box(x, y, w, h float64) image.Rectangle {
	return image.Rect(int(math.Round(x*Scale)), int(math.Round(y*Scale)), int(math.Round((x+w)*Scale)), int(math.Round((y+h)*Scale)))
}

func (c *pngCanvas) rect(x, y, w, h float64, fill string) {
	draw.Draw(c.img, box(x, y, w, h), image.NewUniform(rgb(fill)), image.Point{}, draw.Src)
}

func (c *pngCanvas) bar(x, y, w, h float64, _ int, fill string, projected bool, _ string) {
	if !projected {
		c.rect(x, y, w, h, fill)
		return
	}
	// Stripes 2.5 px wide every 6 px at 45°, as the SVG pattern, and a
	// 1.5 px outline inside the bar.
	r := box(x, y, w, h)
	col := rgb(fill)
	period := 6 * Scale * math.Sqrt2
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for pxl := r.Min.X; pxl < r.Max.X; pxl++ {
			if math.Mod(float64(pxl+py), period) < 2.5*Scale*math.Sqrt2 {
				c.img.Set(pxl, py, col)
			}
		}
	}
	t := 1.5
	c.rect(x, y, w, t, fill)
	c.rect(x, y+h-t, w, t, fill)
	c.rect(x, y, t, h, fill)
	c.rect(x+w-t, y, t, h, fill)
}

// line draws a horizontal or vertical line, the only ones a figure has.
func (c *pngCanvas) line(x1, y1, x2, y2, width float64, color string) {
	if y1 == y2 {
		c.rect(math.Min(x1, x2), y1-width/2, math.Abs(x2-x1), width, color)
		return
	}
	c.rect(x1-width/2, math.Min(y1, y2), width, math.Abs(y2-y1), color)
}

func (c *pngCanvas) text(x, y float64, s string, st style) {
	key := style{size: st.size, bold: st.bold}
	face := c.faces[key]
	if face == nil {
		f := c.regular
		if st.bold {
			f = c.bold
		}
		face = truetype.NewFace(f, &truetype.Options{Size: st.size * Scale, DPI: 72, Hinting: font.HintingNone})
		c.faces[key] = face
	}
	d := &font.Drawer{Dst: c.img, Src: image.NewUniform(rgb(st.color)), Face: face}
	w := d.MeasureString(s)
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * Scale * 64)), Y: fixed.Int26_6(math.Round(y * Scale * 64))}
	switch st.anchor {
	case middle:
		dot.X -= w / 2
	case end:
		dot.X -= w
	}
	d.Dot = dot
	d.DrawString(s)
}

// rgb reads "#rrggbb"; anything else is black.
func rgb(s string) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{A: 255}
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{A: 255}
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}
