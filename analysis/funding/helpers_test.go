package funding_test

import (
	"math"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis/funding"
)

// near reports whether a and b agree to 1e-9, relative to the larger of
// them when it exceeds 1 (the figures here are pounds, up to millions).
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// day parses a YYYY-MM-DD date as midnight UTC.
func day(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatalf("day(%q): %v", s, err)
	}
	return t
}

// at parses an RFC 3339 time.
func at(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatalf("at(%q): %v", s, err)
	}
	return t
}

// place builds a place; pop < 0 means unknown population, scale "" means
// no need index.
func place(id string, pop int, need float64, scale string) funding.Place {
	p := funding.Place{ID: id}
	if pop >= 0 {
		p.Population = &pop
	}
	if scale != "" {
		p.NeedIndex, p.NeedScale = &need, scale
	}
	return p
}

// decile builds a place with an IMD decile.
func decile(id string, pop int, d float64) funding.Place {
	return place(id, pop, d, "IMD2019_DECILE")
}

// gbp builds a GBP grant from funder f to recipient r, awarded on the
// date when (YYYY-MM-DD), for the places given.
func gbp(tb testing.TB, id string, amount float64, when, f, r string, places ...string) funding.Grant {
	tb.Helper()
	return funding.Grant{ID: id, Amount: amount, Currency: "GBP", AwardedOn: day(tb, when), FunderID: f, RecipientID: r, Places: places}
}

// want is the expected figures of one ranked place.
type want struct {
	id                                       string
	awarded, perHead, weight, fair, gap, gph float64
	known                                    bool
	grants                                   int
}

// checkRanked compares the ranked places of rep with ws, in order.
func checkRanked(t *testing.T, rep funding.Report, ws []want) {
	t.Helper()
	if len(rep.Places) != len(ws) {
		t.Fatalf("Underserved: %d ranked places %v, want %d", len(rep.Places), ids(rep.Places), len(ws))
	}
	for i, w := range ws {
		p := rep.Places[i]
		if p.PlaceID != w.id || p.Rank != i+1 {
			t.Errorf("Underserved: rank %d is %s (Rank %d), want %s", i+1, p.PlaceID, p.Rank, w.id)
			continue
		}
		if p.PerHead == nil || p.FairShare == nil || p.Gap == nil || p.GapPerHead == nil {
			t.Errorf("Underserved(%s): nil figure in a ranked place: %+v", w.id, p)
			continue
		}
		got := []float64{p.Awarded, *p.PerHead, p.NeedWeight, *p.FairShare, *p.Gap, *p.GapPerHead}
		exp := []float64{w.awarded, w.perHead, w.weight, w.fair, w.gap, w.gph}
		for j, name := range []string{"awarded", "perHead", "needWeight", "fairShare", "gap", "gapPerHead"} {
			if !near(got[j], exp[j]) {
				t.Errorf("Underserved(%s).%s = %v, want %v", w.id, name, got[j], exp[j])
			}
		}
		if p.NeedKnown != w.known {
			t.Errorf("Underserved(%s).NeedKnown = %v, want %v", w.id, p.NeedKnown, w.known)
		}
		if p.Grants != w.grants {
			t.Errorf("Underserved(%s).Grants = %d, want %d", w.id, p.Grants, w.grants)
		}
	}
}

// ids returns the place ids of pf, in order.
func ids(pf []funding.PlaceFunding) []string {
	out := make([]string, len(pf))
	for i, p := range pf {
		out[i] = p.PlaceID
	}
	return out
}
