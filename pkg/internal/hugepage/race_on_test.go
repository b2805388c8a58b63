//go:build race

package hugepage

// raceDetector is whether the tests run under the race detector, whose
// shadow memory takes page faults of its own for every allocation.
const raceDetector = true
