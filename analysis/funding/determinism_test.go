package funding_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis/funding"
)

// randomInput builds a seeded random scope: places with and without
// population on deciles, scores and no scale; grants in GBP and USD, from
// three funders, to one to three places (some out of scope, some none).
func randomInput(r *rand.Rand) ([]funding.Place, []funding.Grant) {
	n := 1 + r.IntN(30)
	places := make([]funding.Place, n)
	for i := range places {
		pop := -1
		if r.IntN(5) > 0 {
			pop = r.IntN(5000)
		}
		switch r.IntN(3) {
		case 0:
			places[i] = decile(fmt.Sprintf("p%02d", i), pop, float64(1+r.IntN(10)))
		case 1:
			places[i] = place(fmt.Sprintf("p%02d", i), pop, math.Round(r.Float64()*800)/10, "IMD2019_SCORE")
		default:
			places[i] = place(fmt.Sprintf("p%02d", i), pop, 0, "")
		}
	}
	grants := make([]funding.Grant, r.IntN(100))
	for i := range grants {
		var ps []string
		for range r.IntN(4) {
			ps = append(ps, fmt.Sprintf("p%02d", r.IntN(n+5)))
		}
		cur := "GBP"
		if r.IntN(8) == 0 {
			cur = "USD"
		}
		grants[i] = funding.Grant{
			ID: fmt.Sprintf("g%03d", i), Amount: math.Round(r.Float64()*1e6) / 100, Currency: cur,
			AwardedOn: time.Date(2020+r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
			FunderID:  fmt.Sprintf("f%d", r.IntN(3)), RecipientID: fmt.Sprintf("r%d", r.IntN(10)), Places: ps,
		}
	}
	return places, grants
}

// TestInvariants checks, on seeded random inputs, what the formula
// promises: Σ fairShare = T, Σ gap = 0, fairShare ∝ population × need,
// every counted pound accounted for once, ranks 1..n by gap per head, and
// the same report whatever the order of the input.
func TestInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 4))
	opts := []funding.Options{{}, {FunderID: "f1"}, {From: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC)}}
	for trial := range 200 {
		places, grants := randomInput(r)
		o := opts[trial%len(opts)]
		rep, err := funding.Underserved(places, grants, o)
		if err != nil {
			t.Fatalf("trial %d: Underserved: %v", trial, err)
		}
		tot := rep.Totals
		var fair, gap, awarded, unranked float64
		for i, p := range rep.Places {
			fair += *p.FairShare
			gap += *p.Gap
			awarded += p.Awarded
			if p.Rank != i+1 || (i > 0 && *p.GapPerHead > *rep.Places[i-1].GapPerHead) {
				t.Fatalf("trial %d: place %s at %d has rank %d, gap per head %v after %v", trial, p.PlaceID, i, p.Rank, *p.GapPerHead, *rep.Places[i-1].GapPerHead)
			}
			// fairShare / (pop × need) is the same for every ranked place.
			if w := float64(*p.Population) * p.NeedWeight; w > 0 {
				ref := rep.Places[0]
				if rw := float64(*ref.Population) * ref.NeedWeight; rw > 0 && !near(*p.FairShare/w, *ref.FairShare/rw) {
					t.Fatalf("trial %d: fair share per weight of %s %v, of %s %v", trial, p.PlaceID, *p.FairShare/w, ref.PlaceID, *ref.FairShare/rw)
				}
			}
		}
		for _, p := range rep.Unranked {
			unranked += p.Awarded
		}
		if !near(fair, tot.Ranked) || !near(awarded, tot.Ranked) || !near(unranked, tot.Unranked) || math.Abs(gap) > 1e-6 {
			t.Fatalf("trial %d: Σ fair %v, Σ awarded %v, ranked %v, Σ gap %v", trial, fair, awarded, tot.Ranked, gap)
		}
		if !near(tot.Awarded, tot.Ranked+tot.Unranked+tot.OutOfScope+tot.Unplaced) {
			t.Fatalf("trial %d: totals %+v do not add up", trial, tot)
		}
		c, err := funding.Concentration(grants, o)
		if err != nil {
			t.Fatalf("trial %d: Concentration: %v", trial, err)
		}
		if c.Grants != tot.Grants || !near(c.Total, tot.Awarded) || c.Gini < 0 || c.Gini >= 1 || (c.Total > 0 && (c.HHI < 1/float64(c.Recipients)-1e-12 || c.HHI > 1)) {
			t.Fatalf("trial %d: Concentration %+v against totals %+v", trial, c, tot)
		}

		// Shuffled input, same answer, to the last bit.
		r.Shuffle(len(places), func(i, j int) { places[i], places[j] = places[j], places[i] })
		r.Shuffle(len(grants), func(i, j int) { grants[i], grants[j] = grants[j], grants[i] })
		again, err := funding.Underserved(places, grants, o)
		if err != nil || !reflect.DeepEqual(rep, again) {
			t.Fatalf("trial %d: Underserved on shuffled input differs (err %v)", trial, err)
		}
		c2, err := funding.Concentration(grants, o)
		if err != nil || !reflect.DeepEqual(c, c2) {
			t.Fatalf("trial %d: Concentration on shuffled input differs (err %v)", trial, err)
		}
	}
}
