package resolvers

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// Listing a page of relationships or participations prefetches what the
// query selects of their ends (actors, their places, forums) through the
// request's loaders, each kind in one LoadAll, i.e. one store round trip.
// The field resolvers (from, to, actor, forum, place) then find everything
// in the loaders' cache. Without the prefetch the loaders would still batch
// the concurrent field resolvers, but how many batches a wait window
// catches depends on scheduling; with it a page costs a fixed number of
// store calls whatever its size. Prefetch errors are not reported here:
// the loaders cache them and the field that needs the value reports it.

// relationships lists one page of relationships with their ends prefetched.
func (r *Resolver) relationships(ctx context.Context, f store.RelationshipFilter, first *int, after *string) (*model.RelationshipConnection, error) {
	p, err := page(first, after)
	if err != nil {
		return nil, err
	}
	c, err := r.Service.Relationships(ctx, f, p)
	if err != nil {
		return nil, err
	}
	fromTo := selectsAny(ctx, []string{"edges", "node"}, "from", "to")
	if fromTo {
		ids := make([]string, 0, 2*len(c.Items))
		for _, rel := range c.Items {
			ids = append(ids, rel.FromID, rel.ToID)
		}
		r.prefetchActors(ctx, ids, selectsAny(ctx, []string{"edges", "node", "from"}, "place") || selectsAny(ctx, []string{"edges", "node", "to"}, "place"))
	}
	return relationshipConnection(c), nil
}

// participations lists one page of participations with their actors and
// forums prefetched.
func (r *Resolver) participations(ctx context.Context, f store.ParticipationFilter, first *int, after *string) (*model.ParticipationConnection, error) {
	p, err := page(first, after)
	if err != nil {
		return nil, err
	}
	c, err := r.Service.Participations(ctx, f, p)
	if err != nil {
		return nil, err
	}
	if selectsAny(ctx, []string{"edges", "node"}, "actor") {
		ids := make([]string, len(c.Items))
		for i, pa := range c.Items {
			ids[i] = pa.ActorID
		}
		r.prefetchActors(ctx, ids, selectsAny(ctx, []string{"edges", "node", "actor"}, "place"))
	}
	if selectsAny(ctx, []string{"edges", "node"}, "forum") {
		ids := make([]string, len(c.Items))
		for i, pa := range c.Items {
			ids[i] = pa.ForumID
		}
		_, _ = r.loaders(ctx).Forums.LoadAll(ctx, unique(ids))
	}
	return participationConnection(c), nil
}

// prefetchActors loads the actors and, with places set, their places.
func (r *Resolver) prefetchActors(ctx context.Context, ids []string, places bool) {
	l := r.loaders(ctx)
	actors, _ := l.Actors.LoadAll(ctx, unique(ids))
	if !places {
		return
	}
	placeIDs := make([]string, 0, len(actors))
	for _, a := range actors {
		if id := a.PlaceID(); id != "" {
			placeIDs = append(placeIDs, id)
		}
	}
	_, _ = l.Places.LoadAll(ctx, unique(placeIDs))
}

func unique(ids []string) []string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// selectsAny reports whether the current field's selection, followed along
// path (field names, through fragments of any type), selects any of names.
func selectsAny(ctx context.Context, path []string, names ...string) bool {
	fc, oc := graphql.GetFieldContext(ctx), graphql.GetOperationContext(ctx)
	if fc == nil || oc == nil || fc.Field.Field == nil {
		return false
	}
	return walkSelection(oc, fc.Field.Selections, path, names)
}

func walkSelection(oc *graphql.OperationContext, set ast.SelectionSet, path, names []string) bool {
	for _, f := range graphql.CollectFields(oc, set, nil) {
		switch {
		case len(path) == 0 && slices.Contains(names, f.Name):
			return true
		case len(path) > 0 && f.Name == path[0] && walkSelection(oc, f.Selections, path[1:], names):
			return true
		}
	}
	return false
}
