package service

import (
	"cmp"
	"context"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// SuppressBelow is the small-number suppression threshold: a group-level
// figure (policy.go, GroupLevel: a count of people by group tag) built
// from fewer than SuppressBelow people is withheld, so that no figure can
// be traced back to a handful of known individuals (the usual rule of
// official statistics for small cells).
const SuppressBelow = 5

// The one suppression rule, applied to every group-level figure an
// operation open to funders answers (unheardVoiceGroups, fundingReach's
// hiddenGroups and its recipients' groups), for every role:
//
//  1. Threshold: a count of people between 1 and SuppressBelow-1 is
//     withheld.
//  2. Complement: a count that is part of a whole the answer also gives
//     (the unheard among a group's members, the reached among its target
//     people) is withheld when it, or the whole minus it, is between 1 and
//     SuppressBelow-1: either would single out a few people.
//  3. Secondary suppression across the place tree: the members of a group
//     in a place are the sum of its child places' members and of the
//     members located at the place itself (never published on their own).
//     Taking every total as known, whatever is hidden in that sum (the
//     withheld children and the place's own members) must add up to 0 or
//     to SuppressBelow or more; when it adds up to a small number, the
//     smallest published child is withheld too (ties by id), and the next,
//     until it does. So no withheld count can be recovered, nor narrowed
//     to a small number, by subtracting siblings from their parent, at any
//     level, whichever places a key may ask about. The pattern is computed
//     over the whole place tree (every place, whatever the principal's
//     scope), from every community member whose consent is not withdrawn.
//  4. A figure built on a withheld count is withheld with it.
//
// What is not a group-level figure: census figures recorded on a place
// (populationByGroup, published statistics, not counts of the people in
// the store), and totals over a scope not broken down by group (actors,
// unheard voices, people reached), which name no attribute of anyone.

// small reports whether n people would single out a few.
func small(n int) bool { return n > 0 && n < SuppressBelow }

// publishedPart reports whether part of a whole may be published: the
// whole is, and neither the part nor the rest is small (rules 2 and 4).
func publishedPart(wholePublished bool, whole, part int) bool {
	return wholePublished && !small(part) && !small(whole-part)
}

// groupCell is one group in one place ("" for every place).
type groupCell struct{ place, group string }

// memberPattern is the suppression pattern of the counts of community
// members by group and place (rules 1 and 3).
type memberPattern struct {
	members  map[groupCell]int
	withheld map[groupCell]bool
}

// publishedCount reports whether the count n of group's members in place,
// as an analysis of the place counted them, may be published: the pattern
// must publish it and hold the same count (a write between the two reads
// withholds it rather than guess).
func (m *memberPattern) publishedCount(place, group string, n int) bool {
	c := groupCell{place, group}
	return !m.withheld[c] && m.members[c] == n
}

// memberPatternKey caches the pattern; it is global, so it is recomputed
// after every write (versions.go).
var memberPatternKey = cacheKey{op: "suppress/members"}

// memberSuppression returns the member pattern of the whole store, cached
// until the next write.
func (s *Service) memberSuppression(ctx context.Context) (*memberPattern, error) {
	v, err := s.cache.get(ctx, memberPatternKey, func(ctx context.Context) (computed, error) {
		places, err := s.allPlaces(ctx)
		if err != nil {
			return computed{}, err
		}
		people, err := collect(func(pg store.Page) (store.Connection[store.Person], error) {
			return s.st.People(ctx, store.PeopleFilter{}, pg)
		})
		if err != nil {
			return computed{}, err
		}
		return computed{value: suppressMembers(places, people)}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*memberPattern), nil
}

// suppressMembers computes the pattern of the members of each group in
// each place of the tree (rules 1 and 3).
func suppressMembers(places []store.Place, people []store.Person) *memberPattern {
	known := make(map[string]bool, len(places))
	for _, p := range places {
		known[p.ID] = true
	}
	children := map[string][]string{}
	parent := map[string]string{}
	for _, p := range places {
		up := p.ParentID
		if !known[up] {
			up = "" // a top-level place is a child of everything
		}
		parent[p.ID] = up
		children[up] = append(children[up], p.ID)
	}
	own := map[groupCell]int{}
	groups := map[string]bool{}
	for _, pe := range people {
		if isWithdrawn(pe) || pe.Capacity != store.CapacityCommunity {
			continue
		}
		at := pe.PlaceID
		if !known[at] {
			at = ""
		}
		for _, g := range tagSet(pe.Groups) {
			own[groupCell{at, g}]++
			groups[g] = true
		}
	}
	m := &memberPattern{members: map[groupCell]int{}, withheld: map[groupCell]bool{}}
	for c, n := range own {
		for at, depth := c.place, 0; depth <= maxPlaceDepth; depth++ {
			m.members[groupCell{at, c.group}] += n
			if at == "" {
				break
			}
			at = parent[at]
		}
	}
	for c, n := range m.members {
		m.withheld[c] = small(n)
	}
	for q, kids := range children {
		for g := range groups {
			m.protect(q, g, own[groupCell{q, g}], kids)
		}
	}
	return m
}

// protect applies rule 3 to the sum at place q for group g: own members
// plus the children's.
func (m *memberPattern) protect(q, g string, own int, kids []string) {
	hidden := own
	var shown []groupCell
	for _, k := range kids {
		c := groupCell{k, g}
		switch n := m.members[c]; {
		case m.withheld[c]:
			hidden += n
		case n > 0:
			shown = append(shown, c)
		}
	}
	slices.SortFunc(shown, func(x, y groupCell) int {
		return cmp.Or(cmp.Compare(m.members[x], m.members[y]), cmp.Compare(x.place, y.place))
	})
	for _, c := range shown {
		if !small(hidden) {
			return
		}
		m.withheld[c] = true
		hidden += m.members[c]
	}
}

// tagSet returns the distinct non-empty tags, sorted.
func tagSet(tags []string) []string {
	out := slices.Clone(tags)
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	return out
}
