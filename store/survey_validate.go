package store

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// normSource checks a record's source and returns its canonical form: the
// zero Source for a typed record, which names no survey and no day; a
// record said in a survey names both (the day truncated). ends are the ids
// the speaker (By) may be: a tie's two ends; none for other records.
func normSource(s Source, ends ...string) (Source, error) {
	switch s.Kind {
	case "", SourceTyped:
		s.Kind = ""
		if s.SurveyID != "" || s.On != nil || s.By != "" {
			return s, Errorf(EINVALID, "source: a typed record names no survey, day or speaker")
		}
	case SourceSurvey:
		if err := ValidID("source survey id", s.SurveyID); err != nil {
			return s, err
		}
		if s.On == nil {
			return s, Errorf(EINVALID, "source: the day the survey answer was given is required")
		}
		d := Day(*s.On)
		s.On = &d
		if err := optionalID("source speaker id", s.By); err != nil {
			return s, err
		}
	default:
		return s, Errorf(EINVALID, "unknown source %q", s.Kind)
	}
	if s.By != "" && !slices.Contains(ends, s.By) {
		if len(ends) == 0 {
			return s, Errorf(EINVALID, "source: only a tie names who said it")
		}
		return s, Errorf(EINVALID, "source: %q, who said the tie, is not one of its ends", s.By)
	}
	return s, nil
}

// questionID is what a question id may be: short and plain, since it
// travels in drafts and forms.
var questionID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// normIDs checks a list of ids, sorts it and drops repeats; at most max.
func normIDs(field string, ids []string, max int) ([]string, error) {
	for _, id := range ids {
		if err := ValidID(field, id); err != nil {
			return nil, err
		}
	}
	out := slices.Compact(append([]string{}, slices.Sorted(slices.Values(ids))...))
	if len(out) > max {
		return nil, Errorf(EINVALID, "more than %d %ss", max, field)
	}
	return out, nil
}

// NormalizeSurvey validates s and returns its canonical form: forum,
// actor and group lists sorted and de-duplicated, days truncated. A
// survey asks at least one question of some kind (a name generator, a
// forum or an influence rating; the felt-voice question is always asked).
func NormalizeSurvey(s Survey) (Survey, error) {
	var err error
	if err = ValidID("survey id", s.ID); err != nil {
		return s, err
	}
	if s.Name, err = normName("survey name", s.Name); err != nil {
		return s, err
	}
	s.Name = strings.TrimSpace(s.Name)
	if err = ValidID("place id", s.PlaceID); err != nil {
		return s, err
	}
	if len(s.Questions) > MaxQuestions {
		return s, Errorf(EINVALID, "more than %d questions", MaxQuestions)
	}
	qs := make([]NameQuestion, len(s.Questions))
	seen := map[string]bool{}
	for i, q := range s.Questions {
		if !questionID.MatchString(q.ID) {
			return s, Errorf(EINVALID, "question %d: id %q: want 1 to 32 of a-z, 0-9 and '-'", i+1, q.ID)
		}
		if seen[q.ID] {
			return s, Errorf(EINVALID, "question id %q appears twice", q.ID)
		}
		seen[q.ID] = true
		if q.Prompt, err = normName("question "+q.ID+": prompt", q.Prompt); err != nil {
			return s, err
		}
		q.Prompt = strings.TrimSpace(q.Prompt)
		if !q.Kind.Valid() {
			return s, Errorf(EINVALID, "question %s: unknown relationship kind %q", q.ID, q.Kind)
		}
		qs[i] = q
	}
	s.Questions = qs
	if s.ForumIDs, err = normIDs("forum id", s.ForumIDs, MaxSurveyForums); err != nil {
		return s, err
	}
	if s.InfluenceIDs, err = normIDs("influence actor id", s.InfluenceIDs, MaxInfluenceActors); err != nil {
		return s, err
	}
	if s.InfluenceOver, err = normText("influence subject", s.InfluenceOver, false); err != nil {
		return s, err
	}
	s.InfluenceOver = strings.TrimSpace(s.InfluenceOver)
	if len(s.InfluenceOver) > MaxNameLen {
		return s, Errorf(EINVALID, "influence subject is longer than %d bytes", MaxNameLen)
	}
	if s.Groups, err = normTags("groups", s.Groups); err != nil {
		return s, err
	}
	if len(s.Groups) > MaxSurveyGroups {
		return s, Errorf(EINVALID, "groups: more than %d", MaxSurveyGroups)
	}
	if len(s.Questions) == 0 && len(s.ForumIDs) == 0 && len(s.InfluenceIDs) == 0 && len(s.Groups) == 0 {
		return s, Errorf(EINVALID, "survey %q asks nothing but the felt-voice question: add a question, a forum, an actor to rate or groups", s.ID)
	}
	if s.CreatedOn.IsZero() {
		return s, Errorf(EINVALID, "survey %q: creation day is required", s.ID)
	}
	s.CreatedOn = Day(s.CreatedOn)
	if s.ClosesOn != nil {
		d := Day(*s.ClosesOn)
		if d.Before(s.CreatedOn) {
			return s, Errorf(EINVALID, "survey %q closes (%s) before it was created (%s)", s.ID, d.Format(time.DateOnly), s.CreatedOn.Format(time.DateOnly))
		}
		s.ClosesOn = &d
	}
	return s, nil
}

