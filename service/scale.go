package service

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/store"
)

// Defaults of the scale policy (DefaultScalePolicy).
//
// Betweenness, closeness and harmonic centrality cost, exactly, one search
// per actor: O(n·m) for n actors and m ties. The policy decides on the
// estimated cost of the exact answer (ExactCost, a model calibrated on the
// kernels of package analysis, see costModel), not on n·m alone:
//
//   - up to DefaultScaleBudget (15 s) a measure is computed exactly. That
//     covers exact betweenness up to about 25,000 actors and 75,000 ties
//     (2.5 s at 10,000 and 30,000) and exact closeness and harmonic
//     centrality, unweighted, up to and beyond 100,000 actors and a
//     million ties (about 11 s there, by the bit-parallel all-sources
//     search);
//   - above it betweenness is estimated with ε = DefaultScaleEpsilon
//     (analysis.ApproxBetweenness: every estimate within ε·n/(n−2) of
//     NetworkX's normalised value) and harmonic centrality with
//     ε = DefaultHarmonicEpsilon (analysis.ApproxHarmonic: every estimate
//     within ε·(n−1)·R, R = 1 unweighted or the largest tie strength
//     weighted, that is within ε of the largest possible value), both with
//     δ = DefaultScaleDelta: with probability at least 1 − δ every
//     estimate is within its bound at once. The seed is fixed, so an
//     estimate is the same on every run and is cached like an exact answer;
//   - closeness has no estimator: it is computed exactly up to the cap
//     (DefaultExactCap, 60 s, which fits a GraphQL request's deadline), and
//     above the cap it is refused with EINVALID. Unweighted, that never
//     happens within the analysis caps (MaxAnalysisActors: about 50 s at
//     200,000 actors and 2 million ties); weighted with mixed tie
//     strengths (one Dijkstra search per actor) it is refused beyond
//     n·(n + 2m) ≈ 1.2e10, about 40,000 actors with 120,000 ties or
//     24,000 with 240,000.
//
// A caller may ask for exact values, or for an ε, on any scope whose cost
// is within the cap (Accuracy); the command line raises the cap
// (voicemap report -max-exact).
const (
	DefaultScaleBudget     = 15 * time.Second
	DefaultExactCap        = 60 * time.Second
	DefaultScaleEpsilon    = 0.02
	DefaultHarmonicEpsilon = 0.05
	DefaultScaleDelta      = 0.1
	DefaultScaleSeed       = int64(1)
)

// costModel holds the constants of ExactCost and EstimateCost: seconds of
// one core of the reference machine (the 2-core build machine of
// BENCHMARKS.md, an AMD EPYC KVM guest) per unit of work, measured there
// on Barabási–Albert graphs by the kernels' benchmarks (scripts/bench/kernels.sh
// prints the model's figure beside each measured one), and the workers
// the kernels run on there. With a := n + 2m (nodes plus arcs):
//
//	betweenness, breadth-first   7e-9  per source × a
//	betweenness, Dijkstra        3e-9  per source × a × log₂ n
//	closeness and harmonic, BFS  3e-8  per batch of 256 sources × a
//	closeness and harmonic, Dijkstra (distances only, radix heap)
//	                             1e-8  per source × a
//	one sampled shortest path    3e-8  × √a (balanced bidirectional BFS)
//
// "Dijkstra" is weighted with mixed tie strengths; weighted with one
// strength everywhere the breadth-first kernels run. The workers are fixed
// at the reference machine's 2 rather than read from GOMAXPROCS so that
// every machine makes the same decisions, and so gives the same answers.
var costModel = struct {
	brandesBFS, brandesDijkstra, allSourcesBFS, dijkstraDistances, pathSample float64
	workers                                                                   float64
}{7e-9, 3e-9, 3e-8, 1e-8, 3e-8, 2}

// ScalePolicy is the one place that decides, from the estimated cost of a
// scope's network, whether the centralities whose exact cost grows as n·m
// (BETWEENNESS, CLOSENESS and HARMONIC, and so the power report's
// betweenness indices and the PERIPHERAL reason of the unheard voices and
// recommendations) are computed exactly or estimated (see Decide).
// Degree, PageRank, eigenvector, coreness and the Louvain communities are
// always exact.
type ScalePolicy struct {
	// Budget: a measure is computed exactly when ExactCost says it takes
	// at most Budget; above it, estimated where an estimator exists. A
	// negative Budget estimates every network with at least one tie.
	Budget time.Duration
	// ExactCap is the most an answer may cost: exact values asked for
	// (Accuracy.Exact), an ε asked for, and closeness, which has no
	// estimator, are refused with EINVALID above it. The cap is never
	// below Budget; 0 means DefaultExactCap.
	ExactCap time.Duration
	// Epsilon and HarmonicEpsilon are the default ε of betweenness and
	// harmonic centrality; Delta and Seed are shared (analysis.ApproxOptions).
	Epsilon, HarmonicEpsilon, Delta float64
	Seed                            int64
}

