package power

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// ArticulationPoints returns the articulation points (cut vertices) of g in
// ascending order: the nodes whose removal leaves more connected components
// than before. A node is one if it is the root of a depth-first tree with
// two or more children, or a non-root with a child c none of whose
// descendants has a back edge above it (low(c) ≥ disc(v)) (Hopcroft &
// Tarjan 1973, "Algorithm 447: efficient algorithms for graph
// manipulation", CACM 16:372). The search uses an explicit stack, not
// recursion, so it runs on graphs of any depth in O(n + m) time and
// memory. The set equals NetworkX's set(nx.articulation_points(G)) and
// igraph's g.articulation_points().
func ArticulationPoints(g *analysis.Graph) []int {
	t := analysis.DepthFirst(g.Order(), nil, analysis.GraphNeighbours(g))
	n := g.Order()
	splitting := make([]int32, n)
	for c := range int32(n) {
		if p := t.Parent[c]; p >= 0 && t.Splits(c) {
			splitting[p]++
		}
	}
	var points []int
	for v := range n {
		if (t.Parent[v] < 0 && splitting[v] >= 2) || (t.Parent[v] >= 0 && splitting[v] >= 1) {
			points = append(points, v)
		}
	}
	return points
}

// Separation returns, for every node v of g, how many source nodes lose
// every path to a target node when v is removed:
//
//	sep(v) = |{ s ≠ v : sources[s], reach(G, s) ∧ ¬reach(G − v, s) }|
//
// where reach(H, s) means that s's connected component in H holds a target
// (s itself counts, so a source that is a target never loses). A source that
// had no path to a target before is not counted, and v itself, when it is a
// target, stops being one once removed: removing the only decision holder
// of a component separates every source in it. In voicemap the sources are
// community members and the targets the decision holders; a node with
// sep(v) > 0 that is an articulation point is a gatekeeper.
//
// All n answers come from one depth-first search, in O(n + m) time: removing
// v splits its component into the subtree of each child c with
// low(c) ≥ disc(v) and one piece holding everything else (the block-cut
// structure of Hopcroft & Tarjan 1973), and a piece's sources are cut off
// exactly when the piece holds no target while the component did. Separated
// gives one node's answer by breadth-first search, for checking. sources
// and targets must have one entry per node; otherwise the error wraps
// analysis.ErrInvalid.
func Separation(g *analysis.Graph, sources, targets []bool) ([]int, error) {
	n := g.Order()
	if err := checkMasks(n, sources, targets); err != nil {
		return nil, err
	}
	t := analysis.DepthFirst(g.Order(), nil, analysis.GraphNeighbours(g))
	// subS and subT count the sources and targets in each DFS subtree.
	subS := make([]int32, n)
	subT := make([]int32, n)
	for v := range n {
		subS[v] = b2i(sources[v])
		subT[v] = b2i(targets[v])
	}
	for i := len(t.Order) - 1; i >= 0; i-- {
		c := t.Order[i]
		if p := t.Parent[c]; p >= 0 {
			subS[p] += subS[c]
			subT[p] += subT[c]
		}
	}
	// For each node: the sources and targets in the subtrees that its
	// removal cuts off, and the sources among them left with no target.
	cutS := make([]int32, n)
	cutT := make([]int32, n)
	lost := make([]int32, n)
	for c := range int32(n) {
		p := t.Parent[c]
		if p < 0 || !t.Splits(c) {
			continue
		}
		cutS[p] += subS[c]
		cutT[p] += subT[c]
		if subT[c] == 0 {
			lost[p] += subS[c]
		}
	}
	out := make([]int, n)
	for v := range n {
		r := t.Root[v]
		if subT[r] == 0 {
			continue // no source in this component had a path to a target
		}
		restS := subS[r] - b2i(sources[v]) - cutS[v]
		restT := subT[r] - b2i(targets[v]) - cutT[v]
		out[v] = int(lost[v])
		if restT == 0 {
			out[v] += int(restS)
		}
	}
	return out, nil
}

// Separated returns how many source nodes lose every path to a target node
// when node cut is removed from g, with the definition of Separation. It
// labels the components of g and of g − cut by breadth-first search, in
// O(n + m) time for one node (O(n·(n + m)) if called for every node, which
// Separation does in O(n + m)). A cut outside 0..n−1 or masks of the wrong
// length give an error wrapping analysis.ErrInvalid.
func Separated(g *analysis.Graph, cut int, sources, targets []bool) (int, error) {
	n := g.Order()
	if err := checkMasks(n, sources, targets); err != nil {
		return 0, err
	}
	if cut < 0 || cut >= n {
		return 0, fmt.Errorf("power: separated: %w: node %d outside 0..%d", analysis.ErrInvalid, cut, n-1)
	}
	before, beforeT := components(g, -1, targets)
	after, afterT := components(g, cut, targets)
	count := 0
	for s := range n {
		if s != cut && sources[s] && beforeT[before[s]] && !afterT[after[s]] {
			count++
		}
	}
	return count, nil
}

// Gatekeeper is an articulation point of the network with the number of
// source nodes (community members) that would lose every path to a target
// node (a decision holder) without it.
type Gatekeeper struct {
	Node      int // the articulation point, a node index of the graph
	Separated int // sources cut off from every target without it (Separation)
}

// Gatekeepers returns every articulation point of g (ArticulationPoints)
// with its Separation count, most separating first, then by node id. Points
// that separate nobody from a target are included with Separated = 0, so
// the list is also the full set of cut vertices. It takes O(n + m) time.
// Masks of the wrong length give an error wrapping analysis.ErrInvalid.
func Gatekeepers(g *analysis.Graph, sources, targets []bool) ([]Gatekeeper, error) {
	sep, err := Separation(g, sources, targets)
	if err != nil {
		return nil, err
	}
	points := ArticulationPoints(g)
	out := make([]Gatekeeper, len(points))
	for i, v := range points {
		out[i] = Gatekeeper{Node: v, Separated: sep[v]}
	}
	slices.SortFunc(out, func(a, b Gatekeeper) int {
		if c := cmp.Compare(b.Separated, a.Separated); c != 0 {
			return c
		}
		return cmp.Compare(a.Node, b.Node)
	})
	return out, nil
}

// components labels the connected components of g without node skip (−1
// for none) by breadth-first search, and reports which components hold a
// target. skip, not being part of the graph, gets a component of its own
// that holds no target.
func components(g *analysis.Graph, skip int, targets []bool) ([]int32, []bool) {
	n := g.Order()
	label := make([]int32, n)
	for i := range label {
		label[i] = -1
	}
	var hasTarget []bool
	queue := make([]int32, 0, n)
	for s := range n {
		if label[s] >= 0 || s == skip {
			continue
		}
		id := int32(len(hasTarget))
		hasTarget = append(hasTarget, false)
		label[s] = id
		queue = append(queue[:0], int32(s))
		for head := 0; head < len(queue); head++ {
			u := queue[head]
			hasTarget[id] = hasTarget[id] || targets[u]
			nb, _ := g.Neighbours(int(u))
			for _, v := range nb {
				if label[v] < 0 && int(v) != skip {
					label[v] = id
					queue = append(queue, v)
				}
			}
		}
	}
	if skip >= 0 {
		label[skip] = int32(len(hasTarget))
		hasTarget = append(hasTarget, false)
	}
	return label, hasTarget
}

func checkMasks(n int, sources, targets []bool) error {
	if len(sources) != n || len(targets) != n {
		return fmt.Errorf("power: %w: %d sources and %d targets for %d nodes, want one of each per node",
			analysis.ErrInvalid, len(sources), len(targets), n)
	}
	return nil
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}
