package power_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/power"
)

func TestArticulationPoints(t *testing.T) {
	tests := []struct {
		name  string
		graph *analysis.Graph
		want  []int
	}{
		{name: "path of 5", graph: path(t, 5), want: []int{1, 2, 3}},
		{name: "star of 5", graph: star(t, 5), want: []int{0}},
		{name: "cycle of 6", graph: cycle(t, 6), want: nil},
		// Removing 2 or 3 cuts the triangles apart; removing 5 cuts off 6.
		{name: "bridged triangles", graph: bridged(t), want: []int{2, 3, 5}},
		// Two paths 0-1-2 and 3-4-5: the middle of each.
		{name: "disconnected", graph: unit(t, 6, [2]int{0, 1}, [2]int{1, 2}, [2]int{3, 4}, [2]int{4, 5}), want: []int{1, 4}},
		// Bowtie: two triangles sharing node 2; the root of the DFS is 0.
		{name: "bowtie", graph: unit(t, 5, [2]int{0, 1}, [2]int{0, 2}, [2]int{1, 2}, [2]int{2, 3}, [2]int{2, 4}, [2]int{3, 4}), want: []int{2}},
		// Bowtie again with the shared node as DFS root (node 0).
		{name: "bowtie rooted at cut", graph: unit(t, 5, [2]int{0, 1}, [2]int{0, 2}, [2]int{1, 2}, [2]int{0, 3}, [2]int{0, 4}, [2]int{3, 4}), want: []int{0}},
		{name: "single edge", graph: path(t, 2), want: nil},
		{name: "single node", graph: unit(t, 1), want: nil},
		{name: "empty", graph: unit(t, 0), want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.ArticulationPoints(tc.graph); !slices.Equal(got, tc.want) {
				t.Errorf("ArticulationPoints(%s) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}

// TestArticulationPointsDeep runs on a path of 200 000 nodes, whose
// depth-first tree is one branch as deep as the graph: the search must not
// recurse.
func TestArticulationPointsDeep(t *testing.T) {
	const n = 200_000
	got := power.ArticulationPoints(path(t, n))
	if len(got) != n-2 || got[0] != 1 || got[len(got)-1] != n-2 {
		t.Errorf("ArticulationPoints(path of %d) has %d points from %v, want %d from 1 to %d", n, len(got), got[:min(3, len(got))], n-2, n-2)
	}
}

func TestSeparation(t *testing.T) {
	all := func(n int, except ...int) []bool {
		m := make([]bool, n)
		for i := range m {
			m[i] = !slices.Contains(except, i)
		}
		return m
	}
	tests := []struct {
		name    string
		graph   *analysis.Graph
		sources []bool
		targets []bool
		want    []int
	}{
		// Path 0-1-2-3-4 with the decision holder at 4: removing k cuts
		// off 0..k-1; removing 4 itself leaves nobody with power.
		{name: "path towards 4", graph: path(t, 5), sources: all(5, 4), targets: mask(5, 4), want: []int{0, 1, 2, 3, 4}},
		// Holders at both ends: nobody loses every path.
		{name: "path between two holders", graph: path(t, 5), sources: all(5, 0, 4), targets: mask(5, 0, 4), want: []int{0, 0, 0, 0, 0}},
		// Star whose centre decides: its removal leaves four leaves out.
		{name: "star centre decides", graph: star(t, 5), sources: all(5, 0), targets: mask(5, 0), want: []int{4, 0, 0, 0, 0}},
		// Star where leaf 1 decides: the centre gates leaves 2, 3, 4, and
		// removing 1 leaves the centre and the other leaves without power.
		{name: "star leaf decides", graph: star(t, 5), sources: all(5, 1), targets: mask(5, 1), want: []int{3, 4, 0, 0, 0}},
		// Only some people count as sources: leaves 2 and 4.
		{name: "star some sources", graph: star(t, 5), sources: mask(5, 2, 4), targets: mask(5, 1), want: []int{2, 2, 0, 0, 0}},
		// A cycle has no gatekeeper, but its only holder 0 is still needed.
		{name: "cycle", graph: cycle(t, 5), sources: all(5, 0), targets: mask(5, 0), want: []int{4, 0, 0, 0, 0}},
		// Bridged triangles with holders 2 and 3 (as in the reference
		// file): removing 2 cuts 0, 1 off; removing 3 cuts 4, 5, 6 off;
		// removing 5 cuts 6 off. 7 never had a path.
		{name: "bridged triangles", graph: bridged(t), sources: all(8, 2, 3), targets: mask(8, 2, 3), want: []int{0, 0, 2, 3, 0, 1, 0, 0}},
		// Holder 0 only: 3 cuts 4, 5, 6; 2 cuts the same plus 3.
		{name: "bridged triangles one holder", graph: bridged(t), sources: all(8, 0), targets: mask(8, 0), want: []int{6, 0, 4, 3, 0, 1, 0, 0}},
		// A component without a holder: nobody in it had a path.
		{name: "component without power", graph: unit(t, 6, [2]int{0, 1}, [2]int{1, 2}, [2]int{3, 4}, [2]int{4, 5}), sources: all(6, 0), targets: mask(6, 0), want: []int{2, 1, 0, 0, 0, 0}},
		{name: "no holders", graph: path(t, 4), sources: all(4), targets: mask(4), want: []int{0, 0, 0, 0}},
		{name: "empty", graph: unit(t, 0), sources: nil, targets: nil, want: []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := power.Separation(tc.graph, tc.sources, tc.targets)
			if err != nil {
				t.Fatalf("Separation(%s): %v", tc.name, err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Separation(%s) = %v, want %v", tc.name, got, tc.want)
			}
			for v := range tc.want {
				one, err := power.Separated(tc.graph, v, tc.sources, tc.targets)
				if err != nil {
					t.Fatalf("Separated(%s, %d): %v", tc.name, v, err)
				}
				if one != tc.want[v] {
					t.Errorf("Separated(%s, %d) = %d, want %d", tc.name, v, one, tc.want[v])
				}
			}
		})
	}
}

// TestSeparationRandom checks the one-search Separation against the
// per-node breadth-first Separated on seeded random sparse graphs, which
// have many cut vertices, components and pendant trees.
func TestSeparationRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	for trial := range 200 {
		n := 1 + rnd.IntN(40)
		m := rnd.IntN(2 * n)
		edges := make([]analysis.Edge, 0, m)
		for range m {
			edges = append(edges, analysis.Edge{U: rnd.IntN(n), V: rnd.IntN(n), Weight: 1})
		}
		g := mustGraph(t, n, edges)
		sources, targets := make([]bool, n), make([]bool, n)
		for v := range n {
			sources[v] = rnd.IntN(3) > 0
			targets[v] = rnd.IntN(6) == 0
		}
		sep, err := power.Separation(g, sources, targets)
		if err != nil {
			t.Fatalf("trial %d: Separation: %v", trial, err)
		}
		for v := range n {
			want, err := power.Separated(g, v, sources, targets)
			if err != nil {
				t.Fatalf("trial %d: Separated(%d): %v", trial, v, err)
			}
			if sep[v] != want {
				t.Fatalf("trial %d (n=%d, edges %v, sources %v, targets %v): Separation[%d] = %d, Separated = %d",
					trial, n, edges, sources, targets, v, sep[v], want)
			}
		}
	}
}

func TestGatekeepers(t *testing.T) {
	g := bridged(t)
	// Sources: everyone but the holders 0 and 4.
	sources := []bool{false, true, true, true, false, true, true, true}
	got, err := power.Gatekeepers(g, sources, mask(8, 0, 4))
	if err != nil {
		t.Fatalf("Gatekeepers(bridged): %v", err)
	}
	// Removing 2 or 3 leaves both sides with a holder; 5 cuts 6 off.
	want := []power.Gatekeeper{{Node: 5, Separated: 1}, {Node: 2, Separated: 0}, {Node: 3, Separated: 0}}
	if !slices.Equal(got, want) {
		t.Errorf("Gatekeepers(bridged) = %v, want %v", got, want)
	}
	// With holder 0 only, 2 gates 3, 5, 6 (4 is not a source) and 3
	// gates 5, 6.
	got, err = power.Gatekeepers(g, sources, mask(8, 0))
	if err != nil {
		t.Fatalf("Gatekeepers(bridged, one holder): %v", err)
	}
	want = []power.Gatekeeper{{Node: 2, Separated: 3}, {Node: 3, Separated: 2}, {Node: 5, Separated: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("Gatekeepers(bridged, one holder) = %v, want %v", got, want)
	}
}

func TestSeparationInvalid(t *testing.T) {
	g := path(t, 3)
	tests := []struct {
		name             string
		sources, targets []bool
		cut              int
	}{
		{name: "short sources", sources: mask(2), targets: mask(3), cut: 0},
		{name: "long targets", sources: mask(3), targets: mask(4), cut: 0},
		{name: "nil masks", cut: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := power.Separation(g, tc.sources, tc.targets); !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Separation(%s) error = %v, want ErrInvalid", tc.name, err)
			}
			if _, err := power.Separated(g, tc.cut, tc.sources, tc.targets); !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Separated(%s) error = %v, want ErrInvalid", tc.name, err)
			}
			if _, err := power.Gatekeepers(g, tc.sources, tc.targets); !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Gatekeepers(%s) error = %v, want ErrInvalid", tc.name, err)
			}
		})
	}
	for _, cut := range []int{-1, 3} {
		if _, err := power.Separated(g, cut, mask(3), mask(3)); !errors.Is(err, analysis.ErrInvalid) {
			t.Errorf("Separated(cut %d) error = %v, want ErrInvalid", cut, err)
		}
	}
}
