package analysis

// degreeCentrality returns deg(v)/(n-1) for every node (Freeman 1979), as
// NetworkX 3 degree_centrality(G). Like NetworkX, a graph of one node gives
// that node 1.
func degreeCentrality(g *Graph) []float64 {
	c := make([]float64, g.n)
	if g.n == 1 {
		c[0] = 1
		return c
	}
	for v := range g.n {
		c[v] = float64(g.degree(v)) / float64(g.n-1)
	}
	return c
}

// weightedDegree returns the strength Σ_{u~v} w_uv of every node (Barrat et
// al. 2004), as NetworkX 3 G.degree(weight="weight").
func weightedDegree(g *Graph) []float64 {
	c := make([]float64, g.n)
	for v := range g.n {
		var s float64
		for _, w := range g.w[g.off[v]:g.off[v+1]] {
			s += w
		}
		c[v] = s
	}
	return c
}

// coreNumber returns the core number of every node: the largest k such that
// the node belongs to a k-core, a maximal subgraph in which every node has
// degree >= k (Seidman 1983). It uses the O(m) bucket algorithm of Batagelj
// & Zaversnik 2003, "An O(m) algorithm for cores decomposition of
// networks", arXiv:cs/0310049, as NetworkX 3 core_number(G). Weights are
// ignored; an isolated node has core number 0.
func coreNumber(g *Graph) []float64 {
	n := g.n
	deg := make([]int, n)
	maxDeg := 0
	for v := range n {
		deg[v] = g.degree(v)
		maxDeg = max(maxDeg, deg[v])
	}
	// Bucket sort the nodes by degree: vert is the sorted order, pos[v] the
	// place of v in it and bin[d] the start of the nodes of degree d.
	bin := make([]int, maxDeg+1)
	for _, d := range deg {
		bin[d]++
	}
	start := 0
	for d := range bin {
		bin[d], start = start, start+bin[d]
	}
	pos := make([]int, n)
	vert := make([]int, n)
	for v := range n {
		pos[v] = bin[deg[v]]
		vert[pos[v]] = v
		bin[deg[v]]++
	}
	for d := maxDeg; d > 0; d-- {
		bin[d] = bin[d-1]
	}
	bin[0] = 0
	for i := range n {
		v := vert[i]
		for _, u32 := range g.adj[g.off[v]:g.off[v+1]] {
			u := int(u32)
			if deg[u] > deg[v] {
				du := deg[u]
				pu := pos[u]
				pw := bin[du]
				w := vert[pw]
				if u != w {
					pos[u], pos[w] = pw, pu
					vert[pu], vert[pw] = w, u
				}
				bin[du]++
				deg[u]--
			}
		}
	}
	c := make([]float64, n)
	for v, d := range deg {
		c[v] = float64(d)
	}
	return c
}
