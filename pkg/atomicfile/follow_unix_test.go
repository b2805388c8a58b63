//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// nobody is a user id that is not root's.
const nobody = 65534

// TestWriteFileSharedDirLink: in a sticky, world-writable directory, a
// link another user owns is not followed (it could lead the write to any
// file its victim may write); one the directory's owner or the writer
// owns is, and so is any link in a directory that is not shared.
func TestWriteFileSharedDirLink(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can make a link that another user owns")
	}
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		mode   os.FileMode
		owner  int
		follow bool
	}{
		{"shared, another user's link", 0o777 | os.ModeSticky, nobody, false},
		{"shared, the writer's link", 0o777 | os.ModeSticky, 0, true},
		{"sticky, not world-writable", 0o775 | os.ModeSticky, nobody, true},
		{"world-writable, not sticky", 0o777, nobody, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := os.Chmod(dir, c.mode); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, "report.xml")
			symlink(t, victim, link)
			if err := os.Lchown(link, c.owner, c.owner); err != nil {
				t.Fatal(err)
			}
			err := WriteFile(link, []byte("new"))
			got, _ := os.ReadFile(victim)
			if c.follow {
				if err != nil || string(got) != "new" {
					t.Errorf("not followed: %v; the target holds %q", err, got)
				}
				return
			}
			wantRefused(t, err, link, "is a symbolic link that another user owns in a shared directory (sticky and world-writable): not followed")
			if string(got) != "keep" {
				t.Errorf("the target holds %q", got)
			}
		})
	}
	// A chain whose second link is another user's, in a shared directory.
	shared, mine := t.TempDir(), t.TempDir()
	if err := os.Chmod(shared, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	planted := filepath.Join(shared, "planted")
	symlink(t, victim, planted)
	if err := os.Lchown(planted, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(mine, "report.xml")
	symlink(t, planted, link)
	wantRefused(t, WriteFile(link, []byte("x")), link, "leads through "+planted+", a symbolic link that another user owns in a shared directory (sticky and world-writable): not followed")
}
