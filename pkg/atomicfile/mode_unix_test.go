//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// setUmask sets the process's umask for the rest of the test. The umask
// belongs to the process: no test of this package runs in parallel.
func setUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func modeOf(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// TestWriteFileModeNew: a new file gets 0666 minus the umask, as a shell
// redirection would give it.
func TestWriteFileModeNew(t *testing.T) {
	for _, c := range []struct {
		umask int
		want  fs.FileMode
	}{
		{0o022, 0o644},
		{0o002, 0o664},
		{0o077, 0o600},
		{0o000, 0o666},
		{0o027, 0o640},
	} {
		setUmask(t, c.umask)
		path := filepath.Join(t.TempDir(), "new.yaml")
		if err := WriteFile(path, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if got := modeOf(t, path); got != c.want {
			t.Errorf("umask %04o: mode %v, want %v", c.umask, got, c.want)
		}
	}
}

// TestWriteFileModeKept: a file that exists keeps its permission bits,
// whatever the umask, even bits the umask would take; never its setuid,
// setgid or sticky bits.
func TestWriteFileModeKept(t *testing.T) {
	for _, c := range []struct {
		umask int
		had   fs.FileMode
		want  fs.FileMode
	}{
		{0o022, 0o600, 0o600},
		{0o022, 0o666, 0o666},
		{0o077, 0o644, 0o644},
		{0o000, 0o640, 0o640},
		{0o022, 0o755 | fs.ModeSetuid | fs.ModeSetgid, 0o755},
	} {
		setUmask(t, c.umask)
		path := filepath.Join(t.TempDir(), "old.yaml")
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, c.had); err != nil {
			t.Fatal(err)
		}
		if got := modeOf(t, path); got != c.had {
			t.Fatalf("could not make a file of mode %v: %v", c.had, got)
		}
		if err := WriteFile(path, []byte("new")); err != nil {
			t.Fatal(err)
		}
		if got := modeOf(t, path); got != c.want {
			t.Errorf("umask %04o, mode %v: mode %v afterwards, want %v", c.umask, c.had, got, c.want)
		}
		if got, _ := os.ReadFile(path); string(got) != "new" {
			t.Errorf("content = %q", got)
		}
	}
}
