package boltstore

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// errRefused rolls back a write transaction whose batch has problems.
var errRefused = errors.New("refused")

// writeBatch validates, checks and writes b in one transaction. A refused
// batch returns its problems and writes nothing; err is any other failure.
func (s *Store) writeBatch(ctx context.Context, b store.Batch) (store.Batch, []*problem, error) {
	pb := prepare(b)
	var probs []*problem
	if len(pb.probs) > 0 {
		// Refused already; look for the other problems too, to name them all.
		err := s.view(ctx, func(t txn) error {
			more, err := check(t, pb)
			probs = append(slices.Clip(pb.probs), more...)
			return err
		})
		return pb.batch, probs, err
	}
	err := s.update(ctx, func(t txn) error {
		var err error
		if probs, err = check(t, pb); err != nil {
			return err
		} else if len(probs) > 0 {
			return errRefused // roll back
		}
		store.BeginProgress(ctx, pb.batch.Size())
		return apply(t, pb.batch, func() { store.AddProgress(ctx, 1) })
	})
	if err != nil && !errors.Is(err, errRefused) {
		return pb.batch, nil, err
	}
	return pb.batch, probs, nil
}

// writeOne writes a batch of one element, returning the element's first
// problem as the error.
func (s *Store) writeOne(ctx context.Context, b store.Batch) (store.Batch, error) {
	nb, probs, err := s.writeBatch(ctx, b)
	if err != nil {
		return nb, err
	}
	if len(probs) > 0 {
		return nb, first(probs)
	}
	return nb, nil
}

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
// ENOTFOUND for a missing place, ECONFLICT for an id of another kind.
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

// Import writes b all or nothing. A refused batch gives an error whose code
// is EINVALID if any element is invalid or an id repeats, else ECONFLICT if
// any id clashes with another kind or a place cycle would form, else
// ENOTFOUND; its Details name every problem with its element's id.
func (s *Store) Import(ctx context.Context, b store.Batch) (store.ImportCounts, error) {
	nb, probs, err := s.writeBatch(ctx, b)
	if err != nil {
		return store.ImportCounts{}, fmt.Errorf("boltstore: import: %w", err)
	}
	if len(probs) > 0 {
		e := store.Errorf(worst(probs), "the batch was refused: %d problem(s), nothing was written", len(probs))
		for _, p := range probs {
			e.Details = append(e.Details, p.Message)
		}
		return store.ImportCounts{}, fmt.Errorf("boltstore: import: %w", e)
	}
	return store.ImportCounts{
		Places: len(nb.Places), People: len(nb.People), Organisations: len(nb.Organisations),
		Relationships: len(nb.Relationships), Forums: len(nb.Forums), Participations: len(nb.Participations),
	}, nil
}
