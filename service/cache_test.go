package service_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// snapshots counts the store snapshots taken: one per analysis computed.
func snapshots(cs interface{ Calls(string) int }) int { return cs.Calls("Network") }

func TestCacheHit(t *testing.T) {
	t.Parallel()
	svc, cs := fixture(t)
	first := mustSummary(t, svc, "A")
	second := mustSummary(t, svc, "A")
	if first != second {
		t.Errorf("cached Summary(A) = %+v, want %+v", second, first)
	}
	if n := snapshots(cs); n != 1 {
		t.Errorf("two Summary(A) took %d snapshots, want 1", n)
	}
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	if _, err := svc.Summary(admin(context.Background()), store.Scope{PlaceID: "A", AsOf: &day}); err != nil {
		t.Fatal(err)
	}
	if n := snapshots(cs); n != 2 {
		t.Errorf("Summary(A, asOf) took %d snapshots in all, want 2 (a date is its own key)", n)
	}
}

// TestCacheInvalidation checks each write against the versions it
// advances (store.Versions, service/versions.go): the written scope's
// answer changes, an unrelated place's cached answer is kept, whether the
// write went through the service that cached the answers or through
// another over the same store (another API server).
func TestCacheInvalidation(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	tests := []struct {
		name  string
		write func(*service.Service) error
		// stale are the scopes whose cached summary must be recomputed,
		// kept those that must stay cached.
		stale, kept []string
	}{
		{
			name: "connect in A",
			write: func(s *service.Service) error {
				_, err := s.Connect(ctx, store.Relationship{ID: "r-new", FromID: "a2", ToID: "a3", Kind: store.RelKnows, Weight: 1})
				return err
			},
			stale: []string{"A", "R", ""}, kept: []string{"B"},
		},
		{
			name: "connect in B",
			write: func(s *service.Service) error {
				_, err := s.Connect(ctx, store.Relationship{ID: "r-new", FromID: "b2", ToID: "b1", Kind: store.RelWorksWith, Weight: 2})
				return err
			},
			stale: []string{"B", "R", ""}, kept: []string{"A", "C"},
		},
		{
			name:  "disconnect in B",
			write: func(s *service.Service) error { return s.Disconnect(ctx, "r-b1b2") },
			stale: []string{"B", "R", ""}, kept: []string{"A", "C"},
		},
		{
			name: "new person in C",
			write: func(s *service.Service) error {
				_, err := s.UpsertPerson(ctx, store.Person{ID: "c1", Name: "c1", PlaceID: "C"})
				return err
			},
			stale: []string{"C", "A", "R", ""}, kept: []string{"B"},
		},
		{
			name: "person moves from B to C",
			write: func(s *service.Service) error {
				_, err := s.UpsertPerson(ctx, store.Person{ID: "b2", Name: "b2", PlaceID: "C"})
				return err
			},
			stale: []string{"B", "C", "A", "R", ""},
		},
		{
			name:  "delete actor in A",
			write: func(s *service.Service) error { return s.DeleteActor(ctx, "a3") },
			stale: []string{"A", "R", ""}, kept: []string{"B", "C"},
		},
		{
			name: "place C moves from A to B",
			write: func(s *service.Service) error {
				_, err := s.UpsertPlace(ctx, store.Place{ID: "C", Name: "C", ParentID: "B"})
				return err
			},
			stale: []string{"A", "B", "C", "R", ""},
		},
		{
			name: "new place under B",
			write: func(s *service.Service) error {
				_, err := s.UpsertPlace(ctx, store.Place{ID: "D", Name: "D", ParentID: "B"})
				return err
			},
			stale: []string{"B", "R", ""}, kept: []string{"A", "C"},
		},
		{
			name: "import of a new top-level place",
			write: func(s *service.Service) error {
				_, err := s.Import(ctx, store.Batch{Places: []store.Place{{ID: "E", Name: "E"}}})
				return err
			},
			stale: []string{""}, kept: []string{"A", "B", "C", "R"},
		},
		{
			name: "import of people in C and B",
			write: func(s *service.Service) error {
				_, err := s.Import(ctx, store.Batch{People: []store.Person{{ID: "c9", Name: "c9", PlaceID: "C"}, {ID: "b9", Name: "b9", PlaceID: "B"}}})
				return err
			},
			stale: []string{"A", "B", "C", "R", ""},
		},
		{
			name: "erasure in B",
			write: func(s *service.Service) error {
				_, err := s.ForgetPerson(ctx, "b1")
				return err
			},
			// An erasure drops everything a server holds in memory.
			stale: []string{"A", "B", "C", "R", ""},
		},
		{
			name: "failed write",
			write: func(s *service.Service) error {
				_, err := s.Connect(ctx, store.Relationship{ID: "r-bad", FromID: "a1", ToID: "ghost", Kind: store.RelKnows, Weight: 1})
				if store.ErrorCode(err) != store.ENOTFOUND {
					t.Errorf("Connect(to ghost) = %v, want ENOTFOUND", err)
				}
				return nil
			},
			kept: []string{"A", "B", "C", "R", ""},
		},
	}
	for _, tt := range tests {
		for _, via := range []string{"this server", "another server"} {
			t.Run(tt.name+"/"+via, func(t *testing.T) {
				svc, cs := fixture(t)
				scopes := append(append([]string{}, tt.stale...), tt.kept...)
				for _, p := range scopes {
					mustSummary(t, svc, p)
				}
				writer := svc
				if via == "another server" {
					writer = service.New(cs, nil)
				}
				if err := tt.write(writer); err != nil {
					t.Fatalf("write: %v", err)
				}
				for _, p := range tt.stale {
					before := snapshots(cs)
					mustSummary(t, svc, p)
					if snapshots(cs) == before {
						t.Errorf("Summary(%q) after the write was served from the cache, want recomputed", p)
					}
				}
				for _, p := range tt.kept {
					before := snapshots(cs)
					mustSummary(t, svc, p)
					if snapshots(cs) != before {
						t.Errorf("Summary(%q) after the write was recomputed, want served from the cache", p)
					}
				}
			})
		}
	}
}

