package hugepage

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// minorFaults is the process's minor page faults so far.
func minorFaults(t *testing.T) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return ru.Minflt
}

// needHugePages skips the test where the system does not back advised
// memory with huge pages (transparent huge pages off, or none free): it
// touches 8 MiB of fresh, advised memory, which takes 2,048 faults with
// 4 KiB pages and a handful with huge pages.
func needHugePages(t *testing.T) {
	t.Helper()
	if disabled {
		t.Skip("GODEBUG has disablethp=1")
	}
	if raceDetector {
		t.Skip("the race detector's shadow memory takes faults of its own")
	}
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || strings.Contains(string(b), "[never]") {
		t.Skip("transparent huge pages are off")
	}
	m, err := syscall.Mmap(-1, 0, 10<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Munmap(m)
	off := (huge - int(uintptr(unsafe.Pointer(&m[0])))%huge) % huge
	b := m[off : off+8<<20]
	Advise(b)
	before := minorFaults(t)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	if n := minorFaults(t) - before; n > 512 {
		t.Skipf("the system gave no huge pages: touching 8 MiB took %d faults", n)
	}
}

// allocate allocates n bytes of 512-byte objects, writing each, and
// returns the faults that took.
func allocate(t *testing.T, n int) int64 {
	before := minorFaults(t)
	objs := make([]*[512]byte, n/512)
	for i := range objs {
		objs[i] = new([512]byte)
		objs[i][0] = 1
	}
	return minorFaults(t) - before
}

// TestHelper is the process that helperFaults starts: a fresh process,
// whose heap is as capex's is when it starts.
func TestHelper(t *testing.T) {
	switch os.Getenv("HUGEPAGE_HELPER") {
	case "":
		t.Skip("run by other tests")
	case "start":
		// 1 MiB, as capex's dependencies allocate when initialised.
		fmt.Println(allocate(t, 1<<20))
	case "reserve":
		Reserve(64 << 20)
		fmt.Println(allocate(t, 16<<20))
	}
}

// helperFaults runs TestHelper in three new processes and returns the
// fewest faults they report. (Where the heap the runtime maps after
// start-up lands varies from run to run, and with it how much of it the
// advice reaches.)
func helperFaults(t *testing.T, mode, godebug string) int64 {
	t.Helper()
	fewest := int64(math.MaxInt64)
	for range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelper$")
		cmd.Env = append(os.Environ(), "HUGEPAGE_HELPER="+mode, "GODEBUG="+godebug)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		n, err := strconv.ParseInt(strings.TrimSpace(strings.Split(string(out), "\n")[0]), 10, 64)
		if err != nil {
			t.Fatalf("helper said %q", out)
		}
		fewest = min(fewest, n)
	}
	return fewest
}

// The heap mapped at start-up is made huge pages: filling 1 MiB of it takes
// a few faults, where it takes 256 with 4 KiB pages (GODEBUG's
// disablethp=1 turns the package off).
func TestStartHeap(t *testing.T) {
	needHugePages(t)
	on, off := helperFaults(t, "start", ""), helperFaults(t, "start", "disablethp=1")
	if on*4 > off {
		t.Errorf("1 MiB of start-up heap took %d faults with huge pages and %d without; want at most a quarter", on, off)
	}
}

// After Reserve, the small objects a run allocates land in huge pages:
// 16 MiB of them take a few faults, where they take 4,096 with 4 KiB pages.
func TestReserve(t *testing.T) {
	needHugePages(t)
	on, off := helperFaults(t, "reserve", ""), helperFaults(t, "reserve", "disablethp=1")
	if on*4 > off {
		t.Errorf("16 MiB after Reserve took %d faults with huge pages and %d without; want at most a quarter", on, off)
	}
}

// GODEBUG's disablethp=1 turns the package off; the last setting of the
// key wins, and other keys do not count.
func TestDisabledBy(t *testing.T) {
	for v, want := range map[string]bool{
		"": false, "disablethp=1": true, "disablethp=0": false, "gctrace=1,disablethp=1": true,
		"disablethp=1,gctrace=1": true, "disablethp=1,disablethp=0": false, "disablethp=0,disablethp=1": true,
		"xdisablethp=1": false, "disablethp=10": false, "disablethp=": false, ",disablethp=1,": true,
	} {
		if got := disabledBy(v); got != want {
			t.Errorf("GODEBUG=%q: disabled %v, want %v", v, got, want)
		}
	}
}
