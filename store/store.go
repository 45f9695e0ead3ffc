package store

import (
	"context"
	"time"
)

// MaxPageSize caps Page.First for every list.
const MaxPageSize = 500

// DefaultPageSize applies when Page.First is 0.
const DefaultPageSize = 50

// Page asks for up to First items after the opaque cursor After. Items are
// always ordered by id (byte-wise ascending), so pagination is stable.
type Page struct {
	First int
	After string
}

// Connection is one page of a list: its items, the total number of items
// matching the filter, whether more follow, and the cursor of the last item.
type Connection[T any] struct {
	Items       []T
	Cursors     []string
	TotalCount  int
	HasNextPage bool
	EndCursor   string
}

// PeopleFilter narrows People. PlaceID includes the place's descendants.
type PeopleFilter struct {
	PlaceID string
	Group   string
}

// OrganisationFilter narrows Organisations. PlaceID includes descendants.
type OrganisationFilter struct {
	PlaceID string
	Kind    OrgKind
}

// PlaceFilter narrows Places. With ParentID set, only that place's direct
// children are listed.
type PlaceFilter struct {
	ParentID string
}

// RelationshipFilter narrows Relationships: those touching ActorID (either
// end) and, with AsOf set, active on that date.
type RelationshipFilter struct {
	ActorID string
	AsOf    *time.Time
	// Source keeps only the relationships of that source (TYPED or
	// SURVEY; every one when empty), and SurveyID only those said in that
	// survey.
	Source   SourceKind
	SurveyID string
}

// Keeps reports whether r passes the filter's Source and SurveyID (the
// actor and the date are the stores' to check).
func (f RelationshipFilter) Keeps(r Relationship) bool {
	return f.Source.Holds(r.Source) && (f.SurveyID == "" || r.Source.SurveyID == f.SurveyID)
}

// ForumFilter narrows Forums. PlaceID includes descendants.
type ForumFilter struct {
	PlaceID string
}

// ParticipationFilter narrows Participations by actor, forum and date.
type ParticipationFilter struct {
	ActorID string
	ForumID string
	AsOf    *time.Time
}

// Scope selects the part of the network an analysis runs on: the place
// PlaceID with all its descendant places (everything when empty), as of the
// date AsOf (every record regardless of dates when nil), with the
// relationships of one Source or all.
type Scope struct {
	PlaceID string
	AsOf    *time.Time
	// Source narrows the relationships to those of that source (TYPED or
	// SURVEY; every one when empty): the network as staff typed it, or as
	// respondents said it. Actors and participations are not narrowed.
	Source SourceKind
}

// Snapshot is the network within a Scope: the places in scope, the actors
// located in them, the relationships active on the date whose two ends are
// both in scope, and the forums in scope with their participations active
// on the date whose actor is in scope. All slices are sorted by id.
type Snapshot struct {
	Scope          Scope
	Places         []Place
	People         []Person
	Organisations  []Organisation
	Relationships  []Relationship
	Forums         []Forum
	Participations []Participation
}

// Batch is a set of entities written together, all or nothing, by Import.
// References may point at entities in the same batch or already stored.
type Batch struct {
	Places         []Place
	People         []Person
	Organisations  []Organisation
	Relationships  []Relationship
	Forums         []Forum
	Participations []Participation
}

// ElementCounts counts elements of a batch by kind.
type ElementCounts struct {
	Places, People, Organisations, Relationships, Forums, Participations int
}

// ImportCounts counts the elements an Import wrote, by kind, and of them
// those that replaced a stored element of the same id (Updated); the
// others were created.
type ImportCounts struct {
	ElementCounts
	Updated ElementCounts
}

