package service

import (
	"context"
	"slices"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// Surveys for editors and analysts: defining a survey of a place, inviting
// its people, and reading the invitations and disputes. A survey lies in
// its place: a scoped principal sees and writes the surveys of its places.
// What respondents do through their links is in respond.go and mydata.go.

// Invitation links last DefaultLinkValidity unless the editor says
// otherwise, and at most MaxLinkValidity.
const (
	DefaultLinkValidity = 30 * 24 * time.Hour
	MinLinkValidity     = time.Hour
	MaxLinkValidity     = 90 * 24 * time.Hour
)

// surveyAt locates a survey.
func surveyAt(sv store.Survey) located {
	return located{kind: store.KindSurvey, places: []string{sv.PlaceID}}
}

// UpsertSurvey creates or replaces a survey. Its place, forums and actors
// to rate must lie within the principal's places (ENOTFOUND otherwise, as
// missing ones; a withdrawn person is not rated); a survey of that id
// elsewhere is ECONFLICT. CreatedOn defaults to today. It writes no
// network record: of the cached analyses, only the answers about
// everything are recomputed (every write advances the global version).
func (s *Service) UpsertSurvey(ctx context.Context, sv store.Survey) (store.Survey, error) {
	return run(ctx, s, "UpsertSurvey", func(a *access) (store.Survey, error) {
		if err := a.writeAt(ctx, sv.ID, sv.PlaceID); err != nil {
			return store.Survey{}, err
		}
		forums, err := s.st.ForumsByID(ctx, sv.ForumIDs)
		if err != nil {
			return store.Survey{}, err
		}
		for _, f := range forums {
			if err := a.hideForum(ctx, f); err != nil {
				return store.Survey{}, err
			}
		}
		actors, err := s.st.ActorsByID(ctx, sv.InfluenceIDs)
		if err != nil {
			return store.Survey{}, err
		}
		for id, act := range actors {
			if ok, err := a.keeps(ctx, actorAt(act)); err != nil {
				return store.Survey{}, err
			} else if !ok {
				return store.Survey{}, notFound("actor", id)
			}
		}
		if sv.CreatedOn.IsZero() {
			sv.CreatedOn = s.today()
		}
		out, err := s.st.WriteSurvey(ctx, store.SurveyBatch{Surveys: []store.Survey{sv}})
		if err != nil {
			return store.Survey{}, err
		}
		return out.Surveys[0], nil
	})
}

// Survey returns the survey with the id (ENOTFOUND when missing or
// outside the principal's places), its actors to rate as Surveys shows
// them.
func (s *Service) Survey(ctx context.Context, id string) (store.Survey, error) {
	return run(ctx, s, "Survey", func(a *access) (store.Survey, error) { return a.surveyRead(ctx, id) })
}

// Surveys lists the surveys of the place and its descendants (every survey
// when placeID is empty for an unscoped principal), by id. Like Survey, it
// leaves people out of the actors to rate for a role that may not read
// person-level data, and people whose consent is withdrawn for every role.
func (s *Service) Surveys(ctx context.Context, placeID string) ([]store.Survey, error) {
	return run(ctx, s, "Surveys", func(a *access) ([]store.Survey, error) {
		placeID, err := a.place(ctx, placeID)
		if err != nil {
			return nil, err
		}
		all, err := collect(func(pg store.Page) (store.Connection[store.Survey], error) { return s.st.Surveys(ctx, pg) })
		if err != nil {
			return nil, err
		}
		kept, err := keep(all, func(sv store.Survey) (bool, error) {
			if placeID == "" {
				return true, nil
			}
			return s.under(ctx, sv.PlaceID, placeID)
		})
		if err != nil {
			return nil, err
		}
		return a.shown(ctx, kept)
	})
}

// Invited is an invitation as made: the only time its link's token is
// ever given out (only its hash is kept).
type Invited struct {
	Invitation store.Invitation
	// Token is the link's secret; the page at /respond#<token> opens it.
	Token string
}

// Invite makes the personal link of a person to a survey, valid for
// validFor (DefaultLinkValidity when zero; EINVALID outside MinLinkValidity
// to MaxLinkValidity). A person has one invitation per survey: inviting
// them again gives it a new token and expiry (the old link stops working)
// and keeps what they answered. The survey must be visible (ENOTFOUND
// "survey"), the person visible and not withdrawn (ENOTFOUND "person") and
// located in the survey's place (EINVALID).
func (s *Service) Invite(ctx context.Context, surveyID, personID string, validFor time.Duration) (Invited, error) {
	return run(ctx, s, "Invite", func(a *access) (Invited, error) {
		if err := a.rule(Touched); err != nil {
			return Invited{}, err
		}
		if validFor == 0 {
			validFor = DefaultLinkValidity
		}
		if validFor < MinLinkValidity || validFor > MaxLinkValidity {
			return Invited{}, store.Errorf(store.EINVALID, "a link is valid for between %s and %d days", MinLinkValidity, MaxLinkValidity/(24*time.Hour))
		}
		sv, err := a.writableSurvey(ctx, surveyID)
		if err != nil {
			return Invited{}, err
		}
		act, err := s.st.Actor(ctx, personID)
		if store.ErrorCode(err) == store.ENOTFOUND || (err == nil && act.Person == nil) {
			return Invited{}, notFound("person", personID)
		} else if err != nil {
			return Invited{}, err
		}
		if ok, err := a.keeps(ctx, actorAt(act)); err != nil {
			return Invited{}, err
		} else if !ok {
			return Invited{}, notFound("person", personID)
		}
		if ok, err := s.under(ctx, act.Person.PlaceID, sv.PlaceID); err != nil {
			return Invited{}, err
		} else if !ok {
			return Invited{}, store.Errorf(store.EINVALID, "person %q is not located in place %q, the survey's place", personID, sv.PlaceID)
		}
		in, err := s.invitationOf(ctx, surveyID, personID)
		if err != nil {
			return Invited{}, err
		}
		if in.ID == "" {
			if in.ID, err = newID("inv-"); err != nil {
				return Invited{}, err
			}
			in.SurveyID, in.PersonID, in.Status = surveyID, personID, store.InvitationSent
		}
		token, err := auth.NewLinkToken()
		if err != nil {
			return Invited{}, err
		}
		now := s.now()
		in.TokenHash, in.InvitedAt, in.ExpiresAt = auth.Hash(token), now, now.Add(validFor)
		out, err := s.st.WriteSurvey(ctx, store.SurveyBatch{Invitations: []store.Invitation{in}})
		if err != nil {
			return Invited{}, err
		}
		return Invited{Invitation: out.Invitations[0], Token: token}, nil
	})
}

// writableSurvey returns the survey a write concerns: it must exist and
// lie within the principal's places (ENOTFOUND "survey" otherwise).
func (a *access) writableSurvey(ctx context.Context, id string) (store.Survey, error) {
	sv, err := a.s.st.Survey(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return store.Survey{}, notFound("survey", id)
	} else if err != nil {
		return store.Survey{}, err
	}
	if ok, err := a.visible(ctx, sv.PlaceID); err != nil {
		return store.Survey{}, err
	} else if !ok {
		return store.Survey{}, notFound("survey", id)
	}
	return sv, nil
}

// invitationOf returns the person's invitation to the survey, or the zero
// Invitation when there is none.
func (s *Service) invitationOf(ctx context.Context, surveyID, personID string) (store.Invitation, error) {
	c, err := s.st.Invitations(ctx, store.InvitationFilter{SurveyID: surveyID, PersonID: personID}, store.Page{First: 1})
	if err != nil || len(c.Items) == 0 {
		return store.Invitation{}, err
	}
	return c.Items[0], nil
}

// surveyAnswers reads the invitations of a survey with the actors they
// name (their people, and the actors they rated), leaving out those of
// people missing or whose consent is withdrawn: what the survey analyses
// start from.
func (s *Service) surveyAnswers(ctx context.Context, surveyID string) ([]store.Invitation, map[string]store.Actor, error) {
	all, err := collect(func(pg store.Page) (store.Connection[store.Invitation], error) {
		return s.st.Invitations(ctx, store.InvitationFilter{SurveyID: surveyID}, pg)
	})
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, in := range all {
		ids = append(ids, in.PersonID)
		for _, r := range in.Ratings {
			ids = append(ids, r.ActorID)
		}
	}
	actors, err := s.st.ActorsByID(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	ins := all[:0]
	for _, in := range all {
		if act, ok := actors[in.PersonID]; ok && act.Person != nil && !isWithdrawn(*act.Person) {
			ins = append(ins, in)
		}
	}
	return ins, actors, nil
}

// Invitations lists the invitations of a survey visible to the principal
// (ENOTFOUND for a survey missing or outside), by id, leaving out those of
// people whose consent is withdrawn. Neither token hashes nor saved
// drafts are given out: only the link's holder reads their answers.
func (s *Service) Invitations(ctx context.Context, surveyID string) ([]store.Invitation, error) {
	return run(ctx, s, "Invitations", func(a *access) ([]store.Invitation, error) {
		if _, err := a.surveyRead(ctx, surveyID); err != nil {
			return nil, err
		}
		all, err := collect(func(pg store.Page) (store.Connection[store.Invitation], error) {
			return s.st.Invitations(ctx, store.InvitationFilter{SurveyID: surveyID}, pg)
		})
		if err != nil {
			return nil, err
		}
		w, err := s.withdrawn(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]store.Invitation, 0, len(all))
		for _, in := range all {
			if w.has(in.PersonID) {
				continue
			}
			in.TokenHash, in.Draft = "", ""
			out = append(out, in)
		}
		a.act.add(personIDs(out)...)
		return out, nil
	})
}

// surveyRead applies the Entity rule to the survey a read concerns.
func (a *access) surveyRead(ctx context.Context, id string) (store.Survey, error) {
	sv, err := a.s.st.Survey(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		if err := a.rule(Entity); err != nil {
			return store.Survey{}, err
		}
		return store.Survey{}, notFound("survey", id)
	} else if err != nil {
		return store.Survey{}, err
	}
	if err := a.see(ctx, surveyAt(sv), "survey", id); err != nil {
		return store.Survey{}, err
	}
	out, err := a.shown(ctx, []store.Survey{sv})
	if err != nil {
		return store.Survey{}, err
	}
	return out[0], nil
}

// shown returns the surveys as the principal may see them: the people
// among the actors to rate left out for a role that may not read
// person-level data, and people whose consent is withdrawn for every role.
func (a *access) shown(ctx context.Context, svs []store.Survey) ([]store.Survey, error) {
	var ids []string
	for _, sv := range svs {
		ids = append(ids, sv.InfluenceIDs...)
	}
	actors, err := a.s.st.ActorsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	hide := func(id string) bool {
		act, ok := actors[id]
		return ok && act.Person != nil && (actorWithdrawn(act) || !a.personLevel())
	}
	out := slices.Clone(svs)
	for i := range out {
		out[i].InfluenceIDs = slices.DeleteFunc(slices.Clone(out[i].InfluenceIDs), hide)
	}
	return out, nil
}

// personIDs returns the people of the invitations, in order.
func personIDs(ins []store.Invitation) []string {
	out := make([]string, len(ins))
	for i, in := range ins {
		out[i] = in.PersonID
	}
	return slices.Compact(out)
}
