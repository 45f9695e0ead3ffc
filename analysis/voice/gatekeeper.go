package voice

import (
	"fmt"

	"github.com/voicemap/voicemap/analysis"
)

// Gatekeepers returns, for every node p of g, the gatekeeper between p and
// decision power, or -1 if p has none: the node v ≠ p nearest to p such that
//
//	p reaches a holder in g, and no holder is reachable from p in g − v,
//
// that is, every path from p to every holder passes through v. v may itself
// be a holder: a person whose only route to power is one decision holder
// depends on that holder alone, and in a scope with a single decision
// holder everyone who can reach it is gated by it. Holders, and nodes that reach no holder,
// get -1. When several nodes separate p from power they lie in a fixed
// order along every such path; the one nearest p is returned.
//
// Method. A virtual sink s is joined to every holder, so that v separates p
// from every holder in g exactly when v separates p from s in g + s, that
// is, when v is a cut vertex on the path between p and s in the block–cut
// tree of g + s (Hopcroft & Tarjan 1973, "Algorithm 447: efficient
// algorithms for graph manipulation", CACM 16:372). One depth-first search
// of g + s rooted at s reads those cut vertices directly: removing a vertex v
// cuts the subtree of its child c from the root exactly when
// low(c) ≥ disc(v), and p lies below such a c exactly when v is an ancestor
// of p. So the nearest gatekeeper of p is its parent v when
// low(p) ≥ disc(v) and v ≠ s, and otherwise the nearest gatekeeper of v,
// computed in discovery order. The search uses an explicit stack, not
// recursion, and takes O(n + m) time and memory.
//
// holders must have one entry per node; otherwise the error wraps
// analysis.ErrInvalid.
func Gatekeepers(g *analysis.Graph, holders []bool) ([]int, error) {
	n := g.Order()
	if len(holders) != n {
		return nil, fmt.Errorf("%w: voice: %d holder flags for %d nodes", analysis.ErrInvalid, len(holders), n)
	}
	sink := int32(n)
	var sinkAdj []int32
	for v, h := range holders {
		if h {
			sinkAdj = append(sinkAdj, int32(v))
		}
	}
	// neighbour returns the k-th neighbour of v in g + s, or -1 past the end.
	neighbour := func(v int32, k int) int32 {
		if v == sink {
			if k < len(sinkAdj) {
				return sinkAdj[k]
			}
			return -1
		}
		adj, _ := g.Neighbours(int(v))
		switch {
		case k < len(adj):
			return adj[k]
		case k == len(adj) && holders[v]:
			return sink
		}
		return -1
	}

	disc := make([]int32, n+1)
	low := make([]int32, n+1)
	parent := make([]int32, n+1)
	next := make([]int, n+1)
	for v := range disc {
		disc[v], parent[v] = -1, -1
	}
	order := make([]int32, 0, n+1)
	stack := []int32{sink}
	disc[sink], low[sink] = 0, 0
	order = append(order, sink)
	clock := int32(1)
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		if w := neighbour(v, next[v]); w >= 0 {
			next[v]++
			switch {
			case w == parent[v]:
				// g + s is simple: the tree edge is the only edge to the parent.
			case disc[w] < 0:
				parent[w] = v
				disc[w], low[w] = clock, clock
				clock++
				order = append(order, w)
				stack = append(stack, w)
			default:
				low[v] = min(low[v], disc[w])
			}
			continue
		}
		stack = stack[:len(stack)-1]
		if p := parent[v]; p >= 0 {
			low[p] = min(low[p], low[v])
		}
	}

	gate := make([]int, n+1)
	gate[sink] = -1
	for _, v := range order[1:] {
		p := parent[v]
		if p != sink && low[v] >= disc[p] {
			gate[v] = int(p)
		} else {
			gate[v] = gate[p]
		}
	}
	out := gate[:n]
	for v := range out {
		if holders[v] || disc[v] < 0 {
			out[v] = -1
		}
	}
	return out, nil
}
