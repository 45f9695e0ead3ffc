package service

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/funding"
	"github.com/voicemap/voicemap/store"
)

// MaxUnderservedFirst is the most places UnderservedPlaces returns.
const MaxUnderservedFirst = 500

// FundingFilter selects the grants and places of a funding analysis:
// FunderID (empty: every funder), PlaceID (the scope is that place with its
// descendants; empty: every place), the award window From..To (inclusive,
// by calendar day; nil leaves an end open) and Currency (the one currency
// analysed, funding.DefaultCurrency when empty).
type FundingFilter struct {
	FunderID string
	PlaceID  string
	From, To *time.Time
	Currency string
}

// PlaceFunding is the money one leaf place received against its
// need-weighted fair share (funding.PlaceFunding), amounts in major units
// of the currency (pounds, not pence).
type PlaceFunding struct {
	Place      store.Place
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

// UnderservedReport is the answer of Underserved: the ranked leaf places,
// most under-served first, and the leaf places with no population, by id,
// with the totals of funding.Totals (major units) and the grants left out
// for their currency.
type UnderservedReport struct {
	Places          []PlaceFunding
	Unranked        []PlaceFunding
	Currency        string
	Grants          int
	TotalAwarded    float64
	RankedAwarded   float64
	UnrankedAwarded float64
	OutOfScope      float64
	Unplaced        float64
	Unmatched       float64
	Population      int
	OtherCurrencies []funding.CurrencyTotal
}

// FundingConcentration is how concentrated the grants to a scope are across
// their recipients (funding.ConcentrationReport), amounts in major units.
// TopRecipient is nil when no money was counted, and when the organisation
// lies outside the principal's places (its share still counts: the
// figures are the scope's, the name is the organisation's place's).
type FundingConcentration struct {
	Currency            string
	Grants              int
	Total               float64
	Recipients          int
	Gini                float64
	HHI                 float64
	EffectiveRecipients float64
	TopRecipient        *store.Organisation
	TopShare            float64
	OtherCurrencies     []funding.CurrencyTotal
	// UnplacedGrants and Unplaced count and sum the selected grants naming
	// no place; Unmatched sums the parts of grants for locations that
	// matched no place (funding.ConcentrationReport).
	UnplacedGrants int
	Unplaced       float64
	Unmatched      float64
}

// Grant returns a grant by id (ENOTFOUND if there is none).
func (s *Service) Grant(ctx context.Context, id string) (store.Grant, error) {
	return run(ctx, s, "Grant", func(a *access) (store.Grant, error) {
		g, err := s.st.Grant(ctx, id)
		if err != nil {
			return store.Grant{}, err
		}
		return seen(g, a.see(ctx, grantAt(g), "grant", id))
	})
}

// Underserved ranks the leaf places in scope by how far the money they
// received from the grants selected by f falls below a need-weighted fair
// share, as funding.Underserved defines it, and returns at most first
// ranked places (1 to MaxUnderservedFirst) with every unranked one.
//
// A leaf place is a place with no child place. A grant naming a place that
// is not a leaf stands for that place's leaves: its beneficiaries are the
// distinct leaves of the places it names (a leaf standing for itself), and
// its amount is split equally among them, as funding splits any grant.
// Leaves are taken from the whole place tree, so a place's share of a grant
// does not depend on the scope asked about; shares going to leaves out of
// scope are totalled in OutOfScope.
//
// The answer is computed on every request, not cached: it reads every
// place and every grant matching the funder and dates (and the scope, when
// the scope is a top-level place), so its cost is O(places + grants).
// Errors: EINVALID for first out of range or From after To, ENOTFOUND for
// an unknown funder or place.
func (s *Service) Underserved(ctx context.Context, f FundingFilter, first int) (UnderservedReport, error) {
	return run(ctx, s, "Underserved", func(a *access) (UnderservedReport, error) {
		var err error
		if f.PlaceID, err = a.place(ctx, f.PlaceID); err != nil {
			return UnderservedReport{}, err
		}
		if first < 1 || first > MaxUnderservedFirst {
			return UnderservedReport{}, store.Errorf(store.EINVALID, "first must be between 1 and %d, got %d", MaxUnderservedFirst, first)
		}
		in, err := s.fundingInput(ctx, f)
		if err != nil {
			return UnderservedReport{}, err
		}
		rep, err := funding.Underserved(in.places, in.grants, in.opts)
		if err != nil {
			return UnderservedReport{}, fundingError(err)
		}
		scale := minorScale(rep.Totals.Currency)
		out := UnderservedReport{
			Places:          in.rows(rep.Places[:min(first, len(rep.Places))], scale),
			Unranked:        in.rows(rep.Unranked, scale),
			Currency:        rep.Totals.Currency,
			Grants:          rep.Totals.Grants,
			TotalAwarded:    rep.Totals.Awarded / scale,
			RankedAwarded:   rep.Totals.Ranked / scale,
			UnrankedAwarded: rep.Totals.Unranked / scale,
			OutOfScope:      rep.Totals.OutOfScope / scale,
			Unplaced:        rep.Totals.Unplaced / scale,
			Unmatched:       rep.Totals.Unmatched / scale,
			Population:      rep.Totals.Population,
			OtherCurrencies: majorTotals(rep.OtherCurrencies),
		}
		return out, nil
	})
}

// FundingConcentration measures how concentrated the grants selected by f
// (a funder's, or every funder's) are across their recipients: without a
// place, every grant counts in full, placed or not (funding.Concentration);
// with one, each grant counts with the share of its amount going to the
// leaf places in scope (funding.ConcentrationIn, with the leaf expansion of
// Underserved). Either way the answer says how many grants named no place
// and how much money they and the unmatched locations carry. It is
// computed on every request.
// Errors: EINVALID for From after To, ENOTFOUND for an unknown funder or
// place.
func (s *Service) FundingConcentration(ctx context.Context, f FundingFilter) (FundingConcentration, error) {
	return run(ctx, s, "FundingConcentration", func(a *access) (FundingConcentration, error) {
		var err error
		if f.PlaceID, err = a.place(ctx, f.PlaceID); err != nil {
			return FundingConcentration{}, err
		}
		in, err := s.fundingInput(ctx, f)
		if err != nil {
			return FundingConcentration{}, err
		}
		// Without a place every selected grant counts, placed or not; with
		// one, the shares in its scope.
		var rep funding.ConcentrationReport
		if f.PlaceID == "" {
			rep, err = funding.Concentration(in.grants, in.opts)
		} else {
			rep, err = funding.ConcentrationIn(in.places, in.grants, in.opts)
		}
		if err != nil {
			return FundingConcentration{}, fundingError(err)
		}
		scale := minorScale(rep.Currency)
		out := FundingConcentration{
			Currency: rep.Currency, Grants: rep.Grants, Total: rep.Total / scale, Recipients: rep.Recipients,
			Gini: rep.Gini, HHI: rep.HHI, EffectiveRecipients: rep.EffectiveRecipients, TopShare: rep.TopShare,
			OtherCurrencies: majorTotals(rep.OtherCurrencies),
			UnplacedGrants:  rep.UnplacedGrants, Unplaced: rep.Unplaced / scale, Unmatched: rep.Unmatched / scale,
		}
		if rep.TopRecipientID != "" {
			o, err := s.st.Organisation(ctx, rep.TopRecipientID)
			if err != nil {
				return FundingConcentration{}, err
			}
			if ok, err := a.keeps(ctx, actorAt(store.Actor{Organisation: &o})); err != nil {
				return FundingConcentration{}, err
			} else if ok {
				out.TopRecipient = &o
			}
		}
		return out, nil
	})
}

// fundingInput is what the funding analyses read: the leaf places in scope,
// the grants with their beneficiaries expanded to leaves (amounts in minor
// units), the options, and the places by id.
type fundingInput struct {
	places []funding.Place
	grants []funding.Grant
	opts   funding.Options
	byID   map[string]store.Place
}

// rows converts funding rows to PlaceFunding, dividing amounts by scale.
func (in fundingInput) rows(rs []funding.PlaceFunding, scale float64) []PlaceFunding {
	div := func(p *float64) *float64 {
		if p == nil {
			return nil
		}
		v := *p / scale
		return &v
	}
	out := make([]PlaceFunding, len(rs))
	for i, r := range rs {
		out[i] = PlaceFunding{
			Place: in.byID[r.PlaceID], Population: r.Population, NeedIndex: r.NeedIndex, NeedScale: r.NeedScale,
			NeedWeight: r.NeedWeight, NeedKnown: r.NeedKnown, Grants: r.Grants, Awarded: r.Awarded / scale,
			PerHead: div(r.PerHead), FairShare: div(r.FairShare), Gap: div(r.Gap), GapPerHead: div(r.GapPerHead),
			Rank: r.Rank,
		}
	}
	return out
}

// fundingInput checks f and reads the place tree and the matching grants.
func (s *Service) fundingInput(ctx context.Context, f FundingFilter) (fundingInput, error) {
	if f.From != nil && f.To != nil && f.From.After(*f.To) {
		return fundingInput{}, store.Errorf(store.EINVALID, "from %s is after to %s",
			f.From.Format(time.DateOnly), f.To.Format(time.DateOnly))
	}
	if f.FunderID != "" {
		if _, err := s.st.Organisation(ctx, f.FunderID); err != nil {
			return fundingInput{}, err
		}
	}
	all, err := s.allPlaces(ctx)
	if err != nil {
		return fundingInput{}, err
	}
	in := fundingInput{byID: make(map[string]store.Place, len(all))}
	children := make(map[string][]string)
	for _, p := range all {
		in.byID[p.ID] = p
		if p.ParentID != "" {
			children[p.ParentID] = append(children[p.ParentID], p.ID)
		}
	}
	root, ok := in.byID[f.PlaceID]
	if f.PlaceID != "" && !ok {
		return fundingInput{}, store.Errorf(store.ENOTFOUND, "place %q not found", f.PlaceID)
	}
	for _, id := range leavesOf(f.PlaceID, all, children) {
		p := in.byID[id]
		in.places = append(in.places, funding.Place{ID: p.ID, Population: p.Population, NeedIndex: p.NeedIndex, NeedScale: p.NeedScale})
	}

	// Grants naming an ancestor of the scope reach its leaves too, so the
	// store's place filter (the place with its descendants) is used only
	// when the scope is a top-level place.
	gf := store.GrantFilter{FunderID: f.FunderID}
	if f.PlaceID != "" && root.ParentID == "" {
		gf.PlaceID = f.PlaceID
	}
	// The store's bounds are widened by a day each way; funding applies the
	// exact calendar-day window.
	if f.From != nil {
		from := f.From.AddDate(0, 0, -1)
		gf.From = &from
	}
	if f.To != nil {
		to := f.To.AddDate(0, 0, 1)
		gf.To = &to
	}
	grants, err := s.allGrants(ctx, gf)
	if err != nil {
		return fundingInput{}, err
	}
	leafCache := map[string][]string{}
	for _, g := range grants {
		var bens []string
		for _, pid := range g.PlaceIDs {
			ls, ok := leafCache[pid]
			if !ok {
				ls = leavesOf(pid, nil, children)
				leafCache[pid] = ls
			}
			bens = append(bens, ls...)
		}
		slices.Sort(bens)
		// The unmatched locations' shares of the amount, exactly as the
		// import and GrantTotals share it.
		var unmatched int64
		if len(g.Unmatched) > 0 {
			for _, s := range Shares(g.Amount, len(g.PlaceIDs)+len(g.Unmatched))[len(g.PlaceIDs):] {
				unmatched += s
			}
		}
		in.grants = append(in.grants, funding.Grant{
			ID: g.ID, Amount: float64(g.Amount), Currency: g.Currency, AwardedOn: g.AwardedOn,
			FunderID: g.FunderID, RecipientID: g.RecipientID, Places: slices.Compact(bens), Unmatched: float64(unmatched),
		})
	}
	in.opts = funding.Options{FunderID: f.FunderID, Currency: f.Currency}
	if f.From != nil {
		in.opts.From = *f.From
	}
	if f.To != nil {
		in.opts.To = *f.To
	}
	return in, nil
}

// leavesOf returns, sorted, the leaves under the place id (the place itself
// when it has no child); for an empty id, the leaves among all places.
func leavesOf(id string, all []store.Place, children map[string][]string) []string {
	var out []string
	if id == "" {
		for _, p := range all {
			if len(children[p.ID]) == 0 {
				out = append(out, p.ID)
			}
		}
		slices.Sort(out)
		return out
	}
	seen := map[string]bool{}
	stack := []string{id}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		if len(children[n]) == 0 {
			out = append(out, n)
		}
		stack = append(stack, children[n]...)
	}
	slices.Sort(out)
	return out
}

