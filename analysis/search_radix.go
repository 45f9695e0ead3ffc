package analysis

import (
	"math"
	"math/bits"
)

// radixSearch is the per-goroutine scratch of dijkstraDistances. Between
// two searches every dist is +Inf and every bucket is empty.
type radixSearch struct {
	dist    []float64
	order   []int32 // nodes in the order their distance became final
	buckets [65][]radixItem
}

// radixItem is a tentative distance, as the bits of a float64 >= 0, to a
// node.
type radixItem struct {
	key uint64
	v   int32
}

func newRadixSearch(n int) *radixSearch {
	rs := &radixSearch{dist: make([]float64, n), order: make([]int32, 0, n)}
	for i := range rs.dist {
		rs.dist[i] = math.Inf(1)
	}
	return rs
}

// dijkstraDistances fills rs.order with the nodes reachable from s in the
// order their distance became final (non-decreasing) and rs.dist with
// their distances, where an edge of weight w has length 1/w. It finds the
// same distances, bit for bit, as dijkstra (each is the least
// floating-point sum, from the source, over the paths to the node) but
// counts no paths, for the measures that need only distances (closeness,
// harmonic centrality).
//
// The queue is a radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990, "Faster
// algorithms for the shortest path problem", J. ACM 37:213) on the bits of
// the distances: the bits of non-negative float64 values order as the
// values do, and Dijkstra's algorithm takes distances out in
// non-decreasing order, so an item is kept in bucket b, the position of
// the highest bit in which its key differs from the last key taken out
// (bits.Len64), and moves only to lower buckets, at most 64 times. A
// shorter distance found later is pushed again and the stale item skipped
// when it comes out. Pushing is an append and most items move once or
// twice, where a comparison heap sifts through O(log n) levels.
func (g *Graph) dijkstraDistances(rs *radixSearch, s int32) {
	dist, adj, inv, off := rs.dist, g.adj, g.inv, g.off
	order := rs.order[:0]
	b := &rs.buckets
	var last uint64 // the last key taken out
	dist[s] = 0
	b[0] = append(b[0], radixItem{0, s})
	size := 1
	for size > 0 {
		if len(b[0]) == 0 {
			// Move the least bucket to the buckets below its least key.
			i := 1
			for len(b[i]) == 0 {
				i++
			}
			items := b[i]
			least := items[0].key
			for _, it := range items[1:] {
				least = min(least, it.key)
			}
			last = least
			for _, it := range items {
				k := bits.Len64(it.key ^ last)
				b[k] = append(b[k], it)
			}
			b[i] = items[:0]
		}
		it := b[0][len(b[0])-1]
		b[0] = b[0][:len(b[0])-1]
		size--
		v := it.v
		if it.key != math.Float64bits(dist[v]) {
			continue // stale: v was reached by a shorter path since
		}
		dv := dist[v]
		// A settled node's key cannot match again: mark it with a key no
		// distance has (the bits of -0).
		dist[v] = math.Copysign(dv, -1)
		order = append(order, v)
		for j := off[v]; j < off[v+1]; j++ {
			w := adj[j]
			d := dv + inv[j]
			if d < dist[w] {
				dist[w] = d
				key := math.Float64bits(d)
				k := bits.Len64(key ^ last)
				b[k] = append(b[k], radixItem{key, w})
				size++
			}
		}
	}
	// Undo the marks.
	for _, v := range order {
		dist[v] = -dist[v]
	}
	rs.order = order
}

// reset restores the between-searches state for the nodes in rs.order.
func (rs *radixSearch) reset() {
	inf := math.Inf(1)
	for _, v := range rs.order {
		rs.dist[v] = inf
	}
	rs.order = rs.order[:0]
}
