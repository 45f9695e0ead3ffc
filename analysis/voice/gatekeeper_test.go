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
// remove each other non-holder v in turn and search from p: does p lose
// every path to every holder? The separating node nearest p wins.
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
		if v == p || holders[v] || dist[v] < 0 {
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
			// 0 - 1 - 2 - 3(holder): 1 and 2 both separate 0, 1 is
			// nearest; 2 separates 1; 2 is tied to the holder itself.
			name: "path", n: 4, edges: [][2]int{{0, 1}, {1, 2}, {2, 3}}, holders: []int{3},
			want: []int{1, 2, -1, -1},
		},
		{
			// One holder h=2 on a path p=0 - a=1 - h=2: a is the intermediary.
			name: "one holder, p-a-h", n: 3, edges: [][2]int{{0, 1}, {1, 2}}, holders: []int{2},
			want: []int{1, -1, -1},
		},
		{
			// A star of people 1..5 around one holder 0: each is tied to the
			// holder, so no one is gated (the holder is never a gatekeeper).
			name: "star round one holder", n: 6, edges: [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}}, holders: []int{0},
			want: []int{-1, -1, -1, -1, -1, -1},
		},
		{
			// The same star with a leaf 6 behind 3: 3 gates 6 only.
			name: "star with a leaf", n: 7, edges: [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {3, 6}}, holders: []int{0},
			want: []int{-1, -1, -1, -1, -1, -1, 3},
		},
		{
			// A leaf 3 beside the holders 1 and 2 of a triangle 0-1-2: tied to
			// holder 1, so not gated; 0 is tied to both holders.
			name: "leaf beside a holder", n: 4, edges: [][2]int{{0, 1}, {0, 2}, {1, 2}, {1, 3}}, holders: []int{1, 2},
			want: []int{-1, -1, -1, -1},
		},
		{
			// Two holders 0 and 4 joined only through 2: 1 - 2 - 3 with 1 tied
			// to 0 and 3 to 4; 5 hangs off 2 and reaches power only through
			// 2, although 2 leads to both holders.
			name: "two holders, one broker", n: 6, edges: [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {2, 5}}, holders: []int{0, 4},
			want: []int{-1, -1, -1, -1, -1, 2},
		},
		{
			// A cycle 0-1-2-3-4 with holders 0 and 2: two ways round to
			// power from every node, so no one is gated.
			name: "cycle", n: 5, edges: [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}}, holders: []int{0, 2},
			want: []int{-1, -1, -1, -1, -1},
		},
		{
			// The same cycle with one holder 0: 1 and 4 are tied to it, and
			// 2 and 3 have two ways round, through 1 or through 4.
			name: "cycle one holder", n: 5, edges: [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}}, holders: []int{0},
			want: []int{-1, -1, -1, -1, -1},
		},
		{
			// Two components, each a holder and a leaf tied to it: no one is
			// gated; the sink itself is never a gatekeeper.
			name: "two components", n: 5, edges: [][2]int{{0, 1}, {2, 3}}, holders: []int{0, 2},
			want: []int{-1, -1, -1, -1, -1},
		},
		{
			// Two components behind intermediaries: 0(h) - 1 - 2 and
			// 3(h) - 4 - 5, so 1 gates 2 and 4 gates 5.
			name: "two components, two intermediaries", n: 6, edges: [][2]int{{0, 1}, {1, 2}, {3, 4}, {4, 5}}, holders: []int{0, 3},
			want: []int{-1, -1, 1, -1, -1, 4},
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
	// 1 is tied to the holder 0; 2 is gated by 1; the far end by its
	// neighbour.
	if got[n-1] != n-2 || got[2] != 1 || got[1] != -1 || got[0] != -1 {
		t.Errorf("Gatekeepers(path) = [%d %d %d ... %d], want [-1 -1 1 ... %d]", got[0], got[1], got[2], got[n-1], n-2)
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
