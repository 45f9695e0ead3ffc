package participation_test

import (
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/participation"
)

// village is the scope of most representation tests.
//
//	people: p1 community {parent}, p2 community {parent, carer},
//	        p3 community {young person}, p4 professional {parent},
//	        p5 community {} (4 community members in all)
//	forums: board (decides; affects parent, young person),
//	        panel (decides; affects carer), workshop (decides nothing)
//	seats:  board p1 LEAD, p2 CO_PRODUCE, org1 LEAD; panel p1 CO_PRODUCE
//	        → S = 4 (p4 CONSULT on the board and p3 LEAD on the workshop
//	        hold none)
//	stages: p1 DESIGN, DELIVERY; p2 EVALUATION; p3 IDEA (workshop);
//	        p4 IDEA (board); org1 IDEA
func village() participation.Scope {
	return participation.Scope{
		People: []participation.Person{
			community("p1", "parent"),
			community("p2", "parent", "carer"),
			community("p3", "young person"),
			professional("p4", "parent"),
			community("p5"),
		},
		Organisations: []string{"org1"},
		Forums: []participation.Forum{
			decides("board", "parent", "young person"),
			decides("panel", "carer"),
			talks("workshop", "young person"),
		},
		Participations: []participation.Participation{
			part("p1", "board", ladder.Lead, ladder.Design),
			part("p1", "panel", ladder.CoProduce, ladder.Delivery),
			part("p2", "board", ladder.CoProduce, ladder.Evaluation),
			part("p3", "workshop", ladder.Lead, ladder.Idea),
			part("p4", "board", ladder.Consult, ladder.Idea),
			part("org1", "board", ladder.Lead, ladder.Idea),
		},
	}
}