// DefaultScalePolicy returns the policy a Service uses unless told
// otherwise: exact within a budget of 15 s of estimated cost and a cap of
// 60 s, betweenness estimated with ε = 0.02 and harmonic centrality with
// ε = 0.05 above the budget, δ = 0.1, seed 1.
func DefaultScalePolicy() ScalePolicy {
	return ScalePolicy{Budget: DefaultScaleBudget, ExactCap: DefaultExactCap, Epsilon: DefaultScaleEpsilon,
		HarmonicEpsilon: DefaultHarmonicEpsilon, Delta: DefaultScaleDelta, Seed: DefaultScaleSeed}
}

// Accuracy is how exactly a caller wants the measures whose exact cost
// grows as n·m. The zero value lets the scale policy decide.
type Accuracy struct {
	// Exact asks for exact values on any scope whose exact cost is within
	// ScalePolicy.ExactCap.
	Exact bool
	// Epsilon, between 0 and 1 exclusive, asks for estimates with this ε
	// (as analysis.ApproxBetweenness and ApproxHarmonic define it) where
	// sampling is cheaper than the exact answer, and exact values where
	// it is not. Closeness, which has no estimator, ignores it.
	Epsilon float64
}

// validate returns EINVALID for Exact and Epsilon together or an ε outside
// (0, 1).
func (a Accuracy) validate() error {
	switch {
	case a.Exact && a.Epsilon != 0:
		return store.Errorf(store.EINVALID, "ask for exact values or for an epsilon, not both")
	case a.Epsilon != 0 && !(a.Epsilon > 0 && a.Epsilon < 1):
		return store.Errorf(store.EINVALID, "epsilon must be between 0 and 1 exclusive, got %v", a.Epsilon)
	}
	return nil
}

// suffix is the accuracy's part of a cache key: empty when the policy
// decides.
func (a Accuracy) suffix() string {
	switch {
	case a.Exact:
		return "/exact"
	case a.Epsilon > 0:
		return fmt.Sprintf("/eps=%g", a.Epsilon)
	}
	return ""
}

// oneAccuracy returns the accuracy of a variadic argument: the zero value
// for none, EINVALID for more than one or an invalid one.
func oneAccuracy(acc []Accuracy) (Accuracy, error) {
	switch len(acc) {
	case 0:
		return Accuracy{}, nil
	case 1:
		return acc[0], acc[0].validate()
	}
	return Accuracy{}, store.Errorf(store.EINVALID, "at most one accuracy, got %d", len(acc))
}

// NetworkShape is what the cost model reads of a network: its actors, its
// ties (distinct tied pairs) and whether every tie has the same strength
// (analysis.Graph.UniformStrength: weighted path measures then cost what
// unweighted ones do).
type NetworkShape struct {
	Actors, Ties int
	Uniform      bool
}

func shapeOf(g *analysis.Graph) NetworkShape {
	return NetworkShape{Actors: g.Order(), Ties: g.Size(), Uniform: g.UniformStrength()}
}

// costly reports whether measure m is one the policy decides on.
func costly(m analysis.Measure) bool {
	return m == analysis.Betweenness || m == analysis.Closeness || m == analysis.Harmonic
}

// seconds turns seconds of one core into wall time on the reference
// machine's workers.
func seconds(s float64) time.Duration {
	return time.Duration(s / costModel.workers * float64(time.Second))
}

// ExactCost returns the cost model's estimate (see costModel) of the wall
// time of the exact measure m on a network of the given shape, weighted
// or not, on the reference machine; 0 for the measures that cost O(n + m)
// or about (degree, PageRank, eigenvector, coreness).
func ExactCost(m analysis.Measure, weighted bool, shape NetworkShape) time.Duration {
	n := float64(shape.Actors)
	a := n + 2*float64(shape.Ties)
	dijkstra := weighted && !shape.Uniform
	switch m {
	case analysis.Betweenness:
		if dijkstra {
			return seconds(costModel.brandesDijkstra * n * a * log2(n))
		}
		return seconds(costModel.brandesBFS * n * a)
	case analysis.Closeness, analysis.Harmonic:
		if dijkstra {
			return seconds(costModel.dijkstraDistances * n * a)
		}
		return seconds(costModel.allSourcesBFS * batches(n) * a)
	}
	return 0
}

