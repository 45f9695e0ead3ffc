package resolvers_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/resolvers"
)

// tie is an edge of a hand-built test network.
type tie struct {
	from, to string
	weight   float64
}

// buildNetwork creates, in one mutation, a place and a person for every
// actor named in ties, and the ties (ids t0, t1, ...).
func buildNetwork(t *testing.T, e *env, place string, ties []tie) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "mutation {\n place: upsertPlace(input: {id: %q, name: %q}) { id }\n", place, place)
	seen := map[string]bool{}
	for _, tt := range ties {
		for _, a := range []string{tt.from, tt.to} {
			if !seen[a] {
				seen[a] = true
				fmt.Fprintf(&b, " p_%s: upsertPerson(input: {id: %q, name: %q, placeId: %q}) { id }\n", a, a, a, place)
			}
		}
	}
	for i, tt := range ties {
		fmt.Fprintf(&b, " t%d: connect(input: {id: \"%s-t%d\", fromId: %q, toId: %q, kind: KNOWS, weight: %g}) { id }\n", i, place, i, tt.from, tt.to, tt.weight)
	}
	b.WriteString("}")
	var resp map[string]any
	e.do(t, b.String(), &resp)
}

type score struct {
	Actor struct{ ID string }
	Score float64
	Rank  int
}

func centrality(t *testing.T, e *env, measure string, weighted bool, first int) []score {
	t.Helper()
	var resp struct{ Centrality []score }
	e.do(t, `query($m: CentralityMeasure!, $w: Boolean, $first: Int) {
		centrality(placeId: "star", measure: $m, weighted: $w, first: $first) { actor { id } score rank }
	}`, &resp, client.Var("m", measure), client.Var("w", weighted), client.Var("first", first))
	return resp.Centrality
}

