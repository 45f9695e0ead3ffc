// Package servicetest holds test helpers for packages that drive the
// service over a real store: MustOpenStore opens a bbolt store in a
// temporary directory, CountingStore counts store round trips, and
// SyncBuffer collects the logs of a server running in other goroutines.
package servicetest
