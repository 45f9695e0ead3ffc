package neo4jstore

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// The fixed list of labels and relationship types; Cypher never takes them
// from input.
const (
	labelPlace        = "Place"
	labelPerson       = "Person"
	labelOrganisation = "Organisation"
	labelForum        = "Forum"
)

// Identity lookups, one per kind of holder: nodes (:Entity) and the two
// relationship types.
const (
	kindNodesCypher = `MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, labels(n) AS labels`
	kindTiesCypher = `MATCH (:Actor)-[r:TIE]->(:Actor) WHERE r.id IN $ids
RETURN r.id AS id`
	kindPartsCypher = `MATCH (:Actor)-[r:PARTICIPATES_IN]->(:Forum) WHERE r.id IN $ids
RETURN r.id AS id`
)

// kindsOf returns the kind of every id in ids that is in use, in tx.
func kindsOf(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]store.EntityKind, error) {
	out := make(map[string]store.EntityKind, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	params := map[string]any{"ids": ids}
	recs, err := run(ctx, tx, kindNodesCypher, params)
	if err != nil {
		return nil, err
	}
	var d decoder
	for _, rec := range recs {
		id := d.col(rec, "id")
		labels, _, err := neo4j.GetRecordValue[[]any](rec, "labels")
		if err != nil {
			return nil, err
		}
		out[id] = nodeKind(labels)
	}
	for _, q := range []struct {
		cypher string
		kind   store.EntityKind
	}{{kindTiesCypher, store.KindRelationship}, {kindPartsCypher, store.KindParticipation}} {
		recs, err := run(ctx, tx, q.cypher, params)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			out[d.col(rec, "id")] = q.kind
		}
	}
	return out, d.err
}

// nodeKind maps a node's labels to its entity kind.
func nodeKind(labels []any) store.EntityKind {
	for _, k := range []store.EntityKind{store.KindPlace, store.KindPerson, store.KindOrganisation, store.KindForum, store.KindGrant,
		store.KindSurvey, store.KindInvitation, store.KindDispute, store.KindCorrection} {
		if slices.Contains(labels, any(string(k))) {
			return k
		}
	}
	return ""
}

// Kind returns the kind of entity with the given id (ENOTFOUND if none).
func (s *Store) Kind(ctx context.Context, id string) (store.EntityKind, error) {
	if err := store.ValidID("id", id); err != nil {
		return "", store.NotFound("entity", id)
	}
	return readTx(ctx, s, "kind", id, func(ctx context.Context, tx neo4j.ManagedTransaction) (store.EntityKind, error) {
		kinds, err := kindsOf(ctx, tx, []string{id})
		if err != nil {
			return "", err
		}
		k, ok := kinds[id]
		if !ok {
			return "", store.NotFound("entity", id)
		}
		return k, nil
	})
}
