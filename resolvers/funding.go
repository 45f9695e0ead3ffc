package resolvers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/vikstrous/dataloadgen"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// DefaultUnderservedFirst is underservedPlaces' default number of places.
const DefaultUnderservedFirst = 20

// underservedFirst applies underservedPlaces' default first, also when a
// client sends an explicit null. The service checks its range (1 to
// service.MaxUnderservedFirst).
func underservedFirst(first *int) int {
	if first == nil {
		return DefaultUnderservedFirst
	}
	return *first
}

// fundingFilter builds the service's filter from the query arguments.
func fundingFilter(funderID, placeID *string, from, to *time.Time, currency *string) service.FundingFilter {
	return service.FundingFilter{FunderID: deref(funderID), PlaceID: deref(placeID), From: from, To: to, Currency: deref(currency)}
}

// grantAmount is a grant's amount in major units of its currency.
func grantAmount(g *store.Grant) float64 {
	return float64(g.Amount) / service.MinorScale(g.Currency)
}

// grantAmountMinor is a grant's exact amount in minor units, in decimal.
func grantAmountMinor(g *store.Grant) string { return strconv.FormatInt(g.Amount, 10) }

// organisation loads an organisation through the request's actor loader;
// an error when the id names a person.
func (r *Resolver) organisation(ctx context.Context, id string) (*store.Organisation, error) {
	a, err := r.loaders(ctx).Actors.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.Organisation == nil {
		return nil, fmt.Errorf("resolvers: actor %q is not an organisation", id)
	}
	return a.Organisation, nil
}

// places loads places by id, in order, through the request's loader.
// visibleOrganisation loads an organisation named by a record the principal
// sees (a grant's funder, a funded recipient), or returns null when it lies
// outside the principal's places: the record is answered, the
// organisation is not disclosed.
func (r *Resolver) visibleOrganisation(ctx context.Context, id string) (*store.Organisation, error) {
	o, err := r.organisation(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, nil
	}
	return o, err
}

// places loads places through the request's place loader, leaving out
// those the principal may not see (a grant's beneficiary places outside
// its key's).
func (r *Resolver) places(ctx context.Context, ids []string) ([]store.Place, error) {
	vals, err := r.loaders(ctx).Places.LoadAll(ctx, ids)
	var errs dataloadgen.ErrorSlice
	if err == nil || !errors.As(err, &errs) {
		return vals, err
	}
	out := make([]store.Place, 0, len(vals))
	for i, e := range errs {
		switch {
		case e == nil:
			out = append(out, vals[i])
		case store.ErrorCode(e) != store.ENOTFOUND:
			return nil, e
		}
	}
	return out, nil
}

// grantQuery is the selection of the grant fields' arguments.
func grantQuery(funderID, recipientID, placeID, programme *string, from, to *time.Time) service.GrantQuery {
	return service.GrantQuery{FunderID: deref(funderID), RecipientID: deref(recipientID), PlaceID: deref(placeID), Programme: deref(programme), From: from, To: to}
}

// grantListTotals sums every grant of a grants list per currency.
func grantListTotals(ctx context.Context, svc *service.Service, l *service.GrantList) ([]service.Sum, error) {
	groups, err := svc.GrantTotals(ctx, l.Query, service.GroupNone)
	if err != nil || len(groups) == 0 {
		return []service.Sum{}, err
	}
	return groups[0].Amounts, nil
}
