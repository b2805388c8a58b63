//go:build unix

package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestSignalRemovesTemp interrupts capex, a real process, while it
// writes --out: the temporary file (.amzn.yaml.tmp-DIGITS) exists when
// the signal arrives. SIGINT, SIGTERM and SIGHUP leave neither it nor
// the output, and exit with 128 + the signal's number. SIGKILL, which no
// process can catch, leaves the temporary file: the test can see one. A
// write left alone finishes.
func TestSignalRemovesTemp(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal // 0: none
		code int
		want []string // in the directory afterwards; "TEMP" is the temporary file
	}{
		{syscall.SIGINT, 130, nil},
		{syscall.SIGTERM, 143, nil},
		{syscall.SIGHUP, 129, nil},
		{syscall.SIGKILL, -1, []string{"TEMP"}},
		{0, 0, []string{"amzn.yaml"}},
	} {
		name := "no signal"
		if c.sig != 0 {
			name = c.sig.String()
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := startHeldWrite(t)
			if c.sig != 0 {
				w.signal(c.sig)
			} else {
				w.release()
			}
			w.finish(c.code, c.want)
		})
	}
}

// TestSignalIgnored: a signal capex was started ignoring, as under
// nohup, stays ignored: capex goes on until the SIGTERM that follows.
// (Of two signals pending, the lower-numbered, SIGHUP, would be taken
// first, so a SIGHUP caught would show as exit status 129.) A shell
// starts capex with SIGHUP ignored: this process's own dispositions are
// left alone, since os/signal cannot restore an ignored one.
func TestSignalIgnored(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	t.Parallel()
	w := startHeldWrite(t, "/bin/sh", "-c", `trap "" HUP; exec "$0" "$@"`)
	w.signal(syscall.SIGHUP)
	w.signal(syscall.SIGTERM)
	w.finish(143, nil)
}

// heldWrite is capex, run as capex import sec --out DIR/amzn.yaml, its
// write held (see holdWrites) with the temporary file tmp in place.
type heldWrite struct {
	t      *testing.T
	ctx    context.Context
	cmd    *exec.Cmd
	dir    string
	tmp    string
	stdin  io.Closer
	stderr io.Reader
	said   strings.Builder
}

// startHeldWrite starts capex, through the command wrap when there is
// one, and waits until its write is held.
func startHeldWrite(t *testing.T, wrap ...string) *heldWrite {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangLimit)
	t.Cleanup(cancel)
	w := &heldWrite{t: t, ctx: ctx, dir: t.TempDir()}
	args := append(wrap, os.Args[0], "import", "sec", amznFacts, "--out", filepath.Join(w.dir, "amzn.yaml"))
	w.cmd = exec.CommandContext(ctx, args[0], args[1:]...)
	w.cmd.Env = append(os.Environ(), runAsCLI+"=1", holdWrites+"=1", "XDG_CONFIG_HOME="+t.TempDir())
	stdin, err := w.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close() })
	w.stdin = stdin
	if w.stderr, err = w.cmd.StderrPipe(); err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(w.stderr)
	for w.tmp == "" && lines.Scan() {
		w.tmp, _ = strings.CutPrefix(lines.Text(), holding)
		w.said.WriteString(lines.Text() + "\n")
	}
	if w.tmp == "" {
		w.cmd.Wait()
		t.Fatalf("capex wrote without holding the write:\n%s", w.said.String())
	}
	if filepath.Dir(w.tmp) != w.dir || !strings.HasPrefix(filepath.Base(w.tmp), ".amzn.yaml.tmp-") {
		t.Errorf("temporary file %s, want %s", w.tmp, filepath.Join(w.dir, ".amzn.yaml.tmp-*"))
	}
	if _, err := os.Stat(w.tmp); err != nil {
		t.Fatalf("the temporary file is not there while the write is held: %v", err)
	}
	return w
}

// release ends capex's stdin, which lets the held write go on.
func (w *heldWrite) release() { w.stdin.Close() }

func (w *heldWrite) signal(sig os.Signal) {
	w.t.Helper()
	if err := w.cmd.Process.Signal(sig); err != nil {
		w.t.Fatal(err)
	}
}

// finish waits for capex to exit, and checks its exit status and what
// is left in the directory ("TEMP" for the temporary file).
func (w *heldWrite) finish(code int, want []string) {
	w.t.Helper()
	rest, _ := io.ReadAll(w.stderr)
	w.said.Write(rest)
	err := w.cmd.Wait()
	if w.ctx.Err() != nil {
		w.t.Fatalf("capex still running after %v", hangLimit)
	}
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		w.t.Fatal(err)
	}
	if got != code {
		w.t.Errorf("exit status %d, want %d\n%s", got, code, w.said.String())
	}
	var left []string
	entries, _ := os.ReadDir(w.dir)
	for _, e := range entries {
		if e.Name() == filepath.Base(w.tmp) {
			left = append(left, "TEMP")
		} else {
			left = append(left, e.Name())
		}
	}
	if !slices.Equal(left, want) {
		w.t.Errorf("the directory holds %q, want %q", left, want)
	}
}
