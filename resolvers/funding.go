package resolvers

import (
	"context"
	"fmt"
	"strconv"
	"time"

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
func (r *Resolver) places(ctx context.Context, ids []string) ([]store.Place, error) {
	return r.loaders(ctx).Places.LoadAll(ctx, ids)
}

// grantListTotals sums every grant of a grants list per currency.
func grantListTotals(ctx context.Context, svc *service.Service, l *service.GrantList) ([]service.Money, error) {
	groups, err := svc.GrantTotals(ctx, l.Query, service.GroupNone)
	if err != nil || len(groups) == 0 {
		return []service.Money{}, err
	}
	return groups[0].Amounts, nil
}
