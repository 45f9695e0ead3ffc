package analysis_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// estimators are the sampling estimators that share the determinism
// contract: a seed gives the same estimates bit for bit whatever GOMAXPROCS
// is, and another seed draws other samples.
// tooSmall is an ε whose sample size an estimator refuses, or 0.
var estimators = []struct {
	name     string
	epsilon  float64
	tooSmall float64
	run      func(context.Context, *analysis.Graph, analysis.ApproxOptions) (analysis.ApproxResult, error)
}{
	// Path of 4: VD = 4, so 0.5/1e-8 · (1 + 1 + ln 10) ≈ 2.15e8 > MaxApproxSamples.
	{"ApproxBetweenness", 0.02, 1e-4, analysis.ApproxBetweenness},
	{"ApproxHarmonic", 0.1, 0, analysis.ApproxHarmonic},
}

// TestApproxInvalid checks that each estimator rejects ε and δ outside
// (0, 1), and an ε needing more than MaxApproxSamples samples, with an
// error wrapping ErrInvalid.
func TestApproxInvalid(t *testing.T) {
	g := mustGraph(t, 4, unit([2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}))
	tests := []struct {
		name       string
		eps, delta float64
	}{
		{"epsilon 0", 0, 0.1},
		{"epsilon 1", 1, 0.1},
		{"epsilon negative", -0.1, 0.1},
		{"epsilon NaN", math.NaN(), 0.1},
		{"epsilon +Inf", math.Inf(1), 0.1},
		{"delta 0", 0.1, 0},
		{"delta 1", 0.1, 1},
		{"delta NaN", 0.1, math.NaN()},
		{"delta +Inf", 0.1, math.Inf(1)},
	}
	for _, est := range estimators {
		cases := tests
		if est.tooSmall > 0 {
			cases = append(slices.Clone(tests), struct {
				name       string
				eps, delta float64
			}{"epsilon too small", est.tooSmall, 0.1})
		}
		for _, tc := range cases {
			t.Run(est.name+"/"+tc.name, func(t *testing.T) {
				_, err := est.run(context.Background(), g, analysis.ApproxOptions{Epsilon: tc.eps, Delta: tc.delta})
				if !errors.Is(err, analysis.ErrInvalid) {
					t.Errorf("%s(ε=%v, δ=%v) error = %v, want ErrInvalid", est.name, tc.eps, tc.delta, err)
				}
			})
		}
	}
}

// TestApproxDeterministic checks the determinism contract of each
// estimator on a 2,000-node Barabási–Albert graph, unweighted and with
// strengths 1..5.
func TestApproxDeterministic(t *testing.T) {
	edges := analysis.BarabasiAlbert(2000, 3, 7)
	rnd := rand.New(rand.NewPCG(7, 7))
	for i := range edges {
		edges[i].Weight = float64(1 + rnd.IntN(5))
	}
	g := mustGraph(t, 2000, edges)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, est := range estimators {
		for _, weighted := range []bool{false, true} {
			t.Run(est.name+"/"+weightedName(weighted), func(t *testing.T) {
				opt := analysis.ApproxOptions{Epsilon: est.epsilon, Delta: 0.1, Seed: 11, Weighted: weighted}
				var want analysis.ApproxResult
				for i, procs := range []int{1, 2, 3, 8} {
					runtime.GOMAXPROCS(procs)
					got, err := est.run(context.Background(), g, opt)
					if err != nil {
						t.Fatalf("%s(ba2000, GOMAXPROCS=%d): %v", est.name, procs, err)
					}
					if i == 0 {
						want = got
						continue
					}
					if !slices.Equal(got.Scores, want.Scores) || got.Samples != want.Samples || got.ErrorBound != want.ErrorBound {
						t.Errorf("%s(ba2000, GOMAXPROCS=%d) differs from GOMAXPROCS=1", est.name, procs)
					}
				}
				opt.Seed = 12
				other, err := est.run(context.Background(), g, opt)
				if err != nil {
					t.Fatal(err)
				}
				if slices.Equal(other.Scores, want.Scores) {
					t.Errorf("%s(ba2000) gives the same estimates for seeds 11 and 12", est.name)
				}
			})
		}
	}
}
