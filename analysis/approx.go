package analysis

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"sync"
)

// ApproxOptions tunes ApproxBetweenness and ApproxHarmonic.
//
// For ApproxBetweenness, Epsilon and Delta are the ε and δ of Riondato &
// Kornaropoulos (2016): with probability at least 1-Delta every estimate is
// within Epsilon of the exact betweenness on THEIR scale, 1/(n(n-1))
// Σ_{s≠t}. ApproxResult.ErrorBound gives the same bound on NetworkX's
// scale. For ApproxHarmonic, Epsilon bounds the error of every estimate as
// a fraction of its largest possible value (see ApproxHarmonic). Both must
// lie strictly between 0 and 1. Seed fixes every random draw. Weighted
// takes the length of a tie to be 1/weight, as Centrality does.
type ApproxOptions struct {
	Epsilon, Delta float64
	Seed           int64
	Weighted       bool
}

// ApproxResult is the answer of ApproxBetweenness (and, with the meanings
// given there, of ApproxHarmonic).
//
// Scores holds one estimate per node on the scale of NetworkX 3
// betweenness_centrality(G, normalized=True). Samples is the number r of
// sampled (s, t) pairs; 0 when no shortest path can have an internal node,
// in which case every score is exactly 0 and ErrorBound is 0. With
// probability at least 1-Delta, |Scores[v] - exact(v)| <= ErrorBound for
// every node v at once.
type ApproxResult struct {
	Scores     []float64
	Samples    int
	ErrorBound float64 // on the NetworkX normalized scale
	Delta      float64
}

// approxC is the universal constant c of the sample size; Riondato &
// Kornaropoulos (2016) take c ≈ 0.5 (after Löffler & Phillips 2009).
const approxC = 0.5

// MaxApproxSamples caps the number of sampled pairs of ApproxBetweenness. It
// is reached near ε = 5e-4; a smaller ε is an error wrapping ErrInvalid, and
// the caller should compute the exact betweenness instead.
const MaxApproxSamples = 1 << 24

