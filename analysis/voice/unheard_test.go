package voice_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/voice"
)

// Participations in the forums of the hand network: the board and the
// panel make decisions, the workshop does not.
var (
	board = func(l ladder.Level, s ladder.Stage) voice.Participation {
		return voice.Participation{Level: l, Stage: s, DecisionMaking: true}
	}
	panel    = board // a second decision-making forum
	workshop = func(l ladder.Level, s ladder.Stage) voice.Participation {
		return voice.Participation{Level: l, Stage: s}
	}
)

// handNetwork is a place of 21 actors (19 people, organisations 1 and 14)
// built so that every reason holds for someone and fails for someone else.
// Decision holders (CO_PRODUCE or LEAD on the board): 0, 1 and 7.
//
//	K4 {0*, 1*, 2, 3}             the core: core number 3
//	2 - 4 - 5                      a young person 4 reached through the
//	                               youth worker 2; 5 only through 4
//	6, 7*                          isolated (7 holds a seat)
//	8 - {0, 3},  9 - {1, 3}        two ties each into the core
//	3 - 10 - 11 - 12 - 13 - 2      a ring round the core: two ways to power
//	0 - 14 - 15                    15 reached through the organisation 14
//	0 - 16                         16 tied to a holder only
//	11 - 17, square 17-18-19-20    a square hanging off the ring by 11
//
// Hops to power (breadth-first search by hand): 2, 3, 8, 9, 14, 16: 1;
// 4, 10, 13, 15: 2; 5, 11, 12: 3; 17: 4; 18, 20: 5; 19: 6; 6: none.
//
// Core numbers (nx.core_number): 0-3: 3; 8-13 and 17-20: 2 (each in a
// cycle); 4, 5, 14, 15, 16: 1 (trees hanging off the core); 6, 7: 0.
//
// Harmonic centrality, unweighted, of the 19 actors with ties: the lowest
// is 19's, Σ 1/d = 2/1 + 1/2 + 1/3 + 2/4 + 2/5 + 5/6 + 3/7 + 2/8 = 5.2452
// (18, 20 | 17 | 11 | 10, 12 | 3, 13 | 0, 1, 2, 8, 9 | 4, 14, 16 | 5, 15),
// then 5's, 1 + 1/2 + 4/3 + 6/4 + 2/5 + 1/6 + 2/7 + 1/8 = 5.3107; the
// same figures as nx.harmonic_centrality. The nearest-rank 10th percentile
// is the ⌈19/10⌉ = 2nd smallest, 5.3107, so only 19 lies strictly below it:
// 19 is PERIPHERAL although its core number is 2, and 5 (at the threshold)
// is PERIPHERAL by its core number only.
func handNetwork(t *testing.T) voice.Input {
	t.Helper()
	const n = 21
	pairs := [][2]int{
		{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3},
		{2, 4}, {4, 5},
		{0, 8}, {3, 8}, {1, 9}, {3, 9},
		{3, 10}, {10, 11}, {11, 12}, {12, 13}, {13, 2},
		{0, 14}, {14, 15}, {0, 16},
		{11, 17}, {17, 18}, {18, 19}, {19, 20}, {20, 17},
	}
	person := make([]bool, n)
	for v := range person {
		person[v] = v != 1 && v != 14
	}
	parts := make([][]voice.Participation, n)
	parts[0] = []voice.Participation{board(ladder.Lead, ladder.Idea)}
	parts[1] = []voice.Participation{board(ladder.CoProduce, ladder.Idea)}
	parts[2] = []voice.Participation{workshop(ladder.CoDesign, ladder.Idea)}
	parts[3] = []voice.Participation{board(ladder.CoDesign, ladder.Idea)}
	parts[5] = []voice.Participation{workshop(ladder.Consult, ladder.Design)}
	parts[7] = []voice.Participation{board(ladder.Lead, ladder.Delivery)}
	parts[8] = []voice.Participation{board(ladder.Inform, ladder.Evaluation), workshop(ladder.CoDesign, ladder.Idea)}
	parts[9] = []voice.Participation{board(ladder.CoDesign, ladder.Design), panel(ladder.Inform, ladder.Delivery)}
	parts[10] = []voice.Participation{workshop(ladder.Inform, ladder.Idea)}
	parts[12] = []voice.Participation{board(ladder.Consult, ladder.Idea)}
	parts[13] = []voice.Participation{workshop(ladder.CoProduce, ladder.Idea)}
	parts[15] = []voice.Participation{workshop(ladder.CoDesign, ladder.Idea)}
	parts[16] = []voice.Participation{workshop(ladder.Lead, ladder.Design)}
	parts[17] = []voice.Participation{workshop(ladder.CoDesign, ladder.Idea)}
	parts[20] = []voice.Participation{workshop(ladder.CoDesign, ladder.Delivery)}
	return voice.Input{Graph: mustGraph(t, n, pairs), IDs: ids(n), Person: person, Participations: parts}
}

