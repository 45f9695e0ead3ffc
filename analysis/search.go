package analysis

import (
	"math"
	"math/bits"
)

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

// biSearch is the per-goroutine scratch of the balanced bidirectional
// breadth-first search of shortestPaths. Side 0 searches from the source s,
// side 1 from the target t. Between two searches hops is -1 and sigma 0
// everywhere; shortestPaths restores that state for the nodes it reached.
type biSearch struct {
	hops  [2][]int32   // distance in edges from s (side 0) or t (side 1), -1 when not reached
	sigma [2][]float64 // number of shortest paths from s or t
	order [2][]int32   // nodes reached by each side in breadth-first order
	meet  []meetEdge   // edges that join the two balls at the last level
}

// meetEdge is an edge (a, b) that joins the two searches of biSearch: a at
// distance ls from s and b at distance lt from t, where ls + 1 + lt is the
// s–t distance. It lies on σ_sa·σ_bt shortest s–t paths, its paths.
type meetEdge struct {
	a, b  int32
	paths float64
}

func newBiSearch(n int) *biSearch {
	bs := &biSearch{}
	for x := range 2 {
		bs.hops[x] = make([]int32, n)
		bs.sigma[x] = make([]float64, n)
		bs.order[x] = make([]int32, 0, n)
		for i := range n {
			bs.hops[x][i] = -1
		}
	}
	return bs
}

// shortestPaths finds every shortest path between s and t (s ≠ t) by a
// balanced bidirectional breadth-first search (Borassi & Natale,
// "KADABRA is an adaptive algorithm for betweenness via random
// approximation", ESA 2016; ACM J. Exp. Algorithmics 24, 2019): each step
// grows by one whole level the side whose frontier has the smaller sum of
// degrees, counting shortest paths σ from its own end, and the search stops
// at the first level that reaches a node of the other side.
//
// If the s side grows from level ls and meets the t side, whose deepest
// level is lt, then d(s,t) = ls + 1 + lt: the balls of radius ls around s
// and lt around t were disjoint, so d(s,t) > ls + lt, and the node met is
// within lt of t. Every shortest path crosses exactly one edge (a, b) with
// a at ls from s and b at lt from t, and there are σ_sa·σ_bt of them
// through that edge, so σ_st = Σ σ_sa·σ_bt over bs.meet (likewise with the
// roles swapped when the t side grows). The σ of a frontier are complete
// because each level is grown whole.
//
// It returns d(s,t), the sum σ_st of bs.meet's paths, and ok = false if t
// cannot be reached from s. Call reset before the next search.
func (g *Graph) shortestPaths(bs *biSearch, s, t int32) (dist int, total float64, ok bool) {
	adj, off := g.adj, g.off
	ends := [2]int32{s, t}
	var lo, deg [2]int
	for x, e := range ends {
		bs.hops[x][e] = 0
		bs.sigma[x][e] = 1
		bs.order[x] = append(bs.order[x][:0], e)
		deg[x] = off[e+1] - off[e]
	}
	bs.meet = bs.meet[:0]
	for {
		x := 0
		if deg[1] < deg[0] {
			x = 1
		}
		y := 1 - x
		own, ownSigma, other, otherSigma := bs.hops[x], bs.sigma[x], bs.hops[y], bs.sigma[y]
		order := bs.order[x]
		hi := len(order)
		if lo[x] == hi {
			return 0, 0, false // this side's component is exhausted
		}
		next := own[order[lo[x]]] + 1
		newDeg := 0
		for _, v := range order[lo[x]:hi] {
			sv := ownSigma[v]
			for _, w := range adj[off[v]:off[v+1]] {
				switch h := own[w]; {
				case other[w] >= 0:
					// The balls are disjoint until now, so w
					// is on the other side's frontier.
					p := sv * otherSigma[w]
					total += p
					if x == 0 {
						bs.meet = append(bs.meet, meetEdge{v, w, p})
					} else {
						bs.meet = append(bs.meet, meetEdge{w, v, p})
					}
				case h < 0:
					own[w] = next
					ownSigma[w] = sv
					order = append(order, w)
					newDeg += off[w+1] - off[w]
				case h == next:
					ownSigma[w] += sv
				}
			}
		}
		bs.order[x] = order
		if len(bs.meet) > 0 {
			e := bs.meet[0]
			return int(bs.hops[0][e.a]) + 1 + int(bs.hops[1][e.b]), total, true
		}
		lo[x] = hi
		deg[x] = newDeg
	}
}

// reset restores the between-searches state for the nodes both sides
// reached.
func (bs *biSearch) reset() {
	for x := range 2 {
		for _, v := range bs.order[x] {
			bs.hops[x][v] = -1
			bs.sigma[x][v] = 0
		}
		bs.order[x] = bs.order[x][:0]
	}
}

// multiWidth is the number of searches multiBFS runs at once, one bit of
// a node's bitset per search.
const multiWidth = 64 * multiWords

// multiWords is the number of 64-bit words of a bitset.
const multiWords = 4

