package service_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// fixture is a small place tree with actors in two sibling places:
//
//	R ─┬─ A ── C      people a1 a2 a3 in A, organisation oc in C
//	   └─ B           people b1 b2 in B
//
// with ties a1–a2 and b1–b2.
func fixture(t *testing.T) (*service.Service, *servicetest.CountingStore) {
	t.Helper()
	cs := servicetest.NewCountingStore(servicetest.MustOpenStore(t))
	_, err := cs.Import(admin(context.Background()), store.Batch{
		Places: []store.Place{
			{ID: "R", Name: "Root"},
			{ID: "A", Name: "A", ParentID: "R"},
			{ID: "B", Name: "B", ParentID: "R"},
			{ID: "C", Name: "C", ParentID: "A"},
		},
		People: []store.Person{
			{ID: "a1", Name: "a1", PlaceID: "A"},
			{ID: "a2", Name: "a2", PlaceID: "A"},
			{ID: "a3", Name: "a3", PlaceID: "A"},
			{ID: "b1", Name: "b1", PlaceID: "B"},
			{ID: "b2", Name: "b2", PlaceID: "B"},
		},
		Organisations: []store.Organisation{{ID: "oc", Name: "oc", PlaceID: "C", Kind: store.OrgVoluntary}},
		Relationships: []store.Relationship{
			{ID: "r-a1a2", FromID: "a1", ToID: "a2", Kind: store.RelKnows, Weight: 1},
			{ID: "r-b1b2", FromID: "b1", ToID: "b2", Kind: store.RelKnows, Weight: 1},
		},
	})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	cs.Reset()
	return service.New(cs, slog.New(slog.NewTextHandler(io.Discard, nil))), cs
}

func mustSummary(t *testing.T, svc *service.Service, placeID string) service.NetworkSummary {
	t.Helper()
	s, err := svc.Summary(admin(context.Background()), store.Scope{PlaceID: placeID})
	if err != nil {
		t.Fatalf("Summary(%q): %v", placeID, err)
	}
	return s
}

func TestSummaryOfScope(t *testing.T) {
	t.Parallel()
	svc, _ := fixture(t)
	tests := []struct {
		name                        string
		place                       string
		actors, relationships, comp int
	}{
		{name: "leaf with descendants", place: "A", actors: 4, relationships: 1, comp: 3},
		{name: "sibling", place: "B", actors: 2, relationships: 1, comp: 1},
		{name: "root", place: "R", actors: 6, relationships: 2, comp: 4},
		{name: "global", place: "", actors: 6, relationships: 2, comp: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSummary(t, svc, tt.place)
			if s.Actors != tt.actors || s.Relationships != tt.relationships || s.Components != tt.comp {
				t.Errorf("Summary(%q) = %+v, want actors %d relationships %d components %d", tt.place, s, tt.actors, tt.relationships, tt.comp)
			}
		})
	}
}

func TestSummaryUnknownPlace(t *testing.T) {
	t.Parallel()
	svc, _ := fixture(t)
	_, err := svc.Summary(admin(context.Background()), store.Scope{PlaceID: "nowhere"})
	if got := store.ErrorCode(err); got != store.ENOTFOUND {
		t.Errorf("Summary(nowhere) code = %q, want %q", got, store.ENOTFOUND)
	}
}
