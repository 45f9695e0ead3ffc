package analysis

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"testing"
)

// biTestGraphs are small graphs with many tied shortest paths on which the
// bidirectional sampler is checked pair by pair against full searches.
func biTestGraphs(t *testing.T) map[string]*Graph {
	t.Helper()
	must := func(n int, edges []Edge) *Graph {
		g, err := NewGraph(n, edges)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	pairs := func(ps ...[2]int) []Edge {
		var edges []Edge
		for _, p := range ps {
			edges = append(edges, Edge{U: p[0], V: p[1], Weight: 1})
		}
		return edges
	}
	// A 5×6 grid: σ between opposite corners is C(9,4) = 126.
	var grid []Edge
	for r := range 5 {
		for c := range 6 {
			v := 6*r + c
			if c < 5 {
				grid = append(grid, Edge{U: v, V: v + 1, Weight: 1})
			}
			if r < 4 {
				grid = append(grid, Edge{U: v, V: v + 6, Weight: 1})
			}
		}
	}
	// Two components: a 6-cycle with a chord and a path of 4 (pairs
	// across them are not joined).
	split := pairs([2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4}, [2]int{4, 5}, [2]int{5, 0}, [2]int{1, 4},
		[2]int{6, 7}, [2]int{7, 8}, [2]int{8, 9})
	return map[string]*Graph{
		"proportional 7": must(7, pairs([2]int{0, 1}, [2]int{0, 2}, [2]int{1, 3}, [2]int{2, 3}, [2]int{0, 4}, [2]int{4, 5}, [2]int{3, 6}, [2]int{5, 6})),
		"grid 5x6":       must(30, grid),
		"two components": must(10, split),
		"ba 80":          must(80, BarabasiAlbert(80, 2, 3)),
	}
}

// TestShortestPathsBidirectional checks, for every ordered pair of distinct
// nodes of each test graph, that the bidirectional search finds the s–t
// distance and path count σ_st of a full breadth-first search from s, and
// that the distribution of the path samplePath draws is exactly uniform over
// the shortest paths: carrying the probability of each meeting edge back to
// both ends by the predecessor rule gives every node v the probability
// σ_sv·σ_vt/σ_st of lying on the drawn path (0 unless d(s,v) + d(v,t) =
// d(s,t)), the fraction of shortest paths through v, to 1e-12.
func TestShortestPathsBidirectional(t *testing.T) {
	for name, g := range biTestGraphs(t) {
		t.Run(name, func(t *testing.T) {
			n := g.n
			from := make([]*search, n) // full searches, one per node
			for v := range n {
				from[v] = newSearch(n)
				g.bfs(from[v], int32(v), true)
			}
			bs := newBiSearch(n)
			for s := range int32(n) {
				for tt := range int32(n) {
					if s == tt {
						continue
					}
					checkPair(t, g, bs, from, s, tt)
				}
			}
		})
	}
}

func checkPair(t *testing.T, g *Graph, bs *biSearch, from []*search, s, tt int32) {
	t.Helper()
	defer bs.reset()
	pair := fmt.Sprintf("(%d, %d)", s, tt)
	fs := from[s]
	dist, total, ok := g.shortestPaths(bs, s, tt)
	if want := fs.hops[tt] >= 0; ok != want {
		t.Fatalf("shortestPaths%s ok = %v, want %v", pair, ok, want)
	}
	if !ok {
		return
	}
	if dist != int(fs.hops[tt]) || total != fs.sigma[tt] {
		t.Fatalf("shortestPaths%s = d %d, σ %v, want %d, %v", pair, dist, total, fs.hops[tt], fs.sigma[tt])
	}
	// prob[v]: probability that v is on the drawn path.
	prob := make([]float64, g.n)
	mass := [2][]float64{make([]float64, g.n), make([]float64, g.n)}
	for _, e := range bs.meet {
		if bs.hops[0][e.a]+1+bs.hops[1][e.b] != int32(dist) {
			t.Fatalf("shortestPaths%s meets at (%d, %d), not on a shortest path", pair, e.a, e.b)
		}
		mass[0][e.a] += e.paths / total
		mass[1][e.b] += e.paths / total
	}
	for x := range 2 {
		hops, sigma, order := bs.hops[x], bs.sigma[x], bs.order[x]
		for i := len(order) - 1; i >= 0; i-- {
			u := order[i]
			if mass[x][u] == 0 || hops[u] == 0 {
				continue
			}
			prob[u] += mass[x][u]
			for _, p := range g.adj[g.off[u]:g.off[u+1]] {
				if hops[p] == hops[u]-1 {
					mass[x][p] += mass[x][u] * sigma[p] / sigma[u]
				}
			}
		}
	}
	ft := from[tt]
	for v := range int32(g.n) {
		var want float64
		if v != s && v != tt && fs.hops[v] >= 0 && fs.hops[v]+ft.hops[v] == fs.hops[tt] {
			want = fs.sigma[v] * ft.sigma[v] / fs.sigma[tt]
		}
		if math.Abs(prob[v]-want) > 1e-12 {
			t.Errorf("samplePath%s: P(%d on path) = %v, want σ_sv·σ_vt/σ_st = %v", pair, v, prob[v], want)
		}
	}
}

// TestWeightedChoice checks that pickMeet and bfsPredecessor map [0, 1)
// onto their choices in exact proportion to the weights: of K evenly
// spaced x = (k+½)/K, with K a multiple of the total weight W, exactly
// weight·K/W pick each choice. It covers every predecessor choice of every
// node of the bidirectional searches between node 0 and every other node of
// the 5×6 grid, and a few meeting-edge lists.
func TestWeightedChoice(t *testing.T) {
	const perUnit = 64
	g := biTestGraphs(t)["grid 5x6"]
	bs := newBiSearch(g.n)
	for tt := int32(1); tt < int32(g.n); tt++ {
		if _, _, ok := g.shortestPaths(bs, 0, tt); !ok {
			t.Fatalf("shortestPaths(0, %d) found no path", tt)
		}
		for x := range 2 {
			hops, sigma := bs.hops[x], bs.sigma[x]
			for _, u := range bs.order[x] {
				if hops[u] <= 0 {
					continue
				}
				k := int(sigma[u]) * perUnit
				got := map[int32]int{}
				for i := range k {
					got[g.bfsPredecessor(hops, sigma, u, (float64(i)+0.5)/float64(k))]++
				}
				for _, p := range g.adj[g.off[u]:g.off[u+1]] {
					want := 0
					if hops[p] == hops[u]-1 {
						want = int(sigma[p]) * perUnit
					}
					if got[p] != want {
						t.Errorf("bfsPredecessor(side %d, %d) picks %d %d times in %d, want %d", x, u, p, got[p], k, want)
					}
				}
			}
		}
		bs.reset()
	}
	for _, weights := range [][]float64{{1}, {3, 1}, {1, 2, 3, 4}, {126, 1, 5}} {
		var meet []meetEdge
		var total float64
		for i, w := range weights {
			meet = append(meet, meetEdge{a: int32(i), b: int32(i), paths: w})
			total += w
		}
		k := int(total) * perUnit
		got := make([]int, len(weights))
		for i := range k {
			got[pickMeet(meet, total, (float64(i)+0.5)/float64(k)).a]++
		}
		for i, w := range weights {
			if got[i] != int(w)*perUnit {
				t.Errorf("pickMeet(%v) picks %d %d times in %d, want %d", weights, i, got[i], k, int(w)*perUnit)
			}
		}
	}
}

// TestHarmonicFromSourcesUnbiased checks that the estimator of
// ApproxHarmonic, ĥ(v) = (n-1)/|S∖{v}| · Σ_{s∈S∖{v}} 1/d(s,v), is unbiased:
// averaged over every k-subset S of the nodes (each equally likely under
// sampling without replacement) it equals the exact harmonic centrality,
// to 1e-12, for k = 2, 3 and 5, unweighted (the bit-parallel search),
// weighted with mixed strengths (Dijkstra) and weighted with every strength
// 3 (breadth-first with lengths 1/3), on a graph of 8 nodes with an
// unreachable component. Scaling every node by (n-1)/k instead would bias
// the sampled nodes low.
func TestHarmonicFromSourcesUnbiased(t *testing.T) {
	edges := []Edge{{0, 1, 1}, {1, 2, 2}, {2, 3, 1}, {3, 0, 3}, {1, 3, 1}, {3, 4, 2}, {4, 5, 1}, {6, 7, 5}}
	mixed, err := NewGraph(8, edges)
	if err != nil {
		t.Fatal(err)
	}
	for i := range edges {
		edges[i].Weight = 3
	}
	uniform, err := NewGraph(8, edges)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		g        *Graph
		weighted bool
	}{{mixed, false}, {mixed, true}, {uniform, true}} {
		g, weighted := tc.g, tc.weighted
		exact, err := harmonic(context.Background(), g, weighted)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{2, 3, 5} {
			mean := make([]float64, g.n)
			subsets := 0
			for mask := range 1 << g.n {
				if bits.OnesCount(uint(mask)) != k {
					continue
				}
				var sources []int32
				for v := range g.n {
					if mask>>v&1 == 1 {
						sources = append(sources, int32(v))
					}
				}
				h, err := g.harmonicFromSources(context.Background(), sources, weighted)
				if err != nil {
					t.Fatal(err)
				}
				for v, x := range h {
					mean[v] += x
				}
				subsets++
			}
			for v := range mean {
				mean[v] /= float64(subsets)
				if math.Abs(mean[v]-exact[v]) > 1e-12 {
					t.Errorf("mean over %d-subsets of harmonicFromSources(weighted=%v, uniform=%v) node %d = %v, want %v", k, weighted, g.uniform, v, mean[v], exact[v])
				}
			}
		}
	}
}

