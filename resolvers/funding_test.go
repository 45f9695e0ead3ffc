package resolvers_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// fundingEnv serves a small funded town and returns a second service over
// the same store, against which the API's answers are checked:
//
//	town ─┬─ north     (1000 residents, IMD decile 1)
//	      └─ south ─┬─ south-a (2000 residents, decile 10)
//	                └─ south-b (no population)
//
//	g1 f1→r1 £300.50 north           2024-01-10
//	g2 f1→r2 £600    south (2 leaves) 2024-02-01
//	g3 f2→r1 £1000   town (3 leaves)  2024-03-01
//	g4 f1→r1 ¥5000   north            2024-01-15
func fundingEnv(t *testing.T) (*env, *service.Service) {
	t.Helper()
	pop := func(n int) *int { return &n }
	need := func(v float64) *float64 { return &v }
	on := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	st := servicetest.MustOpenStore(t)
	_, err := st.ImportGrants(admin(context.Background()), store.GrantBatch{
		Places: []store.Place{
			{ID: "town", Name: "Town"},
			{ID: "north", Name: "North", ParentID: "town", Population: pop(1000), NeedIndex: need(1), NeedScale: "IMD2019_DECILE"},
			{ID: "south", Name: "South", ParentID: "town"},
			{ID: "south-a", Name: "South A", ParentID: "south", Population: pop(2000), NeedIndex: need(10), NeedScale: "IMD2019_DECILE"},
			{ID: "south-b", Name: "South B", ParentID: "south"},
		},
		Organisations: []store.Organisation{
			{ID: "f1", Name: "Funder One", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "f2", Name: "Funder Two", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "r1", Name: "Recipient One", Kind: store.OrgCommunityGroup, PlaceID: "north"},
			{ID: "r2", Name: "Recipient Two", Kind: store.OrgCommunityGroup, PlaceID: "south-a"},
		},
		Grants: []store.Grant{
			{ID: "g1", Title: "Youth club", Amount: 30050, Currency: "GBP", AwardedOn: on("2024-01-10"), FunderID: "f1", RecipientID: "r1", PlaceIDs: []string{"north"}, Programme: "Small grants"},
			{ID: "g2", Title: "Food bank", Amount: 60000, Currency: "GBP", AwardedOn: on("2024-02-01"), FunderID: "f1", RecipientID: "r2", PlaceIDs: []string{"south"}},
			{ID: "g3", Title: "Town fund", Amount: 100000, Currency: "GBP", AwardedOn: on("2024-03-01"), FunderID: "f2", RecipientID: "r1", PlaceIDs: []string{"town"}},
			{ID: "g4", Title: "Exchange", Amount: 5000, Currency: "JPY", AwardedOn: on("2024-01-15"), FunderID: "f1", RecipientID: "r1", PlaceIDs: []string{"north"}},
		},
	})
	if err != nil {
		t.Fatalf("ImportGrants: %v", err)
	}
	return newEnvOver(t, st, resolvers.Options{}), service.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

type placeFundingResp struct {
	Place      struct{ ID string }
	Population *int
	Grants     int
	Awarded    float64
	PerHead    *float64
	NeedWeight float64
	NeedKnown  bool
	FairShare  *float64
	Gap        *float64
	GapPerHead *float64
	Rank       int
}

const placeFundingFields = `place { id } population grants awarded perHead needWeight needKnown fairShare gap gapPerHead rank`

func sameFloat(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func sameFloatPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameFloat(*a, *b)
}

// checkRows compares the API's rows with the service's.
func checkRows(t *testing.T, name string, got []placeFundingResp, want []service.PlaceFunding) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", name, len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Place.ID != w.Place.ID || g.Grants != w.Grants || g.Rank != w.Rank || g.NeedKnown != w.NeedKnown ||
			!sameFloat(g.Awarded, w.Awarded) || !sameFloat(g.NeedWeight, w.NeedWeight) || !sameFloatPtr(g.PerHead, w.PerHead) ||
			!sameFloatPtr(g.FairShare, w.FairShare) || !sameFloatPtr(g.Gap, w.Gap) || !sameFloatPtr(g.GapPerHead, w.GapPerHead) {
			t.Errorf("%s row %d = %+v, want %+v", name, i, g, w)
		}
	}
}

