package resolvers

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// node fetches the entity with the given id, whatever its kind; nil when
// there is none, which is also the service's answer for an entity the
// principal may not see (outside its places, person-level data for a
// funder, a withdrawn person).
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	kind, err := r.Service.Kind(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var n model.Node
	switch kind {
	case store.KindPlace:
		n, err = nodeOrNil(r.Service.Place(ctx, id))
	case store.KindPerson:
		n, err = nodeOrNil(r.Service.Person(ctx, id))
	case store.KindOrganisation:
		n, err = nodeOrNil(r.Service.Organisation(ctx, id))
	case store.KindRelationship:
		n, err = nodeOrNil(r.Service.Relationship(ctx, id))
	case store.KindForum:
		n, err = nodeOrNil(r.Service.Forum(ctx, id))
	case store.KindParticipation:
		n, err = nodeOrNil(r.Service.Participation(ctx, id))
	case store.KindGrant:
		n, err = nodeOrNil(r.Service.Grant(ctx, id))
	default:
		return nil, fmt.Errorf("resolvers: node %q has unknown kind %q", id, kind)
	}
	return n, err
}

// nodeOrNil is orNil for the Node interface: a typed nil pointer must not
// hide inside a non-nil interface.
func nodeOrNil[T any](v T, err error) (model.Node, error) {
	p, err := orNil(v, err)
	if p == nil {
		return nil, err
	}
	return p, nil
}
