package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// checkHarmonicBound fails unless every estimate of res is within
// res.ErrorBound of exact, and returns the largest error seen.
func checkHarmonicBound(t *testing.T, name string, res analysis.ApproxResult, exact []float64) float64 {
	t.Helper()
	if len(res.Scores) != len(exact) {
		t.Fatalf("ApproxHarmonic(%s) has %d scores, want %d", name, len(res.Scores), len(exact))
	}
	var worst float64
	for v, want := range exact {
		d := math.Abs(res.Scores[v] - want)
		if math.IsNaN(d) || d > res.ErrorBound {
			t.Errorf("ApproxHarmonic(%s) node %d = %v, exact %v: error %v above the bound %v", name, v, res.Scores[v], want, d, res.ErrorBound)
		}
		worst = max(worst, d)
	}
	return worst
}

// maxWeight is the largest tie strength R of edges (1 unweighted): every
// term 1/d(u,v) of harmonic centrality lies in [0, R].
func maxWeight(edges []analysis.Edge, weighted bool) float64 {
	r := 1.0
	if weighted {
		r = 0
		for _, e := range edges {
			r = max(r, e.Weight)
		}
	}
	return r
}

// TestApproxHarmonicReference checks, for five seeds and ε = 0.1 and 0.2
// (δ = 0.1), that the estimates on Zachary's karate club, Padgett's
// Florentine families and Les Misérables stay within ErrorBound =
// ε·R·(n-1) of nx.harmonic_centrality(G, distance=None | "distance") with
// distance = 1/weight (testdata/reference.json,
// scripts/reference/networkx_reference.py). On graphs this small the
// sample is a large part of the nodes (Les Misérables, ε = 0.2: 44 of 77).
func TestApproxHarmonicReference(t *testing.T) {
	for _, rg := range loadReference(t).Graphs {
		for _, weighted := range []bool{false, true} {
			t.Run(rg.Name+"/"+weightedName(weighted), func(t *testing.T) {
				exact := rg.Centrality[analysis.Harmonic][weightedName(weighted)]
				n := len(rg.Nodes)
				if len(exact) != n {
					t.Fatalf("reference.json has no %s harmonic centrality for %s", weightedName(weighted), rg.Name)
				}
				g := rg.graph(t, false)
				edges := make([]analysis.Edge, len(rg.Edges))
				for i, e := range rg.Edges {
					edges[i] = analysis.Edge{U: int(e[0]), V: int(e[1]), Weight: e[2]}
				}
				for _, eps := range []float64{0.1, 0.2} {
					var worst float64
					var samples int
					for seed := int64(1); seed <= 5; seed++ {
						name := fmt.Sprintf("%s, %s, ε %v, seed %d", rg.Name, weightedName(weighted), eps, seed)
						res, err := analysis.ApproxHarmonic(context.Background(), g, analysis.ApproxOptions{Epsilon: eps, Delta: 0.1, Seed: seed, Weighted: weighted})
						if err != nil {
							t.Fatalf("ApproxHarmonic(%s): %v", name, err)
						}
						samples = res.Samples
						if res.Samples < n {
							if want := eps * maxWeight(edges, weighted) * float64(n-1); !near(res.ErrorBound, want, 1e-12*want) {
								t.Errorf("ApproxHarmonic(%s).ErrorBound = %v, want ε·R·(n-1) = %v", name, res.ErrorBound, want)
							}
						}
						// The exact kernel matches NetworkX to 1e-9 (reference_test.go).
						res.ErrorBound += 1e-9
						worst = max(worst, checkHarmonicBound(t, name, res, exact))
					}
					t.Logf("%s %s ε %v: %d of %d sources, max |approx-exact| over 5 seeds = %.4f, bound %.4f", rg.Name, weightedName(weighted), eps, samples, n, worst, eps*maxWeight(edges, weighted)*float64(n-1))
				}
			})
		}
	}
}

