package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// approxOpts are the options the accuracy tests use: ε = 0.01, δ = 0.1.
func approxOpts(seed int64, weighted bool) analysis.ApproxOptions {
	return analysis.ApproxOptions{Epsilon: 0.01, Delta: 0.1, Seed: seed, Weighted: weighted}
}

// checkWithinBound fails unless every estimate of res is within
// res.ErrorBound of exact, and returns the largest error seen.
func checkWithinBound(t *testing.T, name string, res analysis.ApproxResult, exact []float64) float64 {
	t.Helper()
	if len(res.Scores) != len(exact) {
		t.Fatalf("ApproxBetweenness(%s) has %d scores, want %d", name, len(res.Scores), len(exact))
	}
	var worst float64
	for v, want := range exact {
		d := math.Abs(res.Scores[v] - want)
		if math.IsNaN(d) || d > res.ErrorBound {
			t.Errorf("ApproxBetweenness(%s) node %d = %v, exact %v: error %v above the bound %v", name, v, res.Scores[v], want, d, res.ErrorBound)
		}
		worst = max(worst, d)
	}
	return worst
}

// wantErrorBound is ε·n/(n-2), the RK bound ε on b(v) = 1/(n(n-1)) Σ_{s≠t}
// carried to NetworkX's 2/((n-1)(n-2)) Σ_{s<t}.
func wantErrorBound(eps float64, n int) float64 {
	return eps * float64(n) / float64(n-2)
}

// TestApproxBetweennessReference checks, for five seeds, that the estimates
// on Zachary's karate club, Padgett's Florentine families and Les
// Misérables stay within ErrorBound of nx.betweenness_centrality(G,
// normalized=True, weight=None | "distance") with distance = 1/weight
// (testdata/reference.json, scripts/reference/networkx_reference.py).
func TestApproxBetweennessReference(t *testing.T) {
	for _, rg := range loadReference(t).Graphs {
		for _, weighted := range []bool{false, true} {
			t.Run(rg.Name+"/"+weightedName(weighted), func(t *testing.T) {
				exact := rg.Centrality[analysis.Betweenness][weightedName(weighted)]
				if len(exact) != len(rg.Nodes) {
					t.Fatalf("reference.json has no %s betweenness for %s", weightedName(weighted), rg.Name)
				}
				g := rg.graph(t, false)
				var worst float64
				for seed := int64(1); seed <= 5; seed++ {
					name := fmt.Sprintf("%s, %s, seed %d", rg.Name, weightedName(weighted), seed)
					res, err := analysis.ApproxBetweenness(context.Background(), g, approxOpts(seed, weighted))
					if err != nil {
						t.Fatalf("ApproxBetweenness(%s): %v", name, err)
					}
					if want := wantErrorBound(0.01, len(rg.Nodes)); !near(res.ErrorBound, want, 1e-15) {
						t.Errorf("ApproxBetweenness(%s).ErrorBound = %v, want %v", name, res.ErrorBound, want)
					}
					if res.Samples <= 0 || res.Delta != 0.1 {
						t.Errorf("ApproxBetweenness(%s) Samples, Delta = %d, %v, want > 0, 0.1", name, res.Samples, res.Delta)
					}
					worst = max(worst, checkWithinBound(t, name, res, exact))
				}
				t.Logf("%s %s: max |approx-exact| over 5 seeds = %.5f, bound %.5f", rg.Name, weightedName(weighted), worst, wantErrorBound(0.01, len(rg.Nodes)))
			})
		}
	}
}

// TestApproxBetweennessBA checks the bound against the exact Centrality
// (itself checked against NetworkX and gonum) on Barabási–Albert graphs of
// 2,000 nodes (m = 3, two graph seeds), unweighted and with strengths drawn
// from 1..5, for three sampling seeds each.
func TestApproxBetweennessBA(t *testing.T) {
	const n = 2000
	graphSeeds, sampleSeeds := []int64{1, 2}, int64(3)
	if testing.Short() {
		graphSeeds, sampleSeeds = graphSeeds[:1], 1
	}
	for _, graphSeed := range graphSeeds {
		edges := analysis.BarabasiAlbert(n, 3, graphSeed)
		rnd := rand.New(rand.NewPCG(uint64(graphSeed), 99))
		for i := range edges {
			edges[i].Weight = float64(1 + rnd.IntN(5))
		}
		g := mustGraph(t, n, edges)
		for _, weighted := range []bool{false, true} {
			t.Run(fmt.Sprintf("seed=%d/%s", graphSeed, weightedName(weighted)), func(t *testing.T) {
				exact, err := analysis.Centrality(context.Background(), g, analysis.Betweenness, weighted)
				if err != nil {
					t.Fatalf("Centrality(ba%d): %v", n, err)
				}
				var worst float64
				var samples int
				for seed := int64(1); seed <= sampleSeeds; seed++ {
					name := fmt.Sprintf("ba%d seed %d, %s, sample seed %d", n, graphSeed, weightedName(weighted), seed)
					res, err := analysis.ApproxBetweenness(context.Background(), g, approxOpts(seed, weighted))
					if err != nil {
						t.Fatalf("ApproxBetweenness(%s): %v", name, err)
					}
					samples = res.Samples
					worst = max(worst, checkWithinBound(t, name, res, exact))
				}
				t.Logf("ba%d seed %d %s: %d samples, max |approx-exact| over %d seeds = %.5f, bound %.5f", n, graphSeed, weightedName(weighted), samples, sampleSeeds, worst, wantErrorBound(0.01, n))
			})
		}
	}
}

