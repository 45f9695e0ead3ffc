package store

import (
	"encoding/json"
	"fmt"
	"time"
)

// The stored form of survey records, the same in every store: one JSON
// document per record, without its id (the key or node property holds
// it). Surveys, invitations, disputes and corrections are documents, read
// and written whole; the stores index the few fields they are looked up
// by (a survey's place, an invitation's survey, person and token hash, a
// dispute's relationship and person, a correction's person). Field names
// are fixed here, independently of the Go types.

type questionRec struct {
	ID        string `json:"id"`
	Prompt    string `json:"prompt"`
	Kind      string `json:"kind"`
	FromNamed bool   `json:"fromNamed,omitempty"`
}

type surveyRec struct {
	Name          string        `json:"name"`
	PlaceID       string        `json:"placeId"`
	Questions     []questionRec `json:"questions,omitempty"`
	ForumIDs      []string      `json:"forums,omitempty"`
	InfluenceIDs  []string      `json:"influence,omitempty"`
	InfluenceOver string        `json:"influenceOver,omitempty"`
	Groups        []string      `json:"groups,omitempty"`
	CreatedOn     string        `json:"createdOn"`
	ClosesOn      string        `json:"closesOn,omitempty"`
}

type ratingRec struct {
	ActorID string `json:"actor"`
	Value   int    `json:"value"`
}

type invitationRec struct {
	SurveyID    string      `json:"survey"`
	PersonID    string      `json:"person"`
	TokenHash   string      `json:"tokenHash"`
	Status      string      `json:"status"`
	Version     int         `json:"version"`
	InvitedAt   string      `json:"invitedAt"`
	ExpiresAt   string      `json:"expiresAt"`
	ConsentedAt string      `json:"consentedAt,omitempty"`
	SubmittedAt string      `json:"submittedAt,omitempty"`
	Draft       string      `json:"draft,omitempty"`
	Felt        int         `json:"felt,omitempty"`
	Ratings     []ratingRec `json:"ratings,omitempty"`
}

type disputeRec struct {
	RelationshipID string `json:"relationship"`
	PersonID       string `json:"person"`
	SurveyID       string `json:"survey"`
	Reason         string `json:"reason,omitempty"`
	RaisedOn       string `json:"raisedOn"`
	Resolution     string `json:"resolution,omitempty"`
	ResolvedOn     string `json:"resolvedOn,omitempty"`
}

type correctionRec struct {
	PersonID string `json:"person"`
	SurveyID string `json:"survey"`
	EntityID string `json:"entity"`
	Field    string `json:"field"`
	Previous string `json:"previous,omitempty"`
	Value    string `json:"value,omitempty"`
	At       string `json:"at"`
}

func fmtDay(t time.Time) string { return Day(t).Format(time.DateOnly) }

func fmtOptDay(t *time.Time) string {
	if t == nil {
		return ""
	}
	return fmtDay(*t)
}

func fmtInstant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func fmtOptInstant(t *time.Time) string {
	if t == nil {
		return ""
	}
	return fmtInstant(*t)
}

// parser reads the dates and times of a record, keeping the first error.
type parser struct{ err error }

func (p *parser) day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil && p.err == nil {
		p.err = err
	}
	return t
}

func (p *parser) optDay(s string) *time.Time {
	if s == "" {
		return nil
	}
	t := p.day(s)
	return &t
}

func (p *parser) instant(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil && p.err == nil {
		p.err = err
	}
	return t.UTC()
}

func (p *parser) optInstant(s string) *time.Time {
	if s == "" {
		return nil
	}
	t := p.instant(s)
	return &t
}

// EncodeSurvey returns the stored form of s.
func EncodeSurvey(s Survey) ([]byte, error) {
	r := surveyRec{Name: s.Name, PlaceID: s.PlaceID, ForumIDs: s.ForumIDs, InfluenceIDs: s.InfluenceIDs,
		InfluenceOver: s.InfluenceOver, Groups: s.Groups, CreatedOn: fmtDay(s.CreatedOn), ClosesOn: fmtOptDay(s.ClosesOn)}
	for _, q := range s.Questions {
		r.Questions = append(r.Questions, questionRec{q.ID, q.Prompt, string(q.Kind), q.FromNamed})
	}
	return json.Marshal(r)
}

// DecodeSurvey reads the survey id from its stored form.
func DecodeSurvey(id string, data []byte) (Survey, error) {
	var r surveyRec
	if err := json.Unmarshal(data, &r); err != nil {
		return Survey{}, fmt.Errorf("decode survey %q: %w", id, err)
	}
	var p parser
	s := Survey{ID: id, Name: r.Name, PlaceID: r.PlaceID, ForumIDs: orEmpty(r.ForumIDs), InfluenceIDs: orEmpty(r.InfluenceIDs),
		InfluenceOver: r.InfluenceOver, Groups: orEmpty(r.Groups), CreatedOn: p.day(r.CreatedOn), ClosesOn: p.optDay(r.ClosesOn),
		Questions: []NameQuestion{}}
	for _, q := range r.Questions {
		s.Questions = append(s.Questions, NameQuestion{ID: q.ID, Prompt: q.Prompt, Kind: RelKind(q.Kind), FromNamed: q.FromNamed})
	}
	if p.err != nil {
		return Survey{}, fmt.Errorf("decode survey %q: %w", id, p.err)
	}
	return s, nil
}

