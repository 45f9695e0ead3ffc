package storetest

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

// grantGroups are the groups of the suite about store.GrantStore.
var grantGroups = []group{
	{"Upsert", testGrantUpsert},
	{"Refused", testGrantRefused},
	{"Conflicts", testGrantConflicts},
	{"Delete", testGrantDelete},
	{"DeleteActor", testGrantDeleteActor},
	{"Filters", testGrantFilters},
	{"Pagination", testGrantPagination},
	{"Import", testGrantImport},
	{"FundingRole", testGrantFundingRole},
}

// seedGrants stores seedBasic's network (places top > mid > low and other;
// funder o1 at top) with the funder f2 (other) and the recipients r1 (low)
// and r2 (other), and the non-funder c1 (mid).
func seedGrants(t *testing.T, s store.Store) {
	t.Helper()
	seedBasic(t, s)
	mustOrg(t, s, "f2", "other", store.OrgFunder)
	mustOrg(t, s, "r1", "low", store.OrgVoluntary)
	mustOrg(t, s, "r2", "other", store.OrgCommunityGroup)
	mustOrg(t, s, "c1", "mid", store.OrgCommunityGroup)
}

// grant returns a valid grant from funder to recipient for the places,
// awarded on the day, of amount pence.
func grant(id, funder, recipient string, on *time.Time, amount int64, places ...string) store.Grant {
	return store.Grant{ID: id, Title: "Grant " + id, Amount: amount, Currency: "GBP", AwardedOn: *on,
		FunderID: funder, RecipientID: recipient, PlaceIDs: places}
}

func mustGrant(t *testing.T, s store.Store, g store.Grant) store.Grant {
	t.Helper()
	out, err := s.UpsertGrant(t.Context(), g)
	noErr(t, err, "UpsertGrant("+g.ID+")")
	return out
}

// canonGrant makes equal grants deeply equal: the award instant without
// location, no places as nil.
func canonGrant(g store.Grant) store.Grant {
	g.AwardedOn = *canonTime(&g.AwardedOn)
	g.PlaceIDs = canonTags(g.PlaceIDs)
	if len(g.Unmatched) == 0 {
		g.Unmatched = nil
	}
	return g
}

func grantID(g store.Grant) string { return g.ID }

// grantState is everything a grant write may change.
type grantState struct {
	Everything store.Snapshot
	Grants     []store.Grant
}

// grantDump returns every grant, paged through, canonical, with the
// snapshot of everything.
func grantDump(t *testing.T, s store.Store) grantState {
	t.Helper()
	gs := all(t, "Grants(all)", 3, grantID, func(p store.Page) (store.Connection[store.Grant], error) {
		return s.Grants(t.Context(), store.GrantFilter{}, p)
	})
	return grantState{Everything: dump(t, s), Grants: mapSlice(gs, canonGrant)}
}

// grantsUnchanged fails unless the store holds exactly what it held before.
func grantsUnchanged(t *testing.T, s store.Store, before grantState, what string) {
	t.Helper()
	if after := grantDump(t, s); !reflect.DeepEqual(after, before) {
		t.Fatalf("%s wrote something: store holds %s, want %s", what, show(after), show(before))
	}
}

// listGrants returns the ids of the grants f selects, paged through two at
// a time.
func listGrants(t *testing.T, s store.Store, f store.GrantFilter) []string {
	t.Helper()
	gs := all(t, "Grants("+show(f)+")", 2, grantID, func(p store.Page) (store.Connection[store.Grant], error) {
		return s.Grants(t.Context(), f, p)
	})
	return ids(gs, grantID)
}

