package service_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"testing"

	"github.com/voicemap/voicemap/analysis/funding"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// fundingTown is a hand-built place tree with grants:
//
//	town ─┬─ north     (leaf, 1000 residents, IMD decile 1)
//	      └─ south ─┬─ south-a (leaf, 2000 residents, decile 10)
//	                └─ south-b (leaf, no population)
//	elsewhere        (top-level leaf, 500 residents, no need index)
//
// Funders f1 and f2 and recipients r1 and r2; amounts in pence:
//
//	g1 f1→r1 £300  north            2024-01-10
//	g2 f1→r2 £600  south (2 leaves) 2024-02-01
//	g3 f2→r1 £1000 town (3 leaves)  2024-03-01
//	g4 f1→r2 £200  north, elsewhere 2024-04-01
//	g5 f1→r1 €500  north            2024-01-15
//	g6 f1→r1 £100  south-a          2025-01-01
func fundingTown(t *testing.T) *service.Service {
	t.Helper()
	pop := func(n int) *int { return &n }
	need := func(v float64) *float64 { return &v }
	st := servicetest.MustOpenStore(t)
	grant := func(id, funder, recipient string, pounds int64, cur, on string, places ...string) store.Grant {
		return store.Grant{ID: id, Title: "Grant " + id, Amount: pounds * 100, Currency: cur, AwardedOn: day(on),
			FunderID: funder, RecipientID: recipient, PlaceIDs: places}
	}
	_, err := st.ImportGrants(admin(context.Background()), store.GrantBatch{
		Places: []store.Place{
			{ID: "town", Name: "Town", Population: pop(99_999)},
			{ID: "north", Name: "North", ParentID: "town", Population: pop(1000), NeedIndex: need(1), NeedScale: "IMD2019_DECILE"},
			{ID: "south", Name: "South", ParentID: "town", Population: pop(50_000), NeedIndex: need(5), NeedScale: "IMD2019_DECILE"},
			{ID: "south-a", Name: "South A", ParentID: "south", Population: pop(2000), NeedIndex: need(10), NeedScale: "IMD2019_DECILE"},
			{ID: "south-b", Name: "South B", ParentID: "south"},
			{ID: "elsewhere", Name: "Elsewhere", Population: pop(500)},
		},
		Organisations: []store.Organisation{
			{ID: "f1", Name: "Funder One", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "f2", Name: "Funder Two", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "r1", Name: "Recipient One", Kind: store.OrgCommunityGroup, PlaceID: "north"},
			{ID: "r2", Name: "Recipient Two", Kind: store.OrgCommunityGroup, PlaceID: "south-a"},
		},
		Grants: []store.Grant{
			grant("g1", "f1", "r1", 300, "GBP", "2024-01-10", "north"),
			grant("g2", "f1", "r2", 600, "GBP", "2024-02-01", "south"),
			grant("g3", "f2", "r1", 1000, "GBP", "2024-03-01", "town"),
			grant("g4", "f1", "r2", 200, "GBP", "2024-04-01", "north", "elsewhere"),
			grant("g5", "f1", "r1", 500, "EUR", "2024-01-15", "north"),
			grant("g6", "f1", "r1", 100, "GBP", "2025-01-01", "south-a"),
		},
	})
	if err != nil {
		t.Fatalf("ImportGrants: %v", err)
	}
	return service.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// fundingTownInput is fundingTown as package funding takes it, expanded by
// hand: every grant's places replaced by their leaves, amounts in pounds.
func fundingTownInput(scope ...string) ([]funding.Place, []funding.Grant) {
	pop := func(n int) *int { return &n }
	need := func(v float64) *float64 { return &v }
	all := map[string]funding.Place{
		"north":     {ID: "north", Population: pop(1000), NeedIndex: need(1), NeedScale: "IMD2019_DECILE"},
		"south-a":   {ID: "south-a", Population: pop(2000), NeedIndex: need(10), NeedScale: "IMD2019_DECILE"},
		"south-b":   {ID: "south-b"},
		"elsewhere": {ID: "elsewhere", Population: pop(500)},
	}
	var places []funding.Place
	for _, id := range scope {
		places = append(places, all[id])
	}
	g := func(id, funder, recipient string, amount float64, cur, on string, leaves ...string) funding.Grant {
		return funding.Grant{ID: id, Amount: amount, Currency: cur, AwardedOn: day(on), FunderID: funder, RecipientID: recipient, Places: leaves}
	}
	return places, []funding.Grant{
		g("g1", "f1", "r1", 300, "GBP", "2024-01-10", "north"),
		g("g2", "f1", "r2", 600, "GBP", "2024-02-01", "south-a", "south-b"),
		g("g3", "f2", "r1", 1000, "GBP", "2024-03-01", "north", "south-a", "south-b"),
		g("g4", "f1", "r2", 200, "GBP", "2024-04-01", "elsewhere", "north"),
		g("g5", "f1", "r1", 500, "EUR", "2024-01-15", "north"),
		g("g6", "f1", "r1", 100, "GBP", "2025-01-01", "south-a"),
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func nearPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return near(*a, *b)
}

// samePlaceFunding compares a service row with the analysis row it adapts.
func samePlaceFunding(t *testing.T, name string, got service.PlaceFunding, want funding.PlaceFunding) {
	t.Helper()
	if got.Place.ID != want.PlaceID || got.Grants != want.Grants || got.Rank != want.Rank || got.NeedKnown != want.NeedKnown ||
		!near(got.Awarded, want.Awarded) || !near(got.NeedWeight, want.NeedWeight) || !nearPtr(got.PerHead, want.PerHead) ||
		!nearPtr(got.FairShare, want.FairShare) || !nearPtr(got.Gap, want.Gap) || !nearPtr(got.GapPerHead, want.GapPerHead) {
		t.Errorf("%s: row %+v, want %+v", name, got, want)
	}
}

// TestUnderserved checks the adapter against funding.Underserved on the same
// grants expanded by hand, and one case worked by hand: f1 in town in 2024
// counts g1 (£300 north), g2 (£600 split between south-a and south-b) and
// g4 (£200, half to north, half out of scope): north £400, south-a £300,
// south-b £300 unranked. Need weights 10/5.5 and 1/5.5, so north's fair
// share of the £700 ranked is 700 × 10000/12000 = £583.33, a gap of
// £183.33 (£0.18333 a head): rank 1.
func TestUnderserved(t *testing.T) {
	t.Parallel()
	svc := fundingTown(t)
	ctx := admin(context.Background())
	tests := []struct {
		name   string
		filter service.FundingFilter
		scope  []string
		opts   funding.Options
	}{
		{name: "all funders, all leaves", scope: []string{"elsewhere", "north", "south-a", "south-b"}},
		{
			name:   "f1 in town in 2024",
			filter: service.FundingFilter{FunderID: "f1", PlaceID: "town", From: dayPtr("2024-01-01"), To: dayPtr("2024-12-31")},
			scope:  []string{"north", "south-a", "south-b"},
			opts:   funding.Options{FunderID: "f1", From: day("2024-01-01"), To: day("2024-12-31")},
		},
		{
			name:   "inner scope reached by a grant to its ancestor",
			filter: service.FundingFilter{PlaceID: "south"},
			scope:  []string{"south-a", "south-b"},
		},
		{
			name:   "euros",
			filter: service.FundingFilter{Currency: "eur"},
			scope:  []string{"elsewhere", "north", "south-a", "south-b"},
			opts:   funding.Options{Currency: "EUR"},
		},
		{
			name:   "one day window, inclusive",
			filter: service.FundingFilter{From: dayPtr("2024-02-01"), To: dayPtr("2024-02-01")},
			scope:  []string{"elsewhere", "north", "south-a", "south-b"},
			opts:   funding.Options{From: day("2024-02-01"), To: day("2024-02-01")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := svc.Underserved(ctx, tt.filter, service.MaxUnderservedFirst)
			if err != nil {
				t.Fatalf("Underserved: %v", err)
			}
			want, err := funding.Underserved(scopePlaces(tt.scope), grantsOnly(), tt.opts)
			if err != nil {
				t.Fatalf("funding.Underserved: %v", err)
			}
			if len(got.Places) != len(want.Places) || len(got.Unranked) != len(want.Unranked) {
				t.Fatalf("got %d ranked, %d unranked; want %d, %d", len(got.Places), len(got.Unranked), len(want.Places), len(want.Unranked))
			}
			for i := range want.Places {
				samePlaceFunding(t, "ranked", got.Places[i], want.Places[i])
			}
			for i := range want.Unranked {
				samePlaceFunding(t, "unranked", got.Unranked[i], want.Unranked[i])
			}
			w := want.Totals
			if got.Currency != w.Currency || got.Grants != w.Grants || got.Population != w.Population ||
				!near(got.TotalAwarded, w.Awarded) || !near(got.RankedAwarded, w.Ranked) || !near(got.UnrankedAwarded, w.Unranked) ||
				!near(got.OutOfScope, w.OutOfScope) || !near(got.Unplaced, w.Unplaced) || len(got.OtherCurrencies) != len(want.OtherCurrencies) {
				t.Errorf("totals %+v, want %+v other %v", got, w, want.OtherCurrencies)
			}
			for i, c := range want.OtherCurrencies {
				if g := got.OtherCurrencies[i]; g.Currency != c.Currency || g.Grants != c.Grants || !near(g.Amount, c.Amount) {
					t.Errorf("other currency %+v, want %+v", g, c)
				}
			}
		})
	}

	// The case worked by hand.
	got, err := svc.Underserved(ctx, tests[1].filter, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Places) != 2 || got.Places[0].Place.ID != "north" || got.Places[0].Rank != 1 || !near(got.Places[0].Awarded, 400) ||
		!near(*got.Places[0].FairShare, 700*10000.0/12000) || !near(*got.Places[0].GapPerHead, (700*10000.0/12000-400)/1000) ||
		got.Places[1].Place.ID != "south-a" || !near(got.Places[1].Awarded, 300) {
		t.Errorf("f1 in town ranked %+v, want north (£400, fair £583.33) then south-a (£300)", got.Places)
	}
	if len(got.Unranked) != 1 || got.Unranked[0].Place.ID != "south-b" || !near(got.Unranked[0].Awarded, 300) ||
		!near(got.TotalAwarded, 1100) || !near(got.OutOfScope, 100) ||
		len(got.OtherCurrencies) != 1 || got.OtherCurrencies[0].Currency != "EUR" || !near(got.OtherCurrencies[0].Amount, 500) {
		t.Errorf("f1 in town report %+v, want south-b £300 unranked, £1100 total, £100 out of scope, €500 aside", got)
	}
	one, err := svc.Underserved(ctx, tests[1].filter, 1)
	if err != nil || len(one.Places) != 1 || one.Places[0].Place.ID != "north" || len(one.Unranked) != 1 {
		t.Errorf("Underserved(first 1) = %+v, %v; want north only, south-b still unranked", one.Places, err)
	}
}

// grantsOnly returns the hand-expanded grants of fundingTown.
func grantsOnly() []funding.Grant {
	_, g := fundingTownInput()
	return g
}

// TestFundingConcentration checks the adapter against funding.ConcentrationIn:
// in town, r1 receives g1 £300 + g3 £1000 + g6 £100 and r2 g2 £600 + half
// of g4, £100: shares 2/3 and 1/3, HHI 5/9.
func TestFundingConcentration(t *testing.T) {
	t.Parallel()
	svc := fundingTown(t)
	got, err := svc.FundingConcentration(admin(context.Background()), service.FundingFilter{PlaceID: "town"})
	if err != nil {
		t.Fatalf("FundingConcentration: %v", err)
	}
	places, _ := fundingTownInput("north", "south-a", "south-b")
	want, err := funding.ConcentrationIn(places, grantsOnly(), funding.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Currency != "GBP" || got.Grants != want.Grants || got.Recipients != 2 || !near(got.Total, 2100) || !near(got.HHI, 5.0/9) ||
		!near(got.HHI, want.HHI) || !near(got.Gini, want.Gini) || !near(got.TopShare, 2.0/3) || got.TopRecipient == nil || got.TopRecipient.ID != "r1" ||
		!near(got.EffectiveRecipients, want.EffectiveRecipients) || len(got.OtherCurrencies) != 1 {
		t.Errorf("FundingConcentration(town) = %+v, want %+v", got, want)
	}
	none, err := svc.FundingConcentration(admin(context.Background()), service.FundingFilter{From: dayPtr("2030-01-01")})
	if err != nil || none.TopRecipient != nil || none.Grants != 0 || none.Total != 0 {
		t.Errorf("FundingConcentration(no grants) = %+v, %v; want empty", none, err)
	}
}

// TestFundingErrors checks the error codes of both analyses.
func TestFundingErrors(t *testing.T) {
	t.Parallel()
	svc := fundingTown(t)
	ctx := admin(context.Background())
	tests := []struct {
		name   string
		filter service.FundingFilter
		first  int
		code   string
	}{
		{name: "unknown funder", filter: service.FundingFilter{FunderID: "nobody"}, first: 20, code: store.ENOTFOUND},
		{name: "unknown place", filter: service.FundingFilter{PlaceID: "atlantis"}, first: 20, code: store.ENOTFOUND},
		{name: "first 0", first: 0, code: store.EINVALID},
		{name: "first 501", first: service.MaxUnderservedFirst + 1, code: store.EINVALID},
		{name: "from after to", filter: service.FundingFilter{From: dayPtr("2024-02-01"), To: dayPtr("2024-01-31")}, first: 20, code: store.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := svc.Underserved(ctx, tt.filter, tt.first); store.ErrorCode(err) != tt.code {
				t.Errorf("Underserved: %v, want %s", err, tt.code)
			}
			if tt.first < 1 || tt.first > service.MaxUnderservedFirst {
				return
			}
			if _, err := svc.FundingConcentration(ctx, tt.filter); store.ErrorCode(err) != tt.code {
				t.Errorf("FundingConcentration: %v, want %s", err, tt.code)
			}
		})
	}
	if _, err := svc.Grant(ctx, "g1"); err != nil {
		t.Errorf("Grant(g1): %v", err)
	}
	if _, err := svc.Grant(ctx, "g9"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Grant(g9): %v, want ENOTFOUND", err)
	}
}

// scopePlaces returns the hand-built leaves named.
func scopePlaces(ids []string) []funding.Place {
	p, _ := fundingTownInput(ids...)
	return p
}
