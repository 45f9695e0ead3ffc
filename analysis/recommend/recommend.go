package recommend

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/voicemap/voicemap/analysis"
)

// MaxNodes is the largest place Recommend accepts: the evaluation of one
// introduction costs O((2 + s)·(n + m)), with s the smaller side of the tie,
// for up to 5·MaxPeople introductions.
const MaxNodes = 200_000

// Recommend proposes introductions and invitations for the place in and
// returns the first of them ranked in two tiers: first every introduction
// and every invitation into a forum that affects one of the person's
// groups or names none, then the invitations into forums that affect only
// other groups (Input.OtherGroups). "Lived experience is at the heart of
// co-production": a seat on decisions about other people's lives brings
// none of it, and taken by someone outside the groups affected it can
// stand in for the seat those groups lack ("nothing about us without us"),
// so it is proposed only after everything else, however many people it
// would bring near power. Within a tier: by Gain descending, then
// invitations to a forum that affects one of the person's groups
// (non-empty Groups) first, then by kind (INTRODUCTION before INVITATION),
// then by the ids of the actors (A, B or Person) and of the forum. Only changes with a positive gain are returned, and changes with
// the same effect for different people are folded into one (see fold and
// Recommendation.Alternatives).
//
// Candidates come from the bounded rules of MaxPeople, NearTargets and
// FarTargets (at most 6·MaxPeople). Each is evaluated incrementally against
// the baseline (one run of voice.Unheard), on up to GOMAXPROCS goroutines,
// in two rounds:
//
//  1. Every candidate is scored with the harmonic centralities, and so the
//     harmonic half of PERIPHERAL, kept from the baseline: a new tie raises
//     the harmonic centrality of many actors a little and moves the decile
//     threshold, which only an all-pairs computation sees. Everything else
//     is exact: hop distances to power (a search pruned at two steps from
//     the endpoint that gets nearer), core numbers (the subcore of the
//     endpoints, only when one has core number ≤ 1), and gatekeepers
//     (voice.Gatekeepers on the changed graph, O(n + m), run only when a
//     person who was gated, or cut off from power, is now two steps from
//     it). An invitation changes no tie, so its score is exact.
//  2. The best Rescored(first) introductions of round 1 are scored again
//     exactly (see harmonicAfter: two searches from the endpoints and one
//     from each actor on the smaller side of the tie). The ranking is made
//     of every invitation and these introductions only, each with exact
//     figures: the After figures of every returned recommendation are
//     those voice.Unheard, voice.Hops and power.HHI give on the changed
//     place.
//
// Cost: round 1 is O(c·(p + s)) for c candidates, p people and s the work
// of the pruned searches, plus O(n + m) per gatekeeper run; round 2 is
// O(Rescored(first)·(2 + a)·(n + m)) with a the size of the smaller side.
//
// Recommend checks ctx between candidates and returns ctx.Err() once it is
// cancelled. An invalid input (see Input) or first < 0 gives an error
// wrapping analysis.ErrInvalid; so does a graph above MaxNodes.
func Recommend(ctx context.Context, in Input, first int) ([]Recommendation, error) {
	if first < 0 {
		return nil, fmt.Errorf("%w: recommend: first = %d, want ≥ 0", analysis.ErrInvalid, first)
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if n := in.Voice.Graph.Order(); n > MaxNodes {
		return nil, fmt.Errorf("%w: recommend: %d actors, at most %d", analysis.ErrInvalid, n, MaxNodes)
	}
	b, err := newBaseline(ctx, in)
	if err != nil {
		return nil, err
	}
	cands := b.candidates()
	recs, err := b.evaluate(ctx, cands, false)
	if err != nil {
		return nil, err
	}
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return b.compare(recs[i], recs[j]) })
	// Round 2 rescores the best Rescored(first) distinct introductions of
	// round 1 (distinct by foldKey on round-1 figures), together with up to
	// as many of their round-1 equivalents, so that fold sees exact figures.
	var final []Recommendation
	var again []candidate
	reps := make(map[foldKey]bool)
	for _, i := range order {
		switch r := recs[i]; {
		case r.Kind == Invitation && r.Gain > 0:
			final = append(final, r)
		case r.Kind == Introduction && reps[b.keyOf(r)] && len(again) < 2*Rescored(first):
			again = append(again, cands[i])
		case r.Kind == Introduction && len(reps) < Rescored(first):
			reps[b.keyOf(r)] = true
			again = append(again, cands[i])
		}
	}
	exact, err := b.evaluate(ctx, again, true)
	if err != nil {
		return nil, err
	}
	for _, r := range exact {
		if r.Gain > 0 {
			final = append(final, r)
		}
	}
	slices.SortFunc(final, b.compare)
	final = b.fold(final)
	return final[:min(first, len(final))], nil
}

// Rescored returns how many introductions Recommend scores exactly for
// first recommendations: 3·first + 10.
func Rescored(first int) int { return 3*first + 10 }

// evaluate returns the recommendation of each candidate, its figures
// computed by parallel workers that each own an evaluator; exact chooses
// the exact harmonic update for introductions.
func (b *baseline) evaluate(ctx context.Context, cands []candidate, exact bool) ([]Recommendation, error) {
	out := make([]Recommendation, len(cands))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(cands)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := newEvaluator(b)
			for {
				i := int(next.Add(1)) - 1
				if i >= len(cands) || ctx.Err() != nil {
					return
				}
				c := cands[i]
				r := Recommendation{Kind: c.kind, A: c.a, B: c.b, Person: c.person, Forum: c.forum,
					Groups: c.groups, Before: b.figures}
				if c.kind == Introduction {
					r.After = e.introduce(c.a, c.b, exact)
				} else {
					r.After = e.invite(c.person, b.seatHHI(c.person))
				}
				r.effect = e.last
				r.Gain = Gain(r.Before, r.After)
				out[i] = r
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// compare orders recommendations (see Recommend).
func (b *baseline) compare(x, y Recommendation) int {
	ids := b.in.Voice.IDs
	key := func(r Recommendation) (string, string, string, int, int) {
		if r.Kind == Introduction {
			return ids[r.A], ids[r.B], "", r.A, r.B
		}
		return ids[r.Person], "", b.in.Forums[r.Forum].ID, r.Person, r.Forum
	}
	x1, x2, x3, x4, x5 := key(x)
	y1, y2, y3, y4, y5 := key(y)
	return cmp.Or(cmp.Compare(b2i(b.in.OtherGroups(x)), b2i(b.in.OtherGroups(y))),
		cmp.Compare(y.Gain, x.Gain), cmp.Compare(b2i(len(y.Groups) > 0), b2i(len(x.Groups) > 0)), cmp.Compare(x.Kind, y.Kind),
		cmp.Compare(x1, y1), cmp.Compare(x2, y2), cmp.Compare(x3, y3),
		cmp.Compare(x4, y4), cmp.Compare(x5, y5))
}
