package analysis_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// BenchmarkApproxBetweenness times ApproxBetweenness (δ = 0.1, seed 1,
// unweighted) on Barabási–Albert graphs (seed 1) of 10,000 nodes with m = 3
// (29,991 edges) and 100,000 nodes with m = 10 (999,900 edges), for ε = 0.01,
// 0.02 and 0.05, and the exact betweenness on the 10,000-node graph. It reports
// the number of samples and, at 10,000 nodes, the largest error against the
// exact values next to the bound. See BENCHMARKS.md.
func BenchmarkApproxBetweenness(b *testing.B) {
	for _, size := range []struct{ n, m int }{{10000, 3}, {100000, 10}} {
		g := mustGraph(b, size.n, analysis.BarabasiAlbert(size.n, size.m, 1))
		var exact []float64
		if size.n <= 10000 {
			b.Run(fmt.Sprintf("exact/n=%d/m=%d", size.n, size.m), func(b *testing.B) {
				for b.Loop() {
					var err error
					if exact, err = analysis.Centrality(context.Background(), g, analysis.Betweenness, false); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		for _, eps := range []float64{0.01, 0.02, 0.05} {
			b.Run(fmt.Sprintf("eps=%g/n=%d/m=%d", eps, size.n, size.m), func(b *testing.B) {
				opt := analysis.ApproxOptions{Epsilon: eps, Delta: 0.1, Seed: 1}
				var res analysis.ApproxResult
				for b.Loop() {
					var err error
					if res, err = analysis.ApproxBetweenness(context.Background(), g, opt); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(res.Samples), "samples")
				b.ReportMetric(res.ErrorBound, "bound")
				if exact != nil {
					var worst float64
					for v, x := range exact {
						worst = max(worst, math.Abs(res.Scores[v]-x))
					}
					b.ReportMetric(worst, "maxerr")
				}
			})
		}
	}
}

// BenchmarkApproxHarmonic times ApproxHarmonic (δ = 0.1, seed 1,
// unweighted) on the graphs of BenchmarkApproxBetweenness for ε = 0.01 and
// 0.02, and the exact harmonic centrality on the 10,000-node graph. At
// 10,000 nodes it reports the largest error against the exact values
// (maxerr, next to the bound ε·(n-1)) and how well the bottom decile agrees:
// the Jaccard index of the nodes whose harmonic centrality is strictly
// below the 10th percentile (nearest rank, the PERIPHERAL rule of
// voice.HarmonicThreshold; every node of these graphs has a tie) by the
// exact and by the estimated values. See BENCHMARKS.md.
func BenchmarkApproxHarmonic(b *testing.B) {
	for _, size := range []struct{ n, m int }{{10000, 3}, {100000, 10}} {
		g := mustGraph(b, size.n, analysis.BarabasiAlbert(size.n, size.m, 1))
		var exact []float64
		if size.n <= 10000 {
			b.Run(fmt.Sprintf("exact/n=%d/m=%d", size.n, size.m), func(b *testing.B) {
				for b.Loop() {
					var err error
					if exact, err = analysis.Centrality(context.Background(), g, analysis.Harmonic, false); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		for _, eps := range []float64{0.01, 0.02} {
			b.Run(fmt.Sprintf("eps=%g/n=%d/m=%d", eps, size.n, size.m), func(b *testing.B) {
				opt := analysis.ApproxOptions{Epsilon: eps, Delta: 0.1, Seed: 1}
				var res analysis.ApproxResult
				for b.Loop() {
					var err error
					if res, err = analysis.ApproxHarmonic(context.Background(), g, opt); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(res.Samples), "samples")
				b.ReportMetric(res.ErrorBound, "bound")
				if exact != nil {
					var worst float64
					for v, x := range exact {
						worst = max(worst, math.Abs(res.Scores[v]-x))
					}
					b.ReportMetric(worst, "maxerr")
					b.ReportMetric(jaccard(bottomDecile(exact), bottomDecile(res.Scores)), "jaccard")
				}
			})
		}
	}
}

// bottomDecile returns the nodes whose score is strictly below the 10th
// percentile x_r, r = ⌈k/10⌉, of the k scores sorted ascending (the rule of
// voice.HarmonicThreshold, for graphs without isolated nodes).
func bottomDecile(scores []float64) map[int]bool {
	sorted := slices.Clone(scores)
	slices.Sort(sorted)
	threshold := sorted[(len(sorted)+9)/10-1]
	set := map[int]bool{}
	for v, x := range scores {
		if x < threshold {
			set[v] = true
		}
	}
	return set
}

// jaccard returns |a ∩ b| / |a ∪ b|, 1 for two empty sets.
func jaccard(a, b map[int]bool) float64 {
	both := 0
	for v := range a {
		if b[v] {
			both++
		}
	}
	union := len(a) + len(b) - both
	if union == 0 {
		return 1
	}
	return float64(both) / float64(union)
}
