package funding_test

import (
	"fmt"
	"time"

	"github.com/voicemap/voicemap/analysis/funding"
)

// Two wards of 1,000 residents: North in IMD decile 1 (need 10/5.5),
// South in decile 10 (need 1/5.5). £11,000 went half to each; a
// need-weighted fair share gives North 10/11 of it.
func ExampleUnderserved() {
	pop, d1, d10 := 1000, 1.0, 10.0
	places := []funding.Place{
		{ID: "north", Population: &pop, NeedIndex: &d1, NeedScale: "IMD2019_DECILE"},
		{ID: "south", Population: &pop, NeedIndex: &d10, NeedScale: "IMD2019_DECILE"},
	}
	on := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	grants := []funding.Grant{
		{ID: "g1", Amount: 11000, Currency: "GBP", AwardedOn: on, FunderID: "fund", RecipientID: "club", Places: []string{"north", "south"}},
	}
	rep, err := funding.Underserved(places, grants, funding.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range rep.Places {
		fmt.Printf("%d %s awarded %.0f fair %.0f gap %.0f (%.2f a head)\n", p.Rank, p.PlaceID, p.Awarded, *p.FairShare, *p.Gap, *p.GapPerHead)
	}
	// Output:
	// 1 north awarded 5500 fair 10000 gap 4500 (4.50 a head)
	// 2 south awarded 5500 fair 1000 gap -4500 (-4.50 a head)
}