// TestCacheVersionsReadOncePerRequest checks that the answers of one
// request (WithRequestVersions) read the store's versions once per scope,
// that a write through the request forgets them, and that without a
// request record every cached answer reads them.
func TestCacheVersionsReadOncePerRequest(t *testing.T) {
	svc, cs := fixture(t)
	for _, p := range []string{"A", "B", ""} {
		mustSummary(t, svc, p)
	}
	cs.Reset()
	ctx := service.WithRequestVersions(admin(context.Background()))
	for range 3 {
		for _, p := range []string{"A", "B", ""} {
			if _, err := svc.Summary(ctx, store.Scope{PlaceID: p}); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Centrality(ctx, store.Scope{PlaceID: p}, analysis.Degree, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A and B each read with the global version; "" then reuses it.
	if n := cs.Calls("Versions"); n != 2 {
		t.Errorf("one request of 18 cached answers over 3 scopes read the versions %d times, want 2", n)
	}
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-a2a3", FromID: "a2", ToID: "a3", Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	after, err := svc.Summary(ctx, store.Scope{PlaceID: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if after.Relationships != 2 {
		t.Errorf("Summary(A) in the request after its own write has %d relationships, want 2", after.Relationships)
	}
	cs.Reset()
	for range 3 {
		mustSummary(t, svc, "B")
	}
	if n := cs.Calls("Versions"); n != 3 {
		t.Errorf("3 cached answers without a request record read the versions %d times, want 3", n)
	}
}

func TestCacheAnswerChangesAfterWrite(t *testing.T) {
	t.Parallel()
	svc, _ := fixture(t)
	ctx := admin(context.Background())
	before := mustSummary(t, svc, "A")
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-a2a3", FromID: "a2", ToID: "a3", Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	after := mustSummary(t, svc, "A")
	if after.Relationships != before.Relationships+1 || after.Components != before.Components-1 {
		t.Errorf("Summary(A) after connect = %+v, want one more relationship and one fewer component than %+v", after, before)
	}
	scores, err := svc.Centrality(ctx, store.Scope{PlaceID: "A"}, analysis.Degree, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := scores[0].Actor.ID(); got != "a2" {
		t.Errorf("top Degree actor in A = %q, want a2", got)
	}
}

// TestCacheSingleFlight checks that concurrent identical requests compute
// once. Run with -race.
func TestCacheSingleFlight(t *testing.T) {
	t.Parallel()
	svc, cs := fixture(t)
	const callers = 16
	var wg sync.WaitGroup
	results := make([][]service.ActorScore, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Go(func() {
			results[i], errs[i] = svc.Centrality(admin(context.Background()), store.Scope{PlaceID: "R"}, analysis.Betweenness, false)
		})
	}
	wg.Wait()
	for i := range callers {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if len(results[i]) != 6 {
			t.Errorf("caller %d got %d scores, want 6", i, len(results[i]))
		}
	}
	if n := snapshots(cs); n != 1 {
		t.Errorf("%d concurrent Centrality calls took %d snapshots, want 1", callers, n)
	}
}

func TestCentralityCanceled(t *testing.T) {
	t.Parallel()
	svc, _ := fixture(t)
	ctx, cancel := context.WithCancel(admin(context.Background()))
	cancel()
	if _, err := svc.Centrality(ctx, store.Scope{}, analysis.PageRank, false); err == nil {
		t.Errorf("Centrality with a canceled context succeeded, want an error")
	}
	// A later caller is not affected by the abandoned computation.
	if _, err := svc.Centrality(admin(context.Background()), store.Scope{}, analysis.PageRank, false); err != nil {
		t.Errorf("Centrality after a canceled call: %v", err)
	}
}

func TestCentralityUnknownMeasure(t *testing.T) {
	t.Parallel()
	svc, _ := fixture(t)
	_, err := svc.Centrality(admin(context.Background()), store.Scope{}, analysis.Measure("FAME"), false)
	if got := store.ErrorCode(err); got != store.EINVALID {
		t.Errorf("Centrality(FAME) code = %q, want %q", got, store.EINVALID)
	}
}
