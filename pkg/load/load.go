// Package load reads series files (YAML and CSV, from files, directories
// and standard input) into a series.Builder, reporting every problem with
// its file and line.
//
// No number passes through float64: values are parsed by package amount
// from the text of each CSV field or YAML node.
package load

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/internal/excerpt"
	"github.com/capexdev/capex/pkg/internal/hugepage"
	"github.com/capexdev/capex/pkg/series"
)

// DefaultUnit is the unit of a series that does not name one: filings
// print cash-flow figures in millions.
const DefaultUnit = amount.Million

// DefaultMaxInput is the largest input read, in bytes.
const DefaultMaxInput = 1 << 30

// StdinName names standard input in messages.
const StdinName = "stdin"

// Options change how input is read. The decimal mark is not one of them:
// it is a property of each file, declared in it or, for a CSV file
// separated by ";", guessed (see ReadCSV and ReadYAML).
type Options struct {
	Format   string // "yaml" or "csv" forces the format; "" decides by extension or content
	MaxInput int64  // bytes per input; 0 means DefaultMaxInput
	// Gunzip has Read decompress an input that is gzip (known by its first
	// bytes, not its name). MaxInput caps the bytes read and the bytes
	// they decompress to alike.
	Gunzip bool
	// Reserve is the heap, in bytes, that Paths has the Go runtime map at
	// once, backed by huge pages where the system has them, before it
	// reads (see package hugepage): about what reading the paths will
	// allocate. 0 reserves nothing.
	Reserve int64
}

// parseMark reads a declared decimal mark: "." or ",".
func parseMark(s string) (amount.Mark, error) {
	switch strings.Trim(strings.TrimSpace(s), `"'`) {
	case ".":
		return amount.PointMark, nil
	case ",":
		return amount.CommaMark, nil
	}
	return 0, fmt.Errorf("decimal_mark %q: not a decimal mark", excerpt.Of(s))
}

// markHint says how a decimal mark is declared.
const markHint = `write "." or ","`

// Formats lists the input formats.
var Formats = []string{"yaml", "csv"}

// Paths reads every path into b: a file, a directory (its *.yaml, *.yml
// and *.csv files, in name order, not descending into subdirectories), or
// "-" for stdin.
func Paths(b *series.Builder, paths []string, stdin io.Reader, opt Options) {
	hugepage.Reserve(opt.Reserve)
	for _, p := range paths {
		if p == "-" {
			data, err := readAll(stdin, 0, opt)
			if err != nil {
				b.Problems.AddError(series.At(StdinName, 0), err)
				continue
			}
			Text(b, StdinName, data, opt)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			b.Problems.Add(series.Problem{Pos: series.At(p, 0), Msg: DescribeError(err), Hint: "check the path", Param: "data"})
			continue
		}
		if !info.IsDir() {
			File(b, p, opt)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			b.Problems.Errorf(series.At(p, 0), "", "%s", DescribeError(err))
			continue
		}
		var files []string
		refused := 0
		for _, e := range entries {
			if dataFile(e) {
				name := filepath.Join(p, e.Name())
				// A file of a directory is a regular file, links followed: a
				// device, a pipe or a link to one is refused unread.
				if info, err := os.Stat(name); err == nil && !info.Mode().IsRegular() {
					b.Problems.Add(series.Problem{Pos: series.At(name, 0), Msg: "not a regular file (" + fileKind(info.Mode()) + ")",
						Hint: "a directory of data holds files; name a pipe or device itself if you mean it", Param: "data"})
					refused++
					continue
				}
				files = append(files, name)
			}
		}
		sort.Strings(files)
		if len(files) == 0 && refused == 0 {
			b.Problems.Errorf(series.At(p, 0), "", "no .yaml, .yml or .csv files in the directory")
		}
		for _, f := range files {
			File(b, f, opt)
		}
	}
}

// dataFile is whether Paths reads a directory's entry e: a file, not
// hidden, whose name says YAML or CSV.
func dataFile(e os.DirEntry) bool {
	return !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && formatOf(e.Name()) != ""
}

// Size is how many bytes Paths reads from paths: a file's size, or the
// sizes of the files of a directory it reads; what cannot be read counts
// 0, and so does "-" (stdin, of unknown size).
func Size(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == "-" {
			continue
		}
		info, err := os.Stat(p)
		switch {
		case err != nil:
		case !info.IsDir():
			n += info.Size()
		default:
			entries, _ := os.ReadDir(p)
			for _, e := range entries {
				if !dataFile(e) {
					continue
				}
				if fi, err := e.Info(); err == nil {
					n += fi.Size()
				}
			}
		}
	}
	return n
}

