package resolvers_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// suppressionTown is a town of three wards, the third with a
// neighbourhood, whose community members are all unheard (no forum
// anywhere): carers 6 in w1, 2 in w2, 3 in w3 itself and 4 in w3a (15 in
// town); young people 5 in w1 and 5 in w2. Organisation O in w1, funded by
// F for w1, is tied to five carers and one young person of w1.
func suppressionTown() (store.Batch, store.Grant) {
	b := store.Batch{
		Places: []store.Place{{ID: "town", Name: "Town"}, {ID: "w1", Name: "W1", ParentID: "town"}, {ID: "w2", Name: "W2", ParentID: "town"},
			{ID: "w3", Name: "W3", ParentID: "town"}, {ID: "w3a", Name: "W3a", ParentID: "w3"}},
		Organisations: []store.Organisation{{ID: "F", Name: "Fund", Kind: store.OrgFunder, PlaceID: "town"}, {ID: "O", Name: "Org", Kind: store.OrgCommunityGroup, PlaceID: "w1"}},
	}
	add := func(group, place string, n int) {
		for i := range n {
			id := fmt.Sprintf("%s-%s-%d", group[:1], place, i)
			b.People = append(b.People, store.Person{ID: id, Name: "Name " + id, PlaceID: place, Groups: []string{group},
				Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
			if place == "w1" && ((group == "carer" && i < 5) || i == 0) {
				b.Relationships = append(b.Relationships, store.Relationship{ID: "r-" + id, FromID: id, ToID: "O", Kind: store.RelMemberOf, Weight: 1})
			}
		}
	}
	add("carer", "w1", 6)
	add("carer", "w2", 2)
	add("carer", "w3", 3)
	add("carer", "w3a", 4)
	add("young person", "w1", 5)
	add("young person", "w2", 5)
	g := store.Grant{ID: "g", Title: "Grant", Amount: 100000, Currency: "GBP", AwardedOn: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		FunderID: "F", RecipientID: "O", PlaceIDs: []string{"w1"}}
	return b, g
}

// suppressionPlaces are the places of suppressionTown with their children
// ("" is everything).
var suppressionPlaces = map[string][]string{"": {"town"}, "town": {"w1", "w2", "w3"}, "w1": nil, "w2": nil, "w3": {"w3a"}, "w3a": nil}

// TestSmallNumberSuppression asks suppressionTown's group figures as a
// funder, on each store, and checks the one suppression rule: no count of
// 1 to 4 people is shown, no withheld count can be recovered (or narrowed
// to 1 to 4) by subtracting a place's published children from it, and the
// figures shown are the right ones.
func TestSmallNumberSuppression(t *testing.T) {
	stores := map[string]func(t *testing.T) store.Store{
		"bolt":  func(t *testing.T) store.Store { return servicetest.MustOpenStore(t) },
		"neo4j": func(t *testing.T) store.Store { return neo4jtest.Open(t) },
	}
	for _, name := range []string{"bolt", "neo4j"} {
		t.Run(name, func(t *testing.T) {
			st := stores[name](t)
			b, g := suppressionTown()
			if _, err := st.Import(context.Background(), b); err != nil {
				t.Fatal(err)
			}
			if _, err := st.(store.GrantStore).UpsertGrant(auth.With(context.Background(), auth.LocalAdmin), g); err != nil {
				t.Fatal(err)
			}
			e := newEnvAs(t, st, resolvers.Options{}, auth.Principal{KeyID: "fund", Role: auth.RoleFunder})
			checkSuppression(t, e)
		})
	}
}

// groupFigure is a group row of unheardVoiceGroups or hiddenGroups.
type groupFigure struct {
	Group      string
	People     *int
	Unheard    *int
	Reached    *int
	Share      *float64
	Suppressed bool
}

func checkSuppression(t *testing.T, e *env) {
	t.Helper()
	members := map[string]map[string]*int{} // place → group → people
	for place := range suppressionPlaces {
		var resp struct{ UnheardVoiceGroups []groupFigure }
		arg := ""
		if place != "" {
			arg = fmt.Sprintf(`(placeId: %q)`, place)
		}
		e.do(t, `{ unheardVoiceGroups`+arg+` { group people unheard suppressed } }`, &resp)
		members[place] = map[string]*int{}
		for _, f := range resp.UnheardVoiceGroups {
			members[place][f.Group] = f.People
			for _, n := range []*int{f.People, f.Unheard} {
				if n != nil && *n > 0 && *n < service.SuppressBelow {
					t.Errorf("unheardVoiceGroups(%q) %s shows %d people", place, f.Group, *n)
				}
			}
			if (f.People == nil || f.Unheard == nil) != f.Suppressed {
				t.Errorf("unheardVoiceGroups(%q) %+v: suppressed flag wrong", place, f)
			}
		}
	}
	// Subtracting the published children from a published place leaves 0
	// or at least SuppressBelow.
	for place, kids := range suppressionPlaces {
		for group, n := range members[place] {
			if n == nil || len(kids) == 0 {
				continue
			}
			rest := *n
			for _, k := range kids {
				if c := members[k][group]; c != nil {
					rest -= *c
				}
			}
			if rest > 0 && rest < service.SuppressBelow {
				t.Errorf("%s in %q: %d shown, its published children leave %d, which singles out a few people", group, place, *n, rest)
			}
		}
	}
	want := map[string]map[string]string{
		"":     {"carer": "15", "young person": "10"},
		"town": {"carer": "15", "young person": "10"},
		"w1":   {"carer": "withheld", "young person": "5"}, // carers 6: withheld so that w2's 2 cannot be recovered
		"w2":   {"carer": "withheld", "young person": "5"},
		"w3":   {"carer": "7"},
		"w3a":  {"carer": "withheld"},
	}
	for place, groups := range want {
		for group, w := range groups {
			got := "withheld"
			if n := members[place][group]; n != nil {
				got = fmt.Sprint(*n)
			}
			if got != w {
				t.Errorf("unheardVoiceGroups(%q) %s people = %s, want %s", place, group, got, w)
			}
		}
	}

	var reach struct {
		FundingReach struct {
			Recipients []struct {
				Reaches    int
				Groups     []string
				Suppressed bool
			}
			HiddenGroups []groupFigure
		}
	}
	e.do(t, `{ fundingReach(funderId: "F", placeId: "town") { recipients { reaches groups suppressed } hiddenGroups { group people reached share suppressed } } }`, &reach)
	r := reach.FundingReach
	if len(r.Recipients) != 1 || r.Recipients[0].Reaches != 6 || fmt.Sprint(r.Recipients[0].Groups) != "[carer]" || !r.Recipients[0].Suppressed {
		t.Errorf("fundingReach recipients = %+v, want O reaching 6, groups [carer] (young person, 1 of them, withheld)", r.Recipients)
	}
	got := fmt.Sprint(figures(r.HiddenGroups))
	if want := "[carer 15 5 0.333 false young person 10 - - true]"; got != want {
		t.Errorf("fundingReach hiddenGroups = %s, want %s", got, want)
	}
	e.do(t, `{ fundingReach(funderId: "F", placeId: "w1") { recipients { reaches groups suppressed } hiddenGroups { group people reached share suppressed } } }`, &reach)
	if got, want := fmt.Sprint(figures(reach.FundingReach.HiddenGroups)), "[carer - - - true young person 5 - - true]"; got != want {
		t.Errorf("fundingReach(w1) hiddenGroups = %s, want %s", got, want)
	}
}

// figures renders group rows as "group people reached share suppressed",
// "-" for a withheld figure.
func figures(rows []groupFigure) []string {
	show := func(p *int) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	var out []string
	for _, f := range rows {
		share := "-"
		if f.Share != nil {
			share = fmt.Sprintf("%.3g", *f.Share)
		}
		out = append(out, f.Group, show(f.People), show(f.Reached), share, fmt.Sprint(f.Suppressed))
	}
	return out
}
