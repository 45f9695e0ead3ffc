package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// Survey records are documents: each is a node whose `record` property
// holds the JSON the embedded store keeps (store.EncodeSurvey and its
// kin), beside the properties it is looked up by, which are indexed:
//
//	(:Entity:Survey {id, placeId, record})
//	(:Entity:Invitation {id, surveyId, personId, tokenHash, version, ratedIds, record})
//	(:Entity:Dispute {id, personId, relationshipId, record})
//	(:Entity:Correction {id, personId, record})
//
// They are read whole and never matched on what the record holds; their
// references are checked, as every write's, by store.Prepared.Check.
const (
	upsertSurveysCypher = `UNWIND $rows AS row
MERGE (n:Entity:Survey {id: row.id})
SET n.placeId = row.placeId, n.record = row.record`
	upsertInvitationsCypher = `UNWIND $rows AS row
MERGE (n:Entity:Invitation {id: row.id})
SET n.surveyId = row.surveyId, n.personId = row.personId, n.tokenHash = row.tokenHash,
    n.version = row.version, n.ratedIds = row.ratedIds, n.record = row.record`
	upsertDisputesCypher = `UNWIND $rows AS row
MERGE (n:Entity:Dispute {id: row.id})
SET n.personId = row.personId, n.relationshipId = row.relationshipId, n.record = row.record`
	upsertCorrectionsCypher = `UNWIND $rows AS row
MERGE (n:Entity:Correction {id: row.id})
SET n.personId = row.personId, n.record = row.record`
	disconnectManyCypher = `UNWIND $rows AS row
MATCH (:Actor)-[r:TIE {id: row.id}]->(:Actor)
DELETE r`

	// lockInvitationsCypher reads the stored versions of invitations after
	// taking their write locks: SET n.version = n.version + 1 locks the node
	// before it reads the version (the Neo4j Operations Manual, "Lost
	// updates"), so a concurrent write of the same invitation waits until
	// this transaction ends and then reads what it wrote. The write that
	// follows sets the version it checked plus one; a refused write rolls
	// back.
	lockInvitationsCypher = `MATCH (n:Invitation) WHERE n.id IN $ids
SET n.version = n.version + 1
RETURN n.id AS id, n.version - 1 AS version`
	readInvitationVersionsCypher = `MATCH (n:Invitation) WHERE n.id IN $ids
RETURN n.id AS id, n.version AS version`

	surveyByIDCypher = `MATCH (n:Survey {id: $id})
RETURN n.id AS id, n.record AS record`
	surveysCypher = `MATCH (n:Survey)
RETURN n.id AS id, n.record AS record`
	invitationByIDCypher = `MATCH (n:Invitation {id: $id})
RETURN n.id AS id, n.record AS record`
	invitationByTokenCypher = `MATCH (n:Invitation {tokenHash: $hash})
RETURN n.id AS id, n.record AS record`
	invitationsCypher = `MATCH (n:Invitation)
RETURN n.id AS id, n.record AS record`
	invitationsOfSurveyCypher = `MATCH (n:Invitation {surveyId: $surveyId})
RETURN n.id AS id, n.record AS record`
	invitationsOfPersonCypher = `MATCH (n:Invitation {personId: $personId})
RETURN n.id AS id, n.record AS record`
	disputesCypher = `MATCH (n:Dispute)
RETURN n.id AS id, n.record AS record`
	disputesOfPersonCypher = `MATCH (n:Dispute {personId: $personId})
RETURN n.id AS id, n.record AS record`
	disputesOfRelCypher = `MATCH (n:Dispute {relationshipId: $relationshipId})
RETURN n.id AS id, n.record AS record`
	correctionsOfPersonCypher = `MATCH (n:Correction {personId: $personId})
RETURN n.id AS id, n.record AS record`

	// What deleting an actor takes with it (surveyCascade).
	ratingInvitationsCypher = `MATCH (n:Invitation) WHERE $id IN n.ratedIds
RETURN n.id AS id, n.record AS record`
	deletePersonInvitationsCypher = `MATCH (n:Invitation {personId: $id})
DELETE n`
	deletePersonDisputesCypher = `MATCH (n:Dispute {personId: $id})
DELETE n`
	deletePersonCorrectionsCypher = `MATCH (n:Correction {personId: $id})
DELETE n`
)

var _ store.SurveyStore = (*Store)(nil)

// docRow is the row of a document: its id, its record, and extra indexed
// properties.
func docRow(id string, data []byte, extra map[string]any) map[string]any {
	row := map[string]any{"id": id, "record": string(data)}
	for k, v := range extra {
		row[k] = v
	}
	return row
}

// docRows encodes the records xs into rows.
func docRows[T any](xs []T, enc func(T) ([]byte, error), row func(T, []byte) map[string]any) ([]map[string]any, error) {
	out := make([]map[string]any, 0, len(xs))
	for _, x := range xs {
		data, err := enc(x)
		if err != nil {
			return nil, err
		}
		out = append(out, row(x, data))
	}
	return out, nil
}

