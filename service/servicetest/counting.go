package servicetest

import (
	"context"
	"sync"

	"github.com/voicemap/voicemap/store"
)

// CountingStore is a store.Store decorator that counts the calls made to
// each method: one call is one store round trip. It is safe for concurrent
// use.
type CountingStore struct {
	Store store.Store

	mu    sync.Mutex
	calls map[string]int
}

var _ store.Store = (*CountingStore)(nil)

// NewCountingStore wraps st.
func NewCountingStore(st store.Store) *CountingStore {
	return &CountingStore{Store: st, calls: map[string]int{}}
}

func (c *CountingStore) count(method string) {
	c.mu.Lock()
	c.calls[method]++
	c.mu.Unlock()
}

// Calls returns the number of calls to method since the last Reset.
func (c *CountingStore) Calls(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[method]
}

// Total returns the number of calls to every method since the last Reset.
func (c *CountingStore) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total()
}

// total is Total with c.mu held.
func (c *CountingStore) total() int {
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

// DataCalls returns the number of calls since the last Reset that read or
// write data: every call but Versions, the check of the store's versions
// each cached answer makes (service/versions.go).
func (c *CountingStore) DataCalls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total() - c.calls["Versions"]
}

// Counts returns a copy of the per-method counts.
func (c *CountingStore) Counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.calls))
	for k, v := range c.calls {
		out[k] = v
	}
	return out
}

// Reset sets every count to zero.
func (c *CountingStore) Reset() {
	c.mu.Lock()
	clear(c.calls)
	c.mu.Unlock()
}

// UpsertPlace counts and forwards the call.
func (c *CountingStore) UpsertPlace(ctx context.Context, p store.Place) (store.Place, error) {
	c.count("UpsertPlace")
	return c.Store.UpsertPlace(ctx, p)
}

// UpsertPerson counts and forwards the call.
func (c *CountingStore) UpsertPerson(ctx context.Context, p store.Person) (store.Person, error) {
	c.count("UpsertPerson")
	return c.Store.UpsertPerson(ctx, p)
}

// UpsertOrganisation counts and forwards the call.
func (c *CountingStore) UpsertOrganisation(ctx context.Context, o store.Organisation) (store.Organisation, error) {
	c.count("UpsertOrganisation")
	return c.Store.UpsertOrganisation(ctx, o)
}

// UpsertForum counts and forwards the call.
func (c *CountingStore) UpsertForum(ctx context.Context, f store.Forum) (store.Forum, error) {
	c.count("UpsertForum")
	return c.Store.UpsertForum(ctx, f)
}

// Connect counts and forwards the call.
func (c *CountingStore) Connect(ctx context.Context, r store.Relationship) (store.Relationship, error) {
	c.count("Connect")
	return c.Store.Connect(ctx, r)
}

// Disconnect counts and forwards the call.
func (c *CountingStore) Disconnect(ctx context.Context, id string) error {
	c.count("Disconnect")
	return c.Store.Disconnect(ctx, id)
}

// RecordParticipation counts and forwards the call.
func (c *CountingStore) RecordParticipation(ctx context.Context, p store.Participation) (store.Participation, error) {
	c.count("RecordParticipation")
	return c.Store.RecordParticipation(ctx, p)
}

// DeleteActor counts and forwards the call.
func (c *CountingStore) DeleteActor(ctx context.Context, id string) error {
	c.count("DeleteActor")
	return c.Store.DeleteActor(ctx, id)
}

// Import counts and forwards the call.
func (c *CountingStore) Import(ctx context.Context, b store.Batch) (store.ImportCounts, error) {
	c.count("Import")
	return c.Store.Import(ctx, b)
}

// Kind counts and forwards the call.
func (c *CountingStore) Kind(ctx context.Context, id string) (store.EntityKind, error) {
	c.count("Kind")
	return c.Store.Kind(ctx, id)
}

// Place counts and forwards the call.
func (c *CountingStore) Place(ctx context.Context, id string) (store.Place, error) {
	c.count("Place")
	return c.Store.Place(ctx, id)
}

