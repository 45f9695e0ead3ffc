package analysis

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// pathTestGraphs are the graphs of the all-sources tests: the small graphs
// of the bidirectional-search tests, a 700-node Barabási–Albert graph (3
// batches of 256 sources, the last one short) and a forest of 600 nodes
// whose trees have very different depths (a path of 300, stars, isolated
// nodes), so that batches mix sources of many components.
func pathTestGraphs(t *testing.T) map[string]*Graph {
	t.Helper()
	graphs := biTestGraphs(t)
	ba, err := NewGraph(700, BarabasiAlbert(700, 3, 5))
	if err != nil {
		t.Fatal(err)
	}
	graphs["ba 700"] = ba
	var forest []Edge
	for v := 1; v < 300; v++ {
		forest = append(forest, Edge{U: v - 1, V: v, Weight: 1})
	}
	for c := 300; c < 560; c += 13 {
		for leaf := c + 1; leaf < c+13; leaf++ {
			forest = append(forest, Edge{U: c, V: leaf, Weight: 1})
		}
	}
	graphs["forest 600"], err = NewGraph(600, forest)
	if err != nil {
		t.Fatal(err)
	}
	return graphs
}

// TestBFSAllSources checks the sums of the bit-parallel all-sources search
// against one breadth-first search per node, all bit for bit: reach and
// hops, and the inverse distances formed from the per-distance counts
// (inverseSum), with unit 1 and 1/3; that the per-node fallback
// harmonicBFS gives the same; and that distanceBound bounds every
// distance.
func TestBFSAllSources(t *testing.T) {
	for name, g := range pathTestGraphs(t) {
		t.Run(name, func(t *testing.T) {
			sc := newSearch(g.n)
			bound := g.distanceBound()
			for _, unit := range []float64{1, 1.0 / 3} {
				got, err := g.bfsAllSources(context.Background(), true, unit)
				if err != nil {
					t.Fatal(err)
				}
				closenessOnly, err := g.bfsAllSources(context.Background(), false, unit)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(closenessOnly.reach, got.reach) || !slices.Equal(closenessOnly.hops, got.hops) || closenessOnly.inverse != nil {
					t.Errorf("bfsAllSources(%s, inverse false) differs from inverse true", name)
				}
				fallback, err := g.harmonicBFS(context.Background(), unit)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(fallback.reach, got.reach) || !slices.Equal(fallback.hops, got.hops) || !slices.Equal(fallback.inverse, got.inverse) {
					t.Errorf("harmonicBFS(%s, unit %v) differs from bfsAllSources", name, unit)
				}
				for s := range g.n {
					g.bfs(sc, int32(s), false)
					counts := make([]int64, bound+1)
					var hops int64
					for _, v := range sc.order[1:] {
						d := sc.hops[v]
						if int(d) > bound {
							t.Fatalf("distanceBound(%s) = %d, but d(%d, %d) = %d", name, bound, s, v, d)
						}
						counts[d]++
						hops += int64(d)
					}
					inverse := inverseSum(counts, unit)
					reach := int64(len(sc.order) - 1)
					sc.reset()
					if got.reach[s] != reach || got.hops[s] != hops || got.inverse[s] != inverse {
						t.Fatalf("bfsAllSources(%s, unit %v) node %d = reach %d, hops %d, inverse %v; want %d, %d, %v",
							name, unit, s, got.reach[s], got.hops[s], got.inverse[s], reach, hops, inverse)
					}
				}
			}
		})
	}
}

// TestDijkstraDistances checks the radix-heap search against dijkstra on
// random weighted graphs, two of them disconnected, with strengths that
// make many equal and many inexact lengths: the same distances bit for
// bit, the same reachable nodes, settled in non-decreasing order, and a
// clean scratch after reset.
func TestDijkstraDistances(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		p         float64
		strengths []float64
	}{
		{"sparse, powers of two", 200, 0.01, []float64{1, 2, 4}},
		{"dense, 1..5", 120, 0.1, []float64{1, 2, 3, 4, 5}},
		{"thirds and sevenths", 150, 0.04, []float64{3, 7, 0.3, 1e-3, 1e3}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(uint64(i), 11))
			var edges []Edge
			for u := range tc.n {
				for v := u + 1; v < tc.n; v++ {
					if rnd.Float64() < tc.p {
						edges = append(edges, Edge{U: u, V: v, Weight: tc.strengths[rnd.IntN(len(tc.strengths))]})
					}
				}
			}
			g, err := NewGraph(tc.n, edges)
			if err != nil {
				t.Fatal(err)
			}
			sc, rs := newSearch(tc.n), newRadixSearch(tc.n)
			for s := range int32(tc.n) {
				g.dijkstra(sc, s)
				g.dijkstraDistances(rs, s)
				if len(rs.order) != len(sc.order) || rs.order[0] != s {
					t.Fatalf("dijkstraDistances(%d) settled %d nodes, want %d starting with the source", s, len(rs.order), len(sc.order))
				}
				for k, v := range rs.order {
					if math.Float64bits(rs.dist[v]) != math.Float64bits(sc.dist[v]) {
						t.Fatalf("dijkstraDistances(%d) node %d = %v, want %v (dijkstra)", s, v, rs.dist[v], sc.dist[v])
					}
					if k > 0 && rs.dist[v] < rs.dist[rs.order[k-1]] {
						t.Fatalf("dijkstraDistances(%d) settled node %d at %v after %v", s, v, rs.dist[v], rs.dist[rs.order[k-1]])
					}
				}
				sc.reset()
				rs.reset()
				for v, d := range rs.dist {
					if !math.IsInf(d, 1) {
						t.Fatalf("after reset, dist[%d] = %v, want +Inf", v, d)
					}
				}
				for b := range rs.buckets {
					if len(rs.buckets[b]) != 0 {
						t.Fatalf("after a search, bucket %d holds %d items", b, len(rs.buckets[b]))
					}
				}
			}
		})
	}
}