// EstimateCost returns the cost model's estimate of the wall time of
// estimating m (BETWEENNESS or HARMONIC) with ε = eps and δ = delta, and
// whether sampling would be used at all (false when the estimator would
// compute the exact values, which ExactCost then prices). The vertex
// diameter, unknown before a search, is taken to be 2⌈log₂ n⌉ + 1, a
// small-world graph's.
func EstimateCost(m analysis.Measure, weighted bool, shape NetworkShape, eps, delta float64) (time.Duration, bool) {
	n := float64(shape.Actors)
	a := n + 2*float64(shape.Ties)
	dijkstra := weighted && !shape.Uniform
	switch m {
	case analysis.Betweenness:
		r, err := analysis.BetweennessSamples(eps, delta, 2*int(log2(n)+1)+1)
		if err != nil {
			return 0, false // more samples than allowed: exact instead
		}
		if dijkstra {
			// One Dijkstra search per distinct source drawn.
			return seconds(costModel.brandesDijkstra * min(float64(r), n) * a * log2(n)), true
		}
		return seconds(costModel.pathSample*float64(r)*sqrt(a) + costModel.brandesBFS*a), true
	case analysis.Harmonic:
		k := analysis.HarmonicSources(eps, delta, shape.Actors)
		if k >= shape.Actors {
			return 0, false
		}
		if dijkstra {
			return seconds(costModel.dijkstraDistances * float64(k) * a), true
		}
		return seconds(costModel.allSourcesBFS * batches(float64(k)) * a), true
	}
	return 0, false
}

// ScaleDecision is the policy's verdict on one measure of one network.
type ScaleDecision struct {
	// Estimate is true when the measure is to be estimated with Options
	// (Weighted set as asked), false when it is computed exactly.
	Estimate bool
	Options  analysis.ApproxOptions
	// Cost is the cost model's estimate of the wall time of what will run.
	Cost time.Duration
}

// Decide returns how measure m of a network of the given shape is to be
// computed for a caller asking for acc. It is a pure function of its
// arguments and the policy; see DefaultScaleBudget for what the default
// policy decides. Measures other than BETWEENNESS, CLOSENESS and HARMONIC
// are always exact. Errors (EINVALID): an invalid acc; an answer whose
// estimated cost is above ExactCap, be it exact values asked for, an
// estimate (asked for, or the policy's own: weighted betweenness with mixed
// strengths at 100,000 actors and a million ties takes minutes even
// sampled), or closeness, which has no estimator. The messages give the
// estimated cost and the cap.
func (p ScalePolicy) Decide(m analysis.Measure, weighted bool, shape NetworkShape, acc Accuracy) (ScaleDecision, error) {
	if err := acc.validate(); err != nil {
		return ScaleDecision{}, err
	}
	exact := ScaleDecision{Cost: ExactCost(m, weighted, shape)}
	if !costly(m) || shape.Ties == 0 {
		return exact, nil
	}
	limit := p.ExactCap
	if limit <= 0 {
		limit = DefaultExactCap
	}
	limit = max(limit, p.Budget)
	estimable := m != analysis.Closeness
	tooCostly := func(what string, cost time.Duration) error {
		hint := "ask for an estimate (a larger epsilon), a smaller place or an earlier date"
		if !estimable {
			hint = "closeness has no estimator: ask for unweighted closeness or harmonic centrality, or a smaller place"
		}
		return store.Errorf(store.EINVALID, "%s of %s on this scope (%d actors, %d ties) would take about %s, above the cap of %s; %s",
			what, measureName(m, weighted), shape.Actors, shape.Ties, roundCost(cost), roundCost(limit), hint)
	}
	estimate := func(eps float64) (ScaleDecision, bool) {
		cost, sampled := EstimateCost(m, weighted, shape, eps, p.Delta)
		if !sampled || cost >= exact.Cost {
			return exact, false
		}
		return ScaleDecision{Estimate: true, Cost: cost,
			Options: analysis.ApproxOptions{Epsilon: eps, Delta: p.Delta, Seed: p.Seed, Weighted: weighted}}, true
	}
	switch {
	case acc.Exact:
	case acc.Epsilon > 0 && estimable:
		if d, ok := estimate(acc.Epsilon); ok {
			if d.Cost > limit {
				return ScaleDecision{}, tooCostly(fmt.Sprintf("an estimate with epsilon %g", acc.Epsilon), d.Cost)
			}
			return d, nil
		}
	case exact.Cost <= p.Budget && p.Budget >= 0:
		return exact, nil
	case estimable:
		eps := p.Epsilon
		if m == analysis.Harmonic {
			eps = p.HarmonicEpsilon
		}
		if d, ok := estimate(eps); ok || p.Budget < 0 {
			if !ok {
				// A negative budget estimates whatever sampling costs.
				d = ScaleDecision{Estimate: true, Cost: exact.Cost,
					Options: analysis.ApproxOptions{Epsilon: eps, Delta: p.Delta, Seed: p.Seed, Weighted: weighted}}
			}
			if d.Cost > limit && p.Budget >= 0 {
				// Weighted betweenness with mixed strengths samples one
				// Dijkstra search per source drawn: at 100,000 actors
				// and a million ties even the estimate takes minutes.
				return ScaleDecision{}, tooCostly(fmt.Sprintf("an estimate with epsilon %g", eps), d.Cost)
			}
			return d, nil
		}
	}
	if exact.Cost > limit {
		return ScaleDecision{}, tooCostly("exact values", exact.Cost)
	}
	return exact, nil
}

