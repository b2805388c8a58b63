// Package atomicfile writes files so that a reader never sees half of
// one: the data goes to a temporary file in the same directory, which is
// synced and then renamed over the target. A failure leaves the target as
// it was.
//
// Only a regular file is replaced (and, by WriteFileNoFollow, a symbolic
// link). A target that exists and is anything else (a directory, a
// device such as /dev/null, a named pipe, a socket) is refused with an error that wraps ErrNotRegular, and nothing is
// written: renaming over it would put a file where the device or pipe
// was. The check is made before writing; what another process puts at
// the path meanwhile is replaced.
//
// A symbolic link is followed by WriteFile, so that a link a user keeps
// (report.xml -> reports/2024.xml) goes on working: the file it leads to
// is replaced, in that file's directory, and the link is left alone. A
// link that leads to something other than a regular file, or to nothing,
// is refused, and so is, on Unix, a link in a sticky, world-writable
// directory such as /tmp that neither the user nor the directory's owner
// owns (the rule of Linux's fs.protected_symlinks).
// WriteFileNoFollow never follows a link: it replaces the link itself.
//
// While a write is in progress its data is in a temporary file, named
// .NAME.tmp-DIGITS, beside the file it will replace (for a link that
// WriteFile follows, beside the file the link leads to). A failed write
// removes it; so does RemoveTemps, which a process that exits on a
// signal calls. A process killed outright (kill -9, a power cut) leaves
// it behind, and the target as it was.
//
// A new file gets mode 0666 minus the process's umask, as a file created
// by a shell redirection would; a file that exists keeps its permission
// bits (not its owner, nor its setuid, setgid or sticky bits: the file is
// a new one, made by this process).
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// ErrNotRegular is wrapped by the error, an *fs.PathError naming the
// path as given, of a target that WriteFile refuses to replace.
var ErrNotRegular = errors.New("not a regular file")

// notRegular says what is at a refused target: "is a named pipe
// (FIFO), not a regular file".
type notRegular string

func (e notRegular) Error() string        { return string(e) }
func (e notRegular) Is(target error) bool { return target == ErrNotRegular }

// WriteFile writes data to path atomically. When path is a symbolic link
// to a regular file, that file is replaced and the link kept.
func WriteFile(path string, data []byte) error {
	return write(path, data, true)
}

// WriteFileNoFollow writes data to path atomically, like WriteFile,
// except that a symbolic link at path is replaced by the new file, never
// followed: nothing outside path's own directory entry is written.
func WriteFileNoFollow(path string, data []byte) error {
	return write(path, data, false)
}

// errStopped is the error of a write that RemoveTemps stopped.
var errStopped = errors.New("the write was abandoned: the process is exiting")

// TestHookBeforeRename, when not nil, is called with the name of each
// temporary file once the data is in it, before the rename. It lets a
// test interrupt a write in progress; capex's own end-to-end tests set it
// in their test binary, and nothing else does.
var TestHookBeforeRename func(tmp string)

// temps holds the temporary files of the writes in progress. Its lock
// is held from the creation of one to its entry, and from its rename to
// its removal, so that RemoveTemps misses none.
var temps = struct {
	sync.Mutex
	live    map[string]bool
	stopped bool
}{live: map[string]bool{}}

// RemoveTemps removes the temporary files of the writes in progress and
// stops every write from then on: each returns an error and leaves its
// target as it was. It is for a process about to exit on a signal, which
// would otherwise leave its temporary files behind.
func RemoveTemps() {
	temps.Lock()
	defer temps.Unlock()
	temps.stopped = true
	for name := range temps.live {
		os.Remove(name)
		delete(temps.live, name)
	}
}

