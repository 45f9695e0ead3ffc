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
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for iter := 0; ; iter++ {
		if ctx.Err() != nil { // once per O(m) iteration
			return nil, ctx.Err()
		}
		var dangling float64
		for u := range n {
			if out[u] == 0 {
				dangling += x[u]
			}
			share[u] = x[u] * out[u]
		}
		base := (1-alpha)/float64(n) + alpha*dangling/float64(n)
		var change float64
		for v := range n {
			var s float64
			for j := g.off[v]; j < g.off[v+1]; j++ {
				if weighted {
					s += share[g.adj[j]] * g.w[j]
				} else {
					s += share[g.adj[j]]
				}
			}
			next[v] = base + alpha*s
			change += math.Abs(next[v] - x[v])
		}
		x, next = next, x
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
// every node scores 1/√n.
func eigenvector(ctx context.Context, g *Graph, weighted bool) ([]float64, error) {
	n := g.n
	if n == 0 {
		return []float64{}, nil
	}
	x := make([]float64, n)
	next := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for iter := 0; ; iter++ {
		if ctx.Err() != nil { // once per O(m) iteration
			return nil, ctx.Err()
		}
		var norm float64
		for v := range n {
			s := x[v]
			for j := g.off[v]; j < g.off[v+1]; j++ {
				if weighted {
					s += x[g.adj[j]] * g.w[j]
				} else {
					s += x[g.adj[j]]
				}
			}
			next[v] = s
			norm += s * s
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			norm = 1
		}
		var change float64
		for v := range n {
			next[v] /= norm
			change += math.Abs(next[v] - x[v])
		}
		x, next = next, x
		if change < float64(n)*powerTol {
			return x, nil
		}
		if iter >= maxPowerIter {
			if change < float64(n)*nxTol {
				return x, nil
			}
			return nil, fmt.Errorf("analysis: eigenvector centrality did not converge in %d iterations", maxPowerIter)
		}
	}
}
