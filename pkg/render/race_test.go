//go:build race

package render

// raceDetector reports that the race detector is on: tests that only
// write a great many rows, with no goroutine to race, skip under it.
const raceDetector = true
