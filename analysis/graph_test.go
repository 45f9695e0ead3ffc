package analysis_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

func TestNewGraphMergesAndDrops(t *testing.T) {
	// Two ties between 0 and 1 (given both ways round) add up to one of
	// strength 3; the self loop on 2 is dropped.
	g := mustGraph(t, 3, []analysis.Edge{
		{U: 0, V: 1, Weight: 1}, {U: 1, V: 0, Weight: 2}, {U: 2, V: 2, Weight: 5}, {U: 2, V: 0, Weight: 0.5},
	})
	if g.Order() != 3 || g.Size() != 2 {
		t.Fatalf("NewGraph order, size = %d, %d, want 3, 2", g.Order(), g.Size())
	}
	tests := []struct {
		name    string
		node    int
		adj     []int32
		weights []float64
	}{
		{"node 0", 0, []int32{1, 2}, []float64{3, 0.5}},
		{"node 1", 1, []int32{0}, []float64{3}},
		{"node 2", 2, []int32{0}, []float64{0.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			adj, w := g.Neighbours(tc.node)
			if !slices.Equal(adj, tc.adj) || !slices.Equal(w, tc.weights) {
				t.Errorf("Neighbours(%d) = %v, %v, want %v, %v", tc.node, adj, w, tc.adj, tc.weights)
			}
		})
	}
}

func TestNewGraphRefuses(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []analysis.Edge
	}{
		{"negative order", -1, nil},
		{"too large", analysis.MaxNodes + 1, nil},
		{"endpoint too large", 2, []analysis.Edge{{U: 0, V: 2, Weight: 1}}},
		{"negative endpoint", 2, []analysis.Edge{{U: -1, V: 1, Weight: 1}}},
		{"zero weight", 2, []analysis.Edge{{U: 0, V: 1, Weight: 0}}},
		{"negative weight", 2, []analysis.Edge{{U: 0, V: 1, Weight: -2}}},
		{"NaN weight", 2, []analysis.Edge{{U: 0, V: 1, Weight: math.NaN()}}},
		{"infinite weight", 2, []analysis.Edge{{U: 0, V: 1, Weight: math.Inf(1)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := analysis.NewGraph(tc.n, tc.edges)
			if !errors.Is(err, analysis.ErrInvalid) || g != nil {
				t.Errorf("NewGraph(%d, %v) = %v, %v, want nil, ErrInvalid", tc.n, tc.edges, g, err)
			}
		})
	}
}

func TestCentralityUnknownMeasure(t *testing.T) {
	g := mustGraph(t, 2, unit([2]int{0, 1}))
	if _, err := analysis.Centrality(context.Background(), g, "CHARISMA", false); !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("Centrality(CHARISMA) error = %v, want ErrInvalid", err)
	}
}

func TestBarabasiAlbert(t *testing.T) {
	tests := []struct {
		name    string
		n, m    int
		seed    int64
		nilWant bool
	}{
		{"small", 10, 2, 1, false},
		{"2k", 2000, 3, 7, false},
		{"m = n", 3, 3, 1, true},
		{"m = 0", 5, 0, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			edges := analysis.BarabasiAlbert(tc.n, tc.m, tc.seed)
			if tc.nilWant {
				if edges != nil {
					t.Fatalf("BarabasiAlbert(%d, %d) = %d edges, want nil", tc.n, tc.m, len(edges))
				}
				return
			}
			if want := (tc.n - tc.m) * tc.m; len(edges) != want {
				t.Fatalf("BarabasiAlbert(%d, %d) = %d edges, want %d", tc.n, tc.m, len(edges), want)
			}
			g := mustGraph(t, tc.n, edges)
			if g.Size() != len(edges) {
				t.Errorf("BarabasiAlbert(%d, %d) has %d repeated edges", tc.n, tc.m, len(edges)-g.Size())
			}
			s, err := analysis.Summarize(context.Background(), g)
			if err != nil || s.Components != 1 {
				t.Errorf("Summarize(BarabasiAlbert(%d, %d)) = %+v, %v, want one component", tc.n, tc.m, s, err)
			}
			if again := analysis.BarabasiAlbert(tc.n, tc.m, tc.seed); !slices.Equal(again, edges) {
				t.Errorf("BarabasiAlbert(%d, %d, %d) differs between two calls", tc.n, tc.m, tc.seed)
			}
			if other := analysis.BarabasiAlbert(tc.n, tc.m, tc.seed+1); slices.Equal(other, edges) {
				t.Errorf("BarabasiAlbert(%d, %d) gives the same edges for seeds %d and %d", tc.n, tc.m, tc.seed, tc.seed+1)
			}
		})
	}
}
