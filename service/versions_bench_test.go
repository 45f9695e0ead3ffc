package service_test

import (
	"context"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// BenchmarkCachedAnswerVersions times what checking the store's versions
// adds to a cached answer, on each store (neo4j when NEO4J_TEST_URI is
// set): over a generated place of 1,000 actors (servicetest.GeneratePlace,
// seed 1) whose betweenness is computed once,
//   - versions: one Versions read of the place (the check itself);
//   - cached: one cached centrality answer, which reads the versions (a
//     service used without a request record: the command line);
//   - request/10: one request of 10 cached answers
//     (WithRequestVersions), which reads the versions once.
//
// BENCHMARKS.md has the figures.
func BenchmarkCachedAnswerVersions(b *testing.B) {
	for _, backend := range []struct {
		name string
		open func(testing.TB) store.Store
	}{
		{"bolt", func(tb testing.TB) store.Store { return servicetest.MustOpenStore(tb) }},
		{"neo4j", func(tb testing.TB) store.Store { return neo4jtest.Open(tb) }},
	} {
		b.Run(backend.name, func(b *testing.B) {
			ctx := admin(context.Background())
			st := backend.open(b)
			if err := servicetest.ImportPlace(ctx, st, servicetest.PlaceConfig{Actors: 1_000, TiesPerActor: 3, Seed: 1, BatchSize: 5_000}); err != nil {
				b.Fatalf("ImportPlace: %v", err)
			}
			svc := service.New(st, quietLogger())
			scope := store.Scope{PlaceID: servicetest.TownID}
			answer := func(ctx context.Context) {
				if _, err := svc.Centrality(ctx, scope, analysis.Betweenness, false); err != nil {
					b.Fatal(err)
				}
			}
			answer(ctx)
			b.Run("versions", func(b *testing.B) {
				for b.Loop() {
					if _, err := st.Versions(ctx, []string{scope.PlaceID}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("cached", func(b *testing.B) {
				for b.Loop() {
					answer(ctx)
				}
			})
			b.Run("request/10", func(b *testing.B) {
				for b.Loop() {
					rctx := service.WithRequestVersions(ctx)
					for range 10 {
						answer(rctx)
					}
				}
			})
		})
	}
}
