package power_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/power"
)

// benchGraphs are Barabási–Albert graphs (analysis.BarabasiAlbert, seed 1)
// of the sizes BENCHMARKS.md reports: 10k actors / 30k ties and 100k actors / 1M ties.
var benchGraphs = []struct {
	n, m int
}{
	{n: 10_000, m: 3},
	{n: 100_000, m: 10},
}

func benchGraph(b *testing.B, n, m int) *analysis.Graph {
	b.Helper()
	g, err := analysis.NewGraph(n, analysis.BarabasiAlbert(n, m, 1))
	if err != nil {
		b.Fatalf("NewGraph(BA %d, %d): %v", n, m, err)
	}
	return g
}

func BenchmarkPower(b *testing.B) {
	for _, size := range benchGraphs {
		g := benchGraph(b, size.n, size.m)
		// Every tenth actor holds decision power; everyone else is a source.
		sources, targets := make([]bool, size.n), make([]bool, size.n)
		for v := range size.n {
			targets[v] = v%10 == 0
			sources[v] = !targets[v]
		}
		name := fmt.Sprintf("BA%d_m%d", size.n, size.m)
		b.Run(name+"/Constraint", func(b *testing.B) {
			for b.Loop() {
				power.Constraint(g, true)
			}
		})
		b.Run(name+"/EffectiveSize", func(b *testing.B) {
			for b.Loop() {
				power.EffectiveSize(g, true)
			}
		})
		b.Run(name+"/ArticulationPoints", func(b *testing.B) {
			for b.Loop() {
				power.ArticulationPoints(g)
			}
		})
		b.Run(name+"/Gatekeepers", func(b *testing.B) {
			for b.Loop() {
				if _, err := power.Gatekeepers(g, sources, targets); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/DegreeCentralization", func(b *testing.B) {
			for b.Loop() {
				power.DegreeCentralization(g)
			}
		})
		if size.n <= 10_000 {
			b.Run(name+"/BetweennessCentralization", func(b *testing.B) {
				for b.Loop() {
					if _, err := power.BetweennessCentralization(context.Background(), g); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		scores := power.Constraint(g, false)
		for i := range scores {
			scores[i] = 1 / scores[i]
		}
		b.Run(name+"/GiniTopShare", func(b *testing.B) {
			for b.Loop() {
				power.Gini(scores)
				power.TopShare(scores, 0.05)
			}
		})
	}
}
