package resolvers_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// TestUnmatchedAndHeadquarters reads the money grantTotals by PLACE counts
// as UNMATCHED location by location (unmatchedLocations), and the grants
// it counts as UNPLACED by their recipients' place (headquartersBasis),
// and checks that each adds up to its grantTotals group to the penny.
func TestUnmatchedAndHeadquarters(t *testing.T) {
	t.Parallel()
	on := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	st := servicetest.MustOpenStore(t)
	_, err := st.ImportGrants(admin(context.Background()), store.GrantBatch{
		Places: []store.Place{{ID: "town", Name: "Town"}, {ID: "north", Name: "North", ParentID: "town"}, {ID: "south", Name: "South", ParentID: "town"}},
		Organisations: []store.Organisation{
			{ID: "f1", Name: "Funder One", Kind: store.OrgVoluntary, PlaceID: "town"},
			{ID: "r1", Name: "Recipient One", Kind: store.OrgCommunityGroup, PlaceID: "north"},
			{ID: "r2", Name: "Recipient Two", Kind: store.OrgCommunityGroup, PlaceID: "south"},
		},
		Grants: []store.Grant{
			// £100.01 shared between North and an unmatched location:
			// 5001 pence and 5000 pence.
			{ID: "g1", Title: "Half placed", Amount: 10001, Currency: "GBP", AwardedOn: on, FunderID: "f1", RecipientID: "r1", PlaceIDs: []string{"north"}, Unmatched: []string{"Atlantis (X01)"}},
			{ID: "g2", Title: "Nowhere said", Amount: 25001, Currency: "GBP", AwardedOn: on, FunderID: "f1", RecipientID: "r2"},
			{ID: "g3", Title: "Nowhere either", Amount: 1000, Currency: "GBP", AwardedOn: on, FunderID: "f1", RecipientID: "r2"},
		},
	})
	if err != nil {
		t.Fatalf("ImportGrants: %v", err)
	}
	e := newEnvOver(t, st, resolvers.Options{})
	type group struct {
		Key, Label *string
		Basis      string
		Grants     int
		Amounts    []struct{ Currency, AmountMinor string }
	}
	var resp struct {
		UnmatchedLocations []struct {
			Location string
			Grants   int
			Amounts  []struct{ Currency, AmountMinor string }
		}
		HeadquartersBasis []group
		GrantTotals       []group
	}
	e.do(t, `{ unmatchedLocations(funderId: "f1") { location grants amounts { currency amountMinor } }
		headquartersBasis(funderId: "f1") { key label basis grants amounts { currency amountMinor } }
		grantTotals(groupBy: PLACE, funderId: "f1") { key label basis grants amounts { currency amountMinor } } }`, &resp)
	money := func(minor string) []struct{ Currency, AmountMinor string } {
		return []struct{ Currency, AmountMinor string }{{"GBP", minor}}
	}
	if u := resp.UnmatchedLocations; len(u) != 1 || u[0].Location != "Atlantis (X01)" || u[0].Grants != 1 || !reflect.DeepEqual(u[0].Amounts, money("5000")) {
		t.Errorf("unmatchedLocations = %+v, want Atlantis (X01) with 1 grant and 5000 pence", u)
	}
	h := resp.HeadquartersBasis
	if len(h) != 1 || h[0].Key == nil || *h[0].Key != "south" || h[0].Label == nil || *h[0].Label != "South" ||
		h[0].Basis != "RECIPIENT_PLACE" || h[0].Grants != 2 || !reflect.DeepEqual(h[0].Amounts, money("26001")) {
		t.Errorf("headquartersBasis = %+v, want South (RECIPIENT_PLACE) with 2 grants and 26001 pence", h)
	}
	byBasis := map[string][]struct{ Currency, AmountMinor string }{}
	for _, g := range resp.GrantTotals {
		byBasis[g.Basis] = g.Amounts
	}
	if !reflect.DeepEqual(byBasis["UNMATCHED"], money("5000")) || !reflect.DeepEqual(byBasis["UNPLACED"], money("26001")) || !reflect.DeepEqual(byBasis["PLACE"], money("5001")) {
		t.Errorf("grantTotals(PLACE) = %+v, want North 5001, UNMATCHED 5000 and UNPLACED 26001 pence", resp.GrantTotals)
	}
}
