package analysis

import "math/rand/v2"

// BarabasiAlbert returns the edges of a random scale-free graph on n nodes
// grown by preferential attachment (Barabási & Albert 1999, "Emergence of
// scaling in random networks", Science 286:509). It follows NetworkX 3
// barabasi_albert_graph(n, m, seed): the graph starts as a star on nodes
// 0..m, then each new node s = m+1..n-1 is joined to m distinct existing
// nodes, each drawn with probability proportional to its degree (uniformly
// from a list in which every node appears once per incident edge).
//
// The random source is math/rand/v2 PCG seeded with (seed, seed), so the same
// arguments always give the same edges, in the order they were added, every
// with weight 1. The result has m + (n-m-1)·m = (n-m)·m edges. It returns nil
// unless 1 <= m < n.
func BarabasiAlbert(n, m int, seed int64) []Edge {
	if m < 1 || m >= n {
		return nil
	}
	rnd := rand.New(rand.NewPCG(uint64(seed), uint64(seed)))
	edges := make([]Edge, 0, (n-m)*m)
	repeated := make([]int, 0, 2*(n-m)*m)
	for v := 1; v <= m; v++ {
		edges = append(edges, Edge{U: 0, V: v, Weight: 1})
		repeated = append(repeated, 0, v)
	}
	targets := make([]int, 0, m)
	chosen := make([]bool, n)
	for s := m + 1; s < n; s++ {
		targets = targets[:0]
		for len(targets) < m {
			t := repeated[rnd.IntN(len(repeated))]
			if !chosen[t] {
				chosen[t] = true
				targets = append(targets, t)
			}
		}
		for _, t := range targets {
			chosen[t] = false
			edges = append(edges, Edge{U: s, V: t, Weight: 1})
			repeated = append(repeated, t, s)
		}
	}
	return edges
}
