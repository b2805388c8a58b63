package atomicfile

import (
	"os"
	"path/filepath"
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
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left %d files behind", len(entries))
	}
	// A directory that does not exist: an error, and nothing written.
	if err := WriteFile(filepath.Join(dir, "no", "such", "r.xml"), []byte("x")); err == nil {
		t.Error("no error writing into a missing directory")
	}
	// A target that is a directory: the rename fails and the temporary
	// file is removed.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(sub, []byte("x")); err == nil {
		t.Error("no error writing over a directory")
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left %d entries, want 2", len(entries))
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
