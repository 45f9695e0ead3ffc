package service

import (
	"context"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// TestWatchDropsMemoryAfterAnotherServersErasure checks that an erasure
// made through another service over the same store clears a service's
// cached results and layout hints by Watch alone, with no request coming.
func TestWatchDropsMemoryAfterAnotherServersErasure(t *testing.T) {
	st := servicetest.MustOpenStore(t)
	ctx := auth.With(context.Background(), auth.LocalAdmin)
	if _, err := st.Import(ctx, store.Batch{
		Places:        []store.Place{{ID: "here", Name: "here"}},
		People:        []store.Person{{ID: "p1", Name: "p1", PlaceID: "here"}, {ID: "p2", Name: "p2", PlaceID: "here"}},
		Relationships: []store.Relationship{{ID: "r12", FromID: "p1", ToID: "p2", Kind: store.RelKnows, Weight: 1}},
	}); err != nil {
		t.Fatal(err)
	}
	this, other := New(st, nil), New(st, nil)
	if _, err := this.Summary(ctx, store.Scope{PlaceID: "here"}); err != nil {
		t.Fatal(err)
	}
	if _, err := this.NetworkLayout(ctx, store.Scope{PlaceID: "here"}, 100, nil); err != nil {
		t.Fatal(err)
	}
	if this.cache.len() == 0 || len(this.hints.entries) == 0 {
		t.Fatalf("after a summary and a layout the service holds %d results and %d hints, want some of each", this.cache.len(), len(this.hints.entries))
	}
	if _, err := other.ForgetPerson(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(context.Background())
	defer stop()
	go Watch(wctx, this, time.Millisecond)
	for {
		this.hints.mu.Lock()
		hints := len(this.hints.entries)
		this.hints.mu.Unlock()
		if this.cache.len() == 0 && this.nets.len() == 0 && hints == 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
