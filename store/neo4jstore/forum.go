package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

const upsertForumsCypher = `UNWIND $rows AS row
MERGE (n:Entity:Forum {id: row.id})
SET n.name = row.name, n.decisionMaking = row.decisionMaking, n.affectsGroups = row.affectsGroups`

func decodeForum(d *decoder, rec *neo4j.Record) store.Forum {
	return d.forum(d.node(rec, "n"), d.col(rec, "placeId"))
}

const forumCypher = `MATCH (n:Forum {id: $id})
OPTIONAL MATCH (n)-[:IN]->(pl:Place)
RETURN n, pl.id AS placeId`

// Forum returns a forum by id (ENOTFOUND if none).
func (s *Store) Forum(ctx context.Context, id string) (store.Forum, error) {
	return getOne(ctx, s, "forum", id, forumCypher, decodeForum)
}

const forumsByIDCypher = `MATCH (n:Forum) WHERE n.id IN $ids
OPTIONAL MATCH (n)-[:IN]->(pl:Place)
RETURN n, pl.id AS placeId`

// ForumsByID returns the forums with the given ids; missing ids are absent.
func (s *Store) ForumsByID(ctx context.Context, ids []string) (map[string]store.Forum, error) {
	out := make(map[string]store.Forum, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "forums by id", "", forumsByIDCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var d decoder
	for _, rec := range recs {
		f := decodeForum(&d, rec)
		out[f.ID] = f
	}
	if d.err != nil {
		return nil, s.fail("forums by id", "", d.err)
	}
	return out, nil
}

const forumsMatch = `MATCH (n:Forum)`

// Forums lists forums, in a place and its descendants.
func (s *Store) Forums(ctx context.Context, f store.ForumFilter, p store.Page) (store.Connection[store.Forum], error) {
	l := listing[store.Forum]{op: "list forums", clauses: locatedClauses(forumsMatch, nil, f.PlaceID != ""),
		idVar: "n", ret: locatedReturn, scope: f.PlaceID, decode: decodeForum, id: func(f store.Forum) string { return f.ID }}
	return list(ctx, s, l, nil, p)
}
