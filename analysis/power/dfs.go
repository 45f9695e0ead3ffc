package power

import "github.com/voicemap/voicemap/analysis"

// dfsTree is the depth-first forest of a graph as Hopcroft and Tarjan's
// articulation-point algorithm needs it.
type dfsTree struct {
	// disc is the discovery time of each node, low the smallest discovery
	// time reachable from its subtree by at most one back edge.
	disc, low []int32
	// parent is the tree parent of each node, −1 for the root of a tree.
	parent []int32
	// order lists the nodes in discovery (pre-)order, so every node comes
	// before its descendants.
	order []int32
	// root is the root of the tree (connected component) of each node.
	root []int32
}

// search builds the depth-first forest of g with an explicit stack, so it
// needs no recursion and handles graphs of any depth. It visits roots in
// ascending id and neighbours in ascending id (the order of
// g.Neighbours), so the forest is the same on every run. It takes
// O(n + m) time and memory.
func search(g *analysis.Graph) dfsTree {
	n := g.Order()
	t := dfsTree{
		disc:   make([]int32, n),
		low:    make([]int32, n),
		parent: make([]int32, n),
		order:  make([]int32, 0, n),
		root:   make([]int32, n),
	}
	for i := range t.disc {
		t.disc[i] = -1
	}
	next := make([]int32, n) // the position of the next neighbour to try
	var stack []int32
	var clock int32
	visit := func(v, parent, root int32) {
		t.disc[v], t.low[v] = clock, clock
		clock++
		t.parent[v], t.root[v] = parent, root
		t.order = append(t.order, v)
		stack = append(stack, v)
	}
	for r := range int32(n) {
		if t.disc[r] >= 0 {
			continue
		}
		visit(r, -1, r)
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			nb, _ := g.Neighbours(int(u))
			if int(next[u]) < len(nb) {
				v := nb[next[u]]
				next[u]++
				switch {
				case t.disc[v] < 0:
					visit(v, u, r)
				case v != t.parent[u]:
					// A back edge (the graph is simple, so the
					// only edge to the parent is the tree edge).
					t.low[u] = min(t.low[u], t.disc[v])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if p := t.parent[u]; p >= 0 {
				t.low[p] = min(t.low[p], t.low[u])
			}
		}
	}
	return t
}

// splits reports whether removing p cuts the subtree of its child c off
// from the rest of p's component: no back edge from c's subtree climbs
// above p. Every child of a root splits.
func (t *dfsTree) splits(c int32) bool {
	return t.low[c] >= t.disc[t.parent[c]]
}
