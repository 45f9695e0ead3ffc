package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// Submitting a survey response: the answers become ordinary records whose
// Source is the survey (store.Said): a relationship per person named (said
// by the respondent, Source.By), a placeholder person per someone new (a
// pseudonym of the survey's place, consent UNKNOWN), a participation per
// forum, and the respondent's groups among the survey's. The felt voice and
// the influence ratings stay on the invitation. All in one write.

// checked is a response checked against its survey, with the records it
// makes.
type checked struct {
	placeholders []store.Person
	ties         []store.Relationship
	seats        []store.Participation
	groups       []string
}

// checkResponse checks d against the respondent's survey (EINVALID for an
// unknown question, forum, group or actor to rate, a value out of range, a
// label and an id together or neither, a person repeated in a question,
// too many names; ENOTFOUND for a person not of the survey's place, as a
// missing one) and returns the records it makes.
func (s *Service) checkResponse(ctx context.Context, r respondent, d Response) (checked, error) {
	var c checked
	sv, day := r.survey, s.today()
	perQuestion := map[string]int{}
	named := map[string]bool{}
	var ids []string
	for _, n := range d.Names {
		if n.PersonID != "" {
			ids = append(ids, n.PersonID)
		}
	}
	people, err := s.st.ActorsByID(ctx, ids)
	if err != nil {
		return c, err
	}
	for i, n := range d.Names {
		q, ok := sv.Question(n.QuestionID)
		if !ok {
			return c, store.Errorf(store.EINVALID, "name %d: the survey has no question %q", i+1, n.QuestionID)
		}
		if perQuestion[q.ID]++; perQuestion[q.ID] > store.MaxNamesPerQuestion {
			return c, store.Errorf(store.EINVALID, "question %q: more than %d names", q.ID, store.MaxNamesPerQuestion)
		}
		other := n.PersonID
		switch label := strings.TrimSpace(n.Label); {
		case (other == "") == (label == ""):
			return c, store.Errorf(store.EINVALID, "name %d: give either a person or a new name", i+1)
		case other != "":
			if err := s.nameable(ctx, r, people, other); err != nil {
				return c, err
			}
		default:
			id, err := newID("named-")
			if err != nil {
				return c, err
			}
			c.placeholders = append(c.placeholders, store.Person{ID: id, Name: label, PlaceID: sv.PlaceID,
				Consent: store.ConsentUnknown, Source: store.Said(sv.ID, day)})
			other = id
		}
		if key := q.ID + "\x00" + other; named[key] {
			return c, store.Errorf(store.EINVALID, "question %q: %q is named twice", q.ID, other)
		} else {
			named[key] = true
		}
		from, to := r.person.ID, other
		if q.FromNamed {
			from, to = to, from
		}
		c.ties = append(c.ties, store.Relationship{ID: fmt.Sprintf("%s-%s-%d", r.in.ID, q.ID, perQuestion[q.ID]),
			FromID: from, ToID: to, Kind: q.Kind, Weight: 1, Since: &day, Source: store.SaidBy(sv.ID, day, r.person.ID)})
	}
	seen := map[string]bool{}
	for _, f := range d.Forums {
		switch {
		case !slices.Contains(sv.ForumIDs, f.ForumID):
			return c, store.Errorf(store.EINVALID, "the survey does not ask about forum %q", f.ForumID)
		case seen[f.ForumID]:
			return c, store.Errorf(store.EINVALID, "forum %q is answered twice", f.ForumID)
		case !f.Level.Valid():
			return c, store.Errorf(store.EINVALID, "forum %q: unknown level %q", f.ForumID, f.Level)
		case !f.Stage.Valid():
			return c, store.Errorf(store.EINVALID, "forum %q: unknown stage %q", f.ForumID, f.Stage)
		}
		seen[f.ForumID] = true
		c.seats = append(c.seats, store.Participation{ID: r.in.ID + "-" + f.ForumID, ActorID: r.person.ID, ForumID: f.ForumID,
			Level: f.Level, JoinedAtStage: f.Stage, Since: &day, Source: store.Said(sv.ID, day)})
	}
	for _, g := range d.Groups {
		if !slices.Contains(sv.Groups, g) {
			return c, store.Errorf(store.EINVALID, "the survey does not offer group %q", g)
		}
	}
	c.groups = slices.Compact(slices.Sorted(slices.Values(d.Groups)))
	if d.Felt < 0 || d.Felt > 5 {
		return c, store.Errorf(store.EINVALID, "felt voice %d, want 1 to 5 (0 unanswered)", d.Felt)
	}
	rated := map[string]bool{}
	for _, rt := range d.Ratings {
		switch {
		case !slices.Contains(sv.InfluenceIDs, rt.ActorID):
			return c, store.Errorf(store.EINVALID, "the survey does not ask about the influence of %q", rt.ActorID)
		case rated[rt.ActorID]:
			return c, store.Errorf(store.EINVALID, "%q is rated twice", rt.ActorID)
		case rt.Value < 0 || rt.Value > 5:
			return c, store.Errorf(store.EINVALID, "the rating of %q is %d, want 0 to 5", rt.ActorID, rt.Value)
		}
		rated[rt.ActorID] = true
	}
	return c, nil
}

