package boltstore_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// BenchmarkImportGraphML times what `voicemap import network.graphml`
// does after opening the store: parse the generated place's GraphML
// export (interchange.ParseStream) and import it (Store.Import: check,
// write, fsync) into a store holding only its places. The place has
// IMPORT_BENCH_ACTORS actors (default 10,000) with IMPORT_BENCH_TIES ties
// each (default 3); scripts/bench/storeperf.sh times the same through the
// command line beside igraph. Profile it with -cpuprofile or -memprofile.
func BenchmarkImportGraphML(b *testing.B) {
	n, m := envInt(b, "IMPORT_BENCH_ACTORS", 10_000), envInt(b, "IMPORT_BENCH_TIES", 3)
	batches, err := servicetest.GeneratePlace(servicetest.PlaceConfig{Actors: n, TiesPerActor: m, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var places []store.Place
	snap := &store.Snapshot{}
	for _, x := range batches {
		places = append(places, x.Places...)
		snap.Places = append(snap.Places, x.Places...)
		snap.People = append(snap.People, x.People...)
		snap.Organisations = append(snap.Organisations, x.Organisations...)
		snap.Relationships = append(snap.Relationships, x.Relationships...)
	}
	slices.SortFunc(snap.People, func(x, y store.Person) int { return strings.Compare(x.ID, y.ID) })
	slices.SortFunc(snap.Organisations, func(x, y store.Organisation) int { return strings.Compare(x.ID, y.ID) })
	slices.SortFunc(snap.Relationships, func(x, y store.Relationship) int { return strings.Compare(x.ID, y.ID) })
	var doc bytes.Buffer
	if err := interchange.EncodeGraphML(&doc, snap, interchange.Measures{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(doc.Len()))
	for b.Loop() {
		b.StopTimer()
		s, err := boltstore.Open(b.Context(), filepath.Join(b.TempDir(), "voicemap.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Import(b.Context(), store.Batch{Places: places}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		batch, err := interchange.ParseStream(interchange.GraphML, bytes.NewReader(doc.Bytes()), "", nil)
		if err != nil {
			b.Fatal(err)
		}
		got, err := s.Import(b.Context(), batch)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if got.Relationships != len(snap.Relationships) {
			b.Fatalf("imported %d relationships, want %d", got.Relationships, len(snap.Relationships))
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// envInt reads a positive integer from the environment, def when unset.
func envInt(tb testing.TB, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		tb.Fatalf("%s=%q: want a positive integer", name, v)
	}
	return n
}