// TestCentrality checks scores, order and ranks on a star with a tail,
//
//	a ─┐
//	b ─┼─ h ─ c ─ d       (h–a has weight 3, every other tie 1)
//
// against values computed by hand (n = 5):
//   - DEGREE deg/(n-1): h 3/4, c 2/4, a b d 1/4;
//   - BETWEENNESS normalised by (n-1)(n-2)/2 = 6: h lies on a–b a–c a–d b–c
//     b–d (5/6), c on h–d a–d b–d (3/6), the leaves on none;
//   - CLOSENESS (n-1)/Σd: h 4/5, c 4/6, a b 4/8, d 4/9; weighted, h–a has
//     length 1/3, so h's distances sum to 1/3+1+1+2 and its closeness is
//     4/(13/3) = 12/13;
//   - WEIGHTED_DEGREE: h 5, a 3, c 2, b d 1.
func TestCentrality(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	buildNetwork(t, e, "star", []tie{{"h", "a", 3}, {"h", "b", 1}, {"h", "c", 1}, {"c", "d", 1}})
	tests := []struct {
		name     string
		measure  string
		weighted bool
		first    int
		want     []string // "id rank score"
	}{
		{name: "degree", measure: "DEGREE", first: 20, want: []string{"h 1 0.75", "c 2 0.5", "a 3 0.25", "b 3 0.25", "d 3 0.25"}},
		{name: "betweenness", measure: "BETWEENNESS", first: 20, want: []string{"h 1 0.833333", "c 2 0.5", "a 3 0", "b 3 0", "d 3 0"}},
		{name: "closeness", measure: "CLOSENESS", first: 20, want: []string{"h 1 0.8", "c 2 0.666667", "a 3 0.5", "b 3 0.5", "d 5 0.444444"}},
		{name: "weighted closeness top", measure: "CLOSENESS", weighted: true, first: 1, want: []string{"h 1 0.923077"}},
		{name: "weighted degree", measure: "WEIGHTED_DEGREE", first: 20, want: []string{"h 1 5", "a 2 3", "c 3 2", "b 4 1", "d 4 1"}},
		{name: "first cuts the list", measure: "DEGREE", first: 2, want: []string{"h 1 0.75", "c 2 0.5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := centrality(t, e, tt.measure, tt.weighted, tt.first)
			gotS := make([]string, len(got))
			for i, s := range got {
				gotS[i] = fmt.Sprintf("%s %d %g", s.Actor.ID, s.Rank, math.Round(s.Score*1e6)/1e6)
			}
			if !slices.Equal(gotS, tt.want) {
				t.Errorf("centrality(%s, weighted %v) = %v, want %v", tt.measure, tt.weighted, gotS, tt.want)
			}
		})
	}
	// Every measure answers, sorted by score descending.
	for _, m := range []string{"DEGREE", "WEIGHTED_DEGREE", "BETWEENNESS", "CLOSENESS", "HARMONIC", "PAGERANK", "EIGENVECTOR", "CORENESS"} {
		got := centrality(t, e, m, false, 20)
		if len(got) != 5 || !slices.IsSortedFunc(got, func(a, b score) int { return -cmpFloat(a.Score, b.Score) }) {
			t.Errorf("centrality(%s) = %+v, want 5 scores sorted descending", m, got)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestCommunitiesAndSummary uses two triangles joined by one bridge (c–d).
// Hand computation, m = 7 ties: each triangle has 3 internal ties and degree
// sum 7, so Q = 2 (3/7 - (7/14)²) = 5/14; density 7/15; average degree
// 14/6; clustering 1 for the four non-bridge actors and 1/3 for c and d,
// averaging (4 + 2/3)/6 = 7/9.
func TestCommunitiesAndSummary(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	buildNetwork(t, e, "bridge", []tie{
		{"a", "b", 1}, {"b", "c", 1}, {"a", "c", 1},
		{"d", "e", 1}, {"e", "f", 1}, {"d", "f", 1},
		{"c", "d", 1},
	})
	var resp struct {
		Communities struct {
			Modularity  float64
			Communities []struct {
				ID      string
				Size    int
				Members []struct{ ID string }
			}
		}
		NetworkSummary struct {
			Actors, Relationships, Ties, Components   int
			Density, AverageDegree, AverageClustering float64
		}
	}
	e.do(t, `{
		communities(placeId: "bridge") { modularity communities { id size members { id } } }
		networkSummary(placeId: "bridge") { actors relationships ties components density averageDegree averageClustering }
	}`, &resp)
	c := resp.Communities
	if math.Abs(c.Modularity-5.0/14) > 1e-9 {
		t.Errorf("modularity = %v, want 5/14", c.Modularity)
	}
	var got []string
	for _, com := range c.Communities {
		var ids []string
		for _, m := range com.Members {
			ids = append(ids, m.ID)
		}
		got = append(got, fmt.Sprintf("%s:%d:%s", com.ID, com.Size, strings.Join(ids, ",")))
	}
	if want := []string{"c1:3:a,b,c", "c2:3:d,e,f"}; !slices.Equal(got, want) {
		t.Errorf("communities = %v, want %v", got, want)
	}
	s := resp.NetworkSummary
	if s.Actors != 6 || s.Relationships != 7 || s.Ties != 7 || s.Components != 1 ||
		math.Abs(s.Density-7.0/15) > 1e-9 || math.Abs(s.AverageDegree-14.0/6) > 1e-9 || math.Abs(s.AverageClustering-7.0/9) > 1e-9 {
		t.Errorf("networkSummary = %+v", s)
	}
}

// TestAnalysisCacheInvalidation checks over GraphQL that a write changes
// the cached answer of its place, and that a write elsewhere keeps another
// place's entry (no new snapshot).
func TestAnalysisCacheInvalidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	summary := func(place string) (actors, relationships int) {
		var resp struct {
			NetworkSummary struct{ Actors, Relationships int }
		}
		e.do(t, `query($p: ID) { networkSummary(placeId: $p) { actors relationships } }`, &resp, client.Var("p", place))
		return resp.NetworkSummary.Actors, resp.NetworkSummary.Relationships
	}
	_, northBefore := summary("north")
	summary("south")
	snaps := e.store.Calls("Network")
	summary("north")
	summary("south")
	if n := e.store.Calls("Network") - snaps; n != 0 {
		t.Errorf("repeated summaries took %d snapshots, want 0 (cached)", n)
	}

	var resp map[string]any
	e.do(t, `mutation { connect(input: {id: "r5", fromId: "ann", toId: "youth-club", kind: MEMBER_OF}) { id } }`, &resp)
	snaps = e.store.Calls("Network")
	summary("south")
	if n := e.store.Calls("Network") - snaps; n != 0 {
		t.Errorf("summary(south) after a write in north took %d snapshots, want 0 (kept)", n)
	}
	if _, after := summary("north"); after != northBefore+1 {
		t.Errorf("summary(north) relationships after connect = %d, want %d", after, northBefore+1)
	}
}