func write(path string, data []byte, follow bool) error {
	f, err := create(path, follow)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// File is a file being written atomically: its data goes to a temporary
// file beside the target, which Commit renames over it. Until then the
// target is as it was; Abort leaves it so.
type File struct {
	f      *os.File
	target string
	done   bool
}

// Create starts an atomic write of path, following a symbolic link as
// WriteFile does: a stream for output too large to hold in memory.
func Create(path string) (*File, error) { return create(path, true) }

func create(path string, follow bool) (*File, error) {
	target, fi, err := resolve(path, follow)
	if err != nil {
		return nil, err
	}
	// The mode the file will have. The temporary file is created with it
	// (less the umask), so that it never lets anyone read what the
	// finished file would not.
	perm, keep := fs.FileMode(0o666), fi != nil
	if keep {
		perm = fi.Mode().Perm()
	}
	f, err := createTemp(target, perm)
	if err != nil {
		return nil, err
	}
	if keep {
		// The umask may have taken bits the file had.
		if err := f.Chmod(perm); err != nil {
			discard(f)
			return nil, err
		}
	}
	return &File{f: f, target: target}, nil
}

// Write writes to the temporary file.
func (w *File) Write(p []byte) (int, error) { return w.f.Write(p) }

// Commit syncs the data and renames it over the target. After an error
// the target is as it was and the temporary file is gone.
func (w *File) Commit() (err error) {
	if w.done {
		return errors.New("atomicfile: " + w.target + ": already committed or aborted")
	}
	w.done = true
	defer func() {
		if err != nil {
			discard(w.f)
		}
	}()
	if err = w.f.Sync(); err != nil {
		return err
	}
	if err = w.f.Close(); err != nil {
		return err
	}
	if TestHookBeforeRename != nil {
		TestHookBeforeRename(w.f.Name())
	}
	return commit(w.f.Name(), w.target)
}

// Abort removes the temporary file and leaves the target as it was. It
// may be called after Commit, and then does nothing.
func (w *File) Abort() {
	if !w.done {
		w.done = true
		discard(w.f)
	}
}

// commit renames the temporary file tmp over target, unless RemoveTemps
// has been called, and forgets it.
func commit(tmp, target string) error {
	temps.Lock()
	defer temps.Unlock()
	if temps.stopped {
		return errStopped
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	delete(temps.live, tmp)
	return nil
}

// discard closes and removes a temporary file, and forgets it.
func discard(f *os.File) {
	f.Close()
	temps.Lock()
	defer temps.Unlock()
	os.Remove(f.Name())
	delete(temps.live, f.Name())
}

// maxLinks is how many symbolic links resolve follows, as Linux does.
const maxLinks = 40

// resolve finds the file a write to path replaces: path itself, or with
// follow, the end of the symbolic links that path starts. It returns the
// file's information, or nil when there is no file there yet, and an
// error when what is there is not a regular file.
func resolve(path string, follow bool) (string, fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path, nil, nil
	case err != nil:
		return "", nil, err
	case fi.Mode().IsRegular():
		return path, fi, nil
	case fi.Mode()&fs.ModeSymlink == 0:
		return "", nil, refused(path, "is %s, not a regular file", kind(fi.Mode()))
	case !follow:
		return path, nil, nil // the link is replaced by a new file
	}
	target := path
	for range maxLinks {
		switch ok, err := mayFollow(target, fi); {
		case err != nil:
			return "", nil, err
		case !ok && target == path:
			return "", nil, refused(path, "is a symbolic link that another user owns in a shared directory (sticky and world-writable): not followed")
		case !ok:
			return "", nil, refused(path, "leads through %s, a symbolic link that another user owns in a shared directory (sticky and world-writable): not followed", target)
		}
		dest, err := os.Readlink(target)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(dest) {
			// Relative to the link's directory as the system sees it:
			// ".." in dest leaves a linked directory by its real parent.
			dir, err := filepath.EvalSymlinks(filepath.Dir(target))
			if err != nil {
				return "", nil, err
			}
			dest = filepath.Join(dir, dest)
		}
		target = dest
		fi, err = os.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return "", nil, refused(path, "is a symbolic link to %s, which does not exist", target)
		case err != nil:
			return "", nil, err
		case fi.Mode().IsRegular():
			return target, fi, nil
		case fi.Mode()&fs.ModeSymlink == 0:
			return "", nil, refused(path, "is a symbolic link to %s, which is %s, not a regular file", target, kind(fi.Mode()))
		}
	}
	return "", nil, refused(path, "is a chain of more than %d symbolic links", maxLinks)
}

// refused is the error of a target path that is not replaced.
func refused(path, format string, args ...any) error {
	return &fs.PathError{Op: "write", Path: path, Err: notRegular(fmt.Sprintf(format, args...))}
}

// kind names a type of file that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}

// createTemp creates a new file .NAME.tmp-DIGITS beside path, with mode
// perm less the umask (which os.CreateTemp, always 0600, cannot give),
// and enters it in temps.
func createTemp(path string, perm fs.FileMode) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	if temps.stopped {
		return nil, errStopped
	}
	dir, base := filepath.Split(path)
	for range 10000 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			temps.live[name] = true
		}
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, "."+base+".tmp-*"), Err: fs.ErrExist}
}
