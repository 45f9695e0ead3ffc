package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// TestCentralityConcurrent runs every measure from several goroutines at
// once on one shared graph (run it with -race) and checks that each result
// is identical, bit for bit, to a serial run.
func TestCentralityConcurrent(t *testing.T) {
	g := mustGraph(t, 400, analysis.BarabasiAlbert(400, 3, 5))
	type key struct {
		m        analysis.Measure
		weighted bool
	}
	want := map[key][]float64{}
	for _, m := range analysis.Measures {
		for _, weighted := range []bool{false, true} {
			got, err := analysis.Centrality(context.Background(), g, m, weighted)
			if err != nil {
				t.Fatalf("Centrality(ba400, %s, %v): %v", m, weighted, err)
			}
			want[key{m, weighted}] = got
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 4 {
		for k, w := range want {
			wg.Go(func() {
				got, err := analysis.Centrality(context.Background(), g, k.m, k.weighted)
				if err != nil {
					errs <- fmt.Errorf("goroutine %d: Centrality(ba400, %s, %v): %w", i, k.m, k.weighted, err)
					return
				}
				if !slices.Equal(got, w) {
					errs <- fmt.Errorf("goroutine %d: Centrality(ba400, %s, %v) differs from the serial run", i, k.m, k.weighted)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestCentralityDeterministicAcrossGOMAXPROCS checks that the parallel
// kernels give bit-identical results whatever the number of workers.
// The path measures run on 300 nodes (16 lanes of sources) and on 3,000
// (12 batches of 256 sources for the breadth-first multi-source search);
// PageRank and eigenvector centrality on 20,000 nodes, which nodeBlocks
// splits into 8 blocks.
func TestCentralityDeterministicAcrossGOMAXPROCS(t *testing.T) {
	small := mustGraph(t, 300, analysis.BarabasiAlbert(300, 2, 3))
	mid := mustGraph(t, 3000, analysis.BarabasiAlbert(3000, 2, 3))
	big := mustGraph(t, 20000, analysis.BarabasiAlbert(20000, 3, 3))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	tests := []struct {
		name     string
		g        *analysis.Graph
		measures []analysis.Measure
	}{
		{"ba300", small, []analysis.Measure{analysis.Betweenness, analysis.Closeness, analysis.Harmonic}},
		{"ba3000", mid, []analysis.Measure{analysis.Closeness, analysis.Harmonic}},
		{"ba20000", big, []analysis.Measure{analysis.PageRank, analysis.Eigenvector}},
	}
	for _, tc := range tests {
		g := tc.g
		for _, m := range tc.measures {
			for _, weighted := range []bool{false, true} {
				if g == mid && weighted {
					continue // Dijkstra per source: covered by ba300
				}
				t.Run(fmt.Sprintf("%s/%s/%s", tc.name, m, weightedName(weighted)), func(t *testing.T) {
					var first []float64
					for _, procs := range []int{1, 2, 3, 8} {
						runtime.GOMAXPROCS(procs)
						got, err := analysis.Centrality(context.Background(), g, m, weighted)
						if err != nil {
							t.Fatalf("Centrality(%s, %s, %v) with GOMAXPROCS=%d: %v", tc.name, m, weighted, procs, err)
						}
						if first == nil {
							first = got
							continue
						}
						for v := range got {
							if math.Float64bits(got[v]) != math.Float64bits(first[v]) {
								t.Fatalf("Centrality(%s, %s, %v) node %d = %v with GOMAXPROCS=%d, %v with 1", tc.name, m, weighted, v, got[v], procs, first[v])
							}
						}
					}
				})
			}
		}
	}
}

// TestCancelled checks that every measure, Communities and Summarize return
// the context's error when it is already cancelled, and that a long
// betweenness run stops soon after its deadline.
func TestCancelled(t *testing.T) {
	g := mustGraph(t, 2000, analysis.BarabasiAlbert(2000, 3, 1))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, m := range analysis.Measures {
		t.Run(string(m), func(t *testing.T) {
			if _, err := analysis.Centrality(ctx, g, m, true); !errors.Is(err, context.Canceled) {
				t.Errorf("Centrality(cancelled, %s) error = %v, want context.Canceled", m, err)
			}
		})
	}
	if _, err := analysis.Communities(ctx, g, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Communities(cancelled) error = %v, want context.Canceled", err)
	}
	if _, err := analysis.Summarize(ctx, g); !errors.Is(err, context.Canceled) {
		t.Errorf("Summarize(cancelled) error = %v, want context.Canceled", err)
	}

	big := mustGraph(t, 20000, analysis.BarabasiAlbert(20000, 3, 1))
	tc := &trippingCtx{Context: context.Background(), after: 3, err: context.DeadlineExceeded}
	_, err := analysis.Centrality(tc, big, analysis.Betweenness, true)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Centrality(ba20000 past its deadline, BETWEENNESS) error = %v, want context.DeadlineExceeded", err)
	}
	if extra, limit := tc.checksAfter(), tc.limit(); extra > limit {
		t.Errorf("Centrality(ba20000 past its deadline, BETWEENNESS) checked the context %d times after its deadline, want at most %d", extra, limit)
	}
}
