package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// parentsCypher returns the parent of each stored place of $ids (null for
// a top-level place).
const parentsCypher = `MATCH (p:Place) WHERE p.id IN $ids
OPTIONAL MATCH (p)-[:WITHIN]->(q:Place)
RETURN p.id AS id, q.id AS parent`

// stored is the store.Stored view of a transaction: what checking a write
// needs of the data already in the database, read in the write's own
// transaction.
type stored struct {
	tx neo4j.ManagedTransaction
	// write is true in a write transaction, which may take locks.
	write bool
}

var _ store.Stored = stored{}

func (s stored) Kinds(ctx context.Context, ids []string) (map[string]store.EntityKind, error) {
	return kindsOf(ctx, s.tx, ids)
}

func (s stored) Parents(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := run(ctx, s.tx, parentsCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var d decoder
	for _, rec := range recs {
		out[d.col(rec, "id")] = d.col(rec, "parent")
	}
	return out, d.err
}

// writeChecked checks the prepared write p against the stored data and,
// when it has no problem, runs write and advances the versions of the
// places it touches (store.Versions), in one write transaction (retried by
// the driver, so both are idempotent: the problems are found afresh on
// every attempt). A refused write answers refuse(problems) and writes
// nothing; when p is invalid already the check runs in a read
// transaction, to name every problem.
func (s *Store) writeChecked(ctx context.Context, op, id string, p *store.Prepared, refuse func(store.Problems) error,
	write func(context.Context, neo4j.ManagedTransaction) error) error {
	writing := len(p.Invalid) == 0
	check := func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
		store.ReportProgress(ctx, "check", 0, 1)
		probs, err := p.Check(ctx, stored{tx, writing})
		if err != nil {
			return struct{}{}, err
		}
		if len(probs) > 0 {
			return struct{}{}, refuse(probs) // a domain error: rolled back, returned as is
		}
		store.ReportProgress(ctx, "check", 1, 1)
		if !p.Writes() {
			return struct{}{}, write(ctx, tx)
		}
		places, err := p.Touched(ctx, stored{tx, writing})
		if err != nil {
			return struct{}{}, err
		}
		if err := write(ctx, tx); err != nil {
			return struct{}{}, err
		}
		if err := bump(ctx, tx, places, false); err != nil {
			return struct{}{}, err
		}
		store.ReportProgress(ctx, "commit", 0, 1)
		return struct{}{}, nil
	}
	if !writing {
		_, err := readTx(ctx, s, op, id, check)
		return err
	}
	_, err := writeTx(ctx, s, op, id, check)
	if err == nil {
		store.ReportProgress(ctx, "commit", 1, 1)
	}
	return err
}

// writeOne writes a batch of one element (see writeChecked); a refusal is
// the element's first problem (store.Problems.First).
func (s *Store) writeOne(ctx context.Context, op, id string, b store.Batch) (store.Batch, error) {
	p := store.PrepareBatch(b)
	err := s.writeChecked(ctx, op, id, p, store.Problems.First, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		return writeBatch(ctx, tx, p.Batch)
	})
	return p.Batch, err
}

// UpsertPlace creates or replaces a place, moving it (with its
// descendants) under its new parent: EINVALID for bad fields, ENOTFOUND
// for a missing parent, ECONFLICT for an id of another kind or a parent
// that would make the place its own ancestor.
func (s *Store) UpsertPlace(ctx context.Context, p store.Place) (store.Place, error) {
	b, err := s.writeOne(ctx, "upsert place", p.ID, store.Batch{Places: []store.Place{p}})
	if err != nil {
		return store.Place{}, err
	}
	return b.Places[0], nil
}

// UpsertPerson creates or replaces a person: EINVALID, ENOTFOUND for a
// missing place, ECONFLICT for an id of another kind.
func (s *Store) UpsertPerson(ctx context.Context, p store.Person) (store.Person, error) {
	b, err := s.writeOne(ctx, "upsert person", p.ID, store.Batch{People: []store.Person{p}})
	if err != nil {
		return store.Person{}, err
	}
	return b.People[0], nil
}

