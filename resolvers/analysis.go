package resolvers

import (
	"time"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// DefaultCentralityFirst is centrality's default number of actors.
const DefaultCentralityFirst = 20

func scope(placeID *string, asOf *time.Time) store.Scope {
	return store.Scope{PlaceID: deref(placeID), AsOf: asOf}
}

// centralityFirst checks centrality's first: between 1 and
// store.MaxPageSize (EINVALID otherwise).
func centralityFirst(first *int) (int, error) {
	n := DefaultCentralityFirst
	if first != nil {
		n = *first
	}
	if n < 1 || n > store.MaxPageSize {
		return 0, store.Errorf(store.EINVALID, "first must be between 1 and %d, got %d", store.MaxPageSize, n)
	}
	return n, nil
}

// top returns the first n scores.
func top(scores []service.ActorScore, n int) []service.ActorScore {
	return scores[:min(n, len(scores))]
}
