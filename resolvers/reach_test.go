package resolvers_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// fundingReachResp is what the fundingReach tests read.
type fundingReachResp struct{ FundingReach fundingReach }

// fundingReach is one fundingReach answer.
type fundingReach struct {
	Currency       string
	Basis          string
	Grants         int
	Total          float64
	ReachingAmount float64
	Share          float64
	Targets        int
	Reached        int
	Recipients     []struct {
		Organisation actorRef
		Amount       float64
		Grants       int
		Reaches      int
		InNetwork    bool
		Groups       []string
		Suppressed   bool
	}
	HiddenGroups []groupReach
}

// groupReach is one row of hiddenGroups; a withheld figure is nil.
type groupReach struct {
	Group      string
	People     *int
	Reached    *int
	Share      *float64
	Suppressed bool
}

const fundingReachQuery = `query($f: ID!, $p: ID, $d: Date) {
	fundingReach(funderId: $f, placeId: $p, asOf: $d) {
		currency basis grants total reachingAmount share targets reached
		recipients { organisation { id } amount grants reaches inNetwork groups suppressed }
		hiddenGroups { group people reached share suppressed }
	}
}`

func grantOf(id, funder, recipient string, pounds int64, on time.Time, places ...string) store.Grant {
	return store.Grant{ID: id, Title: "Grant " + id, Amount: pounds * 100, Currency: "GBP", AwardedOn: on,
		FunderID: funder, RecipientID: recipient, PlaceIDs: places}
}

// TestFundingReachQuery serves a hand-built network: north holds A, p1
// (parent), p2 (young person); south holds B, p3 (carer); ties A–p1,
// p1–p2, B–p3 and p3–p4 (p4, south, older person). Funder F gives A £600
// (north) and B £200 (south) and a later £1000 to B. As of 2024-12-31 in
// town: nobody holds a seat, so the unheard voices are p1..p4; A reaches p1
// and p2, B reaches p3 and p4; every pound reaches: share 1. In north only:
// B is outside the snapshot (inNetwork false), only A's £600 counts (B's
// grant is for south): share 1 with one recipient.
func TestFundingReachQuery(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	st := servicetest.MustOpenStore(t)
	person := func(id, place string, groups ...string) store.Person {
		return store.Person{ID: id, Name: id, PlaceID: place, Capacity: store.CapacityCommunity, Groups: groups}
	}
	tie := func(id, from, to string) store.Relationship {
		return store.Relationship{ID: id, FromID: from, ToID: to, Kind: store.RelKnows, Weight: 1}
	}
	_, err := st.Import(ctx, store.Batch{
		Places: []store.Place{{ID: "town", Name: "Town"}, {ID: "north", Name: "North", ParentID: "town"}, {ID: "south", Name: "South", ParentID: "town"}},
		People: []store.Person{person("p1", "north", "parent"), person("p2", "north", "young person"), person("p3", "south", "carer"), person("p4", "south", "older person")},
		Organisations: []store.Organisation{
			{ID: "F", Name: "F", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "A", Name: "A", Kind: store.OrgCommunityGroup, PlaceID: "north"},
			{ID: "B", Name: "B", Kind: store.OrgVoluntary, PlaceID: "south"},
		},
		Relationships: []store.Relationship{tie("r1", "A", "p1"), tie("r2", "p1", "p2"), tie("r3", "B", "p3"), tie("r4", "p3", "p4")},
	})
	if err != nil {
		t.Fatal(err)
	}
	on := func(s string) time.Time { return *dayOf(t, s) }
	if _, err := st.ImportGrants(ctx, store.GrantBatch{Grants: []store.Grant{
		grantOf("g1", "F", "A", 600, on("2024-03-01"), "north"),
		grantOf("g2", "F", "B", 200, on("2024-04-01"), "south"),
		grantOf("g3", "F", "B", 1000, on("2025-04-01"), "south"),
	}}); err != nil {
		t.Fatal(err)
	}
	e := newEnvOver(t, st, resolvers.Options{})

	var town fundingReachResp
	e.do(t, fundingReachQuery, &town, client.Var("f", "F"), client.Var("p", "town"), client.Var("d", "2024-12-31"))
	r := town.FundingReach
	if r.Currency != "GBP" || r.Basis != "UNHEARD_VOICES" || r.Grants != 2 || r.Total != 800 || r.ReachingAmount != 800 || r.Share != 1 ||
		r.Targets != 4 || r.Reached != 4 || len(r.Recipients) != 2 || len(r.HiddenGroups) != 4 {
		t.Fatalf("fundingReach(town) = %+v", r)
	}
	// A reaches one parent and one young person: groups of one person each,
	// withheld (small-number suppression), as is every group figure here.
	if a, b := r.Recipients[0], r.Recipients[1]; a.Organisation.ID != "A" || a.Amount != 600 || a.Reaches != 2 || !a.InNetwork ||
		len(a.Groups) != 0 || !a.Suppressed || b.Organisation.ID != "B" || b.Reaches != 2 {
		t.Errorf("fundingReach(town) recipients = %+v", r.Recipients)
	}
	for _, g := range r.HiddenGroups {
		if g.People != nil || g.Reached != nil || g.Share != nil || !g.Suppressed {
			t.Errorf("fundingReach(town) hidden group %+v: a group of one person, want every figure withheld", g)
		}
	}

	var north fundingReachResp
	e.do(t, fundingReachQuery, &north, client.Var("f", "F"), client.Var("p", "north"), client.Var("d", "2024-12-31"))
	r = north.FundingReach
	if r.Grants != 1 || r.Total != 600 || r.Share != 1 || r.Targets != 2 || len(r.Recipients) != 1 || r.Recipients[0].Organisation.ID != "A" {
		t.Errorf("fundingReach(north) = %+v", r)
	}

	for _, tt := range []struct{ name, query, code string }{
		{"unknown funder", `{ fundingReach(funderId: "nobody") { share } }`, "NOT_FOUND"},
		{"a person is no funder", `{ fundingReach(funderId: "p-none") { share } }`, "NOT_FOUND"},
		{"unknown place", `{ fundingReach(funderId: "F", placeId: "nowhere") { share } }`, "NOT_FOUND"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := code(e.fail(t, tt.query)); got != tt.code {
				t.Errorf("%s: code %q, want %q", tt.query, got, tt.code)
			}
		})
	}
}