// nameable checks that the person with the id may be named by the
// respondent: a person of the survey's place, not themselves, not
// withdrawn, not a placeholder (ENOTFOUND "person" otherwise, as a missing
// one: the respondent learns nothing of people they cannot search for).
func (s *Service) nameable(ctx context.Context, r respondent, people map[string]store.Actor, id string) error {
	act, ok := people[id]
	if !ok || act.Person == nil || id == r.person.ID || isWithdrawn(*act.Person) || isPlaceholder(*act.Person) {
		return notFound("person", id)
	}
	if ok, err := s.under(ctx, act.Person.PlaceID, r.survey.PlaceID); err != nil {
		return err
	} else if !ok {
		return notFound("person", id)
	}
	return nil
}

// SubmitResponse submits the respondent's answers, once: after consent
// (EINVALID before), while the survey is open (EINVALID after it closes),
// never twice (ECONFLICT, also for two submissions at once). The saved
// draft is dropped. It returns the invitation as submitted.
func (s *Service) SubmitResponse(ctx context.Context, d Response) (store.Invitation, error) {
	return run(ctx, s, "SubmitResponse", func(a *access) (store.Invitation, error) {
		r, c, err := s.answer(ctx, a, d)
		if err != nil {
			return store.Invitation{}, err
		}
		in := r.in
		now := s.now()
		in.Status, in.SubmittedAt, in.Draft, in.Felt, in.Ratings = store.InvitationSubmitted, &now, "", d.Felt, d.Ratings
		b := store.SurveyBatch{Invitations: []store.Invitation{in}}
		b.People = c.placeholders
		if p, changed := withGroups(r.person, r.survey.Groups, c.groups); changed && len(c.groups) > 0 {
			p.Source = store.Said(r.survey.ID, s.today())
			b.People = append(b.People, p)
		}
		b.Relationships, b.Participations = c.ties, c.seats
		out, err := s.writeSurvey(ctx, b)
		if store.ErrorCode(err) == store.ECONFLICT {
			return store.Invitation{}, store.Errorf(store.ECONFLICT, "the answers were submitted already")
		} else if err != nil {
			return store.Invitation{}, err
		}
		in = out.Invitations[0]
		in.TokenHash = ""
		return in, nil
	})
}

// withGroups returns the person with their groups among offered replaced
// by chosen (other groups kept), and whether that changes them. It is
// applied only when the respondent chose some groups: an unanswered
// question changes nothing ("none of these" is a correction).
func withGroups(p store.Person, offered, chosen []string) (store.Person, bool) {
	groups := slices.DeleteFunc(slices.Clone(p.Groups), func(g string) bool { return slices.Contains(offered, g) })
	groups = slices.Compact(slices.Sorted(slices.Values(append(groups, chosen...))))
	if slices.Equal(groups, p.Groups) {
		return p, false
	}
	p.Groups = groups
	return p, true
}
