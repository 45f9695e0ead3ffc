package analysis

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/community"
)

// louvainBenchCases are the Barabási–Albert graphs (seed 1, unit weights)
// of BENCHMARKS.md's Louvain subsection; gonum is timed only where it
// finishes in reasonable time.
var louvainBenchCases = []struct {
	n, m  int
	gonum bool
}{
	{10000, 3, true},
	{10000, 10, true},
	{100000, 10, false},
}

// BenchmarkLouvain times the CSR kernel (louvainPartition) and, where
// feasible, gonum's community.Modularize on the same graph and seed, and
// reports Q of each partition (Modularity) as the metric "Q".
func BenchmarkLouvain(b *testing.B) {
	for _, bc := range louvainBenchCases {
		g, err := NewGraph(bc.n, BarabasiAlbert(bc.n, bc.m, 1))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("kernel/BA(%d,%d)", bc.n, bc.m), func(b *testing.B) {
			var labels []int32
			for b.Loop() {
				if labels, err = louvainPartition(context.Background(), g, 1); err != nil {
					b.Fatal(err)
				}
			}
			q, err := Modularity(g, groupLabels(labels))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(q, "Q")
		})
		if !bc.gonum {
			continue
		}
		b.Run(fmt.Sprintf("gonum/BA(%d,%d)", bc.n, bc.m), func(b *testing.B) {
			var comms [][]int
			for b.Loop() {
				reduced := community.Modularize(gonumView{g}, 1, rand.NewPCG(1, 1))
				comms = comms[:0]
				for _, c := range reduced.Communities() {
					var members []int
					for _, v := range c {
						members = append(members, int(v.ID()))
					}
					comms = append(comms, members)
				}
			}
			q, err := Modularity(g, comms)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(q, "Q")
		})
	}
}
