package resolvers_test

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// TestMatrixCheckers checks that the matrix's leak detectors see what they
// look for, so that a matrix with zero leaks means something.
func TestMatrixCheckers(t *testing.T) {
	t.Parallel()
	funder := []struct {
		name, raw string
		leak      bool
	}{
		{name: "aggregate", raw: `{"data":{"networkSummary":{"__typename":"NetworkSummary","actors":3}}}`},
		{name: "group count", raw: `{"data":{"place":{"__typename":"Place","populationByGroup":[{"__typename":"GroupCount","group":"alpha-kin","count":40}]}}}`},
		{name: "person object", raw: `{"data":{"node":{"__typename":"Person","id":"x"}}}`, leak: true},
		{name: "person name", raw: `{"data":{"communities":{"__typename":"CommunityReport","members":[{"__typename":"Organisation","name":"Beta Person Two"}]}}}`, leak: true},
		{name: "person id in an export", raw: `{"data":{"exportNetwork":"<node id=\"a-person-1\"/>"}}`, leak: true},
		{name: "group tag of an actor", raw: `{"data":{"organisation":{"__typename":"Organisation","groups":["beta-kin"]}}}`, leak: true},
		{name: "person's role", raw: `{"data":{"x":{"__typename":"GroupCount","group":"alpha-kin-role"}}}`, leak: true},
		{name: "small group count", raw: `{"data":{"fundingReach":{"hiddenGroups":[{"__typename":"GroupReach","group":"alpha-kin","people":2,"reached":null}]}}}`, leak: true},
		{name: "suppressed group count", raw: `{"data":{"fundingReach":{"hiddenGroups":[{"__typename":"GroupReach","group":"alpha-kin","people":null,"reached":null}]}}}`},
		{name: "census figure", raw: `{"data":{"place":{"populationByGroup":[{"__typename":"GroupCount","group":"alpha-kin","count":3}]}}}`},
	}
	for _, tt := range funder {
		t.Run("funder "+tt.name, func(t *testing.T) {
			got := funderLeaks(decodeResponse(t, tt.raw))
			if (len(got) > 0) != tt.leak {
				t.Errorf("funderLeaks(%s) = %v, want leak %v", tt.raw, got, tt.leak)
			}
		})
	}

	same := []struct {
		name, b, missing string
		equal            bool
	}{
		{name: "not found alike", b: `{"errors":[{"message":"person \"b-person-1\" not found"}]}`, missing: `{"errors":[{"message":"person \"m-person-1\" not found"}]}`, equal: true},
		{name: "forbidden versus null", b: `{"errors":[{"message":"forbidden"}],"data":{"node":null}}`, missing: `{"data":{"node":null}}`},
		{name: "data versus null", b: `{"data":{"node":{"id":"b-org"}}}`, missing: `{"data":{"node":null}}`},
		{name: "longest id first", b: `"b-rel-2"`, missing: `"m-rel-2"`, equal: true},
	}
	for _, tt := range same {
		t.Run("normalize "+tt.name, func(t *testing.T) {
			got := normalize(tt.b, matrixSide("b")) == normalize(tt.missing, matrixSide("m"))
			if got != tt.equal {
				t.Errorf("normalized %s == %s: %v, want %v", tt.b, tt.missing, got, tt.equal)
			}
		})
	}

	audited := []struct {
		name, data string
		recorded   []string
		missing    int
	}{
		{name: "name unrecorded", data: `{"x":"Alpha Person One"}`, missing: 1},
		{name: "name recorded", data: `{"x":"Alpha Person One"}`, recorded: []string{"a-person-1"}},
		{name: "cursor", data: `{"c":"` + store.EncodeCursor("b-person-2") + `"}`, missing: 1},
		{name: "tie without its people", data: `{"id":"a-rel"}`, recorded: []string{"a-person-2"}, missing: 1},
		{name: "longer id is another", data: `{"id":"a-rel-2"}`, recorded: []string{"a-person-2"}},
		{name: "organisation", data: `{"id":"a-org"}`},
	}
	for _, tt := range audited {
		t.Run("audit "+tt.name, func(t *testing.T) {
			if got := unrecorded(tt.data, tt.recorded, func(id string) string { return id }, true); len(got) != tt.missing {
				t.Errorf("unrecorded(%s, %v) = %v, want %d", tt.data, tt.recorded, got, tt.missing)
			}
		})
	}
	for _, tt := range []struct {
		raw  string
		leak bool
	}{
		{`{"data":{"node":{"id":"a-person-w"}}}`, true},
		{`{"data":{"x":"Beta Withdrawn Person"}}`, true},
		{`{"data":{"c":"` + store.EncodeCursor("b-rel-w") + `"}}`, true},
		{`{"data":{"node":{"id":"a-person-2"}}}`, false},
		{`{"errors":[{"message":"actor \"a-person-w\" not found"}]}`, false},
	} {
		if got := withdrawnLeaks(decodeResponse(t, tt.raw)); (len(got) > 0) != tt.leak {
			t.Errorf("withdrawnLeaks(%s) = %v, want leak %v", tt.raw, got, tt.leak)
		}
	}
}