func TestGrantQuery(t *testing.T) {
	t.Parallel()
	e, _ := fundingEnv(t)
	var resp struct {
		Grant struct {
			ID, Title, AmountMinor, Currency, AwardedOn, Programme string
			Amount                                                 float64
			Funder, Recipient                                      struct{ ID, Name string }
			Places                                                 []struct{ ID string }
		}
		Node    struct{ ID, Title string }
		Missing *struct{ ID string }
	}
	e.do(t, `{
		grant(id: "g1") { id title amount amountMinor currency awardedOn programme funder { id name } recipient { id name } places { id } }
		node(id: "g1") { ... on Grant { id title } }
		missing: grant(id: "nope") { id }
	}`, &resp)
	g := resp.Grant
	if g.ID != "g1" || g.Amount != 300.5 || g.AmountMinor != "30050" || g.Currency != "GBP" || g.AwardedOn != "2024-01-10" ||
		g.Programme != "Small grants" || g.Funder.ID != "f1" || g.Recipient.Name != "Recipient One" || len(g.Places) != 1 || g.Places[0].ID != "north" {
		t.Errorf("grant(g1) = %+v", g)
	}
	if resp.Node.ID != "g1" || resp.Node.Title != "Youth club" || resp.Missing != nil {
		t.Errorf("node(g1) = %+v, missing = %+v", resp.Node, resp.Missing)
	}
	var yen struct{ Grant struct{ Amount float64 } }
	e.do(t, `{ grant(id: "g4") { amount } }`, &yen)
	if yen.Grant.Amount != 5000 {
		t.Errorf("grant(g4).amount = %v, want 5000 (yen have no minor unit)", yen.Grant.Amount)
	}
}

// TestUnderservedQueries checks underservedPlaces and underservedReport
// against the service, and one figure by hand: f1 in town counts g1 (£300.50
// to north) and g2 (£300 to each of south-a and south-b); north's fair share
// of the £600.50 ranked is 600.50 × 10000/12000, rank 1.
func TestUnderservedQueries(t *testing.T) {
	t.Parallel()
	e, svc := fundingEnv(t)
	ctx := admin(context.Background())
	f1 := service.FundingFilter{FunderID: "f1", PlaceID: "town"}
	want, err := svc.Underserved(ctx, f1, 20)
	if err != nil {
		t.Fatal(err)
	}
	var list struct{ UnderservedPlaces []placeFundingResp }
	e.do(t, `{ underservedPlaces(funderId: "f1", withinPlaceId: "town") { `+placeFundingFields+` } }`, &list)
	checkRows(t, "underservedPlaces", list.UnderservedPlaces, want.Places)
	if r := list.UnderservedPlaces; len(r) != 2 || r[0].Place.ID != "north" || r[0].FairShare == nil || !sameFloat(*r[0].FairShare, 600.5*10000/12000) {
		t.Errorf("underservedPlaces = %+v, want north first with fair share £500.42", r)
	}

	var rep struct {
		UnderservedReport struct {
			Places, Unranked []placeFundingResp
			Currency         string
			Grants           int
			TotalAwarded     float64
			OutOfScope       float64
			OtherCurrencies  []struct {
				Currency string
				Grants   int
				Amount   float64
			}
		}
	}
	e.do(t, `query($from: Date, $to: Date) { underservedReport(funderId: "f1", withinPlaceId: "town", from: $from, to: $to, first: 1) {
		places { `+placeFundingFields+` } unranked { `+placeFundingFields+` }
		currency grants totalAwarded outOfScope otherCurrencies { currency grants amount }
	} }`, &rep, client.Var("from", "2024-01-01"), client.Var("to", "2024-12-31"))
	r := rep.UnderservedReport
	checkRows(t, "underservedReport.places", r.Places, want.Places[:1])
	checkRows(t, "underservedReport.unranked", r.Unranked, want.Unranked)
	if r.Currency != "GBP" || r.Grants != 2 || !sameFloat(r.TotalAwarded, 900.5) || r.OutOfScope != 0 ||
		len(r.OtherCurrencies) != 1 || r.OtherCurrencies[0].Currency != "JPY" || r.OtherCurrencies[0].Amount != 5000 {
		t.Errorf("underservedReport = %+v", r)
	}
	if len(r.Unranked) != 1 || r.Unranked[0].Place.ID != "south-b" || r.Unranked[0].Rank != 0 || r.Unranked[0].PerHead != nil {
		t.Errorf("underservedReport.unranked = %+v, want south-b without per-head figures", r.Unranked)
	}

	var yen struct {
		UnderservedReport struct {
			Currency     string
			TotalAwarded float64
		}
	}
	e.do(t, `{ underservedReport(currency: "JPY") { currency totalAwarded } }`, &yen)
	if yen.UnderservedReport.Currency != "JPY" || yen.UnderservedReport.TotalAwarded != 5000 {
		t.Errorf("underservedReport(JPY) = %+v, want ¥5000", yen.UnderservedReport)
	}
}

