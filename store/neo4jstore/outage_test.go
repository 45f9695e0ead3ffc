package neo4jstore_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// openDedicated opens a store on the dedicated server srv at uri (srv's
// own or a proxy's), logging errors to t, closed when t ends.
func openDedicated(t *testing.T, srv *neo4jtest.Server, uri string) *neo4jstore.Store {
	t.Helper()
	return openDedicatedLogging(t, srv, uri, slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelError}))
}

// openDedicatedLogging is openDedicated with the store's logs going to h.
func openDedicatedLogging(t *testing.T, srv *neo4jtest.Server, uri string, h slog.Handler) *neo4jstore.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, Logger: slog.New(h)})
	if err != nil {
		t.Fatalf("Open(%s) = %v; server log:\n%s", uri, err, srv.LogTail())
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	return s
}

// outageDeadline is the deadline of each request made while the server is
// down: the request must fail with EUNAVAILABLE within it.
const outageDeadline = 2 * time.Second

// TestOutage stops a dedicated server under an open store: reads, writes
// and Ping must fail with EUNAVAILABLE within their 2 s deadline; after a
// restart on the same ports and data the store must recover by itself,
// with the data written before the outage still there.
//
// "Within the deadline" is checked by what ended each request, never by
// the clock: either it failed by itself while its context was still live
// (Ping, refused at once), or the driver's retries were ended by the
// context's deadline (the driver's error names it, and the context says
// context.DeadlineExceeded), never by the driver's own 30 s retry budget
// or anything else outliving the request's context.
func TestOutage(t *testing.T) {
	srv := neo4jtest.StartServer(t, 17833, 17834, 17835)
	logs := &servicetest.SyncBuffer{}
	s := openDedicatedLogging(t, srv, srv.URI(),
		slog.NewTextHandler(io.MultiWriter(t.Output(), logs), &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx := t.Context()
	place := store.Place{ID: "outage-ward", Name: "Ward"}
	person := store.Person{ID: "outage-p1", Name: "Before the outage", PlaceID: place.ID}
	if _, err := s.UpsertPlace(ctx, place); err != nil {
		t.Fatalf("UpsertPlace: %v", err)
	}
	want, err := s.UpsertPerson(ctx, person)
	if err != nil {
		t.Fatalf("UpsertPerson: %v", err)
	}

	srv.Stop(t)
	down := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Person", func(ctx context.Context) error { _, err := s.Person(ctx, person.ID); return err }},
		{"UpsertPerson", func(ctx context.Context) error {
			_, err := s.UpsertPerson(ctx, store.Person{ID: "outage-p2", Name: "During", PlaceID: place.ID})
			return err
		}},
		{"Snapshot", func(ctx context.Context) error { _, err := s.Snapshot(ctx, store.Scope{}); return err }},
		{"Ping", func(ctx context.Context) error { return s.Ping(ctx) }},
	}
	for _, tt := range down {
		t.Run("down/"+tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), outageDeadline)
			defer cancel()
			mark := len(logs.String())
			start := time.Now()
			err := tt.call(ctx)
			ended := ctx.Err()
			took := time.Since(start)
			logged := logs.String()[mark:]
			t.Logf("%s with the server down failed in %v: %v", tt.name, took.Round(time.Millisecond), err)
			if code := store.ErrorCode(err); code != store.EUNAVAILABLE {
				t.Errorf("%s with the server down = %v (code %q), want %s", tt.name, err, code, store.EUNAVAILABLE)
			}
			switch {
			case strings.Contains(logged, context.DeadlineExceeded.Error()):
				// The store reported the deadline as what ended the
				// request: the context must agree.
				if !errors.Is(ended, context.DeadlineExceeded) {
					t.Errorf("%s: the store logged a deadline but its context ended with %v:\n%s", tt.name, ended, logged)
				}
			case ended != nil:
				t.Errorf("%s returned %v after its context ended (%v), but not because of it; store log:\n%s", tt.name, err, ended, logged)
			}
		})
	}

	restart := time.Now()
	srv.Start(t)
	portOpen := time.Since(restart)
	var pingErr error
	for {
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		pingErr = s.Ping(pctx)
		cancel()
		if pingErr == nil || time.Since(restart) > 30*time.Second {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if pingErr != nil {
		t.Fatalf("Ping 30 s after the restart = %v, want the store to recover", pingErr)
	}
	t.Logf("recovered %v after the restart began (Bolt port open after %v)",
		time.Since(restart).Round(time.Millisecond), portOpen.Round(time.Millisecond))

	// NornicDB keeps a write-ahead log in its data directory and flushes
	// it on SIGTERM, so the data written before the outage survives.
	got, err := s.Person(ctx, person.ID)
	if err != nil {
		t.Fatalf("Person(%s) after the restart = %v, want the person written before the outage", person.ID, err)
	}
	if got.Name != want.Name || got.PlaceID != want.PlaceID {
		t.Errorf("Person(%s) after the restart = %+v, want %+v", person.ID, got, want)
	}
	if _, err := s.UpsertPerson(ctx, store.Person{ID: "outage-p3", Name: "After", PlaceID: place.ID}); err != nil {
		t.Errorf("UpsertPerson after the restart = %v", err)
	}
	// The write attempted while the server was down never reached it.
	if _, err := s.Person(ctx, "outage-p2"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Person(outage-p2), written while the server was down, = %v, want %s", err, store.ENOTFOUND)
	}
}
