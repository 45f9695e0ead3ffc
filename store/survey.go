package store

import (
	"context"
	"time"
)

// Network surveys: an editor asks the people of a place about their ties,
// the forums they take part in, how far they feel heard and how much
// influence they see in others; what they answer becomes ordinary
// relationships, participations and person fields whose Source says so.

// SourceKind says where a record came from.
type SourceKind string

// Sources.
const (
	// SourceTyped is a record entered by staff: typed in, or imported from
	// a file. It is the source of every record that names none.
	SourceTyped SourceKind = "TYPED"
	// SourceSurvey is a record said by a respondent in a survey: a tie they
	// named, a forum they said they take part in, their own fields as they
	// gave or corrected them, or a person they named who was not yet
	// recorded (a placeholder).
	SourceSurvey SourceKind = "SURVEY"
)

// SourceKinds are the valid sources.
var SourceKinds = []SourceKind{SourceTyped, SourceSurvey}

// Valid reports whether k is a known source.
func (k SourceKind) Valid() bool { return indexOf(SourceKinds, k) >= 0 }

// Source is where a person, relationship or participation came from: typed
// (the zero value, canonical: Kind empty) or said in the survey SurveyID on
// the day On. A relationship said in a survey names By, the end of the tie
// who said it (so the other end may dispute it); a person or participation
// names nobody (what a person says of themselves, or a person named by
// someone else, whose tie to them says who).
type Source struct {
	Kind     SourceKind
	SurveyID string
	On       *time.Time
	By       string
}

// Holds reports whether a record of source s is kept by the narrowing k:
// every one when k is empty, else those of kind k.
func (k SourceKind) Holds(s Source) bool { return k == "" || s.Of() == k }

// Of returns the kind of the source, TYPED for the zero value.
func (s Source) Of() SourceKind {
	if s.Kind == "" {
		return SourceTyped
	}
	return s.Kind
}

// Said returns the source of a record said in survey surveyID on the day of on.
func Said(surveyID string, on time.Time) Source {
	d := Day(on)
	return Source{Kind: SourceSurvey, SurveyID: surveyID, On: &d}
}

// SaidBy returns the source of a tie the person by said in survey surveyID
// on the day of on.
func SaidBy(surveyID string, on time.Time, by string) Source {
	s := Said(surveyID, on)
	s.By = by
	return s
}

// NameQuestion is one name-generator question of a survey: "who do you go
// to for advice or help?". Each person the respondent names becomes a
// relationship of Kind between them, from the respondent to the person
// named, or the other way when FromNamed (the person named advises the
// respondent).
type NameQuestion struct {
	// ID names the question within its survey ("advice").
	ID        string
	Prompt    string
	Kind      RelKind
	FromNamed bool
}

// MaxQuestions, MaxSurveyForums and MaxInfluenceActors bound a survey, so
// that a respondent's page stays short; MaxNamesPerQuestion bounds the
// people named in answer to one question.
const (
	MaxQuestions        = 10
	MaxSurveyForums     = 30
	MaxInfluenceActors  = 30
	MaxNamesPerQuestion = 20
	MaxSurveyGroups     = 30
)

// Survey is a network survey of a place.
type Survey struct {
	ID   string
	Name string
	// PlaceID is the place surveyed: respondents name people located there
	// (or in its descendants), and new people they name are placed there.
	PlaceID string
	// Questions are the name generators, in the order asked.
	Questions []NameQuestion
	// ForumIDs are the forums the respondent is asked about ("do you take
	// part, and how much say do you have?"), sorted.
	ForumIDs []string
	// InfluenceIDs are the actors whose influence respondents rate from 0
	// to 5 (Net-Map), sorted; none when the survey does not ask.
	InfluenceIDs []string
	// InfluenceOver is what the influence is over ("decisions about youth
	// services"); empty for decisions that affect the place in general.
	InfluenceOver string
	// Groups are the group tags a respondent is offered to describe
	// themselves with ("about you"), sorted.
	Groups []string
	// CreatedOn is the day the survey was created; ClosesOn, when set, the
	// last day on which answers are accepted.
	CreatedOn time.Time
	ClosesOn  *time.Time
}

