package render

import (
	"bufio"
	"bytes"
	"html/template"
	"regexp"
	"strings"
)

// HTMLFormat is one standalone HTML page for people: the tables as the
// text table shows them (numbers grouped, growth as percentages, nothing
// cut), each number's exact value in its data-exact attribute, the
// formulas and notes below each table, http and https addresses in the
// text as links, and the Report: the data's dates, the charts, the
// warnings. The style is inline, there is no script, and nothing is
// fetched. Every text from the data is escaped by html/template, after
// Visible (so that no control or bidi character reorders what a reader
// sees).
//
// A column the text table leaves out (Long) is shown when its cells
// differ and are not already said in the title or notes (a definition, a
// formula); one whose cells are all equal is stated once below the table
// (unit: million); an empty one is left out.
var HTMLFormat = &Format{
	Name:  "html",
	Human: true,
	Help: `a standalone HTML page for people: the tables, formulas, sources as links,
the data's dates, charts and warnings; inline style, no script, nothing fetched`,
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		return &pageEncoder{opt: opt, w: w}, nil
	},
}

// pageEncoder gathers the tables of a page, which is written whole at
// close: its report's warnings are read then.
type pageEncoder struct {
	opt    Options
	w      *bufio.Writer
	tables []*Table
	row    []Cell
}

// begin starts a table, copying what it keeps: a stream's caller may
// reuse its Table.
func (e *pageEncoder) begin(t *Table) {
	e.tables = append(e.tables, &Table{Title: t.Title, Columns: append([]Column(nil), t.Columns...), Notes: append([]string(nil), t.Notes...)})
}

func (e *pageEncoder) note(line string) {
	if len(e.tables) > 0 {
		t := e.tables[len(e.tables)-1]
		t.Notes = append(t.Notes, line)
	}
}

func (e *pageEncoder) cell(c Cell)      { e.row = append(e.row, c) }
func (e *pageEncoder) text(v string)    { e.row = append(e.row, Text(v)) }
func (e *pageEncoder) na(reason string) { e.row = append(e.row, NA(reason)) }
func (e *pageEncoder) number(text []byte, pct bool) {
	e.row = append(e.row, Cell{Text: string(text), IsNum: true, Percent: pct})
}

func (e *pageEncoder) endRow() error {
	if len(e.tables) > 0 {
		t := e.tables[len(e.tables)-1]
		t.Rows = append(t.Rows, e.row)
	}
	e.row = nil
	return nil
}

func (e *pageEncoder) close() error {
	var b bytes.Buffer
	if err := writeHTML(&b, e.tables, e.opt); err != nil {
		return err
	}
	_, err := e.w.Write(b.Bytes())
	return err
}

// Report is what an HTML page shows besides the tables. Other formats
// ignore it.
type Report struct {
	// Title is the page's title and heading, such as the command line.
	Title string
	// AsOf says where the data comes from and as of when, a line each.
	AsOf []string
	// Figures are charts drawn before the tables.
	Figures []Figure
	// Warnings, when set, is called as the page is written, for the
	// warnings given until then, a line each.
	Warnings func() []string
}

// Figure is a chart of a Report: an SVG document (without an XML
// declaration) that its maker escaped, as package figure does; it goes
// into the page as it is. Note, when set, says why there is no chart.
type Figure struct {
	SVG  []byte
	Note string
}

// htmlPage is what the page template is given.
type htmlPage struct {
	Title    string
	AsOf     []string
	Warnings []string
	Figures  []htmlFigure
	Tables   []htmlTable
}

type htmlFigure struct {
	SVG  template.HTML
	Note string
}

type htmlTable struct {
	Heading string
	Lines   []string // the title's other lines
	Head    []htmlHead
	Rows    [][]htmlCell
	Facts   []htmlFact
	Notes   [][]segment
}

type htmlHead struct {
	Name  string
	Right bool
}

type htmlFact struct{ Name, Value string }

type htmlCell struct {
	Class    string
	Exact    string // a number's digits as CSV writes them
	Segments []segment
}

// segment is a piece of text, a link when URL is set.
type segment struct{ Text, URL string }

// addresses finds http and https addresses in text.
var addresses = regexp.MustCompile(`https?://[^\s<>"'|]+`)

// linked splits s into text and links: only http and https addresses
// become links, without the punctuation that ends a sentence or a
// parenthesis.
func linked(s string) []segment {
	var out []segment
	for {
		loc := addresses.FindStringIndex(s)
		if loc == nil {
			break
		}
		url := strings.TrimRight(s[loc[0]:loc[1]], ".,;:)]}")
		if loc[0] > 0 {
			out = append(out, segment{Text: s[:loc[0]]})
		}
		out = append(out, segment{Text: url, URL: url})
		s = s[loc[0]+len(url):]
	}
	if s != "" {
		out = append(out, segment{Text: s})
	}
	return out
}

