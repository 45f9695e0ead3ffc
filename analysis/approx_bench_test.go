package analysis_test

import (
	"context"
	"fmt"
	"math"
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
