package layout

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/voicemap/voicemap/analysis"
)

// state is one layout in progress.
type state struct {
	n     int
	x, y  []float64
	mass  []float64
	size  []float64 // radii, PreventOverlap only
	fx    []float64 // force of this iteration
	fy    []float64
	oldFx []float64 // force of the previous iteration
	oldFy []float64
	// The adjacency in CSR form: the neighbours of u are nbr[off[u]:off[u+1]],
	// attracting with weights ew (the tie strength to the power δ).
	off []int
	nbr []int32
	ew  []float64

	kr, kg  float64
	strong  bool
	linLog  bool
	overlap bool
	theta   float64
	jitter  float64
	workers int

	// speed and speedEfficiency are Gephi's adaptive speed state.
	speed, speedEfficiency float64

	tree      quadtree
	all       []int32 // 0..n-1
	chunkSums [][3]float64
}

func newState(g *analysis.Graph, o *Options) *state {
	n := g.Order()
	s := &state{
		n:       n,
		mass:    make([]float64, n),
		fx:      make([]float64, n),
		fy:      make([]float64, n),
		oldFx:   make([]float64, n),
		oldFy:   make([]float64, n),
		off:     make([]int, n+1),
		kr:      o.Scaling,
		kg:      o.Gravity,
		strong:  o.StrongGravity,
		linLog:  o.LinLog,
		overlap: o.PreventOverlap,
		theta:   o.Theta,
		jitter:  o.JitterTolerance,
		workers: o.Workers,
		all:     make([]int32, n),
		speed:   1,
		// Gephi starts the speed efficiency at 1.
		speedEfficiency: 1,
	}
	if s.workers == 0 {
		s.workers = runtime.GOMAXPROCS(0)
	}
	for u := range n {
		s.all[u] = int32(u)
		nb, w := g.Neighbours(u)
		s.off[u+1] = s.off[u] + len(nb)
		s.nbr = append(s.nbr, nb...)
		for _, wt := range w {
			switch o.EdgeWeightInfluence {
			case 0:
				wt = 1
			case 1:
			default:
				wt = math.Pow(wt, o.EdgeWeightInfluence)
			}
			s.ew = append(s.ew, wt)
		}
		if o.Masses != nil {
			s.mass[u] = o.Masses[u]
		} else {
			s.mass[u] = float64(len(nb) + 1)
		}
	}
	if s.overlap {
		s.size = make([]float64, n)
		for i := range s.size {
			s.size[i] = 1
			if o.Sizes != nil {
				s.size[i] = o.Sizes[i]
			}
		}
	}
	s.chunkSums = make([][3]float64, (n+chunk-1)/chunk)
	return s
}

func (s *state) positions() []Point {
	out := make([]Point, s.n)
	for i := range out {
		out[i] = Point{s.x[i], s.y[i]}
	}
	return out
}

// chunk is the number of nodes a worker takes at a time. Sums over nodes
// are made per chunk and the chunks' sums added in chunk order, so they do
// not depend on the number of workers.
const chunk = 1024

// parallel calls fn(worker, c, nodes[lo:hi]) for every chunk c of nodes,
// on up to s.workers goroutines.
func (s *state) parallel(nodes []int32, fn func(worker, c int, part []int32)) {
	n := len(nodes)
	chunks := (n + chunk - 1) / chunk
	w := min(s.workers, chunks)
	if w <= 1 {
		for c := range chunks {
			fn(0, c, nodes[c*chunk:min(n, (c+1)*chunk)])
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for worker := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				fn(worker, c, nodes[c*chunk:min(n, (c+1)*chunk)])
			}
		}()
	}
	wg.Wait()
}

// sum runs fn on every chunk of nodes and adds up what it returns, in
// chunk order.
func (s *state) sum(nodes []int32, fn func(part []int32) [3]float64) [3]float64 {
	s.parallel(nodes, func(_, c int, part []int32) { s.chunkSums[c] = fn(part) })
	var t [3]float64
	for c := range (len(nodes) + chunk - 1) / chunk {
		for k := range t {
			t[k] += s.chunkSums[c][k]
		}
	}
	return t
}

// resetSpeed starts the adaptive speed afresh, as in a first iteration.
func (s *state) resetSpeed() {
	s.speed, s.speedEfficiency = 1, 1
	clear(s.fx)
	clear(s.fy)
}

