package boltstore

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/store"
)

// UpsertPlace creates or replaces a place: EINVALID for bad fields,
// ENOTFOUND for a missing parent, ECONFLICT for an id of another kind or a
// parent that would make the place its own ancestor.
func (s *Store) UpsertPlace(ctx context.Context, p store.Place) (store.Place, error) {
	nb, err := s.writeOne(ctx, store.Batch{Places: []store.Place{p}})
	if err != nil {
		return store.Place{}, fmt.Errorf("boltstore: upsert place %q: %w", p.ID, err)
	}
	return nb.Places[0], nil
}

// UpsertPerson creates or replaces a person: EINVALID, ENOTFOUND for a
// missing place, ECONFLICT for an id of another kind.
func (s *Store) UpsertPerson(ctx context.Context, p store.Person) (store.Person, error) {
	nb, err := s.writeOne(ctx, store.Batch{People: []store.Person{p}})
	if err != nil {
		return store.Person{}, fmt.Errorf("boltstore: upsert person %q: %w", p.ID, err)
	}
	return nb.People[0], nil
}

// UpsertOrganisation creates or replaces an organisation: EINVALID,
// ENOTFOUND for a missing place, ECONFLICT for an id of another kind or a
// change of kind away from FUNDER while it funds grants.
func (s *Store) UpsertOrganisation(ctx context.Context, o store.Organisation) (store.Organisation, error) {
	nb, err := s.writeOne(ctx, store.Batch{Organisations: []store.Organisation{o}})
	if err != nil {
		return store.Organisation{}, fmt.Errorf("boltstore: upsert organisation %q: %w", o.ID, err)
	}
	return nb.Organisations[0], nil
}

// UpsertForum creates or replaces a forum: EINVALID, ENOTFOUND for a
// missing place, ECONFLICT for an id of another kind.
func (s *Store) UpsertForum(ctx context.Context, f store.Forum) (store.Forum, error) {
	nb, err := s.writeOne(ctx, store.Batch{Forums: []store.Forum{f}})
	if err != nil {
		return store.Forum{}, fmt.Errorf("boltstore: upsert forum %q: %w", f.ID, err)
	}
	return nb.Forums[0], nil
}

// Connect creates or replaces a relationship: EINVALID (self-tie, weight,
// kind, dates), ENOTFOUND when either end is not a person or organisation,
// ECONFLICT for an id of another kind.
func (s *Store) Connect(ctx context.Context, r store.Relationship) (store.Relationship, error) {
	nb, err := s.writeOne(ctx, store.Batch{Relationships: []store.Relationship{r}})
	if err != nil {
		return store.Relationship{}, fmt.Errorf("boltstore: connect %q: %w", r.ID, err)
	}
	return nb.Relationships[0], nil
}

// RecordParticipation creates or replaces a participation: EINVALID,
// ENOTFOUND for a missing actor or forum, ECONFLICT for an id of another kind.
func (s *Store) RecordParticipation(ctx context.Context, p store.Participation) (store.Participation, error) {
	nb, err := s.writeOne(ctx, store.Batch{Participations: []store.Participation{p}})
	if err != nil {
		return store.Participation{}, fmt.Errorf("boltstore: record participation %q: %w", p.ID, err)
	}
	return nb.Participations[0], nil
}

// Import writes b all or nothing; a refused batch gives
// store.Problems.Err: the worst problem's code, every problem in Details.
func (s *Store) Import(ctx context.Context, b store.Batch) (store.ImportCounts, error) {
	p, probs, err := s.writeBatch(ctx, b)
	if err == nil {
		err = probs.Err()
	}
	if err != nil {
		return store.ImportCounts{}, fmt.Errorf("boltstore: import: %w", err)
	}
	return p.Counts(), nil
}
