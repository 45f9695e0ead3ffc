package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// Opener returns a fresh, empty store for one subtest; the caller registers
// its cleanup with t.Cleanup.
type Opener func(t *testing.T) store.Store

// Run runs the conformance suite against the stores open returns. Every
// subtest gets its own empty store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	groups := []struct {
		name string
		run  func(t *testing.T, open Opener)
	}{
		{"Places", testPlaces},
		{"Actors", testActors},
		{"Relationships", testRelationships},
		{"Forums", testForums},
		{"Participations", testParticipations},
		{"Conflicts", testConflicts},
		{"Reuse", testReuse},
		{"Pagination", testPagination},
		{"Snapshot", testSnapshot},
		{"Import", testImport},
		{"ImportProgress", testImportProgress},
		{"Context", testContext},
		{"Forget", testForget},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) { g.run(t, open) })
	}
}
