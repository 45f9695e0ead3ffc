package service

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/voicemap/voicemap/store"
)

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
// by group, under the suppression rule of suppress.go for every role: the
// members' count is withheld when small or by secondary suppression across
// the place tree; the unheard count when the members' count is, or when
// it or the count of the group's heard members is small. It is a
// group-level read, open to funders.
//
// Errors: ENOTFOUND for an unknown place (or one outside the principal's),
// EINVALID for a scope above the caps.
func (s *Service) UnheardVoiceGroups(ctx context.Context, placeID string, asOf *time.Time) ([]GroupVoiceCount, error) {
	return run(ctx, s, "UnheardVoiceGroups", func(a *access) ([]GroupVoiceCount, error) {
		var err error
		if placeID, err = a.place(ctx, placeID); err != nil {
			return nil, err
		}
		rep, err := s.voices(ctx, store.Scope{PlaceID: placeID, AsOf: asOf}, Accuracy{})
		if err != nil {
			return nil, err
		}
		pattern, err := s.memberSuppression(ctx)
		if err != nil {
			return nil, err
		}
		counts := rep.groupCounts()
		out := make([]GroupVoiceCount, 0, len(counts))
		for _, g := range slices.Sorted(maps.Keys(counts)) {
			c := counts[g]
			members := pattern.publishedCount(placeID, g, c.members)
			unheard := publishedPart(members, c.members, c.unheard)
			out = append(out, GroupVoiceCount{Group: g, People: shown(members, c.members), Unheard: shown(unheard, c.unheard), Suppressed: !unheard})
		}
		return out, nil
	})
}

// groupCount is one group's community members in a scope and the unheard
// voices among them.
type groupCount struct{ members, unheard int }

// groupCounts counts the community members of the report's scope by group
// tag, and the unheard voices among them.
func (rep *voiceReport) groupCounts() map[string]groupCount {
	out := map[string]groupCount{}
	for _, v := range rep.voices {
		p := rep.nw.actors[v.Node].Person
		if p == nil || p.Capacity != store.CapacityCommunity {
			continue
		}
		for _, g := range tagSet(p.Groups) {
			c := out[g]
			c.members++
			if v.Unheard() {
				c.unheard++
			}
			out[g] = c
		}
	}
	return out
}

// shown returns &n when published, nil when withheld.
func shown(published bool, n int) *int {
	if !published {
		return nil
	}
	return &n
}