func TestRepresentation(t *testing.T) {
	const (
		pop = participation.SourcePopulation
		mem = participation.SourceMembers
	)
	type row = participation.GroupRepresentation
	tests := []struct {
		name  string
		scope func() participation.Scope
		want  []row
	}{
		{
			// carer: 1 member (p2) of 4 community members → 0.25; 1 seat of
			// 4 → 0.25; ratio 1; one representative → token; p2 joined at
			// EVALUATION → not from the start.
			// parent: 3 members (p1, p2, p4), 2 of them community → 2/4 =
			// 0.5; seats p1 2 + p2 1 = 3 → 0.75; ratio 1.5; 2
			// representatives but p1 holds 2 of 3 (2·2 > 3) → token; p4
			// (a professional parent) joined the board at IDEA → from the
			// start.
			// young person: 1/4 = 0.25; no seat → share 0, ratio 0, no
			// representative, not a token (absent, not tokenistic); p3
			// joined the workshop at IDEA, a forum that decides nothing
			// still counts → from the start.
			name:  "member shares",
			scope: village,
			want: []row{
				{Group: "carer", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Seats: 1, SeatShare: 0.25, Ratio: ratio(1), Representatives: 1, TopSeats: 1, Token: true},
				{Group: "parent", Members: 3, CommunityMembers: 2, CommunityShare: 0.5, ShareSource: mem,
					Seats: 3, SeatShare: 0.75, Ratio: ratio(1.5), Representatives: 2, TopSeats: 2, Token: true,
					InvolvedFromStart: true},
				{Group: "young person", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Ratio: ratio(0), InvolvedFromStart: true},
			},
		},
		{
			// p1 leaves the panel: parents hold 2 seats, one each → not a
			// token (2·1 > 2 is false). Seats S = 3: parent 2/3, carer 1/3.
			// p4 joins at DESIGN instead, so no parent joined at IDEA.
			name: "not token",
			scope: func() participation.Scope {
				s := village()
				s.Participations = []participation.Participation{
					part("p1", "board", ladder.Lead, ladder.Design),
					part("p2", "board", ladder.CoProduce, ladder.Evaluation),
					part("p3", "workshop", ladder.Lead, ladder.Idea),
					part("p4", "board", ladder.Consult, ladder.Design),
					part("org1", "board", ladder.Lead, ladder.Idea),
				}
				return s
			},
			want: []row{
				{Group: "carer", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Seats: 1, SeatShare: 1.0 / 3, Ratio: ratio(4.0 / 3), Representatives: 1, TopSeats: 1, Token: true},
				{Group: "parent", Members: 3, CommunityMembers: 2, CommunityShare: 0.5, ShareSource: mem,
					Seats: 2, SeatShare: 2.0 / 3, Ratio: ratio(4.0 / 3), Representatives: 2, TopSeats: 1},
				{Group: "young person", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Ratio: ratio(0), InvolvedFromStart: true},
			},
		},
		{
			// Census figures for parent (300) and older person (200) out of
			// 1,000 residents; carer and young person have none and keep
			// their member shares. parent 0.3, seat share 0.75 → ratio 2.5;
			// older person 0.2 with no member and no seat → ratio 0.
			name: "population shares",
			scope: func() participation.Scope {
				s := village()
				s.Population = participation.Population{
					ByGroup: map[string]int{"parent": 300, "older person": 200},
					Total:   1000,
				}
				return s
			},
			want: []row{
				{Group: "carer", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Seats: 1, SeatShare: 0.25, Ratio: ratio(1), Representatives: 1, TopSeats: 1, Token: true},
				{Group: "older person", CommunityShare: 0.2, ShareSource: pop, Ratio: ratio(0)},
				{Group: "parent", Members: 3, CommunityMembers: 2, CommunityShare: 0.3, ShareSource: pop,
					Seats: 3, SeatShare: 0.75, Ratio: ratio(2.5), Representatives: 2, TopSeats: 2, Token: true,
					InvolvedFromStart: true},
				{Group: "young person", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Ratio: ratio(0), InvolvedFromStart: true},
			},
		},
		{
			// Without a Total the denominator is Σ ByGroup = 300 + 200 =
			// 500: parent 0.6 (ratio 0.75 / 0.6 = 1.25), older person 0.4.
			// A recorded figure of 0 (carer) is still a population figure:
			// share 0, so the ratio is undefined (nil) although carers
			// hold a seat.
			name: "population without total",
			scope: func() participation.Scope {
				s := village()
				s.Population = participation.Population{
					ByGroup: map[string]int{"parent": 300, "older person": 200, "carer": 0},
				}
				return s
			},
			want: []row{
				{Group: "carer", Members: 1, CommunityMembers: 1, ShareSource: pop,
					Seats: 1, SeatShare: 0.25, Representatives: 1, TopSeats: 1, Token: true},
				{Group: "older person", CommunityShare: 0.4, ShareSource: pop, Ratio: ratio(0)},
				{Group: "parent", Members: 3, CommunityMembers: 2, CommunityShare: 0.6, ShareSource: pop,
					Seats: 3, SeatShare: 0.75, Ratio: ratio(1.25), Representatives: 2, TopSeats: 2, Token: true,
					InvolvedFromStart: true},
				{Group: "young person", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Ratio: ratio(0), InvolvedFromStart: true},
			},
		},
		{
			// A negative figure is taken as 0, in the share and in the
			// denominator Σ ByGroup = 100 + 0: parent 1, older person 0.
			name: "negative population figure",
			scope: func() participation.Scope {
				return participation.Scope{
					People:     []participation.Person{community("a", "parent")},
					Population: participation.Population{ByGroup: map[string]int{"parent": 100, "older person": -40}},
				}
			},
			want: []row{
				{Group: "older person", ShareSource: pop},
				{Group: "parent", Members: 1, CommunityMembers: 1, CommunityShare: 1, ShareSource: pop, Ratio: ratio(0)},
			},
		},
		{
			// Figures that add up to no one (Total 0, Σ ByGroup 0) are no
			// figures: carer falls back to its member share, 1/4.
			name: "population of zero",
			scope: func() participation.Scope {
				s := village()
				s.Population = participation.Population{ByGroup: map[string]int{"carer": 0}}
				return s
			},
			want: []row{
				{Group: "carer", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Seats: 1, SeatShare: 0.25, Ratio: ratio(1), Representatives: 1, TopSeats: 1, Token: true},
				{Group: "parent", Members: 3, CommunityMembers: 2, CommunityShare: 0.5, ShareSource: mem,
					Seats: 3, SeatShare: 0.75, Ratio: ratio(1.5), Representatives: 2, TopSeats: 2, Token: true,
					InvolvedFromStart: true},
				{Group: "young person", Members: 1, CommunityMembers: 1, CommunityShare: 0.25, ShareSource: mem,
					Ratio: ratio(0), InvolvedFromStart: true},
			},
		},
		{
			// A tag carried only by professionals has no community share
			// from members: commissioner share 0/1 = 0 → Ratio nil, though
			// it holds the only seat. An empty population map is no
			// figures at all.
			name: "professional-only group",
			scope: func() participation.Scope {
				return participation.Scope{
					People: []participation.Person{professional("x", "commissioner"), community("y")},
					Forums: []participation.Forum{decides("f")},
					Participations: []participation.Participation{
						part("x", "f", ladder.Lead, ladder.Delivery),
					},
					Population: participation.Population{ByGroup: map[string]int{}},
				}
			},
			want: []row{
				{Group: "commissioner", Members: 1, ShareSource: mem, Seats: 1, SeatShare: 1,
					Representatives: 1, TopSeats: 1, Token: true},
			},
		},
		{
			// No participations: every seat figure is 0, not NaN; a tag
			// listed twice on one person counts once.
			name: "no seats",
			scope: func() participation.Scope {
				return participation.Scope{
					People: []participation.Person{community("a", "carer", "carer"), community("b")},
				}
			},
			want: []row{
				{Group: "carer", Members: 1, CommunityMembers: 1, CommunityShare: 0.5, ShareSource: mem, Ratio: ratio(0)},
			},
		},
		{
			name:  "no people",
			scope: func() participation.Scope { return participation.Scope{} },
			want:  []row{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := participation.Representation(tt.scope())
			if got == nil {
				t.Fatalf("Representation(%s) = nil, want an empty slice", tt.name)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Representation(%s) = %s, want %s", tt.name, rows(got), rows(tt.want))
			}
			for i := range got {
				if !sameRow(got[i], tt.want[i]) {
					t.Errorf("Representation(%s)[%d] = %s, want %s", tt.name, i, rowString(got[i]), rowString(tt.want[i]))
				}
			}
		})
	}
}

func sameRow(a, b participation.GroupRepresentation) bool {
	ratios := (a.Ratio == nil) == (b.Ratio == nil) && (a.Ratio == nil || near(*a.Ratio, *b.Ratio))
	a.Ratio, b.Ratio = nil, nil
	cs, ss := near(a.CommunityShare, b.CommunityShare), near(a.SeatShare, b.SeatShare)
	a.CommunityShare, b.CommunityShare, a.SeatShare, b.SeatShare = 0, 0, 0, 0
	return ratios && cs && ss && a == b
}

func rowString(r participation.GroupRepresentation) string {
	ratio := "nil"
	if r.Ratio != nil {
		ratio = fmt.Sprint(*r.Ratio)
	}
	c := r
	c.Ratio = nil
	return fmt.Sprintf("%+v (ratio %s)", c, ratio)
}

func rows(rs []participation.GroupRepresentation) string {
	s := "["
	for _, r := range rs {
		s += rowString(r) + "; "
	}
	return s + "]"
}
