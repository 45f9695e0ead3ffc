package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// The fragments of a snapshot's statements. With a place in scope,
// $placeIds is the scope's places; with a date, $asOf is the day.
const (
	snapPlaces      = `MATCH (n:Place)`
	snapPlacesScope = `n.id IN $placeIds`
	snapActors      = `MATCH (n:Actor)`
	snapTies        = `MATCH (a:Actor)-[r:TIE]->(b:Actor)`
	tieInScope      = `a.id IN $actorIds AND b.id IN $actorIds`
	snapForums      = `MATCH (n:Forum)`
	snapParts       = `MATCH (a:Actor)-[r:PARTICIPATES_IN]->(f:Forum)`
	partInScope     = `a.id IN $actorIds AND f.id IN $forumIds`
)

// snapStatement assembles one snapshot statement from its fragments.
func snapStatement(head string, clauses []clause, tail, ret string) string {
	return statement(head, clauses, nil, tail, ret, "ORDER BY id")
}

// Snapshot returns the network in a scope (ENOTFOUND if Scope.PlaceID names
// no place), read in one transaction so that it is consistent.
func (s *Store) Snapshot(ctx context.Context, sc store.Scope) (*store.Snapshot, error) {
	sc = dayScope(sc)
	return readTx(ctx, s, "snapshot", sc.PlaceID, func(ctx context.Context, tx neo4j.ManagedTransaction) (*store.Snapshot, error) {
		q, err := readScope(ctx, tx, sc)
		if err != nil {
			return nil, err
		}
		var d decoder
		recs, err := run(ctx, tx, snapStatement(q.head, []clause{{snapTies, q.tieConds}}, "", relationshipsReturn), q.params)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			q.snap.Relationships = append(q.snap.Relationships, decodeRelationship(&d, rec))
		}
		return q.snap, d.err
	})
}

// dayScope returns the scope with its date as a day.
func dayScope(sc store.Scope) store.Scope {
	if sc.AsOf != nil {
		d := store.Day(*sc.AsOf)
		sc.AsOf = &d
	}
	return sc
}

// scopeQuery is a scope read but for its relationships, with what reading
// them needs: the statement head, the tie conditions and the parameters
// ($actorIds holds the actors in scope, in id order).
type scopeQuery struct {
	snap     *store.Snapshot
	head     string
	tieConds []string
	params   map[string]any
	actorIDs []string
}

// readScope reads the places, actors, forums and participations of a
// scope (ENOTFOUND if Scope.PlaceID names no place).
func readScope(ctx context.Context, tx neo4j.ManagedTransaction, sc store.Scope) (scopeQuery, error) {
	params := map[string]any{"asOf": dateParam(sc.AsOf)}
	var placeConds, tieConds, partConds []string
	head := ""
	if sc.PlaceID != "" {
		placeConds = []string{snapPlacesScope}
		tieConds, partConds = []string{tieInScope}, []string{partInScope}
		ids, err := placeScope(ctx, tx, sc.PlaceID)
		if err != nil {
			return scopeQuery{}, err
		}
		if len(ids) == 0 {
			return scopeQuery{}, store.NotFound("place", sc.PlaceID)
		}
		params["placeIds"] = ids
	}
	if sc.AsOf != nil {
		head, tieConds, partConds = asOfHead, append(tieConds, activeOn), append(partConds, activeOn)
	}
	tieConds = append(tieConds, sourceConds(sc.Source, "")...)
	snap := &store.Snapshot{Scope: sc}
	var d decoder
	recs, err := run(ctx, tx, snapStatement("", []clause{{snapPlaces, placeConds}}, placeParent, placesReturn), params)
	if err != nil {
		return scopeQuery{}, err
	}
	for _, rec := range recs {
		snap.Places = append(snap.Places, decodePlace(&d, rec))
	}
	if recs, err = run(ctx, tx, snapStatement("", locatedClauses(snapActors, nil, sc.PlaceID != ""), "", locatedReturn), params); err != nil {
		return scopeQuery{}, err
	}
	actorIDs := make([]string, 0, len(recs))
	for _, rec := range recs {
		a := decodeActor(&d, rec)
		actorIDs = append(actorIDs, a.ID())
		if a.Person != nil {
			snap.People = append(snap.People, *a.Person)
		} else {
			snap.Organisations = append(snap.Organisations, *a.Organisation)
		}
	}
	params["actorIds"] = actorIDs
	if recs, err = run(ctx, tx, snapStatement("", locatedClauses(snapForums, nil, sc.PlaceID != ""), "", locatedReturn), params); err != nil {
		return scopeQuery{}, err
	}
	for _, rec := range recs {
		snap.Forums = append(snap.Forums, decodeForum(&d, rec))
	}
	forumIDs := make([]string, len(snap.Forums))
	for i, f := range snap.Forums {
		forumIDs[i] = f.ID
	}
	params["forumIds"] = forumIDs
	if recs, err = run(ctx, tx, snapStatement(head, []clause{{snapParts, partConds}}, "", participationsReturn), params); err != nil {
		return scopeQuery{}, err
	}
	for _, rec := range recs {
		snap.Participations = append(snap.Participations, decodeParticipation(&d, rec))
	}
	return scopeQuery{snap: snap, head: head, tieConds: tieConds, params: params, actorIDs: actorIDs}, d.err
}
