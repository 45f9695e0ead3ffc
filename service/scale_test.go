package service_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// TestScalePolicyDecide checks the default policy's decisions against
// the cost model on the sizes the issue names: exact betweenness at
// 10,000 actors and 30,000 ties (the exact kernel takes about 2.4 s
// there), estimated at 100,000 and a million; exact closeness and
// harmonic centrality at 100,000 and a million unweighted (the
// bit-parallel all-sources search); weighted closeness with mixed
// strengths refused there (no estimator, above the cap), exact when the
// strengths are all equal; and the requests for exact values or an ε.
func TestScalePolicyDecide(t *testing.T) {
	t.Parallel()
	def := service.DefaultScalePolicy()
	type want struct {
		estimate bool
		eps      float64
		refused  bool
	}
	exact := want{}
	small := service.NetworkShape{Actors: 60, Ties: 120}
	tenK := service.NetworkShape{Actors: 10_000, Ties: 29_991}
	hundredK := service.NetworkShape{Actors: 100_000, Ties: 999_900}
	hundredKUniform := service.NetworkShape{Actors: 100_000, Ties: 999_900, Uniform: true}
	tests := []struct {
		name     string
		policy   service.ScalePolicy
		measure  analysis.Measure
		weighted bool
		shape    service.NetworkShape
		acc      service.Accuracy
		want     want
	}{
		{"empty network", def, analysis.Betweenness, false, service.NetworkShape{}, service.Accuracy{}, exact},
		{"no ties", def, analysis.Harmonic, false, service.NetworkShape{Actors: 150_000}, service.Accuracy{}, exact},
		{"demo place", def, analysis.Betweenness, false, small, service.Accuracy{}, exact},
		{"10k/30k betweenness", def, analysis.Betweenness, false, tenK, service.Accuracy{}, exact},
		{"10k/30k weighted betweenness (about 14 s)", def, analysis.Betweenness, true, tenK, service.Accuracy{}, exact},
		{"30k/90k betweenness", def, analysis.Betweenness, false, service.NetworkShape{Actors: 30_000, Ties: 89_991}, service.Accuracy{}, want{estimate: true, eps: 0.02}},
		{"10k/30k weighted closeness", def, analysis.Closeness, true, tenK, service.Accuracy{}, exact},
		{"100k/1M betweenness", def, analysis.Betweenness, false, hundredK, service.Accuracy{}, want{estimate: true, eps: 0.02}},
		{"100k/1M closeness", def, analysis.Closeness, false, hundredK, service.Accuracy{}, exact},
		{"100k/1M harmonic", def, analysis.Harmonic, false, hundredK, service.Accuracy{}, exact},
		{"100k/1M weighted harmonic", def, analysis.Harmonic, true, hundredK, service.Accuracy{}, want{estimate: true, eps: 0.05}},
		{"100k/1M weighted betweenness: even the estimate is too costly", def, analysis.Betweenness, true, hundredK, service.Accuracy{}, want{refused: true}},
		{"100k/1M weighted closeness", def, analysis.Closeness, true, hundredK, service.Accuracy{}, want{refused: true}},
		{"100k/1M weighted closeness, one strength", def, analysis.Closeness, true, hundredKUniform, service.Accuracy{}, exact},
		{"100k/1M pagerank", def, analysis.PageRank, false, hundredK, service.Accuracy{}, exact},
		{"100k/1M exact betweenness asked", def, analysis.Betweenness, false, hundredK, service.Accuracy{Exact: true}, want{refused: true}},
		{"10k/30k exact weighted betweenness asked", def, analysis.Betweenness, true, tenK, service.Accuracy{Exact: true}, exact},
		{"100k/1M betweenness with epsilon 0.01", def, analysis.Betweenness, false, hundredK, service.Accuracy{Epsilon: 0.01}, want{estimate: true, eps: 0.01}},
		{"10k/30k betweenness with epsilon 0.05", def, analysis.Betweenness, false, tenK, service.Accuracy{Epsilon: 0.05}, want{estimate: true, eps: 0.05}},
		{"demo place harmonic with epsilon: exact is cheaper", def, analysis.Harmonic, false, small, service.Accuracy{Epsilon: 0.05}, exact},
		{"100k/1M betweenness with a tiny epsilon", def, analysis.Betweenness, false, hundredK, service.Accuracy{Epsilon: 0.0005}, want{refused: true}},
		{"closeness ignores epsilon", def, analysis.Closeness, false, tenK, service.Accuracy{Epsilon: 0.1}, exact},
		{"negative budget estimates", service.ScalePolicy{Budget: -1, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.2}, analysis.Harmonic, false, small, service.Accuracy{}, want{estimate: true, eps: 0.1}},
		{"negative budget, closeness exact", service.ScalePolicy{Budget: -1, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.2}, analysis.Closeness, false, small, service.Accuracy{}, exact},
		{"negative budget, no tie", service.ScalePolicy{Budget: -1, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.2}, analysis.Betweenness, false, service.NetworkShape{Actors: 2}, service.Accuracy{}, exact},
		{"exact and epsilon", def, analysis.Betweenness, false, small, service.Accuracy{Exact: true, Epsilon: 0.1}, want{refused: true}},
		{"epsilon 1", def, analysis.Betweenness, false, small, service.Accuracy{Epsilon: 1}, want{refused: true}},
		{"epsilon negative", def, analysis.Betweenness, false, small, service.Accuracy{Epsilon: -0.1}, want{refused: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.policy.Decide(tt.measure, tt.weighted, tt.shape, tt.acc)
			if tt.want.refused {
				if store.ErrorCode(err) != store.EINVALID {
					t.Fatalf("Decide(%s, %+v, %+v) error = %v, want EINVALID", tt.measure, tt.shape, tt.acc, err)
				}
				t.Logf("refused: %v", err)
				return
			}
			if err != nil {
				t.Fatalf("Decide(%s, %+v, %+v): %v", tt.measure, tt.shape, tt.acc, err)
			}
			if d.Estimate != tt.want.estimate || d.Estimate && (d.Options.Epsilon != tt.want.eps || d.Options.Weighted != tt.weighted || d.Options.Delta != tt.policy.Delta) {
				t.Fatalf("Decide(%s, weighted %v, %+v, %+v) = %+v, want estimate %v with ε %v", tt.measure, tt.weighted, tt.shape, tt.acc, d, tt.want.estimate, tt.want.eps)
			}
			if !d.Estimate && d.Cost != service.ExactCost(tt.measure, tt.weighted, tt.shape) {
				t.Errorf("Decide(%s, %+v).Cost = %v, want ExactCost %v", tt.measure, tt.shape, d.Cost, service.ExactCost(tt.measure, tt.weighted, tt.shape))
			}
			t.Logf("cost %v", d.Cost)
		})
	}
	if def.Budget != 15*time.Second || def.ExactCap != time.Minute || def.Epsilon != 0.02 || def.HarmonicEpsilon != 0.05 || def.Delta != 0.1 || def.Seed != 1 {
		t.Errorf("DefaultScalePolicy() = %+v, want budget 15 s, cap 1 min, ε 0.02 and 0.05, δ 0.1, seed 1", def)
	}
}

