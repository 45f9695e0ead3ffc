package boltstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
	"github.com/voicemap/voicemap/store/storetest"
)

// TestConformanceBulk runs the conformance suite with every import written
// as a bulk import (a copy of the file written in transactions of 7 puts,
// renamed over the original), so that its answers, refusals and counts are
// those of the one-transaction write.
func TestConformanceBulk(t *testing.T) {
	defer boltstore.SetBulk(1, 7)()
	storetest.Run(t, func(t *testing.T) store.Store { return mustOpen(t) })
}

// TestBulkImportSameAsOneTransaction imports a generated place of 2,000
// actors into two stores, one in a single transaction and one as a bulk
// import, and compares the networks and snapshots read back; a later bulk
// import over the same data (every element an update) changes nothing.
func TestBulkImportSameAsOneTransaction(t *testing.T) {
	ctx := t.Context()
	cfg := servicetest.PlaceConfig{Actors: 2000, TiesPerActor: 3, Seed: 1}
	one := mustOpen(t)
	if err := servicetest.ImportPlace(ctx, one, cfg); err != nil {
		t.Fatalf("ImportPlace: %v", err)
	}
	restore := boltstore.SetBulk(1, 1000)
	defer restore()
	bulk := mustOpen(t)
	for range 2 {
		if err := servicetest.ImportPlace(ctx, bulk, cfg); err != nil {
			t.Fatalf("ImportPlace (bulk): %v", err)
		}
		for _, place := range []string{servicetest.TownID, ""} {
			want, err := one.Snapshot(ctx, store.Scope{PlaceID: place})
			if err != nil {
				t.Fatal(err)
			}
			got, err := bulk.Snapshot(ctx, store.Scope{PlaceID: place})
			if err != nil {
				t.Fatal(err)
			}
			if show(got) != show(want) {
				t.Errorf("Snapshot(%q) after a bulk import differs from the one-transaction import's", place)
			}
			wn, err := one.Network(ctx, store.Scope{PlaceID: place})
			if err != nil {
				t.Fatal(err)
			}
			gn, err := bulk.Network(ctx, store.Scope{PlaceID: place})
			if err != nil {
				t.Fatal(err)
			}
			if show(gn) != show(wn) {
				t.Errorf("Network(%q) after a bulk import differs from the one-transaction import's", place)
			}
		}
	}
}

// TestBulkImportAllOrNothing cancels a bulk import in the middle of its
// writes and refuses one with a dangling reference: the store is left as
// it was, with no file beside it, and takes writes afterwards.
func TestBulkImportAllOrNothing(t *testing.T) {
	defer boltstore.SetBulk(1, 50)()
	ctx := t.Context()
	dir := t.TempDir()
	path := filepath.Join(dir, "voicemap.db")
	s, err := boltstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	batches, err := servicetest.GeneratePlace(servicetest.PlaceConfig{Actors: 500, TiesPerActor: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, batches[0]); err != nil { // the places
		t.Fatal(err)
	}
	before, err := s.Snapshot(ctx, store.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	rest := store.Batch{}
	for _, b := range batches[1:] {
		rest.People = append(rest.People, b.People...)
		rest.Organisations = append(rest.Organisations, b.Organisations...)
		rest.Relationships = append(rest.Relationships, b.Relationships...)
	}
	// Cancelled once the writes have begun (the check and the copy call
	// Err a few times before).
	cctx := &countdownCtx{Context: ctx, n: 20}
	if _, err := s.Import(cctx, rest); !errors.Is(err, context.Canceled) {
		t.Fatalf("Import cancelled during its writes = %v, want context.Canceled", err)
	}
	refused := rest
	refused.Relationships = append(append([]store.Relationship(nil), rest.Relationships...), store.Relationship{ID: "r-dangling", FromID: rest.People[0].ID, ToID: "nobody", Kind: store.RelKnows, Weight: 1})
	if _, err := s.Import(ctx, refused); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("Import with a dangling end = %v, want ENOTFOUND", err)
	}
	after, err := s.Snapshot(ctx, store.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if show(after) != show(before) {
		t.Errorf("the store changed after a cancelled and a refused bulk import")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files beside the store after a failed bulk import: %v", names)
	}
	n, err := s.Import(ctx, rest)
	if err != nil {
		t.Fatalf("Import after the failures: %v", err)
	}
	if n.Relationships != len(rest.Relationships) {
		t.Errorf("Import wrote %d relationships, want %d", n.Relationships, len(rest.Relationships))
	}
}

// TestOpenRemovesStrayImportCopies leaves what a bulk import killed before
// its rename would leave beside the store file: Open deletes it, and keeps
// other files.
func TestOpenRemovesStrayImportCopies(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "voicemap.db")
	s, err := boltstore.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	stray, compaction, other := path+".import-12345", path+".compact-678", filepath.Join(dir, "notes.import-1")
	for _, f := range []string{stray, compaction, other} {
		if err := os.WriteFile(f, []byte("partial copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err = boltstore.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range []string{stray, compaction} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("stray copy %s still there after Open (Stat: %v)", filepath.Base(f), err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("Open removed a file that is not an import copy of the store: %v", err)
	}
}
