package participation_test

import (
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/participation"
)

func TestSeats(t *testing.T) {
	tests := []struct {
		name  string
		scope participation.Scope
		want  participation.SeatReport
	}{
		{
			// Nobody sits at CO_PRODUCE or LEAD on a decision-making forum:
			// every figure is 0, not NaN.
			name: "no seats",
			scope: participation.Scope{
				People: []participation.Person{community("a"), professional("b")},
				Forums: []participation.Forum{decides("board"), talks("cafe")},
				Participations: []participation.Participation{
					part("a", "board", ladder.CoDesign, ladder.Idea),
					part("b", "cafe", ladder.Lead, ladder.Idea),
				},
			},
			want: participation.SeatReport{Holders: []participation.Holder{}},
		},
		{
			name: "nothing at all",
			want: participation.SeatReport{Holders: []participation.Holder{}},
		},
		{
			// board: alice (LEAD, and again at CO_PRODUCE: one seat), bob;
			// panel: alice, council, stranger (not in scope: unclassified).
			// Not seats: alice LEAD on the cafe (decides nothing), carol
			// CONSULT, dan on a forum out of scope.
			// S = 5; alice 2, bob 1, council 1, stranger 1.
			// HHI = (2² + 1 + 1 + 1) / 5² = 7/25 = 0.28.
			// Majority: alice 2 (2·2 < 5), + bob 3 (2·3 ≥ 5) → 2.
			// Shares: community 2/5, professional 1/5, organisation 1/5,
			// unclassified 1/5.
			name: "mixed holders",
			scope: participation.Scope{
				People:        []participation.Person{community("alice", "parent"), professional("bob"), community("carol")},
				Organisations: []string{"council"},
				Forums:        []participation.Forum{decides("board"), decides("panel"), talks("cafe")},
				Participations: []participation.Participation{
					part("alice", "board", ladder.Lead, ladder.Idea),
					part("alice", "board", ladder.CoProduce, ladder.Design),
					part("alice", "panel", ladder.CoProduce, ladder.Idea),
					part("alice", "cafe", ladder.Lead, ladder.Idea),
					part("bob", "board", ladder.CoProduce, ladder.Idea),
					part("council", "panel", ladder.Lead, ladder.Idea),
					part("stranger", "panel", ladder.CoProduce, ladder.Delivery),
					part("carol", "board", ladder.Consult, ladder.Idea),
					part("dan", "ghost", ladder.Lead, ladder.Idea),
				},
			},
			want: participation.SeatReport{
				Seats: 5,
				Holders: []participation.Holder{
					{ActorID: "alice", Kind: participation.HolderCommunity, Seats: 2},
					{ActorID: "bob", Kind: participation.HolderProfessional, Seats: 1},
					{ActorID: "council", Kind: participation.HolderOrganisation, Seats: 1},
					{ActorID: "stranger", Kind: participation.HolderUnclassified, Seats: 1},
				},
				HHI:               0.28,
				Majority:          2,
				CommunityShare:    0.4,
				ProfessionalShare: 0.2,
				OrganisationShare: 0.2,
				UnclassifiedShare: 0.2,
			},
		},
		{
			// "a" is listed twice in People and once as an organisation:
			// the first person entry (community) decides its kind.
			name: "duplicate ids",
			scope: participation.Scope{
				People:         []participation.Person{community("a"), professional("a")},
				Organisations:  []string{"a"},
				Forums:         []participation.Forum{decides("f"), decides("f", "ignored")},
				Participations: []participation.Participation{part("a", "f", ladder.Lead, ladder.Idea)},
			},
			want: participation.SeatReport{
				Seats:          1,
				Holders:        []participation.Holder{{ActorID: "a", Kind: participation.HolderCommunity, Seats: 1}},
				HHI:            1,
				Majority:       1,
				CommunityShare: 1,
			},
		},
		{
			// One professional chairs three boards: HHI 1, Majority 1.
			name: "one holder",
			scope: participation.Scope{
				People: []participation.Person{professional("chair")},
				Forums: []participation.Forum{decides("f1"), decides("f2"), decides("f3")},
				Participations: []participation.Participation{
					part("chair", "f3", ladder.Lead, ladder.Idea),
					part("chair", "f1", ladder.Lead, ladder.Idea),
					part("chair", "f2", ladder.CoProduce, ladder.Idea),
				},
			},
			want: participation.SeatReport{
				Seats:             3,
				Holders:           []participation.Holder{{ActorID: "chair", Kind: participation.HolderProfessional, Seats: 3}},
				HHI:               1,
				Majority:          1,
				ProfessionalShare: 1,
			},
		},
		{
			// Four holders of one seat each: HHI = 4·(1/4)² = 1/4;
			// Majority 2 (2·2 ≥ 4, exactly half is enough). A person with
			// no recorded capacity is unclassified. Ties by seats sort by id.
			name: "equal holders",
			scope: participation.Scope{
				People: []participation.Person{community("d"), community("b"), professional("c"), {ID: "a"}},
				Forums: []participation.Forum{decides("f")},
				Participations: []participation.Participation{
					part("d", "f", ladder.Lead, ladder.Idea),
					part("c", "f", ladder.CoProduce, ladder.Idea),
					part("b", "f", ladder.CoProduce, ladder.Idea),
					part("a", "f", ladder.CoProduce, ladder.Idea),
				},
			},
			want: participation.SeatReport{
				Seats: 4,
				Holders: []participation.Holder{
					{ActorID: "a", Kind: participation.HolderUnclassified, Seats: 1},
					{ActorID: "b", Kind: participation.HolderCommunity, Seats: 1},
					{ActorID: "c", Kind: participation.HolderProfessional, Seats: 1},
					{ActorID: "d", Kind: participation.HolderCommunity, Seats: 1},
				},
				HHI:               0.25,
				Majority:          2,
				CommunityShare:    0.5,
				ProfessionalShare: 0.25,
				UnclassifiedShare: 0.25,
			},
		},
		{
			// participation.Seats 3, 1, 1, 1, 1, 1 (S = 8): the top holder has 3 (2·3 < 8),
			// with the next 4 (2·4 ≥ 8) → Majority 2.
			// HHI = (9 + 5) / 64 = 0.21875.
			name: "majority needs two",
			scope: participation.Scope{
				Organisations: []string{"o1", "o2", "o3", "o4", "o5", "o6"},
				Forums:        []participation.Forum{decides("f1"), decides("f2"), decides("f3")},
				Participations: []participation.Participation{
					part("o1", "f1", ladder.Lead, ladder.Idea), part("o1", "f2", ladder.Lead, ladder.Idea), part("o1", "f3", ladder.Lead, ladder.Idea),
					part("o2", "f1", ladder.CoProduce, ladder.Idea), part("o3", "f1", ladder.CoProduce, ladder.Idea),
					part("o4", "f2", ladder.CoProduce, ladder.Idea), part("o5", "f2", ladder.CoProduce, ladder.Idea),
					part("o6", "f3", ladder.CoProduce, ladder.Idea),
				},
			},
			want: participation.SeatReport{
				Seats: 8,
				Holders: []participation.Holder{
					{ActorID: "o1", Kind: participation.HolderOrganisation, Seats: 3},
					{ActorID: "o2", Kind: participation.HolderOrganisation, Seats: 1},
					{ActorID: "o3", Kind: participation.HolderOrganisation, Seats: 1},
					{ActorID: "o4", Kind: participation.HolderOrganisation, Seats: 1},
					{ActorID: "o5", Kind: participation.HolderOrganisation, Seats: 1},
					{ActorID: "o6", Kind: participation.HolderOrganisation, Seats: 1},
				},
				HHI:               0.21875,
				Majority:          2,
				OrganisationShare: 1,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := participation.Seats(tt.scope)
			if got.Seats != tt.want.Seats || got.Majority != tt.want.Majority ||
				!slices.Equal(got.Holders, tt.want.Holders) ||
				!near(got.HHI, tt.want.HHI) ||
				!near(got.CommunityShare, tt.want.CommunityShare) ||
				!near(got.ProfessionalShare, tt.want.ProfessionalShare) ||
				!near(got.OrganisationShare, tt.want.OrganisationShare) ||
				!near(got.UnclassifiedShare, tt.want.UnclassifiedShare) {
				t.Errorf("participation.Seats(%s) = %+v, want %+v", tt.name, got, tt.want)
			}
			if got.Holders == nil {
				t.Errorf("participation.Seats(%s).Holders = nil, want an empty slice", tt.name)
			}
		})
	}
}
