package voice_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// mustGraph builds the graph on n nodes with edges given as {u, v} pairs of
// weight 1.
func mustGraph(tb testing.TB, n int, pairs [][2]int) *analysis.Graph {
	tb.Helper()
	edges := make([]analysis.Edge, len(pairs))
	for i, p := range pairs {
		edges[i] = analysis.Edge{U: p[0], V: p[1], Weight: 1}
	}
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		tb.Fatalf("NewGraph: %v", err)
	}
	return g
}

// randomGraph returns a seeded G(n, p) random graph whose weights are drawn
// from {1, 2, 4} so that weighted ties between chains are common.
func randomGraph(tb testing.TB, rnd *rand.Rand, n int, p float64) *analysis.Graph {
	tb.Helper()
	var edges []analysis.Edge
	for u := range n {
		for v := u + 1; v < n; v++ {
			if rnd.Float64() < p {
				edges = append(edges, analysis.Edge{U: u, V: v, Weight: float64(int(1) << rnd.IntN(3))})
			}
		}
	}
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		tb.Fatalf("NewGraph: %v", err)
	}
	return g
}

// randomHolders marks each node a holder with probability q.
func randomHolders(rnd *rand.Rand, n int, q float64) []bool {
	h := make([]bool, n)
	for v := range h {
		h[v] = rnd.Float64() < q
	}
	return h
}

// bfs returns the hop distance from s to every node of g with node skip
// removed (-1 when unreachable). skip < 0 removes nothing.
func bfs(g *analysis.Graph, s, skip int) []int {
	d := make([]int, g.Order())
	for v := range d {
		d[v] = -1
	}
	if s == skip {
		return d
	}
	d[s] = 0
	queue := []int{s}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		adj, _ := g.Neighbours(v)
		for _, w := range adj {
			if int(w) != skip && d[w] < 0 {
				d[w] = d[v] + 1
				queue = append(queue, int(w))
			}
		}
	}
	return d
}

// reachesHolder reports whether some holder other than skip is within reach
// in dist (from bfs).
func reachesHolder(dist []int, holders []bool, skip int) bool {
	for v, d := range dist {
		if d >= 0 && holders[v] && v != skip {
			return true
		}
	}
	return false
}

// ids returns "a00", "a01", ... so that id order is node order.
func ids(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf("a%02d", i)
	}
	return s
}