const (
	iso  = voice.Isolated
	per  = voice.Peripheral
	gate = voice.SingleGatekeeper
	far  = voice.FarFromPower
	cons = voice.ConsultedOnly
	nev  = voice.NeverInvolved
	late = voice.JoinedLate
)

// TestUnheardHandNetwork checks every person of handNetwork against the
// reasons, gatekeeper, hops and score worked out by hand (points: ISOLATED
// 8, SINGLE_GATEKEEPER 7, FAR_FROM_POWER 6, NEVER_INVOLVED 6,
// CONSULTED_ONLY 3, JOINED_LATE 2, PERIPHERAL 1, out of 20).
func TestUnheardHandNetwork(t *testing.T) {
	tests := []struct {
		name       string
		node       int
		reasons    []voice.Reason
		gatekeeper int
		hops       int
		points     int
	}{
		{"isolated, reaches no one, no forum", 6, []voice.Reason{iso, far, nev}, -1, -1, 20},
		{"harmonic decile, behind 17 and 11, no forum", 19, []voice.Reason{per, gate, far, nev}, 17, 6, 20},
		{"behind 17, five steps, no forum", 18, []voice.Reason{gate, far, nev}, 17, 5, 19},
		{"leaf behind 4, three steps, consulted", 5, []voice.Reason{per, gate, far, cons}, 4, 3, 17},
		{"young person behind the youth worker, two steps", 4, []voice.Reason{per, gate, nev}, 2, 2, 14},
		{"behind 17, co-designs a workshop late (not a decision forum)", 20, []voice.Reason{gate, far}, 17, 5, 13},
		{"behind ring node 11, in a cycle so not peripheral", 17, []voice.Reason{gate, far}, 11, 4, 13},
		{"on the ring three steps away, two ways round, no forum", 11, []voice.Reason{far, nev}, -1, 3, 12},
		{"on the ring, consulted on the board from the start", 12, []voice.Reason{far, cons}, -1, 3, 9},
		{"behind the organisation 14", 15, []voice.Reason{per, gate}, 14, 2, 8},
		{"isolated holder who joined late: a holder is neither far nor late", 7, []voice.Reason{iso}, -1, 0, 8},
		{"informed in a workshop: consulted only, two steps is near", 10, []voice.Reason{cons}, -1, 2, 3},
		{"informed on the board at evaluation, co-designs a workshop", 8, []voice.Reason{late}, -1, 1, 2},
		{"tied to one holder only: a holder is never a gatekeeper", 16, []voice.Reason{per}, -1, 1, 1},
		{"co-produces a workshop on the ring, two steps", 13, nil, -1, 2, 0},
		{"decision forums at design and delivery: not all late", 9, nil, -1, 1, 0},
		{"youth worker in the core", 2, nil, -1, 1, 0},
		{"co-designs the board in the core", 3, nil, -1, 1, 0},
		{"chair of the board", 0, nil, -1, 0, 0},
	}
	in := handNetwork(t)
	voices, err := voice.Unheard(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	var order []int
	for _, v := range voices {
		order = append(order, v.Node)
	}
	// The expected order is the table's: score descending; then 6 (no
	// holder reachable) before 19 (six steps), 20 (five) before 17 (four),
	// 15 (two) before 7 (a holder); 16, tied to the holder 0 and so not
	// gated, scores only its PERIPHERAL point; among the
	// scores of 0, 13 (two steps) and then 9, 2, 3 (one step) by harmonic
	// centrality 7.23 < 9.98 < 10.53, and the holder 0 last.
	var want []int
	for _, tt := range tests {
		want = append(want, tt.node)
	}
	if !slices.Equal(order, want) {
		t.Errorf("Unheard order = %v, want %v", order, want)
	}
	byNode := map[int]voice.Voice{}
	for _, v := range voices {
		byNode[v.Node] = v
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := byNode[tt.node]
			if !ok {
				t.Fatalf("Unheard has no voice for node %d", tt.node)
			}
			if !slices.Equal(v.Reasons, tt.reasons) {
				t.Errorf("Unheard(%d).Reasons = %v, want %v", tt.node, v.Reasons, tt.reasons)
			}
			if v.Gatekeeper != tt.gatekeeper {
				t.Errorf("Unheard(%d).Gatekeeper = %d, want %d", tt.node, v.Gatekeeper, tt.gatekeeper)
			}
			if v.Hops != tt.hops {
				t.Errorf("Unheard(%d).Hops = %d, want %d", tt.node, v.Hops, tt.hops)
			}
			if want := float64(tt.points) / 20; v.Score != want {
				t.Errorf("Unheard(%d).Score = %v, want %v", tt.node, v.Score, want)
			}
			if v.ID != in.IDs[tt.node] {
				t.Errorf("Unheard(%d).ID = %q, want %q", tt.node, v.ID, in.IDs[tt.node])
			}
			if holder := tt.node == 0 || tt.node == 7; v.Holder != holder {
				t.Errorf("Unheard(%d).Holder = %v, want %v", tt.node, v.Holder, holder)
			}
		})
	}
	// Unheard voices: the non-holders with a network reason, 6, 19, 18,
	// 5, 4, 20, 17, 11, 12 and 15. Not 7 (a holder), 10 or 8
	// (participation reasons only), nor 16 (PERIPHERAL, but tied to the
	// holder 0).
	if got := voice.Count(voices); got != 10 {
		t.Errorf("Count(hand network) = %d, want 10", got)
	}
}

