package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// resetTemps undoes RemoveTemps and the hook at the end of a test.
func resetTemps(t *testing.T) {
	t.Cleanup(func() {
		temps.Lock()
		temps.stopped = false
		clear(temps.live)
		temps.Unlock()
		TestHookBeforeRename = nil
	})
}

// TestRemoveTemps holds several writes once their temporary files are
// written: RemoveTemps removes every one, each write fails and leaves
// its target as it was, and later writes fail without making any.
func TestRemoveTemps(t *testing.T) {
	resetTemps(t)
	dir := t.TempDir()
	const n = 4
	var targets []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("out%d.yaml", i))
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		targets = append(targets, p)
	}
	held, release := make(chan string), make(chan struct{})
	TestHookBeforeRename = func(tmp string) {
		select {
		case held <- tmp:
			<-release
		case <-release: // a write that should not have got this far
		}
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, p := range targets {
		wg.Go(func() { errs[i] = WriteFile(p, []byte("new")) })
	}
	var tmps []string
	for range n {
		tmp := <-held
		if _, err := os.Stat(tmp); err != nil {
			t.Fatalf("a held write's temporary file: %v", err)
		}
		if base := filepath.Base(tmp); !strings.HasPrefix(base, ".out") || !strings.Contains(base, ".yaml.tmp-") {
			t.Errorf("temporary file %s, want .NAME.tmp-DIGITS", base)
		}
		tmps = append(tmps, tmp)
	}
	RemoveTemps()
	for _, tmp := range tmps {
		if _, err := os.Lstat(tmp); err == nil {
			t.Errorf("%s is still there", tmp)
		}
	}
	close(release)
	wg.Wait()
	for i, err := range errs {
		if !errors.Is(err, errStopped) {
			t.Errorf("write %d: %v, want %v", i, err, errStopped)
		}
	}
	if err := WriteFile(filepath.Join(dir, "later.yaml"), []byte("x")); !errors.Is(err, errStopped) {
		t.Errorf("a write after RemoveTemps: %v", err)
	}
	want := []string{"out0.yaml", "out1.yaml", "out2.yaml", "out3.yaml"}
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Errorf("the directory holds %q, want %q", got, want)
	}
	for _, p := range targets {
		if got, _ := os.ReadFile(p); string(got) != "old" {
			t.Errorf("%s holds %q", p, got)
		}
	}
}

// TestTempsForgotten: a write that succeeds or fails leaves no entry in
// temps, so RemoveTemps later removes nothing of its.
func TestTempsForgotten(t *testing.T) {
	resetTemps(t)
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "ok.yaml"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	// The rename fails: the temporary file has been moved away.
	TestHookBeforeRename = func(tmp string) {
		if err := os.Rename(tmp, filepath.Join(dir, "moved")); err != nil {
			t.Error(err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "r.yaml"), []byte("x")); err == nil {
		t.Error("no error from a rename that failed")
	}
	temps.Lock()
	n := len(temps.live)
	temps.Unlock()
	if n != 0 {
		t.Errorf("temps holds %d entries after the writes ended", n)
	}
}
