package layout

// The Barnes–Hut quadtree (Barnes & Hut 1986, "A hierarchical O(N log N)
// force-calculation algorithm", Nature 324:446). It is rebuilt every
// iteration from the current positions, top-down, by partitioning an
// array of node indices in place, so that the nodes of every cell are
// contiguous in order and the tree lives in one slice of cells without
// pointers.

const (
	// leafSize is the most nodes a cell holds before it is split. Within a
	// leaf that cannot be approximated the forces are computed pair by pair.
	leafSize = 4
	// maxDepth stops splitting coincident (or nearly coincident) nodes:
	// a cell at this depth is a leaf whatever it holds.
	maxDepth = 48
)

// cell is a square of the quadtree: [x0, x0+side) × [y0, y0+side).
type cell struct {
	x0, y0, side float64
	// cx, cy is the centre of mass of the nodes in the cell, mass their
	// total mass.
	cx, cy, mass float64
	// lo, hi delimit the cell's nodes in quadtree.order.
	lo, hi int32
	// child is the index of the first child cell, -1 for a leaf; the
	// nchild non-empty children are contiguous from it.
	child, nchild int32
}

// quadtree holds the cells and the node order; its slices are reused from
// one iteration to the next.
type quadtree struct {
	cells []cell
	order []int32
	tmp   []int32
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
	t.cells = append(t.cells, cell{x0: minX, y0: minY, side: side})
	t.split(0, 0, int32(n), 0, x, y, m)
}

// split fills cell c with the nodes order[lo:hi], splitting it into
// quadrants while it holds more than leafSize nodes.
func (t *quadtree) split(c int, lo, hi int32, depth int, x, y, m []float64) {
	t.cells[c].lo, t.cells[c].hi, t.cells[c].child = lo, hi, -1
	if hi-lo <= leafSize || depth >= maxDepth {
		var cx, cy, mass float64
		for _, i := range t.order[lo:hi] {
			cx += x[i] * m[i]
			cy += y[i] * m[i]
			mass += m[i]
		}
		t.cells[c].cx, t.cells[c].cy, t.cells[c].mass = cx/mass, cy/mass, mass
		return
	}
	x0, y0, side := t.cells[c].x0, t.cells[c].y0, t.cells[c].side
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

	first := int32(len(t.cells))
	var nchild int32
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
		t.cells = append(t.cells, cell{x0: qx, y0: qy, side: half})
		nchild++
	}
	t.cells[c].child, t.cells[c].nchild = first, nchild
	k := first
	for q := range 4 {
		if count[q] == 0 {
			continue
		}
		t.split(int(k), start[q], start[q+1], depth+1, x, y, m)
		k++
	}
	var cx, cy, mass float64
	for k := first; k < first+nchild; k++ {
		ch := &t.cells[k]
		cx += ch.cx * ch.mass
		cy += ch.cy * ch.mass
		mass += ch.mass
	}
	t.cells[c].cx, t.cells[c].cy, t.cells[c].mass = cx/mass, cy/mass, mass
}

// contains reports whether the point lies in the cell's square.
func (c *cell) contains(px, py float64) bool {
	return px >= c.x0 && px < c.x0+c.side && py >= c.y0 && py < c.y0+c.side
}
