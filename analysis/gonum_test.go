package analysis_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/mat"

	"github.com/voicemap/voicemap/analysis"
)

// randomGraph returns a G(n, p) random graph (Erdős & Rényi 1959) whose
// tie strengths are 1, 2 or 4, so that path lengths 1/w are exact binary
// fractions and equally short paths tie exactly in every implementation.
func randomGraph(n int, p float64, seed uint64) []analysis.Edge {
	rnd := rand.New(rand.NewPCG(seed, seed))
	var edges []analysis.Edge
	for u := range n {
		for v := u + 1; v < n; v++ {
			if rnd.Float64() < p {
				edges = append(edges, analysis.Edge{U: u, V: v, Weight: float64(int(1) << rnd.IntN(3))})
			}
		}
	}
	return edges
}

// gonumGraphs returns the same graph as gonum's simple graphs: undirected
// with unit lengths, undirected with lengths 1/w, and directed both ways
// with weights w (for PageRank).
func gonumGraphs(n int, edges []analysis.Edge) (*simple.WeightedUndirectedGraph, *simple.WeightedUndirectedGraph, *simple.WeightedDirectedGraph, *simple.DirectedGraph) {
	hops := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	lengths := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	strengths := simple.NewWeightedDirectedGraph(0, 0)
	plain := simple.NewDirectedGraph()
	for i := range n {
		for _, g := range []graph.NodeAdder{hops, lengths, strengths, plain} {
			g.AddNode(simple.Node(i))
		}
	}
	for _, e := range edges {
		u, v := simple.Node(e.U), simple.Node(e.V)
		hops.SetWeightedEdge(simple.WeightedEdge{F: u, T: v, W: 1})
		lengths.SetWeightedEdge(simple.WeightedEdge{F: u, T: v, W: 1 / e.Weight})
		strengths.SetWeightedEdge(simple.WeightedEdge{F: u, T: v, W: e.Weight})
		strengths.SetWeightedEdge(simple.WeightedEdge{F: v, T: u, W: e.Weight})
		plain.SetEdge(simple.Edge{F: u, T: v})
		plain.SetEdge(simple.Edge{F: v, T: u})
	}
	return hops, lengths, strengths, plain
}

// TestCentralityAgainstGonum compares the fast kernels with gonum's
// reference implementations on random graphs, some disconnected, after
// converting conventions:
//
//	BETWEENNESS  network.Betweenness / BetweennessWeighted (sum over ordered pairs) · 1/((n-1)(n-2))
//	CLOSENESS    network.Closeness = 1/Σd over reachable nodes, times (r-1)²/(n-1)
//	HARMONIC     network.Harmonic, unchanged
//	PAGERANK     network.PageRank on the graph with both arcs, unchanged
//	EIGENVECTOR  leading eigenvector of A from mat.EigenSym (connected graphs)
func TestCentralityAgainstGonum(t *testing.T) {
	const tol = 1e-9
	tests := []struct {
		name string
		n    int
		p    float64
		seed uint64
	}{
		{"sparse disconnected", 60, 0.03, 1},
		{"sparse", 60, 0.08, 2},
		{"dense", 40, 0.3, 3},
		{"ba", 80, 0, 4},
	}
	for _, tc := range tests {
		edges := randomGraph(tc.n, tc.p, tc.seed)
		if tc.p == 0 {
			edges = analysis.BarabasiAlbert(tc.n, 2, int64(tc.seed))
		}
		g := mustGraph(t, tc.n, edges)
		hops, lengths, strengths, plain := gonumGraphs(tc.n, edges)
		for _, weighted := range []bool{false, true} {
			pathGraph := hops
			if weighted {
				pathGraph = lengths
			}
			paths := path.DijkstraAllPaths(pathGraph)
			reach := make([]float64, tc.n)
			for u := range tc.n {
				for v := range tc.n {
					if !math.IsInf(paths.Weight(int64(u), int64(v)), 1) {
						reach[u]++
					}
				}
			}
			n := float64(tc.n)
			var between map[int64]float64
			if weighted {
				between = network.BetweennessWeighted(pathGraph, paths)
			} else {
				between = network.Betweenness(hops)
			}
			closeness := network.Closeness(pathGraph, paths)
			harmonic := network.Harmonic(pathGraph, paths)
			var pagerank map[int64]float64
			if weighted {
				pagerank = network.PageRank(strengths, 0.85, 1e-13)
			} else {
				pagerank = network.PageRank(plain, 0.85, 1e-13)
			}
			want := map[analysis.Measure]func(v int) float64{
				analysis.Betweenness: func(v int) float64 { return between[int64(v)] / ((n - 1) * (n - 2)) },
				analysis.Closeness: func(v int) float64 {
					if reach[v] < 2 {
						return 0
					}
					return closeness[int64(v)] * (reach[v] - 1) * (reach[v] - 1) / (n - 1)
				},
				analysis.Harmonic: func(v int) float64 { return harmonic[int64(v)] },
				analysis.PageRank: func(v int) float64 { return pagerank[int64(v)] },
			}
			for m, wantOf := range want {
				name := fmt.Sprintf("%s/%s/%s", tc.name, m, weightedName(weighted))
				t.Run(name, func(t *testing.T) {
					got, err := analysis.Centrality(context.Background(), g, m, weighted)
					if err != nil {
						t.Fatalf("Centrality(%s, %s, %s): %v", tc.name, m, weightedName(weighted), err)
					}
					for v := range tc.n {
						if w := wantOf(v); !near(got[v], w, tol) {
							t.Errorf("Centrality(%s, %s, %s) node %d = %v, want %v (gonum)", tc.name, m, weightedName(weighted), v, got[v], w)
						}
					}
				})
			}
		}
	}
}

