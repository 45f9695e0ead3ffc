package analysis

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
)

// distanceSums is what bfsAllSources gathers for every node v of a graph:
// reach[v], the number of other nodes v reaches; hops[v], the sum of the
// distances in edges to them; and, when asked for, inverse[v], the sum of
// 1/(d·unit) over them (d the distance in edges) in the form of
// inverseSum.
type distanceSums struct {
	reach   []int64
	hops    []int64
	inverse []float64
}

// allPairsScratch is the per-goroutine scratch of bfsAllSources: the
// multi-source search and this goroutine's integer sums (integer sums are
// exact, so the goroutines' sums may be added in any order).
type allPairsScratch struct {
	ms          *multiSearch
	reach, hops []int64
	sources     []int32
}

// maxHistogram bounds the per-distance counts bfsAllSources keeps for the
// sums of inverse distances: n·(D+1) counts of 4 bytes, D a bound on the
// distances (64 MiB at most). A graph whose distances run longer (a long
// path, a large grid) sums them with one breadth-first search per node.
const maxHistogram = 1 << 24

// bfsAllSources runs a breadth-first search from every node of g and
// returns the distance sums of every node. The searches run 256 at a time,
// one bit of a machine-word bitset per search, in the bit-parallel
// multi-source breadth-first search multiBFS (Then, Kaufmann, Chirigati,
// Hoang-Vu, Pham, Kemper, Neumann & Vo 2014, "The more the merrier:
// efficient multi-source graph traversal", PVLDB 8:449), which scans each
// edge at most once per level for all 256 searches rather than once per
// search. Because g is undirected, d(s, v) = d(v, s): a node v found at
// level d by c searches of a batch adds c to reach[v] and c·d to hops[v],
// and after every batch these are v's own sums over all the nodes it
// reaches, without one sum per source ever being formed. For the sums of
// inverse distances it counts, per node, the nodes at each distance
// (c_d(v), exact integers) and forms inverseSum from the counts at the
// end, so the value depends only on the counts, never on the order of the
// batches: the same bits as one breadth-first search from v summing the
// same way (harmonicBFS, and package recommend's incremental search).
//
// The searches run on a copy of g renumbered in breadth-first order
// (bfsOrdered), so that neighbours' bitsets tend to sit near each other in
// memory and each batch holds sources near each other, whose searches
// share more of their frontiers: about 25% faster than the ids as given on
// BarabasiAlbert(100000, 10) (A/B in one process, one core). The integer
// sums are kept per goroutine and the counts in one array with atomic
// adds, so the result is the same bit for bit whatever GOMAXPROCS is. It
// costs O(n + m) per level per batch of 256 sources (O(n·m/256) for a
// small-world graph), per goroutine three bitsets of 32 bytes and two
// integer sums per node, and for the inverse sums n·(D+1) counts, D at
// most twice the eccentricity of a node of each component (above
// maxHistogram, harmonicBFS instead). runLanes checks ctx before every
// batch and reports each batch to the progress function of ctx; it
// returns ctx.Err() once ctx is cancelled.
func (g *Graph) bfsAllSources(ctx context.Context, inverse bool, unit float64) (distanceSums, error) {
	n := g.n
	h, order := g.bfsOrdered()
	var hist []atomic.Int32
	width := 0 // counts per node: distances 0..width-1
	if inverse {
		width = h.distanceBound() + 1
		if int64(n)*int64(width) > maxHistogram {
			return g.harmonicBFS(ctx, unit)
		}
		hist = make([]atomic.Int32, n*width)
	}
	batches := (n + multiWidth - 1) / multiWidth
	var mu sync.Mutex
	var scratches []*allPairsScratch
	newScratch := func() *allPairsScratch {
		sc := &allPairsScratch{ms: newMultiSearch(n), reach: make([]int64, n), hops: make([]int64, n), sources: make([]int32, 0, multiWidth)}
		mu.Lock()
		scratches = append(scratches, sc)
		mu.Unlock()
		return sc
	}
	err := runLanes(ctx, batches, newScratch, func(sc *allPairsScratch, _ int, j int32) {
		lo, hi := multiWidth*int(j), min(multiWidth*int(j)+multiWidth, n)
		src := sc.sources[:0]
		for s := lo; s < hi; s++ {
			src = append(src, int32(s))
		}
		reach, hops := sc.reach, sc.hops
		h.multiBFS(sc.ms, src, func(d, v int32, found bitset) {
			c := found.count()
			reach[v] += int64(c)
			hops[v] += int64(c) * int64(d)
			if hist != nil {
				hist[int(v)*width+int(d)].Add(int32(c))
			}
		})
	})
	if err != nil {
		return distanceSums{}, err
	}
	// Back to g's node ids: node i of h is order[i] of g.
	out := distanceSums{reach: make([]int64, n), hops: make([]int64, n)}
	for _, sc := range scratches {
		for i, v := range order {
			out.reach[v] += sc.reach[i]
			out.hops[v] += sc.hops[i]
		}
	}
	if inverse {
		out.inverse = make([]float64, n)
		counts := make([]int64, width)
		for i, v := range order {
			for d := range counts {
				counts[d] = int64(hist[i*width+d].Load())
			}
			out.inverse[v] = inverseSum(counts, unit)
		}
	}
	return out, nil
}

