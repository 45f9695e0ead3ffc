package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// Opener returns a fresh, empty store for one subtest; the caller registers
// its cleanup with t.Cleanup.
type Opener func(t *testing.T) store.Store

// group is one group of subtests of the suite.
type group struct {
	name string
	run  func(t *testing.T, open Opener)
}

// Run runs the conformance suite against the stores open returns: the
// groups about the network, then those about grants (under "Grants/").
// Every subtest gets its own empty store. With VOICEMAP_UPDATE_REFUSALS
// set it records every refusal instead of comparing (refusals.go).
func Run(t *testing.T, open Opener) {
	t.Helper()
	groups := []group{
		{"Places", testPlaces},
		{"Actors", testActors},
		{"Relationships", testRelationships},
		{"Forums", testForums},
		{"Participations", testParticipations},
		{"Conflicts", testConflicts},
		{"Reuse", testReuse},
		{"Pagination", testPagination},
		{"Snapshot", testSnapshot},
		{"Network", testNetwork},
		{"Import", testImport},
		{"ImportProgress", testImportProgress},
		{"Context", testContext},
		{"Forget", testForget},
		{"Surveys", testSurveys},
		{"Versions", testVersions},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) { g.run(t, open) })
	}
	t.Run("Grants", func(t *testing.T) {
		for _, g := range grantGroups {
			t.Run(g.name, func(t *testing.T) { g.run(t, open) })
		}
	})
	if wrote, err := WriteRefusals(); err != nil {
		t.Errorf("write the refusals: %v", err)
	} else if wrote {
		t.Logf("refusals written to storetest/testdata/refusals.txt")
	}
}