// TestBFSOrdered checks that the renumbered copy has the same edges, a
// permutation of the nodes in which every node but the first of its
// component has a neighbour numbered before it, and ascending neighbour
// lists.
func TestBFSOrdered(t *testing.T) {
	for name, g := range pathTestGraphs(t) {
		t.Run(name, func(t *testing.T) {
			h, order := g.bfsOrdered()
			if h.n != g.n || h.m != g.m || len(h.adj) != len(g.adj) {
				t.Fatalf("bfsOrdered(%s) has %d nodes, %d edges, %d arcs; want %d, %d, %d", name, h.n, h.m, len(h.adj), g.n, g.m, len(g.adj))
			}
			sorted := slices.Clone(order)
			slices.Sort(sorted)
			for i, v := range sorted {
				if int(v) != i {
					t.Fatalf("bfsOrdered(%s) order is not a permutation: %v", name, order)
				}
			}
			// suffixMin[i] is the least old id numbered i or later.
			suffixMin := make([]int32, h.n+1)
			suffixMin[h.n] = int32(h.n)
			for i := h.n - 1; i >= 0; i-- {
				suffixMin[i] = min(order[i], suffixMin[i+1])
			}
			for i := range h.n {
				// In breadth-first order a node's parent comes first;
				// a node without an earlier neighbour starts the next
				// component from its least id.
				if earlier := h.degree(i) > 0 && h.adj[h.off[i]] < int32(i); !earlier && order[i] != suffixMin[i] {
					t.Fatalf("bfsOrdered(%s) node %d (was %d) has no earlier neighbour and is not the least id left (%d)", name, i, order[i], suffixMin[i])
				}
				var got []int32
				for _, u := range h.adj[h.off[i]:h.off[i+1]] {
					got = append(got, order[u])
				}
				if !slices.IsSorted(h.adj[h.off[i]:h.off[i+1]]) {
					t.Errorf("bfsOrdered(%s) node %d neighbours are not ascending", name, i)
				}
				slices.Sort(got)
				want, _ := g.Neighbours(int(order[i]))
				if !slices.Equal(got, want) {
					t.Fatalf("bfsOrdered(%s) node %d (was %d) neighbours %v, want %v", name, i, order[i], got, want)
				}
			}
		})
	}
}

// TestBFSAllSourcesProgress checks that the all-sources search reports its
// batches to WithProgress, ending at the total, never going back, and
// that it stops with the context's error once cancelled.
func TestBFSAllSourcesProgress(t *testing.T) {
	g, err := NewGraph(3000, BarabasiAlbert(3000, 3, 2))
	if err != nil {
		t.Fatal(err)
	}
	var calls [][2]int64
	ctx := WithProgress(context.Background(), func(done, total int64) { calls = append(calls, [2]int64{done, total}) })
	if _, err := g.bfsAllSources(ctx, true, 1); err != nil {
		t.Fatal(err)
	}
	batches := int64((3000 + multiWidth - 1) / multiWidth)
	if len(calls) == 0 || calls[len(calls)-1] != [2]int64{batches, batches} {
		t.Fatalf("bfsAllSources progress = %v, want it to end at %d of %d", calls, batches, batches)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] <= calls[i-1][0] {
			t.Errorf("bfsAllSources progress went from %v to %v", calls[i-1], calls[i])
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	stop := WithProgress(ctx, func(done, _ int64) {
		if done >= 2 {
			cancel()
		}
	})
	if _, err := g.bfsAllSources(stop, false, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("bfsAllSources cancelled after two batches: error %v, want context.Canceled", err)
	}
}
