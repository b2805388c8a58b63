//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// mayFollow reports whether the symbolic link at path, described by fi,
// may be followed. It applies the rule of Linux's fs.protected_symlinks,
// which the kernel does not apply here (a link read, then a file renamed
// over its target, is not a link opened): in a sticky, world-writable
// directory such as /tmp, only a link owned by this process's user or by
// the directory's owner is followed. Another user's link there could
// lead a write anywhere its victim may write.
func mayFollow(path string, fi fs.FileInfo) (bool, error) {
	dir, err := os.Stat(filepath.Dir(path))
	if err != nil {
		return false, err
	}
	if dir.Mode()&fs.ModeSticky == 0 || dir.Mode().Perm()&0o002 == 0 {
		return true, nil
	}
	link, ok1 := fi.Sys().(*syscall.Stat_t)
	owner, ok2 := dir.Sys().(*syscall.Stat_t)
	if !ok1 || !ok2 {
		return false, nil
	}
	return int(link.Uid) == os.Geteuid() || link.Uid == owner.Uid, nil
}
