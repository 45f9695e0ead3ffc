package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// ApproxHarmonic estimates the harmonic centrality of every node of g,
// NetworkX 3 harmonic_centrality(G, distance=None | "distance") with
// distance = 1/weight when opt.Weighted is set,
//
//	h(v) = Σ_{u≠v} 1/d(u,v)   (1/∞ = 0),
//
// by sampling sources, as Eppstein & Wang (2004, "Fast approximation of
// centrality", J. Graph Algorithms Appl. 8:39) do for closeness: k source
// nodes S are drawn uniformly without replacement, one search runs from
// each, and
//
//	ĥ(v) = (n-1)/|S∖{v}| · Σ_{s∈S, s≠v} 1/d(s,v).
//
// Given v ∈ S, S∖{v} is a uniform (k-1)-subset of the n-1 other nodes;
// given v ∉ S, S is a uniform k-subset of them. Either way ĥ(v) is n-1
// times the mean of a uniform sample without replacement from the n-1
// terms 1/d(u,v), whose mean is h(v)/(n-1), so ĥ(v) is unbiased. (Scaling
// by (n-1)/k for every node would bias the nodes in S low.)
//
// Bound. Each term lies in [0, R]: R = 1 unweighted, and weighted R is the
// largest tie strength, the reciprocal of the shortest possible distance.
// Serfling's inequality for sampling without replacement (Serfling 1974,
// "Probability inequalities for the sum in sampling without replacement",
// Ann. Statist. 2:39, Corollary 1.1; it sharpens Hoeffding 1963) bounds the
// mean of k' draws from N = n-1 values:
//
//	P(|mean - μ| ≥ εR) ≤ 2·exp(-2k'ε² / (1 - (k'-1)/N)).
//
// Every node has k' >= k-1 sampled others, so with the union bound over the
// n nodes every |ĥ(v) - h(v)| <= ε·R·(n-1) at once with probability at least
// 1-δ once 2n·exp(-2k'ε²/(1-(k'-1)/N)) <= δ for k' = k-1, that is
//
//	k = ⌈a·n/(n-1+a)⌉ + 1,   a = ln(2n/δ)/(2ε²),
//
// (a alone is the Hoeffding sample size, Eppstein & Wang's O(log n/ε²)).
// ErrorBound is ε·R·(n-1), on NetworkX's scale; relative to the largest
// possible value R·(n-1) the error is at most ε. Samples is k.
//
// When k >= n every node is a source and Scores are the exact values of
// Centrality(ctx, g, Harmonic, opt.Weighted), bit for bit, with Samples n
// and ErrorBound 0; so are the scores, all 0, of a graph with n <= 1 or no
// ties (Samples 0).
//
// Sources are drawn by a partial Fisher–Yates shuffle from one PCG stream
// seeded from Seed. Breadth-first (unweighted, or one strength everywhere)
// they are searched 256 at a time by a bit-parallel multi-source search
// that pushes or pulls each level, whichever scans fewer edges (multiBFS;
// Then et al. 2014; Beamer et al. 2012), and scans each edge at most once
// per level for all 256 rather than once per source; weighted with mixed
// strengths, one Dijkstra search per source. Batch (or source) j runs on
// lane j mod 16 of runLanes, each lane adds into its own sums, and the
// lanes are merged in lane order, so the result is the same bit for bit
// whatever GOMAXPROCS is. It costs O(n + m) per level per batch of 256
// sources breadth-first, or O(m log n) per source with Dijkstra, and 16
// partial sums per node. Epsilon or Delta outside (0, 1) is an error
// wrapping ErrInvalid. ApproxHarmonic checks ctx between batches (every
// few sources with Dijkstra) and returns ctx.Err() once it is cancelled.
// It is safe to call concurrently.
func ApproxHarmonic(ctx context.Context, g *Graph, opt ApproxOptions) (ApproxResult, error) {
	if !(opt.Epsilon > 0 && opt.Epsilon < 1) {
		return ApproxResult{}, fmt.Errorf("%w: approximate harmonic epsilon %v, want 0 < epsilon < 1", ErrInvalid, opt.Epsilon)
	}
	if !(opt.Delta > 0 && opt.Delta < 1) {
		return ApproxResult{}, fmt.Errorf("%w: approximate harmonic delta %v, want 0 < delta < 1", ErrInvalid, opt.Delta)
	}
	if err := ctx.Err(); err != nil {
		return ApproxResult{}, err
	}
	n := g.n
	res := ApproxResult{Delta: opt.Delta}
	if n <= 1 || g.m == 0 {
		res.Scores = make([]float64, n)
		return res, nil
	}
	k := harmonicSampleSize(opt.Epsilon, opt.Delta, n)
	if k >= n {
		h, err := harmonic(ctx, g, opt.Weighted)
		if err != nil {
			return ApproxResult{}, err
		}
		res.Scores, res.Samples = h, n
		return res, nil
	}
	h, err := g.harmonicFromSources(ctx, drawSources(n, k, opt.Seed), opt.Weighted)
	if err != nil {
		return ApproxResult{}, err
	}
	reach := 1.0
	if opt.Weighted {
		reach = g.maxStrength()
	}
	res.Scores, res.Samples = h, k
	res.ErrorBound = opt.Epsilon * reach * float64(n-1)
	return res, nil
}

