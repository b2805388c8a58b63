//go:build !race

package render

// raceDetector reports that the race detector is on (race_test.go).
const raceDetector = false