// inverseSum returns Σ_{d>=1} counts[d]/(d·unit), counts[d] being the
// number of nodes at distance d (in edges), each term
// float64(counts[d])/(float64(d)·unit) and the terms added in increasing
// d: the sum of inverse distances in a form that depends only on the
// counts, not on the order in which the nodes were found.
func inverseSum(counts []int64, unit float64) float64 {
	var sum float64
	for d := 1; d < len(counts); d++ {
		if c := counts[d]; c > 0 {
			sum += float64(c) / (float64(d) * unit)
		}
	}
	return sum
}

// InverseDistanceSum returns Σ_{d>=1} counts[d]/d added in increasing d,
// counts[d] being the number of nodes at distance d from a node: that
// node's harmonic centrality measured in edges, bit for bit as Centrality
// computes it (HARMONIC, unweighted). It serves computations that must
// agree with Centrality exactly, such as package recommend's incremental
// search.
func InverseDistanceSum(counts []int64) float64 { return inverseSum(counts, 1) }

// harmonicBFS returns the distance sums of every node from one
// breadth-first search per node, the inverse sums formed by inverseSum as
// in bfsAllSources: for graphs whose distances are too long for
// bfsAllSources's counts. It costs O(n·m).
func (g *Graph) harmonicBFS(ctx context.Context, unit float64) (distanceSums, error) {
	n := g.n
	out := distanceSums{reach: make([]int64, n), hops: make([]int64, n), inverse: make([]float64, n)}
	type scratch struct {
		sc     *search
		counts []int64
	}
	err := runLanes(ctx, n, func() *scratch { return &scratch{sc: newSearch(n)} }, func(w *scratch, _ int, s int32) {
		w.sc.reset()
		g.bfs(w.sc, s, false)
		counts := w.counts[:0]
		var hops int64
		for _, v := range w.sc.order {
			d := int(w.sc.hops[v])
			for len(counts) <= d {
				counts = append(counts, 0)
			}
			counts[d]++
			hops += int64(d)
		}
		w.counts = counts
		out.reach[s] = int64(len(w.sc.order) - 1)
		out.hops[s] = hops
		out.inverse[s] = inverseSum(counts, unit)
	})
	if err != nil {
		return distanceSums{}, err
	}
	return out, nil
}

// distanceBound returns an upper bound on the distance, in edges, between
// any two nodes of g that are joined: twice the eccentricity of the first
// node of each component, the largest over the components (every path
// x–y of a component is no longer than d(x,r) + d(r,y)). It costs one
// breadth-first search over the whole graph.
func (g *Graph) distanceBound() int {
	sc := newSearch(g.n)
	bound := 0
	for r := range int32(g.n) {
		if sc.hops[r] >= 0 {
			continue // already searched, as part of an earlier component
		}
		g.bfs(sc, r, false)
		last := sc.order[len(sc.order)-1]
		bound = max(bound, 2*int(sc.hops[last]))
		sc.order = sc.order[:0] // keep hops: they mark the component as searched
	}
	return bound
}

// bfsOrdered returns a copy of g's adjacency with the nodes renumbered in
// breadth-first order, and order, where node i of the copy is node order[i]
// of g. The components are taken in turn, each from its node of least id
// (a hub, in a Barabási–Albert graph), and within a search the
// neighbours in ascending order, so the numbering depends only on g. Each
// neighbour list of the copy is in ascending order. The copy holds only
// the structure (n, m, off, adj): it serves the breadth-first searches,
// which never read tie strengths.
func (g *Graph) bfsOrdered() (*Graph, []int32) {
	n := g.n
	order := make([]int32, 0, n)
	rank := make([]int32, n)
	for i := range rank {
		rank[i] = -1
	}
	for s := range int32(n) {
		if rank[s] >= 0 {
			continue
		}
		head := len(order)
		rank[s] = int32(len(order))
		order = append(order, s)
		for ; head < len(order); head++ {
			v := order[head]
			for _, w := range g.adj[g.off[v]:g.off[v+1]] {
				if rank[w] < 0 {
					rank[w] = int32(len(order))
					order = append(order, w)
				}
			}
		}
	}
	h := &Graph{n: n, m: g.m, off: make([]int, n+1), adj: make([]int32, len(g.adj))}
	for i, v := range order {
		lo, hi := g.off[v], g.off[v+1]
		start := h.off[i]
		h.off[i+1] = start + hi - lo
		dst := h.adj[start : start+hi-lo]
		for k, u := range g.adj[lo:hi] {
			dst[k] = rank[u]
		}
		slices.Sort(dst)
	}
	return h, order
}