// Person counts and forwards the call.
func (c *CountingStore) Person(ctx context.Context, id string) (store.Person, error) {
	c.count("Person")
	return c.Store.Person(ctx, id)
}

// Organisation counts and forwards the call.
func (c *CountingStore) Organisation(ctx context.Context, id string) (store.Organisation, error) {
	c.count("Organisation")
	return c.Store.Organisation(ctx, id)
}

// Actor counts and forwards the call.
func (c *CountingStore) Actor(ctx context.Context, id string) (store.Actor, error) {
	c.count("Actor")
	return c.Store.Actor(ctx, id)
}

// Relationship counts and forwards the call.
func (c *CountingStore) Relationship(ctx context.Context, id string) (store.Relationship, error) {
	c.count("Relationship")
	return c.Store.Relationship(ctx, id)
}

// Forum counts and forwards the call.
func (c *CountingStore) Forum(ctx context.Context, id string) (store.Forum, error) {
	c.count("Forum")
	return c.Store.Forum(ctx, id)
}

// Participation counts and forwards the call.
func (c *CountingStore) Participation(ctx context.Context, id string) (store.Participation, error) {
	c.count("Participation")
	return c.Store.Participation(ctx, id)
}

// PlacesByID counts and forwards the call.
func (c *CountingStore) PlacesByID(ctx context.Context, ids []string) (map[string]store.Place, error) {
	c.count("PlacesByID")
	return c.Store.PlacesByID(ctx, ids)
}

// ActorsByID counts and forwards the call.
func (c *CountingStore) ActorsByID(ctx context.Context, ids []string) (map[string]store.Actor, error) {
	c.count("ActorsByID")
	return c.Store.ActorsByID(ctx, ids)
}

// ForumsByID counts and forwards the call.
func (c *CountingStore) ForumsByID(ctx context.Context, ids []string) (map[string]store.Forum, error) {
	c.count("ForumsByID")
	return c.Store.ForumsByID(ctx, ids)
}

// Places counts and forwards the call.
func (c *CountingStore) Places(ctx context.Context, f store.PlaceFilter, p store.Page) (store.Connection[store.Place], error) {
	c.count("Places")
	return c.Store.Places(ctx, f, p)
}

// People counts and forwards the call.
func (c *CountingStore) People(ctx context.Context, f store.PeopleFilter, p store.Page) (store.Connection[store.Person], error) {
	c.count("People")
	return c.Store.People(ctx, f, p)
}

// Organisations counts and forwards the call.
func (c *CountingStore) Organisations(ctx context.Context, f store.OrganisationFilter, p store.Page) (store.Connection[store.Organisation], error) {
	c.count("Organisations")
	return c.Store.Organisations(ctx, f, p)
}

// Relationships counts and forwards the call.
func (c *CountingStore) Relationships(ctx context.Context, f store.RelationshipFilter, p store.Page) (store.Connection[store.Relationship], error) {
	c.count("Relationships")
	return c.Store.Relationships(ctx, f, p)
}

// Forums counts and forwards the call.
func (c *CountingStore) Forums(ctx context.Context, f store.ForumFilter, p store.Page) (store.Connection[store.Forum], error) {
	c.count("Forums")
	return c.Store.Forums(ctx, f, p)
}

// Participations counts and forwards the call.
func (c *CountingStore) Participations(ctx context.Context, f store.ParticipationFilter, p store.Page) (store.Connection[store.Participation], error) {
	c.count("Participations")
	return c.Store.Participations(ctx, f, p)
}

// Snapshot counts and forwards the call.
func (c *CountingStore) Snapshot(ctx context.Context, s store.Scope) (*store.Snapshot, error) {
	c.count("Snapshot")
	return c.Store.Snapshot(ctx, s)
}

// Network counts and forwards the call.
func (c *CountingStore) Network(ctx context.Context, s store.Scope) (*store.Network, error) {
	c.count("Network")
	return c.Store.Network(ctx, s)
}

// Ancestors counts and forwards the call.
func (c *CountingStore) Ancestors(ctx context.Context, placeID string) ([]string, error) {
	c.count("Ancestors")
	return c.Store.Ancestors(ctx, placeID)
}

