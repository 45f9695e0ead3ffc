package analysis

import "context"

// closeness returns the closeness centrality of every node (Freeman 1979,
// "Centrality in social networks: conceptual clarification", Social Networks
// 1:215) with the Wasserman & Faust (1994) correction for disconnected
// graphs, as NetworkX 3 closeness_centrality(G, distance=None or "distance",
// wf_improved=True):
//
//	C(u) = (r-1)/(n-1) · (r-1)/Σ_{v reachable from u} d(u,v)
//
// where r counts the nodes reachable from u (u included). A node that reaches
// nobody, and every node of a graph with n < 2, scores 0.
//
// Measured in edges (unweighted, or one strength everywhere) the sums come
// from the bit-parallel all-sources search bfsAllSources, exact integers;
// weighted with mixed strengths, from one Dijkstra search per node
// (dijkstraDistances) on the lanes of runLanes. Either way the result is
// the same bit for bit whatever GOMAXPROCS is.
func closeness(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	n := g.n
	c := make([]float64, n)
	score := func(s int, r, total float64) {
		if total > 0 && n > 1 {
			c[s] = r / total * (r / float64(n-1))
		}
	}
	dijkstra, unit := g.lengths(weighted)
	if !dijkstra {
		sums, err := g.bfsAllSources(ctx, false, unit)
		if err != nil {
			return nil, err
		}
		for v := range n {
			score(v, float64(sums.reach[v]), float64(sums.hops[v])*unit)
		}
		return c, nil
	}
	err := runLanes(ctx, n, func() *radixSearch { return newRadixSearch(n) }, func(rs *radixSearch, _ int, s int32) {
		g.dijkstraDistances(rs, s)
		var total float64
		for _, v := range rs.order {
			total += rs.dist[v]
		}
		score(int(s), float64(len(rs.order)-1), total)
		rs.reset()
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// harmonic returns the harmonic centrality of every node (Boldi & Vigna
// 2014, "Axioms for centrality", Internet Math. 10:222; Marchiori & Latora
// 2000), as NetworkX 3 harmonic_centrality(G, distance=None or "distance"):
//
//	H(u) = Σ_{v≠u} 1/d(u,v)
//
// with 1/∞ = 0 for nodes u cannot reach. It is not normalised. The sums come
// from bfsAllSources or one Dijkstra search per node, as for closeness.
func harmonic(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	n := g.n
	dijkstra, unit := g.lengths(weighted)
	if !dijkstra {
		sums, err := g.bfsAllSources(ctx, true, unit)
		if err != nil {
			return nil, err
		}
		return sums.inverse, nil
	}
	h := make([]float64, n)
	err := runLanes(ctx, n, func() *radixSearch { return newRadixSearch(n) }, func(rs *radixSearch, _ int, s int32) {
		var sum float64
		g.dijkstraDistances(rs, s)
		for _, v := range rs.order[1:] {
			sum += 1 / rs.dist[v]
		}
		h[s] = sum
		rs.reset()
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// lengths tells the path kernels how to measure a path: by Dijkstra's
// algorithm over lengths 1/weight, or by breadth-first search with each edge
// of length unit (1 unweighted; 1/w when every tie has strength w).
func (g *Graph) lengths(weighted bool) (dijkstra bool, unit float64) {
	switch {
	case !weighted:
		return false, 1
	case g.uniform:
		return false, g.inv[0]
	default:
		return true, 0
	}
}
