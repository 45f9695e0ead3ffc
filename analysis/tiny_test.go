package analysis_test

import (
	"context"
	"math"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// TestCentralityTiny checks every measure on small graphs worked out by
// hand. The derivations are in the comments; each value follows the NetworkX
// function named in Centrality's documentation.
func TestCentralityTiny(t *testing.T) {
	const tol = 1e-9
	sqrt2 := math.Sqrt2

	// path is 0 - 1 - 2.
	path := mustGraph(t, 3, unit([2]int{0, 1}, [2]int{1, 2}))
	// star has centre 0 and leaves 1..4.
	star := mustGraph(t, 5, unit([2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{0, 4}))
	triangle := mustGraph(t, 3, unit([2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}))
	// split is the edge 0 - 1, the path 2 - 3 - 4 and the isolated node 5.
	split := mustGraph(t, 6, unit([2]int{0, 1}, [2]int{2, 3}, [2]int{3, 4}))
	single := mustGraph(t, 1, nil)
	empty := mustGraph(t, 0, nil)
	// square is the cycle 0-1-2-3-0 whose tie 3-0 has strength 4, so
	// length 1/4 when weighted; the other ties have strength 1.
	square := mustGraph(t, 4, []analysis.Edge{{U: 0, V: 1, Weight: 1}, {U: 1, V: 2, Weight: 1}, {U: 2, V: 3, Weight: 1}, {U: 3, V: 0, Weight: 4}})
	// even is the same cycle with every strength 2: lengths 1/2 add up
	// exactly, so both paths between opposite corners tie, as unweighted.
	even := mustGraph(t, 4, []analysis.Edge{{U: 0, V: 1, Weight: 2}, {U: 1, V: 2, Weight: 2}, {U: 2, V: 3, Weight: 2}, {U: 3, V: 0, Weight: 2}})

	tests := []struct {
		name     string
		g        *analysis.Graph
		measure  analysis.Measure
		weighted bool
		want     []float64
	}{
		// deg/(n-1): ends 1/2, middle 2/2.
		{"path/degree", path, analysis.Degree, false, []float64{0.5, 1, 0.5}},
		{"path/weighted degree", path, analysis.WeightedDegree, false, []float64{1, 2, 1}},
		// Only the pair (0,2) passes through 1: 1 pair · 2/((n-1)(n-2)) = 1.
		{"path/betweenness", path, analysis.Betweenness, false, []float64{0, 1, 0}},
		// End: Σd = 1+2 = 3, r-1 = 2: (2/3)·(2/2). Middle: 2/2.
		{"path/closeness", path, analysis.Closeness, false, []float64{2.0 / 3, 1, 2.0 / 3}},
		// End: 1/1 + 1/2. Middle: 1 + 1.
		{"path/harmonic", path, analysis.Harmonic, false, []float64{1.5, 2, 1.5}},
		// Ends a, middle b: a = 0.05 + 0.85·b/2, b = 0.05 + 0.85·2a,
		// so a = 0.07125/0.2775 = 19/74 and b = 36/74.
		{"path/pagerank", path, analysis.PageRank, false, []float64{19.0 / 74, 36.0 / 74, 19.0 / 74}},
		// λ = √2, x ∝ (1, √2, 1), unit norm: (1/2, √2/2, 1/2).
		{"path/eigenvector", path, analysis.Eigenvector, false, []float64{0.5, sqrt2 / 2, 0.5}},
		{"path/coreness", path, analysis.Coreness, false, []float64{1, 1, 1}},

		{"star/degree", star, analysis.Degree, false, []float64{1, 0.25, 0.25, 0.25, 0.25}},
		// The 6 leaf pairs all pass through the centre: 6 · 2/(4·3) = 1.
		{"star/betweenness", star, analysis.Betweenness, false, []float64{1, 0, 0, 0, 0}},
		// Leaf: Σd = 1 + 3·2 = 7, so 4/7.
		{"star/closeness", star, analysis.Closeness, false, []float64{1, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7}},
		// Leaf: 1 + 3·1/2.
		{"star/harmonic", star, analysis.Harmonic, false, []float64{4, 2.5, 2.5, 2.5, 2.5}},
		// Leaf l = 0.03 + 0.85·c/4, centre c = 0.03 + 0.85·4l:
		// l = 0.036375/0.2775 = 97/740, c = 352/740.
		{"star/pagerank", star, analysis.PageRank, false, []float64{352.0 / 740, 97.0 / 740, 97.0 / 740, 97.0 / 740, 97.0 / 740}},
		// λ = 2, centre = 2·leaf, 4l² + 4l² = 1: leaf 1/√8, centre 1/√2.
		{"star/eigenvector", star, analysis.Eigenvector, false, []float64{1 / sqrt2, 1 / math.Sqrt(8), 1 / math.Sqrt(8), 1 / math.Sqrt(8), 1 / math.Sqrt(8)}},
		{"star/coreness", star, analysis.Coreness, false, []float64{1, 1, 1, 1, 1}},

		{"triangle/degree", triangle, analysis.Degree, false, []float64{1, 1, 1}},
		{"triangle/betweenness", triangle, analysis.Betweenness, false, []float64{0, 0, 0}},
		{"triangle/closeness", triangle, analysis.Closeness, false, []float64{1, 1, 1}},
		{"triangle/harmonic", triangle, analysis.Harmonic, false, []float64{2, 2, 2}},
		{"triangle/pagerank", triangle, analysis.PageRank, false, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"triangle/eigenvector", triangle, analysis.Eigenvector, false, []float64{1 / math.Sqrt(3), 1 / math.Sqrt(3), 1 / math.Sqrt(3)}},
		{"triangle/coreness", triangle, analysis.Coreness, false, []float64{2, 2, 2}},

		{"split/degree", split, analysis.Degree, false, []float64{0.2, 0.2, 0.2, 0.4, 0.2, 0}},
		// Only the pair (2,4) passes through 3: 1 · 2/(5·4) = 0.1.
		{"split/betweenness", split, analysis.Betweenness, false, []float64{0, 0, 0, 0.1, 0, 0}},
		// Wasserman–Faust: node 0 reaches r-1 = 1 node at Σd = 1: (1/1)·(1/5).
		// Node 2: r-1 = 2, Σd = 3: (2/3)·(2/5) = 4/15. Node 3: (2/2)·(2/5).
		// The isolated node scores 0.
		{"split/closeness", split, analysis.Closeness, false, []float64{0.2, 0.2, 4.0 / 15, 0.4, 4.0 / 15, 0}},
		{"split/harmonic", split, analysis.Harmonic, false, []float64{1, 1, 1.5, 2, 1.5, 0}},
		// Power iteration on A+I from the uniform vector: the path's part
		// grows as (1+√2)^k, the edge's as 2^k and the isolated node's as 1,
		// so after normalising only the path survives, as in NetworkX.
		{"split/eigenvector", split, analysis.Eigenvector, false, []float64{0, 0, 0.5, sqrt2 / 2, 0.5, 0}},
		{"split/coreness", split, analysis.Coreness, false, []float64{1, 1, 1, 1, 1, 0}},

		// NetworkX gives a lone node degree centrality 1, PageRank 1 and
		// eigenvector centrality 1, and 0 for the path measures.
		{"single/degree", single, analysis.Degree, false, []float64{1}},
		{"single/weighted degree", single, analysis.WeightedDegree, false, []float64{0}},
		{"single/betweenness", single, analysis.Betweenness, false, []float64{0}},
		{"single/closeness", single, analysis.Closeness, true, []float64{0}},
		{"single/harmonic", single, analysis.Harmonic, false, []float64{0}},
		{"single/pagerank", single, analysis.PageRank, false, []float64{1}},
		{"single/eigenvector", single, analysis.Eigenvector, false, []float64{1}},
		{"single/coreness", single, analysis.Coreness, false, []float64{0}},

		// Unweighted, each pair of opposite corners has two shortest paths,
		// one through each other corner: every node gets 1/2 pair · 2/(3·2).
		{"square/betweenness", square, analysis.Betweenness, false, []float64{1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6}},
		// Weighted, lengths are 1, 1, 1, 1/4: 0→2 is shorter through 3
		// (1/4 + 1 < 2) and 1→3 through 0 (1 + 1/4 < 2); adjacent pairs
		// stay direct. So 0 and 3 carry one pair each: 1 · 2/(3·2) = 1/3.
		{"square/betweenness weighted", square, analysis.Betweenness, true, []float64{1.0 / 3, 0, 0, 1.0 / 3}},
		// Node 0: d = 1 (to 1), 1/4 (to 3), 5/4 (to 2): Σd = 5/2, 3/(5/2).
		{"square/closeness weighted", square, analysis.Closeness, true, []float64{1.2, 3 / 3.25, 3 / 3.25, 1.2}},
		// Node 0: 1/1 + 1/(1/4) + 1/(5/4) = 5.8. Node 1: 1 + 1 + 1/(5/4) = 2.8.
		{"square/harmonic weighted", square, analysis.Harmonic, true, []float64{5.8, 2.8, 2.8, 5.8}},
		{"square/weighted degree", square, analysis.WeightedDegree, false, []float64{5, 2, 2, 5}},
		// Equal lengths 1/2 + 1/2 tie exactly, so two paths per opposite pair.
		{"even/betweenness weighted", even, analysis.Betweenness, true, []float64{1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6}},
		// Every node: 1/(1/2) + 1/(1/2) + 1/1.
		{"even/harmonic weighted", even, analysis.Harmonic, true, []float64{5, 5, 5, 5}},
		// Every node: 3/(1/2 + 1/2 + 1).
		{"even/closeness weighted", even, analysis.Closeness, true, []float64{1.5, 1.5, 1.5, 1.5}},
	}
	for _, m := range analysis.Measures {
		tests = append(tests, struct {
			name     string
			g        *analysis.Graph
			measure  analysis.Measure
			weighted bool
			want     []float64
		}{"empty/" + string(m), empty, m, false, []float64{}})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := analysis.Centrality(context.Background(), tc.g, tc.measure, tc.weighted)
			if err != nil {
				t.Fatalf("Centrality(%s, %s, %v): %v", tc.name, tc.measure, tc.weighted, err)
			}
			if got == nil || len(got) != len(tc.want) {
				t.Fatalf("Centrality(%s, %s, %v) = %v, want %v", tc.name, tc.measure, tc.weighted, got, tc.want)
			}
			for i := range tc.want {
				if !near(got[i], tc.want[i], tol) {
					t.Errorf("Centrality(%s, %s, %v) node %d = %v, want %v", tc.name, tc.measure, tc.weighted, i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestPageRankDangling checks that an isolated node spreads its rank
// uniformly, so that the scores still sum to 1 and symmetric nodes tie.
func TestPageRankDangling(t *testing.T) {
	g := mustGraph(t, 6, unit([2]int{0, 1}, [2]int{2, 3}, [2]int{3, 4}))
	pr, err := analysis.Centrality(context.Background(), g, analysis.PageRank, false)
	if err != nil {
		t.Fatalf("Centrality(split, PAGERANK): %v", err)
	}
	var sum float64
	for _, x := range pr {
		sum += x
	}
	if !near(sum, 1, 1e-12) {
		t.Errorf("Σ Centrality(split, PAGERANK) = %v, want 1", sum)
	}
	if !near(pr[0], pr[1], 1e-12) || !near(pr[2], pr[4], 1e-12) {
		t.Errorf("Centrality(split, PAGERANK) = %v, want pr[0] = pr[1] and pr[2] = pr[4]", pr)
	}
	// The isolated node receives (1-α)/n plus α/n of the dangling mass,
	// which is its own rank: x = 0.025 + 0.85·x/6, x = 0.025/(1-0.85/6).
	if want := 0.025 / (1 - 0.85/6); !near(pr[5], want, 1e-12) {
		t.Errorf("Centrality(split, PAGERANK) node 5 = %v, want %v", pr[5], want)
	}
}

// TestSummarizeTiny checks Summarize on hand-worked graphs.
func TestSummarizeTiny(t *testing.T) {
	const tol = 1e-12
	tests := []struct {
		name string
		g    *analysis.Graph
		want analysis.Summary
	}{
		{"empty", mustGraph(t, 0, nil), analysis.Summary{}},
		{"single", mustGraph(t, 1, nil), analysis.Summary{Nodes: 1, Components: 1}},
		// Density 2·3/(3·2); every node's two neighbours are linked.
		{"triangle", mustGraph(t, 3, unit([2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2})),
			analysis.Summary{Nodes: 3, Edges: 3, Components: 1, Density: 1, AverageDegree: 2, AverageClustering: 1}},
		// Components {0,1}, {2,3,4}, {5}; density 2·3/(6·5); no triangles.
		{"split", mustGraph(t, 6, unit([2]int{0, 1}, [2]int{2, 3}, [2]int{3, 4})),
			analysis.Summary{Nodes: 6, Edges: 3, Components: 3, Density: 0.2, AverageDegree: 1}},
		// A triangle 0-1-2 with a pendant 3 on 2: clustering 1, 1, 1/3, 0,
		// mean 7/12; density 2·4/(4·3).
		{"paw", mustGraph(t, 4, unit([2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}, [2]int{2, 3})),
			analysis.Summary{Nodes: 4, Edges: 4, Components: 1, Density: 2.0 / 3, AverageDegree: 2, AverageClustering: 7.0 / 12}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := analysis.Summarize(context.Background(), tc.g)
			if err != nil {
				t.Fatalf("Summarize(%s): %v", tc.name, err)
			}
			if got.Nodes != tc.want.Nodes || got.Edges != tc.want.Edges || got.Components != tc.want.Components ||
				!near(got.Density, tc.want.Density, tol) || !near(got.AverageDegree, tc.want.AverageDegree, tol) ||
				!near(got.AverageClustering, tc.want.AverageClustering, tol) {
				t.Errorf("Summarize(%s) = %+v, want %+v", tc.name, got, tc.want)
			}
		})
	}
}
