package service

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/analysis"
)

// Defaults of the scale policy (DefaultScalePolicy).
//
// Exact betweenness (Brandes) and harmonic centrality each cost one
// single-source search per actor, O(n·m) for n actors and m ties: about
// 7e-9 s × n·m with the kernels of package analysis on the 2-core build
// machine (BENCHMARKS.md). The unheard voices and the power report need
// both, so a scope costs about 1.4e-8 s × n·m exactly before anything
// else: 1.4 s at DefaultScaleThreshold (n·m = 1e8, about 5,800 actors and
// 17,000 ties), 4.2 s at 10,000 actors and 30,000 ties, and nearly 40
// minutes at 100,000 actors and a million ties. Above the threshold both
// are estimated by sampling:
//
//   - betweenness with ε = DefaultScaleEpsilon (analysis.ApproxBetweenness:
//     every estimate within ε·n/(n−2) of NetworkX's normalised value);
//   - harmonic centrality with ε = DefaultHarmonicEpsilon
//     (analysis.ApproxHarmonic: every estimate within ε·(n−1)·R, R = 1
//     unweighted or the largest tie strength weighted, that is within ε
//     of the largest possible value);
//
// both with δ = DefaultScaleDelta: with probability at least 1 − δ every
// estimate is within its bound at once. The seed is fixed, so an estimate
// is the same on every run and is cached like an exact answer.
const (
	DefaultScaleThreshold  int64   = 100_000_000
	DefaultScaleEpsilon    float64 = 0.02
	DefaultHarmonicEpsilon float64 = 0.05
	DefaultScaleDelta      float64 = 0.1
	DefaultScaleSeed       int64   = 1
)

// ScalePolicy is the one place that decides, from the size of a scope's
// network, whether the centralities whose exact cost grows as n·m
// (BETWEENNESS and HARMONIC, and so the power report's betweenness indices
// and the PERIPHERAL reason of the unheard voices and recommendations) are
// computed exactly or estimated (see Decide). Degree, closeness, PageRank,
// eigenvector, coreness and the Louvain communities are always exact.
type ScalePolicy struct {
	// Threshold: a network of n actors and m ties (distinct tied pairs) is
	// estimated when n·m > Threshold. A negative Threshold estimates every
	// network with at least one tie.
	Threshold int64
	// Epsilon and HarmonicEpsilon are the ε of betweenness and harmonic
	// centrality; Delta and Seed are shared (analysis.ApproxOptions).
	Epsilon, HarmonicEpsilon, Delta float64
	Seed                            int64
}

// DefaultScalePolicy returns the policy a Service uses unless told
// otherwise: estimate above n·m = 1e8, betweenness with ε = 0.02 and
// harmonic centrality with ε = 0.05, δ = 0.1, seed 1.
func DefaultScalePolicy() ScalePolicy {
	return ScalePolicy{Threshold: DefaultScaleThreshold, Epsilon: DefaultScaleEpsilon, HarmonicEpsilon: DefaultHarmonicEpsilon,
		Delta: DefaultScaleDelta, Seed: DefaultScaleSeed}
}

// ScaleDecision is the policy's verdict on one network.
type ScaleDecision struct {
	// Approximate is true when betweenness and harmonic centrality are to
	// be estimated (see ScaleDecision.Estimates).
	Approximate bool
	// Betweenness and Harmonic are the estimators' options when
	// Approximate (Weighted is left false; the caller sets it per query).
	Betweenness, Harmonic analysis.ApproxOptions
}

// Decide returns the decision for a network of the given number of actors
// and ties: approximate when actors·ties > p.Threshold (and there is a
// tie). It is a pure function of its arguments.
func (p ScalePolicy) Decide(actors, ties int) ScaleDecision {
	if ties <= 0 || int64(actors)*int64(ties) <= p.Threshold {
		return ScaleDecision{}
	}
	return ScaleDecision{
		Approximate: true,
		Betweenness: analysis.ApproxOptions{Epsilon: p.Epsilon, Delta: p.Delta, Seed: p.Seed},
		Harmonic:    analysis.ApproxOptions{Epsilon: p.HarmonicEpsilon, Delta: p.Delta, Seed: p.Seed},
	}
}

// Estimates reports whether measure m is estimated under the decision:
// BETWEENNESS and HARMONIC (weighted or not) when Approximate; no other
// measure ever.
func (d ScaleDecision) Estimates(m analysis.Measure) bool {
	return d.Approximate && (m == analysis.Betweenness || m == analysis.Harmonic)
}

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

// measure computes centrality m of every node of nw as the scale policy
// decides for its size: exactly with analysis.Centrality, or estimated with
// analysis.ApproxBetweenness or analysis.ApproxHarmonic. An estimate with
// error bound 0 is exact and reported as such: no sample was needed
// (betweenness with no shortest path that has an internal node, or no
// tie), or every node was a source (harmonic on a network too small for
// sampling to save anything).
func (s *Service) measure(ctx context.Context, nw *network, m analysis.Measure, weighted bool) (nodeScores, error) {
	d := s.scale.Decide(nw.graph.Order(), nw.graph.Size())
	if !d.Estimates(m) {
		scores, err := analysis.Centrality(ctx, nw.graph, m, weighted)
		if err != nil {
			return nodeScores{}, fmt.Errorf("service: centrality %s: %w", m, err)
		}
		return nodeScores{scores: scores}, nil
	}
	estimate, opt := analysis.ApproxBetweenness, d.Betweenness
	if m == analysis.Harmonic {
		estimate, opt = analysis.ApproxHarmonic, d.Harmonic
	}
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
