package recommend_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/recommend"
	"github.com/voicemap/voicemap/analysis/voice"
)

// gatedChain is a place of 8 people where a chain of triangles hangs off a
// youth worker. The board (forum 0) is led by 0; 0, 1 and 2 are
// professionals, 3..7 community members.
//
//	triangle {0*, 1, 2}           the board's chair and two professionals
//	1 - 3                          the youth worker 1 is the only way in
//	triangle {3, 4, 5}
//	triangle {5, 6, 7}
//
// Hops to power: 1, 2: 1; 3: 2; 4, 5: 3; 6, 7: 4. Every node lies in a
// triangle (core number 2) and with 8 actors the harmonic decile is the
// single smallest value, so no one is PERIPHERAL. Gatekeepers: 1 for 3, 3
// for 4 and 5, 5 for 6 and 7. Unheard voices: 3..7 (gated; 4..7 also far),
// 5. Community members within two steps: 3 only, 1. Seat HHI: one seat, 1.
func gatedChain(t *testing.T) recommend.Input {
	t.Helper()
	return gatedChainIsolated(t, 0)
}

// gatedChainIsolated is gatedChain with k isolated community members more,
// nodes 8, 9, ...
func gatedChainIsolated(t *testing.T, k int) recommend.Input {
	t.Helper()
	g := mustGraph(t, 8+k, [][2]int{{0, 1}, {0, 2}, {1, 2}, {1, 3}, {3, 4}, {4, 5}, {5, 3}, {5, 6}, {6, 7}, {7, 5}})
	in := place(g)
	for v := range 3 {
		in.Community[v] = false
	}
	in.Forums = []recommend.Forum{{ID: "board", DecisionMaking: true}}
	seat(&in, 0, 0, ladder.Lead)
	return in
}

// TestBypassGatekeeper works out the best introductions of gatedChain.
//
// Tie 6–0 (6 is 4 steps from the chair, so 0 is one of its FarTargets):
// 6 is one step from power; 7 and 5 two (routes 7-6-0 and 7-5-3-1-0, 5-6-0
// and 5-3-1-0: no single gatekeeper); 3 two, no longer gated (3-1-0 and
// 3-5-6-0); 4 stays three steps away (4-5-6-0, 4-3-1-0). Unheard 5 → 1,
// within two steps 1 → 4 (3, 5, 6, 7): gain 4 + 0.5·3 = 5.5. 7–0 is the
// same by symmetry and comes second by id.
//
// Tie 5–0 heals 3, 4 and 5 but leaves 6 and 7 behind 5: unheard 5 → 2,
// within two 1 → 5, gain 3 + 2 = 5. Tie 4–0 makes 4 one step from power and
// 3 and 5 two, but 5 still gates 6 and 7 and 3 reaches power through 4 or 1:
// unheard 5 → 2 (6, 7), within two 1 → 3 (3, 4, 5): gain 3 + 1 = 4. Tie
// 6–1 is not proposed: 1 is the last of 6's gatekeepers (5, 3, 1), so 6
// would only trade 5 for 1 (see TestNoNewGatekeeper).
//
// Invitations beat every introduction: seating 5, 6 or 7 hears everyone
// (unheard 5 → 0, within two 1 → 5) and halves the seat HHI (1 → 0.5):
// gain 5 + 2 + 5 = 12, one recommendation for 5 with 6 and 7 as
// alternatives (the same change, the same effect). Seating 3 or 4 leaves 6
// and 7 behind 5: gain 3 + 2 + 5 = 10, for 3 with 4 as the alternative.
func TestBypassGatekeeper(t *testing.T) {
	t.Parallel()
	in := gatedChain(t)
	recs, err := recommend.Recommend(context.Background(), in, 100)
	if err != nil {
		t.Fatal(err)
	}
	before := recommend.Figures{UnheardVoices: 5, WithinTwoStepsOfPower: 1, SeatHHI: 1}
	var intros, invites []recommend.Recommendation
	for _, r := range recs {
		if r.Before != before {
			t.Errorf("Recommend(gated chain) Before = %+v, want %+v", r.Before, before)
		}
		if r.Kind == recommend.Introduction {
			intros = append(intros, r)
		} else {
			invites = append(invites, r)
		}
	}
	tests := []struct {
		name  string
		got   []recommend.Recommendation
		i     int
		kind  recommend.Kind
		a, b  int
		after recommend.Figures
		gain  float64
		alts  []int
	}{
		{"best introduction bypasses both gatekeepers, its mirror image folded in", intros, 0, recommend.Introduction, 6, 0, recommend.Figures{1, 4, 1}, 5.5, []int{7}},
		{"tie at the middle leaves 6 and 7 gated", intros, 1, recommend.Introduction, 5, 0, recommend.Figures{2, 5, 1}, 5, nil},
		{"tie at 4 leaves 6 and 7 gated", intros, 2, recommend.Introduction, 4, 0, recommend.Figures{2, 3, 1}, 4, nil},
		{"best invitation, 6 and 7 as alternatives", invites, 0, recommend.Invitation, 5, 0, recommend.Figures{0, 5, 0.5}, 12, []int{6, 7}},
		{"invitation of 3, or 4", invites, 1, recommend.Invitation, 3, 0, recommend.Figures{2, 5, 0.5}, 10, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.i >= len(tt.got) {
				t.Fatalf("Recommend(gated chain) has %d of this kind, want more than %d", len(tt.got), tt.i)
			}
			r := tt.got[tt.i]
			a, b := r.A, r.B
			if r.Kind == recommend.Invitation {
				a, b = r.Person, r.Forum
			}
			if r.Kind != tt.kind || a != tt.a || b != tt.b || r.After != tt.after || math.Abs(r.Gain-tt.gain) > 1e-12 || !slices.Equal(r.Alternatives, tt.alts) {
				t.Errorf("Recommend(gated chain)[%d] = %s %d,%d after %+v gain %v alternatives %v, want %s %d,%d after %+v gain %v alternatives %v",
					tt.i, r.Kind, a, b, r.After, r.Gain, r.Alternatives, tt.kind, tt.a, tt.b, tt.after, tt.gain, tt.alts)
			}
		})
	}
	if recs[0].Kind != recommend.Invitation || recs[0].Person != 5 {
		t.Errorf("Recommend(gated chain)[0] = %+v, want the invitation of 5", recs[0])
	}
}

