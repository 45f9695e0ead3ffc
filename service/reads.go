package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// The read methods pass straight through to the store; their errors are the
// store's (see store.Store).

// Kind returns the kind of entity with the given id (ENOTFOUND if none).
func (s *Service) Kind(ctx context.Context, id string) (store.EntityKind, error) {
	return s.st.Kind(ctx, id)
}

// Place returns a place by id.
func (s *Service) Place(ctx context.Context, id string) (store.Place, error) {
	return s.st.Place(ctx, id)
}

// Person returns a person by id.
func (s *Service) Person(ctx context.Context, id string) (store.Person, error) {
	return s.st.Person(ctx, id)
}

// Organisation returns an organisation by id.
func (s *Service) Organisation(ctx context.Context, id string) (store.Organisation, error) {
	return s.st.Organisation(ctx, id)
}

// Actor returns a person or an organisation by id.
func (s *Service) Actor(ctx context.Context, id string) (store.Actor, error) {
	return s.st.Actor(ctx, id)
}

// Relationship returns a relationship by id.
func (s *Service) Relationship(ctx context.Context, id string) (store.Relationship, error) {
	return s.st.Relationship(ctx, id)
}

// Forum returns a forum by id.
func (s *Service) Forum(ctx context.Context, id string) (store.Forum, error) {
	return s.st.Forum(ctx, id)
}

// Participation returns a participation by id.
func (s *Service) Participation(ctx context.Context, id string) (store.Participation, error) {
	return s.st.Participation(ctx, id)
}

// PlacesByID fetches many places in one store round trip (for dataloaders).
func (s *Service) PlacesByID(ctx context.Context, ids []string) (map[string]store.Place, error) {
	return s.st.PlacesByID(ctx, ids)
}

// ActorsByID fetches many actors in one store round trip (for dataloaders).
func (s *Service) ActorsByID(ctx context.Context, ids []string) (map[string]store.Actor, error) {
	return s.st.ActorsByID(ctx, ids)
}

// ForumsByID fetches many forums in one store round trip (for dataloaders).
func (s *Service) ForumsByID(ctx context.Context, ids []string) (map[string]store.Forum, error) {
	return s.st.ForumsByID(ctx, ids)
}

// Places lists places.
func (s *Service) Places(ctx context.Context, f store.PlaceFilter, p store.Page) (store.Connection[store.Place], error) {
	return s.st.Places(ctx, f, p)
}

// People lists people.
func (s *Service) People(ctx context.Context, f store.PeopleFilter, p store.Page) (store.Connection[store.Person], error) {
	return s.st.People(ctx, f, p)
}

// Organisations lists organisations.
func (s *Service) Organisations(ctx context.Context, f store.OrganisationFilter, p store.Page) (store.Connection[store.Organisation], error) {
	return s.st.Organisations(ctx, f, p)
}

// Relationships lists relationships.
func (s *Service) Relationships(ctx context.Context, f store.RelationshipFilter, p store.Page) (store.Connection[store.Relationship], error) {
	return s.st.Relationships(ctx, f, p)
}

// Forums lists forums.
func (s *Service) Forums(ctx context.Context, f store.ForumFilter, p store.Page) (store.Connection[store.Forum], error) {
	return s.st.Forums(ctx, f, p)
}

// Participations lists participations.
func (s *Service) Participations(ctx context.Context, f store.ParticipationFilter, p store.Page) (store.Connection[store.Participation], error) {
	return s.st.Participations(ctx, f, p)
}

// Ping checks that the store is reachable.
func (s *Service) Ping(ctx context.Context) error {
	return s.st.Ping(ctx)
}
