package service

import (
	"context"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// The Touched rule of writes (policy.go): a write needs every place that
// the record it writes, the record of the same id it replaces, and the
// records it removes with it touch to lie within the principal's places.
// Each helper here checks one shape of write; all of them check the record
// a write would replace with replaced.

// replaced checks the record the id names now, if any: for a scoped
// principal every place it touches must be visible, else ECONFLICT, as an
// id taken by something else (a relationship between a person of A and
// one of B cannot be overwritten by an editor of A alone).
func (a *access) replaced(ctx context.Context, id string) error {
	if !a.p.Scoped() || id == "" {
		return nil
	}
	l, err := a.s.locate(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	ok, err := a.allVisible(ctx, l.places...)
	if err != nil {
		return err
	}
	if !ok {
		return store.Errorf(store.ECONFLICT, "id %q is in use", id)
	}
	return nil
}

// writeAt checks an upsert of the actor or forum id located in placeID:
// the place must be visible (EINVALID when empty for a scoped principal,
// ENOTFOUND outside), and so must the record it replaces.
func (a *access) writeAt(ctx context.Context, id, placeID string) error {
	if err := a.rule(Touched); err != nil {
		return err
	}
	if !a.p.Scoped() {
		return nil
	}
	if placeID == "" {
		return store.Errorf(store.EINVALID, "placeId is required: your key is scoped to places")
	}
	if err := a.hidePlace(ctx, placeID); err != nil {
		return err
	}
	return a.replaced(ctx, id)
}

// writePlace checks an upsert of a place: a scoped principal may write
// below its places, and may change one of its own places but not move it
// nor create a top-level place (EFORBIDDEN: both need the admin role).
func (a *access) writePlace(ctx context.Context, p store.Place) error {
	if err := a.rule(Touched); err != nil {
		return err
	}
	if !a.p.Scoped() {
		return nil
	}
	if slices.Contains(a.p.Places, p.ID) {
		old, err := a.s.st.Place(ctx, p.ID)
		if err != nil {
			return err
		}
		if old.ParentID != p.ParentID {
			return store.Errorf(store.EFORBIDDEN, "moving place %q, one of your key's places, needs the admin role", p.ID)
		}
		return nil
	}
	if p.ParentID == "" {
		return store.Errorf(store.EFORBIDDEN, "a top-level place needs the admin role")
	}
	if err := a.hidePlace(ctx, p.ParentID); err != nil {
		return err
	}
	return a.replaced(ctx, p.ID)
}

// writeLink checks a write of the relationship or participation id
// between actors (and a forum when not empty). Each actor must exist, be
// visible and not be a person whose consent is withdrawn, for every role
// (ENOTFOUND "actor %q not found", as a missing one: a withdrawn person
// gets no new tie or participation, so that no answer to a write can
// hold one); the forum must be visible (ENOTFOUND); and the record it
// replaces must be visible whole. Nothing has been written when it fails.
func (a *access) writeLink(ctx context.Context, id string, actorIDs []string, forumID string) error {
	if err := a.rule(Touched); err != nil {
		return err
	}
	actors, err := a.s.st.ActorsByID(ctx, actorIDs)
	if err != nil {
		return err
	}
	for _, actorID := range actorIDs {
		act, ok := actors[actorID]
		if !ok {
			continue // the store reports a missing actor
		}
		if actorWithdrawn(act) {
			return notFound("actor", actorID)
		}
		if ok, err := a.visible(ctx, act.PlaceID()); err != nil {
			return err
		} else if !ok {
			return notFound("actor", actorID)
		}
	}
	if forumID != "" && a.p.Scoped() {
		f, err := a.s.st.Forum(ctx, forumID)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return notFound("forum", forumID)
		} else if err != nil {
			return err
		}
		if err := a.hideForum(ctx, f); err != nil {
			return err
		}
	}
	return a.replaced(ctx, id)
}

// hideForum returns notFound("forum", id) unless the forum is visible.
func (a *access) hideForum(ctx context.Context, f store.Forum) error {
	ok, err := a.visible(ctx, f.PlaceID)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("forum", f.ID)
	}
	return nil
}

// removeLink checks the deletion of a relationship: for a scoped principal
// it must be visible whole (ENOTFOUND otherwise, as a missing one; a
// withdrawn person's ties may be removed).
func (a *access) removeLink(ctx context.Context, id string) error {
	if err := a.rule(Touched); err != nil {
		return err
	}
	if !a.p.Scoped() {
		return nil
	}
	l, err := a.s.locate(ctx, id)
	if err != nil {
		return err
	}
	if ok, err := a.allVisible(ctx, l.places...); err != nil {
		return err
	} else if !ok || l.kind != store.KindRelationship {
		return notFound("relationship", id)
	}
	return nil
}

// removeActor checks the deletion of an actor with its relationships and
// participations: for a scoped principal the actor must be visible
// (ENOTFOUND otherwise), and so must every place its relationships and
// participations touch: EFORBIDDEN when one reaches outside (a tie to a
// person of another place is that place's data too; an administrator, or
// a key for both places, deletes such an actor).
func (a *access) removeActor(ctx context.Context, id string) error {
	if err := a.rule(Touched); err != nil {
		return err
	}
	if !a.p.Scoped() {
		return nil
	}
	act, err := a.s.st.Actor(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return notFound("actor", id)
	} else if err != nil {
		return err
	}
	if ok, err := a.visible(ctx, act.PlaceID()); err != nil {
		return err
	} else if !ok {
		return notFound("actor", id)
	}
	rels, err := collect(func(pg store.Page) (store.Connection[store.Relationship], error) {
		return a.s.st.Relationships(ctx, store.RelationshipFilter{ActorID: id}, pg)
	})
	if err != nil {
		return err
	}
	parts, err := collect(func(pg store.Page) (store.Connection[store.Participation], error) {
		return a.s.st.Participations(ctx, store.ParticipationFilter{ActorID: id}, pg)
	})
	if err != nil {
		return err
	}
	rl, err := a.s.relationshipsAt(ctx, rels)
	if err != nil {
		return err
	}
	pl, err := a.s.participationsAt(ctx, parts)
	if err != nil {
		return err
	}
	for _, l := range append(rl, pl...) {
		if ok, err := a.allVisible(ctx, l.places...); err != nil {
			return err
		} else if !ok {
			return store.Errorf(store.EFORBIDDEN, "actor %q has relationships or participations outside your key's places; deleting it needs the admin role", id)
		}
	}
	return nil
}
