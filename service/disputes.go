package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// Disputed ties, for the survey's editors: a tie a person disputed through
// their link stays flagged (its dispute open) until an editor keeps it or
// removes it.

// Disputes lists the disputes raised through a survey visible to the
// principal (ENOTFOUND for a survey missing or outside), by id; only the
// open ones when open is set. Disputes by people whose consent is
// withdrawn, and of ties to them, are left out.
func (s *Service) Disputes(ctx context.Context, surveyID string, open bool) ([]store.Dispute, error) {
	return run(ctx, s, "Disputes", func(a *access) ([]store.Dispute, error) {
		if _, err := a.surveyRead(ctx, surveyID); err != nil {
			return nil, err
		}
		all, err := collect(func(pg store.Page) (store.Connection[store.Dispute], error) {
			return s.st.Disputes(ctx, store.DisputeFilter{SurveyID: surveyID, Open: open}, pg)
		})
		if err != nil {
			return nil, err
		}
		w, err := s.withdrawn(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]store.Dispute, 0, len(all))
		for _, d := range all {
			if w.has(d.PersonID) {
				continue
			}
			rel, err := s.st.Relationship(ctx, d.RelationshipID)
			switch {
			case store.ErrorCode(err) == store.ENOTFOUND: // removed since
			case err != nil:
				return nil, err
			case w.has(rel.FromID) || w.has(rel.ToID):
				continue
			default:
				a.act.add(rel.FromID, rel.ToID)
			}
			out = append(out, d)
			a.act.add(d.PersonID)
		}
		return out, nil
	})
}

// ResolveDispute closes an open dispute: the tie is kept (KEPT) or removed
// (REMOVED, in the same write). The survey and the tie must lie within the
// principal's places (ENOTFOUND "dispute" otherwise, as a missing one);
// ECONFLICT for a dispute resolved already.
func (s *Service) ResolveDispute(ctx context.Context, surveyID, disputeID string, remove bool) (store.Dispute, error) {
	return run(ctx, s, "ResolveDispute", func(a *access) (store.Dispute, error) {
		if err := a.rule(Touched); err != nil {
			return store.Dispute{}, err
		}
		if _, err := a.writableSurvey(ctx, surveyID); err != nil {
			return store.Dispute{}, err
		}
		var d store.Dispute
		all, err := collect(func(pg store.Page) (store.Connection[store.Dispute], error) {
			return s.st.Disputes(ctx, store.DisputeFilter{SurveyID: surveyID}, pg)
		})
		if err != nil {
			return d, err
		}
		for _, x := range all {
			if x.ID == disputeID {
				d = x
			}
		}
		if d.ID == "" {
			return d, notFound("dispute", disputeID)
		}
		a.act.add(d.PersonID)
		if d.Resolution != store.DisputeOpen {
			return d, store.Errorf(store.ECONFLICT, "dispute %q was resolved already", d.ID)
		}
		var b store.SurveyBatch
		if remove {
			rel, err := s.st.Relationship(ctx, d.RelationshipID)
			switch {
			case store.ErrorCode(err) == store.ENOTFOUND: // removed since: the dispute only closes
			case err != nil:
				return store.Dispute{}, err
			default:
				if err := a.removeLinkOf(ctx, rel.ID, "dispute", d.ID); err != nil {
					return store.Dispute{}, err
				}
				a.act.add(rel.FromID, rel.ToID)
				b.Disconnect = []string{rel.ID}
			}
			d.Resolution = store.DisputeRemoved
		} else {
			d.Resolution = store.DisputeKept
		}
		day := s.today()
		d.ResolvedOn = &day
		b.Disputes = []store.Dispute{d}
		out, err := s.writeSurvey(ctx, b)
		if err != nil {
			return store.Dispute{}, err
		}
		return out.Disputes[0], nil
	})
}

// removeLinkOf checks, for a scoped principal, that the relationship lies
// whole within its places (notFound(what, id) otherwise).
func (a *access) removeLinkOf(ctx context.Context, relID, what, id string) error {
	if !a.p.Scoped() {
		return nil
	}
	l, err := a.s.locate(ctx, relID)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return notFound(what, id)
	} else if err != nil {
		return err
	}
	if ok, err := a.allVisible(ctx, l.places...); err != nil {
		return err
	} else if !ok {
		return notFound(what, id)
	}
	return nil
}
