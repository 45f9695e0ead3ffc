package demo_test

import (
	"cmp"
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/voicemap/voicemap/analysis/funding"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

func TestGrantsDeterministic(t *testing.T) {
	a, b := demo.Grants(), demo.Grants()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls of Grants() differ")
	}
	a.Grants[0].PlaceIDs[0] = "changed"
	a.Organisations[0].Name = "changed"
	c := demo.Grants()
	if c.Grants[0].PlaceIDs[0] == "changed" || c.Organisations[0].Name == "changed" {
		t.Fatal("Grants() shares state between calls")
	}
}

// TestGrantsValid checks every grant and organisation of the batch is in
// normal form, ids are new, funders are organisations of kind FUNDER,
// recipients organisations, places demo places, and the dates fall in
// 2019 to 2025.
func TestGrantsValid(t *testing.T) {
	net, gb := demo.Network(), demo.Grants()
	if n := len(gb.Grants); n < 40 || n > 60 {
		t.Errorf("Grants() has %d grants, want 40 to 60", n)
	}
	if len(gb.Places) != 0 {
		t.Errorf("Grants() adds %d places, want none", len(gb.Places))
	}
	ids := map[string]bool{}
	for _, p := range net.Places {
		ids[p.ID] = true
	}
	for _, p := range net.People {
		ids[p.ID] = true
	}
	orgs := map[string]store.Organisation{}
	for _, o := range net.Organisations {
		orgs[o.ID] = o
	}
	for _, o := range gb.Organisations {
		n, err := store.NormalizeOrganisation(o)
		switch {
		case err != nil:
			t.Errorf("organisation %q: %v", o.ID, err)
		case !reflect.DeepEqual(n, o):
			t.Errorf("organisation %q is not in normal form", o.ID)
		case o.Kind != store.OrgFunder:
			t.Errorf("batch organisation %q has kind %s, want FUNDER", o.ID, o.Kind)
		case !ids[o.PlaceID]:
			t.Errorf("batch organisation %q is in unknown place %q", o.ID, o.PlaceID)
		}
		if _, dup := orgs[o.ID]; dup || ids[o.ID] {
			t.Errorf("batch organisation %q repeats an id of the network", o.ID)
		}
		orgs[o.ID] = o
	}
	seen := map[string]bool{}
	for _, g := range gb.Grants {
		n, err := store.NormalizeGrant(g)
		if err != nil {
			t.Errorf("grant %q: %v", g.ID, err)
			continue
		}
		if !reflect.DeepEqual(n, g) {
			t.Errorf("grant %q is not in normal form", g.ID)
		}
		if seen[g.ID] || ids[g.ID] || orgs[g.ID].ID != "" {
			t.Errorf("grant id %q is used twice", g.ID)
		}
		seen[g.ID] = true
		if f, ok := orgs[g.FunderID]; !ok || f.Kind != store.OrgFunder {
			t.Errorf("grant %q: funder %q is not an organisation of kind FUNDER", g.ID, g.FunderID)
		}
		if _, ok := orgs[g.RecipientID]; !ok {
			t.Errorf("grant %q: recipient %q is not an organisation", g.ID, g.RecipientID)
		}
		if len(g.PlaceIDs) == 0 {
			t.Errorf("grant %q names no beneficiary place", g.ID)
		}
		for _, p := range g.PlaceIDs {
			if !ids[p] || !slices.ContainsFunc(net.Places, func(q store.Place) bool { return q.ID == p }) {
				t.Errorf("grant %q: beneficiary %q is not a demo place", g.ID, p)
			}
		}
		if y := g.AwardedOn.Year(); y < 2019 || y > 2025 {
			t.Errorf("grant %q awarded in %d, want 2019 to 2025", g.ID, y)
		}
		if g.Currency != "GBP" || g.Amount <= 0 || g.Description == "" || g.Programme == "" {
			t.Errorf("grant %q: currency %q, amount %d, description or programme missing", g.ID, g.Currency, g.Amount)
		}
	}
}

// TestGrantsFollowStory checks that no organisation receives a grant
// before it appears in the story: the tenants' association forms in 2022,
// and the funding ties of the network bound some grants.
func TestGrantsFollowStory(t *testing.T) {
	notBefore := map[string]string{
		"o-tenants":          "2022-03-01", // Tariq Hussain joins the new association
		"o-family-hub":       "2020-09-01", // the hub opens with its manager
		"o-jobs-hub":         "2021-01-01",
		"o-coproduction-lab": "2022-09-01",
		"o-carers-cafe":      "2020-04-01", // funded by the Foundation 2020-04 to 2023-03
		"o-disability-forum": "2021-04-01",
	}
	for _, g := range demo.Grants().Grants {
		if d, ok := notBefore[g.RecipientID]; ok && g.AwardedOn.Format("2006-01-02") < d {
			t.Errorf("grant %q to %s awarded %s, before %s", g.ID, g.RecipientID, g.AwardedOn.Format("2006-01-02"), d)
		}
		if g.RecipientID == "o-carers-cafe" && g.AwardedOn.Format("2006-01-02") > "2023-03-31" {
			t.Errorf("grant %q to the carers' café after its funding ended", g.ID)
		}
	}
}

