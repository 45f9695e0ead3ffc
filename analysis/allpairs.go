package analysis

import (
	"context"
	"slices"
	"sync"
)

// distanceSums is what bfsAllSources gathers for every node v of a graph:
// reach[v], the number of other nodes v reaches; hops[v], the sum of the
// distances in edges to them; and, when asked for, inverse[v], the sum of
// 1/(d·unit) over them (d the distance in edges).
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

// bfsAllSources runs a breadth-first search from every node of g and
// returns the distance sums of every node. The searches run 256 at a time,
// one bit of a machine-word bitset per search, in the bit-parallel
// multi-source breadth-first search multiBFS (Then, Kaufmann, Chirigati,
// Hoang-Vu, Pham, Kemper, Neumann & Vo 2014, "The more the merrier:
// efficient multi-source graph traversal", PVLDB 8:449), which scans each
// edge at most once per level for all 256 searches rather than once per
// search. Because g is undirected, d(s, v) = d(v, s): a node v found at
// level d by c searches of a batch adds c to reach[v], c·d to hops[v] and
// c/(d·unit) to inverse[v], and after every batch these are v's own sums
// over all the nodes it reaches, without one sum per source ever being
// formed.
//
// The searches run on a copy of g renumbered in breadth-first order
// (bfsOrdered), so that neighbours' bitsets tend to sit near each other in
// memory and each batch holds sources near each other, whose searches
// share more of their frontiers: about 25% faster than the ids as given on
// BarabasiAlbert(100000, 10) (A/B in one process, one core). Batch j runs on
// lane j mod 16 of runLanes; the float sums are kept per lane and added in
// lane order, the integer sums per goroutine, so the result is the same
// bit for bit whatever GOMAXPROCS is. It costs O(n + m) per level per batch
// of 256 sources (O(n·m/256) for a small-world graph), 16 float sums per
// node when inverse is asked for, and per goroutine three bitsets of 32
// bytes and two integer sums per node. runLanes checks ctx before every
// batch and reports each batch to the progress function of ctx; it
// returns ctx.Err() once ctx is cancelled.
func (g *Graph) bfsAllSources(ctx context.Context, inverse bool, unit float64) (distanceSums, error) {
	n := g.n
	h, order := g.bfsOrdered()
	batches := (n + multiWidth - 1) / multiWidth
	var partial [][]float64
	if inverse {
		partial = lanesOf(batches, n)
	}
	var mu sync.Mutex
	var scratches []*allPairsScratch
	newScratch := func() *allPairsScratch {
		sc := &allPairsScratch{ms: newMultiSearch(n), reach: make([]int64, n), hops: make([]int64, n), sources: make([]int32, 0, multiWidth)}
		mu.Lock()
		scratches = append(scratches, sc)
		mu.Unlock()
		return sc
	}
	err := runLanes(ctx, batches, newScratch, func(sc *allPairsScratch, lane int, j int32) {
		lo, hi := multiWidth*int(j), min(multiWidth*int(j)+multiWidth, n)
		src := sc.sources[:0]
		for s := lo; s < hi; s++ {
			src = append(src, int32(s))
		}
		reach, hops := sc.reach, sc.hops
		if !inverse {
			h.multiBFS(sc.ms, src, func(d, v int32, found bitset) {
				c := int64(found.count())
				reach[v] += c
				hops[v] += c * int64(d)
			})
			return
		}
		sum := partial[lane]
		level, term := int32(0), 0.0
		h.multiBFS(sc.ms, src, func(d, v int32, found bitset) {
			if d != level {
				level, term = d, 1/(float64(d)*unit)
			}
			c := found.count()
			reach[v] += int64(c)
			hops[v] += int64(c) * int64(d)
			sum[v] += float64(c) * term
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
		for _, p := range partial {
			for i, v := range order {
				out.inverse[v] += p[i]
			}
		}
	}
	return out, nil
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