// UpsertOrganisation creates or replaces an organisation: EINVALID,
// ENOTFOUND for a missing place, ECONFLICT for an id of another kind or a
// change of kind away from FUNDER while it funds grants.
func (s *Store) UpsertOrganisation(ctx context.Context, o store.Organisation) (store.Organisation, error) {
	b, err := s.writeOne(ctx, "upsert organisation", o.ID, store.Batch{Organisations: []store.Organisation{o}})
	if err != nil {
		return store.Organisation{}, err
	}
	return b.Organisations[0], nil
}

// UpsertForum creates or replaces a forum: EINVALID, ENOTFOUND for a
// missing place, ECONFLICT for an id of another kind.
func (s *Store) UpsertForum(ctx context.Context, f store.Forum) (store.Forum, error) {
	b, err := s.writeOne(ctx, "upsert forum", f.ID, store.Batch{Forums: []store.Forum{f}})
	if err != nil {
		return store.Forum{}, err
	}
	return b.Forums[0], nil
}

// Connect creates or replaces a relationship: EINVALID (self-tie, weight,
// kind, dates), ENOTFOUND when either end is not a person or organisation,
// ECONFLICT for an id of another kind.
func (s *Store) Connect(ctx context.Context, r store.Relationship) (store.Relationship, error) {
	b, err := s.writeOne(ctx, "connect", r.ID, store.Batch{Relationships: []store.Relationship{r}})
	if err != nil {
		return store.Relationship{}, err
	}
	return b.Relationships[0], nil
}

// RecordParticipation creates or replaces a participation: EINVALID,
// ENOTFOUND for a missing actor or forum, ECONFLICT for an id of another
// kind.
func (s *Store) RecordParticipation(ctx context.Context, p store.Participation) (store.Participation, error) {
	b, err := s.writeOne(ctx, "record participation", p.ID, store.Batch{Participations: []store.Participation{p}})
	if err != nil {
		return store.Participation{}, err
	}
	return b.Participations[0], nil
}

// Import writes b all or nothing, in one transaction; a refused batch
// gives store.Problems.Err: the worst problem's code, every problem in
// Details.
func (s *Store) Import(ctx context.Context, b store.Batch) (store.ImportCounts, error) {
	p := store.PrepareBatch(b)
	nb := p.Batch
	if nb.Size() == 0 && len(p.Invalid) == 0 {
		return store.ImportCounts{}, nil
	}
	err := s.writeChecked(ctx, "import", "", p, store.Problems.Err, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		return writeBatch(ctx, tx, nb)
	})
	if err != nil {
		return store.ImportCounts{}, err
	}
	return p.Counts(), nil
}

// ImportGrants writes a batch of places, organisations and grants all or
// nothing, in one transaction; a refused batch gives store.Problems.Err.
func (s *Store) ImportGrants(ctx context.Context, b store.GrantBatch) (store.GrantCounts, error) {
	p := store.PrepareGrants(b)
	counts := store.GrantCounts{Places: len(p.Batch.Places), Organisations: len(p.Batch.Organisations), Grants: len(p.Grants)}
	if counts == (store.GrantCounts{}) && len(p.Invalid) == 0 {
		return counts, nil
	}
	err := s.writeChecked(ctx, "import grants", "", p, store.Problems.Err, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		if err := writeBatch(ctx, tx, p.Batch); err != nil {
			return err
		}
		return writeGrants(ctx, tx, p.Grants)
	})
	if err != nil {
		return store.GrantCounts{}, err
	}
	return counts, nil
}

// UpsertGrant creates or replaces a grant: EINVALID for invalid fields,
// ENOTFOUND when the funder, the
// recipient or a beneficiary place does not exist, ECONFLICT when the id is
// another kind's.
func (s *Store) UpsertGrant(ctx context.Context, g store.Grant) (store.Grant, error) {
	p := store.PrepareGrants(store.GrantBatch{Grants: []store.Grant{g}})
	err := s.writeChecked(ctx, "upsert grant", g.ID, p, store.Problems.First, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		return writeGrants(ctx, tx, p.Grants)
	})
	if err != nil {
		return store.Grant{}, err
	}
	return p.Grants[0], nil
}
