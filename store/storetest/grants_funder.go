package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// testGrantFundingRole checks that funding is a role a grant gives, not a
// kind: an organisation of any kind may fund, receive or both, in
// UpsertGrant and ImportGrants; an organisation keeps whatever kind it is
// given while it funds; only a real conflict is refused (a person or
// nothing as funder or recipient). It also round-trips a grant's unmatched
// locations.
func testGrantFundingRole(t *testing.T, open Opener) {
	t.Run("AnyKindFundsAndReceives", func(t *testing.T) {
		s := open(t)
		seedGrants(t, s)
		// c1 is a community group: it funds r1 and receives from o1.
		mustGrant(t, s, grant("g1", "c1", "r1", date(2024, 1, 2), 5000, "mid"))
		mustGrant(t, s, grant("g2", "o1", "c1", date(2024, 1, 3), 6000))
		b := store.GrantBatch{
			Organisations: []store.Organisation{{ID: "vol", Name: "Voluntary Funder", PlaceID: "top", Kind: store.OrgVoluntary}},
			Grants: []store.Grant{grant("g3", "vol", "c1", date(2024, 2, 1), 700, "low"), grant("g4", "c1", "vol", date(2024, 2, 2), 800),
				grant("g5", "r2", "r2", date(2024, 2, 3), 900)},
		}
		n, err := s.ImportGrants(t.Context(), b)
		noErr(t, err, "ImportGrants(voluntary funder, a group funding itself)")
		same(t, "ImportGrants counts", n, store.GrantCounts{Organisations: 1, Grants: 3})
		// Kinds change freely while the organisation funds.
		for _, kind := range []store.OrgKind{store.OrgPublicBody, store.OrgFunder, store.OrgVoluntary} {
			o := store.Organisation{ID: "c1", Name: "Renamed", PlaceID: "low", Kind: kind}
			_, err := s.UpsertOrganisation(t.Context(), o)
			noErr(t, err, "UpsertOrganisation(c1 as "+string(kind)+")")
			_, err = s.Import(t.Context(), store.Batch{Organisations: []store.Organisation{o}})
			noErr(t, err, "Import(c1 as "+string(kind)+")")
			_, err = s.ImportGrants(t.Context(), store.GrantBatch{Organisations: []store.Organisation{o}})
			noErr(t, err, "ImportGrants(c1 as "+string(kind)+")")
			got, err := s.Organisation(t.Context(), "c1")
			noErr(t, err, "Organisation(c1)")
			same(t, "Organisation(c1)", got, o)
		}
		conn, err := s.Grants(t.Context(), store.GrantFilter{FunderID: "c1"}, store.Page{})
		noErr(t, err, "Grants(funder c1)")
		same(t, "grants funded by c1", ids(conn.Items, grantID), []string{"g1", "g4"})
	})

	// Two publishers' batches, each naming the other's organisation (the
	// foundation receives in one and funds in the other), give the same
	// store in either order.
	t.Run("TwoPublishersAnyOrder", func(t *testing.T) {
		a := store.GrantBatch{
			Organisations: []store.Organisation{{ID: "cf", Name: "Community Foundation", PlaceID: "top", Kind: store.OrgVoluntary},
				{ID: "nat", Name: "National Trust Fund", PlaceID: "top", Kind: store.OrgVoluntary}},
			Grants: []store.Grant{grant("a1", "nat", "cf", date(2023, 1, 1), 100000, "mid")},
		}
		b := store.GrantBatch{
			Organisations: []store.Organisation{{ID: "cf", Name: "Community Foundation", PlaceID: "top", Kind: store.OrgVoluntary},
				{ID: "grp", Name: "Youth Group", PlaceID: "low", Kind: store.OrgCommunityGroup}},
			Grants: []store.Grant{grant("b1", "cf", "grp", date(2023, 2, 1), 2500, "low"), grant("b2", "cf", "grp", date(2023, 3, 1), 1500)},
		}
		var states []grantState
		for _, order := range [][]store.GrantBatch{{a, b}, {b, a}} {
			s := open(t)
			seedBasic(t, s)
			for _, batch := range order {
				_, err := s.ImportGrants(t.Context(), batch)
				noErr(t, err, "ImportGrants")
			}
			states = append(states, grantDump(t, s))
		}
		same(t, "store after b then a", states[1], states[0])
	})

	t.Run("UnmatchedLocations", func(t *testing.T) {
		s := open(t)
		seedGrants(t, s)
		g := grant("g1", "o1", "r1", date(2024, 1, 2), 5000, "mid")
		g.Unmatched = []string{" UK Wide ", "Atlantis (X01)", "UK Wide", ""}
		got := mustGrant(t, s, g)
		want := []string{"Atlantis (X01)", "UK Wide"}
		same(t, "UpsertGrant unmatched", got.Unmatched, want)
		read, err := s.Grant(t.Context(), "g1")
		noErr(t, err, "Grant(g1)")
		same(t, "Grant(g1) unmatched", read.Unmatched, want)
		g2 := grant("g2", "o1", "r1", date(2024, 1, 2), 5000)
		g2.Unmatched = []string{"Nowhere"}
		_, err = s.ImportGrants(t.Context(), store.GrantBatch{Grants: []store.Grant{g2}})
		noErr(t, err, "ImportGrants(unmatched)")
		read, err = s.Grant(t.Context(), "g2")
		noErr(t, err, "Grant(g2)")
		same(t, "Grant(g2) unmatched", read.Unmatched, []string{"Nowhere"})
		read, err = s.Grant(t.Context(), "g1")
		noErr(t, err, "Grant(g1)")
		g.Unmatched = nil
		_, err = s.UpsertGrant(t.Context(), g)
		noErr(t, err, "UpsertGrant(no unmatched)")
		read, err = s.Grant(t.Context(), "g1")
		noErr(t, err, "Grant(g1)")
		if read.Unmatched != nil {
			t.Fatalf("Grant(g1) unmatched after replace = %q, want nil", read.Unmatched)
		}
	})
}
