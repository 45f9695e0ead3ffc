//go:build race

package resolvers_test

// raceFactor is how much slower the race detector makes this package's
// code run, for the bounds on CPU time.
const raceFactor = 10
