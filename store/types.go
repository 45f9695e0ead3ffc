package store

import "time"

// Place is a neighbourhood, ward, town or local authority in a hierarchy.
type Place struct {
	ID   string
	Name string
	// Code is an official code such as an ONS GSS code (e.g. "E05011111"); optional.
	Code string
	// Population is the number of residents; nil when unknown.
	Population *int
	// NeedIndex measures need (deprivation) on the scale named by NeedScale,
	// for example an Index of Multiple Deprivation decile (1 = most deprived
	// 10%, 10 = least deprived) or an IMD score (higher = more deprived); nil when unknown.
	NeedIndex *float64
	// NeedScale names the scale of NeedIndex (e.g. "IMD2019_DECILE",
	// "IMD2019_SCORE"); free text, empty when NeedIndex is nil.
	NeedScale string
	// ParentID is the enclosing place; empty for a top-level place.
	ParentID string
	// PopulationByGroup holds the number of residents in each group (for
	// example census counts of "young person" or "carer"), keyed by the same
	// group tags people carry; nil or empty when none is recorded. Groups
	// may overlap, so the counts need not add up to Population.
	PopulationByGroup map[string]int
	// Geometry is the place's boundary: a GeoJSON Polygon or MultiPolygon
	// (RFC 7946, WGS84 longitude and latitude) as JSON text in the
	// canonical form of NormalizeGeometry; empty when none is recorded.
	Geometry string
}

// Person is a community member or professional. Personal data: never log
// any field but the ID.
type Person struct {
	ID string
	// Name may be a pseudonym.
	Name    string
	PlaceID string
	// Groups are the tags whose representation matters ("parent",
	// "young person", "carer", ...).
	Groups []string
	// Roles are free tags such as "youth worker" or "chair".
	Roles []string
	// LivedExperience tags, e.g. "care experienced".
	LivedExperience []string
	Capacity        Capacity
	Consent         Consent
	// Source says where the person's record came from: typed by staff, or
	// said in a survey (their own answers or corrections, or a person
	// named by a respondent and not yet recorded: a placeholder).
	Source Source
}

// Organisation is a community group, voluntary body, public body, funder, etc.
type Organisation struct {
	ID      string
	Name    string
	Kind    OrgKind
	PlaceID string
}

// Relationship is a tie between two actors (people or organisations). It is
// recorded From one actor To another; analysis treats it as undirected.
type Relationship struct {
	ID     string
	FromID string
	ToID   string
	Kind   RelKind
	// Weight is the tie strength, > 0; 1 by default.
	Weight float64
	// Since and Until bound the dates on which the tie was active, both
	// inclusive; nil means open-ended.
	Since *time.Time
	Until *time.Time
	// Source says whether the tie was typed or said in a survey.
	Source Source
}

// Forum is where engagement or decisions happen: a steering group, board,
// workshop series or project.
type Forum struct {
	ID             string
	Name           string
	PlaceID        string
	DecisionMaking bool
	// AffectsGroups lists the group tags the forum's work affects.
	AffectsGroups []string
}

// Participation records an actor taking part in a forum at a level of the
// ladder, having joined at a stage of the work.
type Participation struct {
	ID            string
	ActorID       string
	ForumID       string
	Level         Level
	JoinedAtStage Stage
	Since         *time.Time
	Until         *time.Time
	// Source says whether the participation was typed or said in a survey.
	Source Source
}

// ActorKind distinguishes the two kinds of actor.
type ActorKind string

// Actor kinds.
const (
	ActorPerson       ActorKind = "PERSON"
	ActorOrganisation ActorKind = "ORGANISATION"
)

// Actor is a person or an organisation: exactly one of Person and
// Organisation is set.
type Actor struct {
	Person       *Person
	Organisation *Organisation
}

// ID returns the actor's id.
func (a Actor) ID() string {
	if a.Person != nil {
		return a.Person.ID
	}
	if a.Organisation != nil {
		return a.Organisation.ID
	}
	return ""
}

// PlaceID returns the actor's place id.
func (a Actor) PlaceID() string {
	if a.Person != nil {
		return a.Person.PlaceID
	}
	if a.Organisation != nil {
		return a.Organisation.PlaceID
	}
	return ""
}

// Kind returns whether the actor is a person or an organisation.
func (a Actor) Kind() ActorKind {
	if a.Organisation != nil {
		return ActorOrganisation
	}
	return ActorPerson
}

// EntityKind names the kind of entity an id belongs to. IDs are unique
// across all kinds.
type EntityKind string

// Entity kinds.
const (
	KindPlace         EntityKind = "Place"
	KindPerson        EntityKind = "Person"
	KindOrganisation  EntityKind = "Organisation"
	KindRelationship  EntityKind = "Relationship"
	KindForum         EntityKind = "Forum"
	KindParticipation EntityKind = "Participation"
)

// ActiveOn reports whether an interval [since, until] (both inclusive, nil
// meaning open) contains the date on. A nil on means "any time": every
// record is active.
func ActiveOn(since, until *time.Time, on *time.Time) bool {
	if on == nil {
		return true
	}
	d := Day(*on)
	if since != nil && Day(*since).After(d) {
		return false
	}
	if until != nil && Day(*until).Before(d) {
		return false
	}
	return true
}

// Day truncates t to midnight UTC of its calendar date, the canonical form
// in which all dates are stored and compared.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
