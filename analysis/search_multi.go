package analysis

import "math/bits"

// multiWidth is the number of searches multiBFS runs at once, one bit of
// a node's bitset per search.
const multiWidth = 64 * multiWords

// multiWords is the number of 64-bit words of a bitset.
const multiWords = 4

// multiPullBias weighs the choice of direction of multiBFS: a level pulls
// once the frontier has more than 1/multiPullBias as many edge ends as the
// nodes still missing a search. Pulling reads the frontier sets of a
// node's neighbours in turn, pushing writes into the sets of the
// frontier's neighbours at random, which costs several times more per
// edge: on BarabasiAlbert(100000, 10) a bias of 4 took a batch from about
// 2.0 to 1.0 units of time against the even choice (bias 1), and 16 or
// more was slower again (A/B in one process, one core).
const multiPullBias = 4

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
// A level pulls when the frontier has more than a quarter as many edges as
// the nodes still missing a search (multiPullBias), which on small-world
// graphs are all but the first one or two levels. Either way a node keeps
// the bits it has not seen before, and each edge is scanned at most once
// per level for all the searches rather than once per source. For every
// node v and level d >= 1 at which some of the searches first reach v,
// found(d, v, bits) is called with bit i set for each sources[i] at
// distance d from v, in an order fixed by the graph and the sources. It
// leaves ms as it found it.
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
		if ms.direction > 0 || ms.direction == 0 && pushEdges*multiPullBias <= missing {
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