// File reads one file into b.
func File(b *series.Builder, name string, opt Options) {
	data, err := Read(name, nil, opt)
	if err != nil {
		b.Problems.AddError(series.At(name, 0), err)
		return
	}
	Text(b, name, data, opt)
}

// Read returns the content of file name, or of stdin for "-", refusing a
// directory and more than opt.MaxInput bytes. With opt.Gunzip, a gzip
// input is decompressed, and more than opt.MaxInput bytes of either kind is
// refused. Its errors do not repeat the name.
func Read(name string, stdin io.Reader, opt Options) (string, error) {
	if name == "-" {
		return readAll(stdin, 0, opt)
	}
	f, err := os.Open(name)
	if err != nil {
		return "", errors.New(DescribeError(err))
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return "", errors.New("is a directory")
		}
		size = info.Size()
	}
	return readAll(f, size, opt)
}

// Bytes reads the content of one input named name into b. Without
// opt.Format, the format is that of the name's extension, else guessed from
// the first line.
func Bytes(b *series.Builder, name string, data []byte, opt Options) {
	Text(b, name, string(data), opt)
}

// Text is Bytes for content held as a string.
func Text(b *series.Builder, name string, data string, opt Options) {
	pos := series.At(name, 0)
	if err := CheckText(data); err != nil {
		b.Problems.Errorf(pos, "save the file as UTF-8 text", "%v", err)
		return
	}
	data = strings.TrimPrefix(data, "\xef\xbb\xbf")
	format := opt.Format
	if format == "" {
		format = formatOf(name)
	}
	if format == "" {
		format = sniff(data)
	}
	switch format {
	case "yaml":
		ReadYAML(name, []byte(data), b, opt)
	case "csv":
		ReadCSV(name, data, b, opt)
	default:
		b.Problems.Add(series.Problem{Pos: pos, Msg: "cannot tell whether the input is YAML or CSV", Hint: "name the input format, yaml or csv", Param: "input-format"})
	}
}

func formatOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return "yaml"
	case ".csv", ".tsv":
		return "csv"
	}
	return ""
}

// sniff guesses the format from the first line that is not blank or a
// comment.
func sniff(data string) string {
	for _, line := range strings.SplitN(data[:min(len(data), 4096)], "\n", 50) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line == "---" || strings.HasPrefix(line, "%YAML") || strings.HasPrefix(line, "companies:") {
			return "yaml"
		}
		if strings.ContainsAny(line, ",;\t|") {
			return "csv"
		}
		return ""
	}
	return ""
}

// readAll reads r, of about size bytes when size > 0, into one string
// (without copying it again), refusing more than opt.MaxInput.
func readAll(r io.Reader, size int64, opt Options) (string, error) {
	limit := opt.MaxInput
	if limit <= 0 {
		limit = DefaultMaxInput
	}
	if size > limit {
		return "", &LimitError{Limit: limit}
	}
	// The first bytes say whether this is text at all: a device, a binary
	// or a sparse file is refused before the rest is read.
	head := make([]byte, headBytes)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return "", errors.New(DescribeError(err))
	}
	head = head[:n]
	if opt.Gunzip && strings.HasPrefix(string(head), gzipMagic) {
		return gunzip(io.MultiReader(bytes.NewReader(head), r), limit)
	}
	if err := checkHead(head, n < headBytes); err != nil {
		return "", err
	}
	if int64(n) > limit {
		return "", &LimitError{Limit: limit}
	}
	if n < headBytes {
		return string(head), nil
	}
	// The file is read straight into the buffer that becomes the string,
	// sized to the file (and one byte more, to see it end) and backed by
	// huge pages where it is large.
	buf := make([]byte, n, max(int(min(size, limit))+1, 64<<10))
	hugepage.Advise(buf[:cap(buf)])
	copy(buf, head)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grows as slices do
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if int64(len(buf)) > limit {
			return "", &LimitError{Limit: limit}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			var le *LimitError
			if errors.As(err, &le) {
				return "", le
			}
			return "", errors.New(DescribeError(err))
		}
	}
	// buf is not written again: the string shares its bytes.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
}

// gzipMagic starts every gzip stream.
const gzipMagic = "\x1f\x8b"

