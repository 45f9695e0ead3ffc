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
	// Separation is the number of rounds in which overlapping discs were
	// pushed apart after the iterations (PreventOverlap; see
	// separateDiscs).
	Separation int
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
// opts.MaxIterations more). Nodes marked in opts.Fixed never move. Finally a warm-started layout is rotated and
// moved as a whole to match the known initial positions best (see
// keepFrame), so that the picture keeps its place and orientation from one
// run to the next; with fixed nodes it already does, and is not moved.
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
	// The nodes that move: all but the fixed ones; the settling phase
	// moves the new ones among them.
	moving := s.all
	if opts.Fixed != nil {
		moving = nil
		for i, f := range opts.Fixed {
			if !f {
				moving = append(moving, int32(i))
			}
		}
	}
	var fresh []int32
	for _, i := range moving {
		if opts.Known != nil && !opts.Known[i] {
			fresh = append(fresh, i)
		}
	}
	if len(fresh) > 0 && len(fresh) < len(moving) && opts.Tolerance > 0 {
		if _, err := s.run(ctx, &res, &opts, fresh, s.buildFixedTree(&opts, fresh)); err != nil {
			return Result{}, err
		}
		res.Settling = res.Iterations
		s.resetSpeed()
	}
	converged := true
	if len(moving) > 0 {
		var err error
		if converged, err = s.run(ctx, &res, &opts, moving, s.buildFixedTree(&opts, moving)); err != nil {
			return Result{}, err
		}
	}
	res.Converged = converged
	if opts.PreventOverlap {
		res.Separation = separateDiscs(s.x, s.y, s.size, opts.Fixed)
	}
	if opts.PackComponents {
		packComponents(g, s.x, s.y, s.size, opts.Fixed)
	}
	res.Positions = s.positions()
	if opts.Initial != nil && opts.Fixed == nil {
		keepFrame(res.Positions, opts.Initial, opts.Known)
	}
	return res, nil
}

// buildFixedTree builds, when only a few nodes move (at most
// maxSettleExact) and Barnes–Hut is on, the quadtree of the others once
// for all the iterations that move them, and reports whether it did.
func (s *state) buildFixedTree(opts *Options, moving []int32) bool {
	if len(moving) == s.n || len(moving) > maxSettleExact || opts.Theta == 0 {
		return false
	}
	isMoving := make([]bool, s.n)
	for _, i := range moving {
		isMoving[i] = true
	}
	others := make([]int32, 0, s.n-len(moving))
	for i := range s.n {
		if !isMoving[i] {
			others = append(others, int32(i))
		}
	}
	s.tree.build(s.x, s.y, s.mass, others)
	return true
}

// run iterates on the active nodes until the stopping rule holds (it then
// reports true) or opts.MaxIterations iterations have run.
func (s *state) run(ctx context.Context, res *Result, opts *Options, active []int32, othersTree bool) (bool, error) {
	quiet := 0
	for range opts.MaxIterations {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		step := s.iterate(active, othersTree)
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

// keepFrame moves pos rigidly (a rotation and a translation) to match the
// known initial positions best: the least-squares rigid Procrustes fit
// (Schönemann 1966), which in the plane is the rotation by
// φ = atan2(Σ x_i·y'_i − y_i·x'_i, Σ x_i·x'_i + y_i·y'_i) of the positions
// centred on their centroid, p the new and p' the initial positions each
// centred on their own centroid over the known nodes, followed by the
// translation onto the initial centroid. The picture is the same picture;
// what it removes is the drift and slow rotation of the whole layout that
// a change in one part (or a long run) causes, so that a warm-started
// picture stays where it was.
func keepFrame(pos, initial []Point, known []bool) {
	var n float64
	var c, c0 Point
	for i, p := range pos {
		if known != nil && !known[i] {
			continue
		}
		c.X += p.X
		c.Y += p.Y
		c0.X += initial[i].X
		c0.Y += initial[i].Y
		n++
	}
	if n == 0 {
		return
	}
	c = Point{c.X / n, c.Y / n}
	c0 = Point{c0.X / n, c0.Y / n}
	var dot, cross float64
	for i, p := range pos {
		if known != nil && !known[i] {
			continue
		}
		px, py := p.X-c.X, p.Y-c.Y
		qx, qy := initial[i].X-c0.X, initial[i].Y-c0.Y
		dot += px*qx + py*qy
		cross += px*qy - py*qx
	}
	sin, cos := 0.0, 1.0
	if dot != 0 || cross != 0 {
		sin, cos = math.Sincos(math.Atan2(cross, dot))
	}
	for i, p := range pos {
		px, py := p.X-c.X, p.Y-c.Y
		pos[i] = Point{c0.X + px*cos - py*sin, c0.Y + px*sin + py*cos}
	}
}
