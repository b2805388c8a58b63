package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds a headless browser: Debian's chromium, or Chrome.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium (apt-get install chromium)")
	return ""
}

// browse runs headless Chromium on page with args and returns its stdout.
func browse(t *testing.T, bin, page string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + t.TempDir()}, args...)
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+page)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestHTMLInChromium opens capex's HTML pages in a real browser: the DOM
// Chromium builds has the tables, the exact numbers, the source links,
// the chart and the warnings; the page needs no script; and a screenshot
// shows the chart's bars.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	show := filepath.Join(dir, "amzn.html")
	var stderr bytes.Buffer
	args := []string{"show", "amzn", "--metric", "capex-net", "--from", "2023Q3", "--to", "2023Q4", "--columns", "value", "-o", "html", "--out", show}
	if code := Main(args, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr}); code != exitOK {
		t.Fatalf("capex %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	dom := string(browse(t, bin, show, "--dump-dom"))
	count := func(re string) int { return len(regexp.MustCompile(re).FindAllStringIndex(dom, -1)) }
	checks := []struct {
		what string
		re   string
		n    int
	}{
		{"the table", `<table>`, 1},
		{"a row per quarter", `<tr><td>2023Q[34]</td>`, 2},
		{"the exact values", `<td class="num" data-exact="(11298|13353)">(11,298|13,353)</td>`, 2},
		{"the sources as links", `<a href="https://d18rn0p25nwr6d\.cloudfront\.net/[^"]+">https://`, 2},
		{"the chart", `<figure>\s*<svg [^>]*role="img"`, 1},
		{"a bar per quarter", `<rect class="bar s0"`, 2},
		{"the data's date", `<li>AMZN capex-net: built-in; last period [0-9Q]+, filed 20[0-9-]+</li>`, 1},
		{"the title", `<h1>capex show amzn --columns value --from 2023Q3 --metric capex-net --output html --to 2023Q4</h1>`, 1},
		{"no script", `<script`, 0},
	}
	for _, c := range checks {
		if got := count(c.re); got != c.n {
			t.Errorf("%s: %d matches of %s in the DOM, want %d", c.what, got, c.re, c.n)
		}
	}

	// A projection page: the formulas, and a warning capex printed.
	project := filepath.Join(dir, "project.html")
	args = []string{"project", "amzn", "msft", "--annualize", "latest", "--total", "--explain", "-o", "html", "--out", project}
	stderr.Reset()
	if code := Main(args, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr}); code != exitOK {
		t.Fatalf("capex %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	dom = string(browse(t, bin, project, "--dump-dom"))
	checks = []struct {
		what string
		re   string
		n    int
	}{
		{"a row per company and the total", `<tr><td>(AMZN|MSFT|TOTAL)</td>`, 3},
		{"the formulas", `<li>AMZN capex annualize: 2026Q3\.\.2027Q2 = 2026Q2 54,208 × 4 = 216,832</li>`, 1},
		{"the warning", `<li>warning: the total mixes fiscal calendars: `, 1},
		{"the TTM chart with the projections", `<rect class="bar s[01] projected"`, 2},
	}
	for _, c := range checks {
		if got := count(c.re); got != c.n {
			t.Errorf("%s: %d matches of %s in the DOM, want %d", c.what, got, c.re, c.n)
		}
	}

	// A screenshot of the show page: the size asked for, and the chart's
	// first colour on it.
	shot := filepath.Join(dir, "shot.png")
	browse(t, bin, show, "--screenshot="+shot, "--window-size=1200,900", "--hide-scrollbars")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if s := img.Bounds().Size(); s.X != 1200 || s.Y != 900 {
		t.Errorf("screenshot %v, want 1200x900", s)
	}
	bar := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 == 0x00 && g>>8 == 0x72 && b>>8 == 0xB2 {
				bar++
			}
		}
	}
	if bar < 500 {
		t.Errorf("%d pixels of the bars' colour #0072B2 in the screenshot, want the bars", bar)
	}
}
