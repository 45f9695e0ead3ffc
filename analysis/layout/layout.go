package layout

import (
	"context"
	"math"

	"github.com/voicemap/voicemap/analysis"
)

// Result is a finished layout.
type Result struct {
	// Positions holds node i's position at index i.
	Positions []Point
	// Iterations is the number of iterations run, both phases together.
	Iterations int
	// Settling is the number of those iterations in which only the nodes
	// without a known initial position moved (see Layout).
	Settling int
	// Converged reports whether the layout stopped by the tolerance rule
	// rather than the iteration cap.
	Converged bool
	// Steps describes each iteration, in order: the settling ones first.
	Steps []Step
}

// Step describes one iteration.
type Step struct {
	// Swing is the global swinging Σ m_i·|F_i(t) − F_i(t−1)|, Traction
	// the global effective traction Σ m_i·|F_i(t) + F_i(t−1)|/2 (Jacomy et
	// al. 2014, "Adaptive speed"; F_i(t−1) = 0 in a phase's first
	// iteration), both over the nodes that move.
	Swing, Traction float64
	// Speed is the global speed s(G) the iteration moved the nodes with.
	Speed float64
	// Displacement is the mean distance the moving nodes moved, divided by
	// the RMS distance of all nodes from their centroid after the move.
	Displacement float64
}

// maxSettleExact is the most nodes a settling phase moves with the others'
// quadtree built once (the moving nodes then repel each other exactly);
// above it the tree is rebuilt every iteration.
const maxSettleExact = 1024

// Layout places the nodes of g with ForceAtlas2 (see the package
// documentation for the force model, the adaptive speed and the stopping
// rule) and returns their positions.
//
// Initial positions: without opts.Initial, uniformly random in a square of
// side 10·√n centred on the origin, from a PCG seeded with opts.Seed. With
// opts.Initial (a warm start), the known positions are kept and every
// other node is placed, in rounds, at the mean position of its neighbours
// placed in earlier rounds plus a seeded jitter of 0.05 to 0.15 mean tie
// lengths; nodes with no placed node in their component are placed at
// random within the known nodes' bounding box. Nodes that share a position
// are moved apart by a hundredth of a tie length.
//
// A warm start with some unknown positions runs in two phases when
// opts.Tolerance > 0: first only the new nodes move, settling among the
// fixed others (at most opts.MaxIterations iterations, until the stopping
// rule holds for them), then every node moves as in a cold layout (at most
// opts.MaxIterations more). Finally a warm-started layout is rotated about
// the origin to match the known initial positions best (see
// keepOrientation): the forces do not change under that rotation, and the
// picture keeps its orientation from one run to the next.
//
// The same graph and options (whatever opts.Workers) always give the same
// positions. ctx is checked before every iteration; when it is done Layout
// returns its error. Options outside their ranges give an error wrapping
// analysis.ErrInvalid.
func Layout(ctx context.Context, g *analysis.Graph, opts Options) (Result, error) {
	n := g.Order()
	if err := opts.validate(n); err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	s := newState(g, &opts)
	s.x, s.y = initialPositions(g, &opts)
	res := Result{Steps: make([]Step, 0, min(opts.MaxIterations, 1024))}
	if n <= 1 {
		res.Positions = s.positions()
		res.Converged = true
		return res, nil
	}
	var fresh []int32
	for i, k := range opts.Known {
		if !k {
			fresh = append(fresh, int32(i))
		}
	}
	if len(fresh) > 0 && len(fresh) < n && opts.Tolerance > 0 {
		fixed := len(fresh) <= maxSettleExact && opts.Theta > 0
		if fixed {
			isFresh := make([]bool, n)
			for _, i := range fresh {
				isFresh[i] = true
			}
			others := make([]int32, 0, n-len(fresh))
			for i := range n {
				if !isFresh[i] {
					others = append(others, int32(i))
				}
			}
			s.tree.build(s.x, s.y, s.mass, others)
		}
		if _, err := s.run(ctx, &res, &opts, fresh, fixed); err != nil {
			return Result{}, err
		}
		res.Settling = res.Iterations
		s.resetSpeed()
	}
	converged, err := s.run(ctx, &res, &opts, s.all, false)
	if err != nil {
		return Result{}, err
	}
	res.Converged = converged
	res.Positions = s.positions()
	if opts.Initial != nil {
		keepOrientation(res.Positions, opts.Initial, opts.Known)
	}
	return res, nil
}

// run iterates on the active nodes until the stopping rule holds (it then
// reports true) or opts.MaxIterations iterations have run.
func (s *state) run(ctx context.Context, res *Result, opts *Options, active []int32, fixed bool) (bool, error) {
	quiet := 0
	for range opts.MaxIterations {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		step := s.iterate(active, fixed)
		res.Steps = append(res.Steps, step)
		res.Iterations++
		if opts.Tolerance > 0 && step.Displacement < opts.Tolerance {
			quiet++
			if quiet >= opts.Patience {
				return true, nil
			}
		} else {
			quiet = 0
		}
	}
	return false, nil
}

// keepOrientation rotates pos about the origin by the angle that best
// matches the known initial positions (least squares, the rotation-only
// Procrustes solution φ = atan2(Σ x_i·y'_i − y_i·x'_i, Σ x_i·x'_i + y_i·y'_i)
// with p the new and p' the initial positions). The forces are invariant
// under rotation about the origin (gravity pulls towards it), so this
// leaves the layout as good as it was, and removes the slow rotation a long
// run can accumulate: a warm-started picture keeps its orientation.
func keepOrientation(pos, initial []Point, known []bool) {
	var dot, cross float64
	for i, p := range pos {
		if known != nil && !known[i] {
			continue
		}
		q := initial[i]
		dot += p.X*q.X + p.Y*q.Y
		cross += p.X*q.Y - p.Y*q.X
	}
	if dot == 0 && cross == 0 {
		return
	}
	sin, cos := math.Sincos(math.Atan2(cross, dot))
	for i, p := range pos {
		pos[i] = Point{p.X*cos - p.Y*sin, p.X*sin + p.Y*cos}
	}
}