// TestEigenvectorAgainstGonum compares EIGENVECTOR with the leading
// eigenvector of the (weighted) adjacency matrix from gonum's mat.EigenSym,
// made non-negative and of unit norm, on connected graphs.
func TestEigenvectorAgainstGonum(t *testing.T) {
	const tol = 1e-8
	tests := []struct {
		name     string
		n        int
		edges    []analysis.Edge
		weighted bool
	}{
		{"ba unweighted", 50, analysis.BarabasiAlbert(50, 3, 11), false},
		{"dense unweighted", 30, randomGraph(30, 0.4, 5), false},
		{"dense weighted", 30, randomGraph(30, 0.4, 6), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := mustGraph(t, tc.n, tc.edges)
			a := mat.NewSymDense(tc.n, nil)
			for _, e := range tc.edges {
				w := 1.0
				if tc.weighted {
					w = e.Weight
				}
				a.SetSym(e.U, e.V, a.At(e.U, e.V)+w)
			}
			var eig mat.EigenSym
			if !eig.Factorize(a, true) {
				t.Fatal("EigenSym.Factorize failed")
			}
			var vecs mat.Dense
			eig.VectorsTo(&vecs)
			values := eig.Values(nil)
			lead := 0
			for i := range values {
				if values[i] > values[lead] {
					lead = i
				}
			}
			sign := 1.0
			if vecs.At(0, lead) < 0 {
				sign = -1
			}
			got, err := analysis.Centrality(context.Background(), g, analysis.Eigenvector, tc.weighted)
			if err != nil {
				t.Fatalf("Centrality(%s, EIGENVECTOR): %v", tc.name, err)
			}
			for v := range tc.n {
				if want := sign * vecs.At(v, lead); !near(got[v], want, tol) {
					t.Errorf("Centrality(%s, EIGENVECTOR, %s) node %d = %v, want %v (gonum EigenSym)", tc.name, weightedName(tc.weighted), v, got[v], want)
				}
			}
		})
	}
}

// TestCorenessAndClusteringNaive compares CORENESS with repeated peeling
// (remove every node of degree < k until none is left, for k = 1, 2, ...)
// and the average clustering with a direct count over all node triples.
func TestCorenessAndClusteringNaive(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []analysis.Edge
	}{
		{"sparse", 60, randomGraph(60, 0.05, 7)},
		{"dense", 40, randomGraph(40, 0.3, 8)},
		{"ba", 100, analysis.BarabasiAlbert(100, 4, 9)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			adj := make([][]bool, tc.n)
			for i := range adj {
				adj[i] = make([]bool, tc.n)
			}
			for _, e := range tc.edges {
				adj[e.U][e.V], adj[e.V][e.U] = true, true
			}
			core := make([]float64, tc.n)
			alive := make([]bool, tc.n)
			for i := range alive {
				alive[i] = true
			}
			for k := 1; ; k++ {
				for changed := true; changed; {
					changed = false
					for v := range tc.n {
						if !alive[v] {
							continue
						}
						d := 0
						for u := range tc.n {
							if alive[u] && adj[v][u] {
								d++
							}
						}
						if d < k {
							alive[v], changed = false, true
							core[v] = float64(k - 1)
						}
					}
				}
				any := false
				for _, a := range alive {
					any = any || a
				}
				if !any {
					break
				}
			}
			g := mustGraph(t, tc.n, tc.edges)
			got, err := analysis.Centrality(context.Background(), g, analysis.Coreness, false)
			if err != nil {
				t.Fatalf("Centrality(%s, CORENESS): %v", tc.name, err)
			}
			for v := range tc.n {
				if got[v] != core[v] {
					t.Errorf("Centrality(%s, CORENESS) node %d = %v, want %v", tc.name, v, got[v], core[v])
				}
			}

			var sum float64
			for v := range tc.n {
				var k, links float64
				for u := range tc.n {
					if !adj[v][u] {
						continue
					}
					k++
					for w := u + 1; w < tc.n; w++ {
						if adj[v][w] && adj[u][w] {
							links++
						}
					}
				}
				if k >= 2 {
					sum += links / (k * (k - 1) / 2)
				}
			}
			s, err := analysis.Summarize(context.Background(), g)
			if err != nil {
				t.Fatalf("Summarize(%s): %v", tc.name, err)
			}
			if want := sum / float64(tc.n); !near(s.AverageClustering, want, 1e-12) {
				t.Errorf("Summarize(%s).AverageClustering = %v, want %v", tc.name, s.AverageClustering, want)
			}
		})
	}
}
