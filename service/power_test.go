package service_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// TestPowerConcentrationHamlet checks the power report of the hamlet on
// 2024-06-01 (see hamlet). n = 10 actors, iso isolated.
//
// Degree centralization: degrees chair 6, officer 4, ann cons late worker
// yp1 2, council far 1, iso 0; Σ (6 − d) = 38 over (n−1)(n−2) = 72.
//
// Betweenness (normalised by (n−1)(n−2)/2 = 36): worker lies on the 12
// shortest paths between {yp1, far} and {ann, chair, cons, council, late,
// officer}, 12/36; the network's values, from nx.betweenness_centrality(G),
// are chair 0.569444, worker 0.333333, yp1 0.194444, officer 0.041667 and
// 0 for the other six, so the centralization Σ (b_max − b_i)/(n−1) is
// 0.506173, their Gini 0.751220, and the top 5% (one actor, chair) holds
// 0.569444/1.138889 = 0.5 of all betweenness. PageRank's Gini,
// from nx.pagerank(G, weight=None), is 0.308435.
//
// Seats: board chair, officer, ann; panel ann, council: S = 5, ann 2 and
// chair, council, officer 1 each. HHI = (4+1+1+1)/25 = 0.28; ann and one
// other hold 3 ≥ 5/2, so majorityHolders = 2; professionals chair and
// officer hold 2/5, the community member ann 2/5, council 1/5.
//
// Gatekeepers (articulation points; sources the six community members,
// targets the holders chair, officer, ann, council): without chair, yp1 and
// far are left with worker and no holder (2); without worker, yp1 and far
// (2); without yp1, far (1). chair and worker tie at 2 and sort by id.
//
// Brokers, by nx.constraint(G) and nx.effective_size(G): chair 0.359375
// (5), worker and yp1 0.5 (2), officer 0.645833 (2.5), ann cons late
// 0.730903 (1), council and far 1 (1); iso is isolated and skipped.
func TestPowerConcentrationHamlet(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	r, err := svc.PowerConcentration(admin(context.Background()), hamletScope)
	if err != nil {
		t.Fatal(err)
	}
	// PageRank is iterated to NetworkX's tolerance (1e-6 in L1), so its Gini
	// is compared to 1e-5; the other figures are exact up to rounding.
	figures := []struct {
		name      string
		got, want float64
	}{
		{"degreeCentralization", r.DegreeCentralization, 38.0 / 72},
		{"betweennessCentralization", r.BetweennessCentralization, 0.5061728395061729},
		{"betweennessGini", r.BetweennessGini, 0.751219512195122},
		{"pageRankGini", r.PageRankGini, 0.30843525151086143},
		{"topShare", r.TopShare, 0.5},
		{"seats.hhi", r.Seats.HHI, 0.28},
		{"seats.professionalShare", r.Seats.ProfessionalShare, 0.4},
		{"seats.communityShare", r.Seats.CommunityShare, 0.4},
		{"seats.organisationShare", r.Seats.OrganisationShare, 0.2},
	}
	for _, f := range figures {
		tol := 1e-9
		if f.name == "pageRankGini" {
			tol = 1e-5
		}
		if !nearTol(f.got, f.want, tol) {
			t.Errorf("PowerConcentration(hamlet).%s = %v, want %v", f.name, f.got, f.want)
		}
	}
	if r.Actors != 10 || r.TopShareActors != 1 || r.Seats.Seats != 5 || r.Seats.Holders != 4 || r.Seats.MajorityHolders != 2 {
		t.Errorf("PowerConcentration(hamlet) counts = actors %d topShareActors %d seats %d holders %d majority %d, want 10 1 5 4 2",
			r.Actors, r.TopShareActors, r.Seats.Seats, r.Seats.Holders, r.Seats.MajorityHolders)
	}
	var holders []string
	for _, h := range r.Seats.HolderList {
		holders = append(holders, fmt.Sprintf("%s %s %d", h.Actor.ID(), h.Kind, h.Seats))
	}
	wantHolders := []string{"ann COMMUNITY_MEMBER 2", "chair PROFESSIONAL 1", "council ORGANISATION 1", "officer PROFESSIONAL 1"}
	if !slices.Equal(holders, wantHolders) {
		t.Errorf("PowerConcentration(hamlet).seats.holderList = %v, want %v", holders, wantHolders)
	}
	var gates []string
	for _, g := range r.Gatekeepers {
		gates = append(gates, fmt.Sprintf("%s %d", g.Actor.ID(), g.CutsOff))
	}
	if want := []string{"chair 2", "worker 2", "yp1 1"}; !slices.Equal(gates, want) {
		t.Errorf("PowerConcentration(hamlet).gatekeepers = %v, want %v", gates, want)
	}
	var brokers []string
	for _, b := range r.Brokers {
		brokers = append(brokers, fmt.Sprintf("%s %.6f %.2f", b.Actor.ID(), b.Constraint, b.EffectiveSize))
	}
	wantBrokers := []string{
		"chair 0.359375 5.00", "worker 0.500000 2.00", "yp1 0.500000 2.00", "officer 0.645833 2.50",
		"ann 0.730903 1.00", "cons 0.730903 1.00", "late 0.730903 1.00", "council 1.000000 1.00", "far 1.000000 1.00",
	}
	if !slices.Equal(brokers, wantBrokers) {
		t.Errorf("PowerConcentration(hamlet).brokers =\n%v\nwant\n%v", brokers, wantBrokers)
	}
	if r.Approximate || r.ErrorBound != nil {
		t.Errorf("PowerConcentration(hamlet) approximate = %v, %v; want exact", r.Approximate, r.ErrorBound)
	}
}

// TestPowerConcentrationSmall checks the degenerate scopes: a place with no
// actors, and the unknown place.
func TestPowerConcentrationSmall(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	ctx := admin(context.Background())
	r, err := svc.PowerConcentration(ctx, store.Scope{PlaceID: "village"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Actors != 0 || r.DegreeCentralization != 0 || r.BetweennessCentralization != 0 || r.TopShare != 0 ||
		r.Seats.Seats != 0 || len(r.Gatekeepers) != 0 || len(r.Brokers) != 0 || r.Seats.HolderList == nil {
		t.Errorf("PowerConcentration(empty village) = %+v, want zeros and empty lists", r)
	}
	if _, err := svc.PowerConcentration(ctx, store.Scope{PlaceID: "nowhere"}); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("PowerConcentration(nowhere) error = %v, want ENOTFOUND", err)
	}
}

// nearTol reports whether a and b agree within tol.
func nearTol(a, b, tol float64) bool {
	d := a - b
	return d <= tol && d >= -tol
}
