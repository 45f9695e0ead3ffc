package boltstore_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// TestGrantsRaceDeleteActor races grant writes against deleting their
// funders and recipients (run it with -race): whichever wins, no grant is
// left pointing at a deleted organisation.
func TestGrantsRaceDeleteActor(t *testing.T) {
	t.Parallel()
	s := mustOpen(t)
	ctx := t.Context()
	if _, err := s.UpsertPlace(ctx, store.Place{ID: "ward", Name: "Ward"}); err != nil {
		t.Fatal(err)
	}
	const n = 20
	for i := range n {
		for _, o := range []store.Organisation{
			{ID: fmt.Sprintf("f%02d", i), Name: "F", PlaceID: "ward", Kind: store.OrgFunder},
			{ID: fmt.Sprintf("r%02d", i), Name: "R", PlaceID: "ward", Kind: store.OrgVoluntary},
		} {
			if _, err := s.UpsertOrganisation(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4*n)
	for i := range n {
		f, r := fmt.Sprintf("f%02d", i), fmt.Sprintf("r%02d", i)
		wg.Go(func() {
			_, err := s.UpsertGrant(ctx, store.Grant{ID: "g" + f, Title: "G", Amount: 100, Currency: "GBP",
				AwardedOn: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), FunderID: f, RecipientID: r, PlaceIDs: []string{"ward"}})
			if err != nil && store.ErrorCode(err) != store.ENOTFOUND {
				errs <- err
			}
		})
		wg.Go(func() {
			if err := s.DeleteActor(ctx, f); err != nil && store.ErrorCode(err) != store.ECONFLICT {
				errs <- err
			}
		})
		wg.Go(func() {
			if err := s.DeleteActor(ctx, r); err != nil && store.ErrorCode(err) != store.ECONFLICT {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	c, err := s.Grants(ctx, store.GrantFilter{PlaceID: "ward"}, store.Page{First: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range c.Items {
		for _, id := range []string{g.FunderID, g.RecipientID} {
			if _, err := s.Organisation(ctx, id); err != nil {
				t.Errorf("grant %s refers to organisation %s: %v", g.ID, id, err)
			}
		}
	}
}

// TestGrantsReopen checks that grants, their indexes and the refusal to
// delete a funder survive closing and reopening the file.
func TestGrantsReopen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := t.TempDir() + "/voicemap.db"
	s, err := boltstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b := store.GrantBatch{
		Places:        []store.Place{{ID: "ward", Name: "Ward"}},
		Organisations: []store.Organisation{{ID: "f", Name: "F", PlaceID: "ward", Kind: store.OrgFunder}, {ID: "r", Name: "R", PlaceID: "ward", Kind: store.OrgVoluntary}},
		Grants: []store.Grant{{ID: "g", Title: "G", Amount: 9007199254740993, Currency: "gbp",
			AwardedOn: time.Date(2024, 2, 29, 23, 0, 0, 0, time.UTC), FunderID: "f", RecipientID: "r", PlaceIDs: []string{"ward"}}},
	}
	if _, err := s.ImportGrants(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = boltstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g, err := s.Grant(ctx, "g")
	if err != nil {
		t.Fatal(err)
	}
	want := store.Grant{ID: "g", Title: "G", Amount: 9007199254740993, Currency: "GBP",
		AwardedOn: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), FunderID: "f", RecipientID: "r", PlaceIDs: []string{"ward"}}
	if show(g) != show(want) {
		t.Fatalf("Grant(g) after reopen = %s, want %s", show(g), show(want))
	}
	if err := s.DeleteActor(ctx, "f"); store.ErrorCode(err) != store.ECONFLICT {
		t.Fatalf("DeleteActor(f) after reopen = %v, want code %q", err, store.ECONFLICT)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}
