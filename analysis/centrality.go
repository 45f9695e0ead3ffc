package analysis

import (
	"context"
	"fmt"
)

// Centrality returns one score per node of g (index = node) for measure m,
// with the conventions of NetworkX 3 so that analysts get the numbers they
// know. When weighted is set, BETWEENNESS, CLOSENESS and HARMONIC take the
// length of an edge to be 1/weight (a strong tie is a short path), while
// PAGERANK and EIGENVECTOR use the weight as it is (NetworkX
// weight="weight"). DEGREE and CORENESS ignore weights; WEIGHTED_DEGREE
// always uses them.
//
//   - DEGREE: deg(v)/(n-1), 1 for a single node (Freeman 1979);
//     nx.degree_centrality(G).
//   - WEIGHTED_DEGREE: Σ_{u~v} w_uv; dict(G.degree(weight="weight")).
//   - BETWEENNESS: 2/((n-1)(n-2)) Σ_{s<t} σ_st(v)/σ_st by Brandes' algorithm
//     (Brandes 2001; Freeman 1977); nx.betweenness_centrality(G,
//     normalized=True, weight=None|"distance").
//   - CLOSENESS: (r-1)²/((n-1) Σ_v d(u,v)) over the r nodes u reaches
//     (Freeman 1979; Wasserman & Faust 1994); nx.closeness_centrality(G,
//     distance=None|"distance", wf_improved=True).
//   - HARMONIC: Σ_{v≠u} 1/d(u,v) (Boldi & Vigna 2014);
//     nx.harmonic_centrality(G, distance=None|"distance").
//   - PAGERANK: x = (1-α)/n + α(xP + dangling/n), α = 0.85 (Page et al. 1999);
//     nx.pagerank(G, alpha=0.85, weight=None|"weight"), converged to 1e-14
//     per node rather than NetworkX's default 1e-6.
//   - EIGENVECTOR: Perron vector of A, unit Euclidean norm, by power
//     iteration on A+I (Bonacich 1987); nx.eigenvector_centrality(G,
//     weight=None|"weight"), converged as PAGERANK.
//   - CORENESS: core number (Batagelj & Zaversnik 2003); nx.core_number(G).
//
// The path-based measures run one search per source on
// min(GOMAXPROCS, 16) goroutines; the result is the same bit for bit
// whatever GOMAXPROCS is. They take O(n·m) time (O(n·m·log n) weighted) and
// BETWEENNESS holds 16 partial sums per node, so callers should cap n.
// Centrality checks ctx before every source's search and every iteration
// and returns ctx.Err() once it is cancelled. An unknown measure
// is an error wrapping ErrInvalid. It is safe to call concurrently.
func Centrality(ctx context.Context, g *Graph, m Measure, weighted bool) ([]float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch m {
	case Degree:
		return degreeCentrality(g), nil
	case WeightedDegree:
		return weightedDegree(g), nil
	case Betweenness:
		return betweenness(ctx, g, weighted)
	case Closeness:
		return closeness(ctx, g, weighted)
	case Harmonic:
		return harmonic(ctx, g, weighted)
	case PageRank:
		return pageRank(ctx, g, weighted)
	case Eigenvector:
		return eigenvector(ctx, g, weighted)
	case Coreness:
		return coreNumber(g), nil
	default:
		return nil, fmt.Errorf("%w: unknown measure %q", ErrInvalid, string(m))
	}
}