// demoFunding returns the demo's leaf places and its grants as package
// funding reads them, a grant naming a place that is not a leaf standing
// for all that place's leaves, as service.Underserved expands them.
func demoFunding(t *testing.T) ([]funding.Place, []funding.Grant) {
	t.Helper()
	net := demo.Network()
	children := map[string][]string{}
	for _, p := range net.Places {
		if p.ParentID != "" {
			children[p.ParentID] = append(children[p.ParentID], p.ID)
		}
	}
	var places []funding.Place
	for _, p := range net.Places {
		if len(children[p.ID]) == 0 {
			places = append(places, funding.Place{ID: p.ID, Population: p.Population, NeedIndex: p.NeedIndex, NeedScale: p.NeedScale})
		}
	}
	var grants []funding.Grant
	for _, g := range demo.Grants().Grants {
		var bens []string
		for _, p := range g.PlaceIDs {
			if len(children[p]) > 0 {
				bens = append(bens, children[p]...)
			} else {
				bens = append(bens, p)
			}
		}
		grants = append(grants, funding.Grant{ID: g.ID, Amount: float64(g.Amount), Currency: g.Currency,
			AwardedOn: g.AwardedOn, FunderID: g.FunderID, RecipientID: g.RecipientID, Places: bens})
	}
	return places, grants
}

// TestGrantsUnderserved checks the story of the package doc: Riverside
// Estate (decile 1) is the most under-served place and Hillcrest (decile 9)
// over-served, overall and for each local funder, and Hillcrest receives
// more than twice as much per head as Riverside.
func TestGrantsUnderserved(t *testing.T) {
	places, grants := demoFunding(t)
	if len(places) != 4 {
		t.Fatalf("demo has %d leaf places, want the 4 neighbourhoods", len(places))
	}
	for _, funder := range []string{"", demo.CommunityFoundation, demo.NorthernLights} {
		t.Run("funder="+funder, func(t *testing.T) {
			rep, err := funding.Underserved(places, grants, funding.Options{FunderID: funder})
			if err != nil {
				t.Fatalf("Underserved: %v", err)
			}
			if len(rep.Places) != 4 || len(rep.Unranked) != 0 {
				t.Fatalf("Underserved ranks %d places and leaves %d unranked, want 4 and 0", len(rep.Places), len(rep.Unranked))
			}
			byID := map[string]funding.PlaceFunding{}
			for _, p := range rep.Places {
				byID[p.PlaceID] = p
				t.Logf("%d %-22s awarded £%10.2f  £%6.2f/head  fair £%10.2f  gap/head £%7.2f",
					p.Rank, p.PlaceID, p.Awarded/100, *p.PerHead/100, *p.FairShare/100, *p.GapPerHead/100)
			}
			if got := rep.Places[0].PlaceID; got != demo.Riverside {
				t.Errorf("most under-served place = %s, want %s", got, demo.Riverside)
			}
			if gap := *byID[demo.Hillcrest].Gap; gap >= 0 {
				t.Errorf("Hillcrest gap = %.2f, want < 0 (over-served)", gap)
			}
			if funder != "" {
				return
			}
			if r, h := *byID[demo.Riverside].PerHead, *byID[demo.Hillcrest].PerHead; h < 2*r {
				t.Errorf("per head: Hillcrest %.0f, Riverside %.0f pence; want Hillcrest more than twice Riverside", h, r)
			}
			// The table of the package documentation, in pounds.
			for _, w := range []struct {
				id                           string
				rank                         int
				awarded, perHead, gapPerHead string
			}{
				{demo.Riverside, 1, "70812.50", "11.42", "22.39"},
				{demo.Northgate, 2, "146962.50", "18.14", "8.91"},
				{demo.OldTown, 3, "120338.00", "22.28", "-2.00"},
				{demo.Hillcrest, 4, "249582.50", "34.19", "-27.43"},
			} {
				p := byID[w.id]
				pounds := func(pence float64) string { return strconv.FormatFloat(pence/100, 'f', 2, 64) }
				if p.Rank != w.rank || pounds(p.Awarded) != w.awarded || pounds(*p.PerHead) != w.perHead || pounds(*p.GapPerHead) != w.gapPerHead {
					t.Errorf("%s: rank %d, awarded £%s, £%s per head, gap £%s per head; the package doc says %d, £%s, £%s, £%s",
						w.id, p.Rank, pounds(p.Awarded), pounds(*p.PerHead), pounds(*p.GapPerHead), w.rank, w.awarded, w.perHead, w.gapPerHead)
				}
			}
			if rep.Totals.OutOfScope != 0 || rep.Totals.Unplaced != 0 || len(rep.OtherCurrencies) != 0 {
				t.Errorf("totals %+v leave money out", rep.Totals)
			}
		})
	}
}

