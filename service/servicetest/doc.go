// Package servicetest holds test helpers for packages that drive the
// service over a real store: MustOpenStore opens a bbolt store in a
// temporary directory, and CountingStore counts store round trips.
package servicetest
