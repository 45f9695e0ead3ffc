package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

const upsertPeopleCypher = `UNWIND $rows AS row
MERGE (n:Entity:Actor:Person {id: row.id})
SET n.name = row.name, n.groups = row.groups, n.roles = row.roles,
    n.livedExperience = row.livedExperience, n.capacity = row.capacity, n.consent = row.consent,
    n.sourceSurvey = row.sourceSurvey, n.sourceOn = row.sourceOn`

const upsertOrganisationsCypher = `UNWIND $rows AS row
MERGE (n:Entity:Actor:Organisation {id: row.id})
SET n.name = row.name, n.kind = row.kind`

const actorCypher = `MATCH (n:Actor {id: $id})
OPTIONAL MATCH (n)-[:IN]->(pl:Place)
RETURN n, pl.id AS placeId`

func decodeActor(d *decoder, rec *neo4j.Record) store.Actor {
	return d.actor(rec, "n", d.col(rec, "placeId"))
}

// Actor returns a person or organisation by id (ENOTFOUND if none).
func (s *Store) Actor(ctx context.Context, id string) (store.Actor, error) {
	return getOne(ctx, s, "actor", id, actorCypher, decodeActor)
}

// Person returns a person by id (ENOTFOUND if none).
func (s *Store) Person(ctx context.Context, id string) (store.Person, error) {
	a, err := s.Actor(ctx, id)
	if (err == nil && a.Person == nil) || store.ErrorCode(err) == store.ENOTFOUND {
		// The same message for a missing id and an id of another kind, as
		// the embedded store gives: callers must not learn which it was.
		err = wrap("get person", id, store.NotFound("person", id))
	}
	if err != nil {
		return store.Person{}, err
	}
	return *a.Person, nil
}

// Organisation returns an organisation by id (ENOTFOUND if none).
func (s *Store) Organisation(ctx context.Context, id string) (store.Organisation, error) {
	a, err := s.Actor(ctx, id)
	if (err == nil && a.Organisation == nil) || store.ErrorCode(err) == store.ENOTFOUND {
		err = wrap("get organisation", id, store.NotFound("organisation", id))
	}
	if err != nil {
		return store.Organisation{}, err
	}
	return *a.Organisation, nil
}

const actorsByIDCypher = `MATCH (n:Actor) WHERE n.id IN $ids
OPTIONAL MATCH (n)-[:IN]->(pl:Place)
RETURN n, pl.id AS placeId`

// ActorsByID returns the actors with the given ids; missing ids are absent.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]store.Actor, error) {
	out := make(map[string]store.Actor, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "actors by id", "", actorsByIDCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var d decoder
	for _, rec := range recs {
		a := decodeActor(&d, rec)
		out[a.ID()] = a
	}
	if d.err != nil {
		return nil, s.fail("actors by id", "", d.err)
	}
	return out, nil
}

// Fragments of the actor lists. Predicates on the actor node sit in a
// MATCH of their own, before the MATCH of its place.
const (
	peopleMatch        = `MATCH (n:Person)`
	organisationsMatch = `MATCH (n:Organisation)`
	locatedMatch       = `MATCH (n)-[:IN]->(pl:Place)`
	inScope            = `pl.id IN $placeIds`
	inGroup            = `$group IN n.groups`
	ofKind             = `n.kind = $kind`
	locatedReturn      = `RETURN n.id AS id, n, pl.id AS placeId`
)

// locatedClauses returns the clauses of a list of located nodes: match
// with nodeConds, then their place, within the scope when scoped.
func locatedClauses(match string, nodeConds []string, scoped bool) []clause {
	var placeConds []string
	if scoped {
		placeConds = []string{inScope}
	}
	return []clause{{match: match, conds: nodeConds}, {match: locatedMatch, conds: placeConds}}
}

