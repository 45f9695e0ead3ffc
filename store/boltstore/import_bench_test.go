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
	places, doc, rels := placeDocument(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		b.StopTimer()
		s := placesStore(b, places)
		b.StartTimer()
		batch, err := interchange.ParseStream(interchange.GraphML, bytes.NewReader(doc), "", nil)
		if err != nil {
			b.Fatal(err)
		}
		got, err := s.Import(b.Context(), batch)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if got.Relationships != rels {
			b.Fatalf("imported %d relationships, want %d", got.Relationships, rels)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkParseGraphML times the first phase of BenchmarkImportGraphML
// alone: reading the same document into a batch (interchange.ParseStream).
func BenchmarkParseGraphML(b *testing.B) {
	_, doc, rels := placeDocument(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		batch, err := interchange.ParseStream(interchange.GraphML, bytes.NewReader(doc), "", nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(batch.Relationships) != rels {
			b.Fatalf("read %d relationships, want %d", len(batch.Relationships), rels)
		}
	}
}

// BenchmarkBoltPutFloor times bbolt alone writing what
// BenchmarkImportGraphML's import writes: the store file the import
// leaves, every key of every bucket put again into a new file in key
// order, as the bulk import writes (boltstore.PutFloor). Beside the
// import's time it is the part no parser or check can save without a
// change of the store's format (fewer keys a relationship).
func BenchmarkBoltPutFloor(b *testing.B) {
	places, doc, _ := placeDocument(b)
	s := placesStore(b, places)
	batch, err := interchange.ParseStream(interchange.GraphML, bytes.NewReader(doc), "", nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(b.Context(), batch); err != nil {
		b.Fatal(err)
	}
	src := s.Path()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	var puts int
	for b.Loop() {
		if puts, err = boltstore.PutFloor(src, filepath.Join(b.TempDir(), "floor.db")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(puts), "puts/op")
}

// placeDocument returns the generated place of IMPORT_BENCH_ACTORS actors
// (default 10,000) with IMPORT_BENCH_TIES ties each (default 3): its places,
// its GraphML export and the number of its relationships. With
// IMPORT_BENCH_TXPUTS the bulk import makes that many puts a transaction.
func placeDocument(b *testing.B) (places []store.Place, doc []byte, rels int) {
	b.Helper()
	n, m := envInt(b, "IMPORT_BENCH_ACTORS", 10_000), envInt(b, "IMPORT_BENCH_TIES", 3)
	if os.Getenv("IMPORT_BENCH_TXPUTS") != "" { // the bulk import's puts a transaction
		b.Cleanup(boltstore.SetBulk(50_000, envInt(b, "IMPORT_BENCH_TXPUTS", 0)))
	}
	batches, err := servicetest.GeneratePlace(servicetest.PlaceConfig{Actors: n, TiesPerActor: m, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
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
	var buf bytes.Buffer
	if err := interchange.EncodeGraphML(&buf, snap, interchange.Measures{}); err != nil {
		b.Fatal(err)
	}
	return places, buf.Bytes(), len(snap.Relationships)
}

// placesStore opens a new store holding places only.
func placesStore(b *testing.B, places []store.Place) *boltstore.Store {
	b.Helper()
	s, err := boltstore.Open(b.Context(), filepath.Join(b.TempDir(), "voicemap.db"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(b.Context(), store.Batch{Places: places}); err != nil {
		b.Fatal(err)
	}
	return s
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
