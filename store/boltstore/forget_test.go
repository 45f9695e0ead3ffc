package boltstore_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// The markers are unusual enough that they cannot occur in a bbolt file by
// chance: the forgotten person's name, id and a group only they had.
var (
	markerName  = []byte("Zqxmarker Erasetest")
	markerID    = []byte("p-zqxmarker-erasetest")
	markerGroup = []byte("zqxgroup-only-erased")
)

// seedMarked stores a network with the marked person, their ties and a
// participation, and a few other people.
func seedMarked(t *testing.T, s *boltstore.Store) {
	t.Helper()
	ctx := t.Context()
	_, err := s.Import(ctx, store.Batch{
		Places: []store.Place{{ID: "pl", Name: "Millbrook"}},
		People: []store.Person{
			{ID: string(markerID), Name: string(markerName), PlaceID: "pl", Groups: []string{string(markerGroup)}},
			{ID: "p-a", Name: "Ann Other", PlaceID: "pl"},
			{ID: "p-b", Name: "Bo Other", PlaceID: "pl"},
		},
		Forums: []store.Forum{{ID: "f", Name: "Forum", PlaceID: "pl"}},
		Relationships: []store.Relationship{
			{ID: "r-marked-a", FromID: string(markerID), ToID: "p-a", Kind: store.RelKnows, Weight: 1},
			{ID: "r-b-marked", FromID: "p-b", ToID: string(markerID), Kind: store.RelKnows, Weight: 1},
			{ID: "r-a-b", FromID: "p-a", ToID: "p-b", Kind: store.RelKnows, Weight: 1},
		},
		Participations: []store.Participation{{ID: "pa-marked", ActorID: string(markerID), ForumID: "f",
			Level: store.LevelConsult, JoinedAtStage: store.StageDesign}},
	})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
}

// fileHas reports which markers occur in the store file's bytes.
func fileHas(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	out := map[string]bool{}
	for _, m := range [][]byte{markerName, markerID, markerGroup} {
		out[string(m)] = bytes.Contains(data, m)
	}
	return out
}

func TestForgetPersonRemovesBytesFromFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		reopen bool
	}{
		{"same session", false},
		{"after reopen", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "voicemap.db")
			s, err := boltstore.Open(t.Context(), path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			seedMarked(t, s)
			if tt.reopen {
				if err := s.Close(); err != nil {
					t.Fatalf("Close: %v", err)
				}
				if s, err = boltstore.Open(t.Context(), path); err != nil {
					t.Fatalf("reopen: %v", err)
				}
			}
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			// Deleting without compaction leaves the bytes in the file: this is
			// what ForgetPerson must do better than, and shows the search works.
			for m, ok := range fileHas(t, s.Path()) {
				if !ok {
					t.Fatalf("marker %q not in the file before the erasure", m)
				}
			}
			e, err := s.ForgetPerson(t.Context(), string(markerID))
			if err != nil {
				t.Fatalf("ForgetPerson: %v", err)
			}
			if e.Relationships != 2 || e.Participations != 1 {
				t.Fatalf("ForgetPerson = %+v, want 2 relationships and 1 participation", e)
			}
			for m, ok := range fileHas(t, s.Path()) {
				if ok {
					t.Errorf("marker %q still in the file after ForgetPerson", m)
				}
			}
			// The store still works and keeps everyone else.
			if _, err := s.Relationship(t.Context(), "r-a-b"); err != nil {
				t.Fatalf("Relationship(r-a-b) after ForgetPerson: %v", err)
			}
			if _, err := s.UpsertPerson(t.Context(), store.Person{ID: "p-c", Name: "Cy", PlaceID: "pl"}); err != nil {
				t.Fatalf("UpsertPerson after ForgetPerson: %v", err)
			}
			if err := s.Check(); err != nil {
				t.Fatalf("Check: %v", err)
			}
		})
	}
}

// TestDeleteActorLeavesBytes documents why ForgetPerson compacts: a plain
// delete leaves the freed pages, and the marker, in the file.
func TestDeleteActorLeavesBytes(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	seedMarked(t, s)
	if err := s.DeleteActor(t.Context(), string(markerID)); err != nil {
		t.Fatalf("DeleteActor: %v", err)
	}
	if has := fileHas(t, s.Path()); !has[string(markerName)] {
		t.Skip("this bbolt version overwrote the freed pages; compaction is still done")
	}
	if err := s.Compact(t.Context()); err != nil {
		t.Fatalf("Compact: %v", err)
	}
	for m, ok := range fileHas(t, s.Path()) {
		if ok {
			t.Errorf("marker %q still in the file after Compact", m)
		}
	}
}

// TestForgetPersonConcurrentReaders runs readers and writers while people
// are forgotten (and the file compacted and reopened): every operation
// must succeed. Run with -race.
func TestForgetPersonConcurrentReaders(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	seedMarked(t, s)
	ctx := t.Context()
	const forgotten = 5
	for i := range forgotten {
		id := "p-gone-" + string(rune('0'+i))
		if _, err := s.UpsertPerson(ctx, store.Person{ID: id, Name: "Gone", PlaceID: "pl"}); err != nil {
			t.Fatalf("UpsertPerson: %v", err)
		}
		if _, err := s.Connect(ctx, store.Relationship{ID: "r-" + id, FromID: id, ToID: "p-a", Kind: store.RelKnows, Weight: 1}); err != nil {
			t.Fatalf("Connect: %v", err)
		}
	}
	var stop atomic.Bool
	var ops atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 4 {
		wg.Go(func() {
			for n := 0; !stop.Load(); n++ {
				var err error
				switch (w + n) % 4 {
				case 0:
					_, err = s.Person(ctx, "p-a")
				case 1:
					_, err = s.Snapshot(ctx, store.Scope{})
				case 2:
					_, err = s.People(ctx, store.PeopleFilter{}, store.Page{})
				case 3:
					_, err = s.UpsertPerson(ctx, store.Person{ID: "p-writer", Name: "Writer", PlaceID: "pl"})
				}
				if err != nil {
					errs <- err
					return
				}
				ops.Add(1)
			}
		})
	}
	for i := range forgotten {
		if _, err := s.ForgetPerson(ctx, "p-gone-"+string(rune('0'+i))); err != nil {
			t.Errorf("ForgetPerson: %v", err)
		}
	}
	if _, err := s.ForgetPerson(ctx, string(markerID)); err != nil {
		t.Errorf("ForgetPerson(marker): %v", err)
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent operation during ForgetPerson: %v", err)
	}
	if ops.Load() == 0 {
		t.Fatal("no concurrent operation ran")
	}
	conn, err := s.Erasures(ctx, store.Page{})
	if err != nil || conn.TotalCount != forgotten+1 {
		t.Fatalf("Erasures = %d, %v; want %d", conn.TotalCount, err, forgotten+1)
	}
	t.Logf("%d concurrent operations during %d erasures", ops.Load(), forgotten+1)
}