// InvitationStatus is how far an invitee has answered.
type InvitationStatus string

// Invitation statuses.
const (
	// InvitationSent: the link was made; nothing has been answered.
	InvitationSent InvitationStatus = "INVITED"
	// InvitationDeclined: the invitee declined consent; nothing else is
	// kept of them (they may still consent later with the same link).
	InvitationDeclined InvitationStatus = "DECLINED"
	// InvitationConsented: consent given; answers may be saved (Draft).
	InvitationConsented InvitationStatus = "CONSENTED"
	// InvitationSubmitted: answers submitted. The link cannot submit again;
	// it still opens the invitee's own data until it expires.
	InvitationSubmitted InvitationStatus = "SUBMITTED"
)

// InvitationStatuses are the valid statuses, in the order an invitation
// goes through them.
var InvitationStatuses = []InvitationStatus{InvitationSent, InvitationDeclined, InvitationConsented, InvitationSubmitted}

// Valid reports whether s is a known status.
func (s InvitationStatus) Valid() bool { return indexOf(InvitationStatuses, s) >= 0 }

// Rating is one influence rating a respondent gave: how much influence the
// actor has over the survey's subject, from 0 (none) to 5.
type Rating struct {
	ActorID string
	Value   int
}

// Limits of an invitation's answers.
const (
	// MaxDraftBytes bounds a saved draft.
	MaxDraftBytes = 64 << 10
	// MaxRatings bounds the ratings of one response.
	MaxRatings = MaxInfluenceActors
)

// Invitation is one person's invitation to a survey, with what they
// answered. Its link carries a random token, of which only the hash is
// kept (TokenHash).
type Invitation struct {
	ID       string
	SurveyID string
	PersonID string
	// TokenHash is "sha256:" and the hex SHA-256 of the link's token.
	TokenHash string
	Status    InvitationStatus
	// Version counts the writes of the invitation: a write must name the
	// version it read (0 for a new invitation) and is refused with
	// ECONFLICT when another write came first; the stored version is then
	// one more. So a link submits once even when it submits twice at once.
	Version int
	// InvitedAt is when the link was made; ExpiresAt when it stops
	// working; ConsentedAt and SubmittedAt when the invitee consented and
	// submitted (nil before). All UTC, to the second.
	InvitedAt   time.Time
	ExpiresAt   time.Time
	ConsentedAt *time.Time
	SubmittedAt *time.Time
	// Draft is the answers saved so far (JSON, opaque to the store), only
	// while CONSENTED; empty otherwise.
	Draft string
	// Felt is the submitted answer to "how much do you feel your voice is
	// heard on decisions that affect you?", 1 (not at all) to 5
	// (completely), 0 when unanswered.
	Felt int
	// Ratings are the submitted influence ratings, sorted by actor.
	Ratings []Rating
}

// DisputeResolution is what became of a disputed tie.
type DisputeResolution string

// Resolutions; an open dispute has none ("").
const (
	DisputeOpen    DisputeResolution = ""
	DisputeKept    DisputeResolution = "KEPT"
	DisputeRemoved DisputeResolution = "REMOVED"
)

// Valid reports whether r is a known resolution (or none).
func (r DisputeResolution) Valid() bool {
	return r == DisputeOpen || r == DisputeKept || r == DisputeRemoved
}

// Dispute is a person's statement that a tie someone else reported between
// them and another does not hold. The tie is flagged until an editor keeps
// it (KEPT) or removes it (REMOVED).
type Dispute struct {
	ID             string
	RelationshipID string
	// PersonID disputes the tie, through their invitation to SurveyID.
	PersonID   string
	SurveyID   string
	Reason     string
	RaisedOn   time.Time
	Resolution DisputeResolution
	ResolvedOn *time.Time
}

