// Package atomicfile writes files so that a reader never sees half of
// one: the data goes to a temporary file in the same directory, which is
// synced and then renamed over the target. A failure leaves the target as
// it was.
//
// A new file gets mode 0666 minus the process's umask, as a file created
// by a shell redirection would; a file that exists keeps its permission
// bits (not its owner, nor its setuid, setgid or sticky bits: the file is
// a new one, made by this process).
package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte) (err error) {
	// The mode the file will have. The temporary file is created with it
	// (less the umask), so that it never lets anyone read what the
	// finished file would not.
	perm, keep := fs.FileMode(0o666), false
	switch fi, err := os.Stat(path); {
	case err == nil:
		perm, keep = fi.Mode().Perm(), true
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	f, err := createTemp(path, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if keep {
		// The umask may have taken bits the file had.
		if err = f.Chmod(perm); err != nil {
			return err
		}
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// createTemp creates a new file .NAME.tmp-DIGITS beside path, with mode
// perm less the umask (which os.CreateTemp, always 0600, cannot give).
func createTemp(path string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 10000 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, "."+base+".tmp-*"), Err: fs.ErrExist}
}
