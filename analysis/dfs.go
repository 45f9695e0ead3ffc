package analysis

// DFSTree is a depth-first forest with the discovery times and low points
// of Hopcroft and Tarjan's algorithms for articulation points and
// biconnected components (J. Hopcroft and R. Tarjan, "Algorithm 447:
// efficient algorithms for graph manipulation", CACM 16(6):372–378, 1973).
// Nodes are 0..n-1; a node the search did not reach has Disc −1.
type DFSTree struct {
	// Disc is the discovery time of each node; Low the smallest discovery
	// time reachable from its subtree by at most one back edge.
	Disc, Low []int32
	// Parent is the tree parent of each node, −1 for a root.
	Parent []int32
	// Order lists the reached nodes in discovery (pre-)order, so every
	// node comes before its descendants.
	Order []int32
	// Root is the root of the tree of each reached node.
	Root []int32
}

// Neighbour returns the k-th neighbour (k = 0, 1, ...) of v in a simple
// undirected graph: a node, NoNeighbour past the last one, or
// SkipNeighbour for an entry to pass over.
type Neighbour func(v int32, k int) int32

// The special answers of a Neighbour.
const (
	NoNeighbour   int32 = -1
	SkipNeighbour int32 = -2
)

// DepthFirst builds the depth-first forest of the simple undirected graph
// of n nodes given by neighbour, starting a tree at each of roots in turn
// that is not reached yet (at every node in ascending order when roots is
// nil). Neighbours are tried in the order neighbour gives them, so the
// forest is the same on every run. It uses an explicit stack, not
// recursion, and takes O(n + m) time and memory.
func DepthFirst(n int, roots []int32, neighbour Neighbour) DFSTree {
	t := DFSTree{
		Disc:   make([]int32, n),
		Low:    make([]int32, n),
		Parent: make([]int32, n),
		Order:  make([]int32, 0, n),
		Root:   make([]int32, n),
	}
	for i := range t.Disc {
		t.Disc[i], t.Parent[i], t.Root[i] = -1, -1, -1
	}
	next := make([]int, n) // the position of the next neighbour to try
	var stack []int32
	var clock int32
	visit := func(v, parent, root int32) {
		t.Disc[v], t.Low[v] = clock, clock
		clock++
		t.Parent[v], t.Root[v] = parent, root
		t.Order = append(t.Order, v)
		stack = append(stack, v)
	}
	tree := func(r int32) {
		if t.Disc[r] >= 0 {
			return
		}
		visit(r, -1, r)
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			if v := neighbour(u, next[u]); v != NoNeighbour {
				next[u]++
				switch {
				case v == SkipNeighbour:
				case t.Disc[v] < 0:
					visit(v, u, r)
				case v != t.Parent[u]:
					// A back edge (the graph is simple, so the only edge
					// to the parent is the tree edge).
					t.Low[u] = min(t.Low[u], t.Disc[v])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if p := t.Parent[u]; p >= 0 {
				t.Low[p] = min(t.Low[p], t.Low[u])
			}
		}
	}
	if roots == nil {
		for r := range int32(n) {
			tree(r)
		}
	}
	for _, r := range roots {
		tree(r)
	}
	return t
}

// Splits reports whether removing the parent of the non-root c cuts the
// subtree of c off from the rest of its component: no back edge from c's
// subtree climbs above the parent. Every child of a root splits.
func (t *DFSTree) Splits(c int32) bool {
	return t.Low[c] >= t.Disc[t.Parent[c]]
}

// GraphNeighbours is the Neighbour of g: its neighbours in ascending index.
func GraphNeighbours(g *Graph) Neighbour {
	return func(v int32, k int) int32 {
		nb, _ := g.Neighbours(int(v))
		if k < len(nb) {
			return nb[k]
		}
		return NoNeighbour
	}
}
