package analysis

import (
	"context"
	"math"
	"testing"
)

// TestUniformShortcut checks that when every tie has the same strength the
// breadth-first shortcut gives what Dijkstra's algorithm gives on the same
// graph. A strength of 3 makes the length 1/3 inexact in binary, so ties
// between k-hop paths depend on summing the same lengths in the same order.
func TestUniformShortcut(t *testing.T) {
	edges := BarabasiAlbert(300, 2, 4)
	for i := range edges {
		edges[i].Weight = 3
	}
	fast, err := NewGraph(300, edges)
	if err != nil {
		t.Fatal(err)
	}
	if !fast.uniform {
		t.Fatal("NewGraph did not mark a graph of equal strengths uniform")
	}
	slow := *fast
	slow.uniform = false
	for _, m := range []Measure{Betweenness, Closeness, Harmonic} {
		t.Run(string(m), func(t *testing.T) {
			want, err := Centrality(context.Background(), &slow, m, true)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Centrality(context.Background(), fast, m, true)
			if err != nil {
				t.Fatal(err)
			}
			for v := range want {
				if math.Abs(got[v]-want[v]) > 1e-12*math.Max(1, math.Abs(want[v])) {
					t.Errorf("Centrality(uniform, %s, weighted) node %d = %v, want %v (Dijkstra)", m, v, got[v], want[v])
				}
			}
		})
	}
	mixed, err := NewGraph(3, []Edge{{U: 0, V: 1, Weight: 1}, {U: 1, V: 2, Weight: 2}})
	if err != nil || mixed.uniform {
		t.Errorf("NewGraph(strengths 1 and 2).uniform = %v, %v, want false", mixed.uniform, err)
	}
}
