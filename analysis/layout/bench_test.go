package layout_test

import (
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/layout"
)

// benchGraph is the 10,000-actor place of the service benchmarks' shape:
// BarabasiAlbert(10000, 3), 29,991 ties.
func benchGraph(b *testing.B, n int) *analysis.Graph {
	b.Helper()
	g, err := analysis.NewGraph(n, analysis.BarabasiAlbert(n, 3, 1))
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkLayout times ForceAtlas2 with Barnes–Hut (θ = 1.2) on
// BarabasiAlbert(n, 3):
//
//   - iterations100: exactly 100 iterations (no stopping rule), the unit
//     of the side-by-side comparison with graphology
//     (scripts/bench/layout);
//   - default: the default options, stopping by the package's rule;
//   - warm: a warm start from the default layout, every node known and
//     free, as when a layout is recomputed and nothing changed.
func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		g := benchGraph(b, n)
		b.Run(fmt.Sprintf("n=%d/%s", n, "iterations100"), func(b *testing.B) {
			opts := layout.DefaultOptions(n)
			opts.MaxIterations, opts.Tolerance = 100, 0
			for b.Loop() {
				if _, err := layout.Layout(b.Context(), g, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
		var last layout.Result
		b.Run(fmt.Sprintf("n=%d/%s", n, "default"), func(b *testing.B) {
			opts := layout.DefaultOptions(n)
			for b.Loop() {
				res, err := layout.Layout(b.Context(), g, opts)
				if err != nil {
					b.Fatal(err)
				}
				last = res
			}
			b.ReportMetric(float64(last.Iterations), "iterations")
		})
		b.Run(fmt.Sprintf("n=%d/%s", n, "warm"), func(b *testing.B) {
			opts := layout.DefaultOptions(n)
			opts.Initial = last.Positions
			var res layout.Result
			for b.Loop() {
				var err error
				if res, err = layout.Layout(b.Context(), g, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Iterations), "iterations")
		})
	}
}
