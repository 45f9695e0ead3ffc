package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// asOfHead binds the day $asOf (an ISO date) as day, and activeOn keeps
// the relationships r active on it, both bounds inclusive and a missing
// bound open, as store.ActiveOn. (Binding the day once also avoids a
// NornicDB v1.2.0 fault with date() inside WHERE comparisons.)
const (
	asOfHead = `WITH date($asOf) AS day`
	activeOn = `(r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR r.until >= day)`
)

const (
	// tieEndsCypher finds the stored ends of the ties with the given ids.
	tieEndsCypher = `MATCH (a:Actor)-[r:TIE]->(b:Actor) WHERE r.id IN $ids
RETURN r.id AS id, a.id AS startId, b.id AS endId`
	// unconnectCypher removes the ties with these ids (those being moved
	// to other ends: a relationship's ends cannot change in place).
	unconnectCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:TIE {id: row.id}]->(:Actor)
DELETE r`
	updateTiesCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:TIE {id: row.id}]->(:Actor)
SET r.kind = row.kind, r.weight = row.weight, r.since = null, r.until = null,
    r.sourceSurvey = row.sourceSurvey, r.sourceOn = row.sourceOn, r.sourceBy = row.sourceBy`
	createTiesCypher = `UNWIND $rows AS row
MATCH (a:Actor {id: row.from}), (b:Actor {id: row.to})
CREATE (a)-[:TIE {id: row.id, kind: row.kind, weight: row.weight, sourceSurvey: row.sourceSurvey, sourceOn: row.sourceOn, sourceBy: row.sourceBy}]->(b)`
	// The dates are set by their own statements, given only the rows that
	// have them, so that no statement evaluates date(null) (null in Neo4j,
	// but the string "date(null)" in NornicDB v1.2.0).
	tieSinceCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:TIE {id: row.id}]->(:Actor)
SET r.since = date(row.since)`
	tieUntilCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:TIE {id: row.id}]->(:Actor)
SET r.until = date(row.until)`
)

// relWrites are the statements that write one relationship type.
type relWrites struct {
	ends, remove, update, create, since, until string
}

var (
	tieWrites = relWrites{tieEndsCypher, unconnectCypher, updateTiesCypher, createTiesCypher,
		tieSinceCypher, tieUntilCypher}
	partWrites = relWrites{partEndsCypher, unparticipateCypher, updatePartsCypher, createPartsCypher,
		partSinceCypher, partUntilCypher}
)

// writeRels writes rows of one relationship type in tx: a row whose id is
// stored with the same two ends (start, end: the row keys of their ids)
// updates it in place, dates cleared and set again; a row whose id is
// stored between other ends replaces it (delete, then create); a new id is
// created. Re-running it updates in place, so it is idempotent. The ends
// statement must return id, startId and endId. (MERGE on the id would express
// the same; it is avoided because NornicDB v1.2.0 ignores a relationship
// property map in MERGE, see the test file.)
func writeRels(ctx context.Context, tx neo4j.ManagedTransaction, w relWrites, rows []map[string]any, start, end string) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i], _ = r["id"].(string)
	}
	recs, err := run(ctx, tx, w.ends, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	type ends struct{ from, to string }
	stored := make(map[string]ends, len(recs))
	var d decoder
	for _, rec := range recs {
		stored[d.col(rec, "id")] = ends{d.col(rec, "startId"), d.col(rec, "endId")}
	}
	if d.err != nil {
		return d.err
	}
	var moved, same, fresh []map[string]any
	for i, r := range rows {
		e, ok := stored[ids[i]]
		switch {
		case !ok:
			fresh = append(fresh, r)
		case e.from == r[start] && e.to == r[end]:
			same = append(same, r)
		default:
			moved = append(moved, r)
		}
	}
	if err := writeRows(ctx, tx, moved, w.remove); err != nil {
		return err
	}
	if err := writeRows(ctx, tx, same, w.update); err != nil {
		return err
	}
	if err := writeRows(ctx, tx, append(moved, fresh...), w.create); err != nil {
		return err
	}
	if err := writeRows(ctx, tx, withKey(rows, "since"), w.since); err != nil {
		return err
	}
	return writeRows(ctx, tx, withKey(rows, "until"), w.until)
}

