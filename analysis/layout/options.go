package layout

import (
	"fmt"
	"math"

	"github.com/voicemap/voicemap/analysis"
)

// Point is a position in the plane.
type Point struct{ X, Y float64 }

// Options configures ForceAtlas2. DefaultOptions gives Gephi's defaults;
// Layout refuses options outside the ranges stated here with an error
// wrapping analysis.ErrInvalid.
type Options struct {
	// Scaling is the repulsion constant k_r > 0 (Gephi's "Scaling"). Larger
	// values spread the layout out; distances grow as √k_r.
	Scaling float64
	// Gravity is k_g ≥ 0, the pull of every node towards the origin, which
	// keeps disconnected components from drifting apart.
	Gravity float64
	// StrongGravity makes gravity grow with the distance to the origin
	// (k_g·m·d instead of k_g·m).
	StrongGravity bool
	// LinLog uses the attraction log(1 + d) instead of d (Noack's LinLog
	// energy model): clusters come out tighter and further apart.
	LinLog bool
	// EdgeWeightInfluence is δ ≥ 0: a tie of strength w attracts with w^δ
	// (0 ignores strengths, 1 uses them as they are).
	EdgeWeightInfluence float64
	// JitterTolerance is τ > 0, how much swinging the adaptive speed
	// accepts for a given amount of useful movement.
	JitterTolerance float64
	// Theta is the Barnes–Hut opening criterion θ ≥ 0: a quadtree cell of
	// side s seen from distance d stands for all its nodes when s/d < θ
	// and does not contain the node. 0 computes every repulsion pair
	// exactly (O(n²) per iteration).
	Theta float64
	// PreventOverlap (Gephi's "Prevent Overlap", adjustSizes) treats nodes
	// as discs of radius Sizes[i]: ties stop attracting once the discs
	// touch, and overlapping discs repel strongly; once the iterations are
	// over, the discs that still overlap are pushed apart (as Gephi's
	// Noverlap does, see separateDiscs).
	PreventOverlap bool
	// Sizes are the node radii used by PreventOverlap, one per node, each
	// ≥ 0; nil means radius 1 for every node. Ignored without
	// PreventOverlap.
	Sizes []float64
	// PackComponents moves every connected component but the largest, as
	// a whole, in next to the largest once the layout has settled (see
	// packComponents): disconnected actors then sit around the network
	// instead of far out, where ForceAtlas2's repulsion pushes them.
	PackComponents bool
	// Masses override the node masses m_i = deg(i) + 1 when not nil, one
	// per node, each > 0 (a node standing for a group of nodes can carry
	// the group's mass).
	Masses []float64
	// MaxIterations caps the iterations, > 0.
	MaxIterations int
	// Tolerance ≥ 0 is the convergence threshold: Layout stops after
	// Patience consecutive iterations whose relative displacement (the
	// mean distance the nodes moved, divided by the layout's RMS radius)
	// is below it. 0 always runs MaxIterations.
	Tolerance float64
	// Patience ≥ 1 is the number of consecutive quiet iterations
	// Tolerance asks for.
	Patience int
	// Seed seeds the random initial positions and the jitter given to
	// nodes placed from their neighbours.
	Seed int64
	// Initial holds starting positions (a warm start), one per node, or is
	// nil for a seeded random start.
	Initial []Point
	// Known tells, when not nil, which entries of Initial are real; the
	// others are placed near their neighbours first (see Layout). nil with
	// Initial set means every position is known.
	Known []bool
	// Fixed tells, when not nil, which nodes keep their initial position
	// (Gephi's "fixed" nodes): they repel and attract the others but do
	// not move. A fixed node's position must be known.
	Fixed []bool
	// Workers is the number of goroutines computing forces; 0 means
	// GOMAXPROCS. The result does not depend on it.
	Workers int
}

// Gephi's defaults (ForceAtlas2.resetPropertiesValues, Gephi 0.10) and the
// package's stopping rule.
const (
	// DefaultTheta is Gephi's Barnes–Hut θ.
	DefaultTheta = 1.2
	// DefaultMaxIterations caps a cold layout.
	DefaultMaxIterations = 1000
	// DefaultTolerance is the relative displacement below which an
	// iteration counts as quiet.
	DefaultTolerance = 0.003
	// DefaultPatience is the number of consecutive quiet iterations that
	// end a layout.
	DefaultPatience = 5
)

