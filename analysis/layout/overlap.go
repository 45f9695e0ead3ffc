package layout

import (
	"math"
)

// maxSeparateRounds caps the rounds of separateDiscs.
const maxSeparateRounds = 500

// separateDiscs pushes apart the nodes whose discs (radius sizes[i] about
// their position) overlap, as Gephi's Noverlap layout does once
// ForceAtlas2 has settled: in each round every overlapping pair is moved
// apart along the line through their centres until the discs are a
// margin of 2% of their radii apart (so that the next round's moves
// rarely undo it), the smaller disc taking the larger
// share of the move (shares in inverse proportion to the discs' areas;
// a fixed node does not move and its partner takes the whole move). When
// no node is fixed the positions are first spread (see spread), so that
// a tightly packed layout does not take hundreds of rounds to open up. Each
// move is made at once (pairs in a fixed order: by first node, then in
// the order of the grid), so the result is deterministic. It stops after
// a round without overlap, or after maxSeparateRounds, and returns the
// number of rounds run.
func separateDiscs(x, y, sizes []float64, fixed []bool) int {
	n := len(x)
	if n < 2 {
		return 0
	}
	var maxR float64
	for _, r := range sizes {
		maxR = max(maxR, r)
	}
	if maxR == 0 {
		return 0
	}
	spread(x, y, sizes, fixed)
	// Cells as wide as the largest disc: every disc covers at most four,
	// and a search looks at nine.
	grid := newCircleGrid(2 * maxR)
	seen := make([]int, n)
	for i := range seen {
		seen[i] = -1
	}
	pinned := func(i int) bool { return fixed != nil && fixed[i] }
	for round := range maxSeparateRounds {
		grid.reset()
		for i := range n {
			grid.add(Point{x[i], y[i]}, sizes[i])
		}
		moved := false
		for i := range n {
			pi, ri := Point{x[i], y[i]}, sizes[i]
			reach := ri + grid.maxR
			lo, hi := grid.key(Point{pi.X - reach, pi.Y - reach}), grid.key(Point{pi.X + reach, pi.Y + reach})
			stamp := round*n + i
			for a := lo[0]; a <= hi[0]; a++ {
				for b := lo[1]; b <= hi[1]; b++ {
					for _, j := range grid.cells[[2]int64{a, b}] {
						if j <= i || seen[j] == stamp {
							continue
						}
						seen[j] = stamp
						rj := sizes[j]
						need := (ri + rj) * 1.02
						ux, uy := x[j]-x[i], y[j]-y[i]
						d := math.Hypot(ux, uy)
						if d >= ri+rj || (pinned(i) && pinned(j)) {
							continue
						}
						if d > 0 {
							ux, uy = ux/d, uy/d
						} else {
							// Same centre: apart along a golden-angle
							// direction set by the pair.
							g := float64(i+j) * math.Pi * (3 - math.Sqrt(5))
							ux, uy = math.Cos(g), math.Sin(g)
						}
						push := need - d
						ai, aj := ri*ri, rj*rj
						si := aj / (ai + aj) // i's share: the larger j, the more i moves
						if ai+aj == 0 {
							si = 0.5
						}
						switch {
						case pinned(i):
							si = 0
						case pinned(j):
							si = 1
						}
						x[i] -= ux * push * si
						y[i] -= uy * push * si
						x[j] += ux * push * (1 - si)
						y[j] += uy * push * (1 - si)
						moved = true
					}
				}
			}
		}
		if !moved {
			return round
		}
	}
	return maxSeparateRounds
}

// spread scales the positions about their centroid, when no node is fixed,
// by the factor s that brings the discs' total area down to 60% of the
// area the nodes cover, taken as the disc of radius √2 times their RMS
// distance from the centroid (that of points spread evenly over a disc):
// s = √(Σr² / (1.2·R²)), and only when s > 1. A uniform scaling keeps the
// picture as it is, only larger.
func spread(x, y, sizes []float64, fixed []bool) {
	for _, f := range fixed {
		if f {
			return
		}
	}
	n := float64(len(x))
	var cx, cy, r2, area float64
	for i := range x {
		cx += x[i] / n
		cy += y[i] / n
		area += sizes[i] * sizes[i]
	}
	for i := range x {
		r2 += ((x[i]-cx)*(x[i]-cx) + (y[i]-cy)*(y[i]-cy)) / n
	}
	if r2 == 0 {
		return
	}
	s := math.Sqrt(area / (1.2 * r2))
	if !(s > 1) {
		return
	}
	for i := range x {
		x[i] = cx + (x[i]-cx)*s
		y[i] = cy + (y[i]-cy)*s
	}
}
