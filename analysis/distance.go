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
func closeness(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	n := g.n
	c := make([]float64, n)
	dijkstra, unit := g.lengths(weighted)
	err := runLanes(ctx, n, func() *search { return newSearch(n) }, func(sc *search, _ int, s int32) {
		var total float64
		if dijkstra {
			g.dijkstra(sc, s)
			for _, v := range sc.order {
				total += sc.dist[v]
			}
		} else {
			g.bfs(sc, s, false)
			var hops int
			for _, v := range sc.order {
				hops += int(sc.hops[v])
			}
			total = float64(hops) * unit
		}
		r := float64(len(sc.order) - 1)
		if total > 0 && n > 1 {
			c[s] = r / total * (r / float64(n-1))
		}
		sc.reset()
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
// with 1/∞ = 0 for nodes u cannot reach. It is not normalised.
func harmonic(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	n := g.n
	h := make([]float64, n)
	dijkstra, unit := g.lengths(weighted)
	err := runLanes(ctx, n, func() *search { return newSearch(n) }, func(sc *search, _ int, s int32) {
		var sum float64
		if dijkstra {
			g.dijkstra(sc, s)
			for _, v := range sc.order[1:] {
				sum += 1 / sc.dist[v]
			}
		} else {
			g.bfs(sc, s, false)
			for _, v := range sc.order[1:] {
				sum += 1 / (float64(sc.hops[v]) * unit)
			}
		}
		h[s] = sum
		sc.reset()
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
