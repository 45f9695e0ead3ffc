package resolvers

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// node fetches the entity with the given id, whatever its kind; nil when
// there is none, or when it is person-level data the principal may not
// read (the service answers FORBIDDEN; a missing id must look the same).
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
	if store.ErrorCode(err) == store.EFORBIDDEN && personLevelKind(kind) {
		// A role that may not read person-level data (funder) gets for a
		// person, relationship or participation the answer of a missing
		// id, null, so that it cannot probe which ids are people.
		return nil, nil
	}
	return n, err
}

// personLevelKind reports whether entities of the kind are person-level
// data, which node answers with null to a role that may not read them.
func personLevelKind(k store.EntityKind) bool {
	return k == store.KindPerson || k == store.KindRelationship || k == store.KindParticipation
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
