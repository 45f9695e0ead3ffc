package resolvers

import (
	"context"
	"net/http"
	"time"

	"github.com/vikstrous/dataloadgen"
	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// LoaderWait is how long a dataloader collects keys before fetching them in
// one store round trip.
const LoaderWait = 5 * time.Millisecond

// Loaders batch and cache, for one request, the lookups of places, actors
// and forums by id that resolvers of nested fields make: listing 500
// relationships with both actors and their places costs one
// store.ActorsByID and one store.PlacesByID call, not 1,500 gets.
type Loaders struct {
	Places *dataloadgen.Loader[string, store.Place]
	Actors *dataloadgen.Loader[string, store.Actor]
	Forums *dataloadgen.Loader[string, store.Forum]
}

// NewLoaders returns fresh loaders over svc, for one request.
func NewLoaders(svc *service.Service) *Loaders {
	return &Loaders{
		Places: dataloadgen.NewLoader(byID("place", svc.PlacesByID), dataloadgen.WithWait(LoaderWait)),
		Actors: dataloadgen.NewLoader(byID("actor", svc.ActorsByID), dataloadgen.WithWait(LoaderWait)),
		Forums: dataloadgen.NewLoader(byID("forum", svc.ForumsByID), dataloadgen.WithWait(LoaderWait)),
	}
}

// byID adapts a many-ids lookup to a dataloader fetch; a missing id is
// ENOTFOUND.
func byID[V any](kind string, fetch func(context.Context, []string) (map[string]V, error)) func(context.Context, []string) ([]V, []error) {
	return func(ctx context.Context, ids []string) ([]V, []error) {
		found, err := fetch(ctx, ids)
		vals, errs := make([]V, len(ids)), make([]error, len(ids))
		for i, id := range ids {
			var ok bool
			switch vals[i], ok = found[id]; {
			case err != nil:
				errs[i] = err
			case !ok:
				errs[i] = store.Errorf(store.ENOTFOUND, "%s %q not found", kind, id)
			}
		}
		return vals, errs
	}
}

type loadersKey struct{}

// WithLoaders is middleware that installs fresh Loaders over svc in each
// request's context, and a fresh record of the store versions the
// request's cached analyses are checked against, so that each is read
// once per request (service.WithRequestVersions).
func WithLoaders(svc *service.Service) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := service.WithRequestVersions(r.Context())
			ctx = context.WithValue(ctx, loadersKey{}, NewLoaders(svc))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// loaders returns the request's loaders, or fresh (unshared) ones when the
// handler runs without the middleware.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Service)
}

// place loads a place through the request's loader.
func (r *Resolver) place(ctx context.Context, id string) (*store.Place, error) {
	p, err := r.loaders(ctx).Places.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// optionalPlace loads a place, or returns null for an empty id and for a
// place the principal may not see: the parent of the top of a scoped key's
// view is null, as for a top-level place, and its id is not disclosed.
func (r *Resolver) optionalPlace(ctx context.Context, id string) (*store.Place, error) {
	if id == "" {
		return nil, nil
	}
	p, err := r.place(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, nil
	}
	return p, err
}

// actor loads an actor through the request's loader.
func (r *Resolver) actor(ctx context.Context, id string) (model.Actor, error) {
	a, err := r.loaders(ctx).Actors.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return actorValue(a), nil
}

// forum loads a forum through the request's loader.
func (r *Resolver) forum(ctx context.Context, id string) (*store.Forum, error) {
	f, err := r.loaders(ctx).Forums.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return &f, nil
}
