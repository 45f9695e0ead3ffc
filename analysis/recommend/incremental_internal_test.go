package recommend

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/power"
	"github.com/voicemap/voicemap/analysis/voice"
)

// randomPlace returns a seeded random place of n actors: ties with
// probability p, people 85% of actors, community members 60% of people,
// group tags from three, and forums (two or three decision-making, one
// not) whose seats go to each actor with probability q; the other actors
// take part below CO_PRODUCE, or not at all, at random.
func randomPlace(t testing.TB, rnd *rand.Rand, n int, p, q float64) Input {
	t.Helper()
	var edges []analysis.Edge
	for u := range n {
		for v := u + 1; v < n; v++ {
			if rnd.Float64() < p {
				edges = append(edges, analysis.Edge{U: u, V: v, Weight: 1 + float64(rnd.IntN(3))})
			}
		}
	}
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		t.Fatal(err)
	}
	tags := []string{"young person", "parent", "carer"}
	in := Input{
		Voice: voice.Input{Graph: g, IDs: make([]string, n), Person: make([]bool, n),
			Participations: make([][]voice.Participation, n)},
		Community: make([]bool, n),
		Groups:    make([][]string, n),
	}
	for v := range n {
		in.Voice.IDs[v] = fmt.Sprintf("a%03d", (v*37)%n) // ids in another order than nodes
		in.Voice.Person[v] = rnd.Float64() < 0.85
		in.Community[v] = in.Voice.Person[v] && rnd.Float64() < 0.6
		for _, tag := range tags {
			if rnd.IntN(3) == 0 {
				in.Groups[v] = append(in.Groups[v], tag)
			}
		}
	}
	forums := 3 + rnd.IntN(2)
	for f := range forums {
		fo := Forum{ID: fmt.Sprintf("f%d", forums-f), DecisionMaking: f > 0,
			AffectsGroups: []string{tags[f%3]}, Stage: ladder.Stage(rnd.IntN(4))}
		for v := range n {
			if fo.DecisionMaking && rnd.Float64() < q {
				fo.Seated = append(fo.Seated, v)
				in.Voice.Participations[v] = append(in.Voice.Participations[v], voice.Participation{
					Level: ladder.CoProduce + ladder.Level(rnd.IntN(2)), Stage: ladder.Stage(rnd.IntN(4)), DecisionMaking: true})
			} else if rnd.IntN(4) == 0 {
				in.Voice.Participations[v] = append(in.Voice.Participations[v], voice.Participation{
					Level: ladder.Level(rnd.IntN(3)), Stage: ladder.Stage(rnd.IntN(4)), DecisionMaking: fo.DecisionMaking})
			}
		}
		in.Forums = append(in.Forums, fo)
	}
	return in
}

// fullFigures recomputes the figures of in from scratch with voice.Unheard,
// voice.Hops and power.HHI: the reference for the incremental evaluation.
func fullFigures(t testing.TB, in Input) Figures {
	t.Helper()
	voices, err := voice.Unheard(context.Background(), in.Voice)
	if err != nil {
		t.Fatal(err)
	}
	hops, err := voice.Hops(in.Voice.Graph, voice.Holders(in.Voice.Participations))
	if err != nil {
		t.Fatal(err)
	}
	f := Figures{UnheardVoices: voice.Count(voices)}
	for v, h := range hops {
		if in.Community[v] && h >= 0 && h <= 2 {
			f.WithinTwoStepsOfPower++
		}
	}
	var counts []float64
	for _, s := range in.seats() {
		if s > 0 {
			counts = append(counts, float64(s))
		}
	}
	f.SeatHHI = power.HHI(counts)
	return f
}