// gunzip decompresses r, reading at most max bytes of it and refusing
// more than max bytes decompressed (a gzip bomb stops at the limit); what
// it decompresses to must be text, as any input.
func gunzip(r io.Reader, max int64) (string, error) {
	zr, err := gzip.NewReader(&capped{r: r, limit: max})
	if err != nil {
		return "", gzipError(err)
	}
	var sb strings.Builder
	if _, err := io.Copy(&sb, io.LimitReader(zr, max+1)); err != nil {
		return "", gzipError(err)
	}
	if int64(sb.Len()) > max {
		return "", &LimitError{Limit: max, Decompressed: true}
	}
	if err := CheckText(sb.String()); err != nil {
		return "", fmt.Errorf("decompressed: %w", err)
	}
	return sb.String(), nil
}

// gzipError says why a gzip input could not be read.
func gzipError(err error) error {
	var corrupt flate.CorruptInputError
	var le *LimitError
	switch {
	case errors.As(err, &le):
		return le
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return hinted{fmt.Errorf("the input is gzip but does not decompress (%v)", err), "check that the file is whole, or decompress it with gunzip to see"}
	}
	return err
}

// capped reads at most limit bytes from r, then fails with a
// *LimitError if r has more.
type capped struct {
	r        io.Reader
	limit, n int64 // n: bytes read so far
}

func (c *capped) Read(p []byte) (int, error) {
	if left := c.limit + 1 - c.n; int64(len(p)) > left {
		p = p[:left]
	}
	k, err := c.r.Read(p)
	if c.n += int64(k); c.n > c.limit {
		return 0, &LimitError{Limit: c.limit}
	}
	return k, err
}

// headBytes is how much of an input is looked at before the rest is read.
const headBytes = 8 << 10

// checkHead refuses the first bytes of an input that cannot be text; all
// when the input ends there. UTF-8 cut at the end of the head is not an
// error.
func checkHead(head []byte, all bool) error {
	s := string(head)
	if !all {
		// A character may continue past the head: leave out its start.
		for i := len(s) - 1; i >= 0 && i >= len(s)-utf8.UTFMax; i-- {
			if utf8.RuneStart(s[i]) {
				if !utf8.FullRuneInString(s[i:]) {
					s = s[:i]
				}
				break
			}
		}
	}
	return CheckText(s)
}

// LimitError is an input larger than the limit on inputs.
type LimitError struct {
	Limit        int64
	Decompressed bool // the input is gzip, and decompresses to more
}

func (e *LimitError) Error() string {
	if e.Decompressed {
		return fmt.Sprintf("the input decompresses to more than the %d-byte limit", e.Limit)
	}
	return fmt.Sprintf("the input is larger than the %d-byte limit", e.Limit)
}

// Hint says what to do.
func (e *LimitError) Hint() string { return "raise the limit" }

// HintParam names the setting.
func (e *LimitError) HintParam() string { return "max-input" }

// fileKind names what a file that is not regular is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "not a file"
}

// CheckText refuses input that is not UTF-8 text.
func CheckText(data string) error {
	switch {
	case strings.HasPrefix(data, "\xff\xfe") || strings.HasPrefix(data, "\xfe\xff"):
		return errors.New("the input is UTF-16, not UTF-8")
	case strings.IndexByte(data, 0) >= 0:
		return fmt.Errorf("the input contains a NUL byte (at byte %d): not a text file", strings.IndexByte(data, 0))
	case !utf8.ValidString(data):
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

// CheckTicker refuses text that cannot be a ticker: 1 to 16 letters,
// digits, '.', '-' or '_', starting with a letter or digit.
func CheckTicker(s string) error {
	if !nameOK(s, 16, true) {
		return fmt.Errorf("ticker %q: use 1-16 letters, digits, '.', '-' or '_'", excerpt.Of(s))
	}
	return nil
}

// CheckMetricID refuses text that cannot be a metric id: 1 to 64
// lower-case letters, digits, '.', '-' or '_', starting with a letter or
// digit.
func CheckMetricID(s string) error {
	if !nameOK(s, 64, false) {
		return fmt.Errorf("metric id %q: use lower-case letters, digits, '.', '-' or '_'", excerpt.Of(s))
	}
	return nil
}

func nameOK(s string, max int, upper bool) bool {
	if len(s) == 0 || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case upper && c >= 'A' && c <= 'Z':
		case i > 0 && (c == '.' || c == '-' || c == '_'):
		default:
			return false
		}
	}
	return true
}

// hinted is an error with a hint for the reader.
type hinted struct {
	error
	hint string
}

func (h hinted) Hint() string  { return h.hint }
func (h hinted) Unwrap() error { return h.error }