// youthPanel is a place of 7 people. The board (forum 0, affects no group)
// is led by 0; the youth panel (forum 1, affects young people) is led by 0
// with 1 co-producing and the youth worker 2 co-designing; no young person
// holds a seat on it. 0, 1, 2 are professionals; 3 (a parent), 4 (the only
// young person, consulted on the youth panel), 5 and 6 community members.
//
//	triangles {0*, 1*, 2}, {2, 3, 4}, {4, 5, 6}
//
// Hops: 2: 1; 3, 4: 2; 5, 6: 3. All core 2, no one below the harmonic
// decile (the smallest of 7). Gatekeepers: 2 for 3 and 4, 4 for 5 and 6.
// Unheard: 3, 4, 5, 6 = 4. Within two steps: 3, 4 = 2. Seats 0: 2, 1: 1,
// HHI (4 + 1)/9 = 5/9.
func youthPanel(t *testing.T) recommend.Input {
	t.Helper()
	g := mustGraph(t, 7, [][2]int{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {2, 4}, {3, 4}, {4, 5}, {4, 6}, {5, 6}})
	in := place(g)
	for v := range 3 {
		in.Community[v] = false
	}
	in.Groups[3] = []string{"parent"}
	in.Groups[4] = []string{"young person"}
	in.Forums = []recommend.Forum{
		{ID: "board", DecisionMaking: true},
		{ID: "youth-panel", DecisionMaking: true, AffectsGroups: []string{"young person"}},
	}
	seat(&in, 0, 0, ladder.Lead)
	seat(&in, 1, 0, ladder.Lead)
	seat(&in, 1, 1, ladder.CoProduce)
	in.Voice.Participations[2] = []voice.Participation{{Level: ladder.CoDesign, DecisionMaking: true}}
	in.Voice.Participations[4] = []voice.Participation{{Level: ladder.Consult, DecisionMaking: true}}
	return in
}

