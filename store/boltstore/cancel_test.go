package boltstore_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// countdownCtx reports itself cancelled from the n-th call of Err on: a
// cancellation that arrives in the middle of a read, at a chosen point.
type countdownCtx struct {
	context.Context
	calls atomic.Int32
	n     int32
}

func (c *countdownCtx) Err() error {
	if c.calls.Add(1) >= c.n {
		return context.Canceled
	}
	return nil
}

// TestLongReadsStopWhenCancelled cancels a snapshot of a 3,000-actor place,
// and of everything, once it has started decoding records: it gives up
// with the context's error within ctxCheckEvery records instead of reading
// on (a request whose client has left stops loading its network).
func TestLongReadsStopWhenCancelled(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	if err := servicetest.ImportPlace(t.Context(), s, servicetest.PlaceConfig{Actors: 3000, TiesPerActor: 3, Seed: 1}); err != nil {
		t.Fatalf("ImportPlace: %v", err)
	}
	for _, place := range []string{servicetest.TownID, ""} {
		ctx := &countdownCtx{Context: t.Context(), n: 3}
		if _, err := s.Snapshot(ctx, store.Scope{PlaceID: place}); !errors.Is(err, context.Canceled) {
			t.Errorf("Snapshot(%q) cancelled after it began = %v, want context.Canceled", place, err)
		}
		if _, err := s.Snapshot(t.Context(), store.Scope{PlaceID: place}); err != nil {
			t.Errorf("Snapshot(%q) = %v", place, err)
		}
	}
}
