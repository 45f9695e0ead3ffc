package funding

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/power"
)

// RecipientTotal is the money one recipient organisation received from the
// counted grants, and the number of those grants.
type RecipientTotal struct {
	RecipientID string
	Grants      int
	Amount      float64
}

// ConcentrationReport is the answer of Concentration and ConcentrationIn:
// how evenly the counted grants, in Currency, spread over their recipients.
// Grants and Total are the number and sum of the counted grants (or their
// shares in scope), Recipients the number of distinct recipients.
//
//	Gini                = power.Gini(totals per recipient)
//	HHI                 = Σ_r s_r²,  s_r = total_r / Total   (in (0, 1])
//	EffectiveRecipients = 1 / HHI
//	TopShare            = the largest s_r, held by TopRecipientID
//
// Gini is 0 when every recipient received the same and (n−1)/n when one of
// n recipients received everything (population convention, as NumPy and R
// ineq::Gini(corr=FALSE)). With no money (no grants, or only zero amounts)
// Gini, HHI, EffectiveRecipients and TopShare are 0 and TopRecipientID is
// empty. ByRecipient lists the totals, largest first, ties by id;
// OtherCurrencies the grants left out only for their currency.
//
// UnplacedGrants and Unplaced count and sum, among the grants selected by
// the options, those naming no beneficiary place (less any unmatched
// part), and Unmatched sums the parts for beneficiary locations that
// matched no place: Concentration counts them in full among the rest,
// ConcentrationIn cannot place them in its scope and reports them only.
type ConcentrationReport struct {
	UnplacedGrants      int
	Unplaced            float64
	Unmatched           float64
	Currency            string
	Grants              int
	Total               float64
	Recipients          int
	Gini                float64
	HHI                 float64
	EffectiveRecipients float64
	TopRecipientID      string
	TopShare            float64
	ByRecipient         []RecipientTotal
	OtherCurrencies     []CurrencyTotal
}

// Concentration measures how concentrated the grants selected by opts are
// across their recipients: each grant counts in full, wherever its
// beneficiaries are. A counted grant without a recipient, or invalid grants
// or options, give an error wrapping analysis.ErrInvalid.
func Concentration(grants []Grant, opts Options) (ConcentrationReport, error) {
	sel, err := selectGrants(grants, opts)
	if err != nil {
		return ConcentrationReport{}, err
	}
	return concentrate(sel, func(Grant) float64 { return 1 })
}

// ConcentrationIn is Concentration restricted to a scope of places: each
// grant selected by opts counts with the share of its amount that goes to
// the places given (its amount split equally among its distinct
// beneficiary places, as in Underserved), and grants with no share in scope
// are left out. Invalid places, grants or options give an error wrapping
// analysis.ErrInvalid.
func ConcentrationIn(places []Place, grants []Grant, opts Options) (ConcentrationReport, error) {
	ps, err := sortedPlaces(places)
	if err != nil {
		return ConcentrationReport{}, err
	}
	inScope := make(map[string]bool, len(ps))
	for _, p := range ps {
		inScope[p.ID] = true
	}
	sel, err := selectGrants(grants, opts)
	if err != nil {
		return ConcentrationReport{}, err
	}
	return concentrate(sel, func(g Grant) float64 {
		bens := beneficiaries(g)
		in := 0
		for _, b := range bens {
			if inScope[b] {
				in++
			}
		}
		if in == 0 {
			return 0
		}
		return float64(in) / float64(len(bens))
	})
}

// concentrate totals the selected grants per recipient, each weighted by
// fraction(g) (grants with fraction 0 are left out), and measures the
// spread of the totals.
func concentrate(sel selection, fraction func(Grant) float64) (ConcentrationReport, error) {
	rep := ConcentrationReport{Currency: sel.currency, ByRecipient: []RecipientTotal{}, OtherCurrencies: sel.other}
	index := map[string]int{}
	for _, g := range sel.grants {
		rep.Unmatched += g.Unmatched
		if len(beneficiaries(g)) == 0 && g.Amount > g.Unmatched {
			rep.UnplacedGrants++
			rep.Unplaced += g.Amount - g.Unmatched
		}
	}
	for _, g := range sel.grants {
		f := fraction(g)
		if f == 0 {
			continue
		}
		if g.RecipientID == "" {
			return ConcentrationReport{}, fmt.Errorf("%w: funding: grant %q has no recipient", analysis.ErrInvalid, g.ID)
		}
		amount := g.Amount
		if f != 1 {
			amount *= f
		}
		i, ok := index[g.RecipientID]
		if !ok {
			i = len(rep.ByRecipient)
			index[g.RecipientID] = i
			rep.ByRecipient = append(rep.ByRecipient, RecipientTotal{RecipientID: g.RecipientID})
		}
		rep.ByRecipient[i].Grants++
		rep.ByRecipient[i].Amount += amount
		rep.Grants++
		rep.Total += amount
	}
	slices.SortFunc(rep.ByRecipient, func(a, b RecipientTotal) int {
		if c := cmp.Compare(b.Amount, a.Amount); c != 0 {
			return c
		}
		return cmp.Compare(a.RecipientID, b.RecipientID)
	})
	rep.Recipients = len(rep.ByRecipient)
	if rep.Total == 0 {
		return rep, nil
	}
	amounts := make([]float64, len(rep.ByRecipient))
	for i, r := range rep.ByRecipient {
		amounts[i] = r.Amount
	}
	rep.Gini = power.Gini(amounts)
	rep.HHI = power.HHI(amounts)
	rep.EffectiveRecipients = 1 / rep.HHI
	rep.TopRecipientID = rep.ByRecipient[0].RecipientID
	rep.TopShare = rep.ByRecipient[0].Amount / rep.Total
	return rep, nil
}
