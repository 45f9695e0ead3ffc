package storetest

import (
	"context"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// testContext checks that writes under a cancelled context fail and write
// nothing.
func testContext(t *testing.T, open Opener) {
	s := open(t)
	seedBasic(t, s)
	before := dump(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.UpsertPlace(ctx, store.Place{ID: "late", Name: "Late"}); err == nil {
		t.Error("UpsertPlace with a cancelled context succeeded")
	}
	if _, err := s.UpsertPerson(ctx, store.Person{ID: "late-p", Name: "Late", PlaceID: "top"}); err == nil {
		t.Error("UpsertPerson with a cancelled context succeeded")
	}
	if _, err := s.Import(ctx, goodBatch()); err == nil {
		t.Error("Import with a cancelled context succeeded")
	}
	if err := s.DeleteActor(ctx, "p1"); err == nil {
		t.Error("DeleteActor with a cancelled context succeeded")
	}
	unchanged(t, s, before, "writes with a cancelled context")
	noErr(t, s.Ping(t.Context()), "Ping")
}
