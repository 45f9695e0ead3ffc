package service

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/voicemap/voicemap/store"
)

// GrantQuery selects grants: by funder, recipient, beneficiary place (with
// its descendants), programme title and award date (From and To inclusive);
// an empty field does not narrow.
type GrantQuery struct {
	FunderID, RecipientID, PlaceID, Programme string
	From, To                                  *time.Time
}

func (q GrantQuery) filter() store.GrantFilter {
	return store.GrantFilter{FunderID: q.FunderID, RecipientID: q.RecipientID, PlaceID: q.PlaceID, Programme: q.Programme, From: q.From, To: q.To}
}

// GrantGroupBy is what GrantTotals groups grants by.
type GrantGroupBy string

// The groupings of GrantTotals; GroupNone totals every grant together.
const (
	GroupNone      GrantGroupBy = ""
	GroupFunder    GrantGroupBy = "FUNDER"
	GroupRecipient GrantGroupBy = "RECIPIENT"
	GroupPlace     GrantGroupBy = "PLACE"
	GroupYear      GrantGroupBy = "YEAR"
	GroupProgramme GrantGroupBy = "PROGRAMME"
)

// GrantGroup is one group of GrantTotals: its key (an organisation or
// place id, a year, a programme title; "" for the grants without one, or
// for a place grouping the money of no place), a label (the organisation's
// or place's name), the grants with money in the group and the money per
// currency, exact in minor units.
type GrantGroup struct {
	Key, Label string
	// Basis says, for a PLACE grouping, what the group's money is: PLACE
	// (shares for the place Key), UNMATCHED (shares for beneficiary
	// locations that matched no place), UNPLACED (grants naming no
	// location) or OUTSIDE (shares for places outside the caller's
	// places); for FUNDER and RECIPIENT, OUTSIDE is the money of the
	// organisations outside the caller's places (unnamed); otherwise it
	// is the grouping.
	Basis   string
	Grants  int
	Amounts []Sum
}

// Grants lists the grants selected by q, a page at a time, ordered by id.
// Grants are money between organisations for places: funders may read
// them like every role; a caller scoped to places reads the grants
// benefiting them (placeId is resolved as for every list: none means the
// caller's single place). Errors: EINVALID for a bad page or From after
// To; ENOTFOUND for a place outside the caller's places.
func (s *Service) Grants(ctx context.Context, q GrantQuery, p store.Page) (store.Connection[store.Grant], error) {
	return run(ctx, s, "Grants", func(a *access) (store.Connection[store.Grant], error) {
		q, err := grantScope(ctx, a, q)
		if err != nil {
			return store.Connection[store.Grant]{}, err
		}
		return s.st.Grants(ctx, q.filter(), p)
	})
}

// grantScope applies the PlaceArg rule to a grant query's place and checks
// its dates.
func grantScope(ctx context.Context, a *access, q GrantQuery) (GrantQuery, error) {
	var err error
	if q.PlaceID, err = a.place(ctx, q.PlaceID); err != nil {
		return q, err
	}
	if q.From != nil && q.To != nil && q.From.After(*q.To) {
		return q, store.Errorf(store.EINVALID, "from %s is after to %s", q.From.Format(time.DateOnly), q.To.Format(time.DateOnly))
	}
	return q, nil
}