func testGrantUpsert(t *testing.T, open Opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		seedGrants(t, s)
		// 15:30 in UTC+5 on 15 March is still 15 March there; the award
		// date is the calendar day in the given location.
		awarded := time.Date(2024, 3, 15, 15, 30, 0, 0, time.FixedZone("UTC+5", 5*3600))
		in := store.Grant{ID: "g1", Title: "  Youth voice  ", Description: "Two years of youth forums.",
			Amount: 1234567, Currency: " gbp ", AwardedOn: awarded, FunderID: "o1", RecipientID: "r1",
			PlaceIDs: []string{"low", "mid", "low"}, Programme: " Communities Fund "}
		want := store.Grant{ID: "g1", Title: "  Youth voice  ", Description: "Two years of youth forums.",
			Amount: 1234567, Currency: "GBP", AwardedOn: *date(2024, 3, 15), FunderID: "o1", RecipientID: "r1",
			PlaceIDs: []string{"low", "mid"}, Programme: "Communities Fund"}
		got, err := s.UpsertGrant(t.Context(), in)
		noErr(t, err, "UpsertGrant(g1)")
		same(t, "UpsertGrant(g1)", canonGrant(got), want)
		read, err := s.Grant(t.Context(), "g1")
		noErr(t, err, "Grant(g1)")
		same(t, "Grant(g1)", canonGrant(read), want)
		k, err := s.Kind(t.Context(), "g1")
		noErr(t, err, "Kind(g1)")
		same(t, "Kind(g1)", k, store.KindGrant)
		// No places, zero amount and another currency are allowed.
		g2 := grant("g2", "f2", "r2", date(2023, 12, 31), 0)
		g2.Currency = "eur"
		got2 := mustGrant(t, s, g2)
		g2.Currency = "EUR"
		same(t, "UpsertGrant(g2)", canonGrant(got2), canonGrant(g2))
		read2, err := s.Grant(t.Context(), "g2")
		noErr(t, err, "Grant(g2)")
		same(t, "Grant(g2)", canonGrant(read2), canonGrant(g2))
		_, err = s.Grant(t.Context(), "nope")
		wantRefusal(t, err, store.ENOTFOUND, "Grant(nope)")
	})
	t.Run("Idempotent", func(t *testing.T) {
		s := open(t)
		seedGrants(t, s)
		g := grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid")
		mustGrant(t, s, g)
		before := grantDump(t, s)
		again := mustGrant(t, s, g)
		same(t, "second UpsertGrant(g1)", canonGrant(again), canonGrant(g))
		grantsUnchanged(t, s, before, "repeating UpsertGrant(g1)")
		same(t, "Grants after two upserts", listGrants(t, s, store.GrantFilter{}), []string{"g1"})
	})
	t.Run("Replace", func(t *testing.T) {
		s := open(t)
		seedGrants(t, s)
		mustGrant(t, s, grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "low"))
		repl := grant("g1", "f2", "r2", date(2025, 6, 7), 7500, "other")
		repl.Programme = "Second round"
		mustGrant(t, s, repl)
		got, err := s.Grant(t.Context(), "g1")
		noErr(t, err, "Grant(g1) after replace")
		same(t, "replaced grant", canonGrant(got), canonGrant(repl))
		// The indexes follow the replacement.
		same(t, "Grants(funder o1)", listGrants(t, s, store.GrantFilter{FunderID: "o1"}), []string(nil))
		same(t, "Grants(recipient r1)", listGrants(t, s, store.GrantFilter{RecipientID: "r1"}), []string(nil))
		same(t, "Grants(place top)", listGrants(t, s, store.GrantFilter{PlaceID: "top"}), []string(nil))
		same(t, "Grants(funder f2)", listGrants(t, s, store.GrantFilter{FunderID: "f2"}), []string{"g1"})
		same(t, "Grants(recipient r2)", listGrants(t, s, store.GrantFilter{RecipientID: "r2"}), []string{"g1"})
		same(t, "Grants(place other)", listGrants(t, s, store.GrantFilter{PlaceID: "other"}), []string{"g1"})
		// The former funder and recipient may now be deleted.
		noErr(t, s.DeleteActor(t.Context(), "r1"), "DeleteActor(r1) after the grant moved")
	})
}