// TestApproxHarmonicBA checks the bound against the exact Centrality
// (itself checked against NetworkX) on Barabási–Albert graphs of 2,000
// nodes (m = 3, two graph seeds), unweighted and with strengths drawn from
// 1..5, for three sampling seeds each, at ε = 0.05 (1,031 sources) and
// ε = 0.1 (421 sources).
func TestApproxHarmonicBA(t *testing.T) {
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
				exact, err := analysis.Centrality(context.Background(), g, analysis.Harmonic, weighted)
				if err != nil {
					t.Fatalf("Centrality(ba%d): %v", n, err)
				}
				for _, tc := range []struct {
					eps     float64
					samples int
				}{{0.05, 1031}, {0.1, 421}} {
					var worst float64
					for seed := int64(1); seed <= sampleSeeds; seed++ {
						name := fmt.Sprintf("ba%d seed %d, %s, ε %v, sample seed %d", n, graphSeed, weightedName(weighted), tc.eps, seed)
						res, err := analysis.ApproxHarmonic(context.Background(), g, analysis.ApproxOptions{Epsilon: tc.eps, Delta: 0.1, Seed: seed, Weighted: weighted})
						if err != nil {
							t.Fatalf("ApproxHarmonic(%s): %v", name, err)
						}
						if res.Samples != tc.samples {
							t.Errorf("ApproxHarmonic(%s).Samples = %d, want %d", name, res.Samples, tc.samples)
						}
						worst = max(worst, checkHarmonicBound(t, name, res, exact))
					}
					t.Logf("ba%d seed %d %s ε %v: max |approx-exact| over %d seeds = %.3f, bound %.3f", n, graphSeed, weightedName(weighted), tc.eps, sampleSeeds, worst, tc.eps*maxWeight(edges, weighted)*(n-1))
				}
			})
		}
	}
}

// TestApproxHarmonicExact checks the cases answered exactly: when the
// sample size k = ⌈a·n/(n-1+a)⌉ + 1 reaches n every node is a source and
// the scores are those of Centrality bit for bit (Samples n, ErrorBound
// 0); a graph without ties, or of at most one node, scores 0 everywhere
// with no sampling.
func TestApproxHarmonicExact(t *testing.T) {
	path := unit([2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4})
	tests := []struct {
		name     string
		n        int
		edges    []analysis.Edge
		eps      float64
		weighted bool
		samples  int
	}{
		// n = 5, ε = 0.5, δ = 0.1: a = ln 100/0.5 = 9.21, k = ⌈9.21·5/13.21⌉ + 1 = 5.
		{"path of 5", 5, path, 0.5, false, 5},
		{"weighted path of 5", 5, []analysis.Edge{{U: 0, V: 1, Weight: 2}, {U: 1, V: 2, Weight: 1}, {U: 3, V: 4, Weight: 3}}, 0.5, true, 5},
		// Karate club, ε = 0.01: k > 34.
		{"karate ε 0.01", 34, nil, 0.01, false, 34},
		{"no ties", 4, nil, 0.1, false, 0},
		{"one node", 1, nil, 0.1, false, 0},
		{"empty", 0, nil, 0.1, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := mustGraph(t, tc.n, tc.edges)
			if tc.name == "karate ε 0.01" {
				g = loadReference(t).Graphs[0].graph(t, false)
			}
			res, err := analysis.ApproxHarmonic(context.Background(), g, analysis.ApproxOptions{Epsilon: tc.eps, Delta: 0.1, Seed: 1, Weighted: tc.weighted})
			if err != nil {
				t.Fatalf("ApproxHarmonic(%s): %v", tc.name, err)
			}
			exact, err := analysis.Centrality(context.Background(), g, analysis.Harmonic, tc.weighted)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Scores, exact) || res.Samples != tc.samples || res.ErrorBound != 0 {
				t.Errorf("ApproxHarmonic(%s) = %v, %d samples, bound %v, want %v, %d, 0", tc.name, res.Scores, res.Samples, res.ErrorBound, exact, tc.samples)
			}
		})
	}
}

// TestApproxHarmonicCancelled checks that a cancelled context stops the
// sampling, before it starts and while it runs.
func TestApproxHarmonicCancelled(t *testing.T) {
	g := mustGraph(t, 50000, analysis.BarabasiAlbert(50000, 3, 1))
	opt := analysis.ApproxOptions{Epsilon: 0.01, Delta: 0.1, Seed: 1}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := analysis.ApproxHarmonic(ctx, g, opt); !errors.Is(err, context.Canceled) {
		t.Errorf("ApproxHarmonic(cancelled) error = %v, want context.Canceled", err)
	}
	// Cancelled while running: the context turns cancelled after a few
	// checks. Counting checks instead of timing them keeps the test exact
	// on a loaded machine: once cancelled, each worker stops at its next
	// check, so at most one more check per worker (plus the final
	// ctx.Err) follows.
	tc := &trippingCtx{Context: context.Background(), after: 3, err: context.Canceled}
	if _, err := analysis.ApproxHarmonic(tc, g, opt); !errors.Is(err, context.Canceled) {
		t.Errorf("ApproxHarmonic(cancelled while running) error = %v, want context.Canceled", err)
	}
	if extra, limit := tc.checksAfter(), tc.limit(); extra > limit {
		t.Errorf("ApproxHarmonic checked the context %d times after its cancellation, want at most %d", extra, limit)
	}
}
