package recommend

import "github.com/voicemap/voicemap/analysis"

// overlay is the baseline graph with at most one extra tie a–b (a = b = -1
// for none).
type overlay struct {
	g    *analysis.Graph
	a, b int32
}

// neighbours returns the baseline neighbours of w and the other end of the
// extra tie when w is one of its ends, else -1.
func (o overlay) neighbours(w int32) ([]int32, int32) {
	adj, _ := o.g.Neighbours(int(w))
	switch w {
	case o.a:
		return adj, o.b
	case o.b:
		return adj, o.a
	}
	return adj, -1
}

// bfs holds the hop distances of one breadth-first search, -1 for nodes not
// reached, and the order in which nodes were reached (level by level).
type bfs struct {
	dist   []int32
	order  []int32
	counts []int64 // scratch of harmonic
}

func newBFS(n int) *bfs {
	d := make([]int32, n)
	for i := range d {
		d[i] = -1
	}
	return &bfs{dist: d, order: make([]int32, 0, n)}
}

// run searches o from src up to depth limit (limit < 0: no limit). The
// search must have been reset.
func (s *bfs) run(o overlay, src int32, limit int32) {
	s.dist[src] = 0
	s.order = append(s.order, src)
	for head := 0; head < len(s.order); head++ {
		w := s.order[head]
		d := s.dist[w] + 1
		if limit >= 0 && d > limit {
			continue
		}
		adj, extra := o.neighbours(w)
		for _, z := range adj {
			if s.dist[z] < 0 {
				s.dist[z] = d
				s.order = append(s.order, z)
			}
		}
		if extra >= 0 && s.dist[extra] < 0 {
			s.dist[extra] = d
			s.order = append(s.order, extra)
		}
	}
}

// harmonic returns Σ 1/d over the nodes reached but the source, as
// analysis.InverseDistanceSum forms it from the number of nodes at each
// distance, so the sum is bit for bit the one
// analysis.Centrality(…, analysis.Harmonic, false) computes. Distances
// along a breadth-first order never decrease, so the counts are the
// lengths of the runs of equal distance.
func (s *bfs) harmonic() float64 {
	counts := s.counts[:0]
	for _, v := range s.order {
		d := int(s.dist[v])
		for len(counts) <= d {
			counts = append(counts, 0)
		}
		counts[d]++
	}
	s.counts = counts
	return analysis.InverseDistanceSum(counts)
}

// reset clears the distances set by the last run.
func (s *bfs) reset() {
	for _, v := range s.order {
		s.dist[v] = -1
	}
	s.order = s.order[:0]
}
