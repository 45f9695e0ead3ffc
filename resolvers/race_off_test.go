//go:build !race

package resolvers_test

// raceFactor is 1 without the race detector (race_on_test.go).
const raceFactor = 1
