package render

import (
	"bufio"
	"strings"
)

// TSVFormat is CSV's rows with tabs between fields and no quoting: a tab
// or line break inside a text becomes a space.
var TSVFormat = &Format{
	Name: "tsv",
	Help: "as csv, tab-separated, with tabs and line breaks in text turned into spaces",
	open: func(w *bufio.Writer, opt Options) (encoder, error) {
		return &flatEncoder{opt: opt, tsv: true, sep: '\t', out: w}, nil
	},
}

// tsvField makes text safe for TSV, which has no quoting: a tab or line
// break inside a field would split it, so each becomes a space.
var tsvField = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")
