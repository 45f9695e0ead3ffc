package analysis

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"sync"
)

// ApproxOptions tunes ApproxBetweenness.
//
// Epsilon and Delta are the ε and δ of Riondato & Kornaropoulos (2016): with
// probability at least 1-Delta every estimate is within Epsilon of the exact
// betweenness on THEIR scale, 1/(n(n-1)) Σ_{s≠t}. ApproxResult.ErrorBound
// gives the same bound on NetworkX's scale. Both must lie strictly between 0
// and 1. Seed fixes every random draw. Weighted takes the length of a tie to
// be 1/weight, as Centrality does.
type ApproxOptions struct {
	Epsilon, Delta float64
	Seed           int64
	Weighted       bool
}

// ApproxResult is the answer of ApproxBetweenness.
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
//     each, one of the σ_st shortest s–t paths is drawn uniformly: from t
//     back to s, each step moves to a predecessor p of the current node u
//     with probability σ_sp/σ_su, the path counts of the single-source
//     search from s. Every internal node of the path gains 1/r.
//
// This estimates b(v) = 1/(n(n-1)) Σ_{s≠t} σ_st(v)/σ_st, and with
// probability at least 1-δ every estimate is within ε of b(v) at once:
// the paths have VC dimension at most ⌊log₂(VD-2)⌋ + 1. An undirected graph counts every pair twice in both
// b and NetworkX's normalised betweenness
//
//	C_B(v) = 2/((n-1)(n-2)) Σ_{s<t} σ_st(v)/σ_st = n/(n-2) · b(v),
//
// so Scores are the estimates times n/(n-2) and ErrorBound is ε·n/(n-2).
// A pair that is not connected contributes nothing, as in the paper.
//
// Pairs are drawn from one PCG stream seeded from Seed, then grouped by
// source, so that one search from s serves every sample whose source is s;
// the path draws of a source use their own PCG stream seeded from Seed and
// s. Sources are shared out over the fixed lanes of runLanes, and every
// worker counts hits in integers, which add up exactly in any order, so the
// result is the same bit for bit for a seed whatever GOMAXPROCS is. It
// costs O(n+m) for the bound, plus one search (O(m), O(m log n) weighted)
// per distinct source, at most min(n, r), plus the walks back.
//
// For n <= 2, or when VD < 3, every score is 0 with no sampling. Epsilon or
// Delta outside (0, 1), or an ε so small that r would exceed
// MaxApproxSamples, is an error wrapping ErrInvalid. ApproxBetweenness
// checks ctx every few sources and returns ctx.Err() once it is cancelled.
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
// of the sampled paths have each node as an internal node.
func (g *Graph) samplePaths(ctx context.Context, r int, seed int64, dijkstra bool) ([]uint64, error) {
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
		if dijkstra {
			g.dijkstra(ws.sc, s)
		} else {
			g.bfs(ws.sc, s, true)
		}
		ws.pcg.Seed(splitMix64(uint64(seed)^pathStream), splitMix64(uint64(s)))
		for _, t := range targets[first[i]:first[i+1]] {
			g.walkBack(ws, s, t, dijkstra)
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

// Stream tags that keep the pair draws and the path draws of the same seed
// apart.
const (
	pairStream = 0x70616972 // "pair"
	pathStream = 0x70617468 // "path"
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

// walkBack draws one shortest s–t path uniformly from the search from s in
// ws.sc, walking from t back to s and moving from each node u to one of its
// predecessors p with probability σ_sp/σ_su, and counts a hit for each
// internal node. It does nothing if t was not reached.
func (g *Graph) walkBack(ws *approxScratch, s, t int32, dijkstra bool) {
	sc := ws.sc
	if dijkstra && math.IsInf(sc.dist[t], 1) || !dijkstra && sc.hops[t] < 0 {
		return
	}
	for u := t; ; {
		p := g.predecessor(sc, u, dijkstra, ws.rnd.Float64())
		if p == s {
			return
		}
		ws.hits[p]++
		u = p
	}
}

// predecessor returns the predecessor p of u (a neighbour one hop nearer the
// source, or with dist(p) + 1/w(p,u) == dist(u), the test of brandesWeighted)
// chosen with probability σ(p)/Σσ over the predecessors, given x uniform in
// [0, 1). u must have been reached and must not be the source.
func (g *Graph) predecessor(sc *search, u int32, dijkstra bool, x float64) int32 {
	row := g.adj[g.off[u]:g.off[u+1]]
	lens := g.inv[g.off[u]:g.off[u+1]]
	isPred := func(j int) bool {
		if dijkstra {
			return sc.dist[row[j]]+lens[j] == sc.dist[u]
		}
		return sc.hops[row[j]] == sc.hops[u]-1
	}
	// σ(u) is the sum of σ over its predecessors, but added in another
	// order; summing here again makes the draw exact and never falls off
	// the end.
	var total float64
	for j := range row {
		if isPred(j) {
			total += sc.sigma[row[j]]
		}
	}
	x *= total
	last := int32(-1)
	for j, p := range row {
		if isPred(j) {
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
