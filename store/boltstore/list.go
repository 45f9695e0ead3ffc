package boltstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// list collects the matching items (in id order) in a read transaction and
// cuts the page with store.Paginate.
func list[T any](ctx context.Context, s *Store, op string, p store.Page, id func(T) string,
	collect func(t txn) ([]T, error)) (store.Connection[T], error) {
	if _, err := store.PageSize(p); err != nil {
		return store.Connection[T]{}, fmt.Errorf("boltstore: %s: %w", op, err)
	}
	if _, err := store.DecodeCursor(p.After); err != nil {
		return store.Connection[T]{}, fmt.Errorf("boltstore: %s: %w", op, err)
	}
	var items []T
	err := s.view(ctx, func(t txn) error {
		var err error
		items, err = collect(t)
		return err
	})
	if err != nil {
		return store.Connection[T]{}, fmt.Errorf("boltstore: %s: %w", op, err)
	}
	slices.SortFunc(items, func(a, b T) int { return strings.Compare(id(a), id(b)) })
	c, err := store.Paginate(items, id, p)
	if err != nil {
		return c, fmt.Errorf("boltstore: %s: %w", op, err)
	}
	return c, nil
}

// scan decodes every record of a bucket that keep accepts.
func scan[T any](t txn, bucket []byte, dec func(string, []byte) (T, error), keep func(T) bool) ([]T, error) {
	var out []T
	err := t.each(bucket, func(id string, data []byte) error {
		v, err := dec(id, data)
		if err != nil {
			return fmt.Errorf("decode %q: %w", id, err)
		}
		if keep(v) {
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// fetch reads the records of ids that keep accepts, skipping missing ones.
func fetch[T any](t txn, ids []string, read func(txn, string) (T, bool, error), keep func(T) bool) ([]T, error) {
	var out []T
	for i, id := range ids {
		if i%ctxCheckEvery == ctxCheckEvery-1 {
			if err := t.ctx.Err(); err != nil {
				return nil, err
			}
		}
		v, ok, err := read(t, id)
		if err != nil {
			return nil, err
		}
		if ok && keep(v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// inPlaces returns the ids an index pairs with the place and its
// descendants; none when the place does not exist.
func inPlaces(t txn, idx []byte, placeID string) []string {
	if k, ok := t.kind(placeID); !ok || k != store.KindPlace {
		return nil
	}
	var out []string
	for _, p := range t.descendants(placeID) {
		out = append(out, t.linked(idx, p)...)
	}
	return out
}

// Places lists places, all or the direct children of ParentID.
func (s *Store) Places(ctx context.Context, f store.PlaceFilter, p store.Page) (store.Connection[store.Place], error) {
	return list(ctx, s, "places", p, placeID, func(t txn) ([]store.Place, error) {
		if f.ParentID != "" {
			return fetch(t, t.linked(idxChildren, f.ParentID), txn.place, all[store.Place])
		}
		return scan(t, bucketPlaces, decPlace, all[store.Place])
	})
}

// People lists people, narrowed to a place with its descendants and to a group.
func (s *Store) People(ctx context.Context, f store.PeopleFilter, p store.Page) (store.Connection[store.Person], error) {
	keep := func(x store.Person) bool { return f.Group == "" || slices.Contains(x.Groups, f.Group) }
	return list(ctx, s, "people", p, personID, func(t txn) ([]store.Person, error) {
		if f.PlaceID != "" {
			return fetch(t, inPlaces(t, idxActorsPlace, f.PlaceID), txn.person, keep)
		}
		return scan(t, bucketPeople, decPerson, keep)
	})
}

// Organisations lists organisations, narrowed to a place with its
// descendants and to a kind.
func (s *Store) Organisations(ctx context.Context, f store.OrganisationFilter, p store.Page) (store.Connection[store.Organisation], error) {
	keep := func(x store.Organisation) bool { return f.Kind == "" || x.Kind == f.Kind }
	return list(ctx, s, "organisations", p, orgID, func(t txn) ([]store.Organisation, error) {
		if f.PlaceID != "" {
			return fetch(t, inPlaces(t, idxActorsPlace, f.PlaceID), txn.org, keep)
		}
		return scan(t, bucketOrgs, decOrg, keep)
	})
}

// Relationships lists relationships touching an actor (either end, through
// the index) and active on a date.
func (s *Store) Relationships(ctx context.Context, f store.RelationshipFilter, p store.Page) (store.Connection[store.Relationship], error) {
	keep := func(x store.Relationship) bool { return store.ActiveOn(x.Since, x.Until, f.AsOf) && f.Keeps(x) }
	return list(ctx, s, "relationships", p, relID, func(t txn) ([]store.Relationship, error) {
		if f.ActorID != "" {
			return fetch(t, t.linked(idxRelsActor, f.ActorID), txn.rel, keep)
		}
		return scan(t, bucketRels, decRel, keep)
	})
}

// Forums lists forums, narrowed to a place with its descendants.
func (s *Store) Forums(ctx context.Context, f store.ForumFilter, p store.Page) (store.Connection[store.Forum], error) {
	return list(ctx, s, "forums", p, forumID, func(t txn) ([]store.Forum, error) {
		if f.PlaceID != "" {
			return fetch(t, inPlaces(t, idxForumsPlace, f.PlaceID), txn.forum, all[store.Forum])
		}
		return scan(t, bucketForums, decForum, all[store.Forum])
	})
}

// Participations lists participations by actor, forum and date.
func (s *Store) Participations(ctx context.Context, f store.ParticipationFilter, p store.Page) (store.Connection[store.Participation], error) {
	keep := func(x store.Participation) bool {
		return (f.ActorID == "" || x.ActorID == f.ActorID) && (f.ForumID == "" || x.ForumID == f.ForumID) &&
			store.ActiveOn(x.Since, x.Until, f.AsOf)
	}
	return list(ctx, s, "participations", p, partID, func(t txn) ([]store.Participation, error) {
		switch {
		case f.ActorID != "":
			return fetch(t, t.linked(idxPartsActor, f.ActorID), txn.part, keep)
		case f.ForumID != "":
			return fetch(t, t.linked(idxPartsForum, f.ForumID), txn.part, keep)
		}
		return scan(t, bucketParts, decPart, keep)
	})
}

func all[T any](T) bool { return true }

func placeID(p store.Place) string        { return p.ID }
func personID(p store.Person) string      { return p.ID }
func orgID(o store.Organisation) string   { return o.ID }
func relID(r store.Relationship) string   { return r.ID }
func forumID(f store.Forum) string        { return f.ID }
func partID(p store.Participation) string { return p.ID }