// Question returns the survey's question with the id, and whether there is one.
func (s Survey) Question(id string) (NameQuestion, bool) {
	i := slices.IndexFunc(s.Questions, func(q NameQuestion) bool { return q.ID == id })
	if i < 0 {
		return NameQuestion{}, false
	}
	return s.Questions[i], true
}

// instant truncates t to the second in UTC, the canonical form of the times
// of invitations and corrections.
func instant(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

func optInstant(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := instant(*t)
	return &u
}

// tokenHash is the stored form of a link's token (as an API key's hash).
var tokenHash = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// NormalizeInvitation validates in and returns its canonical form: times
// to the second in UTC, ratings sorted by actor. A draft is kept only
// while CONSENTED, the response (felt voice and ratings) only once
// SUBMITTED; consent and submission times go with their statuses.
func NormalizeInvitation(in Invitation) (Invitation, error) {
	var err error
	if err = ValidID("invitation id", in.ID); err != nil {
		return in, err
	}
	if err = ValidID("survey id", in.SurveyID); err != nil {
		return in, err
	}
	if err = ValidID("person id", in.PersonID); err != nil {
		return in, err
	}
	if !tokenHash.MatchString(in.TokenHash) {
		return in, Errorf(EINVALID, `token hash: want "sha256:" and 64 hex digits`)
	}
	if in.Status == "" {
		in.Status = InvitationSent
	}
	if !in.Status.Valid() {
		return in, Errorf(EINVALID, "unknown invitation status %q", in.Status)
	}
	if in.Version < 0 {
		return in, Errorf(EINVALID, "version must not be negative")
	}
	if in.InvitedAt.IsZero() || in.ExpiresAt.IsZero() {
		return in, Errorf(EINVALID, "invitation %q: invitation and expiry times are required", in.ID)
	}
	in.InvitedAt, in.ExpiresAt = instant(in.InvitedAt), instant(in.ExpiresAt)
	if !in.ExpiresAt.After(in.InvitedAt) {
		return in, Errorf(EINVALID, "invitation %q expires before it was made", in.ID)
	}
	in.ConsentedAt, in.SubmittedAt = optInstant(in.ConsentedAt), optInstant(in.SubmittedAt)
	consented := in.Status == InvitationConsented || in.Status == InvitationSubmitted
	switch {
	case consented != (in.ConsentedAt != nil):
		return in, Errorf(EINVALID, "invitation %q: a consent time goes with the statuses CONSENTED and SUBMITTED", in.ID)
	case (in.Status == InvitationSubmitted) != (in.SubmittedAt != nil):
		return in, Errorf(EINVALID, "invitation %q: a submission time goes with the status SUBMITTED", in.ID)
	case in.Draft != "" && in.Status != InvitationConsented:
		return in, Errorf(EINVALID, "invitation %q: answers are saved only after consent and before submission", in.ID)
	case len(in.Draft) > MaxDraftBytes:
		return in, Errorf(EINVALID, "invitation %q: the saved answers are longer than %d bytes", in.ID, MaxDraftBytes)
	case in.Status != InvitationSubmitted && (in.Felt != 0 || len(in.Ratings) > 0):
		return in, Errorf(EINVALID, "invitation %q: a response is kept only once submitted", in.ID)
	case in.Felt < 0 || in.Felt > 5:
		return in, Errorf(EINVALID, "invitation %q: felt voice %d, want 1 to 5 (0 unanswered)", in.ID, in.Felt)
	case len(in.Ratings) > MaxRatings:
		return in, Errorf(EINVALID, "invitation %q: more than %d ratings", in.ID, MaxRatings)
	}
	if in.Draft, err = normText("saved answers", in.Draft, true); err != nil {
		return in, err
	}
	rs := append([]Rating{}, in.Ratings...)
	slices.SortFunc(rs, func(a, b Rating) int { return strings.Compare(a.ActorID, b.ActorID) })
	for i, r := range rs {
		if err := ValidID("rated actor id", r.ActorID); err != nil {
			return in, err
		}
		if r.Value < 0 || r.Value > 5 {
			return in, Errorf(EINVALID, "invitation %q: rating of %q is %d, want 0 to 5", in.ID, r.ActorID, r.Value)
		}
		if i > 0 && rs[i-1].ActorID == r.ActorID {
			return in, Errorf(EINVALID, "invitation %q: actor %q is rated twice", in.ID, r.ActorID)
		}
	}
	in.Ratings = rs
	return in, nil
}

// NormalizeDispute validates d and returns its canonical form.
func NormalizeDispute(d Dispute) (Dispute, error) {
	var err error
	if err = ValidID("dispute id", d.ID); err != nil {
		return d, err
	}
	for _, f := range []struct{ field, id string }{{"relationship id", d.RelationshipID}, {"person id", d.PersonID}, {"survey id", d.SurveyID}} {
		if err = ValidID(f.field, f.id); err != nil {
			return d, err
		}
	}
	if d.Reason, err = normText("reason", d.Reason, false); err != nil {
		return d, err
	}
	d.Reason = strings.TrimSpace(d.Reason)
	if len(d.Reason) > MaxNameLen {
		return d, Errorf(EINVALID, "reason is longer than %d bytes", MaxNameLen)
	}
	if d.RaisedOn.IsZero() {
		return d, Errorf(EINVALID, "dispute %q: the day it was raised is required", d.ID)
	}
	d.RaisedOn = Day(d.RaisedOn)
	if !d.Resolution.Valid() {
		return d, Errorf(EINVALID, "unknown dispute resolution %q", d.Resolution)
	}
	if (d.Resolution == DisputeOpen) != (d.ResolvedOn == nil) {
		return d, Errorf(EINVALID, "dispute %q: a resolution goes with the day it was resolved", d.ID)
	}
	if d.ResolvedOn != nil {
		r := Day(*d.ResolvedOn)
		d.ResolvedOn = &r
	}
	return d, nil
}

// NormalizeCorrection validates c and returns its canonical form.
func NormalizeCorrection(c Correction) (Correction, error) {
	var err error
	if err = ValidID("correction id", c.ID); err != nil {
		return c, err
	}
	for _, f := range []struct{ field, id string }{{"person id", c.PersonID}, {"survey id", c.SurveyID}, {"corrected record id", c.EntityID}} {
		if err = ValidID(f.field, f.id); err != nil {
			return c, err
		}
	}
	if c.Field, err = normName("corrected field", c.Field); err != nil {
		return c, err
	}
	for _, v := range []*string{&c.Previous, &c.Value} {
		if *v, err = normText("corrected value", *v, false); err != nil {
			return c, err
		}
		if len(*v) > MaxTags*MaxTagLen {
			return c, Errorf(EINVALID, "a corrected value is too long")
		}
	}
	if c.At.IsZero() {
		return c, Errorf(EINVALID, "correction %q: its time is required", c.ID)
	}
	c.At = instant(c.At)
	return c, nil
}