// fixedHarmonicFigures recomputes the figures of in from voice.Hops,
// voice.Gatekeepers and core numbers on the changed place, but with the
// harmonic half of PERIPHERAL read from harm and thresh: the reference for
// the first, approximate round of Recommend (harmonic kept from the
// baseline). With the harmonic centralities of in itself it must agree with
// fullFigures, which keeps this reference honest.
func fixedHarmonicFigures(t testing.TB, in Input, harm []float64, thresh float64) Figures {
	t.Helper()
	g := in.Voice.Graph
	holders := voice.Holders(in.Voice.Participations)
	hops, err := voice.Hops(g, holders)
	if err != nil {
		t.Fatal(err)
	}
	gates, err := voice.Gatekeepers(g, holders)
	if err != nil {
		t.Fatal(err)
	}
	core, err := analysis.Centrality(context.Background(), g, analysis.Coreness, false)
	if err != nil {
		t.Fatal(err)
	}
	f := fullFigures(t, in)
	f.UnheardVoices = 0
	for v := range g.Order() {
		if !in.Voice.Person[v] || holders[v] {
			continue
		}
		adj, _ := g.Neighbours(v)
		tied := len(adj) > 0
		peripheral := tied && (core[v] == 1 || harm[v] < thresh)
		if !tied || peripheral && hops[v] != 1 || gates[v] >= 0 || hops[v] < 0 || hops[v] > voice.FarHops {
			f.UnheardVoices++
		}
	}
	return f
}

// introduced returns in with a new tie u–v.
func introduced(t testing.TB, in Input, u, v int) Input {
	t.Helper()
	g := in.Voice.Graph
	var edges []analysis.Edge
	for x := range g.Order() {
		adj, w := g.Neighbours(x)
		for i, y := range adj {
			if int(y) > x {
				edges = append(edges, analysis.Edge{U: x, V: int(y), Weight: w[i]})
			}
		}
	}
	edges = append(edges, analysis.Edge{U: u, V: v, Weight: 1})
	ng, err := analysis.NewGraph(g.Order(), edges)
	if err != nil {
		t.Fatal(err)
	}
	out := in
	out.Voice.Graph = ng
	out.Voice.Harmonic, out.Voice.Coreness = nil, nil
	return out
}

// invited returns in with person x seated on forum f at CO_PRODUCE.
func invited(in Input, x, f int) Input {
	out := in
	out.Voice.Participations = slices.Clone(in.Voice.Participations)
	out.Voice.Participations[x] = append(slices.Clone(in.Voice.Participations[x]),
		voice.Participation{Level: ladder.CoProduce, Stage: in.Forums[f].Stage, DecisionMaking: true})
	out.Forums = slices.Clone(in.Forums)
	out.Forums[f].Seated = append(slices.Clone(in.Forums[f].Seated), x)
	return out
}

// TestIncrementalMatchesFull is the key correctness test: on seeded random
// places, from sparse forests with isolated actors and no holders to dense
// graphs with many, the incremental figures of every generated candidate,
// of every other introduction between two actors not tied, and of the
// invitation of every person who holds no seat, equal a full recomputation
// on the changed place.
func TestIncrementalMatchesFull(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 11))
	ctx := context.Background()
	checked := 0
	trials := 250
	if testing.Short() {
		trials = 40
	}
	for trial := range trials {
		n := 1 + rnd.IntN(30)
		p := []float64{0.03, 0.06, 0.1, 0.2, 0.45}[trial%5]
		q := []float64{0, 0.04, 0.1, 0.3}[trial%4]
		in := randomPlace(t, rnd, n, p, q)
		b, err := newBaseline(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if want := fullFigures(t, in); b.figures != want {
			t.Fatalf("trial %d: baseline figures = %+v, want %+v", trial, b.figures, want)
		}
		e := newEvaluator(b)
		check := func(what string, got Figures, changed Input) {
			t.Helper()
			if want := fullFigures(t, changed); got != want {
				t.Fatalf("trial %d (n=%d, m=%d): %s: figures = %+v, want %+v", trial, n, in.Voice.Graph.Size(), what, got, want)
			}
			checked++
		}
		introduce := func(u, v int) {
			t.Helper()
			changed := introduced(t, in, u, v)
			check(fmt.Sprintf("introduction %d–%d", u, v), e.introduce(u, v, true), changed)
			want := fixedHarmonicFigures(t, changed, b.harm, b.thresh)
			if got := e.introduce(u, v, false); got != want {
				t.Fatalf("trial %d: introduction %d–%d with the baseline harmonic: figures = %+v, want %+v", trial, u, v, got, want)
			}
			harm, err := analysis.Centrality(ctx, changed.Voice.Graph, analysis.Harmonic, false)
			if err != nil {
				t.Fatal(err)
			}
			thresh := voice.HarmonicThreshold(changed.Voice.Graph, harm)
			if got, want := fixedHarmonicFigures(t, changed, harm, thresh), fullFigures(t, changed); got != want {
				t.Fatalf("trial %d: fixedHarmonicFigures(exact harmonic) = %+v, want %+v", trial, got, want)
			}
		}
		for _, c := range b.candidates() {
			if c.kind == Introduction {
				introduce(c.a, c.b)
			} else {
				check(fmt.Sprintf("candidate invitation %d→%d", c.person, c.forum), e.invite(c.person, b.seatHHI(c.person)), invited(in, c.person, c.forum))
			}
		}
		for u := range n {
			adj, _ := in.Voice.Graph.Neighbours(u)
			for v := u + 1; v < n; v++ {
				if !slices.Contains(adj, int32(v)) {
					introduce(u, v)
				}
			}
			if !b.holders[u] && in.Voice.Person[u] && len(in.Forums) > 1 {
				check(fmt.Sprintf("invitation of %d", u), e.invite(u, b.seatHHI(u)), invited(in, u, 1))
			}
		}
	}
	t.Logf("%d changes checked against full recomputation", checked)
}

