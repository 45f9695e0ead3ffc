package analysis

// biSearch is the per-goroutine scratch of the balanced bidirectional
// breadth-first search of shortestPaths. Side 0 searches from the source s,
// side 1 from the target t. Between two searches hops is -1 and sigma 0
// everywhere; shortestPaths restores that state for the nodes it reached.
type biSearch struct {
	hops  [2][]int32   // distance in edges from s (side 0) or t (side 1), -1 when not reached
	sigma [2][]float64 // number of shortest paths from s or t
	order [2][]int32   // nodes reached by each side in breadth-first order
	meet  []meetEdge   // edges that join the two balls at the last level
}

// meetEdge is an edge (a, b) that joins the two searches of biSearch: a at
// distance ls from s and b at distance lt from t, where ls + 1 + lt is the
// s–t distance. It lies on σ_sa·σ_bt shortest s–t paths, its paths.
type meetEdge struct {
	a, b  int32
	paths float64
}

func newBiSearch(n int) *biSearch {
	bs := &biSearch{}
	for x := range 2 {
		bs.hops[x] = make([]int32, n)
		bs.sigma[x] = make([]float64, n)
		bs.order[x] = make([]int32, 0, n)
		for i := range n {
			bs.hops[x][i] = -1
		}
	}
	return bs
}

// shortestPaths finds every shortest path between s and t (s ≠ t) by a
// balanced bidirectional breadth-first search (Borassi & Natale,
// "KADABRA is an adaptive algorithm for betweenness via random
// approximation", ESA 2016; ACM J. Exp. Algorithmics 24, 2019): each step
// grows by one whole level the side whose frontier has the smaller sum of
// degrees, counting shortest paths σ from its own end, and the search stops
// at the first level that reaches a node of the other side.
//
// If the s side grows from level ls and meets the t side, whose deepest
// level is lt, then d(s,t) = ls + 1 + lt: the balls of radius ls around s
// and lt around t were disjoint, so d(s,t) > ls + lt, and the node met is
// within lt of t. Every shortest path crosses exactly one edge (a, b) with
// a at ls from s and b at lt from t, and there are σ_sa·σ_bt of them
// through that edge, so σ_st = Σ σ_sa·σ_bt over bs.meet (likewise with the
// roles swapped when the t side grows). The σ of a frontier are complete
// because each level is grown whole.
//
// It returns d(s,t), the sum σ_st of bs.meet's paths, and ok = false if t
// cannot be reached from s. Call reset before the next search.
func (g *Graph) shortestPaths(bs *biSearch, s, t int32) (dist int, total float64, ok bool) {
	adj, off := g.adj, g.off
	ends := [2]int32{s, t}
	var lo, deg [2]int
	for x, e := range ends {
		bs.hops[x][e] = 0
		bs.sigma[x][e] = 1
		bs.order[x] = append(bs.order[x][:0], e)
		deg[x] = off[e+1] - off[e]
	}
	bs.meet = bs.meet[:0]
	for {
		x := 0
		if deg[1] < deg[0] {
			x = 1
		}
		y := 1 - x
		own, ownSigma, other, otherSigma := bs.hops[x], bs.sigma[x], bs.hops[y], bs.sigma[y]
		order := bs.order[x]
		hi := len(order)
		if lo[x] == hi {
			return 0, 0, false // this side's component is exhausted
		}
		next := own[order[lo[x]]] + 1
		newDeg := 0
		for _, v := range order[lo[x]:hi] {
			sv := ownSigma[v]
			for _, w := range adj[off[v]:off[v+1]] {
				switch h := own[w]; {
				case other[w] >= 0:
					// The balls are disjoint until now, so w
					// is on the other side's frontier.
					p := sv * otherSigma[w]
					total += p
					if x == 0 {
						bs.meet = append(bs.meet, meetEdge{v, w, p})
					} else {
						bs.meet = append(bs.meet, meetEdge{w, v, p})
					}
				case h < 0:
					own[w] = next
					ownSigma[w] = sv
					order = append(order, w)
					newDeg += off[w+1] - off[w]
				case h == next:
					ownSigma[w] += sv
				}
			}
		}
		bs.order[x] = order
		if len(bs.meet) > 0 {
			e := bs.meet[0]
			return int(bs.hops[0][e.a]) + 1 + int(bs.hops[1][e.b]), total, true
		}
		lo[x] = hi
		deg[x] = newDeg
	}
}

// reset restores the between-searches state for the nodes both sides
// reached.
func (bs *biSearch) reset() {
	for x := range 2 {
		for _, v := range bs.order[x] {
			bs.hops[x][v] = -1
			bs.sigma[x][v] = 0
		}
		bs.order[x] = bs.order[x][:0]
	}
}
