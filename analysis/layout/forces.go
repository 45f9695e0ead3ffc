package layout

import "math"

// The forces of ForceAtlas2, as Gephi's ForceFactory computes them. Each
// function adds to the force (fx, fy) of the nodes it is given; a node's
// force is always summed in the same order, so the result does not depend
// on how nodes are shared among workers.

// pairRepulsion returns the factor f such that node i, at offset (dx, dy)
// from node j, is pushed by (f·dx, f·dy): k_r·m_i·m_j/d² (a force of
// magnitude k_r·m_i·m_j/d), or with PreventOverlap, k_r·m_i·m_j/d'² where
// d' = d − r_i − r_j is the gap between the discs, and 100·k_r·m_i·m_j when
// they overlap (Gephi's linRepulsion and linRepulsion_antiCollision).
func (s *state) pairRepulsion(i, j int, dx, dy float64) float64 {
	d2 := dx*dx + dy*dy
	if !s.overlap {
		if d2 == 0 {
			return 0
		}
		return s.kr * s.mass[i] * s.mass[j] / d2
	}
	gap := math.Sqrt(d2) - s.size[i] - s.size[j]
	switch {
	case gap > 0:
		return s.kr * s.mass[i] * s.mass[j] / (gap * gap)
	case gap < 0:
		return 100 * s.kr * s.mass[i] * s.mass[j]
	}
	return 0
}

// repelBarnesHut adds to the nodes the repulsion of the nodes in the
// quadtree, approximating every cell of side s at distance d from the node
// (to its centre of mass) with s/d < θ that does not contain the node by
// its total mass at its centre of mass: k_r·m_i·M/d. The walk follows the
// cells in pre-order, skipping the subtree of every cell it approximates.
func (s *state) repelBarnesHut(nodes []int32) {
	cells := s.tree.cells
	order := s.tree.order
	rank := s.tree.rank
	theta2 := s.theta * s.theta
	kr := s.kr
	end := int32(len(cells))
	for _, ii := range nodes {
		i := int(ii)
		xi, yi, mi := s.x[i], s.y[i], s.mass[i]
		ri := rank[i]
		var fx, fy float64
		for k := int32(0); k < end; {
			c := &cells[k]
			dx, dy := xi-c.cx, yi-c.cy
			d2 := dx*dx + dy*dy
			// A cell holding i is never approximated (i would repel
			// itself); rank tells without looking at coordinates.
			if c.side*c.side < theta2*d2 && (ri < c.lo || ri >= c.hi) {
				f := kr * mi * c.mass / d2
				fx += dx * f
				fy += dy * f
				k = c.next
				continue
			}
			if !c.leaf {
				k++
				continue
			}
			if s.overlap {
				for _, jj := range order[c.lo:c.hi] {
					if j := int(jj); j != i {
						dx, dy := xi-s.x[j], yi-s.y[j]
						f := s.pairRepulsion(i, j, dx, dy)
						fx += dx * f
						fy += dy * f
					}
				}
			} else {
				for _, jj := range order[c.lo:c.hi] {
					j := int(jj)
					dx, dy := xi-s.x[j], yi-s.y[j]
					if d2 := dx*dx + dy*dy; d2 > 0 && j != i {
						f := kr * mi * s.mass[j] / d2
						fx += dx * f
						fy += dy * f
					}
				}
			}
			k = c.next
		}
		s.fx[i] += fx
		s.fy[i] += fy
	}
}

// repelAmong adds to each of the nodes the exact repulsion of the nodes in
// among (all of them: the O(n²) sum when θ = 0).
func (s *state) repelAmong(nodes, among []int32) {
	for _, ii := range nodes {
		i := int(ii)
		xi, yi := s.x[i], s.y[i]
		var fx, fy float64
		for _, jj := range among {
			j := int(jj)
			if j == i {
				continue
			}
			dx, dy := xi-s.x[j], yi-s.y[j]
			f := s.pairRepulsion(i, j, dx, dy)
			fx += dx * f
			fy += dy * f
		}
		s.fx[i] += fx
		s.fy[i] += fy
	}
}

// attract adds to the nodes the attraction of their ties and
// gravity. A tie of weight w^δ between nodes at distance d pulls each
// end towards the other with w^δ·d, or w^δ·log(1+d) with LinLog
// (Gephi's linAttraction and logAttraction); with PreventOverlap the pull
// stops while the discs overlap, and LinLog measures d' = d − r_i − r_j.
// Gravity pulls node i towards the origin with k_g·m_i, or k_g·m_i·d with
// strong gravity.
func (s *state) attract(nodes []int32) {
	for _, ii := range nodes {
		i := int(ii)
		xi, yi := s.x[i], s.y[i]
		var fx, fy float64
		for k := s.off[i]; k < s.off[i+1]; k++ {
			j := s.nbr[k]
			dx, dy := xi-s.x[j], yi-s.y[j]
			var f float64
			switch {
			case s.overlap:
				gap := math.Sqrt(dx*dx+dy*dy) - s.size[i] - s.size[j]
				if gap <= 0 {
					continue
				}
				if s.linLog {
					f = -s.ew[k] * math.Log1p(gap) / gap
				} else {
					f = -s.ew[k]
				}
			case s.linLog:
				d := math.Sqrt(dx*dx + dy*dy)
				if d == 0 {
					continue
				}
				f = -s.ew[k] * math.Log1p(d) / d
			default:
				f = -s.ew[k]
			}
			fx += dx * f
			fy += dy * f
		}
		if s.kg > 0 {
			var f float64
			if s.strong {
				f = -s.kg * s.mass[i]
			} else if d := math.Sqrt(xi*xi + yi*yi); d > 0 {
				f = -s.kg * s.mass[i] / d
			}
			fx += xi * f
			fy += yi * f
		}
		s.fx[i] += fx
		s.fy[i] += fy
	}
}
