package neo4jstore

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// Cypher of ForgetPerson. Ties and participations are read by id and
// counted in Go, then removed with the person by DETACH DELETE. The
// erasure number comes from one (:ErasureSequence) node: SET c.last =
// c.last + 1 takes the node's write lock before reading, so concurrent
// erasures get distinct numbers. (:Erasure) nodes are not (:Entity): their
// ids live apart from the entities' and Kind never reports them.
const (
	forgetTiesCypher = `MATCH (:Person {id: $id})-[t:TIE]-(:Actor)
RETURN t.id AS id`
	forgetPartsCypher = `MATCH (:Person {id: $id})-[pa:PARTICIPATES_IN]->(:Forum)
RETURN pa.id AS id`
	forgetDeleteCypher = `MATCH (p:Person {id: $id})
DETACH DELETE p`
	erasureSeqCypher = `MERGE (c:ErasureSequence {name: 'erasures'})
ON CREATE SET c.last = 0
SET c.last = c.last + 1
RETURN c.last AS n`
	erasureCreateCypher = `CREATE (:Erasure {id: $id, at: $at, relationships: $relationships, participations: $participations})`
	erasuresCypher      = `MATCH (e:Erasure)
RETURN e.id AS id, e.at AS at, e.relationships AS relationships, e.participations AS participations`
)

// ForgetPerson deletes the person with every relationship and
// participation they have and records the erasure (an (:Erasure) node with
// the time in Unix seconds and the two counts, nothing else), all in one
// write transaction: ENOTFOUND when no person has the id, EINVALID when it
// is an organisation's.
//
// The deleted records leave the graph at once, but not necessarily
// Neo4j's files: Neo4j deletes records logically and reuses their space
// later (the Operations Manual's "space reuse"), and its transaction logs
// keep the deleted data until they are rotated and pruned
// (db.tx_log.rotation.retention_policy). Removing the bytes from disk
// needs a compacting copy of the database (neo4j-admin database copy)
// after the logs have been pruned; that is an operator's task, which this
// method cannot do or verify.
func (s *Store) ForgetPerson(ctx context.Context, id string) (store.Erasure, error) {
	return writeTx(ctx, s, "forget person", id, func(ctx context.Context, tx neo4j.ManagedTransaction) (store.Erasure, error) {
		kinds, err := kindsOf(ctx, tx, []string{id})
		if err != nil {
			return store.Erasure{}, err
		}
		switch kinds[id] {
		case store.KindPerson:
		case store.KindOrganisation:
			return store.Erasure{}, store.NotAPerson(id)
		default:
			return store.Erasure{}, store.NotFound("person", id)
		}
		bumped, err := touched(ctx, tx, nil, nil, []string{id}, true)
		if err != nil {
			return store.Erasure{}, err
		}
		params := map[string]any{"id": id}
		e := store.Erasure{At: store.ErasureTime(time.Now())}
		if e.Relationships, err = countIDs(ctx, tx, forgetTiesCypher, params); err != nil {
			return store.Erasure{}, err
		}
		if e.Participations, err = countIDs(ctx, tx, forgetPartsCypher, params); err != nil {
			return store.Erasure{}, err
		}
		if err := surveyCascade(ctx, tx, id, true); err != nil {
			return store.Erasure{}, err
		}
		if _, err := run(ctx, tx, forgetDeleteCypher, params); err != nil {
			return store.Erasure{}, err
		}
		recs, err := run(ctx, tx, erasureSeqCypher, nil)
		if err != nil {
			return store.Erasure{}, err
		}
		if len(recs) != 1 {
			return store.Erasure{}, store.Errorf(store.EINTERNAL, "erasure sequence returned %d rows", len(recs))
		}
		var d decoder
		n := d.count(recs[0], "n")
		if d.err != nil {
			return store.Erasure{}, d.err
		}
		e.ID = store.ErasureID(int64(n))
		if _, err = run(ctx, tx, erasureCreateCypher, map[string]any{"id": e.ID, "at": e.At.Unix(),
			"relationships": e.Relationships, "participations": e.Participations}); err != nil {
			return store.Erasure{}, err
		}
		return e, bumped()
	})
}

// countIDs runs cypher, which returns an id column, and counts the
// distinct ids.
func countIDs(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) (int, error) {
	recs, err := run(ctx, tx, cypher, params)
	if err != nil {
		return 0, err
	}
	var d decoder
	seen := make(map[string]bool, len(recs))
	for _, rec := range recs {
		seen[d.col(rec, "id")] = true
	}
	return len(seen), d.err
}

// Erasures lists the erasure records by id, oldest first. There are few,
// so all are read and the page is cut in Go.
func (s *Store) Erasures(ctx context.Context, p store.Page) (store.Connection[store.Erasure], error) {
	const op = "list erasures"
	if _, err := store.PageSize(p); err != nil {
		return store.Connection[store.Erasure]{}, wrap(op, "", asDomain(err))
	}
	if _, err := store.DecodeCursor(p.After); err != nil {
		return store.Connection[store.Erasure]{}, wrap(op, "", asDomain(err))
	}
	recs, err := s.read(ctx, op, "", erasuresCypher, nil)
	if err != nil {
		return store.Connection[store.Erasure]{}, err
	}
	var d decoder
	items := make([]store.Erasure, 0, len(recs))
	for _, rec := range recs {
		items = append(items, store.Erasure{ID: d.col(rec, "id"), At: time.Unix(int64(d.count(rec, "at")), 0).UTC(),
			Relationships: d.count(rec, "relationships"), Participations: d.count(rec, "participations")})
	}
	if d.err != nil {
		return store.Connection[store.Erasure]{}, s.fail(op, "", d.err)
	}
	slices.SortFunc(items, func(a, b store.Erasure) int { return strings.Compare(a.ID, b.ID) })
	c, err := store.Paginate(items, func(e store.Erasure) string { return e.ID }, p)
	if err != nil {
		return c, wrap(op, "", asDomain(err))
	}
	return c, nil
}
