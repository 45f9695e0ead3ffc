package layout

import (
	"fmt"
	"math"

	"github.com/voicemap/voicemap/analysis"
)

// Energy returns the energy of the positions pos of g under the force model
// of opts, the function whose negative gradient is the ForceAtlas2 force
// (Noack 2007, "Energy models for graph clustering", J. Graph Algorithms
// Appl. 11(2):453, and Jacomy et al. 2014, section "Energy model"):
//
//	E = Σ_{ties i–j} w_ij^δ·a(d_ij) − Σ_{i<j} k_r·m_i·m_j·ln d_ij + Σ_i k_g·m_i·g(|p_i|)
//
// with a(d) = d²/2 (linear attraction, force d) or (1+d)·ln(1+d) − d
// (LinLog, force ln(1+d)), and g(d) = d (force k_g·m_i) or d²/2 (strong
// gravity, force k_g·m_i·d). ForceAtlas2 does not minimise E by gradient
// descent (its adaptive speed only follows the forces), but a layout that
// settles has a low E, so E measures how far a layout is from settling.
//
// It costs O(n²) and is meant for tests and small graphs. Overlap
// prevention has no energy: with opts.PreventOverlap, or with two nodes at
// the same position, or options outside their ranges, it returns an error
// wrapping analysis.ErrInvalid. Only the force-model fields of opts are
// used (Scaling, Gravity, StrongGravity, LinLog, EdgeWeightInfluence,
// Masses).
func Energy(g *analysis.Graph, pos []Point, opts Options) (float64, error) {
	n := g.Order()
	if len(pos) != n {
		return 0, fmt.Errorf("%w: layout: energy of %d positions for %d nodes", analysis.ErrInvalid, len(pos), n)
	}
	if opts.PreventOverlap {
		return 0, fmt.Errorf("%w: layout: overlap prevention has no energy", analysis.ErrInvalid)
	}
	check := opts
	check.Initial, check.Known, check.Fixed = nil, nil, nil
	if err := check.validate(n); err != nil {
		return 0, err
	}
	mass := func(i int) float64 {
		if opts.Masses != nil {
			return opts.Masses[i]
		}
		nb, _ := g.Neighbours(i)
		return float64(len(nb) + 1)
	}
	var e float64
	for i := range n {
		nb, w := g.Neighbours(i)
		for k, j := range nb {
			if int(j) < i {
				continue
			}
			d := math.Hypot(pos[i].X-pos[j].X, pos[i].Y-pos[j].Y)
			ew := math.Pow(w[k], opts.EdgeWeightInfluence)
			if opts.LinLog {
				e += ew * ((1+d)*math.Log1p(d) - d)
			} else {
				e += ew * d * d / 2
			}
		}
		mi := mass(i)
		for j := i + 1; j < n; j++ {
			d := math.Hypot(pos[i].X-pos[j].X, pos[i].Y-pos[j].Y)
			if d == 0 {
				return 0, fmt.Errorf("%w: layout: nodes %d and %d share a position", analysis.ErrInvalid, i, j)
			}
			e -= opts.Scaling * mi * mass(j) * math.Log(d)
		}
		r := math.Hypot(pos[i].X, pos[i].Y)
		if opts.StrongGravity {
			e += opts.Gravity * mi * r * r / 2
		} else {
			e += opts.Gravity * mi * r
		}
	}
	return e, nil
}
