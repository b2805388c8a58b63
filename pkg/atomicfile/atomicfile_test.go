package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.xml")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("content = %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"report.xml"}) {
		t.Errorf("the directory holds %q", got)
	}
	// A directory that does not exist: an error, and nothing written.
	if err := WriteFile(filepath.Join(dir, "no", "such", "r.xml"), []byte("x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing directory: %v", err)
	}
}

// TestWriteFileRelative writes to a bare file name: the temporary file
// goes in the working directory.
func TestWriteFileRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := WriteFile("out.yaml", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile("out.yaml"); string(got) != "x" {
		t.Errorf("content = %q", got)
	}
}

// TestWriteFileDirectory: a directory is not replaced, by either
// function, and nothing is left beside it.
func TestWriteFileDirectory(t *testing.T) {
	for name, write := range map[string]func(string, []byte) error{"WriteFile": WriteFile, "WriteFileNoFollow": WriteFileNoFollow} {
		dir := t.TempDir()
		sub := filepath.Join(dir, "sub")
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "keep"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		err := write(sub, []byte("x"))
		wantRefused(t, err, sub, "is a directory, not a regular file")
		if got := names(t, dir); !slices.Equal(got, []string{"sub"}) {
			t.Errorf("%s: the directory holds %q", name, got)
		}
		if got := names(t, sub); !slices.Equal(got, []string{"keep"}) {
			t.Errorf("%s: the refused directory holds %q", name, got)
		}
	}
}

// TestWriteFileSymlink: WriteFile writes through a link (or a chain of
// them) to the regular file it leads to, and keeps the link; a link to
// anything else, or to nothing, is refused.
func TestWriteFileSymlink(t *testing.T) {
	dir := t.TempDir()
	reports := filepath.Join(dir, "reports")
	if err := os.Mkdir(reports, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(reports, "2024.xml")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.xml")
	symlink(t, "reports/2024.xml", link)
	chain := filepath.Join(dir, "latest.xml")
	symlink(t, "report.xml", chain)
	// A link relative to a linked directory: ".." leaves it by its real
	// parent, reports/, not by dir.
	linkedDir := filepath.Join(dir, "linked")
	symlink(t, "reports", linkedDir)
	up := filepath.Join(reports, "up.xml")
	symlink(t, "../reports/2024.xml", up)

	for _, path := range []string{link, chain, filepath.Join(linkedDir, "up.xml")} {
		data := "new from " + filepath.Base(path)
		if err := WriteFile(path, []byte(data)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got, _ := os.ReadFile(target); string(got) != data {
			t.Errorf("%s: the target holds %q", path, got)
		}
	}
	if dest, err := os.Readlink(link); err != nil || dest != "reports/2024.xml" {
		t.Errorf("the link now leads to %q (%v)", dest, err)
	}
	if fi, _ := os.Lstat(target); fi.Mode() != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("the target's mode is %v, want 0600", fi.Mode())
	}
	if got := names(t, dir); !slices.Equal(got, []string{"latest.xml", "linked", "report.xml", "reports"}) {
		t.Errorf("the link's directory holds %q", got)
	}
	if got := names(t, reports); !slices.Equal(got, []string{"2024.xml", "up.xml"}) {
		t.Errorf("the target's directory holds %q", got)
	}

	dangling := filepath.Join(dir, "dangling.xml")
	symlink(t, "missing.xml", dangling)
	wantRefused(t, WriteFile(dangling, []byte("x")), dangling, "is a symbolic link to "+filepath.Join(dir, "missing.xml")+", which does not exist")
	toDir := filepath.Join(dir, "to-dir")
	symlink(t, "reports", toDir)
	wantRefused(t, WriteFile(toDir, []byte("x")), toDir, "is a symbolic link to "+reports+", which is a directory, not a regular file")
	loop := filepath.Join(dir, "loop")
	symlink(t, "loop", loop)
	wantRefused(t, WriteFile(loop, []byte("x")), loop, "is a chain of more than 40 symbolic links")
	if got := names(t, dir); !slices.Equal(got, []string{"dangling.xml", "latest.xml", "linked", "loop", "report.xml", "reports", "to-dir"}) {
		t.Errorf("after the refusals the directory holds %q", got)
	}
	if _, err := os.Lstat(filepath.Join(dir, "missing.xml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a dangling link's target was made: %v", err)
	}
}

// TestWriteFileNoFollow: a link is replaced by a regular file, and what
// it led to is not written.
func TestWriteFileNoFollow(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	target := filepath.Join(outside, "capex.1")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "capex.1")
	symlink(t, target, link)
	if err := WriteFileNoFollow(link, []byte("page")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "keep" {
		t.Errorf("the link's target holds %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("the link was not replaced by a regular file: %v, %v", fi.Mode(), err)
	}
	if got, _ := os.ReadFile(link); string(got) != "page" {
		t.Errorf("the new file holds %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"capex.1"}) {
		t.Errorf("the directory holds %q", got)
	}
	// A dangling link too is replaced, and nothing made where it led.
	dangling := filepath.Join(dir, "capex-show.1")
	symlink(t, filepath.Join(outside, "missing"), dangling)
	if err := WriteFileNoFollow(dangling, []byte("page")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, outside); !slices.Equal(got, []string{"capex.1"}) {
		t.Errorf("the outside directory holds %q", got)
	}
}

// wantRefused checks that err refuses path for what it is.
func wantRefused(t *testing.T, err error, path, what string) {
	t.Helper()
	var pe *fs.PathError
	switch {
	case !errors.Is(err, ErrNotRegular):
		t.Errorf("%s: error %v, want one that wraps ErrNotRegular", path, err)
	case !errors.As(err, &pe) || pe.Path != path:
		t.Errorf("%s: error %v does not name the path", path, err)
	case pe.Err.Error() != what:
		t.Errorf("%s: error %q, want %q", path, pe.Err, what)
	}
}

func symlink(t *testing.T, dest, link string) {
	t.Helper()
	if err := os.Symlink(dest, link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
}

// names lists a directory, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// A streamed write shows nothing until Commit; Abort leaves the target as
// it was and no temporary file behind.
func TestCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"a,", "b\n"} {
		if _, err := f.Write([]byte(part)); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != "old\n" {
		t.Errorf("before Commit the file holds %q", got)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "a,b\n" {
		t.Errorf("after Commit the file holds %q", got)
	}
	f.Abort() // after Commit: nothing
	if err := f.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}

	g, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Write([]byte("half")); err != nil {
		t.Fatal(err)
	}
	g.Abort()
	if got, _ := os.ReadFile(path); string(got) != "a,b\n" {
		t.Errorf("after Abort the file holds %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d entries, want only the file", len(entries))
	}
}