// TestExactCostCalibration pins the cost model to the figures measured on
// the reference machine (BENCHMARKS.md, scripts/bench/kernels.sh): within
// a factor of two of exact betweenness at 10,000 actors and 29,991 ties
// (2.2–2.4 s quiet), exact closeness at 100,000 and 999,900 (23.6 s of CPU
// over the 2 workers) and weighted closeness with strengths 1..5 at 10,000
// (0.67 ms of CPU per source over the 2 workers).
func TestExactCostCalibration(t *testing.T) {
	t.Parallel()
	tenK := service.NetworkShape{Actors: 10_000, Ties: 29_991}
	hundredK := service.NetworkShape{Actors: 100_000, Ties: 999_900}
	tests := []struct {
		name     string
		measure  analysis.Measure
		weighted bool
		shape    service.NetworkShape
		measured time.Duration
	}{
		{"betweenness 10k", analysis.Betweenness, false, tenK, 2300 * time.Millisecond},
		{"closeness 100k", analysis.Closeness, false, hundredK, 11800 * time.Millisecond},
		{"weighted closeness 10k", analysis.Closeness, true, tenK, 3350 * time.Millisecond},
	}
	for _, tt := range tests {
		got := service.ExactCost(tt.measure, tt.weighted, tt.shape)
		if got < tt.measured/2 || got > tt.measured*2 {
			t.Errorf("ExactCost(%s) = %v, want within 2× of the measured %v", tt.name, got, tt.measured)
		}
	}
}

// scaleTestPolicy estimates every network of the scale tests: a negative
// budget; betweenness with ε = 0.05 so that the bound is tight enough
// to mean something on a few hundred actors, harmonic with ε = 0.1 so that
// it samples 235 of the 400 sources (k = ⌈a·n/(n−1+a)⌉ + 1,
// a = ln(2n/δ)/(2ε²); see analysis.ApproxHarmonic).
var scaleTestPolicy = service.ScalePolicy{Budget: -1, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.1, Seed: 1}

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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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

