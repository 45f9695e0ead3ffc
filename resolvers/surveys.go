package resolvers

import (
	"context"
	"time"

	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// Conversions of the survey fields (surveys.graphqls, respond.graphqls).

// respondPath is the respondent's page; a link is it with the token in the
// fragment.
const respondPath = "/respond"

// instant writes a time as RFC 3339 in UTC, to the second.
func instant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func optInstant(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := instant(*t)
	return &s
}

// nonZero returns nil for 0, the unanswered value.
func nonZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// nonEmpty returns nil for "".
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func disputeResolution(d *store.Dispute) *store.DisputeResolution {
	if d.Resolution == store.DisputeOpen {
		return nil
	}
	r := d.Resolution
	return &r
}

// linkValidity turns validDays into the validity of a link (0, the
// default, when absent).
func linkValidity(days *int) time.Duration {
	if days == nil {
		return 0
	}
	if *days <= 0 {
		return -1 // refused by the service as out of range
	}
	return time.Duration(*days) * 24 * time.Hour
}

func surveyFromInput(in model.SurveyInput) store.Survey {
	sv := store.Survey{ID: in.ID, Name: in.Name, PlaceID: in.PlaceID, ForumIDs: in.ForumIds, InfluenceIDs: in.InfluenceIds,
		InfluenceOver: deref(in.InfluenceOver), Groups: in.Groups, CreatedOn: deref(in.CreatedOn), ClosesOn: in.ClosesOn}
	for _, q := range in.Questions {
		sv.Questions = append(sv.Questions, store.NameQuestion{ID: q.ID, Prompt: q.Prompt, Kind: q.Kind, FromNamed: deref(q.FromNamed)})
	}
	return sv
}

func responseFromInput(in model.ResponseInput) service.Response {
	r := service.Response{Groups: in.Groups, Felt: deref(in.Felt)}
	for _, n := range in.Names {
		r.Names = append(r.Names, service.Named{QuestionID: n.QuestionID, PersonID: deref(n.PersonID), Label: deref(n.Label)})
	}
	for _, f := range in.Forums {
		r.Forums = append(r.Forums, service.ForumAnswer{ForumID: f.ForumID, Level: f.Level, Stage: f.Stage})
	}
	for _, rt := range in.Ratings {
		r.Ratings = append(r.Ratings, store.Rating{ActorID: rt.ActorID, Value: rt.Value})
	}
	return r
}

// peopleByID loads the people with the ids through the request's loader,
// leaving out those the principal may not see.
func (r *Resolver) peopleByID(ctx context.Context, ids []string) ([]store.Person, error) {
	out := []store.Person{}
	for _, id := range ids {
		a, err := r.actor(ctx, id)
		if store.ErrorCode(err) == store.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		if p, ok := a.(*store.Person); ok {
			out = append(out, *p)
		}
	}
	return out, nil
}

func choices(picks []service.Pick) []model.Choice {
	out := make([]model.Choice, len(picks))
	for i, p := range picks {
		out[i] = model.Choice{ID: p.ID, Name: p.Name}
	}
	return out
}

func actorChoice(a store.Actor) model.Choice {
	if a.Person != nil {
		return model.Choice{ID: a.Person.ID, Name: a.Person.Name}
	}
	return model.Choice{ID: a.Organisation.ID, Name: a.Organisation.Name}
}

func questionnaire(q service.Questionnaire) *model.Questionnaire {
	out := &model.Questionnaire{Status: q.Invitation.Status, ExpiresAt: instant(q.Invitation.ExpiresAt), SurveyName: q.Survey.Name,
		ClosesOn: q.Survey.ClosesOn, Me: q.Person.Name, Questions: q.Survey.Questions, InfluenceOver: q.Survey.InfluenceOver,
		Groups: q.Survey.Groups, Forums: []model.Choice{}, Rated: []model.Choice{}}
	for _, f := range q.Forums {
		out.Forums = append(out.Forums, model.Choice{ID: f.ID, Name: f.Name})
	}
	for _, a := range q.Rated {
		out.Rated = append(out.Rated, actorChoice(a))
	}
	if d := q.Draft; d != nil {
		out.Draft = &model.ResponseDraft{Forums: d.Forums, Groups: d.Groups, Felt: d.Felt, Ratings: d.Ratings, Names: []model.NamedAnswer{}}
		for _, n := range d.Names {
			out.Draft.Names = append(out.Draft.Names, model.NamedAnswer{QuestionID: n.QuestionID, PersonID: nonEmpty(n.PersonID), Label: nonEmpty(n.Label), Name: nonEmpty(q.Picked[n.PersonID])})
		}
	}
	return out
}

func myData(rec service.MyRecord) *model.MyData {
	p := rec.Person
	src := p.Source
	out := &model.MyData{ID: p.ID, Name: p.Name, Groups: p.Groups, Roles: p.Roles, LivedExperience: p.LivedExperience, Consent: p.Consent,
		Source: &src, Corrections: rec.Corrections, Disputes: rec.Disputes,
		Ties: []model.MyTie{}, Seats: []model.MySeat{}, Invitations: []model.MyInvitation{}}
	for _, t := range rec.Ties {
		rel := t.Relationship
		tie := model.MyTie{ID: rel.ID, Kind: rel.Kind, Since: rel.Since, Until: rel.Until, Source: &rel.Source, SaidByMe: t.SaidByMe, Disputed: t.Disputed}
		if t.Other != nil {
			c := actorChoice(*t.Other)
			tie.Other = &c
		}
		out.Ties = append(out.Ties, tie)
	}
	for _, s := range rec.Seats {
		part := s.Participation
		out.Seats = append(out.Seats, model.MySeat{ID: part.ID, Forum: &model.Choice{ID: s.Forum.ID, Name: s.Forum.Name},
			Level: part.Level, Stage: part.JoinedAtStage, Source: &part.Source})
	}
	for _, in := range rec.Invitations {
		out.Invitations = append(out.Invitations, model.MyInvitation{SurveyID: in.SurveyID, Status: in.Status, ExpiresAt: instant(in.ExpiresAt)})
	}
	return out
}