// allPlaces reads every place, page by page.
func (s *Service) allPlaces(ctx context.Context) ([]store.Place, error) {
	var out []store.Place
	page := store.Page{First: store.MaxPageSize}
	for {
		c, err := s.st.Places(ctx, store.PlaceFilter{}, page)
		if err != nil {
			return nil, err
		}
		out = append(out, c.Items...)
		if !c.HasNextPage {
			return out, nil
		}
		page.After = c.EndCursor
	}
}

// allGrants reads every grant matching f, page by page.
func (s *Service) allGrants(ctx context.Context, f store.GrantFilter) ([]store.Grant, error) {
	var out []store.Grant
	page := store.Page{First: store.MaxPageSize}
	for {
		c, err := s.st.Grants(ctx, f, page)
		if err != nil {
			return nil, err
		}
		out = append(out, c.Items...)
		if !c.HasNextPage {
			return out, nil
		}
		page.After = c.EndCursor
	}
}

// fundingError turns an analysis.ErrInvalid from package funding into
// EINVALID; other errors pass through.
func fundingError(err error) error {
	if errors.Is(err, analysis.ErrInvalid) {
		return store.Errorf(store.EINVALID, "%s", err.Error())
	}
	return err
}

// zeroDecimal and threeDecimal list the ISO 4217 currencies whose minor
// unit is not a hundredth of the major unit; every other currency has two
// decimals.
var (
	zeroDecimal  = []string{"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}
	threeDecimal = []string{"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}
)

// minorScale returns the number of minor units in one major unit of
// currency (ISO 4217): 100 for GBP.
func minorScale(currency string) float64 {
	c := strings.ToUpper(strings.TrimSpace(currency))
	switch {
	case slices.Contains(zeroDecimal, c):
		return 1
	case slices.Contains(threeDecimal, c):
		return 1000
	}
	return 100
}

// MinorScale returns the number of minor units in one major unit of the
// ISO 4217 currency: 1 for JPY, 1000 for KWD, 100 for GBP and most others.
func MinorScale(currency string) float64 { return minorScale(currency) }

// majorTotals converts currency totals from minor to major units.
func majorTotals(ts []funding.CurrencyTotal) []funding.CurrencyTotal {
	out := make([]funding.CurrencyTotal, len(ts))
	for i, t := range ts {
		t.Amount /= minorScale(t.Currency)
		out[i] = t
	}
	return out
}