func invitationRow(in store.Invitation, data []byte) map[string]any {
	rated := make([]string, len(in.Ratings))
	for i, r := range in.Ratings {
		rated[i] = r.ActorID
	}
	return docRow(in.ID, data, map[string]any{"surveyId": in.SurveyID, "personId": in.PersonID,
		"tokenHash": in.TokenHash, "version": int64(in.Version), "ratedIds": rated})
}

// writeSurveyDocs writes the survey records of a checked batch and removes
// its relationships, in tx.
func writeSurveyDocs(ctx context.Context, tx neo4j.ManagedTransaction, b store.SurveyBatch) error {
	surveys, err := docRows(b.Surveys, store.EncodeSurvey, func(s store.Survey, data []byte) map[string]any {
		return docRow(s.ID, data, map[string]any{"placeId": s.PlaceID})
	})
	if err != nil {
		return err
	}
	invitations, err := docRows(b.Invitations, store.EncodeInvitation, invitationRow)
	if err != nil {
		return err
	}
	disputes, err := docRows(b.Disputes, store.EncodeDispute, func(d store.Dispute, data []byte) map[string]any {
		return docRow(d.ID, data, map[string]any{"personId": d.PersonID, "relationshipId": d.RelationshipID})
	})
	if err != nil {
		return err
	}
	corrections, err := docRows(b.Corrections, store.EncodeCorrection, func(c store.Correction, data []byte) map[string]any {
		return docRow(c.ID, data, map[string]any{"personId": c.PersonID})
	})
	if err != nil {
		return err
	}
	removals := make([]map[string]any, len(b.Disconnect))
	for i, id := range b.Disconnect {
		removals[i] = map[string]any{"id": id}
	}
	for _, step := range []struct {
		rows   []map[string]any
		cypher string
	}{{surveys, upsertSurveysCypher}, {invitations, upsertInvitationsCypher}, {disputes, upsertDisputesCypher},
		{corrections, upsertCorrectionsCypher}, {removals, disconnectManyCypher}} {
		if err := writeRows(ctx, tx, step.rows, step.cypher); err != nil {
			return err
		}
	}
	return nil
}

// InvitationVersions implements store.Stored: in a write transaction it
// takes the invitations' write locks first (lockInvitationsCypher).
func (s stored) InvitationVersions(ctx context.Context, ids []string) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cypher := readInvitationVersionsCypher
	if s.write {
		cypher = lockInvitationsCypher
	}
	recs, err := run(ctx, s.tx, cypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var d decoder
	for _, rec := range recs {
		out[d.col(rec, "id")] = d.count(rec, "version")
	}
	return out, d.err
}

// WriteSurvey checks and writes a survey batch all or nothing, in one
// write transaction (see store.SurveyStore).
func (s *Store) WriteSurvey(ctx context.Context, b store.SurveyBatch) (store.SurveyBatch, error) {
	p := store.PrepareSurvey(b)
	written := p.Written()
	refuse := func(probs store.Problems) error { return store.SurveyRefusal(b, probs) }
	err := s.writeChecked(ctx, "write survey", "", p, refuse, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		if err := writeBatch(ctx, tx, written.Batch); err != nil {
			return err
		}
		return writeSurveyDocs(ctx, tx, written)
	})
	if err != nil {
		return store.SurveyBatch{}, err
	}
	return written, nil
}

