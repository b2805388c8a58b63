//go:build !unix

package atomicfile

import "io/fs"

// mayFollow reports whether the symbolic link at path may be followed:
// always, where there are no sticky, world-writable directories.
func mayFollow(path string, fi fs.FileInfo) (bool, error) { return true, nil }
