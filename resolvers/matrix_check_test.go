package resolvers_test

import (
	"testing"
)

// TestMatrixCheckers checks that the matrix's leak detectors see what they
// look for, so that a matrix with zero leaks means something.
func TestMatrixCheckers(t *testing.T) {
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
}