// TestAccuracyRequests asks for exact values and for an ε on the generated
// place (400 actors, 1,194 ties) under a policy that would estimate, and
// under the default one.
func TestAccuracyRequests(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	cs := generatedPlace(t)
	scope := store.Scope{PlaceID: servicetest.TownID}
	def := service.New(cs, quietLogger())
	approx := service.New(cs, quietLogger(), service.WithScalePolicy(scaleTestPolicy))
	capped := scaleTestPolicy
	capped.ExactCap = time.Nanosecond
	tight := service.New(cs, quietLogger(), service.WithScalePolicy(capped))

	want, err := def.Centrality(ctx, scope, analysis.Betweenness, false)
	if err != nil || want[0].Approximate {
		t.Fatalf("default Centrality(BETWEENNESS): approximate %v, %v; want exact", want[0].Approximate, err)
	}
	// Exact asked of a policy that would estimate: NetworkX's values.
	got, err := approx.Centrality(ctx, scope, analysis.Betweenness, false, service.Accuracy{Exact: true})
	if err != nil {
		t.Fatalf("Centrality(BETWEENNESS, exact): %v", err)
	}
	exactByID := byID(want)
	for _, s := range got {
		if s.Approximate || s.ErrorBound != nil || s.Score != exactByID[s.Actor.ID()] {
			t.Fatalf("Centrality(BETWEENNESS, exact) of %s = %v (approximate %v), want %v exact", s.Actor.ID(), s.Score, s.Approximate, exactByID[s.Actor.ID()])
		}
	}
	// The default policy answers exactly: asking for exact values again
	// reads the same cached answer.
	again, err := def.Centrality(ctx, scope, analysis.Betweenness, false, service.Accuracy{Exact: true})
	if err != nil || &again[0] != &want[0] {
		t.Errorf("Centrality(BETWEENNESS, exact) after the policy's exact answer: recomputed (%v), want the cached answer", err)
	}
	// An ε asked of the default policy: an estimate with that bound.
	est, err := def.Centrality(ctx, scope, analysis.Betweenness, false, service.Accuracy{Epsilon: 0.05})
	if err != nil {
		t.Fatalf("Centrality(BETWEENNESS, ε 0.05): %v", err)
	}
	if bound := 0.05 * 400 / 398; !est[0].Approximate || est[0].ErrorBound == nil || math.Abs(*est[0].ErrorBound-bound) > 1e-12 {
		t.Errorf("Centrality(BETWEENNESS, ε 0.05): approximate %v, errorBound %v; want true, %v", est[0].Approximate, est[0].ErrorBound, bound)
	}
	// The power report and the unheard voices follow the accuracy asked.
	rep, err := approx.PowerConcentration(ctx, scope, service.Accuracy{Exact: true})
	if err != nil || rep.Approximate || rep.ErrorBound != nil {
		t.Errorf("PowerConcentration(exact): approximate %v, errorBound %v, %v; want exact", rep.Approximate, rep.ErrorBound, err)
	}
	if rep, err := approx.PowerConcentration(ctx, scope); err != nil || !rep.Approximate {
		t.Errorf("PowerConcentration(policy): approximate %v, %v; want estimated (the exact request is cached apart)", rep.Approximate, err)
	}
	vs, err := approx.UnheardVoices(ctx, scope, service.VoiceFilter{First: 5}, service.Accuracy{Exact: true})
	if err != nil || len(vs) == 0 || vs[0].Approximate {
		t.Errorf("UnheardVoices(exact): %d voices, %v; want exact ones", len(vs), err)
	}
	// Refusals, all EINVALID: above the cap, both at once, ε out of range,
	// two accuracies.
	for _, tc := range []struct {
		name string
		svc  *service.Service
		m    analysis.Measure
		acc  []service.Accuracy
	}{
		{"exact above the cap", tight, analysis.Betweenness, []service.Accuracy{{Exact: true}}},
		{"closeness above the cap", tight, analysis.Closeness, nil},
		{"exact and epsilon", def, analysis.Harmonic, []service.Accuracy{{Exact: true, Epsilon: 0.1}}},
		{"epsilon 2", def, analysis.Harmonic, []service.Accuracy{{Epsilon: 2}}},
		{"two accuracies", def, analysis.Harmonic, []service.Accuracy{{Exact: true}, {Epsilon: 0.1}}},
	} {
		if _, err := tc.svc.Centrality(ctx, scope, tc.m, false, tc.acc...); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("Centrality(%s) error = %v, want EINVALID", tc.name, err)
		}
	}
	// PageRank ignores the accuracy: always exact, one cache entry.
	pr, err := def.Centrality(ctx, scope, analysis.PageRank, false)
	if err != nil {
		t.Fatal(err)
	}
	if pr2, err := def.Centrality(ctx, scope, analysis.PageRank, false, service.Accuracy{Epsilon: 0.1}); err != nil || &pr2[0] != &pr[0] {
		t.Errorf("Centrality(PAGERANK, ε) recomputed (%v), want the cached exact answer", err)
	}
}

// TestCentralityProgress checks that a centrality computed by the service
// reports its progress to the function of analysis.WithProgress in the
// caller's context, ending at its total, and stops when cancelled.
func TestCentralityProgress(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	cs := generatedPlace(t)
	scope := store.Scope{PlaceID: servicetest.TownID}
	svc := service.New(cs, quietLogger())
	var mu sync.Mutex
	var last, total int64
	calls := 0
	pctx := analysis.WithProgress(ctx, func(done, all int64) {
		mu.Lock()
		defer mu.Unlock()
		last, total = done, all
		calls++
	})
	if _, err := svc.Centrality(pctx, scope, analysis.Betweenness, true); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if calls == 0 || last != total || total != 400 {
		t.Errorf("Centrality(weighted BETWEENNESS) progress: %d calls, last %d of %d; want calls ending at 400 of 400 sources", calls, last, total)
	}
	mu.Unlock()
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := svc.Centrality(cctx, scope, analysis.Closeness, true); !errors.Is(err, context.Canceled) {
		t.Errorf("Centrality(cancelled) error = %v, want context.Canceled", err)
	}
}
