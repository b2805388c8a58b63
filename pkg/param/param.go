// Package param says what is wrong with a parameter of a calculation, a
// view or a setting, in words that do not depend on where the value came
// from. An Error names the parameter, quotes the value and says why it is
// refused and what is allowed; a caller phrases the name for its reader:
// the command line as a flag (--window 1), an expectations file as a key
// (window: 1), a Go program as it likes.
//
// Domain packages never name a flag: a test of this repository fails if a
// string outside the command package does.
package param

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/capexdev/capex/pkg/internal/excerpt"
)

// Error is a parameter value that cannot be used.
type Error struct {
	Name    string // the parameter: "window", "as-of", "unit"
	Value   string // the value as given, shortened to 40 characters
	Reason  string // why it is refused: "out of range", "not a rate"
	Allowed string // what may be given instead, as a noun phrase: "2 to 400 quarters"; may be empty
	Err     error  // the underlying error, when there is one
}

// Errorf returns an *Error for value of parameter name.
func Errorf(name, value, allowed, format string, args ...any) *Error {
	return &Error{Name: name, Value: excerpt.Of(value), Reason: fmt.Sprintf(format, args...), Allowed: allowed}
}

// Error is "window 1: out of range": the parameter by its bare name.
func (e *Error) Error() string { return e.Called(e.Name) }

// Called phrases the error with the parameter called name, such as "--window"
// on a command line.
func (e *Error) Called(name string) string {
	return fmt.Sprintf("%s %s: %s", name, quote(e.Value), e.Reason)
}

// Hint says what is allowed: "give 2 to 400 quarters"; "" when nothing
// is said.
func (e *Error) Hint() string {
	if e.Allowed == "" {
		return ""
	}
	return "give " + e.Allowed
}

func (e *Error) Unwrap() error { return e.Err }

// quote writes a value bare when it is a plain word or number, else quoted.
func quote(v string) string {
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '%' || r == ':' || r == '_' || r == '=' || r == ',') {
			return strconv.Quote(v)
		}
	}
	if v == "" {
		return `""`
	}
	return v
}

// Is reports whether err is, or wraps, an *Error about parameter name, and
// returns it.
func Is(err error, name string) (*Error, bool) {
	var pe *Error
	if errors.As(err, &pe) && pe.Name == name {
		return pe, true
	}
	return nil, false
}

// IntRange is a whole-number parameter that must lie in [Min, Max].
type IntRange struct {
	Name     string
	Min, Max int
	Of       string // what is counted, for messages: "quarters", "years"
}

// Allowed is "2 to 400 quarters".
func (r IntRange) Allowed() string {
	s := fmt.Sprintf("%d to %d", r.Min, r.Max)
	if r.Of != "" {
		s += " " + r.Of
	}
	return s
}

// Check refuses n outside the range.
func (r IntRange) Check(n int) error {
	if n < r.Min || n > r.Max {
		return &Error{Name: r.Name, Value: strconv.Itoa(n), Reason: "out of range", Allowed: r.Allowed()}
	}
	return nil
}

// Parse reads a whole number written in decimal digits and checks its
// range: "1.7", "abc" and "" are refused, never truncated or taken as 0.
func (r IntRange) Parse(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &Error{Name: r.Name, Value: excerpt.Of(s), Reason: "not a whole number", Allowed: r.Allowed()}
	}
	return n, r.Check(n)
}