// measureName names a measure in an error message.
func measureName(m analysis.Measure, weighted bool) string {
	if weighted {
		return "weighted " + string(m)
	}
	return string(m)
}

// roundCost rounds a cost for a message: to the minute above ten minutes,
// to a tenth of a second above a second, else to the millisecond (the
// microsecond below one).
func roundCost(d time.Duration) time.Duration {
	switch {
	case d > 10*time.Minute:
		return d.Round(time.Minute)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}

// log2 is log₂ x, and 1 below x = 2.
func log2(x float64) float64 { return math.Log2(max(x, 2)) }

// sqrt is √x.
func sqrt(x float64) float64 { return math.Sqrt(x) }

// batches is the number of batches of 256 sources the all-sources search
// runs for k sources.
func batches(k float64) float64 { return math.Ceil(k / 256) }

// Option configures a Service (see New).
type Option func(*Service)

// WithScalePolicy replaces DefaultScalePolicy, for example to estimate on
// small networks in tests.
func WithScalePolicy(p ScalePolicy) Option {
	return func(s *Service) { s.scale = p }
}

// nodeScores is a centrality of every node of a network, in node order,
// and whether it was estimated; errorBound is then the bound, with
// probability at least 1 − δ, on the absolute error of every score at once,
// on the scale of the scores.
type nodeScores struct {
	scores      []float64
	approximate bool
	errorBound  *float64
}

// measure computes centrality m of every node of nw as d decides: exactly
// with analysis.Centrality, or estimated with analysis.ApproxBetweenness
// or analysis.ApproxHarmonic. An estimate with error bound 0 is exact and
// reported as such: no sample was needed (betweenness with no shortest
// path that has an internal node, or no tie), or every node was a source
// (harmonic on a network too small for sampling to save anything).
func (s *Service) measure(ctx context.Context, nw *network, m analysis.Measure, weighted bool, d ScaleDecision) (nodeScores, error) {
	if !d.Estimate {
		scores, err := analysis.Centrality(ctx, nw.graph, m, weighted)
		if err != nil {
			return nodeScores{}, fmt.Errorf("service: centrality %s: %w", m, err)
		}
		return nodeScores{scores: scores}, nil
	}
	estimate := analysis.ApproxBetweenness
	if m == analysis.Harmonic {
		estimate = analysis.ApproxHarmonic
	}
	opt := d.Options
	opt.Weighted = weighted
	res, err := estimate(ctx, nw.graph, opt)
	if err != nil {
		return nodeScores{}, fmt.Errorf("service: approximate centrality %s: %w", m, err)
	}
	if res.ErrorBound == 0 {
		return nodeScores{scores: res.Scores}, nil
	}
	bound := res.ErrorBound
	s.logger.Debug("centrality estimated", "measure", string(m), "weighted", weighted,
		"actors", nw.graph.Order(), "ties", nw.graph.Size(), "samples", res.Samples, "error_bound", bound)
	return nodeScores{scores: res.Scores, approximate: true, errorBound: &bound}, nil
}

// measureAs decides how to compute m on nw for acc and computes it.
func (s *Service) measureAs(ctx context.Context, nw *network, m analysis.Measure, weighted bool, acc Accuracy) (nodeScores, error) {
	d, err := s.scale.Decide(m, weighted, shapeOf(nw.graph), acc)
	if err != nil {
		return nodeScores{}, err
	}
	return s.measure(ctx, nw, m, weighted, d)
}