// harmonicSampleSize returns k = ⌈a·n/(n-1+a)⌉ + 1 with a = ln(2n/δ)/(2ε²),
// the number of sources after which Serfling's inequality and the union
// bound over n nodes give every estimate of ApproxHarmonic within ε of its
// range, with probability at least 1-δ (n >= 2). It may exceed n; the
// caller then computes the exact values.
func harmonicSampleSize(eps, delta float64, n int) int {
	a := math.Log(2*float64(n)/delta) / (2 * eps * eps)
	k := math.Ceil(a*float64(n)/(float64(n-1)+a)) + 1
	if k >= float64(n) {
		return n
	}
	return int(k)
}

// sourceStream is the stream tag of drawSources ("srcs").
const sourceStream = 0x73726373

// drawSources returns k distinct nodes of 0..n-1 (k <= n) drawn uniformly
// without replacement, in the order drawn: the first k steps of a
// Fisher–Yates shuffle on the PCG stream of seed.
func drawSources(n, k int, seed int64) []int32 {
	rnd := rand.New(rand.NewPCG(splitMix64(uint64(seed)^sourceStream), splitMix64(sourceStream)))
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	for i := range k {
		j := i + rnd.IntN(n-i)
		perm[i], perm[j] = perm[j], perm[i]
	}
	return perm[:k:k]
}

// harmonicFromSources returns ĥ(v) = (n-1)/|S∖{v}| · Σ_{s∈S∖{v}} 1/d(s,v)
// for the distinct sources S (|S| >= 2). Breadth-first, the sources run in
// batches of 256 through multiBFS, batch j on lane j mod 16 of runLanes,
// and a node found at distance d from c sources of a batch gains c/d. With
// Dijkstra's algorithm source i runs alone on lane i mod 16. Each lane
// adds into its own sums and the lanes are merged in lane order.
func (g *Graph) harmonicFromSources(ctx context.Context, sources []int32, weighted bool) ([]float64, error) {
	n := g.n
	dijkstra, unit := g.lengths(weighted)
	var err error
	var partial [][]float64
	if dijkstra {
		partial = lanesOf(len(sources), n)
		err = runLanes(ctx, len(sources), func() *radixSearch { return newRadixSearch(n) }, func(rs *radixSearch, lane int, i int32) {
			sum := partial[lane]
			g.dijkstraDistances(rs, sources[i])
			for _, v := range rs.order[1:] {
				sum[v] += 1 / rs.dist[v]
			}
			rs.reset()
		})
	} else {
		batches := (len(sources) + multiWidth - 1) / multiWidth
		partial = lanesOf(batches, n)
		err = runLanes(ctx, batches, func() *multiSearch { return newMultiSearch(n) }, func(ms *multiSearch, lane int, j int32) {
			sum := partial[lane]
			batch := sources[multiWidth*int(j) : min(multiWidth*int(j)+multiWidth, len(sources))]
			level, term := int32(0), 0.0
			g.multiBFS(ms, batch, func(d, v int32, found bitset) {
				if d != level {
					level, term = d, 1/(float64(d)*unit)
				}
				sum[v] += float64(found.count()) * term
			})
		})
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	h := make([]float64, n)
	for _, p := range partial {
		for v, x := range p {
			h[v] += x
		}
	}
	inS := make([]bool, n)
	for _, s := range sources {
		inS[s] = true
	}
	k := len(sources)
	scaleOut := float64(n-1) / float64(k)
	scaleIn := float64(n-1) / float64(k-1)
	for v := range h {
		if inS[v] {
			h[v] *= scaleIn
		} else {
			h[v] *= scaleOut
		}
	}
	return h, nil
}

// lanesOf returns one slice of n sums for each lane runLanes uses for
// tasks tasks.
func lanesOf(tasks, n int) [][]float64 {
	partial := make([][]float64, laneCount(tasks))
	for l := range partial {
		partial[l] = make([]float64, n)
	}
	return partial
}

// maxStrength returns the largest tie strength of g, the reciprocal of its
// shortest tie length (0 with no ties).
func (g *Graph) maxStrength() float64 {
	var w float64
	for _, x := range g.w {
		w = max(w, x)
	}
	return w
}
