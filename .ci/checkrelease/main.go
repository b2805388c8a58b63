// Command checkrelease checks a GoReleaser dist directory: every archive
// holds the binary, LICENSE and README.md; checksums.txt has each
// archive's SHA-256; and the binary built for this machine prints the
// stamped version. .ci/run runs it after a snapshot release.
//
// Usage: go run .ci/checkrelease/main.go DIST
package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fail("usage: checkrelease DIST")
	}
	dist := os.Args[1]
	var meta struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	}
	data, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	check(err)
	check(json.Unmarshal(data, &meta))
	sums := checksums(filepath.Join(dist, "checksums.txt"))

	for _, goos := range []string{"linux", "darwin", "windows"} {
		for _, arch := range []string{"amd64", "arm64"} {
			ext, bin := ".tar.gz", "capex"
			if goos == "windows" {
				ext, bin = ".zip", "capex.exe"
			}
			name := fmt.Sprintf("capex_%s_%s_%s%s", meta.Version, goos, arch, ext)
			path := filepath.Join(dist, name)
			names := list(path)
			for _, want := range []string{bin, "LICENSE", "README.md"} {
				if !slices.Contains(names, want) {
					fail("%s has no %s (it has %s)", name, want, strings.Join(names, ", "))
				}
			}
			if got := sha(path); sums[name] != got {
				fail("%s: checksums.txt says %q, the file's SHA-256 is %s", name, sums[name], got)
			}
			fmt.Printf("ok  %s: %s\n", name, strings.Join(names, ", "))
		}
	}

	bins, _ := filepath.Glob(filepath.Join(dist, fmt.Sprintf("capex_%s_%s*", runtime.GOOS, runtime.GOARCH), "capex"))
	if len(bins) != 1 {
		fail("no single binary for %s/%s in %s", runtime.GOOS, runtime.GOARCH, dist)
	}
	out, err := exec.Command(bins[0], "version").Output()
	check(err)
	lines := strings.Split(string(out), "\n")
	if lines[0] != "capex "+meta.Version {
		fail("%s version printed %q, want %q", bins[0], lines[0], "capex "+meta.Version)
	}
	if !strings.Contains(string(out), "commit: "+meta.Commit) || meta.Commit == "" || meta.Commit == "none" {
		fail("%s version printed %q; the release's commit is %q", bins[0], out, meta.Commit)
	}
	fmt.Printf("ok  %s version:\n%s", bins[0], out)
}

// list names the regular files in an archive, without directories.
func list(path string) []string {
	var names []string
	if strings.HasSuffix(path, ".zip") {
		z, err := zip.OpenReader(path)
		check(err)
		defer z.Close()
		for _, f := range z.File {
			names = append(names, filepath.Base(f.Name))
		}
		return names
	}
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	check(err)
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names
		}
		check(err)
		if h.Typeflag == tar.TypeReg {
			names = append(names, filepath.Base(h.Name))
		}
	}
}

// checksums reads a checksums.txt: "SHA256  NAME" lines.
func checksums(path string) map[string]string {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 2 {
			sums[fields[1]] = fields[0]
		}
	}
	check(sc.Err())
	return sums
}

func sha(path string) string {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	check(err)
	return hex.EncodeToString(h.Sum(nil))
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "checkrelease: "+format+"\n", args...)
	os.Exit(1)
}
