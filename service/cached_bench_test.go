package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// BenchmarkCachedAnswer times an analysis answered from the cache, the
// figure issue 13 wants under 5 ms: on a generated place of 10,000 actors
// and 29,991 ties (servicetest.GeneratePlace, seed 1), each analysis is
// computed once and then asked again b.N times. scripts/bench/kernels.sh
// runs it; BENCHMARKS.md has the figures.
func BenchmarkCachedAnswer(b *testing.B) {
	ctx := admin(context.Background())
	st := servicetest.MustOpenStore(b)
	if err := servicetest.ImportPlace(ctx, st, servicetest.PlaceConfig{Actors: 10_000, TiesPerActor: 3, Seed: 1, BatchSize: 20_000}); err != nil {
		b.Fatalf("ImportPlace: %v", err)
	}
	svc := service.New(st, quietLogger())
	scope := store.Scope{PlaceID: servicetest.TownID}
	items := []struct {
		name string
		call func() error
	}{
		{"centrality", func() error {
			_, err := svc.Centrality(ctx, scope, analysis.Betweenness, false)
			return err
		}},
		{"centrality/exact", func() error {
			_, err := svc.Centrality(ctx, scope, analysis.Closeness, false, service.Accuracy{Exact: true})
			return err
		}},
		{"communities", func() error {
			_, err := svc.Communities(ctx, scope)
			return err
		}},
		{"unheardVoices", func() error {
			_, err := svc.UnheardVoices(ctx, scope, service.VoiceFilter{First: 20})
			return err
		}},
		{"powerConcentration", func() error {
			_, err := svc.PowerConcentration(ctx, scope)
			return err
		}},
	}
	for _, it := range items {
		if err := it.call(); err != nil {
			b.Fatalf("%s: %v", it.name, err)
		}
		b.Run(it.name, func(b *testing.B) {
			for b.Loop() {
				if err := it.call(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCachedTrend times the dashboard Overview's power trend of the
// demo (Millbrook, quarterly from 2019 to 2026-12-06: 32 dates) answered
// from the cache, as every page load after the first asks it.
func BenchmarkCachedTrend(b *testing.B) {
	ctx := admin(context.Background())
	st := servicetest.MustOpenStore(b)
	if _, err := st.Import(ctx, demo.Network()); err != nil {
		b.Fatal(err)
	}
	svc := service.New(st, quietLogger())
	from, to := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	trend := func() {
		if _, err := svc.PowerTrend(ctx, "millbrook", from, to, service.StepQuarter); err != nil {
			b.Fatal(err)
		}
	}
	trend()
	for b.Loop() {
		trend()
	}
}
