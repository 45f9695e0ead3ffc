package voice

import (
	"math"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// HarmonicThreshold returns the 10th percentile of harmonic centrality
// among the actors of g that have at least one tie, by the nearest-rank
// rule: with the k such values sorted ascending as x_1 ≤ … ≤ x_k,
//
//	P10 = x_r, r = ⌈0.10 · k⌉
//
// (Hyndman & Fan 1996, "Sample quantiles in statistical packages", Am.
// Stat. 50:361, their definition 1 — the inverse of the empirical
// distribution function). An actor is in the bottom decile of harmonic
// centrality when its value is strictly below P10, so that ties at the
// threshold are treated alike and a network where every actor has the same
// centrality (a ring, a clique) has no one in its bottom decile; at most
// r − 1 < 10% of the actors with ties fall below it. Isolated actors are
// left out: their harmonic centrality is 0, and a scope where a tenth of the
// actors have no tie yet would otherwise have a threshold of 0 and no one
// peripheral. They are ISOLATED instead. With no actor that has a tie the
// threshold is -Inf, below every value.
//
// harmonic has one entry per node of g.
func HarmonicThreshold(g *analysis.Graph, harmonic []float64) float64 {
	var xs []float64
	for v := range g.Order() {
		if adj, _ := g.Neighbours(v); len(adj) > 0 {
			xs = append(xs, harmonic[v])
		}
	}
	if len(xs) == 0 {
		return math.Inf(-1)
	}
	slices.Sort(xs)
	r := (len(xs) + 9) / 10 // ⌈k/10⌉ in integers: 0.1·30 is 3.0000000000000004
	return xs[r-1]
}
