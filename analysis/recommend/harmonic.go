package recommend

import (
	"math"
	"slices"
)

// harmonicAfter finds the harmonic centrality threshold after a new tie
// u–v and the zone of nodes whose side of it must be decided exactly.
//
// A shortest path that the new tie shortens uses it once, so the distance
// between x and y drops only when x is on u's side, d(x,u) + 1 < d(x,v),
// and y on v's side, d(y,v) + 1 < d(y,u) (or the other way round); it
// becomes d(x,u) + 1 + d(v,y). Two searches from u and v find both sides,
// A and B; one search from each node x of the smaller side gives d(x,y),
// and for each pair whose distance drops both H(x) and H(y) change by
// 1/d' − 1/d (1/∞ = 0). Cost O((2 + min(|A|, |B|))·(n + m)).
//
// The sums of deltas differ from a fresh computation in the last bits, and
// PERIPHERAL compares values with a threshold that is itself one of them
// (voice.HarmonicThreshold, the ⌈k/10⌉-th smallest among the k nodes with
// ties), where ties between equal values matter. So the approximate values
// select an approximate threshold t, and every node within 1e-9·max(1, |t|)
// of t gets its exact value (a search on the changed graph, summed as
// analysis does, or the baseline value where nothing changed); the exact
// threshold is read among them. Values outside that zone are on the right
// side of the threshold whatever their last bits.
func (e *evaluator) harmonicAfter(u, v int32) {
	b := e.b
	e.du.run(e.base(), u, -1)
	e.dv.run(e.base(), v, -1)
	e.sideA, e.sideB = e.sideA[:0], e.sideB[:0]
	for _, x := range e.du.order {
		if dv := e.dv.dist[x]; dv < 0 || e.du.dist[x]+1 < dv {
			e.sideA = append(e.sideA, x)
		}
	}
	for _, x := range e.dv.order {
		if du := e.du.dist[x]; du < 0 || e.dv.dist[x]+1 < du {
			e.sideB = append(e.sideB, x)
		}
	}
	small, large, dS, dL := e.sideA, e.sideB, e.du.dist, e.dv.dist
	if len(e.sideB) < len(e.sideA) {
		small, large, dS, dL = e.sideB, e.sideA, e.dv.dist, e.du.dist
	}
	for _, x := range small {
		e.dx.run(e.base(), x, -1)
		for _, y := range large {
			nd := dS[x] + 1 + dL[y]
			od := e.dx.dist[y]
			if od >= 0 && nd >= od {
				continue
			}
			d := 1 / float64(nd)
			if od > 0 {
				d -= 1 / float64(od)
			}
			e.addHarmonic(x, d)
			e.addHarmonic(y, d)
		}
		e.dx.reset()
	}
	// A node that had no tie is now in the decile; mark it as changed.
	for _, z := range []int32{u, v} {
		if b.degree(int(z)) == 0 {
			e.addHarmonic(z, 0)
		}
	}

	e.vals = e.vals[:0]
	for z := range int32(b.n) {
		if e.tied(z) {
			e.vals = append(e.vals, b.harm[z]+e.delta[z])
		}
	}
	if len(e.vals) == 0 {
		e.thresh, e.lo, e.hi = math.Inf(-1), math.Inf(-1), math.Inf(-1)
		return
	}
	r := (len(e.vals) + 9) / 10
	t := nth(e.vals, r-1)
	eps := 1e-9 * max(1, math.Abs(t))
	e.lo, e.hi = t-eps, t+eps
	below := 0
	e.zone = e.zone[:0]
	for z := range int32(b.n) {
		if !e.tied(z) {
			continue
		}
		switch h := b.harm[z] + e.delta[z]; {
		case h < e.lo:
			below++
		case h <= e.hi:
			e.exact[z] = e.exactHarmonic(z)
			e.inZone[z] = true
			e.zoneIDs = append(e.zoneIDs, z)
			e.zone = append(e.zone, e.exact[z])
		}
	}
	slices.Sort(e.zone)
	e.thresh = e.zone[r-1-below]
}

// base is the baseline graph without the extra tie.
func (e *evaluator) base() overlay { return overlay{g: e.b.g, a: -1, b: -1} }

// addHarmonic adds d to the harmonic centrality of z after the change.
func (e *evaluator) addHarmonic(z int32, d float64) {
	if !e.touched[z] {
		e.touched[z] = true
		e.list = append(e.list, z)
	}
	e.delta[z] += d
}

// exactHarmonic returns the harmonic centrality of z after the change,
// bit for bit as analysis computes it.
func (e *evaluator) exactHarmonic(z int32) float64 {
	if !e.touched[z] {
		return e.b.harm[z]
	}
	e.dx.run(e.o, z, -1)
	h := e.dx.harmonic()
	e.dx.reset()
	return h
}

// belowThreshold reports whether the harmonic centrality of z after the
// change is below the threshold after the change.
func (e *evaluator) belowThreshold(z int32) bool {
	if e.inZone[z] {
		return e.exact[z] < e.thresh
	}
	return e.b.harm[z]+e.delta[z] < e.lo
}

// nth returns the k-th smallest of xs (from 0), reordering xs: Hoare's
// selection with a median-of-three pivot, O(len(xs)) expected.
func nth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}
