package analysis

import "math"

// search is the per-goroutine scratch of the single-source shortest path
// kernels. Every slice has one entry per node. Between two searches hops is
// -1, dist is +Inf, sigma and delta are 0 and settled is false everywhere;
// each kernel restores that state for the nodes it reached with reset.
type search struct {
	hops    []int32   // BFS distance in edges, -1 when not reached
	dist    []float64 // Dijkstra distance, +Inf when not reached
	sigma   []float64 // number of shortest paths from the source
	delta   []float64 // Brandes dependency of the source on the node
	sums    []float64 // per position in order: a kernel's partial sums
	settled []bool    // Dijkstra: distance is final
	order   []int32   // nodes in the order reached (BFS) or settled (Dijkstra)
	heap    minHeap
}

func newSearch(n int) *search {
	sc := &search{
		hops:    make([]int32, n),
		dist:    make([]float64, n),
		sigma:   make([]float64, n),
		delta:   make([]float64, n),
		sums:    make([]float64, n),
		settled: make([]bool, n),
		order:   make([]int32, 0, n+1), // +1: branch-free BFS writes one past the end
		heap:    newMinHeap(n),
	}
	for i := range n {
		sc.hops[i] = -1
		sc.dist[i] = math.Inf(1)
	}
	return sc
}

// bfs fills sc.order with the nodes reachable from s in breadth-first order,
// sc.hops with their distances in edges and, if paths is set, sc.sigma with
// the number of shortest paths from s to each of them.
//
// The inner loop has no data-dependent branch: every neighbour's hops and
// the slot past the end of the queue are written whether or not the
// neighbour is new, and the queue advances by 0 or 1; sigma[w] gains σ(v)
// masked to 0 unless w is one level below v. A branch here is taken at
// random and mispredicted often, which made it the bottleneck.
func (g *Graph) bfs(sc *search, s int32, paths bool) {
	hops, sigma, adj, off := sc.hops, sc.sigma, g.adj, g.off
	order := sc.order[:cap(sc.order)]
	hops[s] = 0
	sigma[s] = 1
	order[0] = s
	tail := 1
	for head := 0; head < tail; head++ {
		v := order[head]
		next := hops[v] + 1
		if !paths {
			for _, w := range adj[off[v]:off[v+1]] {
				h := hops[w]
				fresh := b2i(h < 0)
				if h < 0 {
					h = next
				}
				hops[w] = h
				order[tail] = w
				tail += fresh
			}
			continue
		}
		sv := math.Float64bits(sigma[v])
		for _, w := range adj[off[v]:off[v+1]] {
			h := hops[w]
			fresh := b2i(h < 0)
			if h < 0 {
				h = next
			}
			hops[w] = h
			order[tail] = w
			tail += fresh
			mask := -uint64(b2i(h == next))
			sigma[w] += math.Float64frombits(sv & mask)
		}
	}
	sc.order = order[:tail]
}

// b2i is 1 for true and 0 for false; the compiler turns it into a SETcc.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dijkstra fills sc.order with the nodes reachable from s in the order their
// distance became final (non-decreasing), sc.dist with their distances, where
// an edge of weight w has length 1/w, and sc.sigma with the number of
// shortest paths. As in NetworkX, two paths are equally short only if their
// floating-point lengths, summed from the source, are exactly equal.
func (g *Graph) dijkstra(sc *search, s int32) {
	dist, sigma, settled, adj, inv, off := sc.dist, sc.sigma, sc.settled, g.adj, g.inv, g.off
	order := sc.order[:0]
	h := &sc.heap
	dist[s] = 0
	sigma[s] = 1
	h.set(0, s)
	for len(h.items) > 0 {
		v := h.pop().v
		settled[v] = true
		order = append(order, v)
		dv, sv := dist[v], sigma[v]
		for i := off[v]; i < off[v+1]; i++ {
			w := adj[i]
			if settled[w] {
				continue
			}
			d := dv + inv[i]
			if d < dist[w] {
				dist[w] = d
				sigma[w] = sv
				h.set(d, w)
			} else if d == dist[w] {
				sigma[w] += sv
			}
		}
	}
	sc.order = order
}

// reset restores the between-searches state for the nodes in sc.order.
func (sc *search) reset() {
	inf := math.Inf(1)
	for _, v := range sc.order {
		sc.hops[v] = -1
		sc.dist[v] = inf
		sc.sigma[v] = 0
		sc.delta[v] = 0
		sc.settled[v] = false
	}
	sc.order = sc.order[:0]
}

// heapItem is a tentative distance to a node.
type heapItem struct {
	d float64
	v int32
}

// minHeap is an indexed 4-ary min-heap of tentative distances: each node
// is in it at most once, at items[pos[v]] (pos[v] = -1 when it is not), and
// a shorter distance found later moves it up in place (decrease-key). So a
// search pops each reached node exactly once. Four children per node halve
// the depth of a binary heap and sit in one or two cache lines.
type minHeap struct {
	items []heapItem
	pos   []int32
}

func newMinHeap(n int) minHeap {
	h := minHeap{items: make([]heapItem, 0, n), pos: make([]int32, n)}
	for i := range h.pos {
		h.pos[i] = -1
	}
	return h
}

// set inserts v with distance d, or lowers its distance to d if it is
// already queued; d must not exceed its queued distance.
func (h *minHeap) set(d float64, v int32) {
	i := int(h.pos[v])
	if i < 0 {
		i = len(h.items)
		h.items = append(h.items, heapItem{})
	}
	items, pos := h.items, h.pos
	for i > 0 {
		p := (i - 1) / 4
		if items[p].d <= d {
			break
		}
		items[i] = items[p]
		pos[items[i].v] = int32(i)
		i = p
	}
	items[i] = heapItem{d, v}
	pos[v] = int32(i)
}

// pop removes and returns the node of least distance.
func (h *minHeap) pop() heapItem {
	items, pos := h.items, h.pos
	top := items[0]
	pos[top.v] = -1
	last := len(items) - 1
	it := items[last]
	items = items[:last]
	h.items = items
	if last == 0 {
		return top
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= last {
			break
		}
		var best int
		if c+3 < last {
			// Four children: a branch-free tournament (the compiler
			// turns these selections into conditional moves).
			a, b := c, c+2
			if items[c+1].d < items[c].d {
				a = c + 1
			}
			if items[c+3].d < items[c+2].d {
				b = c + 3
			}
			best = a
			if items[b].d < items[a].d {
				best = b
			}
		} else {
			best = c
			for k := c + 1; k < last; k++ {
				if items[k].d < items[best].d {
					best = k
				}
			}
		}
		if it.d <= items[best].d {
			break
		}
		items[i] = items[best]
		pos[items[i].v] = int32(i)
		i = best
	}
	items[i] = it
	pos[it.v] = int32(i)
	return top
}