// withKey returns the rows whose value at key is not nil.
func withKey(rows []map[string]any, key string) []map[string]any {
	var out []map[string]any
	for _, r := range rows {
		if r[key] != nil {
			out = append(out, r)
		}
	}
	return out
}

const disconnectCypher = `MATCH (:Actor)-[r:TIE {id: $id}]->(:Actor)
DELETE r
RETURN count(*) AS total`

// Disconnect deletes a relationship (ENOTFOUND if there is none).
func (s *Store) Disconnect(ctx context.Context, id string) error {
	_, err := writeTx(ctx, s, "disconnect", id, func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
		bumped, err := touched(ctx, tx, []string{id}, nil, nil, false)
		if err != nil {
			return struct{}{}, err
		}
		recs, err := run(ctx, tx, disconnectCypher, map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		var d decoder
		if len(recs) == 0 || d.count(recs[0], "total") == 0 {
			return struct{}{}, store.NotFound("relationship", id)
		}
		if d.err != nil {
			return struct{}{}, d.err
		}
		return struct{}{}, bumped()
	})
	return err
}

func decodeRelationship(d *decoder, rec *neo4j.Record) store.Relationship {
	return d.relationship(d.rel(rec, "r"), d.col(rec, "fromId"), d.col(rec, "toId"))
}

const relationshipCypher = `MATCH (a:Actor)-[r:TIE {id: $id}]->(b:Actor)
RETURN r, a.id AS fromId, b.id AS toId`

// Relationship returns a relationship by id (ENOTFOUND if none).
func (s *Store) Relationship(ctx context.Context, id string) (store.Relationship, error) {
	return getOne(ctx, s, "relationship", id, relationshipCypher, decodeRelationship)
}

// Fragments of the relationship list.
const (
	relationshipsMatch  = `MATCH (a:Actor)-[r:TIE]->(b:Actor)`
	touchesActor        = `(a.id = $actorId OR b.id = $actorId)`
	relationshipsReturn = `RETURN r.id AS id, r, a.id AS fromId, b.id AS toId`
)

// Relationships lists relationships touching an actor and active on a date.
func (s *Store) Relationships(ctx context.Context, f store.RelationshipFilter, p store.Page) (store.Connection[store.Relationship], error) {
	var conds []string
	if f.ActorID != "" {
		conds = append(conds, touchesActor)
	}
	l := listing[store.Relationship]{op: "list relationships", idVar: "r",
		ret: relationshipsReturn, decode: decodeRelationship, id: func(r store.Relationship) string { return r.ID }}
	if f.AsOf != nil {
		l.head, conds = asOfHead, append(conds, activeOn)
	}
	conds = append(conds, sourceConds(f.Source, f.SurveyID)...)
	l.clauses = []clause{{match: relationshipsMatch, conds: conds}}
	return list(ctx, s, l, map[string]any{"actorId": f.ActorID, "asOf": dateParam(f.AsOf), "sourceSurvey": f.SurveyID}, p)
}

// The conditions narrowing relationships r by source: a typed one has no
// sourceSurvey, one said in a survey has its id there.
const (
	tieTyped      = `r.sourceSurvey IS NULL`
	tieSaid       = `r.sourceSurvey IS NOT NULL`
	tieSaidSurvey = `r.sourceSurvey = $sourceSurvey`
)

// sourceConds returns the conditions keeping the relationships of source
// kind (any when empty) and, with surveyID, said in that survey
// ($sourceSurvey).
func sourceConds(kind store.SourceKind, surveyID string) []string {
	var conds []string
	switch kind {
	case store.SourceTyped:
		conds = append(conds, tieTyped)
	case store.SourceSurvey:
		conds = append(conds, tieSaid)
	}
	if surveyID != "" {
		conds = append(conds, tieSaidSurvey)
	}
	return conds
}
