package analysis

import "context"

// betweenness returns the normalised betweenness centrality of every node
// (Brandes 2001, "A faster algorithm for betweenness centrality", J. Math.
// Sociol. 25:163; Freeman 1977):
//
//	C_B(v) = 2/((n-1)(n-2)) · Σ_{s<t, s≠v≠t} σ_st(v)/σ_st
//
// as NetworkX 3 betweenness_centrality(G, normalized=True, weight=None), or
// with weight="distance" where distance = 1/weight when weighted is set.
// Brandes' accumulation over every source counts each pair twice, so the sum
// it yields is scaled by 1/((n-1)(n-2)), exactly as NetworkX's _rescale does.
// For n <= 2 no scaling is applied and every score is 0.
//
// Sources are split into lanes (see runLanes); each lane accumulates into
// its own slice and the slices are summed in lane order.
func betweenness(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	n := g.n
	lanes := laneCount(n)
	partial := make([][]float64, lanes)
	for l := range partial {
		partial[l] = make([]float64, n)
	}
	visit := g.brandesUnweighted
	if weighted && !g.uniform {
		// With one strength everywhere every k-hop path has the same
		// length (the same k lengths summed in the same order), so
		// the unweighted search finds exactly the same paths and ties.
		visit = g.brandesWeighted
	}
	err := runLanes(ctx, n, func() *search { return newSearch(n) }, func(sc *search, lane int, s int32) {
		visit(sc, s, partial[lane])
	})
	if err != nil {
		return nil, err
	}
	bc := make([]float64, n)
	for _, p := range partial {
		for v, x := range p {
			bc[v] += x
		}
	}
	if n > 2 {
		scale := 1 / (float64(n-1) * float64(n-2))
		for v := range bc {
			bc[v] *= scale
		}
	}
	return bc, nil
}

// brandesUnweighted adds to bc the dependencies δ_s(v) of source s on every
// other node, found by breadth-first search, with Brandes' recurrence
//
//	δ_s(v) = σ_sv · Σ_{w: v∈P_s(w)} (1 + δ_s(w))/σ_sw.
//
// Predecessor lists are not stored. Instead the BFS levels are taken from
// the deepest up, and for each node v of level L the sum runs over ALL its
// neighbours of c(w) = (1 + δ_s(w))/σ_sw, which is still 0 for every
// neighbour of level L-1 or L (they have not been processed yet, or are
// processed only after the whole level is summed) and set for level L+1.
// The inner loop is then a branch-free gather over the CSR row.
func (g *Graph) brandesUnweighted(sc *search, s int32, bc []float64) {
	g.bfs(sc, s, true)
	hops, sigma, coef, sums, adj, off := sc.hops, sc.sigma, sc.delta, sc.sums, g.adj, g.off
	order := sc.order
	for i := len(order) - 1; i > 0; {
		level := hops[order[i]]
		j := i
		for j > 0 && hops[order[j]] == level {
			j--
		}
		for k := i; k > j; k-- {
			v := order[k]
			row := adj[off[v]:off[v+1]]
			var a, b float64
			for len(row) >= 2 {
				a += coef[row[0]]
				b += coef[row[1]]
				row = row[2:]
			}
			if len(row) == 1 {
				a += coef[row[0]]
			}
			sums[k] = a + b
		}
		for k := i; k > j; k-- {
			v := order[k]
			d := sigma[v] * sums[k]
			bc[v] += d
			coef[v] = (1 + d) / sigma[v]
		}
		i = j
	}
	sc.reset()
}

// brandesWeighted is brandesUnweighted with Dijkstra's algorithm, edge
// length 1/weight. The predecessors of w are the neighbours v with
// dist(v) + 1/w(v,w) == dist(w), the same exact test NetworkX applies.
func (g *Graph) brandesWeighted(sc *search, s int32, bc []float64) {
	g.dijkstra(sc, s)
	dist, sigma, delta, adj, inv, off := sc.dist, sc.sigma, sc.delta, g.adj, g.inv, g.off
	order := sc.order
	for i := len(order) - 1; i > 0; i-- {
		w := order[i]
		dw := dist[w]
		coef := (1 + delta[w]) / sigma[w]
		for j := off[w]; j < off[w+1]; j++ {
			v := adj[j]
			if dist[v]+inv[j] == dw {
				delta[v] += sigma[v] * coef
			}
		}
		bc[w] += delta[w]
	}
	sc.reset()
}
