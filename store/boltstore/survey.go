package boltstore

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/store"
)

// Survey records are documents (store.EncodeSurvey and its kin, behind the
// record version byte), in buckets of their own, with the indexes they are
// looked up by.
var (
	bucketSurveys     = []byte("surveys")
	bucketInvitations = []byte("invitations")
	bucketDisputes    = []byte("disputes")
	bucketCorrections = []byte("corrections")

	idxInvitationsSurvey = []byte("idx_invitations_by_survey")
	idxInvitationsPerson = []byte("idx_invitations_by_person")
	// idxInvitationsRated pairs an actor with the invitations whose
	// response rates it, so that deleting the actor removes its ratings.
	idxInvitationsRated = []byte("idx_invitations_by_rated_actor")
	// idxInvitationsToken maps a token hash to its invitation's id.
	idxInvitationsToken  = []byte("idx_invitations_by_token")
	idxDisputesPerson    = []byte("idx_disputes_by_person")
	idxDisputesRel       = []byte("idx_disputes_by_relationship")
	idxCorrectionsPerson = []byte("idx_corrections_by_person")

	surveyBuckets = [][]byte{bucketSurveys, bucketInvitations, bucketDisputes, bucketCorrections,
		idxInvitationsSurvey, idxInvitationsPerson, idxInvitationsRated, idxInvitationsToken,
		idxDisputesPerson, idxDisputesRel, idxCorrectionsPerson}
)

var _ store.SurveyStore = (*Store)(nil)

// record reads and decodes the document id of a bucket.
func record[T any](t txn, bucket []byte, what, id string, dec func(string, []byte) (T, error)) (T, bool, error) {
	var zero T
	v := t.get(bucket, id)
	if v == nil {
		return zero, false, nil
	}
	if len(v) == 0 || v[0] != recordVersion {
		return zero, false, fmt.Errorf("decode %s %q: record of unknown version", what, id)
	}
	x, err := dec(id, v[1:])
	return x, err == nil, err
}

func (t txn) survey(id string) (store.Survey, bool, error) {
	return record(t, bucketSurveys, "survey", id, store.DecodeSurvey)
}

func (t txn) invitation(id string) (store.Invitation, bool, error) {
	return record(t, bucketInvitations, "invitation", id, store.DecodeInvitation)
}

func (t txn) dispute(id string) (store.Dispute, bool, error) {
	return record(t, bucketDisputes, "dispute", id, store.DecodeDispute)
}

func (t txn) correction(id string) (store.Correction, bool, error) {
	return record(t, bucketCorrections, "correction", id, store.DecodeCorrection)
}

// putDoc stores an encoded document behind the record version byte.
func (t txn) putDoc(kind store.EntityKind, id string, data []byte, err error) error {
	if err != nil {
		return err
	}
	return t.put(kind, id, append([]byte{recordVersion}, data...))
}

