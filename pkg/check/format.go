package check

import (
	"bytes"
	"strings"

	"github.com/capexdev/capex/pkg/param"
	"github.com/capexdev/capex/pkg/render"
)

// Format is a report format of checks' own: JUnit XML and GitHub
// annotations. Results are also written in every render format, as a
// table (Table).
type Format struct {
	Name  string
	Help  string
	write func(rs []*Result) ([]byte, error)
}

// The formats of checks' own.
var (
	JUnitFormat  = &Format{Name: "junit", Help: "JUnit XML for Jenkins and GitLab", write: JUnit}
	GitHubFormat = &Format{Name: "github", Help: "GitHub Actions annotations on the expectation's line",
		write: func(rs []*Result) ([]byte, error) { return GitHub(rs), nil }}
	Formats = []*Format{JUnitFormat, GitHubFormat}
)

// FormatNames lists every format a report may be written in: the render
// formats, then checks' own.
func FormatNames() []string {
	names := render.FormatNames()
	for _, f := range Formats {
		names = append(names, f.Name)
	}
	return names
}

// Own reports whether format is one of checks' own formats.
func Own(format string) bool {
	for _, f := range Formats {
		if strings.EqualFold(f.Name, format) {
			return true
		}
	}
	return false
}

// Report writes results in the format of ro: one of checks' own, or a
// render format with ro's dialect (a text or Markdown table ends with the
// summary). calendar adds the calendar quarters of each period. An
// unknown format is a *param.Error about "format".
func Report(rs []*Result, ro render.Options, calendar bool) ([]byte, error) {
	for _, f := range Formats {
		if strings.EqualFold(f.Name, ro.Format) {
			return f.write(rs)
		}
	}
	rf, err := render.FormatByName(ro.Format)
	if err != nil {
		return nil, param.Errorf("format", ro.Format, strings.Join(FormatNames(), ", "), "not a report format")
	}
	t := Table(rs, calendar)
	if rf.Human {
		t.Notes = append(t.Notes, Summarize(rs).String())
	}
	var b bytes.Buffer
	err = render.Write(&b, []*render.Table{t}, ro)
	return b.Bytes(), err
}