// People lists people, in a place and its descendants and in a group.
func (s *Store) People(ctx context.Context, f store.PeopleFilter, p store.Page) (store.Connection[store.Person], error) {
	var conds []string
	if f.Group != "" {
		conds = append(conds, inGroup)
	}
	l := listing[store.Person]{op: "list people", clauses: locatedClauses(peopleMatch, conds, f.PlaceID != ""),
		idVar: "n", ret: locatedReturn, scope: f.PlaceID, id: func(p store.Person) string { return p.ID },
		decode: func(d *decoder, rec *neo4j.Record) store.Person {
			return d.person(d.node(rec, "n"), d.col(rec, "placeId"))
		}}
	return list(ctx, s, l, map[string]any{"group": f.Group}, p)
}

// Organisations lists organisations, in a place and its descendants and of
// a kind.
func (s *Store) Organisations(ctx context.Context, f store.OrganisationFilter, p store.Page) (store.Connection[store.Organisation], error) {
	var conds []string
	if f.Kind != "" {
		conds = append(conds, ofKind)
	}
	l := listing[store.Organisation]{op: "list organisations",
		clauses: locatedClauses(organisationsMatch, conds, f.PlaceID != ""), idVar: "n", ret: locatedReturn,
		scope: f.PlaceID, id: func(o store.Organisation) string { return o.ID },
		decode: func(d *decoder, rec *neo4j.Record) store.Organisation {
			return d.organisation(d.node(rec, "n"), d.col(rec, "placeId"))
		}}
	return list(ctx, s, l, map[string]any{"kind": string(f.Kind)}, p)
}

const (
	deleteActorCypher = `MATCH (n:Actor {id: $id})
DETACH DELETE n
RETURN count(*) AS total`
	// fundedGrantsCypher and receivedGrantsCypher find a grant the
	// organisation $id funds or receives, which forbids deleting it.
	fundedGrantsCypher = `MATCH (g:Grant)-[:FUNDED_BY]->(:Organisation {id: $id})
RETURN g.id AS id ORDER BY id LIMIT 1`
	receivedGrantsCypher = `MATCH (g:Grant)-[:AWARDED_TO]->(:Organisation {id: $id})
RETURN g.id AS id ORDER BY id LIMIT 1`
)

// DeleteActor deletes a person or organisation with all its relationships
// and participations, and its survey records (surveyCascade; ENOTFOUND if
// there is none). An organisation that
// funds or receives a grant is not deleted (ECONFLICT), so that no grant is
// left without its funder or recipient.
func (s *Store) DeleteActor(ctx context.Context, id string) error {
	_, err := writeTx(ctx, s, "delete actor", id, func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
		for _, q := range []struct{ cypher, role string }{{fundedGrantsCypher, "funds"}, {receivedGrantsCypher, "receives"}} {
			recs, err := run(ctx, tx, q.cypher, map[string]any{"id": id})
			if err != nil {
				return struct{}{}, err
			}
			if len(recs) > 0 {
				var d decoder
				g := d.col(recs[0], "id")
				if d.err != nil {
					return struct{}{}, d.err
				}
				return struct{}{}, store.GrantHeld(id, q.role, g)
			}
		}
		bumped, err := touched(ctx, tx, nil, nil, []string{id}, false)
		if err != nil {
			return struct{}{}, err
		}
		kinds, err := kindsOf(ctx, tx, []string{id})
		if err != nil {
			return struct{}{}, err
		}
		if k := kinds[id]; k == store.KindPerson || k == store.KindOrganisation {
			if err := surveyCascade(ctx, tx, id, k == store.KindPerson); err != nil {
				return struct{}{}, err
			}
		}
		recs, err := run(ctx, tx, deleteActorCypher, map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		var d decoder
		if len(recs) == 0 || d.count(recs[0], "total") == 0 {
			return struct{}{}, store.NotFound("actor", id)
		}
		if d.err != nil {
			return struct{}{}, d.err
		}
		return struct{}{}, bumped()
	})
	return err
}
