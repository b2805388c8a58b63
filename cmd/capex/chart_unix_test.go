//go:build unix

package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// A PNG is never written to a terminal: a usage error, exit 2, and
// nothing written. The master side of a pseudo-terminal is a terminal.
func TestChartPNGNotToTerminal(t *testing.T) {
	tty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer tty.Close()
	if !isTerminal(tty) {
		t.Skip("the pseudo-terminal is not seen as a terminal here")
	}
	var stderr bytes.Buffer
	code := Main([]string{"chart", "amzn", "-o", "png"}, IO{In: strings.NewReader(""), Out: tty, Err: &stderr})
	if code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
	if want := "capex: error: -o png: a PNG image is not written to a terminal\n"; !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr %q, want it to start %q", stderr.String(), want)
	}
	// From a terminal, a PNG may go to a file.
	stderr.Reset()
	out := t.TempDir() + "/a.png"
	if code := Main([]string{"chart", "amzn", "-o", "png", "--out", out}, IO{In: strings.NewReader(""), Out: tty, Err: &stderr}); code != exitOK {
		t.Errorf("-o png --out FILE from a terminal: exit %d: %s", code, stderr.String())
	}
}
