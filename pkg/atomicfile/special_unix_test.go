//go:build unix

package atomicfile

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestWriteFileSpecial: a named pipe, a socket or a device is refused,
// by either function and through a link, and is still there afterwards,
// with nothing beside it. (As root, --out /dev/null used to replace the
// device with a regular file.)
func TestWriteFileSpecial(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(path string) error
		kind string
		is   fs.FileMode
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "a named pipe (FIFO)", fs.ModeNamedPipe},
		{"socket", func(p string) error {
			l, err := net.Listen("unix", p)
			if err == nil {
				t.Cleanup(func() { l.Close() })
			}
			return err
		}, "a socket", fs.ModeSocket},
		{"null", func(p string) error {
			if os.Geteuid() != 0 {
				t.Skip("only root can make a device")
			}
			return syscall.Mknod(p, syscall.S_IFCHR|0o666, 0)
		}, "a character device", fs.ModeDevice | fs.ModeCharDevice},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, c.name)
			if err := c.make(path); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, "link")
			symlink(t, c.name, link)
			wantRefused(t, WriteFile(path, []byte("x")), path, "is "+c.kind+", not a regular file")
			wantRefused(t, WriteFileNoFollow(path, []byte("x")), path, "is "+c.kind+", not a regular file")
			wantRefused(t, WriteFile(link, []byte("x")), link, "is a symbolic link to "+path+", which is "+c.kind+", not a regular file")
			if fi, err := os.Lstat(path); err != nil || fi.Mode().Type() != c.is {
				t.Errorf("afterwards the path is %v (%v)", fi.Mode(), err)
			}
			want := []string{"link", c.name}
			slices.Sort(want)
			if got := names(t, dir); !slices.Equal(got, want) {
				t.Errorf("the directory holds %q", got)
			}
		})
	}
}
