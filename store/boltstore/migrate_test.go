package boltstore_test

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// TestOpenMigratesFormat1 opens testdata/format1.db.gz, a file written by
// the code of format 1 (testdata/format1gen.go says how), and checks that
// Open migrates it: its records read as before, Network agrees with
// NetworkOf(Snapshot) on every scope and date, writes keep both in step,
// and a second Open finds the file migrated.
func TestOpenMigratesFormat1(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "format1.db")
	unzip(t, "testdata/format1.db.gz", path)
	s, err := boltstore.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(format 1 file): %v", err)
	}
	r, err := s.Relationship(ctx, "r5")
	if err != nil || r.FromID != "p4" || r.ToID != "p1" || r.Weight != 1.25 || r.Since == nil || r.Until == nil {
		t.Fatalf("Relationship(r5) after migration = %+v, %v", r, err)
	}
	check := func(when string) {
		t.Helper()
		for _, sc := range []store.Scope{{}, {PlaceID: "town"}, {PlaceID: "north"}, {PlaceID: "south"},
			{AsOf: day(2019, 1, 1)}, {PlaceID: "town", AsOf: day(2021, 6, 30)}, {PlaceID: "town", AsOf: day(2021, 7, 1)}} {
			snap, err := s.Snapshot(ctx, sc)
			if err != nil {
				t.Fatalf("%s: Snapshot: %v", when, err)
			}
			want, err := store.NetworkOf(snap)
			if err != nil {
				t.Fatalf("%s: NetworkOf: %v", when, err)
			}
			got, err := s.Network(ctx, sc)
			if err != nil {
				t.Fatalf("%s: Network: %v", when, err)
			}
			if !reflect.DeepEqual(got.Ties, want.Ties) {
				t.Fatalf("%s: Network(%+v).Ties = %+v, want %+v", when, sc, got.Ties, want.Ties)
			}
		}
	}
	check("after migration")
	all, err := s.Network(ctx, store.Scope{})
	if err != nil || len(all.Ties) != 6 {
		t.Fatalf("Network(everything) after migration: %d ties, %v; want the 6 of the file", len(all.Ties), err)
	}
	if _, err := s.Connect(ctx, store.Relationship{ID: "r2", FromID: "p4", ToID: "p3", Kind: store.RelKnows, Weight: 7}); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if err := s.DeleteActor(ctx, "o1"); err != nil {
		t.Fatalf("DeleteActor: %v", err)
	}
	check("after writes")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = boltstore.Open(ctx, path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer s.Close()
	check("after reopening")
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
}

func unzip(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}
