//go:build race

package main

// raceEnabled: the race detector slows everything by an order of
// magnitude, so timing limits are relaxed under it.
const raceEnabled = true
