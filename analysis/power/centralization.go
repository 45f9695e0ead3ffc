package power

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/analysis"
)

// FreemanCentralization returns Freeman's graph centralization of the node
// scores (Freeman 1979, "Centrality in social networks: conceptual
// clarification", Social Networks 1:215):
//
//	C = Σ_i (max_j s_j − s_i) / theoreticalMax
//
// where theoreticalMax is the largest value the numerator can take on any
// graph with the same number of nodes (reached by a star), so C is 0 when
// every node scores the same and 1 for a star. It is igraph's
// igraph_centralization(scores, theoretical_max, normalized=true); the
// scores and theoreticalMax must be on the same scale (both raw, or both
// normalized).
//
// igraph returns NaN for no scores and divides by zero when theoreticalMax
// is 0 (graphs of one or two nodes); FreemanCentralization returns 0 in
// both cases, since such a graph has nothing to concentrate, and so that
// the result is always a finite number a client can be sent.
func FreemanCentralization(scores []float64, theoreticalMax float64) float64 {
	if len(scores) == 0 || !(theoreticalMax > 0) {
		return 0
	}
	maxScore := scores[0]
	for _, s := range scores[1:] {
		maxScore = max(maxScore, s)
	}
	var sum float64
	for _, s := range scores {
		sum += maxScore - s
	}
	return sum / theoreticalMax
}

// DegreeCentralizationMax returns the theoretical maximum of the degree
// centralization numerator on raw degrees for an undirected simple graph of
// n nodes: (n−1)(n−2), the value for a star. It is igraph's
// igraph_centralization_degree_tmax(NULL, n, IGRAPH_ALL, loops=false) for an
// undirected graph. It is 0 for n < 3.
func DegreeCentralizationMax(n int) float64 {
	if n < 3 {
		return 0
	}
	f := float64(n)
	return (f - 1) * (f - 2)
}

// BetweennessCentralizationMax returns the theoretical maximum of the
// betweenness centralization numerator on raw undirected betweenness
// (each unordered pair counted once) for a graph of n nodes:
// (n−1)²(n−2)/2, the value for a star. It is igraph's
// igraph_centralization_betweenness_tmax(NULL, n, directed=false). It is 0
// for n < 3.
func BetweennessCentralizationMax(n int) float64 {
	if n < 3 {
		return 0
	}
	f := float64(n)
	return (f - 1) * (f - 1) * (f - 2) / 2
}

// DegreeCentralization returns Freeman's degree centralization of g,
//
//	C_D = Σ_i (d_max − d_i) / ((n−1)(n−2))
//
// on raw degrees (Freeman 1979), which is 1 for a star, 0 for a regular
// graph such as a cycle, and 0 for graphs of fewer than three nodes. Edge
// weights are ignored. It matches the igraph C call
// igraph_centralization_degree(g, mode=IGRAPH_ALL, loops=false,
// normalized=true) (R: centr_degree(g, loops=FALSE)$centralization); the
// Debian python-igraph 0.10 does not expose it, so the reference script
// applies igraph's formula to g.degree().
func DegreeCentralization(g *analysis.Graph) float64 {
	n := g.Order()
	deg := make([]float64, n)
	for u := range n {
		nb, _ := g.Neighbours(u)
		deg[u] = float64(len(nb))
	}
	return FreemanCentralization(deg, DegreeCentralizationMax(n))
}

// BetweennessCentralization returns Freeman's betweenness centralization
// of g (Freeman 1977, 1979),
//
//	C_B = Σ_i (b_max − b_i) / ((n−1)²(n−2)/2)
//
// on raw undirected shortest-path betweenness b_i, which is 1 for a star
// and 0 for a vertex-transitive graph such as a cycle (and for graphs of
// fewer than three nodes). Paths are counted in hops; weights are ignored,
// as in igraph. It matches the C call
// igraph_centralization_betweenness(g, directed=false, normalized=true)
// (R: centr_betw(g, directed=FALSE)$centralization); the Debian
// python-igraph 0.10 does not expose it, so the reference script applies
// this formula to g.betweenness(directed=False).
//
// It is computed from analysis.Centrality(ctx, g, analysis.Betweenness,
// false), which is NetworkX's betweenness normalized by (n−1)(n−2)/2, so
// the denominator becomes n−1. The cost is that of Brandes' algorithm,
// O(n·m); a cancelled ctx returns ctx.Err().
func BetweennessCentralization(ctx context.Context, g *analysis.Graph) (float64, error) {
	n := g.Order()
	if n < 3 {
		return 0, ctx.Err()
	}
	b, err := analysis.Centrality(ctx, g, analysis.Betweenness, false)
	if err != nil {
		return 0, fmt.Errorf("power: betweenness centralization: %w", err)
	}
	return FreemanCentralization(b, float64(n-1)), nil
}
