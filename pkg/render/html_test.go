package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func page(t *testing.T, tables []*Table, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, tables, Options{Format: "html", Decimals: -1, Report: r}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Text from the data is text on the page: markup is escaped, control and
// bidi characters are shown as escapes, and only http and https
// addresses become links.
func TestHTMLEscapes(t *testing.T) {
	tb := &Table{
		Title:   "<script>alert(1)</script> capex",
		Columns: []Column{{Name: "name"}, {Name: "source"}, {Name: "value", Right: true}},
		Rows: [][]Cell{
			{Text(`"><img src=x onerror=alert(1)>`), Text("javascript:alert(1) and data:text/html,<b>x</b>"), Num(decimal.RequireFromString("1234.5"))},
			{Text("R\u202eTL \x1b[31mred"), Text(`10-Q (Q3 2024; https://example.com/a?b=1&c=2.) "https://q.test/x" see also http://x.test/p)`), {}},
		},
		Notes: []string{"note with https://example.com/n and <b>bold</b>"},
	}
	got := page(t, []*Table{tb}, &Report{Title: "capex show <x>", Warnings: func() []string { return []string{"warning: <i>w</i>"} }})
	for _, bad := range []string{"<script>alert", "<img", "<b>", "<i>", `href="javascript`, `href="data`, "\u202e", "\x1b"} {
		if strings.Contains(got, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt; capex",
		"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
		`R\u202eTL \x1b[31mred`,
		`<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>.) &#34;<a href="https://q.test/x">https://q.test/x</a>&#34;`,
		`<a href="http://x.test/p">http://x.test/p</a>)`,
		`<a href="https://example.com/n">https://example.com/n</a> and &lt;b&gt;bold&lt;/b&gt;`,
		"<title>capex show &lt;x&gt;</title>",
		"<li>warning: &lt;i&gt;w&lt;/i&gt;</li>",
		`<td class="num" data-exact="1234.5">1,234.5</td>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(got, "<script") || strings.Contains(got, "<link") || strings.Contains(got, "@import") || strings.Contains(got, "<img") {
		t.Error("the page loads or runs something")
	}
}

// The columns a text table leaves out: shown when they differ and are not
// said in the title or notes, stated once when equal, left out when empty.
func TestHTMLLongColumns(t *testing.T) {
	tb := &Table{
		Title: "AMZN capex",
		Columns: []Column{{Name: "period"}, {Name: "company", Long: true}, {Name: "unit", Long: true}, {Name: "filed", Long: true},
			{Name: "note", Long: true}, {Name: "formula", Long: true}},
		Rows: [][]Cell{
			{Text("2025Q3"), Text("AMZN"), Text("million"), Text("2025-10-31"), Text(""), Text("a = 1; b = 2")},
			{Text("2025Q4"), Text("AMZN"), Text("million"), Text("2026-02-06"), Text(""), Text("c = 3")},
		},
		Notes: []string{"AMZN capex: a = 1", "AMZN capex: b = 2", "AMZN capex: c = 3"},
	}
	got := page(t, []*Table{tb}, nil)
	if want := "<tr><th>period</th><th>filed</th></tr>"; !strings.Contains(got, want) {
		t.Errorf("head: want %q in\n%s", want, got)
	}
	if want := `<p class="facts">unit: million</p>`; !strings.Contains(got, want) {
		t.Errorf("facts: want %q in\n%s", want, got)
	}
}

// The report: the data's dates, figures as given, warnings read when the
// page is written, after the tables were made.
func TestHTMLReport(t *testing.T) {
	var warnings []string
	r := &Report{Title: "capex show amzn", AsOf: []string{"AMZN capex: built-in; last period 2026Q2, filed 2026-07-31"},
		Figures:  []Figure{{SVG: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><text>AMZN</text></svg>`)}, {Note: "no chart: <why>"}},
		Warnings: func() []string { return warnings }}
	s, err := NewStream(&bytes.Buffer{}, Options{Format: "html"})
	if err != nil || !s.Human() {
		t.Fatalf("html is a format for people: %v", err)
	}
	var b bytes.Buffer
	s, _ = NewStream(&b, Options{Format: "html", Decimals: -1, Report: r})
	s.Begin(&Table{Columns: []Column{{Name: "period"}}})
	s.Text("2026Q2")
	if err := s.EndRow(); err != nil {
		t.Fatal(err)
	}
	warnings = append(warnings, "warning: late")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{"<h1>capex show amzn</h1>", "<li>AMZN capex: built-in; last period 2026Q2, filed 2026-07-31</li>",
		`<figure>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg"><text>AMZN</text></svg>`, "<figcaption>no chart: &lt;why&gt;</figcaption>",
		"<li>warning: late</li>", "<td>2026Q2</td>"} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %q:\n%s", want, got)
		}
	}
}