// TestInviteOnlyYoungPerson works out the best recommendations of
// youthPanel. Any invitation adds a third holder of one seat: HHI
// 5/9 → (4 + 1 + 1)/16 = 3/8, worth 10·(5/9 − 3/8) = 130/72.
//
// Inviting 4, the only young person, to the youth panel ("nothing about us
// without us": it affects young people and none holds a seat) puts 2, 3, 5
// and 6 one step from power: unheard 4 → 0, within two 2 → 4, gain
// 4 + 1 + 130/72. Inviting 5 or 6 (to the board, which has fewest seats)
// gains as much (3 then has two routes, 3-2-0 and 3-4-5), but the youth
// panel affects 4's group, which ranks first among equals. Inviting the
// parent 3 leaves 5 and 6 behind 4: gain 2 + 1 + 130/72 = 4.81, less than
// the best introduction, 5–0 (0 is 3 steps from 5, a near target): 5 one
// step from power, 6 two (6-5-0, 6-4-2), 4 two (4-2, 4-5-0), 3 two (3-2,
// 3-4-5-0), none gated: unheard 4 → 0, within two 2 → 4, gain 4 + 1 = 5,
// the most any introduction can gain here; 5–1 gains the same. Inviting 6
// and introducing 6 have exactly the effect of doing so for 5 (the two are
// symmetric), so 6 is folded in as their alternative.
func TestInviteOnlyYoungPerson(t *testing.T) {
	t.Parallel()
	recs, err := recommend.Recommend(context.Background(), youthPanel(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	hhi := 10 * (5.0/9 - 3.0/8)
	tests := []struct {
		name   string
		kind   recommend.Kind
		a, b   int // person and forum of an invitation
		groups []string
		after  recommend.Figures
		gain   float64
		alts   []int
	}{
		{"the only young person to the youth panel", recommend.Invitation, 4, 1, []string{"young person"}, recommend.Figures{0, 4, 3.0 / 8}, 5 + hhi, nil},
		{"5 (or 6) to the board, as good but not their forum", recommend.Invitation, 5, 0, nil, recommend.Figures{0, 4, 3.0 / 8}, 5 + hhi, []int{6}},
		{"introduce 5 (or 6) to the chair", recommend.Introduction, 5, 0, nil, recommend.Figures{0, 4, 5.0 / 9}, 5, []int{6}},
		{"introduce 5 (or 6) to the other board member", recommend.Introduction, 5, 1, nil, recommend.Figures{0, 4, 5.0 / 9}, 5, []int{6}},
	}
	if len(recs) != len(tests) {
		t.Fatalf("Recommend(youth panel, 4) returned %d, want %d", len(recs), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := recs[i]
			a, b := r.A, r.B
			if r.Kind == recommend.Invitation {
				a, b = r.Person, r.Forum
			}
			if r.Kind != tt.kind || a != tt.a || b != tt.b || !slices.Equal(r.Groups, tt.groups) ||
				r.After != tt.after || math.Abs(r.Gain-tt.gain) > 1e-12 || !slices.Equal(r.Alternatives, tt.alts) {
				t.Errorf("Recommend(youth panel)[%d] = %+v, want %s %d, %d %v after %+v gain %v",
					i, r, tt.kind, tt.a, tt.b, tt.groups, tt.after, tt.gain)
			}
			if want := (recommend.Figures{4, 2, 5.0 / 9}); r.Before != want {
				t.Errorf("Recommend(youth panel)[%d].Before = %+v, want %+v", i, r.Before, want)
			}
		})
	}
}

// TestRecommendDeterministic runs Recommend on the 2,000-actor benchmark
// place several times, and with first = 0, and expects the same answer,
// ranked by gain.
func TestRecommendDeterministic(t *testing.T) {
	t.Parallel()
	in := baPlace(t, 2000)
	ctx := context.Background()
	first, err := recommend.Recommend(ctx, in, 25)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 25 {
		t.Fatalf("Recommend(BA place, 25) returned %d", len(first))
	}
	kinds := map[recommend.Kind]int{}
	for i, r := range first {
		kinds[r.Kind]++
		if r.Gain <= 0 || i > 0 && in.OtherGroups(r) == in.OtherGroups(first[i-1]) && r.Gain > first[i-1].Gain ||
			i > 0 && !in.OtherGroups(r) && in.OtherGroups(first[i-1]) {
			t.Fatalf("Recommend order: %+v after %+v", r, first[i-1])
		}
	}
	t.Logf("top gain %.3f, kinds %v, before %+v", first[0].Gain, kinds, first[0].Before)
	for run := range 3 {
		again, err := recommend.Recommend(ctx, in, 25)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(again) != fmt.Sprint(first) {
			t.Fatalf("Recommend run %d differs from run 0", run+1)
		}
	}
	if none, err := recommend.Recommend(ctx, in, 0); err != nil || len(none) != 0 {
		t.Errorf("Recommend(first = 0) = %v, %v, want none", none, err)
	}
}

// TestRecommendInvalid checks the errors of Recommend.
func TestRecommendInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		first  int
		change func(in *recommend.Input)
	}{
		{"negative first", -1, func(in *recommend.Input) {}},
		{"nil graph", 5, func(in *recommend.Input) { in.Voice.Graph = nil }},
		{"short community", 5, func(in *recommend.Input) { in.Community = in.Community[:2] }},
		{"short groups", 5, func(in *recommend.Input) { in.Groups = nil }},
		{"seat outside", 5, func(in *recommend.Input) { in.Forums[0].Seated = append(in.Forums[0].Seated, 7) }},
		{"holder without a seat", 5, func(in *recommend.Input) { in.Forums[1].Seated = nil }},
		{"seat without power", 5, func(in *recommend.Input) { in.Forums[0].Seated = append(in.Forums[0].Seated, 3) }},
		{"short ids", 5, func(in *recommend.Input) { in.Voice.IDs = in.Voice.IDs[:1] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := youthPanel(t)
			tt.change(&in)
			if _, err := recommend.Recommend(context.Background(), in, tt.first); !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Recommend(%s) error = %v, want ErrInvalid", tt.name, err)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := recommend.Recommend(ctx, youthPanel(t), 5); !errors.Is(err, context.Canceled) {
		t.Errorf("Recommend(cancelled) error = %v, want context.Canceled", err)
	}
}
