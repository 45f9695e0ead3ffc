// Command storeperf is the Go half of scripts/bench/storeperf.sh, which
// times the paths a user waits on (issue 13, store half) side by side
// with igraph and graph-tool:
//
//	storeperf gen -n N -m M -out DIR
//	    writes DIR/network.graphml (the generated place of
//	    servicetest.GeneratePlace as voicemap's GraphML export writes it,
//	    every actor and tie with its attributes), DIR/network.json (the
//	    same as a voicemap JSON document) and DIR/places.json (its places
//	    alone, which an import of the GraphML needs first)
//	storeperf first -db FILE [-place ID] [-neo4j URI]
//	    opens the store and times the service's first analysis call on the
//	    place (Summary: reading the network and building its graph), then
//	    the rest of the full analysis set (centrality BETWEENNESS,
//	    communities, unheard voices, power report), printing the peak
//	    resident memory of the process
//	storeperf load -neo4j URI -n N -m M
//	    imports the generated place into Neo4j (servicetest.ImportPlace)
//	storeperf network -neo4j URI [-place ID] [-repeat K]
//	    times store.Network and store.Snapshot through the Neo4j driver
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
	"github.com/voicemap/voicemap/store/neo4jstore"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "storeperf:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("want a command: gen, first or network")
	}
	fs := flag.NewFlagSet("storeperf "+args[0], flag.ContinueOnError)
	n := fs.Int("n", 10_000, "gen: actors")
	m := fs.Int("m", 3, "gen: ties per actor")
	out := fs.String("out", "", "gen: output directory")
	db := fs.String("db", "", "first: bbolt store file")
	uri := fs.String("neo4j", "", "first, network: Neo4j (or NornicDB) Bolt URI instead of a bbolt file")
	place := fs.String("place", servicetest.TownID, "first, network: the place analysed")
	repeat := fs.Int("repeat", 1, "network: repetitions")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "gen":
		return gen(*n, *m, *out)
	case "first":
		return first(ctx, stdout, *db, *uri, *place)
	case "network":
		return network(ctx, stdout, *uri, *place, *repeat)
	case "load":
		st, err := openStore(ctx, *db, *uri)
		if err != nil {
			return err
		}
		defer st.Close()
		t := time.Now()
		if err := servicetest.ImportPlace(ctx, st, servicetest.PlaceConfig{Actors: *n, TiesPerActor: *m, Seed: 1}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "load_s %.3f\n", time.Since(t).Seconds())
		return nil
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// gen writes the generated place as GraphML and JSON documents.
func gen(n, m int, dir string) error {
	batches, err := servicetest.GeneratePlace(servicetest.PlaceConfig{Actors: n, TiesPerActor: m, Seed: 1})
	if err != nil {
		return err
	}
	var all store.Batch
	for _, b := range batches {
		all.Places = append(all.Places, b.Places...)
		all.People = append(all.People, b.People...)
		all.Organisations = append(all.Organisations, b.Organisations...)
		all.Relationships = append(all.Relationships, b.Relationships...)
		all.Forums = append(all.Forums, b.Forums...)
		all.Participations = append(all.Participations, b.Participations...)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	places, err := interchange.EncodeJSON(store.Batch{Places: all.Places})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "places.json"), places, 0o644); err != nil {
		return err
	}
	doc, err := interchange.EncodeJSON(all)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "network.json"), doc, 0o644); err != nil {
		return err
	}
	byID := func(a, b string) int { return strings.Compare(a, b) }
	snap := &store.Snapshot{Places: all.Places, People: all.People, Organisations: all.Organisations, Relationships: all.Relationships}
	slices.SortFunc(snap.People, func(a, b store.Person) int { return byID(a.ID, b.ID) })
	slices.SortFunc(snap.Organisations, func(a, b store.Organisation) int { return byID(a.ID, b.ID) })
	slices.SortFunc(snap.Relationships, func(a, b store.Relationship) int { return byID(a.ID, b.ID) })
	f, err := os.Create(filepath.Join(dir, "network.graphml"))
	if err != nil {
		return err
	}
	if err := interchange.EncodeGraphML(f, snap, interchange.Measures{}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// openStore opens the bbolt file or connects to Neo4j.
func openStore(ctx context.Context, db, uri string) (store.Store, error) {
	if uri != "" {
		return neo4jstore.Open(ctx, neo4jstore.Config{URI: uri})
	}
	return boltstore.Open(ctx, db)
}

// first times the first analysis call and the full set on a fresh service.
func first(ctx context.Context, stdout io.Writer, db, uri, place string) error {
	st, err := openStore(ctx, db, uri)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, nil)
	ctx = auth.With(ctx, auth.LocalAdmin) // a local benchmark, as the command line
	scope := store.Scope{PlaceID: place}
	start := time.Now()
	sum, err := svc.Summary(ctx, scope)
	if err != nil {
		return err
	}
	firstCall := time.Since(start)
	fmt.Fprintf(stdout, "first_call_s %.3f\nactors %d\nrelationships %d\nrss_after_first_mib %.0f\n%s",
		firstCall.Seconds(), sum.Actors, sum.Relationships, float64(maxRSS())/1024, memBreakdown())
	steps := []struct {
		name string
		run  func() error
	}{
		{"betweenness", func() error { _, err := svc.Centrality(ctx, scope, analysis.Betweenness, false); return err }},
		{"communities", func() error { _, err := svc.Communities(ctx, scope); return err }},
		{"unheard", func() error {
			_, err := svc.UnheardVoices(ctx, scope, service.VoiceFilter{First: 20})
			return err
		}},
		{"power", func() error { _, err := svc.PowerConcentration(ctx, scope); return err }},
	}
	for _, s := range steps {
		t := time.Now()
		if err := s.run(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(stdout, "%s_s %.3f\n", s.name, time.Since(t).Seconds())
	}
	fmt.Fprintf(stdout, "full_set_s %.3f\npeak_rss_mib %.0f\n%s", time.Since(start).Seconds(), float64(maxRSS())/1024, memBreakdown())
	return nil
}

// network times store.Network and store.Snapshot of a place.
func network(ctx context.Context, stdout io.Writer, uri, place string, repeat int) error {
	st, err := openStore(ctx, "", uri)
	if err != nil {
		return err
	}
	defer st.Close()
	scope := store.Scope{PlaceID: place}
	for range repeat {
		t := time.Now()
		nw, err := st.Network(ctx, scope)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "network_s %.3f actors %d ties %d\n", time.Since(t).Seconds(), nw.Actors(), len(nw.Ties))
		t = time.Now()
		snap, err := st.Snapshot(ctx, scope)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "snapshot_s %.3f relationships %d\n", time.Since(t).Seconds(), len(snap.Relationships))
	}
	fmt.Fprintf(stdout, "peak_rss_mib %.0f\n", float64(maxRSS())/1024)
	return nil
}

// memBreakdown tells the resident memory now by kind (/proc/self/status:
// RssAnon is the Go heap and runtime, RssFile the pages of the store file
// that bbolt's memory map has touched) and the Go heap in use.
func memBreakdown() string {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	out := fmt.Sprintf("go_heap_inuse_mib %.0f\n", float64(ms.HeapInuse)/(1<<20))
	data, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(data), "\n") {
		for _, k := range []string{"RssAnon", "RssFile"} {
			if v, ok := strings.CutPrefix(l, k+":"); ok {
				out += strings.ToLower(k) + "_kb " + strings.TrimSuffix(strings.TrimSpace(v), " kB") + "\n"
			}
		}
	}
	return out
}

// maxRSS is the process's peak resident set size in KiB (getrusage).
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss
}