// TestApproxBetweennessPathChoice checks that a shortest path is drawn in
// proportion to the number of paths through each predecessor, not
// uniformly among predecessors. In this graph the 3 shortest paths 0→6 are
// 0-1-3-6, 0-2-3-6 and 0-4-5-6: node 3 lies on 2 of them, node 5 on 1. A
// walk that picked 3 or 5 with probability 1/2 each would move node 5 by
// 0.0111 on NetworkX's scale (worked out by enumerating every pair in
// Python), four times the bound 0.002·7/5 = 0.0028 used here.
func TestApproxBetweennessPathChoice(t *testing.T) {
	g := mustGraph(t, 7, unit([2]int{0, 1}, [2]int{0, 2}, [2]int{1, 3}, [2]int{2, 3}, [2]int{0, 4}, [2]int{4, 5}, [2]int{3, 6}, [2]int{5, 6}))
	exact, err := analysis.Centrality(context.Background(), g, analysis.Betweenness, false)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.ApproxBetweenness(context.Background(), g, analysis.ApproxOptions{Epsilon: 0.002, Delta: 0.1, Seed: 1})
	if err != nil {
		t.Fatalf("ApproxBetweenness(7 nodes): %v", err)
	}
	worst := checkWithinBound(t, "7 nodes", res, exact)
	t.Logf("7 nodes: %d samples, max |approx-exact| = %.5f, bound %.5f", res.Samples, worst, res.ErrorBound)
}

// TestApproxBetweennessGrid checks end to end that the bidirectional
// sampler draws a shortest path uniformly when there are many: on a 5×6
// grid (126 shortest paths between opposite corners, and the middle
// columns on far more of them than the border) the estimates at ε = 0.003
// stay within the bound 0.003·30/28 of the exact betweenness. Drawing a
// predecessor uniformly instead of in proportion to σ puts 20 of the 30
// estimates outside the bound (tried); the choice of the meeting edge is
// checked exactly by TestWeightedChoice. Unweighted and with every tie of
// strength 2 (lengths 1/2, also breadth-first).
func TestApproxBetweennessGrid(t *testing.T) {
	var edges []analysis.Edge
	for r := range 5 {
		for c := range 6 {
			v := 6*r + c
			if c < 5 {
				edges = append(edges, analysis.Edge{U: v, V: v + 1, Weight: 2})
			}
			if r < 4 {
				edges = append(edges, analysis.Edge{U: v, V: v + 6, Weight: 2})
			}
		}
	}
	g := mustGraph(t, 30, edges)
	for _, weighted := range []bool{false, true} {
		t.Run(weightedName(weighted), func(t *testing.T) {
			exact, err := analysis.Centrality(context.Background(), g, analysis.Betweenness, weighted)
			if err != nil {
				t.Fatal(err)
			}
			res, err := analysis.ApproxBetweenness(context.Background(), g, analysis.ApproxOptions{Epsilon: 0.003, Delta: 0.1, Seed: 5, Weighted: weighted})
			if err != nil {
				t.Fatalf("ApproxBetweenness(grid 5x6): %v", err)
			}
			worst := checkWithinBound(t, "grid 5x6", res, exact)
			t.Logf("grid 5x6 %s: %d samples, max |approx-exact| = %.5f, bound %.5f", weightedName(weighted), res.Samples, worst, res.ErrorBound)
		})
	}
}

