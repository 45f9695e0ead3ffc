package store

import (
	"context"
	"slices"
)

// Checking a survey write (WriteSurvey): its network records as any batch,
// then its surveys, invitations, disputes and corrections with their
// references, the versions of its invitations, and the relationships it
// removes.

// PrepareSurvey normalises every element of b.
func PrepareSurvey(b SurveyBatch) *Prepared {
	p := newPrepared()
	p.addBatch(b.Batch)
	for _, x := range b.Surveys {
		x, err := NormalizeSurvey(x)
		refs := []reference{{x.PlaceID, refPlace, placeKinds}}
		for _, f := range x.ForumIDs {
			refs = append(refs, reference{f, refForum, forumKinds})
		}
		for _, a := range x.InfluenceIDs {
			refs = append(refs, reference{a, refActor, actorKinds})
		}
		if p.add(KindSurvey, x.ID, err, refs) {
			p.Survey.Surveys = append(p.Survey.Surveys, x)
		}
	}
	for _, x := range b.Invitations {
		x, err := NormalizeInvitation(x)
		if p.add(KindInvitation, x.ID, err, []reference{{x.SurveyID, refSurvey, surveyKinds}, {x.PersonID, refPerson, personKinds}}) {
			p.Survey.Invitations = append(p.Survey.Invitations, x)
		}
	}
	for _, x := range b.Disputes {
		x, err := NormalizeDispute(x)
		refs := []reference{{x.PersonID, refPerson, personKinds}, {x.SurveyID, refSurvey, surveyKinds}}
		if x.Resolution == DisputeOpen {
			refs = append(refs, reference{x.RelationshipID, refRelationship, relKinds})
		}
		if p.add(KindDispute, x.ID, err, refs) {
			p.Survey.Disputes = append(p.Survey.Disputes, x)
		}
	}
	for _, x := range b.Corrections {
		x, err := NormalizeCorrection(x)
		if p.add(KindCorrection, x.ID, err, []reference{{x.PersonID, refPerson, personKinds}, {x.SurveyID, refSurvey, surveyKinds}}) {
			p.Survey.Corrections = append(p.Survey.Corrections, x)
		}
	}
	seen := map[string]bool{}
	for _, id := range b.Disconnect {
		switch err := ValidID("relationship id", id); {
		case err != nil:
			p.Invalid = append(p.Invalid, &Error{Code: EINVALID, Message: "relationship to remove: " + ErrorMessage(err)})
		case p.declared[id] != "":
			p.Invalid = append(p.Invalid, problem(EINVALID, KindRelationship, id, "is both written and removed by the batch"))
		case seen[id]:
			p.Invalid = append(p.Invalid, problem(EINVALID, KindRelationship, id, "is removed twice by the batch"))
		default:
			seen[id] = true
			p.Survey.Disconnect = append(p.Survey.Disconnect, id)
		}
	}
	return p
}

// invitationVersions returns the stored versions of the batch's
// invitations (absent: not stored).
func (p *Prepared) invitationVersions(ctx context.Context, st Stored) (map[string]int, error) {
	if len(p.Survey.Invitations) == 0 {
		return nil, nil
	}
	ids := make([]string, len(p.Survey.Invitations))
	for i, in := range p.Survey.Invitations {
		ids[i] = in.ID
	}
	return st.InvitationVersions(ctx, ids)
}

// removals returns the problems of the relationships to remove: each must
// be a stored relationship (ENOTFOUND otherwise, as for a missing one).
func (p *Prepared) removals(stored map[string]EntityKind) Problems {
	var probs Problems
	for _, id := range p.Survey.Disconnect {
		if stored[id] != KindRelationship {
			probs = append(probs, NotFound("relationship", id))
		}
	}
	return probs
}

// removalIDs are the ids Check must look up for the removals.
func (p *Prepared) removalIDs() []string { return p.Survey.Disconnect }

// Written returns the survey batch as a store writes it once checked: its
// network records, and its survey records with every invitation at its
// next version.
func (p *Prepared) Written() SurveyBatch {
	out := p.Survey
	out.Batch = p.Batch
	out.Invitations = slices.Clone(out.Invitations)
	for i := range out.Invitations {
		out.Invitations[i].Version++
	}
	return out
}

// SurveyRefusal returns nil without problems; else, for a batch of one
// element (one record written or one relationship removed), its first
// problem of the worst code (Problems.First), as a single upsert gives;
// else the refused batch's error (Problems.Err).
func SurveyRefusal(b SurveyBatch, probs Problems) error {
	if len(probs) == 0 {
		return nil
	}
	n := len(b.Places) + len(b.People) + len(b.Organisations) + len(b.Relationships) + len(b.Forums) +
		len(b.Participations) + len(b.Disconnect) + len(b.Surveys) + len(b.Invitations) + len(b.Disputes) + len(b.Corrections)
	if n == 1 {
		return probs.First()
	}
	return probs.Err()
}
