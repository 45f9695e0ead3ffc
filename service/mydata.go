package service

import (
	"context"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// A person's own data through their link (GDPR articles 15 and 16): what
// voicemap holds about them, correcting it with the previous value kept,
// disputing a tie someone else reported, withdrawing consent.

// Tie is one of the respondent's relationships as they see it: the other
// end (nil when it is a placeholder someone else named, whose label only
// the survey's editors see) and whether they said it themselves.
type Tie struct {
	Relationship store.Relationship
	Other        *store.Actor
	SaidByMe     bool
	// Disputed reports an open dispute of the tie by the respondent.
	Disputed bool
}

// Seat is one of the respondent's participations with its forum.
type Seat struct {
	Participation store.Participation
	Forum         store.Forum
}

// MyRecord is everything voicemap holds about a respondent: their person
// record (with consent), ties, participations, invitations, the
// corrections they made and the disputes they raised.
type MyRecord struct {
	Person      store.Person
	Ties        []Tie
	Seats       []Seat
	Invitations []store.Invitation
	Corrections []store.Correction
	Disputes    []store.Dispute
}

// MyData returns what voicemap holds about the holder of the link, even
// when their consent is withdrawn (it is their own data). Ties to people
// whose consent is withdrawn are left out, as everywhere.
func (s *Service) MyData(ctx context.Context) (MyRecord, error) {
	return run(ctx, s, "MyData", func(a *access) (MyRecord, error) {
		r, err := a.self(ctx)
		if err != nil {
			return MyRecord{}, err
		}
		return s.myRecord(ctx, r)
	})
}

// myRecord reads the record of the respondent.
func (s *Service) myRecord(ctx context.Context, r respondent) (MyRecord, error) {
	me := r.person.ID
	out := MyRecord{Person: r.person}
	rels, err := collect(func(pg store.Page) (store.Connection[store.Relationship], error) {
		return s.st.Relationships(ctx, store.RelationshipFilter{ActorID: me}, pg)
	})
	if err != nil {
		return out, err
	}
	disputes, err := collect(func(pg store.Page) (store.Connection[store.Dispute], error) {
		return s.st.Disputes(ctx, store.DisputeFilter{PersonID: me}, pg)
	})
	if err != nil {
		return out, err
	}
	out.Disputes = disputes
	others := make([]string, len(rels))
	for i, rel := range rels {
		others[i] = otherEnd(rel, me)
	}
	actors, err := s.st.ActorsByID(ctx, others)
	if err != nil {
		return out, err
	}
	for i, rel := range rels {
		t := Tie{Relationship: rel, SaidByMe: rel.Source.By == me}
		if act, ok := actors[others[i]]; ok {
			if actorWithdrawn(act) {
				continue
			}
			if act.Person == nil || !isPlaceholder(*act.Person) || t.SaidByMe {
				t.Other = &act
			}
		}
		t.Disputed = slices.ContainsFunc(disputes, func(d store.Dispute) bool {
			return d.RelationshipID == rel.ID && d.Resolution == store.DisputeOpen
		})
		out.Ties = append(out.Ties, t)
	}
	parts, err := collect(func(pg store.Page) (store.Connection[store.Participation], error) {
		return s.st.Participations(ctx, store.ParticipationFilter{ActorID: me}, pg)
	})
	if err != nil {
		return out, err
	}
	forumIDs := make([]string, len(parts))
	for i, p := range parts {
		forumIDs[i] = p.ForumID
	}
	forums, err := s.st.ForumsByID(ctx, forumIDs)
	if err != nil {
		return out, err
	}
	for _, p := range parts {
		out.Seats = append(out.Seats, Seat{Participation: p, Forum: forums[p.ForumID]})
	}
	if out.Invitations, err = collect(func(pg store.Page) (store.Connection[store.Invitation], error) {
		return s.st.Invitations(ctx, store.InvitationFilter{PersonID: me}, pg)
	}); err != nil {
		return out, err
	}
	for i := range out.Invitations {
		out.Invitations[i].TokenHash = ""
	}
	out.Corrections, err = collect(func(pg store.Page) (store.Connection[store.Correction], error) {
		return s.st.Corrections(ctx, me, pg)
	})
	return out, err
}

// otherEnd returns the end of the relationship that is not me.
func otherEnd(r store.Relationship, me string) string {
	if r.FromID == me {
		return r.ToID
	}
	return r.FromID
}

// Correction fields a respondent may change.
const (
	FieldName            = "name"
	FieldGroups          = "groups"
	FieldRoles           = "roles"
	FieldLivedExperience = "livedExperience"
	FieldLevel           = "level"
	FieldRemoved         = "removed"
)

// Change is one correction a respondent asks for: on their person record
// (EntityID their own id) the field name, groups, roles or
// livedExperience (lists as comma-separated tags); on one of their
// participations the field level (a rung of the ladder); on a tie they
// said themselves the field removed (Value ignored). A tie someone else
// reported is disputed instead (DisputeTie).
type Change struct {
	EntityID string
	Field    string
	Value    string
}

// CorrectMyData applies a correction to the respondent's own data and
// records it with the value it replaced; it returns their record as
// corrected. EINVALID for a field that cannot be corrected or an invalid
// value; ENOTFOUND for a record that is not theirs, as a missing one.
func (s *Service) CorrectMyData(ctx context.Context, ch Change) (MyRecord, error) {
	return run(ctx, s, "CorrectMyData", func(a *access) (MyRecord, error) {
		r, err := a.self(ctx)
		if err != nil {
			return MyRecord{}, err
		}
		b, err := s.change(ctx, r, ch)
		if err != nil {
			return MyRecord{}, err
		}
		if _, err := s.writeSurvey(ctx, b); err != nil {
			return MyRecord{}, err
		}
		r.person, err = s.ownPerson(ctx, r.person.ID)
		if err != nil {
			return MyRecord{}, err
		}
		return s.myRecord(ctx, r)
	})
}

// ownPerson rereads the respondent's person record.
func (s *Service) ownPerson(ctx context.Context, id string) (store.Person, error) {
	act, err := s.st.Actor(ctx, id)
	if err != nil || act.Person == nil {
		return store.Person{}, errLink()
	}
	return *act.Person, nil
}

// change returns the write of a correction.
func (s *Service) change(ctx context.Context, r respondent, ch Change) (store.SurveyBatch, error) {
	var b store.SurveyBatch
	me := r.person
	if ch.EntityID == me.ID {
		var prev string
		switch ch.Field {
		case FieldName:
			prev, me.Name = me.Name, strings.TrimSpace(ch.Value)
		case FieldGroups:
			prev, me.Groups = tagText(me.Groups), splitTags(ch.Value)
		case FieldRoles:
			prev, me.Roles = tagText(me.Roles), splitTags(ch.Value)
		case FieldLivedExperience:
			prev, me.LivedExperience = tagText(me.LivedExperience), splitTags(ch.Value)
		default:
			return b, store.Errorf(store.EINVALID, "field %q of a person cannot be corrected here: name, groups, roles or livedExperience", ch.Field)
		}
		me.Source = store.Said(r.survey.ID, s.today())
		c, err := s.correction(r, me.ID, ch.Field, prev, ch.Value)
		b.People, b.Corrections = []store.Person{me}, []store.Correction{c}
		return b, err
	}
	switch ch.Field {
	case FieldLevel:
		p, err := s.st.Participation(ctx, ch.EntityID)
		if store.ErrorCode(err) == store.ENOTFOUND || (err == nil && p.ActorID != me.ID) {
			return b, notFound("participation", ch.EntityID)
		} else if err != nil {
			return b, err
		}
		prev := p.Level
		p.Level, p.Source = store.Level(ch.Value), store.Said(r.survey.ID, s.today())
		c, err := s.correction(r, p.ID, ch.Field, string(prev), ch.Value)
		b.Participations, b.Corrections = []store.Participation{p}, []store.Correction{c}
		return b, err
	case FieldRemoved:
		rel, err := s.st.Relationship(ctx, ch.EntityID)
		if store.ErrorCode(err) == store.ENOTFOUND || (err == nil && rel.FromID != me.ID && rel.ToID != me.ID) {
			return b, notFound("relationship", ch.EntityID)
		} else if err != nil {
			return b, err
		}
		if rel.Source.By != me.ID {
			return b, store.Errorf(store.EINVALID, "relationship %q was not said by you: dispute it instead", rel.ID)
		}
		c, err := s.correction(r, rel.ID, FieldRemoved, "", "true")
		b.Disconnect, b.Corrections = []string{rel.ID}, []store.Correction{c}
		return b, err
	}
	return b, store.Errorf(store.EINVALID, "field %q cannot be corrected here: level of a participation, or removed of a tie you said", ch.Field)
}

// tagText and splitTags are the text form of a list of tags in
// corrections: comma-separated.
func tagText(tags []string) string { return strings.Join(tags, ", ") }

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// DisputeTie records that a tie someone else reported between the
// respondent and another does not hold, with a reason: the tie is flagged
// (an open dispute) until an editor keeps or removes it. ENOTFOUND for a
// tie that is not theirs; EINVALID for a tie they said themselves (they
// remove it, CorrectMyData); ECONFLICT when they dispute it already.
func (s *Service) DisputeTie(ctx context.Context, relationshipID, reason string) (store.Dispute, error) {
	return run(ctx, s, "DisputeTie", func(a *access) (store.Dispute, error) {
		r, err := a.self(ctx)
		if err != nil {
			return store.Dispute{}, err
		}
		me := r.person.ID
		rel, err := s.st.Relationship(ctx, relationshipID)
		if store.ErrorCode(err) == store.ENOTFOUND || (err == nil && rel.FromID != me && rel.ToID != me) {
			return store.Dispute{}, notFound("relationship", relationshipID)
		} else if err != nil {
			return store.Dispute{}, err
		}
		if rel.Source.By == me {
			return store.Dispute{}, store.Errorf(store.EINVALID, "relationship %q was said by you: remove it instead", rel.ID)
		}
		open, err := s.st.Disputes(ctx, store.DisputeFilter{PersonID: me, RelationshipID: rel.ID, Open: true}, store.Page{First: 1})
		if err != nil {
			return store.Dispute{}, err
		}
		if len(open.Items) > 0 {
			return store.Dispute{}, store.Errorf(store.ECONFLICT, "relationship %q is disputed already", rel.ID)
		}
		id, err := newID("disp-")
		if err != nil {
			return store.Dispute{}, err
		}
		d := store.Dispute{ID: id, RelationshipID: rel.ID, PersonID: me, SurveyID: r.survey.ID, Reason: reason, RaisedOn: s.today()}
		out, err := s.st.WriteSurvey(ctx, store.SurveyBatch{Disputes: []store.Dispute{d}})
		if err != nil {
			return store.Dispute{}, err
		}
		return out.Disputes[0], nil
	})
}

// WithdrawConsent withdraws the respondent's consent (consent WITHDRAWN,
// recorded as a correction): from then on they are left out of every read
// and analysis (consent.go), their saved draft is dropped and an
// unsubmitted invitation goes back to DECLINED. Their link still opens
// their own data, and consenting again restores them.
func (s *Service) WithdrawConsent(ctx context.Context) (store.Person, error) {
	return run(ctx, s, "WithdrawConsent", func(a *access) (store.Person, error) {
		r, err := a.self(ctx)
		if err != nil {
			return store.Person{}, err
		}
		if r.person.Consent == store.ConsentWithdrawn {
			return r.person, nil
		}
		c, err := s.consentChange(r, store.ConsentWithdrawn)
		if err != nil {
			return store.Person{}, err
		}
		b := store.SurveyBatch{Corrections: []store.Correction{c.correction}}
		b.People = []store.Person{c.person}
		if r.in.Status == store.InvitationConsented {
			in := r.in
			in.Status, in.ConsentedAt, in.Draft = store.InvitationDeclined, nil, ""
			b.Invitations = []store.Invitation{in}
		}
		if _, err := s.writeSurvey(ctx, b); err != nil {
			return store.Person{}, err
		}
		return c.person, nil
	})
}
