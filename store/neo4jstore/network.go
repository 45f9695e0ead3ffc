package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/voicemap/voicemap/store"
)

// tiesReturn returns a relationship's compact form: its ends' ids and the
// four properties analyses use, in the order Network promises (From end,
// then relationship id). The id is returned only to order by: NornicDB
// v1.2.0 ignores an ORDER BY key that is not a returned column (Neo4j
// would sort by r.id without returning it).
//
// Query plan on Neo4j 5 (Neo4j cannot run here; NornicDB does not
// PROFILE): with a place in scope the statement is
//
//	MATCH (a:Actor)-[r:TIE]->(b:Actor) WHERE a.id IN $actorIds AND b.id IN $actorIds
//
// and the planner seeds it from the :Actor(id) uniqueness constraint's
// index: NodeUniqueIndexSeek on a (one row per id of $actorIds, n rows),
// Expand(All) along outgoing TIE (the out-degree: m rows in all), a Filter
// on b:Actor and b.id IN $actorIds (the list is turned into a hash set once
// per query, so each row costs O(1)), then Sort on (a.id, r.id) over the m
// rows. So PROFILE shows about n + 2m db hits for the seek and the expand
// plus one property read per column per row (7m); the Sort is the one
// eager step, holding the m rows of seven columns before the first one is
// sent. With no place the plan is NodeByLabelScan on :Actor then the same
// Expand. A date adds a Filter on since and until, after the Expand, with
// no index (relationship property indexes would not help a range on two
// properties that are mostly null). The rows are streamed to the client,
// which decodes each as it arrives.
const (
	tiesReturn = `RETURN a.id AS fromId, b.id AS toId, r.kind AS kind, r.weight AS weight, r.since AS since, r.until AS until, r.id AS id
ORDER BY fromId, id`
)

// Network returns the network in a scope in its compact form, read in one
// transaction as Snapshot reads it, with the ties streamed and decoded row
// by row into store.Ties.
func (s *Store) Network(ctx context.Context, sc store.Scope) (*store.Network, error) {
	sc = dayScope(sc)
	return readTx(ctx, s, "network", sc.PlaceID, func(ctx context.Context, tx neo4j.ManagedTransaction) (*store.Network, error) {
		q, err := readScope(ctx, tx, sc)
		if err != nil {
			return nil, err
		}
		nw := &store.Network{Scope: sc, Places: q.snap.Places, People: q.snap.People, Organisations: q.snap.Organisations,
			Forums: q.snap.Forums, Participations: q.snap.Participations}
		nw.Index()
		index := make(map[string]int32, len(q.actorIDs))
		for k, id := range q.actorIDs {
			index[id] = int32(k)
		}
		res, err := tx.Run(ctx, statement(q.head, []clause{{snapTies, q.tieConds}}, nil, tiesReturn), q.params)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			t, err := decodeTie(res.Record(), index)
			if err != nil {
				return nil, err
			}
			nw.Ties = append(nw.Ties, t)
		}
		return nw, res.Err()
	})
}

// decodeTie decodes a row of tiesReturn.
func decodeTie(rec *neo4j.Record, index map[string]int32) (store.Tie, error) {
	v := rec.Values
	if len(v) != 7 {
		return store.Tie{}, fmt.Errorf("tie row of %d columns", len(v))
	}
	from, okF := v[0].(string)
	to, okT := v[1].(string)
	kind, okK := v[2].(string)
	w, okW := v[3].(float64)
	if !okW {
		if n, ok := v[3].(int64); ok {
			w, okW = float64(n), true
		}
	}
	t := store.Tie{From: index[from], To: index[to], Weight: w}
	var okKind bool
	t.Kind, okKind = store.RelKindIndex(store.RelKind(kind))
	var errS, errU error
	t.Since, errS = dayNumber(v[4])
	t.Until, errU = dayNumber(v[5])
	_, inF := index[from]
	_, inT := index[to]
	if !okF || !okT || !okK || !okW || !okKind || !inF || !inT || errS != nil || errU != nil {
		return store.Tie{}, fmt.Errorf("tie row %v cannot be read", v)
	}
	return t, nil
}

// dayNumber reads a DATE property (or NornicDB's ISO string) as a day
// number, store.NoDay for null.
func dayNumber(v any) (int32, error) {
	switch v := v.(type) {
	case nil:
		return store.NoDay, nil
	case dbtype.Date:
		t := v.Time()
		return store.DayNumber(&t), nil
	case string:
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return 0, err
		}
		return store.DayNumber(&t), nil
	}
	return 0, fmt.Errorf("%T is not a date", v)
}
