package recommend

import (
	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/voice"
)

// evaluator computes the figures of the place after one change, reading
// the shared baseline and writing only its own scratch space. One
// evaluator serves one goroutine; every array is restored to its resting
// state after each candidate.
type evaluator struct {
	b *baseline
	o overlay
	// extraHolder is the invited node, or -1.
	extraHolder int32
	// last is the effect of the change last evaluated: the people whose
	// verdict changes and those brought within two steps of power.
	last effect

	du, dv, dx *bfs

	// harmonic: delta per node, touched list.
	delta   []float64
	touched []bool
	list    []int32
	sideA   []int32
	sideB   []int32
	vals    []float64
	zone    []float64
	exact   []float64
	inZone  []bool
	zoneIDs []int32
	// thresh is the harmonic threshold after the change; lo and hi bound
	// the zone of approximate values decided exactly.
	thresh, lo, hi float64

	// hops after the change where they dropped.
	newHops []int32
	changed []bool
	hopList []int32

	// core numbers: members of the subcore and the promoted nodes.
	inSub    []bool
	evicted  []bool
	cd       []int32
	sub      []int32
	promoted []bool
	promList []int32

	// gates are the gatekeepers after the change, computed on demand.
	gates   []int
	holders []bool
	edges   []analysis.Edge
}

func newEvaluator(b *baseline) *evaluator {
	n := b.n
	e := &evaluator{
		b: b, du: newBFS(n), dv: newBFS(n), dx: newBFS(n),
		delta: make([]float64, n), touched: make([]bool, n),
		exact: make([]float64, n), inZone: make([]bool, n),
		newHops: make([]int32, n), changed: make([]bool, n),
		inSub: make([]bool, n), evicted: make([]bool, n), cd: make([]int32, n),
		promoted: make([]bool, n),
		holders:  append([]bool(nil), b.holders...),
	}
	return e
}

// introduce returns the figures after a new tie u–v (not already tied).
// Exact, the harmonic centralities and their threshold are updated (see
// harmonicAfter); otherwise they are kept from the baseline, so that a
// person is below the threshold after the change exactly when they were
// before (see Recommend).
func (e *evaluator) introduce(u, v int, exact bool) Figures {
	b := e.b
	e.o = overlay{g: b.g, a: int32(u), b: int32(v)}
	e.extraHolder = -1
	e.last = effect{}
	if exact {
		e.harmonicAfter(int32(u), int32(v))
	} else {
		e.thresh, e.lo, e.hi = b.thresh, b.thresh, b.thresh
	}
	e.coreAfter(int32(u), int32(v))
	hu, hv := b.hops[u], b.hops[v]
	switch {
	case hu >= 0 && (hv < 0 || hu+1 < hv):
		e.dropHops(int32(v), int32(hu+1))
	case hv >= 0 && (hu < 0 || hv+1 < hu):
		e.dropHops(int32(u), int32(hv+1))
	}
	f := Figures{
		UnheardVoices:         e.countUnheard(),
		WithinTwoStepsOfPower: e.withinTwo(),
		SeatHHI:               b.figures.SeatHHI,
	}
	e.clear()
	return f
}

// invite returns the figures after person x takes a seat on a
// decision-making forum; x must hold no seat yet. The graph is unchanged,
// so harmonic centrality and core numbers are those of the baseline.
func (e *evaluator) invite(x int, seatHHI float64) Figures {
	b := e.b
	e.o = overlay{g: b.g, a: -1, b: -1}
	e.extraHolder = int32(x)
	e.holders[x] = true
	e.last = effect{}
	e.thresh, e.lo, e.hi = b.thresh, b.thresh, b.thresh
	e.dropHops(int32(x), 0)
	f := Figures{
		UnheardVoices:         e.countUnheard(),
		WithinTwoStepsOfPower: e.withinTwo(),
		SeatHHI:               seatHHI,
	}
	e.holders[x] = false
	e.clear()
	return f
}

// dropHops lowers the hop distance to power of src to d and spreads the
// drop by a breadth-first search pruned where a node's distance does not
// fall, or would exceed voice.FarHops: the figures only ask whether a
// distance is at most 2, and exactly 2.
func (e *evaluator) dropHops(src, d int32) {
	if d > voice.FarHops {
		return
	}
	e.setHops(src, d)
	for head := 0; head < len(e.hopList); head++ {
		w := e.hopList[head]
		nd := e.newHops[w] + 1
		if nd > voice.FarHops {
			continue
		}
		adj, extra := e.o.neighbours(w)
		for _, z := range adj {
			if h := e.hops(z); h < 0 || nd < h {
				e.setHops(z, nd)
			}
		}
		if extra >= 0 {
			if h := e.hops(extra); h < 0 || nd < h {
				e.setHops(extra, nd)
			}
		}
	}
}

