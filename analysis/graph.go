package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// MaxNodes is the largest graph NewGraph accepts. Node ids are stored as
// int32, and the all-pairs measures cost O(n·m) time, so callers should cap
// their snapshots well below it.
const MaxNodes = 1 << 24

// Graph is an immutable undirected weighted simple graph on nodes 0..n-1,
// held in compressed sparse row (CSR) form: the neighbours of u are
// adj[off[u]:off[u+1]], sorted by id, with the matching tie strengths in w and
// their reciprocals (the path lengths used by weighted measures) in inv.
// A Graph is safe for concurrent use.
type Graph struct {
	n   int
	m   int
	off []int
	adj []int32
	w   []float64
	inv []float64
	// uniform is set when every tie has the same strength; the weighted
	// path measures then use breadth-first search with lengths hops·inv[0],
	// which gives exactly the shortest paths (and ties) Dijkstra would.
	uniform bool
}

// NewGraph returns the graph on nodes 0..n-1 with the given edges.
//
// Several edges between the same pair of nodes are merged into one whose
// weight is the SUM of theirs: several ties between two actors add up to one
// stronger tie (this matches adding the weights of a NetworkX MultiGraph when
// it is converted to a Graph by summing). Self loops are dropped. An endpoint
// outside 0..n-1, a weight that is not a finite number > 0, n < 0 or
// n > MaxNodes is an error wrapping ErrInvalid.
func NewGraph(n int, edges []Edge) (*Graph, error) {
	if n < 0 || n > MaxNodes {
		return nil, fmt.Errorf("%w: node count %d outside 0..%d", ErrInvalid, n, MaxNodes)
	}
	type arc struct {
		u, v int32
		w    float64
	}
	arcs := make([]arc, 0, len(edges))
	for i, e := range edges {
		if e.U < 0 || e.U >= n || e.V < 0 || e.V >= n {
			return nil, fmt.Errorf("%w: edge %d (%d, %d) has an endpoint outside 0..%d", ErrInvalid, i, e.U, e.V, n-1)
		}
		if !(e.Weight > 0) || math.IsInf(e.Weight, 1) {
			return nil, fmt.Errorf("%w: edge %d (%d, %d) has weight %v, want a finite number > 0", ErrInvalid, i, e.U, e.V, e.Weight)
		}
		if e.U == e.V {
			continue
		}
		u, v := int32(e.U), int32(e.V)
		if u > v {
			u, v = v, u
		}
		arcs = append(arcs, arc{u, v, e.Weight})
	}
	// A stable sort keeps the input order within a pair, so merged weights
	// are summed in the order they were given, whatever the sort does.
	slices.SortStableFunc(arcs, func(a, b arc) int {
		if c := cmp.Compare(a.u, b.u); c != 0 {
			return c
		}
		return cmp.Compare(a.v, b.v)
	})
	merged := arcs[:0]
	for _, a := range arcs {
		if k := len(merged) - 1; k >= 0 && merged[k].u == a.u && merged[k].v == a.v {
			merged[k].w += a.w
			continue
		}
		merged = append(merged, a)
	}

	g := &Graph{n: n, m: len(merged), off: make([]int, n+1)}
	for _, a := range merged {
		g.off[a.u+1]++
		g.off[a.v+1]++
	}
	for i := 0; i < n; i++ {
		g.off[i+1] += g.off[i]
	}
	g.adj = make([]int32, 2*len(merged))
	g.w = make([]float64, 2*len(merged))
	g.inv = make([]float64, 2*len(merged))
	next := slices.Clone(g.off[:n])
	// merged is sorted by (u, v) with u < v. Visiting it in that order puts
	// each node's smaller neighbours (where it is v) and larger neighbours
	// (where it is u) in ascending order only if the two passes are kept
	// apart: first the arcs v→u (u < v, ascending u for each v), then u→v.
	for _, a := range merged {
		g.place(next, a.v, a.u, a.w)
	}
	for _, a := range merged {
		g.place(next, a.u, a.v, a.w)
	}
	g.uniform = len(merged) > 0
	for _, a := range merged {
		if a.w != merged[0].w {
			g.uniform = false
			break
		}
	}
	return g, nil
}

func (g *Graph) place(next []int, from, to int32, w float64) {
	i := next[from]
	next[from]++
	g.adj[i] = to
	g.w[i] = w
	g.inv[i] = 1 / w
}

// Order returns the number of nodes n of g, as NetworkX G.number_of_nodes().
func (g *Graph) Order() int { return g.n }

// Size returns the number m of distinct undirected edges of g, after
// parallel edges were merged and self loops dropped, as NetworkX
// G.number_of_edges().
func (g *Graph) Size() int { return g.m }

// Neighbours returns the neighbours of node u in ascending order and the
// weights of the ties to them, as NetworkX G.adj[u] with its "weight"
// attributes. The slices are views into g and must not be
// modified. Neighbours panics if u is not a node of g.
func (g *Graph) Neighbours(u int) ([]int32, []float64) {
	lo, hi := g.off[u], g.off[u+1]
	return g.adj[lo:hi:hi], g.w[lo:hi:hi]
}

// degree returns the number of neighbours of u.
func (g *Graph) degree(u int) int { return g.off[u+1] - g.off[u] }
