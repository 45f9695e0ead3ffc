package service

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// Answering a survey through a personal link (the Self rule): read the
// survey, consent or decline, save and resume a draft, submit once. The
// invitation's version makes every write single: of two writes that read
// the same version only the first is kept (ECONFLICT for the other), so a
// link submits once even when it submits twice at once.

// Named is one person named in answer to a name-generator question: a
// person of the survey's place by id, or someone new by a label (exactly
// one of the two).
type Named struct {
	QuestionID string `json:"q"`
	PersonID   string `json:"id,omitempty"`
	Label      string `json:"label,omitempty"`
}

// ForumAnswer says the respondent takes part in one of the survey's
// forums, how much say they have there (the participation ladder) and at
// which stage of its work they joined.
type ForumAnswer struct {
	ForumID string      `json:"forum"`
	Level   store.Level `json:"level"`
	Stage   store.Stage `json:"stage"`
}

// Response is a respondent's answers, saved as a draft or submitted.
type Response struct {
	Names  []Named       `json:"names,omitempty"`
	Forums []ForumAnswer `json:"forums,omitempty"`
	// Groups are the survey's groups the respondent says they belong to;
	// they replace the person's groups among those the survey offers (none
	// leaves the person's groups as they are).
	Groups []string `json:"groups,omitempty"`
	// Felt is how far they feel heard, 1 to 5; 0 unanswered.
	Felt    int            `json:"felt,omitempty"`
	Ratings []store.Rating `json:"ratings,omitempty"`
}

// Questionnaire is what a respondent's link opens: their invitation (its
// status and expiry), their survey with its forums and the actors to
// rate, their own person record and their saved draft.
type Questionnaire struct {
	Invitation store.Invitation
	Survey     store.Survey
	Person     store.Person
	Forums     []store.Forum
	// Rated are the actors to rate that are still recorded (withdrawn
	// people left out), in the survey's order.
	Rated []store.Actor
	// Draft is the saved answers; nil when none.
	Draft *Response
	// Picked names the people the draft names by id (those still recorded
	// and not withdrawn), so that a resumed draft shows whom it names.
	Picked map[string]string
}

// Respondent returns the questionnaire of the principal's link.
func (s *Service) Respondent(ctx context.Context) (Questionnaire, error) {
	return run(ctx, s, "Respondent", func(a *access) (Questionnaire, error) {
		r, err := a.self(ctx)
		if err != nil {
			return Questionnaire{}, err
		}
		q := Questionnaire{Invitation: r.in, Survey: r.survey, Person: r.person}
		q.Invitation.TokenHash = ""
		forums, err := s.st.ForumsByID(ctx, r.survey.ForumIDs)
		if err != nil {
			return Questionnaire{}, err
		}
		q.Forums = found(forums, r.survey.ForumIDs...)
		actors, err := s.st.ActorsByID(ctx, r.survey.InfluenceIDs)
		if err != nil {
			return Questionnaire{}, err
		}
		for _, act := range found(actors, r.survey.InfluenceIDs...) {
			if !actorWithdrawn(act) {
				q.Rated = append(q.Rated, act)
			}
		}
		if r.in.Draft != "" {
			var d Response
			if err := json.Unmarshal([]byte(r.in.Draft), &d); err != nil {
				return Questionnaire{}, store.Errorf(store.EINTERNAL, "the saved answers of invitation %q cannot be read", r.in.ID)
			}
			q.Draft = &d
			if q.Picked, err = s.picked(ctx, d.Names); err != nil {
				return Questionnaire{}, err
			}
		}
		return q, nil
	})
}

