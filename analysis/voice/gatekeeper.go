package voice

import (
	"fmt"

	"github.com/voicemap/voicemap/analysis"
)

// Gatekeepers returns, for every node p of g, the gatekeeper between p and
// decision power, or -1 if p has none: the node v nearest to p such that
//
//	v ≠ p, v holds no decision power, p reaches a holder in g, and no
//	holder is reachable from p in g − v,
//
// that is, every path from p to every holder passes through v. A gatekeeper
// is an intermediary: a decision holder is never one (a person tied to a
// holder is heard by that holder directly), so a person adjacent to any
// holder has no gatekeeper, and in a scope with a single decision holder
// only the people who reach it through one same other actor are gated.
// Holders, and nodes that reach no holder, get -1. When several nodes
// separate p from power they lie in a fixed order along every such path;
// the one nearest p is returned.
//
// Method. Every holder is contracted into one virtual sink s: the graph
// g/H has the non-holders of g and s, each tie between two non-holders, and
// a tie between a non-holder and s when it is tied to at least one holder.
// A non-holder v separates p from every holder in g exactly when v
// separates p from s in g/H, that is, when v is a cut vertex on the path
// between p and s in the block–cut tree of g/H (Hopcroft & Tarjan 1973,
// "Algorithm 447: efficient algorithms for graph manipulation", CACM
// 16:372). One depth-first search of g/H rooted at s reads those cut
// vertices directly: removing a vertex v cuts the subtree of its child c
// from the root exactly when low(c) ≥ disc(v), and p lies below such a c
// exactly when v is an ancestor of p. So the nearest gatekeeper of p is its
// parent v when low(p) ≥ disc(v) and v ≠ s, and otherwise the nearest
// gatekeeper of v, computed in discovery order. The search uses an explicit
// stack, not recursion, and takes O(n + m) time and memory.
//
// holders must have one entry per node; otherwise the error wraps
// analysis.ErrInvalid.
func Gatekeepers(g *analysis.Graph, holders []bool) ([]int, error) {
	n := g.Order()
	if len(holders) != n {
		return nil, fmt.Errorf("%w: voice: %d holder flags for %d nodes", analysis.ErrInvalid, len(holders), n)
	}
	sink := int32(n)
	// sinkAdj lists each non-holder tied to some holder once, in index
	// order; nearSink marks the same nodes.
	nearSink := make([]bool, n)
	for v, h := range holders {
		if !h {
			continue
		}
		adj, _ := g.Neighbours(v)
		for _, w := range adj {
			if !holders[w] {
				nearSink[w] = true
			}
		}
	}
	var sinkAdj []int32
	for v, near := range nearSink {
		if near {
			sinkAdj = append(sinkAdj, int32(v))
		}
	}
	// neighbour is g/H: the neighbours of a non-holder in g, holders
	// skipped, then its tie to s; those of s are sinkAdj.
	neighbour := func(v int32, k int) int32 {
		if v == sink {
			if k < len(sinkAdj) {
				return sinkAdj[k]
			}
			return analysis.NoNeighbour
		}
		adj, _ := g.Neighbours(int(v))
		switch {
		case k < len(adj) && holders[adj[k]]:
			return analysis.SkipNeighbour
		case k < len(adj):
			return adj[k]
		case k == len(adj) && nearSink[v]:
			return sink
		}
		return analysis.NoNeighbour
	}
	t := analysis.DepthFirst(n+1, []int32{sink}, neighbour)
	gate := make([]int, n+1)
	gate[sink] = -1
	for _, v := range t.Order[1:] {
		p := t.Parent[v]
		if p != sink && t.Splits(v) {
			gate[v] = int(p)
		} else {
			gate[v] = gate[p]
		}
	}
	out := gate[:n]
	for v := range out {
		if holders[v] || t.Disc[v] < 0 {
			out[v] = -1
		}
	}
	return out, nil
}