func TestFundingConcentrationQuery(t *testing.T) {
	t.Parallel()
	e, svc := fundingEnv(t)
	want, err := svc.FundingConcentration(admin(context.Background()), service.FundingFilter{PlaceID: "south"})
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		FundingConcentration struct {
			Currency                   string
			Grants, Recipients         int
			Total, Gini, Hhi, TopShare float64
			TopRecipient               *struct{ ID string }
		}
	}
	e.do(t, `{ fundingConcentration(placeId: "south") { currency grants recipients total gini hhi topShare topRecipient { id } } }`, &resp)
	// In south: g2 £600 (r2) in full and two thirds of g3, £666.67 (r1).
	c := resp.FundingConcentration
	if c.Currency != "GBP" || c.Grants != want.Grants || c.Grants != 2 || c.Recipients != 2 || !sameFloat(c.Total, 600+2000.0/3) ||
		!sameFloat(c.Gini, want.Gini) || !sameFloat(c.Hhi, want.HHI) || !sameFloat(c.TopShare, (2000.0/3)/(600+2000.0/3)) ||
		c.TopRecipient == nil || c.TopRecipient.ID != "r1" {
		t.Errorf("fundingConcentration(south) = %+v, want %+v", c, want)
	}
	var none struct {
		FundingConcentration struct{ TopRecipient *struct{ ID string } }
	}
	e.do(t, `{ fundingConcentration(from: "2030-01-01") { topRecipient { id } } }`, &none)
	if none.FundingConcentration.TopRecipient != nil {
		t.Errorf("fundingConcentration(no grants).topRecipient = %+v, want null", none.FundingConcentration.TopRecipient)
	}
}

func TestFundingQueryErrors(t *testing.T) {
	t.Parallel()
	e, _ := fundingEnv(t)
	tests := []struct {
		name  string
		query string
		code  string
	}{
		{name: "unknown funder", query: `{ underservedPlaces(funderId: "nobody") { rank } }`, code: "NOT_FOUND"},
		{name: "unknown place", query: `{ underservedPlaces(withinPlaceId: "atlantis") { rank } }`, code: "NOT_FOUND"},
		{name: "first 0", query: `{ underservedPlaces(first: 0) { rank } }`, code: "BAD_USER_INPUT"},
		{name: "first 501", query: `{ underservedReport(first: 501) { grants } }`, code: "BAD_USER_INPUT"},
		{name: "from after to", query: `{ underservedPlaces(from: "2024-02-01", to: "2024-01-01") { rank } }`, code: "BAD_USER_INPUT"},
		{name: "concentration unknown place", query: `{ fundingConcentration(placeId: "atlantis") { gini } }`, code: "NOT_FOUND"},
		{name: "concentration from after to", query: `{ fundingConcentration(from: "2024-02-01", to: "2024-01-01") { gini } }`, code: "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := code(e.fail(t, tt.query)); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
		})
	}
}

func TestGrantsQuery(t *testing.T) {
	t.Parallel()
	e, _ := fundingEnv(t)
	var resp struct {
		Grants struct {
			TotalCount int
			PageInfo   struct{ HasNextPage bool }
			Edges      []struct{ Node struct{ ID string } }
			Totals     []struct {
				Currency, AmountMinor string
				Amount                float64
			}
		}
		GrantTotals []struct {
			Key, Label *string
			Basis      string
			Grants     int
			Amounts    []struct{ Currency, AmountMinor string }
		}
	}
	e.do(t, `{ grants(funderId: "f1", first: 2) { totalCount pageInfo { hasNextPage } edges { node { id } } totals { currency amount amountMinor } }
		grantTotals(groupBy: PLACE, funderId: "f1") { key label basis grants amounts { currency amountMinor } } }`, &resp)
	g := resp.Grants
	if g.TotalCount != 3 || !g.PageInfo.HasNextPage || len(g.Edges) != 2 || g.Edges[0].Node.ID != "g1" {
		t.Fatalf("grants(f1, first 2) = %+v", g)
	}
	// Totals cover every selected grant, not the page: £300.50 + £600 and ¥5000.
	want := map[string]string{"GBP": "90050", "JPY": "5000"}
	if len(g.Totals) != 2 || want[g.Totals[0].Currency] != g.Totals[0].AmountMinor || want[g.Totals[1].Currency] != g.Totals[1].AmountMinor {
		t.Fatalf("grants totals = %+v, want %v", g.Totals, want)
	}
	sum := map[string]int{}
	for _, gr := range resp.GrantTotals {
		for _, a := range gr.Amounts {
			n := 0
			for _, c := range a.AmountMinor {
				n = n*10 + int(c-'0')
			}
			sum[a.Currency] += n
		}
		if gr.Basis != "PLACE" || gr.Key == nil || gr.Label == nil {
			t.Errorf("group %+v: want a named place", gr)
		}
	}
	if sum["GBP"] != 90050 || sum["JPY"] != 5000 {
		t.Errorf("grantTotals(PLACE) sums %v, want the grants' totals", sum)
	}
	errs := e.fail(t, `{ grants(from: "2024-02-01", to: "2024-01-01") { totalCount } }`)
	if code(errs) != "BAD_USER_INPUT" {
		t.Errorf("grants(from after to) = %q, want BAD_USER_INPUT", code(errs))
	}
}
