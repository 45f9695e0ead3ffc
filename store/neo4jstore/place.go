package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

const (
	// The three statements that write places, each for a batch of rows
	// (placeRow): the nodes, then (once every node exists) the removal of
	// WITHIN to any other parent and the MERGE of WITHIN to the parent.
	upsertPlacesCypher = `UNWIND $rows AS row
MERGE (n:Entity:Place {id: row.id})
SET n.name = row.name, n.code = row.code, n.population = row.population,
    n.needIndex = row.needIndex, n.needScale = row.needScale,
    n.populationGroups = row.populationGroups, n.populationCounts = row.populationCounts,
    n.geometry = row.geometry`
	unparentPlacesCypher = `UNWIND $rows AS row
MATCH (:Place {id: row.id})-[w:WITHIN]->(old:Place)
WHERE old.id <> row.parentId
DELETE w`
	parentPlacesCypher = `UNWIND $rows AS row
MATCH (n:Place {id: row.id}), (parent:Place {id: row.parentId})
MERGE (n)-[:WITHIN]->(parent)`
)

// chunkSize is the largest number of rows one UNWIND statement carries
// (a variable only so that tests can make it small).
var chunkSize = 1000

// writeRows runs each statement in turn in tx over all rows, as $rows, in
// chunks of at most chunkSize: every chunk of a statement before the next
// statement, so that later statements see everything earlier ones wrote.
func writeRows(ctx context.Context, tx neo4j.ManagedTransaction, rows []map[string]any, cyphers ...string) error {
	if len(rows) == 0 {
		return nil
	}
	for _, c := range cyphers {
		for start := 0; start < len(rows); start += chunkSize {
			chunk := rows[start:min(start+chunkSize, len(rows))]
			if _, err := run(ctx, tx, c, map[string]any{"rows": chunk}); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeElements is writeRows for rows that are elements of an import: as
// each chunk's last statement runs, the chunk counts as written
// (store.AddProgress).
func writeElements(ctx context.Context, tx neo4j.ManagedTransaction, rows []map[string]any, cyphers ...string) error {
	if len(rows) == 0 || len(cyphers) == 0 {
		return nil
	}
	if err := writeRows(ctx, tx, rows, cyphers[:len(cyphers)-1]...); err != nil {
		return err
	}
	last := cyphers[len(cyphers)-1]
	for start := 0; start < len(rows); start += chunkSize {
		chunk := rows[start:min(start+chunkSize, len(rows))]
		if _, err := run(ctx, tx, last, map[string]any{"rows": chunk}); err != nil {
			return err
		}
		store.AddProgress(ctx, len(chunk))
	}
	return nil
}

// asDomain returns err as a *store.Error (Normalize* always returns one).
func asDomain(err error) *store.Error {
	if e, ok := err.(*store.Error); ok {
		return e
	}
	return store.Errorf(store.EINVALID, "%v", err)
}

const placeCypher = `MATCH (n:Place {id: $id})
OPTIONAL MATCH (n)-[:WITHIN]->(parent:Place)
RETURN n, parent.id AS parentId`

// Place returns a place by id (ENOTFOUND if there is none).
func (s *Store) Place(ctx context.Context, id string) (store.Place, error) {
	return getOne(ctx, s, "place", id, placeCypher, decodePlace)
}

func decodePlace(d *decoder, rec *neo4j.Record) store.Place {
	return d.place(d.node(rec, "n"), d.col(rec, "parentId"))
}

const placesByIDCypher = `MATCH (n:Place) WHERE n.id IN $ids
OPTIONAL MATCH (n)-[:WITHIN]->(parent:Place)
RETURN n, parent.id AS parentId`

// PlacesByID returns the places with the given ids; missing ids are absent.
func (s *Store) PlacesByID(ctx context.Context, ids []string) (map[string]store.Place, error) {
	out := make(map[string]store.Place, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "places by id", "", placesByIDCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var d decoder
	for _, rec := range recs {
		p := decodePlace(&d, rec)
		out[p.ID] = p
	}
	if d.err != nil {
		return nil, s.fail("places by id", "", d.err)
	}
	return out, nil
}

// Fragments of the place lists: all places, or the direct children of
// $parentId.
const (
	placesMatch      = `MATCH (n:Place)`
	placeParent      = `OPTIONAL MATCH (n)-[:WITHIN]->(parent:Place)`
	childPlacesMatch = `MATCH (n:Place)-[:WITHIN]->(parent:Place {id: $parentId})`
	placesReturn     = `RETURN n.id AS id, n, parent.id AS parentId`
)

// Places lists places, or with f.ParentID the direct children of a place.
func (s *Store) Places(ctx context.Context, f store.PlaceFilter, p store.Page) (store.Connection[store.Place], error) {
	l := listing[store.Place]{op: "list places", clauses: []clause{{match: placesMatch}}, tail: placeParent, idVar: "n", ret: placesReturn,
		decode: decodePlace, id: func(p store.Place) string { return p.ID }}
	if f.ParentID != "" {
		l.clauses, l.tail = []clause{{match: childPlacesMatch}}, ""
	}
	return list(ctx, s, l, map[string]any{"parentId": f.ParentID}, p)
}

// ancestorsCypher returns the longest path up from the place: the
// hierarchy has no cycles and one parent per place, so it is the one ending
// at the top-level ancestor.
const ancestorsCypher = `MATCH path = (:Place {id: $id})-[:WITHIN*0..]->(:Place)
RETURN path, length(path) AS hops ORDER BY hops DESC LIMIT 1`

// Ancestors returns the ids of a place and its ancestors, nearest first
// (ENOTFOUND if there is no such place).
func (s *Store) Ancestors(ctx context.Context, placeID string) ([]string, error) {
	recs, err := s.read(ctx, "ancestors", placeID, ancestorsCypher, map[string]any{"id": placeID})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, wrap("ancestors", placeID, store.NotFound("place", placeID))
	}
	path, _, err := neo4j.GetRecordValue[neo4j.Path](recs[0], "path")
	if err != nil {
		return nil, s.fail("ancestors", placeID, err)
	}
	ids := make([]string, 0, len(path.Nodes))
	var d decoder
	for _, n := range path.Nodes {
		ids = append(ids, d.str(n.Props, "id"))
	}
	if d.err != nil {
		return nil, s.fail("ancestors", placeID, d.err)
	}
	return ids, nil
}
