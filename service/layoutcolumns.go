package service

// LayoutColumns is a NetworkLayout column by column: entry i of each node
// column describes Nodes[i], and each edge names its ends by their index
// in the node columns. It carries the same picture as the nodes and edges
// (without the actors' records) in a form made for drawing large
// networks: a few lists of numbers cost far less to encode, send and read
// than one object per node and per edge.
type LayoutColumns struct {
	IDs       []string
	X, Y      []float64
	Size      []int
	Community []string
	// IsActor is true for an actor, false for a community node.
	IsActor []bool
	// Source and Target index the node columns; Weight is the edge's.
	Source, Target []int
	Weight         []float64
}

// Columns returns the layout column by column, in the order of Nodes and
// Edges.
func (l NetworkLayout) Columns() LayoutColumns {
	n, m := len(l.Nodes), len(l.Edges)
	c := LayoutColumns{
		IDs: make([]string, n), X: make([]float64, n), Y: make([]float64, n),
		Size: make([]int, n), Community: make([]string, n), IsActor: make([]bool, n),
		Source: make([]int, m), Target: make([]int, m), Weight: make([]float64, m),
	}
	index := make(map[string]int, n)
	for i, v := range l.Nodes {
		index[v.ID] = i
		c.IDs[i], c.X[i], c.Y[i], c.Size[i], c.Community[i], c.IsActor[i] = v.ID, v.X, v.Y, v.Size, v.Community, v.Actor != nil
	}
	for i, e := range l.Edges {
		c.Source[i], c.Target[i], c.Weight[i] = index[e.Source], index[e.Target], e.Weight
	}
	return c
}
