package boltstore

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/store"
)

// getOne reads one entity with read, ENOTFOUND (naming what) when absent.
func getOne[T any](ctx context.Context, s *Store, op, what, id string, read func(txn, string) (T, bool, error)) (T, error) {
	var v T
	err := s.view(ctx, func(t txn) error {
		var ok bool
		var err error
		if v, ok, err = read(t, id); err != nil {
			return err
		} else if !ok {
			return store.NotFound(what, id)
		}
		return nil
	})
	if err != nil {
		return v, fmt.Errorf("boltstore: %s %q: %w", op, id, err)
	}
	return v, nil
}

// Kind returns the kind of the entity with the given id (ENOTFOUND).
func (s *Store) Kind(ctx context.Context, id string) (store.EntityKind, error) {
	return getOne(ctx, s, "kind", "entity", id, func(t txn, id string) (store.EntityKind, bool, error) {
		k, ok := t.kind(id)
		return k, ok, nil
	})
}

// Place returns a place by id (ENOTFOUND).
func (s *Store) Place(ctx context.Context, id string) (store.Place, error) {
	return getOne(ctx, s, "place", "place", id, txn.place)
}

// Person returns a person by id (ENOTFOUND).
func (s *Store) Person(ctx context.Context, id string) (store.Person, error) {
	return getOne(ctx, s, "person", "person", id, txn.person)
}

// Organisation returns an organisation by id (ENOTFOUND).
func (s *Store) Organisation(ctx context.Context, id string) (store.Organisation, error) {
	return getOne(ctx, s, "organisation", "organisation", id, txn.org)
}

// Actor returns a person or organisation by id (ENOTFOUND).
func (s *Store) Actor(ctx context.Context, id string) (store.Actor, error) {
	return getOne(ctx, s, "actor", "actor", id, txn.actor)
}

// Relationship returns a relationship by id (ENOTFOUND).
func (s *Store) Relationship(ctx context.Context, id string) (store.Relationship, error) {
	return getOne(ctx, s, "relationship", "relationship", id, txn.rel)
}

// Forum returns a forum by id (ENOTFOUND).
func (s *Store) Forum(ctx context.Context, id string) (store.Forum, error) {
	return getOne(ctx, s, "forum", "forum", id, txn.forum)
}

// Participation returns a participation by id (ENOTFOUND).
func (s *Store) Participation(ctx context.Context, id string) (store.Participation, error) {
	return getOne(ctx, s, "participation", "participation", id, txn.part)
}

// getMany reads the entities found among ids in one transaction.
func getMany[T any](ctx context.Context, s *Store, op string, ids []string, read func(txn, string) (T, bool, error)) (map[string]T, error) {
	out := make(map[string]T, len(ids))
	err := s.view(ctx, func(t txn) error {
		for _, id := range ids {
			if _, done := out[id]; done {
				continue
			}
			v, ok, err := read(t, id)
			if err != nil {
				return err
			}
			if ok {
				out[id] = v
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("boltstore: %s: %w", op, err)
	}
	return out, nil
}

// PlacesByID returns the places found among ids; missing ids are absent.
func (s *Store) PlacesByID(ctx context.Context, ids []string) (map[string]store.Place, error) {
	return getMany(ctx, s, "places by id", ids, txn.place)
}

// ActorsByID returns the actors found among ids; missing ids are absent.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]store.Actor, error) {
	return getMany(ctx, s, "actors by id", ids, txn.actor)
}

// ForumsByID returns the forums found among ids; missing ids are absent.
func (s *Store) ForumsByID(ctx context.Context, ids []string) (map[string]store.Forum, error) {
	return getMany(ctx, s, "forums by id", ids, txn.forum)
}

// Ancestors returns the ids of a place and all its ancestors, nearest
// first (ENOTFOUND if there is no such place).
func (s *Store) Ancestors(ctx context.Context, placeID string) ([]string, error) {
	var out []string
	err := s.view(ctx, func(t txn) error {
		seen := map[string]bool{}
		for id := placeID; id != "" && !seen[id]; {
			p, ok, err := t.place(id)
			if err != nil {
				return err
			}
			if !ok {
				if id == placeID {
					return store.NotFound("place", id)
				}
				return fmt.Errorf("parent place %q of %q is missing", id, out[len(out)-1])
			}
			seen[id] = true
			out = append(out, id)
			id = p.ParentID
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("boltstore: ancestors %q: %w", placeID, err)
	}
	return out, nil
}
