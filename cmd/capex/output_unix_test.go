//go:build unix

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputNotRegular: --out and --report refuse a named pipe and a
// device (as root, --out /dev/null used to replace the device with a
// regular file): exit status 2, an error that names the path, the path
// left as it was and no temporary file beside it.
func TestOutputNotRegular(t *testing.T) {
	checks := filepath.Join(t.TempDir(), "checks.yaml")
	if err := os.WriteFile(checks, []byte("checks:\n  - {name: q4, company: AMZN, figure: value, period: 2024Q4, expect: 27834, unit: million}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		make func(path string) error
		kind string
		is   fs.FileMode
		args func(path string) []string
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "a named pipe (FIFO)", fs.ModeNamedPipe,
			func(p string) []string { return []string{"import", "sec", amznFacts, "--out", p} }},
		{"null", func(p string) error {
			if os.Geteuid() != 0 {
				t.Skip("only root can make a device")
			}
			return syscall.Mknod(p, syscall.S_IFCHR|0o666, 0)
		}, "a character device", fs.ModeDevice | fs.ModeCharDevice,
			func(p string) []string { return []string{"check", checks, "--report", p} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, c.name)
			if err := c.make(path); err != nil {
				t.Fatal(err)
			}
			args := c.args(path)
			stdout, stderr, code := runCLI(t, hangLimit, args...)
			if code != exitInput {
				t.Errorf("exit status %d, want %d\n%s", code, exitInput, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			want := "capex: error: " + args[len(args)-2] + " " + path + ": is " + c.kind + ", not a regular file\n"
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
			if fi, err := os.Lstat(path); err != nil || fi.Mode().Type() != c.is {
				t.Errorf("afterwards %s is %v (%v)", path, fi.Mode(), err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the directory holds %d entries, want 1", len(entries))
			}
		})
	}
}
