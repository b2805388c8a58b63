// Package load reads series files (YAML and CSV, from files, directories
// and standard input) into a series.Builder, reporting every problem with
// its file and line.
//
// No number passes through float64: values are parsed by package amount
// from the text of each CSV field or YAML node.
package load

import (
	"github.com/capexdev/capex/pkg/internal/excerpt"

	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/series"
)

// DefaultUnit is the unit of a series that does not name one: filings
// print cash-flow figures in millions.
const DefaultUnit = amount.Million

// DefaultMaxInput is the largest input read, in bytes.
const DefaultMaxInput = 1 << 30

// StdinName names standard input in messages.
const StdinName = "stdin"

// Options change how input is read.
type Options struct {
	DecimalComma bool   // "," is the decimal separator in values
	Format       string // "yaml" or "csv" forces the format; "" decides by extension or content
	MaxInput     int64  // bytes per input; 0 means DefaultMaxInput
}

// Formats lists the input formats.
var Formats = []string{"yaml", "csv"}

// Paths reads every path into b: a file, a directory (its *.yaml, *.yml
// and *.csv files, in name order, not descending into subdirectories), or
// "-" for stdin.
func Paths(b *series.Builder, paths []string, stdin io.Reader, opt Options) {
	for _, p := range paths {
		if p == "-" {
			data, err := readAll(stdin, opt)
			if err != nil {
				b.Problems.Errorf(series.Pos{File: StdinName}, "", "%v", err)
				continue
			}
			Bytes(b, StdinName, data, opt)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			b.Problems.Errorf(series.Pos{File: p}, "check the --data path", "%s", DescribeError(err))
			continue
		}
		if !info.IsDir() {
			File(b, p, opt)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			b.Problems.Errorf(series.Pos{File: p}, "", "%s", DescribeError(err))
			continue
		}
		var files []string
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && formatOf(e.Name()) != "" {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
		sort.Strings(files)
		if len(files) == 0 {
			b.Problems.Errorf(series.Pos{File: p}, "", "no .yaml, .yml or .csv files in the directory")
		}
		for _, f := range files {
			File(b, f, opt)
		}
	}
}

// File reads one file into b.
func File(b *series.Builder, name string, opt Options) {
	f, err := os.Open(name)
	if err != nil {
		b.Problems.Errorf(series.Pos{File: name}, "", "%s", DescribeError(err))
		return
	}
	defer f.Close()
	data, err := readAll(f, opt)
	if err != nil {
		b.Problems.Errorf(series.Pos{File: name}, "", "%v", err)
		return
	}
	Bytes(b, name, data, opt)
}

// Bytes reads the content of one input named name into b. Without
// opt.Format, the format is that of the name's extension, else guessed from
// the first line.
func Bytes(b *series.Builder, name string, data []byte, opt Options) {
	pos := series.Pos{File: name}
	if err := checkText(data); err != nil {
		b.Problems.Errorf(pos, "save the file as UTF-8 text", "%v", err)
		return
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	format := opt.Format
	if format == "" {
		format = formatOf(name)
	}
	if format == "" {
		format = sniff(data)
	}
	switch format {
	case "yaml":
		ReadYAML(name, data, b, opt)
	case "csv":
		ReadCSV(name, data, b, opt)
	default:
		b.Problems.Errorf(pos, "pass --input-format yaml or --input-format csv", "cannot tell whether the input is YAML or CSV")
	}
}

func formatOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return "yaml"
	case ".csv":
		return "csv"
	}
	return ""
}

// sniff guesses the format from the first line that is not blank or a
// comment.
func sniff(data []byte) string {
	for _, line := range strings.SplitN(string(data[:min(len(data), 4096)]), "\n", 50) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line == "---" || strings.HasPrefix(line, "%YAML") || strings.HasPrefix(line, "companies:") {
			return "yaml"
		}
		if strings.Contains(line, ",") {
			return "csv"
		}
		return ""
	}
	return ""
}

func readAll(r io.Reader, opt Options) ([]byte, error) {
	max := opt.MaxInput
	if max <= 0 {
		max = DefaultMaxInput
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, errors.New(DescribeError(err))
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("input is larger than the %d-byte limit", max)
	}
	return data, nil
}

// checkText refuses input that is not UTF-8 text.
func checkText(data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return errors.New("the input is UTF-16, not UTF-8")
	case bytes.IndexByte(data, 0) >= 0:
		return fmt.Errorf("the input contains a NUL byte (at byte %d): not a text file", bytes.IndexByte(data, 0))
	case !utf8.Valid(data):
		return errors.New("the input is not valid UTF-8")
	}
	return nil
}

// DescribeError turns a file error into words, without the path.
func DescribeError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	if strings.Contains(err.Error(), "is a directory") {
		return "is a directory"
	}
	return err.Error()
}

var (
	tickerRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.\-_]{0,15}$`)
	metricRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._\-]{0,63}$`)
)

// CheckTicker refuses text that cannot be a ticker.
func CheckTicker(s string) error {
	if !tickerRE.MatchString(s) {
		return fmt.Errorf("ticker %q: use 1-16 letters, digits, '.', '-' or '_'", excerpt.Of(s))
	}
	return nil
}

// CheckMetricID refuses text that cannot be a metric id.
func CheckMetricID(s string) error {
	if !metricRE.MatchString(s) {
		return fmt.Errorf("metric id %q: use lower-case letters, digits, '.', '-' or '_'", excerpt.Of(s))
	}
	return nil
}

// hinted is an error with a hint for the reader.
type hinted struct {
	error
	hint string
}

func (h hinted) Hint() string  { return h.hint }
func (h hinted) Unwrap() error { return h.error }

// hintFor returns the hint an error carries, if any.
func hintFor(err error) string {
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		return h.Hint()
	}
	return ""
}
