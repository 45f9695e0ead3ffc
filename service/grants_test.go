package service_test

import (
	"context"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// moneySum adds up groups' amounts per currency.
func moneySum(groups []service.GrantGroup) map[string]int64 {
	out := map[string]int64{}
	for _, g := range groups {
		for _, m := range g.Amounts {
			out[m.Currency] += m.Minor
		}
	}
	return out
}

func TestGrantTotals(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	svc, st := newImportService(t)
	if _, err := svc.Import(ctx, demo.Network()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportGrants(ctx, demo.Grants()); err != nil {
		t.Fatal(err)
	}
	// Two more grants: one naming a place and an unmatched location (101
	// pence: 51 to the place, 50 unmatched), one naming no place.
	more := store.GrantBatch{Grants: []store.Grant{
		{ID: "x-1", Title: "Split", Amount: 101, Currency: "GBP", AwardedOn: day("2024-05-01"), FunderID: demo.AshgroveFoundation,
			RecipientID: "o-youth-club", PlaceIDs: []string{demo.Riverside}, Unmatched: []string{"Atlantis"}},
		{ID: "x-2", Title: "Nowhere", Amount: 700, Currency: "GBP", AwardedOn: day("2024-05-02"), FunderID: demo.AshgroveFoundation,
			RecipientID: "o-youth-club", Programme: "Core"},
	}}
	if _, err := st.ImportGrants(ctx, more); err != nil {
		t.Fatal(err)
	}
	list, err := svc.Grants(ctx, service.GrantQuery{}, store.Page{First: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, g := range list.Items {
		total += g.Amount
	}
	if list.TotalCount != 46 || total != 58769550+801 {
		t.Fatalf("Grants = %d grants, %d pence; want 46 and the demo's £587,695.50 plus 801p", list.TotalCount, total)
	}
	for _, by := range []service.GrantGroupBy{service.GroupNone, service.GroupFunder, service.GroupRecipient, service.GroupPlace, service.GroupYear, service.GroupProgramme} {
		groups, err := svc.GrantTotals(ctx, service.GrantQuery{}, by)
		if err != nil {
			t.Fatalf("GrantTotals(%s): %v", by, err)
		}
		if got := moneySum(groups); got["GBP"] != total || len(got) != 1 {
			t.Errorf("GrantTotals(%s) sums to %v, want GBP %d: the groups must add up to the listed grants", by, got, total)
		}
	}
	places, err := svc.GrantTotals(ctx, service.GrantQuery{FunderID: demo.AshgroveFoundation}, service.GroupPlace)
	if err != nil {
		t.Fatal(err)
	}
	byBasis := map[string]service.GrantGroup{}
	for _, g := range places {
		if g.Key == "" {
			byBasis[g.Basis] = g
		}
	}
	if u := byBasis["UNMATCHED"]; u.Grants != 1 || u.Amounts[0].Minor != 50 {
		t.Errorf("unmatched group = %+v, want 1 grant of 50p", u)
	}
	if u := byBasis["UNPLACED"]; u.Grants != 1 || u.Amounts[0].Minor != 700 {
		t.Errorf("unplaced group = %+v, want 1 grant of 700p", u)
	}
	funders, _ := svc.GrantTotals(ctx, service.GrantQuery{}, service.GroupFunder)
	if funders[0].Key != "o-northern-lights" || funders[0].Label != "Northern Lights Trust" || funders[0].Grants != 13 {
		t.Errorf("largest funder group = %+v, want the Northern Lights Trust's 13 grants", funders[0])
	}
	prog, _ := svc.GrantTotals(ctx, service.GrantQuery{Programme: "Core"}, service.GroupNone)
	if len(prog) != 1 || prog[0].Grants != 1 || prog[0].Amounts[0].Minor != 700 {
		t.Errorf("GrantTotals(programme Core) = %+v", prog)
	}

	// fundingConcentration counts every grant without a place, and says how
	// many named none and what the unmatched locations carry.
	c, err := svc.FundingConcentration(ctx, service.FundingFilter{FunderID: demo.AshgroveFoundation})
	if err != nil {
		t.Fatal(err)
	}
	ash, _ := svc.GrantTotals(ctx, service.GrantQuery{FunderID: demo.AshgroveFoundation}, service.GroupNone)
	if c.Total*100 != float64(ash[0].Amounts[0].Minor) || c.UnplacedGrants != 1 || c.Unplaced != 7 || c.Unmatched != 0.5 {
		t.Errorf("FundingConcentration(Ashgrove) = total %v, unplaced %d/%v, unmatched %v; want every grant (%d p), 1 unplaced £7, £0.50 unmatched",
			c.Total, c.UnplacedGrants, c.Unplaced, c.Unmatched, ash[0].Amounts[0].Minor)
	}
	rep, err := svc.Underserved(ctx, service.FundingFilter{FunderID: demo.AshgroveFoundation}, 20)
	if err != nil {
		t.Fatal(err)
	}
	if sum := rep.RankedAwarded + rep.UnrankedAwarded + rep.OutOfScope + rep.Unplaced + rep.Unmatched; !near(sum, rep.TotalAwarded) || rep.Unmatched != 0.5 {
		t.Errorf("Underserved(Ashgrove) totals %+v do not add up or miss the unmatched £0.50", rep)
	}
	// A funder's key scoped to Riverside: the groups still add up to the
	// grants it lists, and organisations outside Riverside are one
	// OUTSIDE group, named nowhere.
	rctx := auth.With(context.Background(), auth.Principal{KeyID: "fu", Role: auth.RoleFunder, Places: []string{demo.Riverside}})
	rlist, err := svc.Grants(rctx, service.GrantQuery{}, store.Page{First: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var rtotal int64
	for _, g := range rlist.Items {
		rtotal += g.Amount
	}
	for _, by := range []service.GrantGroupBy{service.GroupFunder, service.GroupRecipient, service.GroupPlace} {
		groups, err := svc.GrantTotals(rctx, service.GrantQuery{}, by)
		if err != nil {
			t.Fatalf("GrantTotals(%s) as a Riverside funder: %v", by, err)
		}
		if got := moneySum(groups); got["GBP"] != rtotal {
			t.Errorf("GrantTotals(%s) as a Riverside funder sums to %v, want the %d pence of its grants", by, got, rtotal)
		}
		outside := false
		for _, g := range groups {
			if g.Basis == "OUTSIDE" {
				outside = outside || g.Key == "" && g.Label == ""
				continue
			}
			if by != service.GroupPlace && g.Key != "" {
				if _, err := svc.Organisation(rctx, g.Key); err != nil {
					t.Errorf("GrantTotals(%s) as a Riverside funder names %s (%s), which a lookup does not find: %v", by, g.Key, g.Label, err)
				}
			}
		}
		if by == service.GroupFunder && !outside {
			t.Errorf("GrantTotals(FUNDER) as a Riverside funder = %+v, want the funders outside Riverside as one unnamed OUTSIDE group", groups)
		}
	}
	if _, err := svc.GrantTotals(ctx, service.GrantQuery{}, "COLOUR"); store.ErrorCode(err) != store.EINVALID || !strings.Contains(err.Error(), "COLOUR") {
		t.Errorf("GrantTotals(COLOUR) = %v, want EINVALID", err)
	}
}
