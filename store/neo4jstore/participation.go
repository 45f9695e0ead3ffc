package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

const (
	partEndsCypher = `MATCH (a:Actor)-[r:PARTICIPATES_IN]->(f:Forum) WHERE r.id IN $ids
RETURN r.id AS id, a.id AS startId, f.id AS endId`
	unparticipateCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:PARTICIPATES_IN {id: row.id}]->(:Forum)
DELETE r`
	updatePartsCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:PARTICIPATES_IN {id: row.id}]->(:Forum)
SET r.level = row.level, r.joinedAtStage = row.stage, r.since = null, r.until = null,
    r.sourceSurvey = row.sourceSurvey, r.sourceOn = row.sourceOn`
	createPartsCypher = `UNWIND $rows AS row
MATCH (a:Actor {id: row.actorId}), (f:Forum {id: row.forumId})
CREATE (a)-[:PARTICIPATES_IN {id: row.id, level: row.level, joinedAtStage: row.stage, sourceSurvey: row.sourceSurvey, sourceOn: row.sourceOn}]->(f)`
	partSinceCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:PARTICIPATES_IN {id: row.id}]->(:Forum)
SET r.since = date(row.since)`
	partUntilCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:PARTICIPATES_IN {id: row.id}]->(:Forum)
SET r.until = date(row.until)`
)

func decodeParticipation(d *decoder, rec *neo4j.Record) store.Participation {
	return d.participation(d.rel(rec, "r"), d.col(rec, "actorId"), d.col(rec, "forumId"))
}

const participationCypher = `MATCH (a:Actor)-[r:PARTICIPATES_IN {id: $id}]->(f:Forum)
RETURN r, a.id AS actorId, f.id AS forumId`

// Participation returns a participation by id (ENOTFOUND if none).
func (s *Store) Participation(ctx context.Context, id string) (store.Participation, error) {
	return getOne(ctx, s, "participation", id, participationCypher, decodeParticipation)
}

// Fragments of the participation list.
const (
	participationsMatch  = `MATCH (a:Actor)-[r:PARTICIPATES_IN]->(f:Forum)`
	byActor              = `a.id = $actorId`
	inForum              = `f.id = $forumId`
	participationsReturn = `RETURN r.id AS id, r, a.id AS actorId, f.id AS forumId`
)

// Participations lists participations by actor, forum and date.
func (s *Store) Participations(ctx context.Context, f store.ParticipationFilter, p store.Page) (store.Connection[store.Participation], error) {
	var conds []string
	if f.ActorID != "" {
		conds = append(conds, byActor)
	}
	if f.ForumID != "" {
		conds = append(conds, inForum)
	}
	l := listing[store.Participation]{op: "list participations", idVar: "r",
		ret: participationsReturn, decode: decodeParticipation, id: func(p store.Participation) string { return p.ID }}
	if f.AsOf != nil {
		l.head, conds = asOfHead, append(conds, activeOn)
	}
	l.clauses = []clause{{match: participationsMatch, conds: conds}}
	return list(ctx, s, l, map[string]any{"actorId": f.ActorID, "forumId": f.ForumID, "asOf": dateParam(f.AsOf)}, p)
}