// Correction records one change a person made to their own data through
// their link, with the value it replaced: the audit trail of the right to
// rectification.
type Correction struct {
	ID string
	// PersonID made the correction, about their own data, through their
	// invitation to SurveyID.
	PersonID string
	SurveyID string
	// EntityID is the record changed: the person, or one of their
	// relationships or participations.
	EntityID string
	// Field names what changed ("name", "groups", "level", "removed", ...).
	Field string
	// Previous and Value are the old and new values as text (lists as
	// comma-separated tags; "" for none).
	Previous, Value string
	At              time.Time
}

// Entity kinds of surveys.
const (
	KindSurvey     EntityKind = "Survey"
	KindInvitation EntityKind = "Invitation"
	KindDispute    EntityKind = "Dispute"
	KindCorrection EntityKind = "Correction"
)

// SurveyBatch is a unit of survey work, written all or nothing by
// WriteSurvey: the network records it writes (placeholders, ties,
// participations, corrected people), the relationships it removes, and the
// survey records.
type SurveyBatch struct {
	Batch
	// Disconnect lists relationships to delete.
	Disconnect  []string
	Surveys     []Survey
	Invitations []Invitation
	Disputes    []Dispute
	Corrections []Correction
}

// InvitationFilter narrows Invitations (every field optional).
type InvitationFilter struct {
	SurveyID string
	PersonID string
}

// DisputeFilter narrows Disputes.
type DisputeFilter struct {
	SurveyID       string
	PersonID       string
	RelationshipID string
	// Open keeps the disputes not yet resolved.
	Open bool
}

// SurveyStore holds surveys; every Store embeds it.
//
// WriteSurvey writes a SurveyBatch all or nothing, in one transaction,
// checked like every write (check.go): EINVALID for invalid fields,
// ENOTFOUND for a reference to nothing (a survey's place, forums and
// actors; an invitation's survey and person; a dispute's person, survey
// and, while open, relationship; a correction's person and survey; a
// relationship to disconnect; a record's source survey), ECONFLICT for an
// id of another kind and for an invitation whose stored version is not the
// one the write names. It returns the batch as written (canonical,
// invitations at their new versions).
//
// Deleting a person (DeleteActor, ForgetPerson) deletes their
// invitations, the disputes they raised and their corrections; deleting
// an actor removes the ratings given to it from every invitation.
//
// The getters return ENOTFOUND for a missing id; the lists are ordered by
// id and EINVALID for a bad cursor or page size. Surveys, invitations of
// one survey, disputes and corrections are few, so lists may read every
// match and cut the page.
type SurveyStore interface {
	WriteSurvey(ctx context.Context, b SurveyBatch) (SurveyBatch, error)
	Survey(ctx context.Context, id string) (Survey, error)
	Surveys(ctx context.Context, p Page) (Connection[Survey], error)
	Invitation(ctx context.Context, id string) (Invitation, error)
	// InvitationByToken returns the invitation whose TokenHash is hash.
	InvitationByToken(ctx context.Context, hash string) (Invitation, error)
	Invitations(ctx context.Context, f InvitationFilter, p Page) (Connection[Invitation], error)
	Disputes(ctx context.Context, f DisputeFilter, p Page) (Connection[Dispute], error)
	// Corrections lists the corrections a person made.
	Corrections(ctx context.Context, personID string, p Page) (Connection[Correction], error)
}

// Keep reports whether the dispute passes the filter.
func (f DisputeFilter) Keep(d Dispute) bool {
	return (f.SurveyID == "" || d.SurveyID == f.SurveyID) && (f.PersonID == "" || d.PersonID == f.PersonID) &&
		(f.RelationshipID == "" || d.RelationshipID == f.RelationshipID) && (!f.Open || d.Resolution == DisputeOpen)
}

// Keep reports whether the invitation passes the filter.
func (f InvitationFilter) Keep(in Invitation) bool {
	return (f.SurveyID == "" || in.SurveyID == f.SurveyID) && (f.PersonID == "" || in.PersonID == f.PersonID)
}