// applySurvey writes the survey records of a checked batch and removes its
// relationships, keeping the indexes in step.
func applySurvey(t txn, b store.SurveyBatch) error {
	for _, s := range b.Surveys {
		data, err := store.EncodeSurvey(s)
		if err := t.putDoc(store.KindSurvey, s.ID, data, err); err != nil {
			return err
		}
	}
	for _, in := range b.Invitations {
		if err := putInvitation(t, in); err != nil {
			return err
		}
	}
	for _, d := range b.Disputes {
		old, ok, err := t.dispute(d.ID)
		if err != nil {
			return err
		}
		if err := relinkPair(t, idxDisputesPerson, ok, old.PersonID, d.PersonID, d.ID); err != nil {
			return err
		}
		if err := relinkPair(t, idxDisputesRel, ok, old.RelationshipID, d.RelationshipID, d.ID); err != nil {
			return err
		}
		data, err := store.EncodeDispute(d)
		if err := t.putDoc(store.KindDispute, d.ID, data, err); err != nil {
			return err
		}
	}
	for _, c := range b.Corrections {
		old, ok, err := t.correction(c.ID)
		if err != nil {
			return err
		}
		if err := relinkPair(t, idxCorrectionsPerson, ok, old.PersonID, c.PersonID, c.ID); err != nil {
			return err
		}
		data, err := store.EncodeCorrection(c)
		if err := t.putDoc(store.KindCorrection, c.ID, data, err); err != nil {
			return err
		}
	}
	for _, id := range b.Disconnect {
		r, ok, err := t.rel(id)
		if err != nil {
			return err
		}
		if ok {
			if err := deleteRel(t, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// relinkPair moves id's pair entry in idx from oldKey (when hadOld) to newKey.
func relinkPair(t txn, idx []byte, hadOld bool, oldKey, newKey, id string) error {
	if hadOld && oldKey != newKey {
		if err := t.unlink(idx, oldKey, id); err != nil {
			return err
		}
	}
	return t.link(idx, newKey, id)
}

// putInvitation writes an invitation, moving its index entries.
func putInvitation(t txn, in store.Invitation) error {
	old, ok, err := t.invitation(in.ID)
	if err != nil {
		return err
	}
	if err := relinkPair(t, idxInvitationsSurvey, ok, old.SurveyID, in.SurveyID, in.ID); err != nil {
		return err
	}
	if err := relinkPair(t, idxInvitationsPerson, ok, old.PersonID, in.PersonID, in.ID); err != nil {
		return err
	}
	if ok {
		if err := unlinkInvitationExtras(t, old); err != nil {
			return err
		}
	}
	for _, r := range in.Ratings {
		if err := t.link(idxInvitationsRated, r.ActorID, in.ID); err != nil {
			return err
		}
	}
	if err := t.b(idxInvitationsToken).Put([]byte(in.TokenHash), []byte(in.ID)); err != nil {
		return err
	}
	data, err := store.EncodeInvitation(in)
	return t.putDoc(store.KindInvitation, in.ID, data, err)
}

// unlinkInvitationExtras removes the token and rating entries of an
// invitation as stored.
func unlinkInvitationExtras(t txn, in store.Invitation) error {
	for _, r := range in.Ratings {
		if err := t.unlink(idxInvitationsRated, r.ActorID, in.ID); err != nil {
			return err
		}
	}
	if v := t.b(idxInvitationsToken).Get([]byte(in.TokenHash)); string(v) == in.ID {
		return t.b(idxInvitationsToken).Delete([]byte(in.TokenHash))
	}
	return nil
}

// removeSurveyRecords deletes what belongs to the actor a being deleted:
// for a person, their invitations, the disputes they raised and their
// corrections; for any actor, the ratings given to it.
func removeSurveyRecords(t txn, a store.Actor) error {
	id := a.ID()
	for _, iid := range t.linked(idxInvitationsRated, id) {
		in, ok, err := t.invitation(iid)
		if err != nil {
			return err
		}
		if !ok || in.PersonID == id {
			continue
		}
		if in, changed := store.WithoutRatingsOf(in, id); changed {
			if err := putInvitation(t, in); err != nil {
				return err
			}
		}
	}
	if a.Person == nil {
		return nil
	}
	for _, iid := range t.linked(idxInvitationsPerson, id) {
		in, ok, err := t.invitation(iid)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := unlinkInvitationExtras(t, in); err != nil {
			return err
		}
		if err := t.unlink(idxInvitationsSurvey, in.SurveyID, in.ID); err != nil {
			return err
		}
		if err := t.unlink(idxInvitationsPerson, id, in.ID); err != nil {
			return err
		}
		if err := t.del(store.KindInvitation, in.ID); err != nil {
			return err
		}
	}
	for _, did := range t.linked(idxDisputesPerson, id) {
		d, ok, err := t.dispute(did)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := t.unlink(idxDisputesRel, d.RelationshipID, d.ID); err != nil {
			return err
		}
		if err := t.unlink(idxDisputesPerson, id, d.ID); err != nil {
			return err
		}
		if err := t.del(store.KindDispute, d.ID); err != nil {
			return err
		}
	}
	for _, cid := range t.linked(idxCorrectionsPerson, id) {
		if err := t.unlink(idxCorrectionsPerson, id, cid); err != nil {
			return err
		}
		if err := t.del(store.KindCorrection, cid); err != nil {
			return err
		}
	}
	return nil
}

// InvitationVersions implements store.Stored: bbolt runs one write
// transaction at a time, so what it reads stays true until it commits.
func (s stored) InvitationVersions(_ context.Context, ids []string) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	for _, id := range ids {
		in, ok, err := s.t.invitation(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = in.Version
		}
	}
	return out, nil
}

// WriteSurvey checks and writes a survey batch all or nothing (see
// store.SurveyStore); a refusal is the first problem of the worst code
// for a batch of one element, else the refused batch's error.
func (s *Store) WriteSurvey(ctx context.Context, b store.SurveyBatch) (store.SurveyBatch, error) {
	p := store.PrepareSurvey(b)
	written := p.Written()
	probs, err := s.write(ctx, p, func(t txn) error {
		if err := apply(ctx, t, written.Batch); err != nil {
			return err
		}
		return applySurvey(t, written)
	})
	if err == nil {
		err = store.SurveyRefusal(b, probs)
	}
	if err != nil {
		return store.SurveyBatch{}, fmt.Errorf("boltstore: write survey: %w", err)
	}
	return written, nil
}

// Survey returns a survey by id (ENOTFOUND).
func (s *Store) Survey(ctx context.Context, id string) (store.Survey, error) {
	return getOne(ctx, s, "survey", "survey", id, txn.survey)
}

// Surveys lists every survey by id.
func (s *Store) Surveys(ctx context.Context, p store.Page) (store.Connection[store.Survey], error) {
	return list(ctx, s, "list surveys", p, func(x store.Survey) string { return x.ID }, func(t txn) ([]store.Survey, error) {
		return fetch(t, keysOf(t, bucketSurveys), txn.survey, all[store.Survey])
	})
}

// Invitation returns an invitation by id (ENOTFOUND).
func (s *Store) Invitation(ctx context.Context, id string) (store.Invitation, error) {
	return getOne(ctx, s, "invitation", "invitation", id, txn.invitation)
}

// InvitationByToken returns the invitation whose token hash is hash
// (ENOTFOUND "invitation", never quoting the hash).
func (s *Store) InvitationByToken(ctx context.Context, hash string) (store.Invitation, error) {
	var in store.Invitation
	err := s.view(ctx, func(t txn) error {
		id := t.b(idxInvitationsToken).Get([]byte(hash))
		var ok bool
		var err error
		if id != nil {
			in, ok, err = t.invitation(string(id))
		}
		if err != nil {
			return err
		}
		if !ok {
			return store.Errorf(store.ENOTFOUND, "invitation not found")
		}
		return nil
	})
	if err != nil {
		return store.Invitation{}, fmt.Errorf("boltstore: invitation by token: %w", err)
	}
	return in, nil
}

// Invitations lists invitations of a survey or a person, or all.
func (s *Store) Invitations(ctx context.Context, f store.InvitationFilter, p store.Page) (store.Connection[store.Invitation], error) {
	return list(ctx, s, "list invitations", p, func(x store.Invitation) string { return x.ID }, func(t txn) ([]store.Invitation, error) {
		switch {
		case f.PersonID != "":
			return fetch(t, t.linked(idxInvitationsPerson, f.PersonID), txn.invitation, f.Keep)
		case f.SurveyID != "":
			return fetch(t, t.linked(idxInvitationsSurvey, f.SurveyID), txn.invitation, f.Keep)
		}
		return fetch(t, keysOf(t, bucketInvitations), txn.invitation, f.Keep)
	})
}

// Disputes lists disputes by person, relationship or survey.
func (s *Store) Disputes(ctx context.Context, f store.DisputeFilter, p store.Page) (store.Connection[store.Dispute], error) {
	return list(ctx, s, "list disputes", p, func(x store.Dispute) string { return x.ID }, func(t txn) ([]store.Dispute, error) {
		switch {
		case f.PersonID != "":
			return fetch(t, t.linked(idxDisputesPerson, f.PersonID), txn.dispute, f.Keep)
		case f.RelationshipID != "":
			return fetch(t, t.linked(idxDisputesRel, f.RelationshipID), txn.dispute, f.Keep)
		}
		return fetch(t, keysOf(t, bucketDisputes), txn.dispute, f.Keep)
	})
}

// Corrections lists the corrections a person made.
func (s *Store) Corrections(ctx context.Context, personID string, p store.Page) (store.Connection[store.Correction], error) {
	return list(ctx, s, "list corrections", p, func(x store.Correction) string { return x.ID }, func(t txn) ([]store.Correction, error) {
		return fetch(t, t.linked(idxCorrectionsPerson, personID), txn.correction, all[store.Correction])
	})
}

// keysOf returns every key of a bucket, in order.
func keysOf(t txn, bucket []byte) []string {
	var out []string
	_ = t.b(bucket).ForEach(func(k, _ []byte) error {
		out = append(out, string(k))
		return nil
	})
	return out
}