// TestDrawSources checks that drawSources returns k distinct nodes, the
// same for a seed, and that every node is drawn about equally often.
func TestDrawSources(t *testing.T) {
	const n, k, runs = 10, 3, 20000
	count := make([]int, n)
	for seed := range int64(runs) {
		s := drawSources(n, k, seed)
		if !slices.Equal(s, drawSources(n, k, seed)) {
			t.Fatalf("drawSources(%d, %d, %d) differs between calls", n, k, seed)
		}
		seen := map[int32]bool{}
		for _, v := range s {
			if v < 0 || v >= n || seen[v] {
				t.Fatalf("drawSources(%d, %d, %d) = %v, want %d distinct nodes", n, k, seed, s, k)
			}
			seen[v] = true
			count[v]++
		}
	}
	// Each node is drawn with probability k/n = 0.3: mean 6000, sd 65.
	for v, c := range count {
		if math.Abs(float64(c)-runs*k/n) > 400 {
			t.Errorf("drawSources drew node %d %d times in %d runs, want about %d", v, c, runs, runs*k/n)
		}
	}
}

// TestMultiBFS checks that the bit-parallel search reports, for every node
// v and level d, exactly the sources at distance d from v found by one
// breadth-first search per source, once each, on the test graphs and a
// 300-node Barabási–Albert graph, with batches of 1, 5, 64, 100 and 256
// sources (all of a graph's nodes when it has fewer), pushing every level,
// pulling every level and choosing, and
// that it leaves its scratch clean for the next batch.
func TestMultiBFS(t *testing.T) {
	graphs := biTestGraphs(t)
	ba, err := NewGraph(300, BarabasiAlbert(300, 2, 9))
	if err != nil {
		t.Fatal(err)
	}
	graphs["ba 300"] = ba
	for name, g := range graphs {
		t.Run(name, func(t *testing.T) {
			ms := newMultiSearch(g.n)
			sc := newSearch(g.n)
			for _, size := range []int{1, 5, 64, 100, multiWidth} {
				sources := drawSources(g.n, min(size, g.n), int64(size))
				want := map[[2]int32]bitset{} // (v, d) → sources at distance d
				for i, s := range sources {
					g.bfs(sc, s, false)
					for _, v := range sc.order[1:] {
						b := want[[2]int32{v, sc.hops[v]}]
						b[i/64] |= 1 << (i % 64)
						want[[2]int32{v, sc.hops[v]}] = b
					}
					sc.reset()
				}
				got := map[[2]int32]bitset{}
				// Each direction twice: the scratch must be clean again.
				for _, direction := range []int{1, 1, -1, -1, 0, 0} {
					ms.direction = direction
					clear(got)
					g.multiBFS(ms, sources, func(d, v int32, found bitset) {
						key := [2]int32{v, d}
						if _, ok := got[key]; ok {
							t.Errorf("multiBFS(%d sources, direction %d) reports node %d at level %d twice", len(sources), direction, v, d)
						}
						got[key] = found
					})
					if !maps.Equal(got, want) {
						t.Fatalf("multiBFS(%d sources, direction %d) = %v, want %v", len(sources), direction, got, want)
					}
				}
			}
		})
	}
}