// picked returns the names of the people named by id in names, leaving
// out those no longer recorded or whose consent is withdrawn.
func (s *Service) picked(ctx context.Context, names []Named) (map[string]string, error) {
	var ids []string
	for _, n := range names {
		if n.PersonID != "" {
			ids = append(ids, n.PersonID)
		}
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	m, err := s.st.ActorsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, act := range m {
		if act.Person != nil && !actorWithdrawn(act) {
			out[id] = act.Person.Name
		}
	}
	return out, nil
}

// Pick is a person a respondent may name: no more than their name.
type Pick struct {
	ID   string
	Name string
}

// MaxPicks bounds the people RespondentSearch returns; minSearch is the
// shortest text it searches for.
const (
	MaxPicks  = 10
	minSearch = 2
)

// RespondentSearch finds the people of the survey's place (with its
// descendants) whose name contains text (at least two characters, case
// ignored), for the respondent to name: at most MaxPicks, by name then id.
// It leaves out the respondent, people whose consent is withdrawn and
// placeholders named by others (consent UNKNOWN, said in a survey), whose
// labels never leave the survey's editors.
func (s *Service) RespondentSearch(ctx context.Context, text string) ([]Pick, error) {
	return run(ctx, s, "RespondentSearch", func(a *access) ([]Pick, error) {
		r, err := a.self(ctx)
		if err != nil {
			return nil, err
		}
		text = strings.ToLower(strings.TrimSpace(text))
		if len([]rune(text)) < minSearch {
			return nil, store.Errorf(store.EINVALID, "type at least %d letters of the name", minSearch)
		}
		people, err := collect(func(pg store.Page) (store.Connection[store.Person], error) {
			return s.st.People(ctx, store.PeopleFilter{PlaceID: r.survey.PlaceID}, pg)
		})
		if err != nil {
			return nil, err
		}
		var out []Pick
		for _, p := range people {
			if p.ID == r.person.ID || isWithdrawn(p) || isPlaceholder(p) || !strings.Contains(strings.ToLower(p.Name), text) {
				continue
			}
			out = append(out, Pick{ID: p.ID, Name: p.Name})
		}
		slices.SortFunc(out, func(x, y Pick) int {
			if c := strings.Compare(x.Name, y.Name); c != 0 {
				return c
			}
			return strings.Compare(x.ID, y.ID)
		})
		if len(out) > MaxPicks {
			out = out[:MaxPicks]
		}
		for _, p := range out {
			a.act.add(p.ID)
		}
		return out, nil
	})
}

// isPlaceholder reports whether p is a person named in a survey who has
// not consented: a pseudonymous placeholder.
func isPlaceholder(p store.Person) bool {
	return p.Source.Of() == store.SourceSurvey && p.Consent == store.ConsentUnknown
}

// GiveConsent records the respondent's answer to the consent page. Giving
// consent opens the survey (CONSENTED) and sets the person's consent to
// GIVEN; declining (DECLINED) keeps nothing else. Once consented, consent
// cannot be declined (WithdrawConsent withdraws it, ECONFLICT here);
// consenting again after withdrawing restores the person's consent. Each
// change of the person's consent is recorded as a correction.
func (s *Service) GiveConsent(ctx context.Context, give bool) (store.Invitation, error) {
	return run(ctx, s, "GiveConsent", func(a *access) (store.Invitation, error) {
		r, err := a.self(ctx)
		if err != nil {
			return store.Invitation{}, err
		}
		in := r.in
		answered := in.Status == store.InvitationConsented || in.Status == store.InvitationSubmitted
		b := store.SurveyBatch{}
		switch {
		case !give && answered:
			return store.Invitation{}, store.Errorf(store.ECONFLICT, "consent was given: withdraw it instead")
		case !give:
			in.Status = store.InvitationDeclined
		case !answered:
			now := s.now()
			in.Status, in.ConsentedAt = store.InvitationConsented, &now
		}
		if give && r.person.Consent != store.ConsentGiven {
			c, err := s.consentChange(r, store.ConsentGiven)
			if err != nil {
				return store.Invitation{}, err
			}
			b.People, b.Corrections = []store.Person{c.person}, []store.Correction{c.correction}
		}
		if in.Status == r.in.Status && len(b.People) == 0 {
			in.TokenHash = ""
			return in, nil
		}
		b.Invitations = []store.Invitation{in}
		out, err := s.writeSurvey(ctx, b)
		if err != nil {
			return store.Invitation{}, err
		}
		in = out.Invitations[0]
		in.TokenHash = ""
		return in, nil
	})
}

// consentChanged is a change of a respondent's consent with its record.
type consentChanged struct {
	person     store.Person
	correction store.Correction
}

// consentChange sets the respondent's consent to c and records the change.
func (s *Service) consentChange(r respondent, c store.Consent) (consentChanged, error) {
	p := r.person
	corr, err := s.correction(r, p.ID, "consent", string(p.Consent), string(c))
	p.Consent = c
	return consentChanged{person: p, correction: corr}, err
}

// correction returns the record of a change a respondent made.
func (s *Service) correction(r respondent, entityID, field, previous, value string) (store.Correction, error) {
	id, err := newID("corr-")
	return store.Correction{ID: id, PersonID: r.person.ID, SurveyID: r.survey.ID, EntityID: entityID,
		Field: field, Previous: previous, Value: value, At: s.now()}, err
}

// writeSurvey writes a survey batch; the store advances the versions of
// the places its network records touch (versions.go).
func (s *Service) writeSurvey(ctx context.Context, b store.SurveyBatch) (store.SurveyBatch, error) {
	out, err := s.st.WriteSurvey(ctx, b)
	if err != nil {
		return out, err
	}
	s.wrote(ctx)
	return out, nil
}

// SaveDraft saves the respondent's answers so far, checked as a submission
// would be but with nothing required; only after consent and before
// submission (EINVALID otherwise). It writes nothing but the invitation.
func (s *Service) SaveDraft(ctx context.Context, d Response) (store.Invitation, error) {
	return run(ctx, s, "SaveDraft", func(a *access) (store.Invitation, error) {
		r, _, err := s.answer(ctx, a, d)
		if err != nil {
			return store.Invitation{}, err
		}
		raw, err := json.Marshal(d)
		if err != nil {
			return store.Invitation{}, err
		}
		in := r.in
		in.Draft = string(raw)
		if len(in.Draft) > store.MaxDraftBytes {
			return store.Invitation{}, store.Errorf(store.EINVALID, "the answers are longer than %d bytes", store.MaxDraftBytes)
		}
		out, err := s.st.WriteSurvey(ctx, store.SurveyBatch{Invitations: []store.Invitation{in}})
		if err != nil {
			return store.Invitation{}, err
		}
		in = out.Invitations[0]
		in.TokenHash = ""
		return in, nil
	})
}

// answer checks answers d of the link's holder: consented, not submitted,
// the survey open, d valid (checkResponse). It returns the respondent and
// the records d makes.
func (s *Service) answer(ctx context.Context, a *access, d Response) (respondent, checked, error) {
	r, err := a.self(ctx)
	if err != nil {
		return r, checked{}, err
	}
	if err := answering(r.in); err != nil {
		return r, checked{}, err
	}
	if err := s.open(r.survey); err != nil {
		return r, checked{}, err
	}
	c, err := s.checkResponse(ctx, r, d)
	return r, c, err
}

// answering refuses answers before consent (EINVALID) and after
// submission (ECONFLICT).
func answering(in store.Invitation) error {
	switch in.Status {
	case store.InvitationConsented:
		return nil
	case store.InvitationSubmitted:
		return store.Errorf(store.ECONFLICT, "the answers were submitted already")
	}
	return store.Errorf(store.EINVALID, "consent comes first: nothing is saved before it is given")
}