// ApproxBetweenness estimates the normalised betweenness of every node of g
// by sampling shortest paths (Riondato & Kornaropoulos 2016, "Fast
// approximation of betweenness centrality through sampling", Data Min.
// Knowl. Disc. 30:438, Algorithm 1):
//
//  1. VD is an upper bound on the vertex diameter, the largest number of
//     nodes on a shortest path (see vertexDiameterBound).
//  2. r = ⌈(c/ε²)(⌊log₂(VD-2)⌋ + 1 + ln(1/δ))⌉ with c = 0.5.
//  3. r ordered pairs (s, t) of distinct nodes are drawn uniformly. For
//     each, one of the σ_st shortest s–t paths is drawn uniformly, and
//     every internal node of the path gains 1/r.
//
// How a path is drawn depends on how lengths are measured:
//
//   - Unweighted, or weighted with one strength everywhere (every path
//     measured by hops): a balanced bidirectional breadth-first search
//     from s and t that stops at the level where the two balls meet
//     (Borassi & Natale, "KADABRA is an adaptive algorithm for
//     betweenness via random approximation", ESA 2016; ACM J. Exp.
//     Algorithmics 24, 2019; NetworKit's KadabraBetweenness) counts σ
//     from both ends; a meeting edge (a, b) is drawn with probability
//     σ_sa·σ_bt/σ_st and the path is completed by walking from a back to
//     s and from b back to t, each step to a predecessor p of u with
//     probability σ(p)/σ(u). On small-world graphs this visits a small
//     fraction of the graph per sample (4–8% of the edges on the
//     Barabási–Albert graphs of BENCHMARKS.md).
//   - Weighted with mixed strengths (Dijkstra's algorithm, lengths
//     1/weight): the pairs are grouped by source and one full search from
//     s serves every sample with source s; the path is drawn walking from
//     t back to s with probability σ_sp/σ_su at each step (Algorithm 1 as
//     published). A bidirectional Dijkstra would need equal-length ties
//     detected across the two searches in floating point, which is not
//     done.
//
// This estimates b(v) = 1/(n(n-1)) Σ_{s≠t} σ_st(v)/σ_st, and with
// probability at least 1-δ every estimate is within ε of b(v) at once:
// the paths have VC dimension at most ⌊log₂(VD-2)⌋ + 1. An undirected
// graph counts every pair twice in both b and NetworkX's normalised
// betweenness
//
//	C_B(v) = 2/((n-1)(n-2)) Σ_{s<t} σ_st(v)/σ_st = n/(n-2) · b(v),
//
// so Scores are the estimates times n/(n-2) and ErrorBound is ε·n/(n-2).
// A pair that is not connected contributes nothing, as in the paper.
//
// Breadth-first, sample i draws its pair and its path from its own PCG
// stream seeded from Seed and i. With Dijkstra, pairs are drawn from one
// PCG stream seeded from Seed, then grouped by source, and the path draws
// of a source use their own PCG stream seeded from Seed and s. Samples (or
// sources) are shared out over the fixed lanes of runLanes, and every
// worker counts hits in integers, which add up exactly in any order, so the
// result is the same bit for bit for a seed whatever GOMAXPROCS is. It
// costs O(n+m) for the bound, plus, breadth-first, one bidirectional search
// per sample (at most O(m), usually far less), or, with Dijkstra, one
// search (O(m log n)) per distinct source, at most min(n, r), plus the
// walks back.
//
// For n <= 2, or when VD < 3, every score is 0 with no sampling. Epsilon or
// Delta outside (0, 1), or an ε so small that r would exceed
// MaxApproxSamples, is an error wrapping ErrInvalid. ApproxBetweenness
// checks ctx every few samples (Dijkstra: sources) and returns ctx.Err()
// once it is cancelled.
// It is safe to call concurrently.
func ApproxBetweenness(ctx context.Context, g *Graph, opt ApproxOptions) (ApproxResult, error) {
	if !(opt.Epsilon > 0 && opt.Epsilon < 1) {
		return ApproxResult{}, fmt.Errorf("%w: approximate betweenness epsilon %v, want 0 < epsilon < 1", ErrInvalid, opt.Epsilon)
	}
	if !(opt.Delta > 0 && opt.Delta < 1) {
		return ApproxResult{}, fmt.Errorf("%w: approximate betweenness delta %v, want 0 < delta < 1", ErrInvalid, opt.Delta)
	}
	if err := ctx.Err(); err != nil {
		return ApproxResult{}, err
	}
	n := g.n
	res := ApproxResult{Scores: make([]float64, n), Delta: opt.Delta}
	if n <= 2 {
		return res, nil
	}
	dijkstra, _ := g.lengths(opt.Weighted)
	vd, err := g.vertexDiameterBound(ctx, dijkstra)
	if err != nil {
		return ApproxResult{}, err
	}
	if vd < 3 {
		return res, nil
	}
	r, err := approxSampleSize(opt.Epsilon, opt.Delta, vd)
	if err != nil {
		return ApproxResult{}, err
	}
	hits, err := g.samplePaths(ctx, r, opt.Seed, dijkstra)
	if err != nil {
		return ApproxResult{}, err
	}
	scale := float64(n) / (float64(r) * float64(n-2))
	for v, h := range hits {
		res.Scores[v] = float64(h) * scale
	}
	res.Samples = r
	res.ErrorBound = opt.Epsilon * float64(n) / float64(n-2)
	return res, nil
}

// approxSampleSize returns r = ⌈(c/ε²)(⌊log₂(vd-2)⌋ + 1 + ln(1/δ))⌉ for
// vd >= 3 (Riondato & Kornaropoulos 2016), or an error wrapping
// ErrInvalid if it exceeds MaxApproxSamples.
func approxSampleSize(eps, delta float64, vd int) (int, error) {
	floorLog2 := bits.Len(uint(vd-2)) - 1
	r := math.Ceil(approxC / (eps * eps) * (float64(floorLog2) + 1 + math.Log(1/delta)))
	if r > MaxApproxSamples {
		return 0, fmt.Errorf("%w: approximate betweenness with epsilon %v needs %.0f samples, more than %d; use exact betweenness", ErrInvalid, eps, r, MaxApproxSamples)
	}
	return int(r), nil
}