// TestFundingReachDemo runs fundingReach on the Millbrook demo with grants
// of its own (so that it does not depend on the demo's), and checks each
// recipient's reach against a breadth-first search of the store's snapshot
// to the people unheardVoices lists as unheard.
func TestFundingReachDemo(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	ctx := admin(context.Background())
	asOf := dayOf(t, demoAsOf)
	if _, err := e.store.ImportGrants(ctx, store.GrantBatch{
		Organisations: []store.Organisation{{ID: "test-funder", Name: "Test Funder", Kind: store.OrgFunder, PlaceID: demo.Town}},
		Grants: []store.Grant{
			grantOf("tg1", "test-funder", "o-youth-club", 5000, *asOf, demo.Riverside),
			grantOf("tg2", "test-funder", "o-council", 20000, *asOf, demo.Town),
			grantOf("tg3", "test-funder", "o-food-bank", 3000, *asOf, demo.Northgate),
		},
	}); err != nil {
		t.Fatal(err)
	}
	var resp struct {
		FundingReach  fundingReach
		UnheardVoices []struct {
			Person  actorRef
			Unheard bool
		}
	}
	e.do(t, `query($f: ID!, $p: ID, $d: Date) {
		fundingReach(funderId: $f, placeId: $p, asOf: $d) {
			currency basis grants total reachingAmount share targets reached
			recipients { organisation { id } amount grants reaches inNetwork groups suppressed }
			hiddenGroups { group people reached share suppressed }
		}
		unheardVoices(placeId: $p, asOf: $d, first: 500) { person { id } unheard }
	}`, &resp, client.Var("f", "test-funder"), client.Var("p", demo.Town), client.Var("d", demoAsOf))
	targets := map[string]bool{}
	for _, v := range resp.UnheardVoices {
		if v.Unheard {
			targets[v.Person.ID] = true
		}
	}
	r := resp.FundingReach
	if len(targets) == 0 || r.Basis != "UNHEARD_VOICES" || r.Targets != len(targets) || r.Grants != 3 || r.Total != 28000 {
		t.Fatalf("fundingReach(demo) = basis %s, %d targets, %d grants, total %v; want UNHEARD_VOICES, %d, 3, 28000",
			r.Basis, r.Targets, r.Grants, r.Total, len(targets))
	}
	snap, err := e.store.Snapshot(ctx, store.Scope{PlaceID: demo.Town, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	adj := map[string][]string{}
	for _, rel := range snap.Relationships {
		adj[rel.FromID] = append(adj[rel.FromID], rel.ToID)
		adj[rel.ToID] = append(adj[rel.ToID], rel.FromID)
	}
	reachedAll := map[string]bool{}
	var reaching float64
	for _, rec := range r.Recipients {
		ball := map[string]bool{}
		for _, n1 := range adj[rec.Organisation.ID] {
			ball[n1] = true
			for _, n2 := range adj[n1] {
				ball[n2] = true
			}
		}
		want := 0
		for id := range ball {
			if targets[id] {
				want++
				reachedAll[id] = true
			}
		}
		if rec.Reaches != want || !rec.InNetwork {
			t.Errorf("%s reaches %d, want %d (by search of the snapshot)", rec.Organisation.ID, rec.Reaches, want)
		}
		if want > 0 {
			reaching += rec.Amount
		}
	}
	if r.Reached != len(reachedAll) || math.Abs(r.ReachingAmount-reaching) > 1e-9 || math.Abs(r.Share-reaching/r.Total) > 1e-12 {
		t.Errorf("fundingReach(demo) reached %d, reaching %v, share %v; want %d, %v, %v", r.Reached, r.ReachingAmount, r.Share,
			len(reachedAll), reaching, reaching/r.Total)
	}
	if len(r.HiddenGroups) == 0 || !slices.IsSortedFunc(r.HiddenGroups, func(a, b groupReach) int {
		return strings.Compare(a.Group, b.Group)
	}) {
		t.Errorf("hiddenGroups = %+v, want some, sorted by group", r.HiddenGroups)
	}
	t.Logf("demo: %d unheard targets, %d reached, share %.3f of £%.0f; groups %+v", r.Targets, r.Reached, r.Share, r.Total, r.HiddenGroups)
}
