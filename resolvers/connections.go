package resolvers

import (
	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// page builds a store page from a connection's arguments, checking the page
// size rule (default 50, at most store.MaxPageSize) before any store call.
func page(first *int, after *string) (store.Page, error) {
	p := store.Page{First: deref(first), After: deref(after)}
	if _, err := store.PageSize(p); err != nil {
		return p, err
	}
	return p, nil
}

func pageInfo[T any](c store.Connection[T]) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: c.HasNextPage}
	if c.EndCursor != "" {
		pi.EndCursor = &c.EndCursor
	}
	return pi
}

// edges builds a connection's edges with mk(cursor, item).
func edges[T, E any](c store.Connection[T], mk func(string, *T) E) []E {
	out := make([]E, len(c.Items))
	for i := range c.Items {
		out[i] = mk(c.Cursors[i], &c.Items[i])
	}
	return out
}

func placeConnection(c store.Connection[store.Place]) *model.PlaceConnection {
	return &model.PlaceConnection{
		Edges:      edges(c, func(cur string, n *store.Place) model.PlaceEdge { return model.PlaceEdge{Cursor: cur, Node: n} }),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}

func personConnection(c store.Connection[store.Person]) *model.PersonConnection {
	return &model.PersonConnection{
		Edges:      edges(c, func(cur string, n *store.Person) model.PersonEdge { return model.PersonEdge{Cursor: cur, Node: n} }),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}

func organisationConnection(c store.Connection[store.Organisation]) *model.OrganisationConnection {
	return &model.OrganisationConnection{
		Edges: edges(c, func(cur string, n *store.Organisation) model.OrganisationEdge {
			return model.OrganisationEdge{Cursor: cur, Node: n}
		}),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}

func relationshipConnection(c store.Connection[store.Relationship]) *model.RelationshipConnection {
	return &model.RelationshipConnection{
		Edges: edges(c, func(cur string, n *store.Relationship) model.RelationshipEdge {
			return model.RelationshipEdge{Cursor: cur, Node: n}
		}),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}

func forumConnection(c store.Connection[store.Forum]) *model.ForumConnection {
	return &model.ForumConnection{
		Edges:      edges(c, func(cur string, n *store.Forum) model.ForumEdge { return model.ForumEdge{Cursor: cur, Node: n} }),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}

func participationConnection(c store.Connection[store.Participation]) *model.ParticipationConnection {
	return &model.ParticipationConnection{
		Edges: edges(c, func(cur string, n *store.Participation) model.ParticipationEdge {
			return model.ParticipationEdge{Cursor: cur, Node: n}
		}),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}

// toConnection converts a store page with mk, or passes its error on.
func toConnection[T, C any](c store.Connection[T], err error, mk func(store.Connection[T]) *C) (*C, error) {
	if err != nil {
		return nil, err
	}
	return mk(c), nil
}
