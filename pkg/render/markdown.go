package render

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// MarkdownFormat is a pipe table per block, numbers right-aligned.
var MarkdownFormat = &Format{
	Name:  "markdown",
	Human: true,
	Help:  "a pipe table, numbers right-aligned",
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		return &collector{opt: opt, w: w, write: writeMarkdown}, nil
	},
}

func writeMarkdown(w *bytes.Buffer, tables []*Table, opt Options) error {
	esc := strings.NewReplacer("|", `\|`, "\n", " ", "\r", "")
	for i, t := range tables {
		t = short(t)
		if i > 0 {
			w.WriteByte('\n')
		}
		if t.Title != "" {
			for _, line := range strings.Split(t.Title, "\n") {
				fmt.Fprintf(w, "%s\n\n", esc.Replace(Visible(line)))
			}
		}
		w.WriteString("|")
		for _, c := range t.Columns {
			fmt.Fprintf(w, " %s |", esc.Replace(c.Name))
		}
		w.WriteString("\n|")
		for _, c := range t.Columns {
			if c.Right {
				w.WriteString(" ---: |")
			} else {
				w.WriteString(" --- |")
			}
		}
		w.WriteByte('\n')
		for _, r := range t.Rows {
			w.WriteString("|")
			for _, c := range r {
				fmt.Fprintf(w, " %s |", esc.Replace(display(c, opt)))
			}
			w.WriteByte('\n')
		}
		if len(t.Notes) > 0 {
			w.WriteByte('\n')
			for _, n := range t.Notes {
				fmt.Fprintf(w, "    %s\n", Visible(n))
			}
		}
	}
	return nil
}