// setHops records a new distance for z. The search runs level by level
// from one source, so a node is lowered once, at its first visit.
func (e *evaluator) setHops(z, d int32) {
	e.newHops[z] = d
	e.changed[z] = true
	e.hopList = append(e.hopList, z)
}

// hops returns the hop distance to power of z after the change.
func (e *evaluator) hops(z int32) int32 {
	if e.changed[z] {
		return e.newHops[z]
	}
	return int32(e.b.hops[z])
}

// withinTwo returns WithinTwoStepsOfPower after the change: the baseline
// count plus the community members brought within two steps.
func (e *evaluator) withinTwo() int {
	b := e.b
	w := b.figures.WithinTwoStepsOfPower
	for _, z := range e.hopList {
		if old := b.hops[z]; b.in.Community[z] && (old < 0 || old > voice.FarHops) {
			w++
			e.last.add(z, true)
		}
	}
	return w
}

// countUnheard returns voice.Count after the change (see Voice.Unheard),
// and records in e.last the people whose verdict it changes.
func (e *evaluator) countUnheard() int {
	count := 0
	for _, p := range e.b.people {
		u := e.unheard(p)
		if u {
			count++
		}
		if u != e.b.unheard[p] {
			e.last.add(p, false)
		}
	}
	return count
}

// unheard reports whether person p is an unheard voice after the change.
func (e *evaluator) unheard(p int32) bool {
	b := e.b
	if b.holders[p] || p == e.extraHolder {
		return false
	}
	h := e.hops(p)
	switch {
	case !e.tied(p):
		return true
	case h == 1:
		// Tied to a holder: near, never gated, and PERIPHERAL does not
		// count (see voice.Voice.Unheard).
		return false
	case e.peripheral(p), h < 0 || h > voice.FarHops:
		return true
	case h == voice.FarHops && (b.gate[p] >= 0 || b.hops[p] < 0):
		// A tie or a holder more only removes separators between a
		// person and power, so only a person gated before, or cut off
		// from power before, can be gated now; one step from a holder
		// no one is gated.
		return e.gatekeepers()[p] >= 0
	}
	return false
}

// tied reports whether p has a tie after the change.
func (e *evaluator) tied(p int32) bool {
	return e.b.degree(int(p)) > 0 || p == e.o.a || p == e.o.b
}

// peripheral reports whether p, which has a tie, is PERIPHERAL after the
// change: core number 1, or harmonic centrality below the threshold.
func (e *evaluator) peripheral(p int32) bool {
	b := e.b
	core := b.core[p]
	if e.promoted[p] {
		core++
	}
	if core == 1 {
		return true
	}
	return e.belowThreshold(p)
}

// gatekeepers returns voice.Gatekeepers of the changed place, computing it
// on first use.
func (e *evaluator) gatekeepers() []int {
	if e.gates != nil {
		return e.gates
	}
	b := e.b
	g := b.g
	if e.o.a >= 0 {
		e.edges = append(e.edges[:0], b.edges...)
		e.edges = append(e.edges, analysis.Edge{U: int(e.o.a), V: int(e.o.b), Weight: 1})
		var err error
		if g, err = analysis.NewGraph(b.n, e.edges); err != nil {
			panic(err) // the endpoints are nodes of g: unreachable
		}
	}
	gates, err := voice.Gatekeepers(g, e.holders)
	if err != nil {
		panic(err) // one holder flag per node: unreachable
	}
	e.gates = gates
	return gates
}

// clear restores the scratch space to its resting state.
func (e *evaluator) clear() {
	for _, z := range e.hopList {
		e.changed[z] = false
	}
	e.hopList = e.hopList[:0]
	for _, z := range e.list {
		e.delta[z] = 0
		e.touched[z] = false
	}
	e.list = e.list[:0]
	for _, z := range e.zoneIDs {
		e.inZone[z] = false
	}
	e.zoneIDs = e.zoneIDs[:0]
	for _, z := range e.promList {
		e.promoted[z] = false
	}
	e.promList = e.promList[:0]
	e.gates = nil
	e.du.reset()
	e.dv.reset()
	e.dx.reset()
}
