package layout

// The Barnes–Hut quadtree (Barnes & Hut 1986, "A hierarchical O(N log N)
// force-calculation algorithm", Nature 324:446). It is rebuilt every
// iteration from the current positions, top-down, by partitioning an
// array of node indices in place, so that the nodes of every cell are
// contiguous in order. The cells live in one slice in depth-first
// pre-order: a cell's first child (if any) follows it, and next skips its
// whole subtree, so the force walk needs no stack and reads the cells
// forwards.

const (
	// leafSize is the most nodes a cell holds before it is split. Within a
	// leaf that cannot be approximated the forces are computed pair by pair.
	leafSize = 4
	// maxDepth stops splitting coincident (or nearly coincident) nodes:
	// a cell at this depth is a leaf whatever it holds.
	maxDepth = 48
)

// cell is a square of the quadtree, of side side (48 bytes, so that a
// walk touches little memory).
type cell struct {
	// cx, cy is the centre of mass of the nodes in the cell, mass their
	// total mass.
	cx, cy, mass, side float64
	// lo, hi delimit the cell's nodes in quadtree.order: node i is in the
	// cell exactly when lo <= rank[i] < hi.
	lo, hi int32
	// next is the index of the first cell after this one's subtree.
	next int32
	// leaf reports whether the cell has no children (its first child, if
	// any, is the next cell).
	leaf bool
}

// quadtree holds the cells and the node order; its slices are reused from
// one iteration to the next.
type quadtree struct {
	cells []cell
	order []int32
	tmp   []int32
	// rank[i] is node i's index in order, -1 for a node not in the tree.
	rank []int32
}

// build rebuilds the tree over the nodes (all nodes when nil) at
// positions x, y with masses m.
func (t *quadtree) build(x, y, m []float64, nodes []int32) {
	n := len(x)
	if nodes != nil {
		n = len(nodes)
	}
	if cap(t.order) < n {
		t.order = make([]int32, n)
		t.tmp = make([]int32, n)
	}
	t.order, t.tmp = t.order[:n], t.tmp[:n]
	if nodes != nil {
		copy(t.order, nodes)
	} else {
		for i := range t.order {
			t.order[i] = int32(i)
		}
	}
	t.cells = t.cells[:0]
	if cap(t.rank) < len(x) {
		t.rank = make([]int32, len(x))
	}
	t.rank = t.rank[:len(x)]
	if nodes != nil {
		for i := range t.rank {
			t.rank[i] = -1
		}
	}
	if n == 0 {
		return
	}
	first := t.order[0]
	minX, maxX, minY, maxY := x[first], x[first], y[first], y[first]
	for _, i := range t.order {
		minX, maxX = min(minX, x[i]), max(maxX, x[i])
		minY, maxY = min(minY, y[i]), max(maxY, y[i])
	}
	side := max(maxX-minX, maxY-minY)
	// Widen the square a little so that the largest coordinates fall
	// strictly inside it.
	side = side*(1+1e-9) + 1e-9
	t.split(0, int32(n), minX, minY, side, 0, x, y, m)
	for k, i := range t.order {
		t.rank[i] = int32(k)
	}
}

// split appends the cell [x0, x0+side) × [y0, y0+side) holding the nodes
// order[lo:hi] and, while it holds more than leafSize nodes, its subtree.
func (t *quadtree) split(lo, hi int32, x0, y0, side float64, depth int, x, y, m []float64) {
	c := len(t.cells)
	t.cells = append(t.cells, cell{side: side, lo: lo, hi: hi})
	if hi-lo <= leafSize || depth >= maxDepth {
		var cx, cy, mass float64
		for _, i := range t.order[lo:hi] {
			cx += x[i] * m[i]
			cy += y[i] * m[i]
			mass += m[i]
		}
		t.cells[c].cx, t.cells[c].cy, t.cells[c].mass = cx/mass, cy/mass, mass
		t.cells[c].leaf, t.cells[c].next = true, int32(len(t.cells))
		return
	}
	half := side / 2
	mx, my := x0+half, y0+half
	quadrant := func(i int32) int {
		q := 0
		if x[i] >= mx {
			q = 1
		}
		if y[i] >= my {
			q += 2
		}
		return q
	}
	// A stable counting sort of order[lo:hi] by quadrant.
	var count [4]int32
	for _, i := range t.order[lo:hi] {
		count[quadrant(i)]++
	}
	var start [5]int32
	start[0] = lo
	for q := range 4 {
		start[q+1] = start[q] + count[q]
	}
	next := start
	for _, i := range t.order[lo:hi] {
		q := quadrant(i)
		t.tmp[next[q]] = i
		next[q]++
	}
	copy(t.order[lo:hi], t.tmp[lo:hi])

	for q := range 4 {
		if count[q] == 0 {
			continue
		}
		qx, qy := x0, y0
		if q&1 != 0 {
			qx = mx
		}
		if q&2 != 0 {
			qy = my
		}
		t.split(start[q], start[q+1], qx, qy, half, depth+1, x, y, m)
	}
	var cx, cy, mass float64
	for k := c + 1; k < len(t.cells); k = int(t.cells[k].next) {
		ch := &t.cells[k]
		cx += ch.cx * ch.mass
		cy += ch.cy * ch.mass
		mass += ch.mass
	}
	t.cells[c].cx, t.cells[c].cy, t.cells[c].mass = cx/mass, cy/mass, mass
	t.cells[c].next = int32(len(t.cells))
}
