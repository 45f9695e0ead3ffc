package boltstore

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/store"
)

// Disconnect deletes a relationship (ENOTFOUND if there is none).
func (s *Store) Disconnect(ctx context.Context, id string) error {
	err := s.update(ctx, func(t txn) error {
		r, ok, err := t.rel(id)
		if err != nil {
			return err
		}
		if !ok {
			return store.NotFound("relationship", id)
		}
		bumped, err := touchedBump(ctx, t, []string{id}, nil, nil, false)
		if err != nil {
			return err
		}
		if err := deleteRel(t, r); err != nil {
			return err
		}
		return bumped()
	})
	if err != nil {
		return fmt.Errorf("boltstore: disconnect %q: %w", id, err)
	}
	return nil
}

// DeleteActor deletes a person or organisation with every relationship
// (either end) and participation it has, found through the indexes
// (ENOTFOUND if there is no such actor). An organisation that funds or
// receives a grant is not deleted (ECONFLICT), so no grant dangles.
func (s *Store) DeleteActor(ctx context.Context, id string) error {
	err := s.update(ctx, func(t txn) error {
		a, ok, err := t.actor(id)
		if err != nil {
			return err
		}
		if !ok {
			return store.NotFound("actor", id)
		}
		if a.Organisation != nil {
			for _, held := range []struct {
				idx  []byte
				role string
			}{{idxGrantsFunder, "funds"}, {idxGrantsRecip, "receives"}} {
				if g, ok := t.firstLinked(held.idx, id); ok {
					return store.GrantHeld(id, held.role, g)
				}
			}
		}
		bumped, err := touchedBump(ctx, t, nil, nil, []string{id}, false)
		if err != nil {
			return err
		}
		if _, _, err := removeActor(t, a); err != nil {
			return err
		}
		kind := store.KindPerson
		if a.Kind() == store.ActorOrganisation {
			kind = store.KindOrganisation
		}
		if err := t.del(kind, id); err != nil {
			return err
		}
		return bumped()
	})
	if err != nil {
		return fmt.Errorf("boltstore: delete actor %q: %w", id, err)
	}
	return nil
}

func deleteRel(t txn, r store.Relationship) error {
	if err := unlinkRel(t, r); err != nil {
		return err
	}
	return t.del(store.KindRelationship, r.ID)
}

func deletePart(t txn, p store.Participation) error {
	if err := t.unlink(idxPartsActor, p.ActorID, p.ID); err != nil {
		return err
	}
	if err := t.unlink(idxPartsForum, p.ForumID, p.ID); err != nil {
		return err
	}
	return t.del(store.KindParticipation, p.ID)
}

// removeActor deletes the actor a with every relationship (either end) and
// participation it has, found through the indexes, with its survey
// records (removeSurveyRecords), and unlinks it from its place; the caller
// deletes the actor's own record. It counts the relationships and
// participations it deleted.
func removeActor(t txn, a store.Actor) (rels, parts int, err error) {
	id := a.ID()
	for _, rid := range t.linked(idxRelsActor, id) {
		r, ok, err := t.rel(rid)
		if err != nil {
			return rels, parts, err
		}
		if ok {
			if err := deleteRel(t, r); err != nil {
				return rels, parts, err
			}
			rels++
		}
	}
	for _, pid := range t.linked(idxPartsActor, id) {
		p, ok, err := t.part(pid)
		if err != nil {
			return rels, parts, err
		}
		if ok {
			if err := deletePart(t, p); err != nil {
				return rels, parts, err
			}
			parts++
		}
	}
	if err := removeSurveyRecords(t, a); err != nil {
		return rels, parts, err
	}
	return rels, parts, t.unlink(idxActorsPlace, a.PlaceID(), id)
}
