package service_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis/funding"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// reachTown is a hand-built network with one funder's grants:
//
//	town ─┬─ north   p1 (parent), p2 (young person), pro (parent, PROFESSIONAL), A
//	      └─ south   p3 (young person, carer), p4 (older person), B
//	elsewhere        C (top-level place, outside town)
//
// ties A–p1, p1–p2, B–pro, pro–p3, p3–p4; funders F and F2 (in town) and
// C have no tie. p1..p4 are community members. Grants, pounds:
//
//	g1 F→A  600  north        2024-01-10
//	g2 F→B  300  town (north and south: 150 each) 2024-02-01
//	g3 F→C  100  south        2024-03-01
//	g4 F→A 1000  north        2025-06-01
//	g5 F2→B 5000 south        2024-01-01   (another funder)
//
// With no forum nobody holds decision power, so every community member is
// FAR_FROM_POWER: the unheard voices are p1..p4. With deciding set, p1..p4
// all LEAD a decision-making forum, so none is unheard and the basis falls
// back to the community members, the same four people.
func reachTown(t *testing.T, deciding bool) *service.Service {
	t.Helper()
	ctx := admin(context.Background())
	st := servicetest.MustOpenStore(t)
	person := func(id, place string, c store.Capacity, groups ...string) store.Person {
		return store.Person{ID: id, Name: "Person " + id, PlaceID: place, Capacity: c, Groups: groups}
	}
	tie := func(id, from, to string) store.Relationship {
		return store.Relationship{ID: id, FromID: from, ToID: to, Kind: store.RelKnows, Weight: 1}
	}
	b := store.Batch{
		Places: []store.Place{
			{ID: "town", Name: "Town"},
			{ID: "north", Name: "North", ParentID: "town"},
			{ID: "south", Name: "South", ParentID: "town"},
			{ID: "elsewhere", Name: "Elsewhere"},
		},
		People: []store.Person{
			person("p1", "north", store.CapacityCommunity, "parent"),
			person("p2", "north", store.CapacityCommunity, "young person"),
			person("pro", "north", store.CapacityProfessional, "parent"),
			person("p3", "south", store.CapacityCommunity, "young person", "carer"),
			person("p4", "south", store.CapacityCommunity, "older person"),
		},
		Organisations: []store.Organisation{
			{ID: "F", Name: "Funder", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "F2", Name: "Other Funder", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "A", Name: "Org A", Kind: store.OrgCommunityGroup, PlaceID: "north"},
			{ID: "B", Name: "Org B", Kind: store.OrgVoluntary, PlaceID: "south"},
			{ID: "C", Name: "Org C", Kind: store.OrgCommunityGroup, PlaceID: "elsewhere"},
		},
		Relationships: []store.Relationship{
			tie("r1", "A", "p1"), tie("r2", "p1", "p2"), tie("r3", "B", "pro"), tie("r4", "pro", "p3"), tie("r5", "p3", "p4"),
		},
	}
	if deciding {
		b.Forums = []store.Forum{{ID: "board", Name: "Board", PlaceID: "town", DecisionMaking: true}}
		for _, p := range []string{"p1", "p2", "p3", "p4"} {
			b.Participations = append(b.Participations, store.Participation{
				ID: "seat-" + p, ActorID: p, ForumID: "board", Level: store.LevelLead, JoinedAtStage: store.StageIdea,
			})
		}
	}
	if _, err := st.Import(ctx, b); err != nil {
		t.Fatalf("Import: %v", err)
	}
	grant := func(id, funder, recipient string, pounds int64, on string, places ...string) store.Grant {
		return store.Grant{ID: id, Title: "Grant " + id, Amount: pounds * 100, Currency: "GBP", AwardedOn: day(on),
			FunderID: funder, RecipientID: recipient, PlaceIDs: places}
	}
	_, err := st.ImportGrants(ctx, store.GrantBatch{Grants: []store.Grant{
		grant("g1", "F", "A", 600, "2024-01-10", "north"),
		grant("g2", "F", "B", 300, "2024-02-01", "town"),
		grant("g3", "F", "C", 100, "2024-03-01", "south"),
		grant("g4", "F", "A", 1000, "2025-06-01", "north"),
		grant("g5", "F2", "B", 5000, "2024-01-01", "south"),
	}})
	if err != nil {
		t.Fatalf("ImportGrants: %v", err)
	}
	return service.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

type wantRecipient struct {
	id        string
	amount    float64
	reaches   int
	inNetwork bool
	groups    []string
}

// TestFundingReach checks FundingReach on reachTown, worked by hand:
//
//   - town as of 2024-12-31: g1, g2 and g3 count (g4 is later, g5 another
//     funder's), total £1000. A reaches p1 (1 step) and p2 (2 steps); B
//     reaches p3 through pro (2 steps) but not p4 (3 steps); C is located
//     outside town, so not in the snapshot, and reaches nobody. reaching =
//     600 + 300 = 900, share 0.9; 3 of the 4 targets reached; groups carer
//     1/1, older person 0/1, parent 1/1 (pro is a professional, not a
//     target), young person 2/2.
//   - north as of 2024-12-31: g1 (600) in full, half of g2 (150), none of g3
//     (south); total 750; A reaches p1 and p2; B is in south, outside the
//     snapshot: share 600/750 = 0.8; targets p1, p2, both reached.
//   - everywhere, every date: g1..g4, total 2000; A 1600, B 300 reach; C is
//     in the network (elsewhere) but has no tie: share 1900/2000 = 0.95.
func TestFundingReach(t *testing.T) {
	t.Parallel()
	asOf := day("2024-12-31")
	tests := []struct {
		name             string
		deciding         bool
		place            string
		asOf             *time.Time
		basis            service.ReachBasis
		grants           int
		total, reaching  float64
		share            float64
		targets, reached int
		recipients       []wantRecipient
		groups           []funding.GroupReach
	}{
		{
			name: "town, unheard voices", place: "town", asOf: &asOf, basis: service.ReachUnheard,
			grants: 3, total: 1000, reaching: 900, share: 0.9, targets: 4, reached: 3,
			recipients: []wantRecipient{
				{"A", 600, 2, true, []string{"parent", "young person"}},
				{"B", 300, 1, true, []string{"carer", "young person"}},
				{"C", 100, 0, false, []string{}},
			},
			groups: []funding.GroupReach{
				{Group: "carer", People: 1, Reached: 1, Share: 1},
				{Group: "older person", People: 1, Reached: 0, Share: 0},
				{Group: "parent", People: 1, Reached: 1, Share: 1},
				{Group: "young person", People: 2, Reached: 2, Share: 1},
			},
		},
		{
			name: "town, community members", deciding: true, place: "town", asOf: &asOf, basis: service.ReachMembers,
			grants: 3, total: 1000, reaching: 900, share: 0.9, targets: 4, reached: 3,
			recipients: []wantRecipient{
				{"A", 600, 2, true, []string{"parent", "young person"}},
				{"B", 300, 1, true, []string{"carer", "young person"}},
				{"C", 100, 0, false, []string{}},
			},
			groups: []funding.GroupReach{
				{Group: "carer", People: 1, Reached: 1, Share: 1},
				{Group: "older person", People: 1, Reached: 0, Share: 0},
				{Group: "parent", People: 1, Reached: 1, Share: 1},
				{Group: "young person", People: 2, Reached: 2, Share: 1},
			},
		},
		{
			name: "north", place: "north", asOf: &asOf, basis: service.ReachUnheard,
			grants: 2, total: 750, reaching: 600, share: 0.8, targets: 2, reached: 2,
			recipients: []wantRecipient{
				{"A", 600, 2, true, []string{"parent", "young person"}},
				{"B", 150, 0, false, []string{}},
			},
			groups: []funding.GroupReach{
				{Group: "parent", People: 1, Reached: 1, Share: 1},
				{Group: "young person", People: 1, Reached: 1, Share: 1},
			},
		},
		{
			name: "everywhere, every date", basis: service.ReachUnheard,
			grants: 4, total: 2000, reaching: 1900, share: 0.95, targets: 4, reached: 3,
			recipients: []wantRecipient{
				{"A", 1600, 2, true, []string{"parent", "young person"}},
				{"B", 300, 1, true, []string{"carer", "young person"}},
				{"C", 100, 0, true, []string{}},
			},
			groups: []funding.GroupReach{
				{Group: "carer", People: 1, Reached: 1, Share: 1},
				{Group: "older person", People: 1, Reached: 0, Share: 0},
				{Group: "parent", People: 1, Reached: 1, Share: 1},
				{Group: "young person", People: 2, Reached: 2, Share: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := reachTown(t, tt.deciding)
			got, err := s.FundingReach(admin(context.Background()), "F", tt.place, tt.asOf, "")
			if err != nil {
				t.Fatalf("FundingReach: %v", err)
			}
			if got.Currency != "GBP" || got.Basis != tt.basis || got.Grants != tt.grants || !near(got.Total, tt.total) ||
				!near(got.ReachingAmount, tt.reaching) || !near(got.Share, tt.share) || got.Targets != tt.targets || got.Reached != tt.reached {
				t.Errorf("FundingReach = %s %s grants %d total %v reaching %v share %v targets %d reached %d; want GBP %s %d %v %v %v %d %d",
					got.Currency, got.Basis, got.Grants, got.Total, got.ReachingAmount, got.Share, got.Targets, got.Reached,
					tt.basis, tt.grants, tt.total, tt.reaching, tt.share, tt.targets, tt.reached)
			}
			if len(got.Recipients) != len(tt.recipients) {
				t.Fatalf("recipients = %+v, want %+v", got.Recipients, tt.recipients)
			}
			// Every group of this town has fewer than SuppressBelow people:
			// the tags are listed, every figure of theirs withheld.
			for i, w := range tt.recipients {
				g := got.Recipients[i]
				if g.OrganisationID != w.id || !near(g.Amount, w.amount) || g.Reaches != w.reaches || g.InNetwork != w.inNetwork ||
					len(g.Groups) != 0 || g.Suppressed != (len(w.groups) > 0) {
					t.Errorf("recipient %d = %+v, want %+v with its groups withheld", i, g, w)
				}
			}
			var names []string
			for _, g := range got.HiddenGroups {
				names = append(names, g.Group)
				if g.People != nil || g.Reached != nil || g.Share != nil || !g.Suppressed {
					t.Errorf("hidden group %+v, want every figure withheld", g)
				}
			}
			if !slices.EqualFunc(names, tt.groups, func(n string, g funding.GroupReach) bool { return n == g.Group }) {
				t.Errorf("hiddenGroups = %v, want %+v", names, tt.groups)
			}
		})
	}
}

func TestFundingReachErrors(t *testing.T) {
	t.Parallel()
	s := reachTown(t, false)
	tests := []struct {
		name, funder, place string
		code                string
	}{
		{"unknown funder", "nobody", "", store.ENOTFOUND},
		{"an organisation of another kind funds nothing", "A", "", ""},
		{"unknown place", "F", "nowhere", store.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.FundingReach(admin(context.Background()), tt.funder, tt.place, nil, "")
			if got := store.ErrorCode(err); got != tt.code {
				t.Errorf("FundingReach(%q, %q) error %v, code %q; want %q", tt.funder, tt.place, err, got, tt.code)
			}
		})
	}
}

// TestFundingReachNoMoney: a funder with no grant in scope has total and
// share 0 and no recipient, but its targets and groups are still listed.
func TestFundingReachNoMoney(t *testing.T) {
	t.Parallel()
	s := reachTown(t, false)
	got, err := s.FundingReach(admin(context.Background()), "F2", "north", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != 0 || got.Share != 0 || got.Grants != 0 || len(got.Recipients) != 0 || got.Targets != 2 || len(got.HiddenGroups) != 2 {
		t.Errorf("FundingReach(F2, north) = %+v, want no money, 2 targets in 2 groups", got)
	}
}