// GrantTotals counts and sums the grants selected by q (every one of
// them, not a page) grouped by by, most money first (GBP, else the first
// currency), then by key. Sums are exact, in minor units, and the groups
// of every grouping add up, currency by currency, to the total of the
// grants listed by Grants with the same q: with PLACE a grant's amount is
// shared among its beneficiary places and unmatched locations exactly
// (Shares: whole minor units, the first shares one unit larger), a grant
// naming no location counts whole in the UNPLACED group, and for a caller
// scoped to places the shares for places outside them are one OUTSIDE
// group, which names no place (and with FUNDER or RECIPIENT, the money of
// organisations outside them). Errors as for Grants.
func (s *Service) GrantTotals(ctx context.Context, q GrantQuery, by GrantGroupBy) ([]GrantGroup, error) {
	return run(ctx, s, "GrantTotals", func(a *access) ([]GrantGroup, error) {
		var err error
		switch by {
		case GroupNone, GroupFunder, GroupRecipient, GroupPlace, GroupYear, GroupProgramme:
		default:
			return nil, store.Errorf(store.EINVALID, "cannot group grants by %q", by)
		}
		if q, err = grantScope(ctx, a, q); err != nil {
			return nil, err
		}
		grants, err := s.allGrants(ctx, q.filter())
		if err != nil {
			return nil, err
		}
		groups := map[groupKey]*GrantGroup{}
		add := func(k groupKey, currency string, minor int64, counted map[groupKey]bool) {
			g := groups[k]
			if g == nil {
				g = &GrantGroup{Key: k.key, Basis: k.basis}
				groups[k] = g
			}
			if !counted[k] {
				g.Grants++
				counted[k] = true
			}
			g.Amounts = addMoney(g.Amounts, currency, minor)
		}
		orgKey, err := s.orgKeys(ctx, a, grants, by)
		if err != nil {
			return nil, err
		}
		for _, g := range grants {
			counted := map[groupKey]bool{}
			switch by {
			case GroupNone:
				add(groupKey{}, g.Currency, g.Amount, counted)
			case GroupFunder:
				add(orgKey(g.FunderID), g.Currency, g.Amount, counted)
			case GroupRecipient:
				add(orgKey(g.RecipientID), g.Currency, g.Amount, counted)
			case GroupYear:
				add(groupKey{strconv.Itoa(g.AwardedOn.Year()), string(by)}, g.Currency, g.Amount, counted)
			case GroupProgramme:
				add(groupKey{g.Programme, string(by)}, g.Currency, g.Amount, counted)
			case GroupPlace:
				if len(g.PlaceIDs) == 0 && len(g.Unmatched) == 0 {
					add(groupKey{"", "UNPLACED"}, g.Currency, g.Amount, counted)
					continue
				}
				shares := Shares(g.Amount, len(g.PlaceIDs)+len(g.Unmatched))
				for i, pid := range g.PlaceIDs {
					ok, err := a.visible(ctx, pid)
					if err != nil {
						return nil, err
					}
					if ok {
						add(groupKey{pid, "PLACE"}, g.Currency, shares[i], counted)
					} else {
						add(groupKey{"", "OUTSIDE"}, g.Currency, shares[i], counted)
					}
				}
				for _, sh := range shares[len(g.PlaceIDs):] {
					add(groupKey{"", "UNMATCHED"}, g.Currency, sh, counted)
				}
			}
		}
		return finishGroups(ctx, s, by, groups)
	})
}

// groupKey identifies a group of GrantTotals.
type groupKey struct{ key, basis string }

// orgKeys returns, for a FUNDER or RECIPIENT grouping, the group of an
// organisation id: its own, or one OUTSIDE group (naming nobody) for the
// organisations outside the caller's places, as a lookup of them would
// not find them.
func (s *Service) orgKeys(ctx context.Context, a *access, grants []store.Grant, by GrantGroupBy) (func(string) groupKey, error) {
	if by != GroupFunder && by != GroupRecipient {
		return nil, nil
	}
	var ids []string
	for _, g := range grants {
		ids = append(ids, g.FunderID, g.RecipientID)
	}
	slices.Sort(ids)
	actors, err := actorsByID(ctx, s.st, slices.Compact(ids))
	if err != nil {
		return nil, err
	}
	outside := map[string]bool{}
	for id, act := range actors {
		ok, err := a.keeps(ctx, actorAt(act))
		if err != nil {
			return nil, err
		}
		outside[id] = !ok
	}
	return func(id string) groupKey {
		if outside[id] {
			return groupKey{"", "OUTSIDE"}
		}
		return groupKey{id, string(by)}
	}, nil
}

// finishGroups lists groups labelled (as grouped by by), most money
// first (GBP, else the first currency), then by key and basis.
func finishGroups[K comparable](ctx context.Context, s *Service, by GrantGroupBy, groups map[K]*GrantGroup) ([]GrantGroup, error) {
	out := make([]GrantGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	if err := s.labelGroups(ctx, by, out); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b GrantGroup) int {
		if c := compareMoney(b.Amounts, a.Amounts); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Basis, b.Basis))
	})
	return out, nil
}

