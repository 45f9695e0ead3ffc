package analysis

// This file is the contract between analysis and its callers. The
// implementation lives in the other files of the package.

// Edge is an undirected tie between two node indices with a strength > 0.
type Edge struct {
	U, V   int
	Weight float64
}

// Measure names a per-node centrality measure.
type Measure string

// Measures, each with its NetworkX 3 equivalent.
const (
	Degree         Measure = "DEGREE"          // degree_centrality
	WeightedDegree Measure = "WEIGHTED_DEGREE" // G.degree(weight="weight")
	Betweenness    Measure = "BETWEENNESS"     // betweenness_centrality(normalized=True)
	Closeness      Measure = "CLOSENESS"       // closeness_centrality (wf_improved=True)
	Harmonic       Measure = "HARMONIC"        // harmonic_centrality
	PageRank       Measure = "PAGERANK"        // pagerank(alpha=0.85)
	Eigenvector    Measure = "EIGENVECTOR"     // eigenvector_centrality
	Coreness       Measure = "CORENESS"        // core_number
)

// Measures lists every measure.
var Measures = []Measure{Degree, WeightedDegree, Betweenness, Closeness, Harmonic, PageRank, Eigenvector, Coreness}