// TestApproxBetweennessSampleSize checks the vertex-diameter bound VD and
// r = ⌈(0.5/ε²)(⌊log₂(VD-2)⌋ + 1 + ln(1/δ))⌉ on small graphs, with ε = δ =
// 0.1, so 0.5/ε² = 50 and ln 10 = 2.302585:
//
//   - VD = 3: ⌈50·(0 + 1 + 2.302585)⌉ = 166
//   - VD = 5: ⌈50·(1 + 1 + 2.302585)⌉ = 216
//   - VD = 6: ⌈50·(2 + 1 + 2.302585)⌉ = 266
//   - VD = 10: ⌈50·(3 + 1 + 2.302585)⌉ = 316
//
// It also checks the scores that are exact whatever the draws: leaves of a
// star and every node of a complete graph score 0.
func TestApproxBetweennessSampleSize(t *testing.T) {
	star := func(leaves int, w func(leaf int) float64) []analysis.Edge {
		var edges []analysis.Edge
		for i := 1; i <= leaves; i++ {
			edges = append(edges, analysis.Edge{U: 0, V: i, Weight: w(i)})
		}
		return edges
	}
	one := func(int) float64 { return 1 }
	path := func(from, to int) [][2]int {
		var p [][2]int
		for i := from; i < to; i++ {
			p = append(p, [2]int{i, i + 1})
		}
		return p
	}
	tests := []struct {
		name     string
		n        int
		edges    []analysis.Edge
		weighted bool
		samples  int
		zero     []int // nodes whose score must be exactly 0
	}{
		// From node 0, e = 9, so 2e+1 = 19, capped at the 10 nodes.
		{"path of 10", 10, unit(path(0, 9)...), false, 316, []int{0, 9}},
		// Components 0..3 (VD 4) and 4..9 (from node 4, e = 5, VD 6).
		{"paths of 4 and 6", 10, unit(append(path(0, 3), path(4, 9)...)...), false, 266, []int{0, 3, 4, 9}},
		// From the centre, e = 1: VD = 3.
		{"star of 20", 21, star(20, one), false, 166, []int{1, 2, 20}},
		// All strengths 3: the weighted search is breadth-first, VD = 3.
		{"uniform weighted star", 21, star(20, func(int) float64 { return 3 }), true, 166, []int{1, 20}},
		// Leaf 1 has strength 2 (length 0.5): e = 1, ℓ_min = 0.5,
		// ⌊2·1/0.5⌋ + 1 = 5 nodes.
		{"weighted star", 21, star(20, func(i int) float64 { return float64(1 + b2f(i == 1)) }), true, 216, []int{1, 20}},
		// From node 0, e = 1: VD = 3, yet every shortest path is an edge.
		{"complete K4", 4, unit([2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{1, 2}, [2]int{1, 3}, [2]int{2, 3}), false, 166, []int{0, 1, 2, 3}},
		// VD = 2: no internal node is possible, no sampling.
		{"matching", 6, unit([2]int{0, 1}, [2]int{2, 3}, [2]int{4, 5}), false, 0, []int{0, 1, 2, 3, 4, 5}},
		{"no edges", 5, nil, false, 0, []int{0, 1, 2, 3, 4}},
		{"two nodes", 2, unit([2]int{0, 1}), false, 0, []int{0, 1}},
		{"empty", 0, nil, false, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := mustGraph(t, tc.n, tc.edges)
			res, err := analysis.ApproxBetweenness(context.Background(), g, analysis.ApproxOptions{Epsilon: 0.1, Delta: 0.1, Seed: 3, Weighted: tc.weighted})
			if err != nil {
				t.Fatalf("ApproxBetweenness(%s): %v", tc.name, err)
			}
			if res.Samples != tc.samples {
				t.Errorf("ApproxBetweenness(%s).Samples = %d, want %d", tc.name, res.Samples, tc.samples)
			}
			if len(res.Scores) != tc.n {
				t.Fatalf("ApproxBetweenness(%s) has %d scores, want %d", tc.name, len(res.Scores), tc.n)
			}
			for _, v := range tc.zero {
				if res.Scores[v] != 0 {
					t.Errorf("ApproxBetweenness(%s) node %d = %v, want 0", tc.name, v, res.Scores[v])
				}
			}
			wantBound := 0.0
			if tc.samples > 0 {
				wantBound = wantErrorBound(0.1, tc.n)
			}
			if res.ErrorBound != wantBound {
				t.Errorf("ApproxBetweenness(%s).ErrorBound = %v, want %v", tc.name, res.ErrorBound, wantBound)
			}
			exact, err := analysis.Centrality(context.Background(), g, analysis.Betweenness, tc.weighted)
			if err != nil {
				t.Fatal(err)
			}
			checkWithinBound(t, tc.name, res, exact)
		})
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// TestApproxBetweennessCancelled checks that a cancelled context stops the
// sampling, before it starts and while it runs.
func TestApproxBetweennessCancelled(t *testing.T) {
	g := mustGraph(t, 20000, analysis.BarabasiAlbert(20000, 3, 1))
	opt := analysis.ApproxOptions{Epsilon: 0.002, Delta: 0.1, Seed: 1}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := analysis.ApproxBetweenness(ctx, g, opt); !errors.Is(err, context.Canceled) {
		t.Errorf("ApproxBetweenness(cancelled) error = %v, want context.Canceled", err)
	}
	tc := &trippingCtx{Context: context.Background(), after: 3, err: context.Canceled}
	if _, err := analysis.ApproxBetweenness(tc, g, opt); !errors.Is(err, context.Canceled) {
		t.Errorf("ApproxBetweenness(cancelled while running) error = %v, want context.Canceled", err)
	}
	if extra, limit := tc.checksAfter(), tc.limit(); extra > limit {
		t.Errorf("ApproxBetweenness checked the context %d times after its cancellation, want at most %d", extra, limit)
	}
}
