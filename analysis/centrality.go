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
// BETWEENNESS runs one Brandes search per source on min(GOMAXPROCS, 16)
// goroutines, O(n·m) time (O(n·m·log n) weighted), with 16 partial sums
// per node. CLOSENESS and HARMONIC measured in edges (unweighted, or one
// strength everywhere) run a bit-parallel breadth-first search from 256
// sources at a time (Then et al. 2014, bfsAllSources): still O(n·m) in the
// worst case, but each edge is scanned once per level for 256 sources, so
// a graph of 100,000 nodes and 1,000,000 edges takes seconds, not hours
// (BENCHMARKS.md); weighted with mixed strengths they run one Dijkstra
// search per source with a radix heap, O(n·m·log n). PAGERANK and
// EIGENVECTOR make one pass over the edges per power iteration, in node
// blocks on parallel goroutines. Every result is the same bit for bit
// whatever GOMAXPROCS is. Callers should cap n for the all-sources measures.
// Centrality checks ctx before every source's search, batch of sources or
// iteration and returns ctx.Err() once it is cancelled; the all-sources
// measures report their progress to the function of WithProgress. An
// unknown measure is an error wrapping ErrInvalid. It is safe to call
// concurrently.
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
