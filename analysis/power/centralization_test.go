package power_test

import (
	"context"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/power"
)

func TestFreemanCentralization(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64
		tmax   float64
		want   float64
	}{
		// Star of 4 on raw degrees: (3-3)+3·(3-1) = 6 = (n-1)(n-2).
		{name: "star degrees", scores: []float64{3, 1, 1, 1}, tmax: 6, want: 1},
		{name: "equal scores", scores: []float64{2, 2, 2}, tmax: 2, want: 0},
		{name: "half", scores: []float64{2, 1, 1, 2}, tmax: 4, want: 0.5},
		// igraph gives NaN here; voicemap gives 0 (documented).
		{name: "no scores", scores: nil, tmax: 6, want: 0},
		{name: "zero max", scores: []float64{1, 1}, tmax: 0, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.FreemanCentralization(tc.scores, tc.tmax); !near(got, tc.want, 1e-12) {
				t.Errorf("FreemanCentralization(%v, %v) = %v, want %v", tc.scores, tc.tmax, got, tc.want)
			}
		})
	}
}

// TestCentralizationTiny checks hand-computed degree and betweenness
// centralization (Freeman 1979; igraph_centralization_degree with
// loops=false and igraph_centralization_betweenness, undirected).
func TestCentralizationTiny(t *testing.T) {
	tests := []struct {
		name                string
		graph               *analysis.Graph
		degree, betweenness float64
	}{
		// A star is the most centralized graph by definition.
		{name: "star of 5", graph: star(t, 5), degree: 1, betweenness: 1},
		{name: "star of 3", graph: star(t, 3), degree: 1, betweenness: 1},
		// Every node of a cycle is alike.
		{name: "cycle of 6", graph: cycle(t, 6), degree: 0, betweenness: 0},
		// Path 0-1-2-3-4: degrees 1,2,2,2,1, Σ(2-d) = 2, over 4·3 = 12.
		// Raw betweenness 0,3,4,3,0, Σ(4-b) = 10, over 4²·3/2 = 24.
		{name: "path of 5", graph: path(t, 5), degree: 2.0 / 12, betweenness: 10.0 / 24},
		{name: "complete K4", graph: unit(t, 4, [2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{1, 2}, [2]int{1, 3}, [2]int{2, 3}), degree: 0, betweenness: 0},
		// Two triangles bridged, pendant 6, isolated 7: degrees
		// 2,2,3,3,2,3,1,0, Σ(3-d) = 8, over 7·6 = 42. Raw betweenness
		// 0,0,8,9,0,5,0,0 (2 lies on {0,1}×{3,4,5,6}, 3 on {0,1,2}×{4,5,6},
		// 5 on {6}×{0,..,4}), Σ(9-b) = 50, over 7²·6/2 = 147.
		{name: "bridged triangles", graph: bridged(t), degree: 8.0 / 42, betweenness: 50.0 / 147},
		{name: "edgeless", graph: unit(t, 4), degree: 0, betweenness: 0},
		{name: "one edge", graph: unit(t, 2, [2]int{0, 1}), degree: 0, betweenness: 0},
		{name: "empty", graph: unit(t, 0), degree: 0, betweenness: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.DegreeCentralization(tc.graph); !near(got, tc.degree, 1e-12) {
				t.Errorf("DegreeCentralization(%s) = %v, want %v", tc.name, got, tc.degree)
			}
			got, err := power.BetweennessCentralization(context.Background(), tc.graph)
			if err != nil {
				t.Fatalf("BetweennessCentralization(%s): %v", tc.name, err)
			}
			if !near(got, tc.betweenness, 1e-12) {
				t.Errorf("BetweennessCentralization(%s) = %v, want %v", tc.name, got, tc.betweenness)
			}
		})
	}
}

func TestCentralizationMax(t *testing.T) {
	// igraph_centralization_degree_tmax(NULL, n, IGRAPH_ALL, false) and
	// igraph_centralization_betweenness_tmax(NULL, n, false).
	tests := []struct {
		name                string
		n                   int
		degree, betweenness float64
	}{
		{name: "n=2", n: 2, degree: 0, betweenness: 0},
		{name: "n=3", n: 3, degree: 2, betweenness: 2},
		{name: "n=5", n: 5, degree: 12, betweenness: 24},
		{name: "n=10", n: 10, degree: 72, betweenness: 324},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.DegreeCentralizationMax(tc.n); got != tc.degree {
				t.Errorf("DegreeCentralizationMax(%d) = %v, want %v", tc.n, got, tc.degree)
			}
			if got := power.BetweennessCentralizationMax(tc.n); got != tc.betweenness {
				t.Errorf("BetweennessCentralizationMax(%d) = %v, want %v", tc.n, got, tc.betweenness)
			}
		})
	}
}

func TestBetweennessCentralizationCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := power.BetweennessCentralization(ctx, path(t, 5)); err == nil {
		t.Error("BetweennessCentralization(cancelled) returned no error")
	}
}