// Store persists the place network. Implementations must behave
// identically; storetest checks it.
//
// Upserts create or replace the entity with the given id; repeating one is
// a no-op. They return EINVALID for invalid fields (see Validate*),
// ENOTFOUND when a referenced entity (place, actor, forum, parent) does not
// exist, and ECONFLICT when the id belongs to an entity of another kind or a
// place would become its own ancestor. Nothing is written on error.
// Getters return ENOTFOUND for a missing id. Any method may return
// EUNAVAILABLE when the backend cannot be reached, and EINTERNAL.
type Store interface {
	// UpsertPlace creates or replaces a place.
	UpsertPlace(ctx context.Context, p Place) (Place, error)
	// UpsertPerson creates or replaces a person.
	UpsertPerson(ctx context.Context, p Person) (Person, error)
	// UpsertOrganisation creates or replaces an organisation.
	UpsertOrganisation(ctx context.Context, o Organisation) (Organisation, error)
	// UpsertForum creates or replaces a forum.
	UpsertForum(ctx context.Context, f Forum) (Forum, error)
	// Connect creates or replaces a relationship between two existing actors
	// (ENOTFOUND if either is missing; EINVALID for a self-tie).
	Connect(ctx context.Context, r Relationship) (Relationship, error)
	// Disconnect deletes a relationship (ENOTFOUND if there is none).
	Disconnect(ctx context.Context, id string) error
	// RecordParticipation creates or replaces a participation of an existing
	// actor in an existing forum.
	RecordParticipation(ctx context.Context, p Participation) (Participation, error)
	// DeleteActor deletes a person or organisation together with every
	// relationship and participation it has (ENOTFOUND if there is none).
	DeleteActor(ctx context.Context, id string) error
	// Import writes a batch all or nothing; on EINVALID or ENOTFOUND the
	// error's Details name every problem found.
	Import(ctx context.Context, b Batch) (ImportCounts, error)

	// Kind returns the kind of entity with the given id.
	Kind(ctx context.Context, id string) (EntityKind, error)
	// Place returns a place by id.
	Place(ctx context.Context, id string) (Place, error)
	// Person returns a person by id.
	Person(ctx context.Context, id string) (Person, error)
	// Organisation returns an organisation by id.
	Organisation(ctx context.Context, id string) (Organisation, error)
	// Actor returns a person or organisation by id.
	Actor(ctx context.Context, id string) (Actor, error)
	// Relationship returns a relationship by id.
	Relationship(ctx context.Context, id string) (Relationship, error)
	// Forum returns a forum by id.
	Forum(ctx context.Context, id string) (Forum, error)
	// Participation returns a participation by id.
	Participation(ctx context.Context, id string) (Participation, error)

	// PlacesByID, ActorsByID and ForumsByID fetch many entities in one round
	// trip, for dataloaders. The result has one entry per id found; missing
	// ids are simply absent (no error).
	PlacesByID(ctx context.Context, ids []string) (map[string]Place, error)
	ActorsByID(ctx context.Context, ids []string) (map[string]Actor, error)
	ForumsByID(ctx context.Context, ids []string) (map[string]Forum, error)

	// Places lists places; EINVALID for a bad cursor or page size.
	Places(ctx context.Context, f PlaceFilter, p Page) (Connection[Place], error)
	// People lists people.
	People(ctx context.Context, f PeopleFilter, p Page) (Connection[Person], error)
	// Organisations lists organisations.
	Organisations(ctx context.Context, f OrganisationFilter, p Page) (Connection[Organisation], error)
	// Relationships lists relationships.
	Relationships(ctx context.Context, f RelationshipFilter, p Page) (Connection[Relationship], error)
	// Forums lists forums.
	Forums(ctx context.Context, f ForumFilter, p Page) (Connection[Forum], error)
	// Participations lists participations.
	Participations(ctx context.Context, f ParticipationFilter, p Page) (Connection[Participation], error)

	// Snapshot returns the network in a scope, for analysis (ENOTFOUND if
	// Scope.PlaceID names no place).
	Snapshot(ctx context.Context, s Scope) (*Snapshot, error)
	// Network returns the network in a scope in the compact form analyses
	// read: exactly NetworkOf of the scope's Snapshot, without building a
	// Relationship per tie (ENOTFOUND as Snapshot).
	Network(ctx context.Context, s Scope) (*Network, error)
	// Ancestors returns the ids of a place and all its ancestors, nearest
	// first (ENOTFOUND if there is no such place).
	Ancestors(ctx context.Context, placeID string) ([]string, error)

	// GrantStore holds grants (grants.go).
	GrantStore
	// Eraser forgets people on request (erasure.go).
	Eraser
	// SurveyStore holds network surveys (survey.go).
	SurveyStore
	// Versioner reads the versions every write advances (versions.go).
	Versioner

	// Ping checks that the backend is reachable.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close() error
}
