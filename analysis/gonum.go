package analysis

import (
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// gonumView presents a Graph to gonum as a graph.WeightedUndirected with
// node ids 0..n-1 and the tie strengths as edge weights. Unlike gonum's own
// map-backed graphs, it iterates nodes and neighbours in ascending id order,
// which keeps gonum's Louvain implementation deterministic for a given seed.
type gonumView struct{ g *Graph }

var _ graph.WeightedUndirected = gonumView{}

func (v gonumView) has(id int64) bool { return id >= 0 && id < int64(v.g.n) }

// Node returns the node with the given id, or nil.
func (v gonumView) Node(id int64) graph.Node {
	if !v.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns all nodes in ascending id order.
func (v gonumView) Nodes() graph.Nodes {
	return iterator.NewImplicitNodes(0, v.g.n, func(id int) graph.Node { return simple.Node(id) })
}

// From returns the neighbours of id in ascending id order.
func (v gonumView) From(id int64) graph.Nodes {
	if !v.has(id) {
		return graph.Empty
	}
	adj, _ := v.g.Neighbours(int(id))
	if len(adj) == 0 {
		return graph.Empty
	}
	nodes := make([]graph.Node, len(adj))
	for i, u := range adj {
		nodes[i] = simple.Node(u)
	}
	return iterator.NewOrderedNodes(nodes)
}

// Weight returns the weight of the edge between x and y.
func (v gonumView) Weight(xid, yid int64) (float64, bool) {
	if !v.has(xid) || !v.has(yid) || xid == yid {
		return 0, false
	}
	adj, w := v.g.Neighbours(int(xid))
	i, ok := slices.BinarySearch(adj, int32(yid))
	if !ok {
		return 0, false
	}
	return w[i], true
}

// HasEdgeBetween reports whether x and y are joined.
func (v gonumView) HasEdgeBetween(xid, yid int64) bool {
	_, ok := v.Weight(xid, yid)
	return ok
}

// Edge returns the edge from u to v, or nil.
func (v gonumView) Edge(uid, vid int64) graph.Edge {
	if e := v.WeightedEdge(uid, vid); e != nil {
		return e
	}
	return nil
}

// EdgeBetween returns the edge between x and y, or nil.
func (v gonumView) EdgeBetween(xid, yid int64) graph.Edge { return v.Edge(xid, yid) }

// WeightedEdge returns the weighted edge from u to v, or nil.
func (v gonumView) WeightedEdge(uid, vid int64) graph.WeightedEdge {
	w, ok := v.Weight(uid, vid)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(uid), T: simple.Node(vid), W: w}
}

// WeightedEdgeBetween returns the weighted edge between x and y, or nil.
func (v gonumView) WeightedEdgeBetween(xid, yid int64) graph.WeightedEdge {
	return v.WeightedEdge(xid, yid)
}
