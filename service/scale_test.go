package service_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

func TestScalePolicyDecide(t *testing.T) {
	def := service.DefaultScalePolicy()
	tests := []struct {
		name         string
		policy       service.ScalePolicy
		actors, ties int
		wantApprox   bool
	}{
		{name: "empty network", policy: def, actors: 0, ties: 0},
		{name: "no ties", policy: def, actors: 150_000, ties: 0},
		{name: "demo place", policy: def, actors: 60, ties: 120},
		{name: "5,000 actors, 15,000 ties", policy: def, actors: 5_000, ties: 15_000},
		{name: "exactly at the threshold", policy: def, actors: 10_000, ties: 10_000},
		{name: "one tie above the threshold", policy: def, actors: 10_000, ties: 10_001, wantApprox: true},
		// BarabasiAlbert(10000, 3): 29,991 ties.
		{name: "10k actors, 29,991 ties", policy: def, actors: 10_000, ties: 29_991, wantApprox: true},
		{name: "100k actors, 1M ties", policy: def, actors: 100_000, ties: 999_900, wantApprox: true},
		{name: "caps (200k actors, 2M ties) do not overflow", policy: def, actors: 200_000, ties: 2_000_000, wantApprox: true},
		{name: "tiny threshold", policy: service.ScalePolicy{Threshold: 10, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.2, Seed: 7}, actors: 4, ties: 3, wantApprox: true},
		{name: "negative threshold, one tie", policy: service.ScalePolicy{Threshold: -1, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.2}, actors: 2, ties: 1, wantApprox: true},
		{name: "negative threshold, no tie", policy: service.ScalePolicy{Threshold: -1, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.2}, actors: 2, ties: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.policy.Decide(tt.actors, tt.ties)
			if d.Approximate != tt.wantApprox {
				t.Fatalf("Decide(%d, %d).Approximate = %v, want %v", tt.actors, tt.ties, d.Approximate, tt.wantApprox)
			}
			var wantB, wantH analysis.ApproxOptions
			if tt.wantApprox {
				wantB = analysis.ApproxOptions{Epsilon: tt.policy.Epsilon, Delta: tt.policy.Delta, Seed: tt.policy.Seed}
				wantH = analysis.ApproxOptions{Epsilon: tt.policy.HarmonicEpsilon, Delta: tt.policy.Delta, Seed: tt.policy.Seed}
			}
			if d.Betweenness != wantB || d.Harmonic != wantH {
				t.Fatalf("Decide(%d, %d) options = %+v, %+v; want %+v, %+v", tt.actors, tt.ties, d.Betweenness, d.Harmonic, wantB, wantH)
			}
			for _, m := range analysis.Measures {
				wantM := tt.wantApprox && (m == analysis.Betweenness || m == analysis.Harmonic)
				if got := d.Estimates(m); got != wantM {
					t.Errorf("Decide(%d, %d).Estimates(%s) = %v, want %v", tt.actors, tt.ties, m, got, wantM)
				}
			}
		})
	}
	if def.Threshold != 100_000_000 || def.Epsilon != 0.02 || def.HarmonicEpsilon != 0.05 || def.Delta != 0.1 || def.Seed != 1 {
		t.Errorf("DefaultScalePolicy() = %+v, want threshold 1e8, ε 0.02 and 0.05, δ 0.1, seed 1", def)
	}
}

// scaleTestPolicy estimates every network of the scale tests: a tiny
// threshold; betweenness with ε = 0.05 so that the bound is tight enough
// to mean something on a few hundred actors, harmonic with ε = 0.1 so that
// it samples 235 of the 400 sources (k = ⌈a·n/(n−1+a)⌉ + 1,
// a = ln(2n/δ)/(2ε²); see analysis.ApproxHarmonic).
var scaleTestPolicy = service.ScalePolicy{Threshold: 1000, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.1, Seed: 1}