func testGrantRefused(t *testing.T, open Opener) {
	valid := func() store.Grant { return grant("g9", "o1", "r1", date(2024, 5, 1), 100, "low") }
	cases := []struct {
		name   string
		change func(g *store.Grant)
		code   string
	}{
		{"missing funder", func(g *store.Grant) { g.FunderID = "nobody" }, store.ENOTFOUND},
		{"missing recipient", func(g *store.Grant) { g.RecipientID = "nobody" }, store.ENOTFOUND},
		{"recipient is a person", func(g *store.Grant) { g.RecipientID = "p1" }, store.ENOTFOUND},
		{"missing place", func(g *store.Grant) { g.PlaceIDs = []string{"low", "nowhere"} }, store.ENOTFOUND},
		{"place is a person", func(g *store.Grant) { g.PlaceIDs = []string{"p2"} }, store.ENOTFOUND},
		{"funder is a person", func(g *store.Grant) { g.FunderID = "p1" }, store.ENOTFOUND},
		{"unmatched location too long", func(g *store.Grant) { g.Unmatched = []string{strings.Repeat("x", store.MaxTagLen+1)} }, store.EINVALID},
		{"negative amount", func(g *store.Grant) { g.Amount = -1 }, store.EINVALID},
		{"currency too short", func(g *store.Grant) { g.Currency = "GB" }, store.EINVALID},
		{"currency with a digit", func(g *store.Grant) { g.Currency = "G8P" }, store.EINVALID},
		{"currency a word", func(g *store.Grant) { g.Currency = "pounds" }, store.EINVALID},
		{"no currency", func(g *store.Grant) { g.Currency = "" }, store.EINVALID},
		{"zero date", func(g *store.Grant) { g.AwardedOn = time.Time{} }, store.EINVALID},
		{"no title", func(g *store.Grant) { g.Title = " " }, store.EINVALID},
		{"no id", func(g *store.Grant) { g.ID = "" }, store.EINVALID},
		{"no funder", func(g *store.Grant) { g.FunderID = "" }, store.EINVALID},
		{"id of a person", func(g *store.Grant) { g.ID = "p1" }, store.ECONFLICT},
		{"id of a place", func(g *store.Grant) { g.ID = "top" }, store.ECONFLICT},
		{"id of the funder", func(g *store.Grant) { g.ID = "o1" }, store.ECONFLICT},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			seedGrants(t, s)
			mustGrant(t, s, grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid"))
			before := grantDump(t, s)
			g := valid()
			tc.change(&g)
			_, err := s.UpsertGrant(t.Context(), g)
			wantRefusal(t, err, tc.code, "UpsertGrant("+tc.name+")")
			grantsUnchanged(t, s, before, "refused UpsertGrant("+tc.name+")")
			if g.ID != "g9" {
				return // the change is the id; g1 itself would be a valid replacement
			}
			// Replacing an existing grant badly leaves it as it was.
			g.ID = "g1"
			_, err = s.UpsertGrant(t.Context(), g)
			wantRefusal(t, err, tc.code, "UpsertGrant(g1, "+tc.name+")")
			grantsUnchanged(t, s, before, "refused replacement of g1 ("+tc.name+")")
		})
	}
}

