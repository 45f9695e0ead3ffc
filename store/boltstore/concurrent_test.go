package boltstore_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// TestConcurrent runs writers and readers at once (run it with -race):
// every write lands and every read sees a consistent store.
func TestConcurrent(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	ctx := t.Context()
	if _, err := s.UpsertPlace(ctx, store.Place{ID: "ward", Name: "Ward"}); err != nil {
		t.Fatal(err)
	}
	const workers, each = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("w%d-p%02d", w, i)
				if _, err := s.UpsertPerson(ctx, store.Person{ID: id, Name: "P", PlaceID: "ward"}); err != nil {
					errs <- err
				}
				if i > 0 {
					prev := fmt.Sprintf("w%d-p%02d", w, i-1)
					if _, err := s.Connect(ctx, store.Relationship{ID: "r-" + id, FromID: prev, ToID: id, Kind: store.RelKnows, Weight: 1}); err != nil {
						errs <- err
					}
				}
				snap, err := s.Snapshot(ctx, store.Scope{PlaceID: "ward"})
				if err != nil {
					errs <- err
				} else if len(snap.Relationships) >= len(snap.People) && len(snap.People) > 0 {
					errs <- fmt.Errorf("snapshot has %d relationships among %d people in chains", len(snap.Relationships), len(snap.People))
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	c, err := s.People(ctx, store.PeopleFilter{PlaceID: "ward"}, store.Page{First: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if c.TotalCount != workers*each {
		t.Fatalf("People(ward).TotalCount = %d, want %d", c.TotalCount, workers*each)
	}
	r, err := s.Relationships(ctx, store.RelationshipFilter{}, store.Page{First: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if r.TotalCount != workers*(each-1) {
		t.Fatalf("Relationships().TotalCount = %d, want %d", r.TotalCount, workers*(each-1))
	}
}