// iterate runs one iteration on the active nodes (the others keep their
// positions but still repel and attract them): forces, speed, moves.
// othersTree reports that s.tree already holds the other nodes (built once
// by the caller, see buildFixedTree); the active ones then repel each other
// exactly.
func (s *state) iterate(active []int32, othersTree bool) Step {
	s.fx, s.oldFx = s.oldFx, s.fx
	s.fy, s.oldFy = s.oldFy, s.fy
	clear(s.fx)
	clear(s.fy)

	switch {
	case s.theta == 0:
		s.parallel(active, func(_, _ int, part []int32) { s.repelAmong(part, s.all) })
	case othersTree:
		s.parallel(active, func(_, _ int, part []int32) {
			s.repelBarnesHut(part)
			s.repelAmong(part, active)
		})
	default:
		s.tree.build(s.x, s.y, s.mass, nil)
		nodes := active
		if len(active) == s.n {
			// In tree order, so that consecutive nodes walk similar paths.
			nodes = s.tree.order
		}
		s.parallel(nodes, func(_, _ int, part []int32) { s.repelBarnesHut(part) })
	}
	s.parallel(active, func(_, _ int, part []int32) { s.attract(part) })

	// Global swinging and effective traction.
	sums := s.sum(active, func(part []int32) [3]float64 {
		var swing, traction float64
		for _, i := range part {
			swing += s.mass[i] * math.Hypot(s.oldFx[i]-s.fx[i], s.oldFy[i]-s.fy[i])
			traction += s.mass[i] * 0.5 * math.Hypot(s.oldFx[i]+s.fx[i], s.oldFy[i]+s.fy[i])
		}
		return [3]float64{swing, traction}
	})
	swing, traction := sums[0], sums[1]
	s.adjustSpeed(len(active), swing, traction)

	// Move every node by its force times its local speed.
	speed := s.speed
	moved := s.sum(active, func(part []int32) [3]float64 {
		var moved float64
		for _, i := range part {
			fx, fy := s.fx[i], s.fy[i]
			swinging := s.mass[i] * math.Hypot(s.oldFx[i]-fx, s.oldFy[i]-fy)
			factor := speed / (1 + math.Sqrt(speed*swinging))
			if s.overlap {
				// Gephi: a tenth of the speed, and at most 10 units a step.
				factor *= 0.1
				if df := math.Hypot(fx, fy); df > 0 {
					factor = min(factor*df, 10) / df
				}
			}
			dx, dy := fx*factor, fy*factor
			s.x[i] += dx
			s.y[i] += dy
			moved += math.Hypot(dx, dy)
		}
		return [3]float64{moved}
	})[0]

	step := Step{Swing: swing, Traction: traction, Speed: speed, Displacement: math.Inf(1)}
	if rms := s.rmsRadius(); rms > 0 {
		step.Displacement = moved / float64(len(active)) / rms
	}
	return step
}

// rmsRadius returns the RMS distance of the nodes from their centroid.
func (s *state) rmsRadius() float64 {
	c := s.sum(s.all, func(part []int32) [3]float64 {
		var sx, sy float64
		for _, i := range part {
			sx += s.x[i]
			sy += s.y[i]
		}
		return [3]float64{sx, sy}
	})
	cx, cy := c[0]/float64(s.n), c[1]/float64(s.n)
	r2 := s.sum(s.all, func(part []int32) [3]float64 {
		var r2 float64
		for _, i := range part {
			dx, dy := s.x[i]-cx, s.y[i]-cy
			r2 += dx*dx + dy*dy
		}
		return [3]float64{r2}
	})[0]
	return math.Sqrt(r2 / float64(s.n))
}

// adjustSpeed sets the global speed from the global swinging and traction
// of n moving nodes as Gephi's ForceAtlas2 does (the paper's
// s(G) = τ·tra(G)/swg(G), with Gephi's refinements): the jitter tolerance τ
// is scaled by an estimate of the optimal tolerance for the graph's size,
// 0.05·√n, clamped to [√(0.05·√n), 10]; a "speed efficiency" is halved
// when the swinging exceeds twice the traction, lowered by 30% while it
// exceeds τ·traction and raised by 30% otherwise; and the speed rises by
// at most 50% per iteration.
func (s *state) adjustSpeed(n int, swing, traction float64) {
	const (
		minSpeedEfficiency = 0.05
		maxRise            = 0.5
	)
	nf := float64(n)
	estimated := 0.05 * math.Sqrt(nf)
	minJT, maxJT := math.Sqrt(estimated), 10.0
	jt := s.jitter * max(minJT, min(maxJT, estimated*traction/(nf*nf)))
	if swing > 2*traction {
		if s.speedEfficiency > minSpeedEfficiency {
			s.speedEfficiency *= 0.5
		}
		jt = max(jt, s.jitter)
	}
	target := math.Inf(1)
	if swing > 0 {
		target = jt * s.speedEfficiency * traction / swing
	}
	if swing > jt*traction {
		if s.speedEfficiency > minSpeedEfficiency {
			s.speedEfficiency *= 0.7
		}
	} else if s.speed < 1000 {
		s.speedEfficiency *= 1.3
	}
	s.speed += min(target-s.speed, maxRise*s.speed)
}
