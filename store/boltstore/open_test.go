package boltstore_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

func TestOpenLocked(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "voicemap.db")
	s, err := boltstore.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	start := time.Now()
	second, err := boltstore.Open(t.Context(), path, boltstore.WithTimeout(100*time.Millisecond))
	t.Logf("second Open gave up after %v", time.Since(start).Round(time.Millisecond))
	if err == nil {
		second.Close()
		t.Fatal("second Open of a locked file succeeded")
	}
	if code := store.ErrorCode(err); code != store.EUNAVAILABLE {
		t.Errorf("second Open error code = %q (%v), want %q", code, err, store.EUNAVAILABLE)
	}
	msg := err.Error()
	if !strings.Contains(msg, path) || !strings.Contains(msg, "another voicemap process") {
		t.Errorf("second Open error = %q, want it to name %s and another voicemap process", msg, path)
	}
	// The lock wait that ran out is the 100ms asked for, not the 2 s
	// default: the error names the wait it gave up after.
	if !strings.Contains(msg, "gave up after 100ms") {
		t.Errorf("second Open error = %q, want it to have given up after the 100ms asked for", msg)
	}
	// Once the first closes, the file opens again.
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	third, err := boltstore.Open(t.Context(), path, boltstore.WithTimeout(time.Second))
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	third.Close()
}

func TestReopen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "nested", "dirs", "voicemap.db")
	s, err := boltstore.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	b := store.Batch{
		Places:        []store.Place{{ID: "ward", Name: "Ward", Population: new(int), NeedIndex: ptr(3.5), NeedScale: "IMD2019_DECILE"}},
		People:        []store.Person{{ID: "p1", Name: "Ann", PlaceID: "ward", Groups: []string{"parent"}}},
		Organisations: []store.Organisation{{ID: "o1", Name: "Club", PlaceID: "ward", Kind: store.OrgCommunityGroup}},
		Relationships: []store.Relationship{{ID: "r1", FromID: "p1", ToID: "o1", Kind: store.RelMemberOf, Weight: 2,
			Since: ptr(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))}},
		Forums:         []store.Forum{{ID: "f1", Name: "Board", PlaceID: "ward", DecisionMaking: true}},
		Participations: []store.Participation{{ID: "pa1", ActorID: "p1", ForumID: "f1", Level: store.LevelLead, JoinedAtStage: store.StageIdea}},
	}
	if _, err := s.Import(ctx, b); err != nil {
		t.Fatalf("Import: %v", err)
	}
	want, err := s.Snapshot(ctx, store.Scope{})
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Ping(ctx); store.ErrorCode(err) != store.EUNAVAILABLE {
		t.Errorf("Ping after Close = %v, want code %q", err, store.EUNAVAILABLE)
	}

	s, err = boltstore.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	got, err := s.Snapshot(ctx, store.Scope{})
	if err != nil {
		t.Fatalf("Snapshot after reopen: %v", err)
	}
	if g, w := show(got), show(want); g != w {
		t.Fatalf("Snapshot after reopen = %s, want %s", g, w)
	}
	if len(got.Participations) != 1 || got.Places[0].Population == nil || *got.Places[0].NeedIndex != 3.5 {
		t.Fatalf("Snapshot after reopen lost data: %s", show(got))
	}
	// The indexes survive too.
	c, err := s.Relationships(ctx, store.RelationshipFilter{ActorID: "o1"}, store.Page{})
	if err != nil || len(c.Items) != 1 {
		t.Fatalf("Relationships(o1) after reopen = %v, %v; want r1", c.Items, err)
	}
	if err := s.DeleteActor(ctx, "p1"); err != nil {
		t.Fatalf("DeleteActor after reopen: %v", err)
	}
	if k, err := s.Kind(ctx, "pa1"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("Kind(pa1) after DeleteActor = %q, %v; want ENOTFOUND", k, err)
	}
}

func TestOpenCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if s, err := boltstore.Open(ctx, filepath.Join(t.TempDir(), "v.db")); err == nil {
		s.Close()
		t.Fatal("Open with a cancelled context succeeded")
	}
}

func ptr[T any](v T) *T { return &v }