// Ping counts and forwards the call.
func (c *CountingStore) Ping(ctx context.Context) error {
	c.count("Ping")
	return c.Store.Ping(ctx)
}

// Close counts and forwards the call.
func (c *CountingStore) Close() error {
	c.count("Close")
	return c.Store.Close()
}

// UpsertGrant counts and forwards the call.
func (c *CountingStore) UpsertGrant(ctx context.Context, g store.Grant) (store.Grant, error) {
	c.count("UpsertGrant")
	return c.Store.UpsertGrant(ctx, g)
}

// DeleteGrant counts and forwards the call.
func (c *CountingStore) DeleteGrant(ctx context.Context, id string) error {
	c.count("DeleteGrant")
	return c.Store.DeleteGrant(ctx, id)
}

// Grant counts and forwards the call.
func (c *CountingStore) Grant(ctx context.Context, id string) (store.Grant, error) {
	c.count("Grant")
	return c.Store.Grant(ctx, id)
}

// Grants counts and forwards the call.
func (c *CountingStore) Grants(ctx context.Context, f store.GrantFilter, p store.Page) (store.Connection[store.Grant], error) {
	c.count("Grants")
	return c.Store.Grants(ctx, f, p)
}

// ImportGrants counts and forwards the call.
func (c *CountingStore) ImportGrants(ctx context.Context, b store.GrantBatch) (store.GrantCounts, error) {
	c.count("ImportGrants")
	return c.Store.ImportGrants(ctx, b)
}

// ForgetPerson counts and forwards the call.
func (c *CountingStore) ForgetPerson(ctx context.Context, id string) (store.Erasure, error) {
	c.count("ForgetPerson")
	return c.Store.ForgetPerson(ctx, id)
}

// Erasures counts and forwards the call.
func (c *CountingStore) Erasures(ctx context.Context, p store.Page) (store.Connection[store.Erasure], error) {
	c.count("Erasures")
	return c.Store.Erasures(ctx, p)
}

// WriteSurvey counts and forwards the call.
func (c *CountingStore) WriteSurvey(ctx context.Context, b store.SurveyBatch) (store.SurveyBatch, error) {
	c.count("WriteSurvey")
	return c.Store.WriteSurvey(ctx, b)
}

// Survey counts and forwards the call.
func (c *CountingStore) Survey(ctx context.Context, id string) (store.Survey, error) {
	c.count("Survey")
	return c.Store.Survey(ctx, id)
}

// Surveys counts and forwards the call.
func (c *CountingStore) Surveys(ctx context.Context, p store.Page) (store.Connection[store.Survey], error) {
	c.count("Surveys")
	return c.Store.Surveys(ctx, p)
}

// Invitation counts and forwards the call.
func (c *CountingStore) Invitation(ctx context.Context, id string) (store.Invitation, error) {
	c.count("Invitation")
	return c.Store.Invitation(ctx, id)
}

// InvitationByToken counts and forwards the call.
func (c *CountingStore) InvitationByToken(ctx context.Context, hash string) (store.Invitation, error) {
	c.count("InvitationByToken")
	return c.Store.InvitationByToken(ctx, hash)
}

// Invitations counts and forwards the call.
func (c *CountingStore) Invitations(ctx context.Context, f store.InvitationFilter, p store.Page) (store.Connection[store.Invitation], error) {
	c.count("Invitations")
	return c.Store.Invitations(ctx, f, p)
}

// Disputes counts and forwards the call.
func (c *CountingStore) Disputes(ctx context.Context, f store.DisputeFilter, p store.Page) (store.Connection[store.Dispute], error) {
	c.count("Disputes")
	return c.Store.Disputes(ctx, f, p)
}

// Corrections counts and forwards the call.
func (c *CountingStore) Corrections(ctx context.Context, personID string, p store.Page) (store.Connection[store.Correction], error) {
	c.count("Corrections")
	return c.Store.Corrections(ctx, personID, p)
}

// Versions counts and forwards the call.
func (c *CountingStore) Versions(ctx context.Context, places []string) (store.Versions, error) {
	c.count("Versions")
	return c.Store.Versions(ctx, places)
}