// DefaultOptions returns Gephi's ForceAtlas2 defaults for a graph of n
// nodes: scaling 2 (10 below 100 nodes), gravity 1, no strong gravity, no
// LinLog, edge weight influence 1, jitter tolerance 1, Barnes–Hut with
// θ = 1.2 (Gephi turns it on from 1,000 nodes; here it is always on, and
// below 1,000 nodes it changes nothing visible), no overlap prevention;
// and this package's stopping rule: at most DefaultMaxIterations
// iterations, ending after DefaultPatience consecutive iterations with a
// relative displacement below DefaultTolerance. The seed is 1.
func DefaultOptions(n int) Options {
	scaling := 2.0
	if n < 100 {
		scaling = 10
	}
	return Options{
		Scaling:             scaling,
		Gravity:             1,
		EdgeWeightInfluence: 1,
		JitterTolerance:     1,
		Theta:               DefaultTheta,
		MaxIterations:       DefaultMaxIterations,
		Tolerance:           DefaultTolerance,
		Patience:            DefaultPatience,
		Seed:                1,
	}
}

// validate checks o against a graph of n nodes.
func (o *Options) validate(n int) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: layout: "+format, append([]any{analysis.ErrInvalid}, args...)...)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !(o.Scaling > 0) || !finite(o.Scaling):
		return bad("scaling %v, want a finite number > 0", o.Scaling)
	case !(o.Gravity >= 0) || !finite(o.Gravity):
		return bad("gravity %v, want a finite number ≥ 0", o.Gravity)
	case !(o.EdgeWeightInfluence >= 0) || !finite(o.EdgeWeightInfluence):
		return bad("edge weight influence %v, want a finite number ≥ 0", o.EdgeWeightInfluence)
	case !(o.JitterTolerance > 0) || !finite(o.JitterTolerance):
		return bad("jitter tolerance %v, want a finite number > 0", o.JitterTolerance)
	case !(o.Theta >= 0) || !finite(o.Theta):
		return bad("theta %v, want a finite number ≥ 0", o.Theta)
	case o.MaxIterations < 1:
		return bad("max iterations %d, want ≥ 1", o.MaxIterations)
	case !(o.Tolerance >= 0) || !finite(o.Tolerance):
		return bad("tolerance %v, want a finite number ≥ 0", o.Tolerance)
	case o.Patience < 1:
		return bad("patience %d, want ≥ 1", o.Patience)
	case o.Workers < 0:
		return bad("workers %d, want ≥ 0", o.Workers)
	case o.Initial != nil && len(o.Initial) != n:
		return bad("%d initial positions for %d nodes", len(o.Initial), n)
	case o.Known != nil && o.Initial == nil:
		return bad("known positions given without initial positions")
	case o.Known != nil && len(o.Known) != n:
		return bad("%d known flags for %d nodes", len(o.Known), n)
	case o.Fixed != nil && o.Initial == nil:
		return bad("fixed nodes given without initial positions")
	case o.Fixed != nil && len(o.Fixed) != n:
		return bad("%d fixed flags for %d nodes", len(o.Fixed), n)
	case o.Sizes != nil && len(o.Sizes) != n:
		return bad("%d sizes for %d nodes", len(o.Sizes), n)
	case o.Masses != nil && len(o.Masses) != n:
		return bad("%d masses for %d nodes", len(o.Masses), n)
	}
	for i, p := range o.Initial {
		if (o.Known == nil || o.Known[i]) && (!finite(p.X) || !finite(p.Y)) {
			return bad("initial position %d is (%v, %v), want finite coordinates", i, p.X, p.Y)
		}
	}
	for i, f := range o.Fixed {
		if f && o.Known != nil && !o.Known[i] {
			return bad("node %d is fixed but its position is not known", i)
		}
	}
	for i, s := range o.Sizes {
		if !(s >= 0) || !finite(s) {
			return bad("size %d is %v, want a finite number ≥ 0", i, s)
		}
	}
	for i, m := range o.Masses {
		if !(m > 0) || !finite(m) {
			return bad("mass %d is %v, want a finite number > 0", i, m)
		}
	}
	return nil
}