func testGrantConflicts(t *testing.T, open Opener) {
	s := open(t)
	seedGrants(t, s)
	mustGrant(t, s, grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid"))
	before := grantDump(t, s)
	ctx := t.Context()
	writes := []struct {
		name  string
		write func() error
	}{
		{"UpsertPerson(g1)", func() error {
			_, err := s.UpsertPerson(ctx, store.Person{ID: "g1", Name: "X", PlaceID: "top"})
			return err
		}},
		{"UpsertOrganisation(g1)", func() error {
			_, err := s.UpsertOrganisation(ctx, store.Organisation{ID: "g1", Name: "X", PlaceID: "top", Kind: store.OrgFunder})
			return err
		}},
		{"UpsertPlace(g1)", func() error {
			_, err := s.UpsertPlace(ctx, store.Place{ID: "g1", Name: "X"})
			return err
		}},
		{"UpsertForum(g1)", func() error {
			_, err := s.UpsertForum(ctx, store.Forum{ID: "g1", Name: "X", PlaceID: "top"})
			return err
		}},
		{"Import(person g1)", func() error {
			_, err := s.Import(ctx, store.Batch{People: []store.Person{{ID: "g1", Name: "X", PlaceID: "top"}}})
			return err
		}},
		{"ImportGrants(organisation g1)", func() error {
			_, err := s.ImportGrants(ctx, store.GrantBatch{Organisations: []store.Organisation{{ID: "g1", Name: "X", PlaceID: "top", Kind: store.OrgFunder}}})
			return err
		}},
	}
	for _, w := range writes {
		wantRefusal(t, w.write(), store.ECONFLICT, w.name)
		grantsUnchanged(t, s, before, w.name)
	}
	k, err := s.Kind(ctx, "g1")
	noErr(t, err, "Kind(g1)")
	same(t, "Kind(g1)", k, store.KindGrant)
	// A reference to a grant where a place or actor is expected is missing.
	_, err = s.UpsertPerson(ctx, store.Person{ID: "p9", Name: "X", PlaceID: "g1"})
	wantRefusal(t, err, store.ENOTFOUND, "UpsertPerson(p9 in place g1)")
	grantsUnchanged(t, s, before, "UpsertPerson(p9 in place g1)")
}

func testGrantDelete(t *testing.T, open Opener) {
	s := open(t)
	seedGrants(t, s)
	ctx := t.Context()
	mustGrant(t, s, grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid"))
	mustGrant(t, s, grant("g2", "o1", "r2", date(2024, 1, 3), 6000, "other"))
	wantRefusal(t, s.DeleteGrant(ctx, "nope"), store.ENOTFOUND, "DeleteGrant(nope)")
	wantRefusal(t, s.DeleteGrant(ctx, "p1"), store.ENOTFOUND, "DeleteGrant(p1), a person")
	if _, err := s.Person(ctx, "p1"); err != nil {
		t.Fatalf("DeleteGrant(p1) touched the person: %v", err)
	}
	noErr(t, s.DeleteGrant(ctx, "g1"), "DeleteGrant(g1)")
	_, err := s.Grant(ctx, "g1")
	wantRefusal(t, err, store.ENOTFOUND, "Grant(g1) after delete")
	_, err = s.Kind(ctx, "g1")
	wantRefusal(t, err, store.ENOTFOUND, "Kind(g1) after delete")
	wantRefusal(t, s.DeleteGrant(ctx, "g1"), store.ENOTFOUND, "second DeleteGrant(g1)")
	same(t, "Grants after delete", listGrants(t, s, store.GrantFilter{}), []string{"g2"})
	same(t, "Grants(place top) after delete", listGrants(t, s, store.GrantFilter{PlaceID: "top"}), []string(nil))
	same(t, "Grants(recipient r1) after delete", listGrants(t, s, store.GrantFilter{RecipientID: "r1"}), []string(nil))
	// The id is free again, for any kind.
	mustPerson(t, s, "g1", "top")
	// The recipient has no grant left and can go.
	noErr(t, s.DeleteActor(ctx, "r1"), "DeleteActor(r1) after its grant was deleted")
}

func testGrantDeleteActor(t *testing.T, open Opener) {
	s := open(t)
	seedGrants(t, s)
	ctx := t.Context()
	mustGrant(t, s, grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid"))
	mustRel(t, s, "rel1", "p1", "o1", nil, nil)
	mustRel(t, s, "rel2", "p2", "r1", nil, nil)
	before := grantDump(t, s)
	wantRefusal(t, s.DeleteActor(ctx, "o1"), store.ECONFLICT, "DeleteActor(o1), a funder")
	grantsUnchanged(t, s, before, "refused DeleteActor(o1)")
	wantRefusal(t, s.DeleteActor(ctx, "r1"), store.ECONFLICT, "DeleteActor(r1), a recipient")
	grantsUnchanged(t, s, before, "refused DeleteActor(r1)")
	// Organisations and people without grants are deleted as before.
	noErr(t, s.DeleteActor(ctx, "r2"), "DeleteActor(r2), no grants")
	noErr(t, s.DeleteActor(ctx, "p1"), "DeleteActor(p1), a person")
	noErr(t, s.DeleteGrant(ctx, "g1"), "DeleteGrant(g1)")
	noErr(t, s.DeleteActor(ctx, "o1"), "DeleteActor(o1) after its grant")
	noErr(t, s.DeleteActor(ctx, "r1"), "DeleteActor(r1) after its grant")
}

// seedGrantList stores grants across funders, recipients, places and dates.
func seedGrantList(t *testing.T, s store.Store) {
	t.Helper()
	seedGrants(t, s)
	withProgramme := func(g store.Grant, p string) store.Grant { g.Programme = p; return g }
	for _, g := range []store.Grant{
		withProgramme(grant("g1", "o1", "r1", date(2023, 1, 1), 100, "low"), "Small Grants"),
		grant("g2", "o1", "r2", date(2023, 6, 30), 200, "other"),
		grant("g3", "f2", "r1", date(2023, 7, 1), 300, "mid", "other"),
		grant("g4", "f2", "c1", date(2023, 12, 31), 400, "top"),
		grant("g5", "o1", "c1", date(2024, 1, 1), 500),
		withProgramme(grant("g6", "f2", "r2", date(2024, 2, 29), 600, "low", "top"), "Small Grants"),
		grant("g7", "o1", "r1", date(2022, 12, 31), 700, "mid"),
	} {
		mustGrant(t, s, g)
	}
}

func testGrantFilters(t *testing.T, open Opener) {
	s := open(t)
	seedGrantList(t, s)
	cases := []struct {
		name string
		f    store.GrantFilter
		want []string
	}{
		{"everything", store.GrantFilter{}, []string{"g1", "g2", "g3", "g4", "g5", "g6", "g7"}},
		{"funder o1", store.GrantFilter{FunderID: "o1"}, []string{"g1", "g2", "g5", "g7"}},
		{"funder f2", store.GrantFilter{FunderID: "f2"}, []string{"g3", "g4", "g6"}},
		{"recipient r1", store.GrantFilter{RecipientID: "r1"}, []string{"g1", "g3", "g7"}},
		{"recipient with no grants", store.GrantFilter{RecipientID: "p1"}, nil},
		{"funder and recipient", store.GrantFilter{FunderID: "o1", RecipientID: "r1"}, []string{"g1", "g7"}},
		{"place top with descendants", store.GrantFilter{PlaceID: "top"}, []string{"g1", "g3", "g4", "g6", "g7"}},
		{"place mid with descendants", store.GrantFilter{PlaceID: "mid"}, []string{"g1", "g3", "g6", "g7"}},
		{"place low", store.GrantFilter{PlaceID: "low"}, []string{"g1", "g6"}},
		{"place other", store.GrantFilter{PlaceID: "other"}, []string{"g2", "g3"}},
		{"missing place", store.GrantFilter{PlaceID: "nowhere"}, nil},
		{"window inclusive both ends", store.GrantFilter{From: date(2023, 6, 30), To: date(2023, 12, 31)}, []string{"g2", "g3", "g4"}},
		{"one day", store.GrantFilter{From: date(2024, 2, 29), To: date(2024, 2, 29)}, []string{"g6"}},
		{"from only", store.GrantFilter{From: date(2024, 1, 1)}, []string{"g5", "g6"}},
		{"to only", store.GrantFilter{To: date(2023, 1, 1)}, []string{"g1", "g7"}},
		{"empty window", store.GrantFilter{From: date(2024, 3, 1), To: date(2024, 12, 31)}, nil},
		{"place and window", store.GrantFilter{PlaceID: "mid", From: date(2023, 1, 1), To: date(2023, 12, 31)}, []string{"g1", "g3"}},
		{"funder, place and window", store.GrantFilter{FunderID: "f2", PlaceID: "top", To: date(2023, 12, 31)}, []string{"g3", "g4"}},
		{"recipient and place", store.GrantFilter{RecipientID: "r2", PlaceID: "low"}, []string{"g6"}},
		{"programme", store.GrantFilter{Programme: "Small Grants"}, []string{"g1", "g6"}},
		{"programme, other case", store.GrantFilter{Programme: "small grants"}, nil},
		{"programme and funder", store.GrantFilter{Programme: "Small Grants", FunderID: "f2"}, []string{"g6"}},
		{"programme, place and window", store.GrantFilter{Programme: "Small Grants", PlaceID: "low", From: date(2024, 1, 1)}, []string{"g6"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			same(t, "Grants("+show(tc.f)+")", listGrants(t, s, tc.f), tc.want)
		})
	}
}

func testGrantPagination(t *testing.T, open Opener) {
	s := open(t)
	seedGrantList(t, s)
	want := []string{"g1", "g2", "g3", "g4", "g5", "g6", "g7"}
	for _, first := range []int{1, 2, 3, 7, 50} {
		gs := all(t, "Grants(all)", first, grantID, func(p store.Page) (store.Connection[store.Grant], error) {
			return s.Grants(t.Context(), store.GrantFilter{}, p)
		})
		same(t, "Grants(all) by pages of "+show(first), ids(gs, grantID), want)
		top := all(t, "Grants(place top)", first, grantID, func(p store.Page) (store.Connection[store.Grant], error) {
			return s.Grants(t.Context(), store.GrantFilter{PlaceID: "top"}, p)
		})
		same(t, "Grants(place top) by pages of "+show(first), ids(top, grantID), []string{"g1", "g3", "g4", "g6", "g7"})
	}
	// A cursor stays valid when the item it names is deleted.
	c, err := s.Grants(t.Context(), store.GrantFilter{}, store.Page{First: 3})
	noErr(t, err, "Grants(first 3)")
	same(t, "Grants(first 3)", ids(c.Items, grantID), []string{"g1", "g2", "g3"})
	noErr(t, s.DeleteGrant(t.Context(), "g3"), "DeleteGrant(g3)")
	rest, err := s.Grants(t.Context(), store.GrantFilter{}, store.Page{First: 3, After: c.EndCursor})
	noErr(t, err, "Grants(after the deleted g3)")
	same(t, "Grants(after the deleted g3)", ids(rest.Items, grantID), []string{"g4", "g5", "g6"})
	if !rest.HasNextPage || rest.TotalCount != 6 {
		t.Fatalf("Grants(after the deleted g3): HasNextPage = %v, TotalCount = %d, want true, 6", rest.HasNextPage, rest.TotalCount)
	}
	_, err = s.Grants(t.Context(), store.GrantFilter{}, store.Page{First: 2, After: "%%%"})
	wantRefusal(t, err, store.EINVALID, "Grants(bad cursor)")
	_, err = s.Grants(t.Context(), store.GrantFilter{}, store.Page{First: -1})
	wantRefusal(t, err, store.EINVALID, "Grants(first -1)")
}

// goodGrantBatch creates places below the stored top, a funder and a
// recipient, and grants referring to them and to stored entities.
func goodGrantBatch() store.GrantBatch {
	return store.GrantBatch{
		Places: []store.Place{
			{ID: "w-ward", Name: "Ward", ParentID: "w-district"},
			{ID: "w-district", Name: "District", ParentID: "top"},
		},
		Organisations: []store.Organisation{
			{ID: "w-recipient", Name: "Tenants Association", PlaceID: "w-ward", Kind: store.OrgCommunityGroup},
			{ID: "w-funder", Name: "Community Foundation", PlaceID: "w-district", Kind: store.OrgFunder},
		},
		Grants: []store.Grant{
			grant("w-g1", "w-funder", "w-recipient", date(2024, 4, 1), 250000, "w-ward"),
			grant("w-g2", "o1", "w-recipient", date(2024, 4, 2), 100, "w-district", "low"),
			grant("w-g3", "w-funder", "r1", date(2024, 4, 3), 99, "w-ward", "w-ward"),
		},
	}
}

func testGrantImport(t *testing.T, open Opener) {
	t.Run("Writes", func(t *testing.T) {
		s := open(t)
		seedGrants(t, s)
		b := goodGrantBatch()
		counts, err := s.ImportGrants(t.Context(), b)
		noErr(t, err, "ImportGrants")
		same(t, "ImportGrants counts", counts, store.GrantCounts{Places: 2, Organisations: 2, Grants: 3})
		g3, err := s.Grant(t.Context(), "w-g3")
		noErr(t, err, "Grant(w-g3)")
		want := b.Grants[2]
		want.PlaceIDs = []string{"w-ward"}
		same(t, "imported grant", canonGrant(g3), canonGrant(want))
		o, err := s.Organisation(t.Context(), "w-funder")
		noErr(t, err, "Organisation(w-funder)")
		same(t, "imported organisation", o, b.Organisations[1])
		anc, err := s.Ancestors(t.Context(), "w-ward")
		noErr(t, err, "Ancestors(w-ward)")
		same(t, "Ancestors(w-ward)", anc, []string{"w-ward", "w-district", "top"})
		same(t, "Grants(place w-district)", listGrants(t, s, store.GrantFilter{PlaceID: "w-district"}), []string{"w-g1", "w-g2", "w-g3"})
		same(t, "Grants(place top)", listGrants(t, s, store.GrantFilter{PlaceID: "top"}), []string{"w-g1", "w-g2", "w-g3"})
		same(t, "Grants(funder w-funder)", listGrants(t, s, store.GrantFilter{FunderID: "w-funder"}), []string{"w-g1", "w-g3"})
		k, err := s.Kind(t.Context(), "w-g2")
		noErr(t, err, "Kind(w-g2)")
		same(t, "Kind(w-g2)", k, store.KindGrant)
		// Importing the same batch again changes nothing.
		before := grantDump(t, s)
		counts, err = s.ImportGrants(t.Context(), b)
		noErr(t, err, "second ImportGrants")
		same(t, "second ImportGrants counts", counts, store.GrantCounts{Places: 2, Organisations: 2, Grants: 3})
		grantsUnchanged(t, s, before, "second ImportGrants")
		wantRefusal(t, s.DeleteActor(t.Context(), "w-funder"), store.ECONFLICT, "DeleteActor(w-funder)")
	})
	t.Run("GrantsOnly", func(t *testing.T) {
		s := open(t)
		seedGrants(t, s)
		counts, err := s.ImportGrants(t.Context(), store.GrantBatch{Grants: []store.Grant{grant("g1", "o1", "r2", date(2020, 2, 2), 1, "other")}})
		noErr(t, err, "ImportGrants(grants only)")
		same(t, "ImportGrants(grants only) counts", counts, store.GrantCounts{Grants: 1})
	})
	refused := []struct {
		name   string
		change func(b *store.GrantBatch)
		code   string // the refusal's code (its problems and message are in testdata/refusals.txt)
		ids    []string
	}{
		{"one negative amount", func(b *store.GrantBatch) { b.Grants[1].Amount = -5 }, store.EINVALID, []string{"w-g2"}},
		{"one bad currency", func(b *store.GrantBatch) { b.Grants[0].Currency = "XX" }, store.EINVALID, []string{"w-g1"}},
		{"one missing recipient", func(b *store.GrantBatch) { b.Grants[2].RecipientID = "ghost" }, store.ENOTFOUND, []string{"w-g3"}},
		{"one missing place", func(b *store.GrantBatch) { b.Grants[0].PlaceIDs = []string{"nowhere"} }, store.ENOTFOUND, []string{"w-g1"}},
		{"funder is a person", func(b *store.GrantBatch) { b.Grants[1].FunderID = "p1" }, store.ENOTFOUND, []string{"w-g2"}},
		{"grant id of a person", func(b *store.GrantBatch) { b.Grants[1].ID = "p1" }, store.ECONFLICT, []string{"p1"}},
		{"grant id repeated", func(b *store.GrantBatch) { b.Grants[2].ID = "w-g1" }, store.EINVALID, []string{"w-g1"}},
		{"grant id of a place in the batch", func(b *store.GrantBatch) { b.Grants[2].ID = "w-ward" }, store.EINVALID, []string{"w-ward"}},
		{"invalid place", func(b *store.GrantBatch) { b.Places[0].Name = "" }, store.EINVALID, []string{"w-ward"}},
		{"several problems", func(b *store.GrantBatch) {
			b.Grants[0].Amount = -1
			b.Grants[1].RecipientID = "ghost"
			b.Grants[2].AwardedOn = time.Time{}
		}, store.EINVALID, []string{"w-g1", "w-g2", "w-g3"}},
	}
	for _, tc := range refused {
		t.Run("Refused/"+tc.name, func(t *testing.T) {
			s := open(t)
			seedGrants(t, s)
			mustGrant(t, s, grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid"))
			before := grantDump(t, s)
			b := goodGrantBatch()
			tc.change(&b)
			counts, err := s.ImportGrants(t.Context(), b)
			if err == nil {
				t.Fatalf("ImportGrants(%s) = %v, want an error", tc.name, counts)
			}
			wantRefusal(t, err, tc.code, "ImportGrants("+tc.name+")")
			same(t, "ImportGrants("+tc.name+") counts", counts, store.GrantCounts{})
			details := store.ErrorDetails(err)
			for _, id := range tc.ids {
				if !mentions(details, id) {
					t.Errorf("ImportGrants(%s): details %q do not name %q", tc.name, details, id)
				}
			}
			grantsUnchanged(t, s, before, "refused ImportGrants("+tc.name+")")
		})
	}
}
