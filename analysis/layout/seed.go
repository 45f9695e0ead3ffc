package layout

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// initialSpread is the side of the random start square divided by √n: a
// ForceAtlas2 layout with the default options settles at a size of this
// order, so a cold start begins near its final scale.
const initialSpread = 10

// rng returns the package's seeded random source for seed.
func rng(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
}

// initialPositions returns the starting coordinates (see Layout).
func initialPositions(g *analysis.Graph, o *Options) (x, y []float64) {
	n := g.Order()
	x, y = make([]float64, n), make([]float64, n)
	rnd := rng(o.Seed)
	if o.Initial == nil {
		side := initialSpread * math.Sqrt(float64(n))
		for i := range n {
			x[i] = (rnd.Float64() - 0.5) * side
			y[i] = (rnd.Float64() - 0.5) * side
		}
		return x, y
	}
	placed := make([]bool, n)
	known := 0
	for i, p := range o.Initial {
		if o.Known == nil || o.Known[i] {
			x[i], y[i], placed[i] = p.X, p.Y, true
			known++
		}
	}
	unit := meanTieLength(g, x, y, placed)
	if known < n {
		placeUnknown(g, x, y, placed, known == 0, unit, rnd)
	}
	separate(x, y, o.Fixed, unit, rnd)
	return x, y
}

// placeUnknown places the nodes not yet placed: in rounds, each at the
// mean of its neighbours placed in earlier rounds plus a jitter of
// 0.05..0.15 unit; the rest (no placed node in their component) uniformly
// in the placed nodes' bounding box, or in the cold-start square when
// none is placed.
func placeUnknown(g *analysis.Graph, x, y []float64, placed []bool, none bool, unit float64, rnd *rand.Rand) {
	n := g.Order()
	known := slices.Clone(placed)
	// Rounds: a node is placed from the neighbours placed in earlier
	// rounds only, so the order of the nodes within a round does not
	// matter. Each round's candidates are the unplaced neighbours of the
	// nodes placed in the round before (the known ones, first).
	var round, last []int
	for u := range n {
		if placed[u] {
			last = append(last, u)
		}
	}
	queued := make([]bool, n)
	for len(last) > 0 {
		round = round[:0]
		for _, v := range last {
			nb, _ := g.Neighbours(v)
			for _, u := range nb {
				if !placed[u] && !queued[u] {
					queued[u] = true
					round = append(round, int(u))
				}
			}
		}
		slices.Sort(round)
		nx, ny := make([]float64, len(round)), make([]float64, len(round))
		for k, u := range round {
			nb, _ := g.Neighbours(u)
			var sx, sy float64
			var c int
			for _, v := range nb {
				if placed[v] {
					sx += x[v]
					sy += y[v]
					c++
				}
			}
			angle := 2 * math.Pi * rnd.Float64()
			r := unit * (0.05 + 0.1*rnd.Float64())
			nx[k] = sx/float64(c) + r*math.Cos(angle)
			ny[k] = sy/float64(c) + r*math.Sin(angle)
		}
		for k, u := range round {
			x[u], y[u], placed[u] = nx[k], ny[k], true
		}
		last = append(last[:0], round...)
	}
	// What is left has no placed node in its component.
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range n {
		if known[i] {
			minX, maxX = min(minX, x[i]), max(maxX, x[i])
			minY, maxY = min(minY, y[i]), max(maxY, y[i])
		}
	}
	left := 0
	for i := range n {
		if !placed[i] {
			left++
		}
	}
	if none {
		half := initialSpread * math.Sqrt(float64(n)) / 2
		minX, maxX, minY, maxY = -half, half, -half, half
	}
	// The box is at least as wide as the cold-start square of the nodes
	// left, measured in tie lengths, so that they do not start crowded.
	if w := unit * math.Sqrt(float64(left)); maxX-minX < w || maxY-minY < w {
		cx, cy := (minX+maxX)/2, (minY+maxY)/2
		half := max(maxX-minX, maxY-minY, w) / 2
		minX, maxX, minY, maxY = cx-half, cx+half, cy-half, cy+half
	}
	for i := range n {
		if !placed[i] {
			x[i] = minX + rnd.Float64()*(maxX-minX)
			y[i] = minY + rnd.Float64()*(maxY-minY)
		}
	}
}

// separate moves apart nodes that share a position (forces between them
// are undefined, so they would never part): in each group of nodes at one
// position, every node but the first is moved by a seeded offset of about
// unit/100, except fixed ones (which keep their position whatever happens).
func separate(x, y []float64, fixed []bool, unit float64, rnd *rand.Rand) {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	pinned := func(i int) bool { return fixed != nil && fixed[i] }
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(x[a], x[b]); c != 0 {
			return c
		}
		if c := cmp.Compare(y[a], y[b]); c != 0 {
			return c
		}
		// Fixed nodes first, so that one of them anchors its group.
		if pa, pb := pinned(a), pinned(b); pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return cmp.Compare(a, b)
	})
	for start := 0; start < len(idx); {
		end := start + 1
		for end < len(idx) && x[idx[end]] == x[idx[start]] && y[idx[end]] == y[idx[start]] {
			end++
		}
		for _, i := range idx[start+1 : end] {
			if pinned(i) {
				continue
			}
			angle := 2 * math.Pi * rnd.Float64()
			r := unit * (0.005 + 0.01*rnd.Float64())
			x[i] += r * math.Cos(angle)
			y[i] += r * math.Sin(angle)
		}
		start = end
	}
}

// meanTieLength returns the mean length of the ties between placed nodes,
// or, when there are none, initialSpread.
func meanTieLength(g *analysis.Graph, x, y []float64, placed []bool) float64 {
	var sum float64
	var count int
	for u := range g.Order() {
		if !placed[u] {
			continue
		}
		nb, _ := g.Neighbours(u)
		for _, v := range nb {
			if int(v) > u && placed[v] {
				sum += math.Hypot(x[u]-x[v], y[u]-y[v])
				count++
			}
		}
	}
	if count == 0 || sum == 0 {
		return initialSpread
	}
	return sum / float64(count)
}
