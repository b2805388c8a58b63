package main

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// Colour only on a terminal, and never with NO_COLOR: a buffer and a pipe
// are not terminals.
func TestColorOK(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, out := range []io.Writer{&bytes.Buffer{}, w} {
		if colorOK(out) {
			t.Errorf("colour on %T", out)
		}
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if !colorOK(tty) {
			t.Error("no colour on a terminal")
		}
		t.Setenv("NO_COLOR", "1")
		if colorOK(tty) {
			t.Error("colour on a terminal with NO_COLOR set")
		}
	}
}
