package series

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Pos is where something was read: a file (or "-" for standard input, or
// "built-in") and a 1-based line, 0 when there is no line. Every point
// carries one, so it is 8 bytes: the file is a number standing for its
// name in a table of the names used (a run reads a handful of files).
type Pos struct {
	file uint32 // 1 + the name's index in fileNames; 0 for none
	Line int32
}

// fileNames are the names of the files Pos values stand for: names is
// replaced, never changed, so that File reads it without a lock from the
// goroutines that read a file's chunks.
var fileNames = struct {
	sync.Mutex
	names atomic.Pointer[[]string]
	ids   map[string]uint32
}{ids: map[string]uint32{}}

// At is line of file (line 0: the file as a whole; file "": nowhere).
// Readers call it once a file and use WithLine for its lines.
func At(file string, line int) Pos {
	if file == "" {
		return Pos{Line: int32(line)}
	}
	fileNames.Lock()
	defer fileNames.Unlock()
	id, ok := fileNames.ids[file]
	if !ok {
		var names []string
		if p := fileNames.names.Load(); p != nil {
			names = *p
		}
		names = append(names[:len(names):len(names)], strings.Clone(file))
		fileNames.names.Store(&names)
		id = uint32(len(names))
		fileNames.ids[names[id-1]] = id
	}
	return Pos{file: id, Line: int32(line)}
}

// WithLine is line of the file of p.
func (p Pos) WithLine(line int) Pos { return Pos{file: p.file, Line: int32(line)} }

// File is the name of the file, or "".
func (p Pos) File() string {
	if p.file == 0 {
		return ""
	}
	return (*fileNames.names.Load())[p.file-1]
}

func (p Pos) String() string {
	f := p.File()
	switch {
	case f == "":
		return ""
	case p.Line > 0:
		return f + ":" + strconv.Itoa(int(p.Line))
	}
	return f
}

// Problem is one thing wrong with the input (or, when Warning is set,
// something worth knowing that does not stop the run).
type Problem struct {
	Pos  Pos
	Msg  string
	Hint string
	// Param names the setting the hint is about ("max-input", "data"), for
	// a caller to phrase as it names settings; "" when none.
	Param   string
	Warning bool
}

func (p Problem) String() string {
	if s := p.Pos.String(); s != "" {
		return s + ": " + p.Msg
	}
	return p.Msg
}

// MaxProblemsPerFile bounds how many problems are kept for each file;
// the rest are counted.
const MaxProblemsPerFile = 50

// Problems collects the problems found in some input, at most
// MaxProblemsPerFile per file. Its zero value is ready to use.
type Problems struct {
	list    []Problem
	perFile map[string]int
}

// Add records a problem.
func (ps *Problems) Add(p Problem) {
	if ps.perFile == nil {
		ps.perFile = make(map[string]int)
	}
	if !p.Warning {
		ps.perFile[p.Pos.File()]++
		if ps.perFile[p.Pos.File()] > MaxProblemsPerFile {
			return
		}
	}
	ps.list = append(ps.list, p)
}

// Errorf records an error at pos.
func (ps *Problems) Errorf(pos Pos, hint, format string, args ...any) {
	if ps.Full(pos.File()) {
		ps.perFile[pos.File()]++ // counted, not kept: no need to format it
		return
	}
	ps.Add(Problem{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// AddError records err at pos, with the hint it carries (a Hint method)
// and the setting the hint is about (a HintParam method).
func (ps *Problems) AddError(pos Pos, err error) {
	if ps.Full(pos.File()) {
		ps.perFile[pos.File()]++
		return
	}
	p := Problem{Pos: pos, Msg: err.Error()}
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		p.Hint = h.Hint()
	}
	var hp interface{ HintParam() string }
	if errors.As(err, &hp) {
		p.Param = hp.HintParam()
	}
	ps.Add(p)
}

// Full reports whether the file has as many errors as are kept, so that a
// caller in a loop can skip making more.
func (ps *Problems) Full(file string) bool { return ps.perFile[file] >= MaxProblemsPerFile }

// Warnf records a warning at pos.
func (ps *Problems) Warnf(pos Pos, format string, args ...any) {
	ps.Add(Problem{Pos: pos, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// Merge adds all of o's problems.
func (ps *Problems) Merge(o *Problems) {
	for _, p := range o.list {
		ps.Add(p)
	}
	for f, n := range o.perFile {
		if n > MaxProblemsPerFile {
			if ps.perFile == nil {
				ps.perFile = make(map[string]int)
			}
			ps.perFile[f] += n - MaxProblemsPerFile
		}
	}
}

// HasErrors reports whether any problem is an error.
func (ps *Problems) HasErrors() bool {
	for _, p := range ps.list {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Warnings returns the warnings, in the order found.
func (ps *Problems) Warnings() []Problem {
	var out []Problem
	for _, p := range ps.list {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Err returns an *InputError holding every error, or nil when there are
// none.
func (ps *Problems) Err() error {
	if !ps.HasErrors() {
		return nil
	}
	e := &InputError{}
	for _, p := range ps.list {
		if !p.Warning {
			e.Problems = append(e.Problems, p)
		}
	}
	// By file, in the order the files were met, then by line.
	order := map[string]int{}
	for _, p := range e.Problems {
		if _, ok := order[p.Pos.File()]; !ok {
			order[p.Pos.File()] = len(order)
		}
	}
	sort.SliceStable(e.Problems, func(i, j int) bool {
		a, b := e.Problems[i].Pos, e.Problems[j].Pos
		if a.file != b.file {
			return order[a.File()] < order[b.File()]
		}
		return a.Line < b.Line
	})
	for f, n := range ps.perFile {
		if n > MaxProblemsPerFile {
			e.Omitted = append(e.Omitted, Omitted{File: f, Count: n - MaxProblemsPerFile})
		}
	}
	return e
}

// Omitted counts the problems not kept for a file.
type Omitted struct {
	File  string
	Count int
}

// InputError is input that cannot be used: every problem found, in order.
type InputError struct {
	Problems []Problem
	Omitted  []Omitted
}

func (e *InputError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	for _, o := range e.Omitted {
		fmt.Fprintf(&b, "\n%s: %d more problems not shown", o.File, o.Count)
	}
	return b.String()
}