// writeHTML writes the page of tables and opt.Report.
func writeHTML(w *bytes.Buffer, tables []*Table, opt Options) error {
	page := htmlPage{Title: "capex"}
	if r := opt.Report; r != nil {
		if r.Title != "" {
			page.Title = Visible(r.Title)
		}
		page.AsOf = visibleAll(r.AsOf)
		if r.Warnings != nil {
			page.Warnings = visibleAll(r.Warnings())
		}
		for _, f := range r.Figures {
			page.Figures = append(page.Figures, htmlFigure{SVG: template.HTML(f.SVG), Note: Visible(f.Note)})
		}
	}
	for _, t := range tables {
		page.Tables = append(page.Tables, htmlTableOf(t, opt))
	}
	return pageTemplate.Execute(w, page)
}

func visibleAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = Visible(l)
	}
	return out
}

// htmlTableOf lays out t for the page.
func htmlTableOf(t *Table, opt Options) htmlTable {
	var h htmlTable
	if t.Title != "" {
		lines := strings.Split(t.Title, "\n")
		h.Heading = Visible(lines[0])
		h.Lines = visibleAll(lines[1:])
	}
	said := t.Title + "\n" + strings.Join(t.Notes, "\n")
	var keep []int
	for j, c := range t.Columns {
		if !c.Long {
			keep = append(keep, j)
			continue
		}
		first, same, empty, told := "", true, true, true
		for i, r := range t.Rows {
			v := plain(r[j], opt)
			if i == 0 {
				first = v
			} else if v != first {
				same = false
			}
			if v != "" {
				empty = false
				for _, part := range strings.Split(v, "; ") {
					if !strings.Contains(said, part) {
						told = false
					}
				}
			}
		}
		switch {
		case empty || told:
		case same:
			h.Facts = append(h.Facts, htmlFact{Name: c.Name, Value: Visible(first)})
		default:
			keep = append(keep, j)
		}
	}
	for _, j := range keep {
		h.Head = append(h.Head, htmlHead{Name: Visible(t.Columns[j].Name), Right: t.Columns[j].Right})
	}
	for _, r := range t.Rows {
		row := make([]htmlCell, len(keep))
		for k, j := range keep {
			c := r[j]
			cell := htmlCell{Segments: linked(Visible(display(c, opt)))}
			switch {
			case c.NA != "":
				cell.Class = "na"
			case c.IsNum:
				cell.Class = "num"
				cell.Exact = plain(c, opt)
			case t.Columns[j].Right:
				cell.Class = "num"
			}
			row[k] = cell
		}
		h.Rows = append(h.Rows, row)
	}
	for _, n := range t.Notes {
		h.Notes = append(h.Notes, linked(Visible(n)))
	}
	return h
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="capex">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #ffffff; margin: 2rem auto; max-width: 84rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.4rem; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
h2 { font-size: 1.15rem; margin-top: 2rem; }
a { color: #0b5cad; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #d0d0d0; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #1a1a1a; white-space: nowrap; }
tbody tr:nth-child(even) { background: #f5f5f5; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.na { color: #555555; font-style: italic; }
.scroll { overflow-x: auto; }
.facts, .asof, .notes { color: #555555; font-size: .9rem; }
.notes li { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: .85rem; }
.warnings { color: #8a4b00; }
figure { margin: 1rem 0; }
@media (prefers-color-scheme: dark) {
  body { color: #ececec; background: #161616; }
  a { color: #8ab8ff; }
  th, td { border-bottom-color: #3d3d3d; }
  th { border-bottom-color: #ececec; }
  tbody tr:nth-child(even) { background: #1f1f1f; }
  .na, .facts, .asof, .notes { color: #b0b0b0; }
  .warnings { color: #f0b35a; }
}
figure svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{- if .AsOf}}
<section class="asof">
<h2>Data</h2>
<ul>
{{- range .AsOf}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{- if .Warnings}}
<section class="warnings">
<h2>Warnings</h2>
<ul>
{{- range .Warnings}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{- range .Figures}}
<figure>
{{- if .Note}}<figcaption>{{.Note}}</figcaption>{{else}}
{{.SVG}}{{end}}
</figure>
{{- end}}
{{- range .Tables}}
<section class="result">
{{- if .Heading}}
<h2>{{.Heading}}</h2>
{{- end}}
{{- range .Lines}}
<p>{{.}}</p>
{{- end}}
<div class="scroll">
<table>
<thead>
<tr>{{range .Head}}<th{{if .Right}} class="num"{{end}}>{{.Name}}</th>{{end}}</tr>
</thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td{{if .Class}} class="{{.Class}}"{{end}}{{if .Exact}} data-exact="{{.Exact}}"{{end}}>{{template "text" .Segments}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- if .Facts}}
<p class="facts">{{range $i, $f := .Facts}}{{if $i}} · {{end}}{{$f.Name}}: {{$f.Value}}{{end}}</p>
{{- end}}
{{- if .Notes}}
<ul class="notes">
{{- range .Notes}}
<li>{{template "text" .}}</li>
{{- end}}
</ul>
{{- end}}
</section>
{{- end}}
</body>
</html>
{{define "text"}}{{range .}}{{if .URL}}<a href="{{.URL}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}{{end}}`))
