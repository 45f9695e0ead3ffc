package recommend

import (
	"context"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/power"
	"github.com/voicemap/voicemap/analysis/voice"
)

// baseline is the place before any change, with everything the incremental
// evaluation reads. It is not modified after newBaseline and is shared by
// the evaluation workers.
type baseline struct {
	in      Input
	g       *analysis.Graph
	n       int
	people  []int32 // the nodes that are people, ascending
	holders []bool
	hops    []int
	gate    []int
	// lastGate is, for every node, the separator between it and power
	// nearest to power (the end of the chain gate[v], gate[gate[v]], ...),
	// or -1.
	lastGate []int
	core     []int
	harm     []float64
	// thresh is voice.HarmonicThreshold of harm; tied counts the nodes with
	// at least one tie.
	thresh float64
	tied   int
	// peripheral marks the nodes that are PERIPHERAL (ties, and core 1 or
	// harmonic below thresh).
	peripheral []bool
	unheard    []bool // voice.Voice.Unheard per node
	voices     []voice.Voice
	seats      []int
	figures    Figures
	// edges are the ties of g, to rebuild it with one more.
	edges []analysis.Edge
}

// newBaseline runs the voice analysis once on in.
func newBaseline(ctx context.Context, in Input) (*baseline, error) {
	g := in.Voice.Graph
	b := &baseline{in: in, g: g, n: g.Order()}
	vin := in.Voice
	var err error
	if vin.Coreness == nil {
		if vin.Coreness, err = analysis.Centrality(ctx, g, analysis.Coreness, false); err != nil {
			return nil, err
		}
	}
	if vin.Harmonic == nil {
		if vin.Harmonic, err = analysis.Centrality(ctx, g, analysis.Harmonic, false); err != nil {
			return nil, err
		}
	}
	if b.voices, err = voice.Unheard(ctx, vin); err != nil {
		return nil, err
	}
	b.harm = vin.Harmonic
	b.core = make([]int, b.n)
	for v, c := range vin.Coreness {
		b.core[v] = int(c)
	}
	b.holders = voice.Holders(vin.Participations)
	if b.hops, err = voice.Hops(g, b.holders); err != nil {
		return nil, err
	}
	if b.gate, err = voice.Gatekeepers(g, b.holders); err != nil {
		return nil, err
	}
	b.lastGate = lastGates(b.gate)
	b.thresh = voice.HarmonicThreshold(g, b.harm)
	b.peripheral = make([]bool, b.n)
	for v := range b.n {
		if b.degree(v) > 0 {
			b.tied++
			b.peripheral[v] = b.core[v] == 1 || b.harm[v] < b.thresh
		}
		if vin.Person[v] {
			b.people = append(b.people, int32(v))
		}
	}
	b.unheard = make([]bool, b.n)
	for _, v := range b.voices {
		b.unheard[v.Node] = v.Unheard()
	}
	b.seats = in.seats()
	for u := range b.n {
		adj, w := g.Neighbours(u)
		for i, v := range adj {
			if int(v) > u {
				b.edges = append(b.edges, analysis.Edge{U: u, V: int(v), Weight: w[i]})
			}
		}
	}
	b.figures = Figures{
		UnheardVoices:         voice.Count(b.voices),
		WithinTwoStepsOfPower: b.withinTwo(),
		SeatHHI:               b.seatHHI(-1),
	}
	return b, nil
}

// degree returns the number of ties of v.
func (b *baseline) degree(v int) int {
	adj, _ := b.g.Neighbours(v)
	return len(adj)
}

// withinTwo counts the community members at most voice.FarHops steps from
// a holder.
func (b *baseline) withinTwo() int {
	c := 0
	for v, h := range b.hops {
		if b.in.Community[v] && h >= 0 && h <= voice.FarHops {
			c++
		}
	}
	return c
}

// seatHHI returns power.HHI of the seats per holder, with one more seat for
// node extra when extra ≥ 0.
func (b *baseline) seatHHI(extra int) float64 {
	counts := make([]float64, 0, 16)
	for v, s := range b.seats {
		if v == extra {
			s++
		}
		if s > 0 {
			counts = append(counts, float64(s))
		}
	}
	return power.HHI(counts)
}

// lastGates returns, for every node v, the last of its chain of
// gatekeepers gate[v], gate[gate[v]], ..., or -1 when gate[v] is -1. Each
// separator between v and power separates v from the ones after it, so the
// chain lists every separator, nearest v first. O(n): each chain is
// followed once, its nodes then answered from memory.
func lastGates(gate []int) []int {
	last := make([]int, len(gate))
	for v := range last {
		last[v] = -2 // not yet known
	}
	var chain []int
	for v := range gate {
		chain = chain[:0]
		x := v
		for last[x] == -2 && gate[x] >= 0 {
			chain = append(chain, x)
			x = gate[x]
		}
		end := last[x]   // x's chain goes on, and its end is known
		if gate[x] < 0 { // x has no gatekeeper: it ends the chain
			last[x], end = -1, x
		}
		for _, y := range chain {
			last[y] = end
		}
	}
	return last
}