// vertexDiameterBound returns an upper bound on the largest number of nodes
// on a shortest path of g, taken over its connected components. From the
// lowest-numbered node u of each component, one search gives the
// eccentricity e(u); every shortest path x–y of the component is no longer
// than d(x,u) + d(u,y) <= 2e(u) (the bound Riondato & Kornaropoulos 2016
// use for undirected graphs, per component), and
// has no more nodes than the component:
//
//   - by hops: at most min(2e(u) + 1, size) nodes;
//   - weighted (lengths 1/weight, Dijkstra): a path of k edges is at least
//     k·ℓ_min long, ℓ_min the shortest edge of the component, so it has at
//     most min(⌊2e(u)/ℓ_min⌋ + 1, size) nodes. The quotient is inflated by
//     1e-9 before rounding down so that rounding of the lengths can only
//     loosen the bound.
//
// It takes O(n+m) time (O(m log n) weighted) and checks ctx every 64
// components.
func (g *Graph) vertexDiameterBound(ctx context.Context, dijkstra bool) (int, error) {
	n := g.n
	sc := newSearch(n)
	seen := make([]bool, n)
	vd, comps := 0, 0
	for u := range n {
		if seen[u] {
			continue
		}
		if comps%64 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		comps++
		var bound int
		if dijkstra {
			g.dijkstra(sc, int32(u))
			bound = g.weightedPathBound(sc)
		} else {
			g.bfs(sc, int32(u), false)
			bound = 2*int(sc.hops[sc.order[len(sc.order)-1]]) + 1
		}
		bound = min(bound, len(sc.order))
		for _, v := range sc.order {
			seen[v] = true
		}
		sc.reset()
		vd = max(vd, bound)
	}
	return vd, nil
}

// weightedPathBound returns ⌊2e/ℓ_min⌋ + 1 (capped at the component size)
// for the component Dijkstra's search in sc has just settled, where e is the
// largest distance found and ℓ_min the shortest edge within it.
func (g *Graph) weightedPathBound(sc *search) int {
	size := len(sc.order)
	if size == 1 {
		return 1
	}
	ecc := sc.dist[sc.order[size-1]] // settled in non-decreasing distance
	shortest := math.Inf(1)
	for _, v := range sc.order {
		for _, l := range g.inv[g.off[v]:g.off[v+1]] {
			shortest = min(shortest, l)
		}
	}
	k := math.Floor(2 * ecc / shortest * (1 + 1e-9))
	if !(k < float64(size)) { // also catches +Inf
		return size
	}
	return int(k) + 1
}

// approxScratch is one worker's state in samplePaths.
type approxScratch struct {
	sc   *search
	pcg  *rand.PCG
	rnd  *rand.Rand
	hits []uint32
}

// samplePaths draws r ordered pairs of distinct nodes and, for each pair
// joined by a path, one shortest path chosen uniformly, and returns how many
// of the sampled paths have each node as an internal node. Unweighted (and
// with one strength everywhere) each pair is served by its own bidirectional
// search (sampleBidirectional); with Dijkstra's algorithm the pairs are
// grouped by source and served by one full search per distinct source.
func (g *Graph) samplePaths(ctx context.Context, r int, seed int64, dijkstra bool) ([]uint64, error) {
	if !dijkstra {
		return g.sampleBidirectional(ctx, r, seed)
	}
	n := g.n
	sources, first, targets := drawPairs(n, r, seed)
	var mu sync.Mutex
	var scratches []*approxScratch
	newScratch := func() *approxScratch {
		pcg := rand.NewPCG(0, 0)
		ws := &approxScratch{sc: newSearch(n), pcg: pcg, rnd: rand.New(pcg), hits: make([]uint32, n)}
		mu.Lock()
		scratches = append(scratches, ws)
		mu.Unlock()
		return ws
	}
	err := runLanes(ctx, len(sources), newScratch, func(ws *approxScratch, _ int, i int32) {
		s := sources[i]
		g.dijkstra(ws.sc, s)
		ws.pcg.Seed(splitMix64(uint64(seed)^pathStream), splitMix64(uint64(s)))
		for _, t := range targets[first[i]:first[i+1]] {
			g.walkBack(ws, s, t)
		}
		ws.sc.reset()
	})
	if err != nil {
		return nil, err
	}
	total := make([]uint64, n)
	for _, ws := range scratches {
		for v, h := range ws.hits {
			total[v] += uint64(h)
		}
	}
	return total, nil
}

