package analysis

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// peerGraph reads one graph of the side-by-side benchmarks against igraph
// and graph-tool from the directory in VOICEMAP_PEERS_DATA, where
// scripts/bench/kernels.sh has written them with scripts/bench/kernelsdata
// (the power grid; BarabasiAlbert(10000, 3, 1), unweighted and with
// strengths 1..5; BarabasiAlbert(100000, 10, 1)), so that the three
// libraries time exactly the same graphs. Without the variable the
// benchmark is skipped.
func peerGraph(b *testing.B, name string) *Graph {
	b.Helper()
	dir := os.Getenv("VOICEMAP_PEERS_DATA")
	if dir == "" {
		b.Skip("VOICEMAP_PEERS_DATA is not set: run scripts/bench/kernels.sh")
	}
	data, err := os.ReadFile(filepath.Join(dir, name+".txt"))
	if err != nil {
		b.Fatal(err)
	}
	var edges []Edge
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "# n "); ok {
			if _, err := fmt.Sscan(rest, &n); err != nil {
				b.Fatalf("%s: header %q: %v", name, line, err)
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e := Edge{Weight: 1}
		fields := strings.Fields(line)
		if _, err := fmt.Sscan(line, &e.U, &e.V); err != nil {
			b.Fatalf("%s: line %q: %v", name, line, err)
		}
		if len(fields) == 3 {
			if _, err := fmt.Sscan(fields[2], &e.Weight); err != nil {
				b.Fatalf("%s: line %q: %v", name, line, err)
			}
		}
		edges = append(edges, e)
	}
	g, err := NewGraph(n, edges)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkPeers times the rows of issue 13's table that
// scripts/bench/kernels.sh measures beside igraph and graph-tool, one
// sub-benchmark per row, on the graphs of peerGraph. Each reports a
// checksum of its answer as the metric "sum": Σ_v (v+1)·score(v)/n, or Q
// for Louvain, which the script prints beside the peers' own.
func BenchmarkPeers(b *testing.B) {
	rows := []struct {
		name, graph string
		run         func(ctx context.Context, g *Graph) (float64, error)
	}{
		{"louvain-powergrid", "powergrid", louvainQ1},
		{"louvain-ba10k", "ba10k", louvainQ1},
		{"closeness-weighted-ba10k", "ba10k-weighted", measureSum(Closeness, true)},
		{"pagerank-ba10k", "ba10k", measureSum(PageRank, false)},
		{"pagerank-ba100k", "ba100k", measureSum(PageRank, false)},
		{"eigenvector-ba10k", "ba10k", measureSum(Eigenvector, false)},
		{"eigenvector-ba100k", "ba100k", measureSum(Eigenvector, false)},
		{"closeness-ba100k", "ba100k", measureSum(Closeness, false)},
		{"harmonic-ba100k", "ba100k", measureSum(Harmonic, false)},
	}
	for _, row := range rows {
		b.Run(row.name, func(b *testing.B) {
			g := peerGraph(b, row.graph)
			var sum float64
			for b.Loop() {
				var err error
				if sum, err = row.run(context.Background(), g); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(sum, "sum")
			// The metric prints 4 digits: the whole checksum goes to a
			// file of the data directory for the script.
			f, err := os.OpenFile(filepath.Join(os.Getenv("VOICEMAP_PEERS_DATA"), "checksums.txt"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				b.Fatal(err)
			}
			fmt.Fprintf(f, "%s %.10g\n", row.name, sum)
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// louvainQ1 is Communities with seed 1; its checksum is Q.
func louvainQ1(ctx context.Context, g *Graph) (float64, error) {
	res, err := Communities(ctx, g, 1)
	return res.Modularity, err
}

// measureSum returns a row running Centrality(m, weighted) whose checksum
// is Σ_v (v+1)·score(v)/n, which a permutation or a wrong value changes.
func measureSum(m Measure, weighted bool) func(context.Context, *Graph) (float64, error) {
	return func(ctx context.Context, g *Graph) (float64, error) {
		scores, err := Centrality(ctx, g, m, weighted)
		var sum float64
		for v, x := range scores {
			sum += float64(v+1) * x
		}
		sum /= float64(max(len(scores), 1))
		if math.IsNaN(sum) {
			sum = 0
		}
		return sum, err
	}
}