// labelGroups names the organisations or places of the groups.
func (s *Service) labelGroups(ctx context.Context, by GrantGroupBy, groups []GrantGroup) error {
	var ids []string
	for _, g := range groups {
		if g.Key != "" {
			ids = append(ids, g.Key)
		}
	}
	switch by {
	case GroupFunder, GroupRecipient:
		actors, err := actorsByID(ctx, s.st, ids)
		if err != nil {
			return err
		}
		for i, g := range groups {
			if a, ok := actors[g.Key]; ok && a.Organisation != nil {
				groups[i].Label = a.Organisation.Name
			}
		}
	case GroupPlace:
		places, err := s.st.PlacesByID(ctx, ids)
		if err != nil {
			return err
		}
		for i, g := range groups {
			groups[i].Label = places[g.Key].Name
		}
	}
	return nil
}

// GrantList is a page of grants with the query that selected them, so
// that their totals can be asked for (GrantTotals with GroupNone).
type GrantList struct {
	Connection store.Connection[store.Grant]
	Query      GrantQuery
}

// UnmatchedLocations lists the beneficiary locations that matched no
// place on the grants selected by q, each with its grants and its money
// (each grant's amount shared among its places and unmatched locations
// exactly, as GrantTotals shares it), most money first. Errors as for
// Grants.
func (s *Service) UnmatchedLocations(ctx context.Context, q GrantQuery) ([]UnmatchedLocation, error) {
	return run(ctx, s, "UnmatchedLocations", func(a *access) ([]UnmatchedLocation, error) {
		q, err := grantScope(ctx, a, q)
		if err != nil {
			return nil, err
		}
		grants, err := s.allGrants(ctx, q.filter())
		if err != nil {
			return nil, err
		}
		var tally unmatchedTally
		for _, g := range grants {
			if len(g.Unmatched) == 0 {
				continue
			}
			shares := Shares(g.Amount, len(g.PlaceIDs)+len(g.Unmatched))[len(g.PlaceIDs):]
			for i, label := range g.Unmatched {
				tally.add(label, "", g.Currency, shares[i])
			}
		}
		return tally.list(), nil
	})
}

// HeadquartersBasis groups the grants selected by q that name no
// beneficiary location by the place of their recipient organisation: where
// recipients are, not whom the money is for (the headquarters effect: a
// national charity's London office is not where its work happens). It is
// a separate basis, never mixed into beneficiary figures; the groups have
// Basis RECIPIENT_PLACE, Key the place id (labelled with its name, "" and
// OUTSIDE for a place outside the caller's places). Errors as for Grants.
func (s *Service) HeadquartersBasis(ctx context.Context, q GrantQuery) ([]GrantGroup, error) {
	return run(ctx, s, "HeadquartersBasis", func(a *access) ([]GrantGroup, error) {
		var err error
		if q, err = grantScope(ctx, a, q); err != nil {
			return nil, err
		}
		grants, err := s.allGrants(ctx, q.filter())
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, g := range grants {
			if len(g.PlaceIDs) == 0 && len(g.Unmatched) == 0 {
				ids = append(ids, g.RecipientID)
			}
		}
		slices.Sort(ids)
		actors, err := actorsByID(ctx, s.st, slices.Compact(ids))
		if err != nil {
			return nil, err
		}
		groups := map[string]*GrantGroup{}
		for _, g := range grants {
			if len(g.PlaceIDs) > 0 || len(g.Unmatched) > 0 {
				continue
			}
			key, basis := actors[g.RecipientID].PlaceID(), "RECIPIENT_PLACE"
			ok, err := a.visible(ctx, key)
			if err != nil {
				return nil, err
			}
			if !ok {
				key, basis = "", "OUTSIDE"
			}
			grp := groups[key]
			if grp == nil {
				grp = &GrantGroup{Key: key, Basis: basis}
				groups[key] = grp
			}
			grp.Grants++
			grp.Amounts = addMoney(grp.Amounts, g.Currency, g.Amount)
		}
		return finishGroups(ctx, s, GroupPlace, groups)
	})
}