// biScratch is one worker's state in sampleBidirectional.
type biScratch struct {
	bs   *biSearch
	pcg  *rand.PCG
	rnd  *rand.Rand
	hits []uint32
}

// sampleBidirectional is samplePaths for breadth-first lengths. Sample i
// (0 <= i < r) draws its pair (s, t) and then its path from its own PCG
// stream, seeded from seed and i, so the draws do not depend on which
// worker runs it. A balanced bidirectional search (shortestPaths) finds
// the σ_st shortest paths as the edges (a, b) where the two searches meet,
// each on σ_sa·σ_bt of them; samplePath draws one of them uniformly. On a
// small-world graph the two balls meet after a few levels, so a sample
// costs a small fraction of the O(m) of a full search (Borassi & Natale
// 2019; NetworKit's KadabraBetweenness does the same).
func (g *Graph) sampleBidirectional(ctx context.Context, r int, seed int64) ([]uint64, error) {
	n := g.n
	var mu sync.Mutex
	var scratches []*biScratch
	newScratch := func() *biScratch {
		pcg := rand.NewPCG(0, 0)
		ws := &biScratch{bs: newBiSearch(n), pcg: pcg, rnd: rand.New(pcg), hits: make([]uint32, n)}
		mu.Lock()
		scratches = append(scratches, ws)
		mu.Unlock()
		return ws
	}
	err := runLanes(ctx, r, newScratch, func(ws *biScratch, _ int, i int32) {
		ws.pcg.Seed(splitMix64(uint64(seed)^pairPath), splitMix64(uint64(i)))
		s := ws.rnd.IntN(n)
		t := ws.rnd.IntN(n - 1)
		if t >= s {
			t++
		}
		g.samplePath(ws.bs, int32(s), int32(t), ws.rnd, ws.hits)
	})
	if err != nil {
		return nil, err
	}
	total := make([]uint64, n)
	for _, ws := range scratches {
		for v, h := range ws.hits {
			total[v] += uint64(h)
		}
	}
	return total, nil
}

// samplePath draws one of the shortest s–t paths uniformly and counts a hit
// in hits for each of its internal nodes; it does nothing if t cannot be
// reached from s. It picks the meeting edge (a, b) with probability
// σ_sa·σ_bt/σ_st, then walks from a back to s and from b back to t, moving
// from each node u to a predecessor p (one level nearer that side's end)
// with probability σ(p)/σ(u) of that side. Each path through (a, b) is
// then drawn with probability σ_sa·σ_bt/σ_st · 1/σ_sa · 1/σ_bt = 1/σ_st.
func (g *Graph) samplePath(bs *biSearch, s, t int32, rnd *rand.Rand, hits []uint32) {
	defer bs.reset()
	_, total, ok := g.shortestPaths(bs, s, t)
	if !ok {
		return
	}
	e := pickMeet(bs.meet, total, rnd.Float64())
	for x, u := range [2]int32{e.a, e.b} {
		hops, sigma := bs.hops[x], bs.sigma[x]
		for hops[u] > 0 {
			hits[u]++
			u = g.bfsPredecessor(hops, sigma, u, rnd.Float64())
		}
	}
}

// pickMeet returns the meeting edge chosen with probability paths/total,
// given x uniform in [0, 1); total is the sum of paths over meet, added in
// the order of meet.
func pickMeet(meet []meetEdge, total, x float64) meetEdge {
	x *= total
	for _, e := range meet[:len(meet)-1] {
		x -= e.paths
		if x < 0 {
			return e
		}
	}
	return meet[len(meet)-1]
}

