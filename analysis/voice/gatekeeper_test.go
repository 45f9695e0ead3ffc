package voice_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/voice"
)

// bruteGatekeeper is the definition of Gatekeepers, checked the slow way:
// remove each other node v in turn and search from p; the separating node
// nearest p wins.
func bruteGatekeeper(g *analysis.Graph, holders []bool, p int) int {
	if holders[p] {
		return -1
	}
	dist := bfs(g, p, -1)
	if !reachesHolder(dist, holders, -1) {
		return -1
	}
	best := -1
	for v := range g.Order() {
		if v == p || dist[v] < 0 {
			continue
		}
		if reachesHolder(bfs(g, p, v), holders, v) {
			continue
		}
		if best < 0 || dist[v] < dist[best] {
			best = v
		} else if dist[v] == dist[best] {
			// Separators lie one after another on every path to power,
			// so two of them are never at the same distance from p.
			panic(fmt.Sprintf("separators %d and %d of %d at the same distance", best, v, p))
		}
	}
	return best
}

// TestGatekeepersBruteForce checks Gatekeepers and Hops against their
// definitions on seeded random graphs, from trees and sparse graphs with
// many cut vertices and components to dense ones with none, with no, few
// and many holders.
func TestGatekeepersBruteForce(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	for trial := range 400 {
		n := 1 + rnd.IntN(40)
		p := []float64{0.02, 0.05, 0.08, 0.15, 0.4}[trial%5]
		q := []float64{0, 0.03, 0.1, 0.3}[trial%4]
		g := randomGraph(t, rnd, n, p)
		holders := randomHolders(rnd, n, q)
		got, err := voice.Gatekeepers(g, holders)
		if err != nil {
			t.Fatal(err)
		}
		hops, err := voice.Hops(g, holders)
		if err != nil {
			t.Fatal(err)
		}
		for v := range n {
			if want := bruteGatekeeper(g, holders, v); got[v] != want {
				t.Fatalf("trial %d (n=%d, m=%d): Gatekeepers[%d] = %d, want %d", trial, n, g.Size(), v, got[v], want)
			}
			want := -1
			for u, d := range bfs(g, v, -1) {
				if d >= 0 && holders[u] && (want < 0 || d < want) {
					want = d
				}
			}
			if hops[v] != want {
				t.Fatalf("trial %d: Hops[%d] = %d, want %d", trial, v, hops[v], want)
			}
		}
	}
}

// TestGatekeepersHand checks hand-drawn cases that the random graphs may
// miss.
func TestGatekeepersHand(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		edges   [][2]int
		holders []int
		want    []int
	}{
		{
			// 0 - 1 - 2 - 3(holder): 2 is nearest for 0 and 1 (1 and 2
			// both separate 0), and 2's only route is the holder 3.
			name: "path", n: 4, edges: [][2]int{{0, 1}, {1, 2}, {2, 3}}, holders: []int{3},
			want: []int{1, 2, 3, -1},
		},
		{
			// A leaf beside two holders in a triangle 1-2-0 depends on 1
			// only; 0 has two holders next to it, so no gatekeeper.
			name: "holder as gatekeeper", n: 4, edges: [][2]int{{0, 1}, {0, 2}, {1, 2}, {1, 3}}, holders: []int{1, 2},
			want: []int{-1, -1, -1, 1},
		},
		{
			// A cycle 0-1-2-3-4 with holders 0 and 2: two ways round to
			// power from every node, so no one is gated.
			name: "cycle", n: 5, edges: [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}}, holders: []int{0, 2},
			want: []int{-1, -1, -1, -1, -1},
		},
		{
			// The same cycle with one holder: two ways round, but both end at
			// the one holder, through whom every path to power passes.
			name: "cycle one holder", n: 5, edges: [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}}, holders: []int{0},
			want: []int{-1, 0, 0, 0, 0},
		},
		{
			// Two components joined only through the virtual sink: 1 is gated
			// by holder 0, 3 by holder 2; the sink itself is never a gatekeeper.
			name: "two components", n: 5, edges: [][2]int{{0, 1}, {2, 3}}, holders: []int{0, 2},
			want: []int{-1, 0, -1, 2, -1},
		},
		{
			// A node between two holders on a path is not gated: 0(h) - 1 - 2(h).
			name: "between holders", n: 3, edges: [][2]int{{0, 1}, {1, 2}}, holders: []int{0, 2},
			want: []int{-1, -1, -1},
		},
		{
			name: "no holders", n: 3, edges: [][2]int{{0, 1}, {1, 2}}, holders: nil,
			want: []int{-1, -1, -1},
		},
		{name: "empty", n: 0, want: []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mustGraph(t, tt.n, tt.edges)
			holders := make([]bool, tt.n)
			for _, h := range tt.holders {
				holders[h] = true
			}
			got, err := voice.Gatekeepers(g, holders)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Gatekeepers(%s) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestGatekeepersDeepPath runs the search on a path of 200,000 nodes, deep
// enough to overflow a recursive search, and checks the far end.
func TestGatekeepersDeepPath(t *testing.T) {
	const n = 200_000
	pairs := make([][2]int, n-1)
	for i := range pairs {
		pairs[i] = [2]int{i, i + 1}
	}
	g := mustGraph(t, n, pairs)
	holders := make([]bool, n)
	holders[0] = true
	got, err := voice.Gatekeepers(g, holders)
	if err != nil {
		t.Fatal(err)
	}
	if got[n-1] != n-2 || got[1] != 0 || got[0] != -1 {
		t.Errorf("Gatekeepers(path) = [%d %d ... %d], want [-1 0 ... %d]", got[0], got[1], got[n-1], n-2)
	}
}

// TestGatekeepersInvalid checks that a holder slice of the wrong length is
// refused.
func TestGatekeepersInvalid(t *testing.T) {
	g := mustGraph(t, 3, [][2]int{{0, 1}})
	if _, err := voice.Gatekeepers(g, []bool{true}); !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("Gatekeepers(3 nodes, 1 flag) error = %v, want ErrInvalid", err)
	}
	if _, err := voice.Hops(g, nil); !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("Hops(3 nodes, no flags) error = %v, want ErrInvalid", err)
	}
}
