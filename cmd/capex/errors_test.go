package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// fullWriter fails every write, as /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Output that cannot be written fails the run, even where cobra ignores
// the error (help).
func TestOutputThatCannotBeWritten(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, args := range [][]string{{"--help"}, {"help", "show"}, {"version"}, {"show", "amzn"}, {"companies", "-o", "csv"}} {
		var errb bytes.Buffer
		code := Main(args, IO{In: strings.NewReader(""), Out: fullWriter{}, Err: &errb})
		if code != exitInput || !strings.Contains(errb.String(), "no space left on device") {
			t.Errorf("capex %v: exit %d\n%s", args, code, errb.String())
		}
	}
}