// bitset is a set of searches of multiBFS.
type bitset [multiWords]uint64

func (b *bitset) empty() bool { return b[0]|b[1]|b[2]|b[3] == 0 }

func (b *bitset) or(c *bitset) {
	b[0] |= c[0]
	b[1] |= c[1]
	b[2] |= c[2]
	b[3] |= c[3]
}

// count returns the number of searches in b.
func (b *bitset) count() int {
	return bits.OnesCount64(b[0]) + bits.OnesCount64(b[1]) + bits.OnesCount64(b[2]) + bits.OnesCount64(b[3])
}

// multiSearch is the per-goroutine scratch of multiBFS. Between two
// searches every bitset is empty.
type multiSearch struct {
	seen, frontier, next []bitset
	active, touched      []int32
	// direction forces every level to push (+1) or pull (-1); 0 lets
	// multiBFS choose. Only tests set it.
	direction int
}

func newMultiSearch(n int) *multiSearch {
	return &multiSearch{
		seen:     make([]bitset, n),
		frontier: make([]bitset, n),
		next:     make([]bitset, n),
		active:   make([]int32, 0, n),
		touched:  make([]int32, 0, n+1), // +1: branch-free append writes one past the end
	}
}

// multiBFS runs the breadth-first searches from up to multiWidth (256)
// distinct sources at once, one bit of a bitset per source (Then et al.
// 2014, "The more the merrier: efficient multi-source graph traversal",
// PVLDB 8:449). Level by level, the searches that reach each node next are
// found in one of two directions (Beamer, Asanović & Patterson 2012,
// "Direction-optimizing breadth-first search", SC'12):
//
//   - push: every node of the frontier ORs the set of searches that
//     reached it into the bitsets of its neighbours, scanning the edges of
//     the frontier;
//   - pull: every node not yet reached by all the searches ORs in the
//     frontier sets of its neighbours, and stops as soon as it has every
//     search, scanning at most the edges of those nodes.
//
// A level pulls when the frontier has more edges than the nodes still
// missing a search, which on small-world graphs are the last two or three
// levels. Either way a node keeps the bits it has not seen before, and
// each edge is scanned at most once per level for all the searches rather
// than once per source. For every node v and level d >= 1 at which some of
// the searches first reach v, found(d, v, bits) is called with bit i set
// for each sources[i] at distance d from v, in an order fixed by the graph
// and the sources. It leaves ms as it found it.
func (g *Graph) multiBFS(ms *multiSearch, sources []int32, found func(level int32, v int32, bits bitset)) {
	adj, off := g.adj, g.off
	seen, frontier, next := ms.seen, ms.frontier, ms.next
	var all bitset // every search of the batch
	for i := range sources {
		all[i/64] |= 1 << (i % 64)
	}
	active := ms.active[:0]
	for i, s := range sources {
		seen[s][i/64] |= 1 << (i % 64)
		frontier[s][i/64] |= 1 << (i % 64)
		active = append(active, s)
	}
	// missing is the number of edge ends at nodes that some search has
	// not reached yet.
	missing := len(adj)
	for _, s := range sources {
		if seen[s] == all {
			missing -= off[s+1] - off[s]
		}
	}
	for level := int32(1); len(active) > 0; level++ {
		pushEdges := 0
		for _, v := range active {
			pushEdges += off[v+1] - off[v]
		}
		touched := ms.touched[:cap(ms.touched)]
		tail := 0
		if ms.direction > 0 || ms.direction == 0 && pushEdges <= missing {
			for _, v := range active {
				f := frontier[v]
				for _, w := range adj[off[v]:off[v+1]] {
					nw := &next[w]
					touched[tail] = w
					tail += b2i(nw.empty())
					nw.or(&f)
				}
			}
		} else {
			for w := range int32(len(seen)) {
				sw := seen[w]
				if sw == all {
					continue
				}
				var acc bitset
				for _, u := range adj[off[w]:off[w+1]] {
					acc.or(&frontier[u])
					if acc[0]|sw[0] == all[0] && acc[1]|sw[1] == all[1] && acc[2]|sw[2] == all[2] && acc[3]|sw[3] == all[3] {
						break
					}
				}
				next[w] = acc
				touched[tail] = w
				tail++
			}
		}
		for _, v := range active {
			frontier[v] = bitset{}
		}
		active = active[:0]
		for _, w := range touched[:tail] {
			nw, sw := &next[w], &seen[w]
			fresh := bitset{nw[0] &^ sw[0], nw[1] &^ sw[1], nw[2] &^ sw[2], nw[3] &^ sw[3]}
			*nw = bitset{}
			if !fresh.empty() {
				sw.or(&fresh)
				frontier[w] = fresh
				active = append(active, w)
				if *sw == all {
					missing -= off[w+1] - off[w]
				}
				found(level, w, fresh)
			}
		}
		ms.touched = touched[:0]
	}
	ms.active = active
	// Clearing every bitset costs O(n) per call, a 256th of a node per
	// source, and spares a list of the nodes reached.
	clear(seen)
}
