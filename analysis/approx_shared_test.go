package analysis_test

import (
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// estimators are the sampling estimators that share the determinism
// contract: a seed gives the same estimates bit for bit whatever GOMAXPROCS
// is, and another seed draws other samples.
var estimators = []struct {
	name    string
	epsilon float64
	run     func(context.Context, *analysis.Graph, analysis.ApproxOptions) (analysis.ApproxResult, error)
}{
	{"ApproxBetweenness", 0.02, analysis.ApproxBetweenness},
	{"ApproxHarmonic", 0.1, analysis.ApproxHarmonic},
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