// generatedPlace imports a generated place of 400 actors (1,194 ties) and
// returns the counting store over it.
func generatedPlace(t *testing.T) *servicetest.CountingStore {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	if err := servicetest.ImportPlace(admin(context.Background()), st, servicetest.PlaceConfig{Actors: 400, TiesPerActor: 3, Seed: 3, BatchSize: 150}); err != nil {
		t.Fatalf("ImportPlace: %v", err)
	}
	return servicetest.NewCountingStore(st)
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// byID maps a centrality answer to scores by actor id.
func byID(scores []service.ActorScore) map[string]float64 {
	out := make(map[string]float64, len(scores))
	for _, s := range scores {
		out[s.Actor.ID()] = s.Score
	}
	return out
}

func TestLargeScopeEstimatesBetweenness(t *testing.T) {
	ctx := admin(context.Background())
	cs := generatedPlace(t)
	scope := store.Scope{PlaceID: servicetest.TownID}
	exact := service.New(cs, quietLogger())
	approx := service.New(cs, quietLogger(), service.WithScalePolicy(scaleTestPolicy))

	for _, weighted := range []bool{false, true} {
		want, err := exact.Centrality(ctx, scope, analysis.Betweenness, weighted)
		if err != nil {
			t.Fatalf("exact Centrality(weighted %v): %v", weighted, err)
		}
		if len(want) != 400 || want[0].Approximate || want[0].ErrorBound != nil {
			t.Fatalf("exact Centrality(weighted %v): %d actors, approximate %v, errorBound %v; want 400, false, nil", weighted, len(want), want[0].Approximate, want[0].ErrorBound)
		}
		got, err := approx.Centrality(ctx, scope, analysis.Betweenness, weighted)
		if err != nil {
			t.Fatalf("approximate Centrality(weighted %v): %v", weighted, err)
		}
		// ApproxResult.ErrorBound = ε·n/(n−2).
		bound := 0.05 * 400 / 398
		exactByID := byID(want)
		worst := 0.0
		for _, s := range got {
			if !s.Approximate || s.ErrorBound == nil || math.Abs(*s.ErrorBound-bound) > 1e-12 {
				t.Fatalf("Centrality(weighted %v) of %s: approximate %v, errorBound %v; want true, %v", weighted, s.Actor.ID(), s.Approximate, s.ErrorBound, bound)
			}
			worst = max(worst, math.Abs(s.Score-exactByID[s.Actor.ID()]))
		}
		if worst > bound {
			t.Errorf("Centrality(weighted %v): max |approx − exact| = %v, above the error bound %v", weighted, worst, bound)
		}
		if worst == 0 {
			t.Errorf("Centrality(weighted %v): estimate equals the exact answer; the approximate path was not taken", weighted)
		}
		t.Logf("weighted %v: max |approx − exact| = %.4f (bound %.4f), top exact %.4f", weighted, worst, bound, want[0].Score)
	}

	// The power report draws on the same estimate and says so.
	rep, err := approx.PowerConcentration(ctx, scope)
	if err != nil {
		t.Fatalf("PowerConcentration: %v", err)
	}
	if !rep.Approximate || rep.ErrorBound == nil || math.Abs(*rep.ErrorBound-0.05*400/398) > 1e-12 {
		t.Errorf("PowerConcentration: approximate %v, errorBound %v; want true, %v", rep.Approximate, rep.ErrorBound, 0.05*400/398)
	}
	exactRep, err := exact.PowerConcentration(ctx, scope)
	if err != nil {
		t.Fatalf("exact PowerConcentration: %v", err)
	}
	if exactRep.Approximate || exactRep.ErrorBound != nil {
		t.Errorf("exact PowerConcentration: approximate %v, errorBound %v; want false, nil", exactRep.Approximate, exactRep.ErrorBound)
	}
	// PageRank stays exact: its Gini is the same either way.
	if rep.PageRankGini != exactRep.PageRankGini {
		t.Errorf("PowerConcentration: pageRankGini %v approximate, %v exact; want equal", rep.PageRankGini, exactRep.PageRankGini)
	}
	// Other measures are never estimated.
	pr, err := approx.Centrality(ctx, scope, analysis.PageRank, false)
	if err != nil {
		t.Fatalf("Centrality(PAGERANK): %v", err)
	}
	if pr[0].Approximate || pr[0].ErrorBound != nil {
		t.Errorf("Centrality(PAGERANK): approximate %v, errorBound %v; want false, nil", pr[0].Approximate, pr[0].ErrorBound)
	}
}

func TestLargeScopeEstimateIsDeterministicAndCached(t *testing.T) {
	ctx := admin(context.Background())
	cs := generatedPlace(t)
	scope := store.Scope{PlaceID: servicetest.TownID}
	first := service.New(cs, quietLogger(), service.WithScalePolicy(scaleTestPolicy))
	a, err := first.Centrality(ctx, scope, analysis.Betweenness, false)
	if err != nil {
		t.Fatalf("Centrality: %v", err)
	}
	snapshots := cs.Calls("Network")
	again, err := first.Centrality(ctx, scope, analysis.Betweenness, false)
	if err != nil {
		t.Fatalf("Centrality again: %v", err)
	}
	if &again[0] != &a[0] || cs.Calls("Network") != snapshots {
		t.Errorf("Centrality again: recomputed (%d snapshots, want %d), want the cached answer", cs.Calls("Network"), snapshots)
	}
	// The power report reuses the cached estimate and network: no snapshot.
	if _, err := first.PowerConcentration(ctx, scope); err != nil {
		t.Fatalf("PowerConcentration: %v", err)
	}
	if cs.Calls("Network") != snapshots {
		t.Errorf("PowerConcentration after Centrality took %d snapshots, want 0", cs.Calls("Network")-snapshots)
	}

	// A fresh service (empty cache) gives the same estimate bit for bit.
	second := service.New(cs, quietLogger(), service.WithScalePolicy(scaleTestPolicy))
	b, err := second.Centrality(ctx, scope, analysis.Betweenness, false)
	if err != nil {
		t.Fatalf("Centrality on a fresh service: %v", err)
	}
	if len(a) != len(b) {
		t.Fatalf("Centrality on a fresh service: %d actors, want %d", len(b), len(a))
	}
	for i := range a {
		if a[i].Actor.ID() != b[i].Actor.ID() || a[i].Score != b[i].Score || a[i].Rank != b[i].Rank {
			t.Fatalf("Centrality on a fresh service [%d] = %s %v #%d, want %s %v #%d", i, b[i].Actor.ID(), b[i].Score, b[i].Rank, a[i].Actor.ID(), a[i].Score, a[i].Rank)
		}
	}
}

func TestLargeScopeEstimatesHarmonic(t *testing.T) {
	ctx := admin(context.Background())
	cs := generatedPlace(t)
	scope := store.Scope{PlaceID: servicetest.TownID}
	exact := service.New(cs, quietLogger())
	approx := service.New(cs, quietLogger(), service.WithScalePolicy(scaleTestPolicy))

	for _, weighted := range []bool{false, true} {
		want, err := exact.Centrality(ctx, scope, analysis.Harmonic, weighted)
		if err != nil {
			t.Fatalf("exact Centrality(HARMONIC, weighted %v): %v", weighted, err)
		}
		if want[0].Approximate || want[0].ErrorBound != nil {
			t.Fatalf("exact Centrality(HARMONIC, weighted %v): approximate %v, errorBound %v; want false, nil", weighted, want[0].Approximate, want[0].ErrorBound)
		}
		got, err := approx.Centrality(ctx, scope, analysis.Harmonic, weighted)
		if err != nil {
			t.Fatalf("approximate Centrality(HARMONIC, weighted %v): %v", weighted, err)
		}
		// ApproxResult.ErrorBound = ε·R·(n−1), R = 1 unweighted and the
		// largest strength (5, servicetest.GeneratePlace) weighted.
		bound := 0.1 * 399
		if weighted {
			bound *= 5
		}
		exactByID := byID(want)
		worst := 0.0
		for _, s := range got {
			if !s.Approximate || s.ErrorBound == nil || math.Abs(*s.ErrorBound-bound) > 1e-9 {
				t.Fatalf("Centrality(HARMONIC, weighted %v) of %s: approximate %v, errorBound %v; want true, %v", weighted, s.Actor.ID(), s.Approximate, s.ErrorBound, bound)
			}
			worst = max(worst, math.Abs(s.Score-exactByID[s.Actor.ID()]))
		}
		if worst > bound || worst == 0 {
			t.Errorf("Centrality(HARMONIC, weighted %v): max |approx − exact| = %v, want in (0, %v]", weighted, worst, bound)
		}
		t.Logf("weighted %v: max |approx − exact| = %.2f (bound %.2f), top exact %.2f", weighted, worst, bound, want[0].Score)
	}

	// The unheard voices use the estimate for PERIPHERAL and say so.
	for _, tc := range []struct {
		name string
		svc  *service.Service
		want bool
	}{{"exact", exact, false}, {"approximate", approx, true}} {
		vs, err := tc.svc.UnheardVoices(ctx, scope, service.VoiceFilter{First: 50})
		if err != nil {
			t.Fatalf("%s UnheardVoices: %v", tc.name, err)
		}
		if len(vs) == 0 {
			t.Fatalf("%s UnheardVoices: none, want some on the generated place", tc.name)
		}
		for _, v := range vs {
			if v.Approximate != tc.want {
				t.Fatalf("%s UnheardVoices: %s approximate %v, want %v", tc.name, v.Person.ID, v.Approximate, tc.want)
			}
		}
	}
}
