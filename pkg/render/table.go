package render

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// TableFormat is aligned columns for people, laid out by tablewriter.
var TableFormat = &Format{
	Name:  "table",
	Human: true,
	Help: `aligned columns for people; numbers grouped with thousands separators and
right-aligned, growth as percentages, long text cut to fit with "…",
formulas and notes below (the default)`,
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		return &collector{opt: opt, w: w, write: writeText}, nil
	},
}

func writeText(w *bytes.Buffer, tables []*Table, opt Options) error {
	for i, t := range tables {
		t = short(t)
		if i > 0 {
			w.WriteByte('\n')
		}
		if t.Title != "" {
			for _, line := range strings.Split(t.Title, "\n") {
				fmt.Fprintln(w, Visible(line))
			}
		}
		n := len(t.Columns)
		gap := tw.Padding{Left: "", Right: "  ", Overwrite: true}
		pads := make([]tw.Padding, n)
		align := make(tw.Alignment, n)
		header := make([]string, n)
		for j, c := range t.Columns {
			pads[j] = gap
			align[j] = tw.AlignLeft
			if c.Right {
				align[j] = tw.AlignRight
			}
			header[j] = c.Name
		}
		pads[n-1] = tw.PaddingNone
		var tb bytes.Buffer
		table := tablewriter.NewTable(&tb,
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithRowAutoFormat(tw.Off),
			tablewriter.WithHeaderAutoWrap(tw.WrapNone),
			tablewriter.WithRowAutoWrap(tw.WrapNone),
			tablewriter.WithMaxWidth(0),
			tablewriter.WithAlignment(align),
			tablewriter.WithPadding(gap),
			tablewriter.WithHeaderPaddingPerColumn(pads),
			tablewriter.WithRowPaddingPerColumn(pads),
			tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
				Borders: tw.BorderNone,
				Symbols: tw.NewSymbols(tw.StyleASCII),
				Settings: tw.Settings{
					Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off, ShowHeader: tw.On},
					Lines:      tw.Lines{ShowTop: tw.Off, ShowBottom: tw.Off, ShowHeaderLine: tw.On},
				},
			})),
		)
		table.Header(header)
		for _, r := range t.Rows {
			if err := table.Append(texts(r, display, opt)); err != nil {
				return err
			}
		}
		if err := table.Render(); err != nil {
			return err
		}
		// A left-aligned last column is padded to its width: trim it.
		for _, line := range strings.Split(strings.TrimRight(tb.String(), "\n"), "\n") {
			w.WriteString(strings.TrimRight(line, " "))
			w.WriteByte('\n')
		}
		if len(t.Notes) > 0 {
			w.WriteByte('\n')
		}
		for _, note := range t.Notes {
			fmt.Fprintln(w, Visible(note))
		}
	}
	return nil
}
