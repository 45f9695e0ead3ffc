package analysis

import (
	"context"
	"fmt"
	"math"
)

const (
	// powerTol is the L1 change between two power iterations at which
	// pagerank and eigenvector stop, per node. NetworkX stops at n·1e-6,
	// which leaves its answers up to about 1e-6 from the fixed point; we go
	// to the fixed point so that both agree with it well inside 1e-6.
	powerTol = 1e-14
	// nxTol is NetworkX's default tolerance, accepted as a fallback when
	// powerTol cannot be reached in maxPowerIter iterations.
	nxTol = 1e-6
	// maxPowerIter bounds the power iterations.
	maxPowerIter = 10000
)

// pageRank returns the PageRank of every node (Page, Brin, Motwani &
// Winograd 1999, "The PageRank citation ranking", Stanford InfoLab 1999-66),
// as NetworkX 3 pagerank(G, alpha=0.85, weight=None or "weight"), iterated to
// convergence:
//
//	x_v = (1-α)/n + α·( Σ_{u~v} x_u·w_uv/W_u + Σ_{u dangling} x_u/n ),  α = 0.85
//
// where W_u is the total weight (or degree) of u and a dangling node (an
// isolated node, W_u = 0) spreads its rank uniformly. Σ x = 1.
//
// It is the power (Jacobi) iteration from the uniform vector, as NetworkX's,
// stopped once the L1 change of an iteration falls below n·1e-14; the map is
// a contraction of factor α in L1, so the answer is then within
// α/(1-α)·n·1e-14 (about 5.7·n·1e-14) of the fixed point in L1. Each
// iteration is one pass over the arcs in contiguous node blocks
// (nodeBlocks) on parallel goroutines; a node's new rank depends only on
// the ranks before, and the sums over nodes (change, dangling rank) are
// formed block by block and added in block order, so the result is the
// same bit for bit whatever GOMAXPROCS is.
func pageRank(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	const alpha = 0.85
	n := g.n
	if n == 0 {
		return []float64{}, nil
	}
	// out[u] = 1/W_u, or 0 for a dangling node.
	out := make([]float64, n)
	for u := range n {
		var wsum float64
		if weighted {
			for _, w := range g.w[g.off[u]:g.off[u+1]] {
				wsum += w
			}
		} else {
			wsum = float64(g.degree(u))
		}
		if wsum > 0 {
			out[u] = 1 / wsum
		}
	}
	x := make([]float64, n)
	next := make([]float64, n)
	share := make([]float64, n) // x_u / W_u
	shareNext := make([]float64, n)
	var dangling float64
	for u := range x {
		x[u] = 1 / float64(n)
		share[u] = x[u] * out[u]
		if out[u] == 0 {
			dangling += x[u]
		}
	}
	bounds := g.nodeBlocks()
	changes := make([]float64, len(bounds)-1)
	danglings := make([]float64, len(bounds)-1)
	for iter := 0; ; iter++ {
		if ctx.Err() != nil { // once per O(m) iteration
			return nil, ctx.Err()
		}
		base := (1-alpha)/float64(n) + alpha*dangling/float64(n)
		forBlocks(bounds, func(b, lo, hi int) {
			var change, dang float64
			adj, off := g.adj, g.off
			for v := lo; v < hi; v++ {
				var s float64
				if weighted {
					w := g.w
					for j := off[v]; j < off[v+1]; j++ {
						s += share[adj[j]] * w[j]
					}
				} else {
					s = sumAt(share, adj[off[v]:off[v+1]])
				}
				xv := base + alpha*s
				change += math.Abs(xv - x[v])
				next[v] = xv
				shareNext[v] = xv * out[v]
				if out[v] == 0 {
					dang += xv
				}
			}
			changes[b], danglings[b] = change, dang
		})
		x, next = next, x
		share, shareNext = shareNext, share
		var change float64
		dangling = 0
		for b := range changes {
			change += changes[b]
			dangling += danglings[b]
		}
		if change < float64(n)*powerTol {
			return x, nil
		}
		if iter >= maxPowerIter {
			if change < float64(n)*nxTol {
				return x, nil
			}
			return nil, fmt.Errorf("analysis: pagerank did not converge in %d iterations", maxPowerIter)
		}
	}
}

