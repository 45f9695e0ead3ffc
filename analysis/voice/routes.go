package voice

import (
	"fmt"
	"math"

	"github.com/voicemap/voicemap/analysis"
)

// Hops returns, for every node of g, the number of steps to the nearest
// holder (0 for a holder), or -1 if no holder can be reached: one
// breadth-first search from all holders at once, O(n + m). Weights are
// ignored. holders must have one entry per node; otherwise the error wraps
// analysis.ErrInvalid.
func Hops(g *analysis.Graph, holders []bool) ([]int, error) {
	n := g.Order()
	if len(holders) != n {
		return nil, fmt.Errorf("%w: voice: %d holder flags for %d nodes", analysis.ErrInvalid, len(holders), n)
	}
	hops := make([]int, n)
	queue := make([]int32, 0, n)
	for v, h := range holders {
		hops[v] = -1
		if h {
			hops[v] = 0
			queue = append(queue, int32(v))
		}
	}
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		adj, _ := g.Neighbours(int(v))
		for _, w := range adj {
			if hops[w] < 0 {
				hops[w] = hops[v] + 1
				queue = append(queue, w)
			}
		}
	}
	return hops, nil
}

// Routes holds the distance from every node of a graph to its nearest
// decision holder, from which Path reads the chain from any node to power.
// A Routes is safe for concurrent use.
type Routes struct {
	g        *analysis.Graph
	weighted bool
	dist     []float64 // +Inf when no holder can be reached
}

// NewRoutes returns the routes to power in g. Unweighted, the length of a
// chain is its number of steps (one breadth-first search from all holders,
// O(n + m)). Weighted, it is Σ 1/weight over its ties, so the shortest
// chain is the strongest one, as the weighted measures of package analysis
// (one Dijkstra search from all holders, O(m log n)). holders must have one
// entry per node; otherwise the error wraps analysis.ErrInvalid.
func NewRoutes(g *analysis.Graph, holders []bool, weighted bool) (*Routes, error) {
	n := g.Order()
	if len(holders) != n {
		return nil, fmt.Errorf("%w: voice: %d holder flags for %d nodes", analysis.ErrInvalid, len(holders), n)
	}
	r := &Routes{g: g, weighted: weighted, dist: make([]float64, n)}
	if !weighted {
		hops, _ := Hops(g, holders)
		for v, h := range hops {
			r.dist[v] = float64(h)
			if h < 0 {
				r.dist[v] = math.Inf(1)
			}
		}
		return r, nil
	}
	r.dijkstra(holders)
	return r, nil
}

// dijkstra sets r.dist to the weighted distance from the nearest holder,
// settling nodes in order of (distance, index).
func (r *Routes) dijkstra(holders []bool) {
	var h heap
	for v := range r.dist {
		r.dist[v] = math.Inf(1)
		if holders[v] {
			r.dist[v] = 0
			h.push(0, int32(v))
		}
	}
	done := make([]bool, len(r.dist))
	for len(h) > 0 {
		it := h.pop()
		v := it.v
		if done[v] {
			continue
		}
		done[v] = true
		adj, w := r.g.Neighbours(int(v))
		for i, u := range adj {
			if d := it.d + 1/w[i]; d < r.dist[u] {
				r.dist[u] = d
				h.push(d, u)
			}
		}
	}
}

// Length returns the length of the shortest chain from node from to its
// nearest decision holder (steps, or Σ 1/weight when weighted), 0 for a
// holder, and +Inf if none can be reached or from is not a node.
func (r *Routes) Length(from int) float64 {
	if from < 0 || from >= len(r.dist) {
		return math.Inf(1)
	}
	return r.dist[from]
}

// Path returns the shortest chain of nodes from node from to its nearest
// decision holder, both included: [from] if from is a holder, nil if no
// holder can be reached or from is not a node.
//
// Among several shortest chains it returns the one whose sequence of node
// indices is smallest in lexicographic order: from each node it steps to the
// smallest-index neighbour that lies on a shortest chain, one whose distance
// to power is that of the current node less the length of the tie (for
// weighted chains, the neighbour nearer to power that minimises
// dist(w) + 1/weight, ties to the smallest index).
func (r *Routes) Path(from int) []int {
	if from < 0 || from >= len(r.dist) || math.IsInf(r.dist[from], 1) {
		return nil
	}
	path := []int{from}
	for v := from; r.dist[v] > 0; {
		adj, w := r.g.Neighbours(v)
		best, bestD := -1, math.Inf(1)
		for i, u := range adj {
			du := r.dist[u]
			if !(du < r.dist[v]) {
				continue
			}
			if !r.weighted {
				if du == r.dist[v]-1 {
					best = int(u)
					break // neighbours are in ascending order
				}
				continue
			}
			if d := du + 1/w[i]; d < bestD {
				best, bestD = int(u), d
			}
		}
		v = best
		path = append(path, v)
	}
	return path
}

// PathToPower returns the shortest chain of nodes from node from to the
// nearest decision holder in g, as Routes.Path: fewest steps when weighted
// is false, strongest (least Σ 1/weight) when it is true, ties broken
// towards the smallest node indices. It returns [from] if from is a holder,
// and nil if no holder can be reached, from is not a node, or holders does
// not have one entry per node. To answer for many people, build one Routes.
func PathToPower(g *analysis.Graph, holders []bool, from int, weighted bool) []int {
	r, err := NewRoutes(g, holders, weighted)
	if err != nil {
		return nil
	}
	return r.Path(from)
}

// heap is a binary min-heap of (distance, node), ordered by distance and
// then by node so that searches settle nodes in a fixed order.
type heap []heapItem

type heapItem struct {
	d float64
	v int32
}

func (a heapItem) less(b heapItem) bool { return a.d < b.d || a.d == b.d && a.v < b.v }

func (h *heap) push(d float64, v int32) {
	*h = append(*h, heapItem{d, v})
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if !s[i].less(s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *heap) pop() heapItem {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		c := 2*i + 1
		if c >= len(s) {
			break
		}
		if c+1 < len(s) && s[c+1].less(s[c]) {
			c++
		}
		if !s[c].less(s[i]) {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	*h = s
	return top
}
