package neo4jstore

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// The statements that write grants, each for a batch of rows (grantRow):
// the nodes, then the removal of every FUNDED_BY, AWARDED_TO and BENEFITS
// of the grants, then the MERGE of the new ones (benefit rows pair a grant
// id with one place id). Deleting and re-merging is idempotent, and the
// separate statements avoid NornicDB difference 13.
const (
	upsertGrantsCypher = `UNWIND $rows AS row
MERGE (g:Entity:Grant {id: row.id})
SET g.title = row.title, g.description = row.description, g.amount = row.amount,
    g.currency = row.currency, g.programme = row.programme, g.unmatched = row.unmatched`
	// grantDayCypher sets the award date by a statement of its own (NornicDB
	// difference 15).
	grantDayCypher = `UNWIND $rows AS row
MATCH (g:Grant) WHERE g.id = row.id
SET g.awardedOn = date(row.awardedOn)`
	unfundCypher = `UNWIND $rows AS row
MATCH (:Grant {id: row.id})-[l:FUNDED_BY]->(:Organisation)
DELETE l`
	unawardCypher = `UNWIND $rows AS row
MATCH (:Grant {id: row.id})-[l:AWARDED_TO]->(:Organisation)
DELETE l`
	unbenefitCypher = `UNWIND $rows AS row
MATCH (:Grant {id: row.id})-[l:BENEFITS]->(:Place)
DELETE l`
	fundCypher = `UNWIND $rows AS row
MATCH (g:Grant {id: row.id}), (o:Organisation {id: row.funderId})
MERGE (g)-[:FUNDED_BY]->(o)`
	awardCypher = `UNWIND $rows AS row
MATCH (g:Grant {id: row.id}), (o:Organisation {id: row.recipientId})
MERGE (g)-[:AWARDED_TO]->(o)`
	benefitCypher = `UNWIND $rows AS row
MATCH (g:Grant {id: row.id}), (p:Place {id: row.placeId})
MERGE (g)-[:BENEFITS]->(p)`
)

// writeGrants writes checked grants in tx: nodes, then their links.
func writeGrants(ctx context.Context, tx neo4j.ManagedTransaction, grants []store.Grant) error {
	rows := rowsOf(grants, grantRow)
	store.ReportProgress(ctx, "grants", 0, len(rows))
	if err := writeRows(ctx, tx, rows, upsertGrantsCypher, grantDayCypher, unfundCypher, unawardCypher, unbenefitCypher,
		fundCypher, awardCypher); err != nil {
		return err
	}
	var benefits []map[string]any
	for _, g := range grants {
		for _, p := range g.PlaceIDs {
			benefits = append(benefits, map[string]any{"id": g.ID, "placeId": p})
		}
	}
	if err := writeRows(ctx, tx, benefits, benefitCypher); err != nil {
		return err
	}
	store.ReportProgress(ctx, "grants", len(rows), len(rows))
	return nil
}

const deleteGrantCypher = `MATCH (g:Grant {id: $id})
DETACH DELETE g
RETURN count(*) AS total`

// DeleteGrant deletes a grant and its links (ENOTFOUND if there is none).
func (s *Store) DeleteGrant(ctx context.Context, id string) error {
	_, err := writeTx(ctx, s, "delete grant", id, func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
		recs, err := run(ctx, tx, deleteGrantCypher, map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		var d decoder
		if len(recs) == 0 || d.count(recs[0], "total") == 0 {
			return struct{}{}, store.NotFound("grant", id)
		}
		if d.err != nil {
			return struct{}{}, d.err
		}
		return struct{}{}, bump(ctx, tx, nil, false)
	})
	return err
}

// Fragments of the grant statements. A grant's funder and recipient are
// matched by clauses of their own (NornicDB differences 6 and 7); its
// beneficiary places are read by a second statement (grantPlacesCypher).
const (
	grantsMatch      = `MATCH (g:Grant)`
	grantFunder      = `MATCH (g)-[:FUNDED_BY]->(f:Organisation)`
	grantRecipient   = `MATCH (g)-[:AWARDED_TO]->(r:Organisation)`
	grantsReturn     = `RETURN g.id AS id, g, f.id AS funderId, r.id AS recipientId`
	grantByID        = `g.id = $id`
	grantInIDs       = `g.id IN $grantIds`
	grantOfProgramme = `g.programme = $programme`
	// A funder or recipient filter is a property map in the pattern, not a
	// WHERE (NornicDB difference 16).
	grantOfFunder    = `MATCH (g)-[:FUNDED_BY]->(f:Organisation {id: $funderId})`
	grantOfRecipient = `MATCH (g)-[:AWARDED_TO]->(r:Organisation {id: $recipientId})`
	// The award-date bounds: the days are bound first by a WITH (NornicDB
	// difference 5), and only the bounds that are set (difference 4).
	grantFromHead = `WITH date($from) AS fromDay`
	grantToHead   = `WITH date($to) AS toDay`
	grantBothHead = `WITH date($from) AS fromDay, date($to) AS toDay`
	grantFrom     = `g.awardedOn >= fromDay`
	grantTo       = `g.awardedOn <= toDay`
	// grantPlacesCypher returns the beneficiary places of the grants $ids.
	grantPlacesCypher = `MATCH (g:Grant)-[:BENEFITS]->(p:Place) WHERE g.id IN $ids
RETURN g.id AS grantId, p.id AS placeId`
	// benefitingCypher returns the grants that benefit a place in $placeIds.
	benefitingCypher = `MATCH (g:Grant)-[:BENEFITS]->(p:Place) WHERE p.id IN $placeIds
RETURN g.id AS id`
)