// EncodeInvitation returns the stored form of in.
func EncodeInvitation(in Invitation) ([]byte, error) {
	r := invitationRec{SurveyID: in.SurveyID, PersonID: in.PersonID, TokenHash: in.TokenHash, Status: string(in.Status),
		Version: in.Version, InvitedAt: fmtInstant(in.InvitedAt), ExpiresAt: fmtInstant(in.ExpiresAt),
		ConsentedAt: fmtOptInstant(in.ConsentedAt), SubmittedAt: fmtOptInstant(in.SubmittedAt), Draft: in.Draft, Felt: in.Felt}
	for _, x := range in.Ratings {
		r.Ratings = append(r.Ratings, ratingRec{x.ActorID, x.Value})
	}
	return json.Marshal(r)
}

// DecodeInvitation reads the invitation id from its stored form.
func DecodeInvitation(id string, data []byte) (Invitation, error) {
	var r invitationRec
	if err := json.Unmarshal(data, &r); err != nil {
		return Invitation{}, fmt.Errorf("decode invitation %q: %w", id, err)
	}
	var p parser
	in := Invitation{ID: id, SurveyID: r.SurveyID, PersonID: r.PersonID, TokenHash: r.TokenHash,
		Status: InvitationStatus(r.Status), Version: r.Version, InvitedAt: p.instant(r.InvitedAt),
		ExpiresAt: p.instant(r.ExpiresAt), ConsentedAt: p.optInstant(r.ConsentedAt), SubmittedAt: p.optInstant(r.SubmittedAt),
		Draft: r.Draft, Felt: r.Felt, Ratings: []Rating{}}
	for _, x := range r.Ratings {
		in.Ratings = append(in.Ratings, Rating{ActorID: x.ActorID, Value: x.Value})
	}
	if p.err != nil {
		return Invitation{}, fmt.Errorf("decode invitation %q: %w", id, p.err)
	}
	return in, nil
}

// EncodeDispute returns the stored form of d.
func EncodeDispute(d Dispute) ([]byte, error) {
	return json.Marshal(disputeRec{RelationshipID: d.RelationshipID, PersonID: d.PersonID, SurveyID: d.SurveyID,
		Reason: d.Reason, RaisedOn: fmtDay(d.RaisedOn), Resolution: string(d.Resolution), ResolvedOn: fmtOptDay(d.ResolvedOn)})
}

// DecodeDispute reads the dispute id from its stored form.
func DecodeDispute(id string, data []byte) (Dispute, error) {
	var r disputeRec
	if err := json.Unmarshal(data, &r); err != nil {
		return Dispute{}, fmt.Errorf("decode dispute %q: %w", id, err)
	}
	var p parser
	d := Dispute{ID: id, RelationshipID: r.RelationshipID, PersonID: r.PersonID, SurveyID: r.SurveyID, Reason: r.Reason,
		RaisedOn: p.day(r.RaisedOn), Resolution: DisputeResolution(r.Resolution), ResolvedOn: p.optDay(r.ResolvedOn)}
	if p.err != nil {
		return Dispute{}, fmt.Errorf("decode dispute %q: %w", id, p.err)
	}
	return d, nil
}

// EncodeCorrection returns the stored form of c.
func EncodeCorrection(c Correction) ([]byte, error) {
	return json.Marshal(correctionRec{PersonID: c.PersonID, SurveyID: c.SurveyID, EntityID: c.EntityID, Field: c.Field,
		Previous: c.Previous, Value: c.Value, At: fmtInstant(c.At)})
}

// DecodeCorrection reads the correction id from its stored form.
func DecodeCorrection(id string, data []byte) (Correction, error) {
	var r correctionRec
	if err := json.Unmarshal(data, &r); err != nil {
		return Correction{}, fmt.Errorf("decode correction %q: %w", id, err)
	}
	var p parser
	c := Correction{ID: id, PersonID: r.PersonID, SurveyID: r.SurveyID, EntityID: r.EntityID, Field: r.Field,
		Previous: r.Previous, Value: r.Value, At: p.instant(r.At)}
	if p.err != nil {
		return Correction{}, fmt.Errorf("decode correction %q: %w", id, p.err)
	}
	return c, nil
}

// WithoutRatingsOf returns in without the ratings of the actor id, and
// whether it had one: what deleting the actor leaves of a response.
func WithoutRatingsOf(in Invitation, id string) (Invitation, bool) {
	out := in.Ratings[:0:0]
	for _, r := range in.Ratings {
		if r.ActorID != id {
			out = append(out, r)
		}
	}
	if len(out) == len(in.Ratings) {
		return in, false
	}
	in.Ratings = out
	return in, true
}

// orEmpty returns s, or an empty list for nil, as the normalisers leave lists.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
