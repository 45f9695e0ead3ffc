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

// sourced is scope with the relationships of one source (all when nil).
func sourced(placeID *string, asOf *time.Time, source *store.SourceKind) store.Scope {
	sc := scope(placeID, asOf)
	sc.Source = deref(source)
	return sc
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

// accuracy maps the exact and epsilon arguments of the centrality-type
// fields to a service.Accuracy, which the service validates; an epsilon
// given as 0 or below, which the zero Accuracy could not tell from none,
// is refused here (EINVALID).
func accuracy(exact *bool, epsilon *float64) (service.Accuracy, error) {
	if epsilon != nil && !(*epsilon > 0) {
		return service.Accuracy{}, store.Errorf(store.EINVALID, "epsilon must be between 0 and 1 exclusive, got %v", *epsilon)
	}
	return service.Accuracy{Exact: deref(exact), Epsilon: deref(epsilon)}, nil
}
