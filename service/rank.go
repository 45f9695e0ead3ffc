package service

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// TieTolerance is the relative difference below which two scores count as
// tied: floating-point kernels can give actors in symmetric positions
// scores a few ulps apart, which must not decide their order or rank.
const TieTolerance = 1e-9

// rankScores pairs actors with their scores, sorts them by score descending
// then id, and assigns competition ranks ("1, 2, 2, 4"): a run of scores in
// which each is within TieTolerance (relative to the larger, or absolute
// below 1) of the one before forms a tie; its actors are ordered by id and
// all get the 1-based position of the run's first actor.
func rankScores(actors []store.Actor, scores []float64) []ActorScore {
	out := make([]ActorScore, len(actors))
	for i, a := range actors {
		out[i] = ActorScore{Actor: a, Score: scores[i]}
	}
	slices.SortStableFunc(out, func(a, b ActorScore) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.Actor.ID(), b.Actor.ID())
	})
	for start := 0; start < len(out); {
		end := start + 1
		for end < len(out) && tied(out[end-1].Score, out[end].Score) {
			end++
		}
		run := out[start:end]
		slices.SortFunc(run, func(a, b ActorScore) int { return strings.Compare(a.Actor.ID(), b.Actor.ID()) })
		for i := range run {
			run[i].Rank = start + 1
		}
		start = end
	}
	return out
}

func tied(a, b float64) bool {
	return math.Abs(a-b) <= TieTolerance*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