// sumAt returns Σ x[i] over the indices i in idx, with two running sums
// (even and odd positions, added at the end) so that two loads are in
// flight at once.
func sumAt(x []float64, idx []int32) float64 {
	var s0, s1 float64
	i := 0
	for ; i+1 < len(idx); i += 2 {
		s0 += x[idx[i]]
		s1 += x[idx[i+1]]
	}
	if i < len(idx) {
		s0 += x[idx[i]]
	}
	return s0 + s1
}

// eigenvector returns the eigenvector centrality of every node (Bonacich
// 1987, "Power and centrality: a family of measures", Am. J. Sociol.
// 92:1170), as NetworkX 3 eigenvector_centrality(G, weight=None or
// "weight"), iterated to convergence: the power iteration on A+I from the
// uniform vector, normalised to unit Euclidean norm after every step, so
//
//	λ x_v = Σ_{u~v} a_uv x_u,  ‖x‖₂ = 1,  x ≥ 0
//
// for a connected graph. Adding I keeps the iteration from oscillating on
// bipartite graphs without moving the fixed point. On a graph without edges
// every node scores 1/√n. It stops once the L1 change of an iteration falls
// below n·1e-14.
//
// The normalisation is folded into the next product: y_{k+1} = (A+I)·y_k/‖y_k‖,
// x_k = y_k/‖y_k‖, and the change Σ|x_k − x_{k−1}| is summed in the same
// pass over the arcs, so each iteration reads the arcs once. As in
// pageRank the pass runs in node blocks on parallel goroutines and the
// norms and changes are summed block by block in block order: the result
// is the same bit for bit whatever GOMAXPROCS is.
func eigenvector(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	n := g.n
	if n == 0 {
		return []float64{}, nil
	}
	// prev = y_{k-1}, cur = y_k, next = y_{k+1}; x_k = c·y_k, xPrev = cPrev·y_{k-1}.
	prev := make([]float64, n)
	cur := make([]float64, n)
	next := make([]float64, n)
	for i := range cur {
		cur[i] = 1 / float64(n)
	}
	c := math.Sqrt(float64(n)) // 1/‖y_0‖
	cPrev := 0.0               // x_{-1} = 0: the first change is ‖x_0‖₁
	bounds := g.nodeBlocks()
	norms := make([]float64, len(bounds)-1)
	changes := make([]float64, len(bounds)-1)
	for iter := 0; ; iter++ {
		if ctx.Err() != nil { // once per O(m) iteration
			return nil, ctx.Err()
		}
		forBlocks(bounds, func(b, lo, hi int) {
			var norm, change float64
			adj, off := g.adj, g.off
			for v := lo; v < hi; v++ {
				var s float64
				if weighted {
					w := g.w
					for j := off[v]; j < off[v+1]; j++ {
						s += cur[adj[j]] * w[j]
					}
				} else {
					s = sumAt(cur, adj[off[v]:off[v+1]])
				}
				yv := c * (cur[v] + s)
				next[v] = yv
				norm += yv * yv
				change += math.Abs(c*cur[v] - cPrev*prev[v])
			}
			norms[b], changes[b] = norm, change
		})
		var norm, change float64
		for b := range norms {
			norm += norms[b]
			change += changes[b]
		}
		// change is that of x_k; x_k is the answer once it is small.
		if iter > 0 && change < float64(n)*powerTol || iter > maxPowerIter && change < float64(n)*nxTol {
			x := prev // reuse y_{k-1}'s storage for the answer
			for v := range x {
				x[v] = c * cur[v]
			}
			return x, nil
		}
		if iter > maxPowerIter {
			return nil, fmt.Errorf("analysis: eigenvector centrality did not converge in %d iterations", maxPowerIter)
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			norm = 1
		}
		prev, cur, next = cur, next, prev
		cPrev, c = c, 1/norm
	}
}
