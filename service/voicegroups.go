package service

import (
	"context"
	"slices"
	"time"

	"github.com/voicemap/voicemap/store"
)

// SuppressBelow is the small-number suppression threshold: a group figure
// built from fewer than SuppressBelow people is withheld, so that no
// figure can be traced back to a handful of known individuals (the usual
// rule of official statistics for small cells).
const SuppressBelow = 5

// GroupVoiceCount is the group-level view of unheard voices: how many
// community members of the scope carry the group tag and how many of them
// are unheard (voice.Voice.Unheard, the figure powerTrend follows). A
// withheld figure is nil and Suppressed is true.
type GroupVoiceCount struct {
	Group   string
	People  *int
	Unheard *int
	// Suppressed reports that a figure was withheld.
	Suppressed bool
}

// UnheardVoiceGroups counts, per group tag, the community members of the
// place (with its descendants; everything when empty, subject to the
// principal's places) as of asOf and the unheard voices among them, sorted
// by group. Small-number suppression applies for every role: when a group
// has fewer than SuppressBelow people both figures are withheld; else the
// unheard count is withheld when it, or the count of the group's heard
// members, is between 1 and SuppressBelow-1 (either would single out a
// few people). It is an aggregate read, open to funders.
//
// Errors: ENOTFOUND for an unknown place (or one outside the principal's),
// EINVALID for a scope above the caps.
func (s *Service) UnheardVoiceGroups(ctx context.Context, placeID string, asOf *time.Time) ([]GroupVoiceCount, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return nil, err
	}
	if placeID, err = a.place(ctx, placeID); err != nil {
		return nil, err
	}
	rep, err := s.voices(ctx, store.Scope{PlaceID: placeID, AsOf: asOf}, Accuracy{})
	if err != nil {
		return nil, err
	}
	people, unheard := map[string]int{}, map[string]int{}
	for _, v := range rep.voices {
		p := rep.nw.actors[v.Node].Person
		if p == nil || p.Capacity != store.CapacityCommunity {
			continue
		}
		for _, g := range p.Groups {
			people[g]++
			if v.Unheard() {
				unheard[g]++
			}
		}
	}
	out := make([]GroupVoiceCount, 0, len(people))
	for g, n := range people {
		out = append(out, suppress(g, n, unheard[g]))
	}
	slices.SortFunc(out, func(x, y GroupVoiceCount) int { return cmpString(x.Group, y.Group) })
	return out, nil
}

// suppress applies small-number suppression to one group's figures.
func suppress(group string, people, unheard int) GroupVoiceCount {
	small := func(n int) bool { return n > 0 && n < SuppressBelow }
	c := GroupVoiceCount{Group: group}
	if people < SuppressBelow {
		c.Suppressed = true
		return c
	}
	c.People = &people
	if small(unheard) || small(people-unheard) {
		c.Suppressed = true
		return c
	}
	c.Unheard = &unheard
	return c
}