func decodeGrant(d *decoder, rec *neo4j.Record) store.Grant {
	return d.grant(d.node(rec, "g"), d.col(rec, "funderId"), d.col(rec, "recipientId"))
}

// fillPlaces sets, in tx, the sorted beneficiary places of each grant.
func fillPlaces(ctx context.Context, tx neo4j.ManagedTransaction, grants []store.Grant) error {
	if len(grants) == 0 {
		return nil
	}
	ids := make([]string, len(grants))
	for i, g := range grants {
		ids[i] = g.ID
	}
	recs, err := run(ctx, tx, grantPlacesCypher, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	places := make(map[string][]string, len(grants))
	var d decoder
	for _, rec := range recs {
		g := d.col(rec, "grantId")
		places[g] = append(places[g], d.col(rec, "placeId"))
	}
	for i := range grants {
		ps := places[grants[i].ID]
		slices.Sort(ps)
		// Nil when there are none, as store.NormalizeGrant leaves them.
		grants[i].PlaceIDs = slices.Compact(ps)
	}
	return d.err
}

// Grant returns a grant by id (ENOTFOUND if none).
func (s *Store) Grant(ctx context.Context, id string) (store.Grant, error) {
	cypher := statement("", []clause{{match: grantsMatch, conds: []string{grantByID}}, {match: grantFunder}, {match: grantRecipient}}, nil, grantsReturn)
	return readTx(ctx, s, "get grant", id, func(ctx context.Context, tx neo4j.ManagedTransaction) (store.Grant, error) {
		recs, err := run(ctx, tx, cypher, map[string]any{"id": id})
		if err != nil {
			return store.Grant{}, err
		}
		if len(recs) == 0 {
			return store.Grant{}, store.NotFound("grant", id)
		}
		var d decoder
		gs := []store.Grant{decodeGrant(&d, recs[0])}
		if d.err != nil {
			return store.Grant{}, d.err
		}
		if err := fillPlaces(ctx, tx, gs); err != nil {
			return store.Grant{}, err
		}
		return gs[0], nil
	})
}

// Grants lists grants ordered by id: by funder, by recipient, benefiting a
// place or one of its descendants, of a programme, and awarded between two
// days inclusive.
func (s *Store) Grants(ctx context.Context, f store.GrantFilter, p store.Page) (store.Connection[store.Grant], error) {
	var grantConds []string
	funder, recipient := grantFunder, grantRecipient
	params := map[string]any{}
	head := ""
	switch {
	case f.From != nil && f.To != nil:
		head = grantBothHead
	case f.From != nil:
		head = grantFromHead
	case f.To != nil:
		head = grantToHead
	}
	if f.From != nil {
		grantConds, params["from"] = append(grantConds, grantFrom), dateParam(f.From)
	}
	if f.To != nil {
		grantConds, params["to"] = append(grantConds, grantTo), dateParam(f.To)
	}
	if f.PlaceID != "" {
		grantConds = append(grantConds, grantInIDs)
	}
	if f.Programme != "" {
		grantConds, params["programme"] = append(grantConds, grantOfProgramme), f.Programme
	}
	if f.FunderID != "" {
		funder, params["funderId"] = grantOfFunder, f.FunderID
	}
	if f.RecipientID != "" {
		recipient, params["recipientId"] = grantOfRecipient, f.RecipientID
	}
	l := listing[store.Grant]{op: "list grants", head: head, idVar: "g", ret: grantsReturn, scope: f.PlaceID,
		clauses: []clause{{match: grantsMatch, conds: grantConds}, {match: funder}, {match: recipient}},
		decode:  decodeGrant, id: func(g store.Grant) string { return g.ID }, complete: fillPlaces}
	if f.PlaceID != "" {
		// A grant benefiting several places in scope is one item: the
		// grants are found first, de-duplicated, and matched by id.
		l.prepare = func(ctx context.Context, tx neo4j.ManagedTransaction, q map[string]any) error {
			recs, err := run(ctx, tx, benefitingCypher, q)
			if err != nil {
				return err
			}
			ids := make([]string, 0, len(recs))
			var d decoder
			for _, rec := range recs {
				ids = append(ids, d.col(rec, "id"))
			}
			slices.Sort(ids)
			q["grantIds"] = slices.Compact(ids)
			return d.err
		}
	}
	return list(ctx, s, l, params, p)
}