// TestGrantsReach checks the money-and-voice story on the network itself:
// the only organisation within two relationship steps of a young person
// (the hidden voices) is Riverside Youth Club, through its youth worker;
// the Community Foundation gives it a modest share of its money and the
// Northern Lights Trust none.
func TestGrantsReach(t *testing.T) {
	net := demo.Network()
	adj := map[string][]string{}
	for _, r := range net.Relationships {
		adj[r.FromID] = append(adj[r.FromID], r.ToID)
		adj[r.ToID] = append(adj[r.ToID], r.FromID)
	}
	isOrg := map[string]bool{}
	for _, o := range net.Organisations {
		isOrg[o.ID] = true
	}
	near := map[string]bool{}
	for _, p := range net.People {
		if !slices.Contains(p.Groups, "young person") {
			continue
		}
		for _, a := range adj[p.ID] {
			near[a] = true
			for _, b := range adj[a] {
				near[b] = true
			}
		}
	}
	var nearOrgs []string
	for id := range near {
		if isOrg[id] {
			nearOrgs = append(nearOrgs, id)
		}
	}
	slices.Sort(nearOrgs)
	if want := []string{"o-youth-club"}; !slices.Equal(nearOrgs, want) {
		t.Fatalf("organisations within 2 steps of young people = %v, want %v", nearOrgs, want)
	}
	total, reaching := map[string]int64{}, map[string]int64{}
	for _, g := range demo.Grants().Grants {
		total[g.FunderID] += g.Amount
		if near[g.RecipientID] {
			reaching[g.FunderID] += g.Amount
		}
	}
	// The totals of the package documentation, in pence.
	for funder, want := range map[string]int64{
		demo.CommunityFoundation: 10640550, demo.NorthernLights: 34580000,
		demo.AshgroveFoundation: 10199000, demo.FieldfareTrust: 3350000,
	} {
		if total[funder] != want {
			t.Errorf("grants of %s total %d pence, the package doc says %d", funder, total[funder], want)
		}
	}
	cf := float64(reaching[demo.CommunityFoundation]) / float64(total[demo.CommunityFoundation])
	nl := float64(reaching[demo.NorthernLights]) / float64(total[demo.NorthernLights])
	t.Logf("share reaching young people: Community Foundation %.3f, Northern Lights %.3f", cf, nl)
	if cf <= 0 || cf >= 0.25 {
		t.Errorf("Community Foundation share to the youth club = %.3f, want modest (0 to 0.25)", cf)
	}
	if nl != 0 {
		t.Errorf("Northern Lights share to the youth club = %.3f, want 0", nl)
	}
}

// TestGrantsImport imports the network and then the grants into a fresh
// embedded store and reads every grant back.
func TestGrantsImport(t *testing.T) {
	ctx := context.Background()
	st, err := boltstore.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatalf("boltstore.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if _, err := st.Import(ctx, demo.Network()); err != nil {
		t.Fatalf("Import(Network()): %v", err)
	}
	gb := demo.Grants()
	counts, err := st.ImportGrants(ctx, gb)
	if err != nil {
		t.Fatalf("ImportGrants(Grants()): %v", err)
	}
	want := store.GrantCounts{Places: 0, Organisations: len(gb.Organisations), Grants: len(gb.Grants)}
	if counts != want {
		t.Errorf("ImportGrants(Grants()) = %+v, want %+v", counts, want)
	}
	var got []store.Grant
	page := store.Page{First: store.MaxPageSize}
	for {
		c, err := st.Grants(ctx, store.GrantFilter{}, page)
		if err != nil {
			t.Fatalf("Grants: %v", err)
		}
		got = append(got, c.Items...)
		if !c.HasNextPage {
			break
		}
		page.After = c.EndCursor
	}
	wantGrants := slices.Clone(gb.Grants)
	slices.SortFunc(wantGrants, func(a, b store.Grant) int { return cmp.Compare(a.ID, b.ID) })
	if len(got) != len(wantGrants) {
		t.Fatalf("store holds %d grants, want %d", len(got), len(wantGrants))
	}
	for i := range got {
		if !got[i].AwardedOn.Equal(wantGrants[i].AwardedOn) {
			t.Errorf("grant %q awarded %v, want %v", got[i].ID, got[i].AwardedOn, wantGrants[i].AwardedOn)
		}
		got[i].AwardedOn = wantGrants[i].AwardedOn
		if !reflect.DeepEqual(got[i], wantGrants[i]) {
			t.Errorf("stored grant %d = %+v, want %+v", i, got[i], wantGrants[i])
		}
	}
}