// TestNth checks the selection against sorting.
func TestNth(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(5, 5))
	for trial := range 500 {
		xs := make([]float64, 1+rnd.IntN(40))
		for i := range xs {
			xs[i] = float64(rnd.IntN(1 + trial%10))
		}
		sorted := slices.Sorted(slices.Values(xs))
		k := rnd.IntN(len(xs))
		if got := nth(slices.Clone(xs), k); got != sorted[k] {
			t.Fatalf("nth(%v, %d) = %v, want %v", xs, k, got, sorted[k])
		}
	}
}

// TestRecommendFiguresExact checks that the After figures of everything
// Recommend returns equal a full recomputation on the changed place (the
// second, exact round), on seeded random places and with a first small
// enough that the exact round sees only part of the introductions.
func TestRecommendFiguresExact(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(13, 13))
	ctx := context.Background()
	for trial := range 120 {
		n := 2 + rnd.IntN(40)
		in := randomPlace(t, rnd, n, []float64{0.04, 0.08, 0.15}[trial%3], []float64{0.03, 0.08, 0.2}[trial%3])
		for _, first := range []int{1, 3, 1000} {
			recs, err := Recommend(ctx, in, first)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) > first {
				t.Fatalf("Recommend(first = %d) returned %d", first, len(recs))
			}
			before := fullFigures(t, in)
			for i, r := range recs {
				var changed Input
				if r.Kind == Introduction {
					changed = introduced(t, in, r.A, r.B)
				} else {
					changed = invited(in, r.Person, r.Forum)
				}
				if want := fullFigures(t, changed); r.Before != before || r.After != want {
					t.Fatalf("trial %d: Recommend[%d] = %+v, want before %+v after %+v", trial, i, r, before, want)
				}
				if r.Gain <= 0 || r.Gain != Gain(r.Before, r.After) {
					t.Fatalf("trial %d: Recommend[%d].Gain = %v, want Gain(before, after) > 0", trial, i, r.Gain)
				}
				if i > 0 && in.OtherGroups(r) == in.OtherGroups(recs[i-1]) && r.Gain > recs[i-1].Gain {
					t.Fatalf("trial %d: Recommend[%d] gains %v after %v", trial, i, r.Gain, recs[i-1].Gain)
				}
				if i > 0 && !in.OtherGroups(r) && in.OtherGroups(recs[i-1]) {
					t.Fatalf("trial %d: Recommend[%d] for the person's groups after one for other groups", trial, i)
				}
			}
		}
	}
}

// TestLastGates checks lastGates against following each chain of
// gatekeepers to its end, on seeded random places.
func TestLastGates(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(17, 17))
	for trial := range 200 {
		in := randomPlace(t, rnd, 1+rnd.IntN(40), []float64{0.05, 0.1, 0.2}[trial%3], 0.05)
		gate, err := voice.Gatekeepers(in.Voice.Graph, voice.Holders(in.Voice.Participations))
		if err != nil {
			t.Fatal(err)
		}
		last := lastGates(gate)
		for v := range gate {
			want := -1
			for x := gate[v]; x >= 0; x = gate[x] {
				want = x
			}
			if last[v] != want {
				t.Fatalf("trial %d: lastGates[%d] = %d, want %d (gates %v)", trial, v, last[v], want, gate)
			}
		}
	}
}
