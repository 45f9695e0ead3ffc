package funding

import (
	"fmt"
	"math"
	"strings"

	"github.com/voicemap/voicemap/analysis"
)

// scaleKind is how a need scale is read.
type scaleKind int

const (
	unknownScale scaleKind = iota // no usable need figure: weight 1
	decileScale                   // IMD decile, 1 most deprived .. 10 least
	scoreScale                    // IMD score, higher more deprived
)

// scaleKey returns a need scale trimmed and upper-cased, the form in which
// scales are compared.
func scaleKey(scale string) string { return strings.ToUpper(strings.TrimSpace(scale)) }

// kindOf returns how the need index of p is read: a decile when its scale
// contains "DECILE", a score when it contains "SCORE", otherwise (or with no
// need index) unknown.
func kindOf(p Place) scaleKind {
	if p.NeedIndex == nil {
		return unknownScale
	}
	k := scaleKey(p.NeedScale)
	switch {
	case strings.Contains(k, "DECILE"):
		return decileScale
	case strings.Contains(k, "SCORE"):
		return scoreScale
	}
	return unknownScale
}

// DecileWeight returns the need weight of an Index of Multiple Deprivation
// decile d (1 the most deprived tenth, 10 the least): (11 − d) / 5.5, whose
// mean over the ten deciles is 1. It is 10/5.5 for decile 1 and 1/5.5 for
// decile 10.
func DecileWeight(d float64) float64 { return (11 - d) / 5.5 }

// needWeights returns, for each place, its need weight and whether it was
// read from a need index (true) or defaulted to 1 (false), as the package
// documentation defines them. The mean score of each scale is taken over
// the places marked ranked, in the order given, so that at least one ranked
// place has a positive weight whenever any is ranked. A need index that is not finite, a decile outside 1..10 or a negative score
// gives an error wrapping analysis.ErrInvalid.
func needWeights(places []Place, ranked []bool) (weights []float64, known []bool, err error) {
	sums := map[string]float64{}
	counts := map[string]int{}
	for i, p := range places {
		if p.NeedIndex != nil && (math.IsNaN(*p.NeedIndex) || math.IsInf(*p.NeedIndex, 0)) {
			return nil, nil, fmt.Errorf("%w: funding: place %q has need index %v, want a finite number", analysis.ErrInvalid, p.ID, *p.NeedIndex)
		}
		switch kindOf(p) {
		case decileScale:
			if d := *p.NeedIndex; !(d >= 1 && d <= 10) {
				return nil, nil, fmt.Errorf("%w: funding: place %q has decile %v on scale %q, want 1..10", analysis.ErrInvalid, p.ID, d, p.NeedScale)
			}
		case scoreScale:
			s := *p.NeedIndex
			if s < 0 {
				return nil, nil, fmt.Errorf("%w: funding: place %q has score %v on scale %q, want a score ≥ 0", analysis.ErrInvalid, p.ID, s, p.NeedScale)
			}
			if ranked[i] {
				k := scaleKey(p.NeedScale)
				sums[k] += s
				counts[k]++
			}
		}
	}
	weights = make([]float64, len(places))
	known = make([]bool, len(places))
	for i, p := range places {
		weights[i], known[i] = 1, true
		switch kindOf(p) {
		case decileScale:
			weights[i] = DecileWeight(*p.NeedIndex)
		case scoreScale:
			k := scaleKey(p.NeedScale)
			if counts[k] > 0 && sums[k] > 0 {
				mean := sums[k] / float64(counts[k])
				weights[i] = *p.NeedIndex / mean
			}
		default:
			known[i] = false
		}
	}
	return weights, known, nil
}
