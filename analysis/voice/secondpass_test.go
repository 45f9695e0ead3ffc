package voice_test

import (
	"context"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/voice"
)

// boardClique is a place of five people who all know one another (K5: core
// number 4 for everyone, equal harmonic centrality, so no one is
// PERIPHERAL, and everyone is at most one step from the chair). The board
// makes decisions:
//
//	0  leads the board from the IDEA stage            (a holder)
//	1  co-produces on the board, joined at DELIVERY   (a holder who joined late)
//	2  co-designs on the board, joined at DELIVERY    (input on work already shaped)
//	3  consulted on the board, joined at DELIVERY     (asked late, never deciding)
//	4  takes part in no forum                          (never involved)
func boardClique(t *testing.T) voice.Input {
	t.Helper()
	var pairs [][2]int
	for u := range 5 {
		for v := u + 1; v < 5; v++ {
			pairs = append(pairs, [2]int{u, v})
		}
	}
	parts := [][]voice.Participation{
		{board(ladder.Lead, ladder.Idea)},
		{board(ladder.CoProduce, ladder.Delivery)},
		{board(ladder.CoDesign, ladder.Delivery)},
		{board(ladder.Consult, ladder.Delivery)},
		nil,
	}
	return voice.Input{Graph: mustGraph(t, 5, pairs), IDs: ids(5), Person: []bool{true, true, true, true, true}, Participations: parts}
}

// TestLateSeatAndLateConsultation works out boardClique by hand under the
// second-pass rules.
//
// JOINED_LATE is a reason of people who take part in decision-making
// forums without a seat in any of them, and joined every one only at
// DELIVERY or EVALUATION: 1 holds a seat, so it has no reason at all (the
// first pass gave it JOINED_LATE, 2 points: the tool flagged the very seat
// it recommends); 2 co-designs late, JOINED_LATE, 2 points.
//
// Being consulted late is a degree of tokenism, above non-participation
// (Arnstein 1969): 3 scores CONSULTED_ONLY 3 + JOINED_LATE 2 = 5 points,
// 0.25, strictly below 4's NEVER_INVOLVED, 6 points, 0.3 (the first pass
// gave both 6 points).
func TestLateSeatAndLateConsultation(t *testing.T) {
	voices, err := voice.Unheard(context.Background(), boardClique(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		node    int
		reasons []voice.Reason
		points  int
	}{
		{"never involved", 4, []voice.Reason{nev}, 6},
		{"consulted late on the board", 3, []voice.Reason{cons, late}, 5},
		{"co-designs late on the board", 2, []voice.Reason{late}, 2},
		{"seated late on the board: a holder is never late", 1, nil, 0},
		{"chair from the idea stage", 0, nil, 0},
	}
	var order []int
	for _, v := range voices {
		order = append(order, v.Node)
	}
	if want := []int{4, 3, 2, 0, 1}; !slices.Equal(order, want) {
		t.Errorf("Unheard(board clique) order = %v, want %v", order, want)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := slices.IndexFunc(voices, func(v voice.Voice) bool { return v.Node == tt.node })
			v := voices[i]
			if !slices.Equal(v.Reasons, tt.reasons) || v.Score != float64(tt.points)/20 {
				t.Errorf("Unheard(%d) = %v %v, want %v %v", tt.node, v.Reasons, v.Score, tt.reasons, float64(tt.points)/20)
			}
		})
	}
	if got, want := voice.Score([]voice.Reason{cons, late}), voice.Score([]voice.Reason{nev}); got >= want {
		t.Errorf("Score(CONSULTED_ONLY, JOINED_LATE) = %v, want below Score(NEVER_INVOLVED) = %v", got, want)
	}
}

// TestPeripheralTiedToHolder works out a place where two people hang off a
// triangle by one tie each, one to the chair and one to a professional:
//
//	triangle {0*, 1, 2}, 0 - 3, 1 - 4        (0 leads the board)
//
// 3 and 4 have core number 1, so both are PERIPHERAL. 3 is tied to the
// chair herself: one step from power, not gated (a holder is never a
// gatekeeper), heard directly by someone who decides, so 3 is not an
// unheard voice (the first pass counted it, so that introducing an
// isolated resident to a decision holder heard no one). 4 reaches power
// only through 1: PERIPHERAL, SINGLE_GATEKEEPER, two steps, unheard. Count
// = 1 (4); the first pass gave 2.
func TestPeripheralTiedToHolder(t *testing.T) {
	parts := make([][]voice.Participation, 5)
	parts[0] = []voice.Participation{board(ladder.Lead, ladder.Idea)}
	for v := 1; v < 5; v++ {
		parts[v] = []voice.Participation{board(ladder.CoDesign, ladder.Idea)}
	}
	in := voice.Input{
		Graph: mustGraph(t, 5, [][2]int{{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 4}}),
		IDs:   ids(5), Person: []bool{true, true, true, true, true}, Participations: parts,
	}
	voices, err := voice.Unheard(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		node    int
		reasons []voice.Reason
		hops    int
		unheard bool
	}{
		{3, []voice.Reason{per}, 1, false},
		{4, []voice.Reason{per, gate}, 2, true},
		{1, nil, 1, false},
	}
	for _, tt := range tests {
		i := slices.IndexFunc(voices, func(v voice.Voice) bool { return v.Node == tt.node })
		v := voices[i]
		if !slices.Equal(v.Reasons, tt.reasons) || v.Hops != tt.hops || v.Unheard() != tt.unheard {
			t.Errorf("Unheard(%d) = %v, %d hops, unheard %v; want %v, %d hops, unheard %v",
				tt.node, v.Reasons, v.Hops, v.Unheard(), tt.reasons, tt.hops, tt.unheard)
		}
	}
	if got := voice.Count(voices); got != 1 {
		t.Errorf("Count(peripheral tied to holder) = %d, want 1", got)
	}
}
