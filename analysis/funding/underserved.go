package funding

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// PlaceFunding is the money one place received against its need-weighted
// fair share. Population, NeedIndex and NeedScale echo the input.
// NeedWeight is the need weight of the package documentation and NeedKnown
// whether it was read from a need index (false: defaulted to 1). Grants
// counts the grants with a share for the place and Awarded sums those
// shares. PerHead, FairShare, Gap and GapPerHead are nil for a place
// without population, whose Rank is 0; otherwise Rank is 1 for the most
// under-served place.
type PlaceFunding struct {
	PlaceID    string
	Population *int
	NeedIndex  *float64
	NeedScale  string
	NeedWeight float64
	NeedKnown  bool
	Grants     int
	Awarded    float64
	PerHead    *float64
	FairShare  *float64
	Gap        *float64
	GapPerHead *float64
	Rank       int
}

// Totals accounts for every counted grant, in Currency. Grants is the
// number of grants counted and Awarded the sum of their amounts, which is
// split as Ranked (to places with a population: Σ FairShare) + Unranked (to
// places in scope without one) + OutOfScope (shares going to beneficiary
// places not in scope) + Unplaced (grants naming no beneficiary place) +
// Unmatched (the shares of beneficiary locations that matched no place).
// Population sums the ranked places' populations.
type Totals struct {
	Currency   string
	Grants     int
	Awarded    float64
	Ranked     float64
	Unranked   float64
	OutOfScope float64
	Unplaced   float64
	Unmatched  float64
	Population int
}

// Report is the answer of Underserved. Places holds the ranked places, most
// under-served first (gap per head descending, ties by id); Unranked the
// places without population, by id. OtherCurrencies totals, per currency,
// the grants that passed the funder and date filters but were left out
// because of their currency, sorted by currency.
type Report struct {
	Places          []PlaceFunding
	Unranked        []PlaceFunding
	Totals          Totals
	OtherCurrencies []CurrencyTotal
}

// Underserved sets the grants selected by opts against the places in scope
// and ranks the places with a population by how far they fall below their
// need-weighted fair share (see the package documentation for the formula,
// the need weights and the equal split of a grant among its places):
//
//	fairShare_p = T × population_p × need_p / Σ_q population_q × need_q
//	gap_p       = fairShare_p − awarded_p,  ranked by gap_p / population_p
//
// where T is the money the ranked places received. Places must have
// distinct, non-empty ids and no negative population. Invalid places,
// grants or options give an error wrapping analysis.ErrInvalid. The answer
// does not depend on the order of places or grants.
func Underserved(places []Place, grants []Grant, opts Options) (Report, error) {
	ps, err := sortedPlaces(places)
	if err != nil {
		return Report{}, err
	}
	ranked := make([]bool, len(ps))
	for i, p := range ps {
		ranked[i] = p.Population != nil && *p.Population > 0
	}
	weights, known, err := needWeights(ps, ranked)
	if err != nil {
		return Report{}, err
	}
	sel, err := selectGrants(grants, opts)
	if err != nil {
		return Report{}, err
	}
	awarded, counts, totals := distribute(ps, sel)

	var pot, weightSum float64
	for i, p := range ps {
		if ranked[i] {
			pot += awarded[i]
			weightSum += float64(*p.Population) * weights[i]
			totals.Population += *p.Population
		} else {
			totals.Unranked += awarded[i]
		}
	}
	totals.Ranked = pot

	rep := Report{Places: []PlaceFunding{}, Unranked: []PlaceFunding{}, Totals: totals, OtherCurrencies: sel.other}
	for i, p := range ps {
		pf := PlaceFunding{
			PlaceID:    p.ID,
			Population: cloneInt(p.Population),
			NeedIndex:  cloneFloat(p.NeedIndex),
			NeedScale:  p.NeedScale,
			NeedWeight: weights[i],
			NeedKnown:  known[i],
			Grants:     counts[i],
			Awarded:    awarded[i],
		}
		if !ranked[i] {
			rep.Unranked = append(rep.Unranked, pf)
			continue
		}
		pop := float64(*p.Population)
		fair := 0.0
		if weightSum > 0 {
			fair = pot * pop * weights[i] / weightSum
		}
		gap := fair - awarded[i]
		pf.PerHead = ptr(awarded[i] / pop)
		pf.FairShare = ptr(fair)
		pf.Gap = ptr(gap)
		pf.GapPerHead = ptr(gap / pop)
		rep.Places = append(rep.Places, pf)
	}
	slices.SortStableFunc(rep.Places, func(a, b PlaceFunding) int {
		if c := cmp.Compare(*b.GapPerHead, *a.GapPerHead); c != 0 {
			return c
		}
		return cmp.Compare(a.PlaceID, b.PlaceID)
	})
	for i := range rep.Places {
		rep.Places[i].Rank = i + 1
	}
	return rep, nil
}

// distribute shares each selected grant equally among its distinct
// beneficiary places and returns, per place of ps, the money received and
// the number of grants; the returned totals carry the currency, the grant
// count and sum, and the money going out of scope or to no place.
func distribute(ps []Place, sel selection) (awarded []float64, counts []int, totals Totals) {
	index := make(map[string]int, len(ps))
	for i, p := range ps {
		index[p.ID] = i
	}
	awarded = make([]float64, len(ps))
	counts = make([]int, len(ps))
	totals.Currency = sel.currency
	for _, g := range sel.grants {
		totals.Grants++
		totals.Awarded += g.Amount
		totals.Unmatched += g.Unmatched
		bens := beneficiaries(g)
		if len(bens) == 0 {
			totals.Unplaced += g.Amount - g.Unmatched
			continue
		}
		share := (g.Amount - g.Unmatched) / float64(len(bens))
		for _, b := range bens {
			i, ok := index[b]
			if !ok {
				totals.OutOfScope += share
				continue
			}
			awarded[i] += share
			counts[i]++
		}
	}
	return awarded, counts, totals
}

// sortedPlaces returns a copy of places sorted by id, or an error wrapping
// analysis.ErrInvalid if an id is empty or repeated or a population is
// negative.
func sortedPlaces(places []Place) ([]Place, error) {
	ps := slices.Clone(places)
	slices.SortFunc(ps, func(a, b Place) int { return cmp.Compare(a.ID, b.ID) })
	for i, p := range ps {
		switch {
		case p.ID == "":
			return nil, fmt.Errorf("%w: funding: a place has no id", analysis.ErrInvalid)
		case i > 0 && ps[i-1].ID == p.ID:
			return nil, fmt.Errorf("%w: funding: place %q appears twice", analysis.ErrInvalid, p.ID)
		case p.Population != nil && *p.Population < 0:
			return nil, fmt.Errorf("%w: funding: place %q has population %d, want ≥ 0", analysis.ErrInvalid, p.ID, *p.Population)
		}
	}
	return ps, nil
}

// ptr returns a pointer to a copy of v.
func ptr(v float64) *float64 { return &v }

// cloneInt and cloneFloat copy an optional input figure, so that the
// report never aliases the caller's memory.
func cloneInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneFloat(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
