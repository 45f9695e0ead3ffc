package layout

import (
	"cmp"
	"math"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// Component packing. ForceAtlas2 keeps disconnected parts together only by
// gravity, and with the regular gravity a part settles at a distance that
// grows with the mass of everything else (the repulsion k_r·m·M/d meets the
// constant pull k_g·m at d = k_r·M/k_g): on a generated place of 10,000
// actors the isolated ones end up some 5,900 units from the centre, eight
// times as far as the outermost 1% of the rest (730), and a picture fitted
// to its nodes shows the network as a dot. Strong gravity
// brings them in but squeezes the structure of the main component too.
// Packing instead moves each disconnected part, rigidly, in next to the
// main one.

// component is a connected component being packed.
type component struct {
	nodes  []int32
	c      Point   // centroid
	r      float64 // the largest distance of a node from c
	pinned bool    // holds a fixed node: it stays where it is
}

// packComponents moves every connected component of g but the largest,
// rigidly, in next to the largest, in the direction in which it lies from
// the largest's centroid or as near to it as there is room: to the nearest
// place (see nearestFree) where the component's bounding circle (centroid and farthest node, with its radius when nodes
// are discs) keeps a gap from the largest component's body (the circle
// about its centroid holding 95% of its nodes) and from every component
// already placed. The gap is the spacing of the main component's nodes
// were they spread evenly over its body, r·√(π/n), or, when nodes are
// discs, their mean radius. Components are placed
// largest first (ties broken by their smallest node); a component holding
// a fixed node does not move (the others avoid it). Shapes inside components are unchanged, as is
// the direction in which each part lies from the main one.
func packComponents(g *analysis.Graph, x, y, sizes []float64, fixed []bool) {
	comps := components(g, fixed)
	if len(comps) < 2 {
		return
	}
	for i := range comps {
		comps[i].measure(x, y, sizes)
	}
	main := comps[0]
	// The main component's body: the circle holding 95% of its nodes
	// (a few long pendant ties should not push everything else out), and
	// the spacing of its nodes were they spread evenly over it.
	dist := make([]float64, len(main.nodes))
	for k, i := range main.nodes {
		dist[k] = math.Hypot(x[i]-main.c.X, y[i]-main.c.Y)
	}
	slices.Sort(dist)
	main.r = dist[(len(dist)-1)*95/100]
	gap := main.r * math.Sqrt(math.Pi/float64(len(main.nodes)))
	if sizes != nil {
		// Discs (already apart): the main component's mean radius.
		gap = 0
		for _, i := range main.nodes {
			gap += sizes[i] / float64(len(main.nodes))
		}
	}
	if !(gap > 0) {
		placed := make([]bool, g.Order())
		for i := range placed {
			placed[i] = true
		}
		gap = meanTieLength(g, x, y, placed)
	}

	// Cells about as large as a typical circle to place.
	var meanR float64
	for _, k := range comps[1:] {
		meanR += k.r / float64(len(comps)-1)
	}
	grid := newCircleGrid(gap + 2*meanR)
	for _, k := range comps[1:] {
		if k.pinned {
			grid.add(k.c, k.r)
		}
	}
	for rank, k := range comps[1:] {
		if k.pinned {
			continue
		}
		u := Point{k.c.X - main.c.X, k.c.Y - main.c.Y}
		if d := math.Hypot(u.X, u.Y); d > 0 {
			u = Point{u.X / d, u.Y / d}
		} else {
			// On the main centroid: a golden-angle direction by rank.
			a := float64(rank+1) * math.Pi * (3 - math.Sqrt(5))
			u = Point{math.Cos(a), math.Sin(a)}
		}
		to := grid.nearestFree(main.c, u, main.r+k.r+gap, k.r, gap)
		dx, dy := to.X-k.c.X, to.Y-k.c.Y
		for _, i := range k.nodes {
			x[i] += dx
			y[i] += dy
		}
		grid.add(to, k.r)
	}
}

// components returns the connected components of g, largest first (ties:
// smallest first node), each with its nodes in ascending order.
func components(g *analysis.Graph, fixed []bool) []component {
	n := g.Order()
	seen := make([]bool, n)
	var comps []component
	var queue []int32
	for s := range n {
		if seen[s] {
			continue
		}
		seen[s] = true
		queue = append(queue[:0], int32(s))
		for k := 0; k < len(queue); k++ {
			nb, _ := g.Neighbours(int(queue[k]))
			for _, v := range nb {
				if !seen[v] {
					seen[v] = true
					queue = append(queue, v)
				}
			}
		}
		c := component{nodes: slices.Clone(queue)}
		slices.Sort(c.nodes)
		for _, i := range c.nodes {
			c.pinned = c.pinned || (fixed != nil && fixed[i])
		}
		comps = append(comps, c)
	}
	slices.SortStableFunc(comps, func(a, b component) int {
		if c := cmp.Compare(len(b.nodes), len(a.nodes)); c != 0 {
			return c
		}
		return cmp.Compare(a.nodes[0], b.nodes[0])
	})
	return comps
}

// measure sets the component's centroid and radius (node radii sizes, or
// points when nil).
func (k *component) measure(x, y, sizes []float64) {
	for _, i := range k.nodes {
		k.c.X += x[i]
		k.c.Y += y[i]
	}
	k.c = Point{k.c.X / float64(len(k.nodes)), k.c.Y / float64(len(k.nodes))}
	for _, i := range k.nodes {
		d := math.Hypot(x[i]-k.c.X, y[i]-k.c.Y)
		if sizes != nil {
			d += sizes[i]
		}
		k.r = max(k.r, d)
	}
}

// circleGrid is a uniform grid of placed circles, for the overlap tests of
// packing.
type circleGrid struct {
	cell    float64
	cells   map[[2]int64][]int
	centres []Point
	radii   []float64
	maxR    float64
}

func newCircleGrid(cell float64) *circleGrid {
	if !(cell > 0) || math.IsInf(cell, 0) {
		cell = 1
	}
	return &circleGrid{cell: cell, cells: map[[2]int64][]int{}}
}

// reset empties the grid.
func (g *circleGrid) reset() {
	clear(g.cells)
	g.centres, g.radii, g.maxR = g.centres[:0], g.radii[:0], 0
}

func (g *circleGrid) key(p Point) [2]int64 {
	return [2]int64{int64(math.Floor(p.X / g.cell)), int64(math.Floor(p.Y / g.cell))}
}

// add places a circle.
func (g *circleGrid) add(c Point, r float64) {
	id := len(g.centres)
	g.centres = append(g.centres, c)
	g.radii = append(g.radii, r)
	g.maxR = max(g.maxR, r)
	lo, hi := g.key(Point{c.X - r, c.Y - r}), g.key(Point{c.X + r, c.Y + r})
	for i := lo[0]; i <= hi[0]; i++ {
		for j := lo[1]; j <= hi[1]; j++ {
			g.cells[[2]int64{i, j}] = append(g.cells[[2]int64{i, j}], id)
		}
	}
}

// nearestFree returns where to centre a circle of radius r so that it
// keeps a gap from every placed circle, as near as it can to the direction
// u from o at distance at least t0: on rings about o from t0 outwards
// (each one circle-width further), the first free spot among the angles
// nearest u's, tried in turn on either side, one circle-width apart.
func (g *circleGrid) nearestFree(o, u Point, t0, r, gap float64) Point {
	base := math.Atan2(u.Y, u.X)
	width := 2*r + gap
	for t := t0; ; t += width {
		step := width / t
		for k := 0; float64(k)*step <= math.Pi; k++ {
			for _, sign := range [2]float64{1, -1} {
				if k == 0 && sign < 0 {
					continue
				}
				a := base + sign*float64(k)*step
				p := Point{o.X + t*math.Cos(a), o.Y + t*math.Sin(a)}
				if g.free(p, r, gap) {
					return p
				}
			}
		}
	}
}

// free reports whether a circle of radius r at p keeps a gap from every
// placed circle.
func (g *circleGrid) free(p Point, r, gap float64) bool {
	reach := r + gap + g.maxR
	lo, hi := g.key(Point{p.X - reach, p.Y - reach}), g.key(Point{p.X + reach, p.Y + reach})
	for i := lo[0]; i <= hi[0]; i++ {
		for j := lo[1]; j <= hi[1]; j++ {
			for _, id := range g.cells[[2]int64{i, j}] {
				c := g.centres[id]
				if math.Hypot(p.X-c.X, p.Y-c.Y) < g.radii[id]+r+gap {
					return false
				}
			}
		}
	}
	return true
}
