package analysis_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/voicemap/voicemap/analysis"
)

// benchGraph returns the Barabási–Albert graph (m = 3, seed 1) on n nodes
// with tie strengths drawn uniformly from 1..5 (seed 1), so that the
// weighted path measures run Dijkstra's algorithm rather than the
// breadth-first shortcut taken when all strengths are equal.
func benchGraph(b *testing.B, n int) *analysis.Graph {
	b.Helper()
	edges := analysis.BarabasiAlbert(n, 3, 1)
	rnd := rand.New(rand.NewPCG(1, 1))
	for i := range edges {
		edges[i].Weight = float64(1 + rnd.IntN(5))
	}
	return mustGraph(b, n, edges)
}

// BenchmarkCentrality times every measure on Barabási–Albert graphs
// (m = 3, seed 1) of 2,000 and 10,000 nodes. BenchmarkCentrality/
// BETWEENNESS/unweighted/n=10000 is the graph scripts/bench/betweenness.sh
// times against igraph and graph-tool; see BENCHMARKS.md.
func BenchmarkCentrality(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		g := benchGraph(b, n)
		for _, m := range analysis.Measures {
			for _, weighted := range []bool{false, true} {
				if !weighted && m == analysis.WeightedDegree || weighted && (m == analysis.Degree || m == analysis.Coreness) {
					continue // the flag is ignored by these measures
				}
				b.Run(fmt.Sprintf("%s/%s/n=%d", m, weightedName(weighted), n), func(b *testing.B) {
					for b.Loop() {
						if _, err := analysis.Centrality(context.Background(), g, m, weighted); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// BenchmarkGraph times building the CSR graph, Louvain and the summary.
func BenchmarkGraph(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		edges := analysis.BarabasiAlbert(n, 3, 1)
		g := benchGraph(b, n)
		b.Run(fmt.Sprintf("NewGraph/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := analysis.NewGraph(n, edges); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Communities/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := analysis.Communities(context.Background(), g, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Summarize/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := analysis.Summarize(context.Background(), g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGonumBetweenness times gonum's network.Betweenness, the reference
// the fast kernel is tested against, on the 2,000-node graph.
func BenchmarkGonumBetweenness(b *testing.B) {
	const n = 2000
	g := simple.NewUndirectedGraph()
	for i := range n {
		g.AddNode(simple.Node(i))
	}
	for _, e := range analysis.BarabasiAlbert(n, 3, 1) {
		g.SetEdge(simple.Edge{F: simple.Node(e.U), T: simple.Node(e.V)})
	}
	for b.Loop() {
		network.Betweenness(g)
	}
}