// readDocs runs cypher (returning id and record columns) and decodes every
// record.
func readDocs[T any](ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any, dec func(string, []byte) (T, error)) ([]T, error) {
	recs, err := run(ctx, tx, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(recs))
	var d decoder
	for _, rec := range recs {
		x, err := dec(d.col(rec, "id"), []byte(d.col(rec, "record")))
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, d.err
}

// getDoc reads the one document cypher finds (ENOTFOUND naming what and
// id, or without an id when quote is false).
func getDoc[T any](ctx context.Context, s *Store, what, id, cypher string, params map[string]any, quote bool, dec func(string, []byte) (T, error)) (T, error) {
	op := "get " + what
	return readTx(ctx, s, op, id, func(ctx context.Context, tx neo4j.ManagedTransaction) (T, error) {
		var zero T
		xs, err := readDocs(ctx, tx, cypher, params, dec)
		if err != nil {
			return zero, err
		}
		if len(xs) == 0 {
			if !quote {
				return zero, store.Errorf(store.ENOTFOUND, "%s not found", what)
			}
			return zero, store.NotFound(what, id)
		}
		return xs[0], nil
	})
}

// listDocs reads the documents cypher finds, keeps those keep accepts and
// cuts the page (store.Paginate): they are few.
func listDocs[T any](ctx context.Context, s *Store, op, cypher string, params map[string]any, dec func(string, []byte) (T, error),
	keep func(T) bool, id func(T) string, p store.Page) (store.Connection[T], error) {
	if _, err := store.PageSize(p); err != nil {
		return store.Connection[T]{}, wrap(op, "", asDomain(err))
	}
	if _, err := store.DecodeCursor(p.After); err != nil {
		return store.Connection[T]{}, wrap(op, "", asDomain(err))
	}
	items, err := readTx(ctx, s, op, "", func(ctx context.Context, tx neo4j.ManagedTransaction) ([]T, error) {
		return readDocs(ctx, tx, cypher, params, dec)
	})
	if err != nil {
		return store.Connection[T]{}, err
	}
	kept := items[:0]
	for _, x := range items {
		if keep(x) {
			kept = append(kept, x)
		}
	}
	slices.SortFunc(kept, func(a, b T) int { return strings.Compare(id(a), id(b)) })
	c, err := store.Paginate(kept, id, p)
	if err != nil {
		return c, wrap(op, "", asDomain(err))
	}
	return c, nil
}

func anyOf[T any](T) bool { return true }

// Survey returns a survey by id (ENOTFOUND).
func (s *Store) Survey(ctx context.Context, id string) (store.Survey, error) {
	return getDoc(ctx, s, "survey", id, surveyByIDCypher, map[string]any{"id": id}, true, store.DecodeSurvey)
}

// Surveys lists every survey by id.
func (s *Store) Surveys(ctx context.Context, p store.Page) (store.Connection[store.Survey], error) {
	return listDocs(ctx, s, "list surveys", surveysCypher, nil, store.DecodeSurvey, anyOf[store.Survey],
		func(x store.Survey) string { return x.ID }, p)
}

// Invitation returns an invitation by id (ENOTFOUND).
func (s *Store) Invitation(ctx context.Context, id string) (store.Invitation, error) {
	return getDoc(ctx, s, "invitation", id, invitationByIDCypher, map[string]any{"id": id}, true, store.DecodeInvitation)
}

// InvitationByToken returns the invitation whose token hash is hash
// (ENOTFOUND "invitation not found", never quoting the hash).
func (s *Store) InvitationByToken(ctx context.Context, hash string) (store.Invitation, error) {
	return getDoc(ctx, s, "invitation", "", invitationByTokenCypher, map[string]any{"hash": hash}, false, store.DecodeInvitation)
}

// Invitations lists invitations of a survey or a person, or all.
func (s *Store) Invitations(ctx context.Context, f store.InvitationFilter, p store.Page) (store.Connection[store.Invitation], error) {
	cypher, params := invitationsCypher, map[string]any{}
	switch {
	case f.PersonID != "":
		cypher, params["personId"] = invitationsOfPersonCypher, f.PersonID
	case f.SurveyID != "":
		cypher, params["surveyId"] = invitationsOfSurveyCypher, f.SurveyID
	}
	return listDocs(ctx, s, "list invitations", cypher, params, store.DecodeInvitation, f.Keep,
		func(x store.Invitation) string { return x.ID }, p)
}

// Disputes lists disputes by person, relationship or survey.
func (s *Store) Disputes(ctx context.Context, f store.DisputeFilter, p store.Page) (store.Connection[store.Dispute], error) {
	cypher, params := disputesCypher, map[string]any{}
	switch {
	case f.PersonID != "":
		cypher, params["personId"] = disputesOfPersonCypher, f.PersonID
	case f.RelationshipID != "":
		cypher, params["relationshipId"] = disputesOfRelCypher, f.RelationshipID
	}
	return listDocs(ctx, s, "list disputes", cypher, params, store.DecodeDispute, f.Keep,
		func(x store.Dispute) string { return x.ID }, p)
}

// Corrections lists the corrections a person made.
func (s *Store) Corrections(ctx context.Context, personID string, p store.Page) (store.Connection[store.Correction], error) {
	return listDocs(ctx, s, "list corrections", correctionsOfPersonCypher, map[string]any{"personId": personID},
		store.DecodeCorrection, anyOf[store.Correction], func(x store.Correction) string { return x.ID }, p)
}

// surveyCascade removes, in tx, what deleting the actor id takes with it:
// the ratings given to it in every response and, for a person, their
// invitations, the disputes they raised and their corrections.
func surveyCascade(ctx context.Context, tx neo4j.ManagedTransaction, id string, person bool) error {
	params := map[string]any{"id": id}
	rated, err := readDocs(ctx, tx, ratingInvitationsCypher, params, store.DecodeInvitation)
	if err != nil {
		return err
	}
	var changed []store.Invitation
	for _, in := range rated {
		if in.PersonID == id {
			continue
		}
		if in, ok := store.WithoutRatingsOf(in, id); ok {
			changed = append(changed, in)
		}
	}
	rows, err := docRows(changed, store.EncodeInvitation, invitationRow)
	if err != nil {
		return err
	}
	if err := writeRows(ctx, tx, rows, upsertInvitationsCypher); err != nil {
		return err
	}
	if !person {
		return nil
	}
	for _, c := range []string{deletePersonInvitationsCypher, deletePersonDisputesCypher, deletePersonCorrectionsCypher} {
		if _, err := run(ctx, tx, c, params); err != nil {
			return err
		}
	}
	return nil
}