// bfsPredecessor returns a neighbour p of u one level nearer the end of
// the breadth-first search (hops, sigma), chosen with probability
// σ(p)/Σσ over those neighbours, given x uniform in [0, 1). u must have
// been reached and must not be the end itself.
func (g *Graph) bfsPredecessor(hops []int32, sigma []float64, u int32, x float64) int32 {
	row := g.adj[g.off[u]:g.off[u+1]]
	level := hops[u] - 1
	// σ(u) is the sum of σ over its predecessors, but added in another
	// order; summing here again makes the draw exact and never falls off
	// the end.
	var total float64
	for _, p := range row {
		if hops[p] == level {
			total += sigma[p]
		}
	}
	x *= total
	last := int32(-1)
	for _, p := range row {
		if hops[p] == level {
			x -= sigma[p]
			if x < 0 {
				return p
			}
			last = p
		}
	}
	return last
}

// Stream tags that keep the pair draws and the path draws of the same seed
// apart.
const (
	pairStream = 0x70616972 // "pair"
	pathStream = 0x70617468 // "path"
	pairPath   = 0x62696469 // "bidi": one stream per sample, pair and path
)

// drawPairs draws r ordered pairs (s, t), s ≠ t, uniformly from the PCG
// stream of seed, and returns them grouped by source: the distinct sources
// in ascending order and, for the i-th, its targets
// targets[first[i]:first[i+1]] in the order they were drawn. It draws the
// stream twice (a counting sort) rather than storing the sources.
func drawPairs(n, r int, seed int64) (sources []int32, first []int, targets []int32) {
	draw := func(rnd *rand.Rand) (int32, int32) {
		s := rnd.IntN(n)
		t := rnd.IntN(n - 1)
		if t >= s {
			t++
		}
		return int32(s), int32(t)
	}
	newStream := func() *rand.Rand {
		return rand.New(rand.NewPCG(splitMix64(uint64(seed)^pairStream), splitMix64(pairStream)))
	}
	count := make([]int, n+1)
	rnd := newStream()
	for range r {
		s, _ := draw(rnd)
		count[s+1]++
	}
	for s := range n {
		if count[s+1] > 0 {
			sources = append(sources, int32(s))
		}
		count[s+1] += count[s]
	}
	first = make([]int, 0, len(sources)+1)
	for _, s := range sources {
		first = append(first, count[s])
	}
	first = append(first, r)
	targets = make([]int32, r)
	rnd = newStream()
	for range r {
		s, t := draw(rnd)
		targets[count[s]] = t
		count[s]++
	}
	return sources, first, targets
}

// walkBack draws one shortest s–t path uniformly from Dijkstra's search
// from s in ws.sc, walking from t back to s and moving from each node u to
// one of its predecessors p with probability σ_sp/σ_su, and counts a hit for
// each internal node. It does nothing if t was not reached.
func (g *Graph) walkBack(ws *approxScratch, s, t int32) {
	sc := ws.sc
	if math.IsInf(sc.dist[t], 1) {
		return
	}
	for u := t; ; {
		p := g.predecessor(sc, u, ws.rnd.Float64())
		if p == s {
			return
		}
		ws.hits[p]++
		u = p
	}
}

// predecessor returns a predecessor p of u in Dijkstra's search sc (a
// neighbour with dist(p) + 1/w(p,u) == dist(u), the test of
// brandesWeighted) chosen with probability σ(p)/Σσ over the predecessors,
// given x uniform in [0, 1). u must have been reached and must not be the
// source.
func (g *Graph) predecessor(sc *search, u int32, x float64) int32 {
	row := g.adj[g.off[u]:g.off[u+1]]
	lens := g.inv[g.off[u]:g.off[u+1]]
	// σ(u) is the sum of σ over its predecessors, but added in another
	// order; summing here again makes the draw exact and never falls off
	// the end.
	var total float64
	for j, p := range row {
		if sc.dist[p]+lens[j] == sc.dist[u] {
			total += sc.sigma[p]
		}
	}
	x *= total
	last := int32(-1)
	for j, p := range row {
		if sc.dist[p]+lens[j] == sc.dist[u] {
			x -= sc.sigma[p]
			if x < 0 {
				return p
			}
			last = p
		}
	}
	return last
}

// splitMix64 is the finaliser of SplitMix64 (Steele, Lea & Flood 2014), used
// to spread seeds over the PCG state.
func splitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
