//go:build race

package main

// raceEnabled: the race detector multiplies memory use (and time).
const raceEnabled = true