// TestUnheardPrecomputed checks that centralities passed in give the same
// answer as centralities computed inside.
func TestUnheardPrecomputed(t *testing.T) {
	in := handNetwork(t)
	want, err := voice.Unheard(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if in.Harmonic, err = analysis.Centrality(ctx, in.Graph, analysis.Harmonic, false); err != nil {
		t.Fatal(err)
	}
	if in.Coreness, err = analysis.Centrality(ctx, in.Graph, analysis.Coreness, false); err != nil {
		t.Fatal(err)
	}
	got, err := voice.Unheard(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Unheard(precomputed) = %v, want %v", got, want)
	}
}

// TestUnheardDeterministic runs Unheard on a seeded Barabási–Albert place
// with random holders and participations many times and expects the same
// ranking each time, sorted as documented.
func TestUnheardDeterministic(t *testing.T) {
	in := baPlace(t, 2000, 3)
	first, err := voice.Unheard(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) == 0 {
		t.Fatal("Unheard(BA place) returned no voices")
	}
	for run := range 5 {
		again, err := voice.Unheard(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(again) != fmt.Sprint(first) {
			t.Fatalf("Unheard run %d differs from run 0", run+1)
		}
	}
	for i := 1; i < len(first); i++ {
		a, b := first[i-1], first[i]
		if a.Score < b.Score || a.Score == b.Score && a.Hops >= 0 && (b.Hops < 0 || b.Hops > a.Hops) {
			t.Fatalf("Unheard order: %+v before %+v", a, b)
		}
	}
}

// TestHarmonicThreshold checks the nearest-rank decile on small cases.
func TestHarmonicThreshold(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		edges    [][2]int
		harmonic []float64
		want     float64
	}{
		// Ten actors with ties: ⌈10/10⌉ = 1st smallest; nothing lies below it.
		{name: "ten", n: 10, edges: [][2]int{{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}},
			harmonic: []float64{9, 8, 7, 6, 5, 4, 3, 2, 1, 0.5}, want: 0.5},
		// Eleven: ⌈11/10⌉ = 2nd smallest, 1; the node at 0.5 lies below.
		{name: "eleven", n: 11, edges: [][2]int{{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}, {9, 10}},
			harmonic: []float64{9, 8, 7, 6, 5, 4, 3, 2, 1, 0.5, 10}, want: 1},
		// Thirty: ⌈30/10⌉ = 3rd (0.1·30 is 3.0000000000000004 in floating point).
		{name: "thirty", n: 30, edges: pathPairs(30), harmonic: countUp(30), want: 3},
		// Ties at the threshold: all equal, so no one lies strictly below.
		{name: "ties", n: 12, edges: pathPairs(12), harmonic: make([]float64, 12), want: 0},
		// Isolated actors (harmonic 0) are left out of the percentile.
		{name: "isolated left out", n: 13, edges: pathPairs(11),
			harmonic: append(countUp(11), 0, 0), want: 2},
		{name: "no ties", n: 2, harmonic: []float64{0, 0}, want: math.Inf(-1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mustGraph(t, tt.n, tt.edges)
			if got := voice.HarmonicThreshold(g, tt.harmonic); got != tt.want {
				t.Errorf("HarmonicThreshold(%s) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// pathPairs returns the ties of a path on nodes 0..n-1.
func pathPairs(n int) [][2]int {
	var p [][2]int
	for i := 1; i < n; i++ {
		p = append(p, [2]int{i - 1, i})
	}
	return p
}

// countUp returns 1, 2, ..., n.
func countUp(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i + 1)
	}
	return x
}

// TestScore checks the combination of reasons.
func TestScore(t *testing.T) {
	tests := []struct {
		name    string
		reasons []voice.Reason
		want    float64
	}{
		{"none", nil, 0},
		{"isolated, far, never involved", []voice.Reason{iso, far, nev}, 1},
		{"gated, peripheral, far, never involved", []voice.Reason{per, gate, far, nev}, 1},
		{"gated, peripheral, far, consulted, late", []voice.Reason{per, gate, far, cons, late}, 0.95},
		{"peripheral", []voice.Reason{per}, 0.05},
		{"consulted and late", []voice.Reason{cons, late}, 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := voice.Score(tt.reasons); got != tt.want {
				t.Errorf("Score(%v) = %v, want %v", tt.reasons, got, tt.want)
			}
		})
	}
	// Isolation and gatekeeping weigh most.
	for _, r := range voice.Reasons {
		if r != iso && r != gate && voice.Weight(r) >= voice.Weight(gate) {
			t.Errorf("Weight(%s) = %d, want below SINGLE_GATEKEEPER's %d", r, voice.Weight(r), voice.Weight(gate))
		}
	}
}

// TestUnheardInvalid checks the errors of Unheard.
func TestUnheardInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *voice.Input)
	}{
		{"nil graph", func(in *voice.Input) { in.Graph = nil }},
		{"short ids", func(in *voice.Input) { in.IDs = in.IDs[:3] }},
		{"short person", func(in *voice.Input) { in.Person = nil }},
		{"short participations", func(in *voice.Input) { in.Participations = in.Participations[:20] }},
		{"short harmonic", func(in *voice.Input) { in.Harmonic = []float64{1} }},
		{"short coreness", func(in *voice.Input) { in.Coreness = []float64{} }},
		{"level", func(in *voice.Input) { in.Participations[4] = []voice.Participation{{Level: 5}} }},
		{"stage", func(in *voice.Input) { in.Participations[4] = []voice.Participation{{Stage: -1}} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := handNetwork(t)
			tt.change(&in)
			if _, err := voice.Unheard(context.Background(), in); !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Unheard(%s) error = %v, want ErrInvalid", tt.name, err)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := voice.Unheard(ctx, handNetwork(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Unheard(cancelled) error = %v, want context.Canceled", err)
	}
}
