package participation

import (
	"cmp"
	"slices"
)

// seat is one actor on one decision-making forum at CO_PRODUCE or LEAD.
type seat struct {
	actor, forum string
}

// index is a Scope with its lookups built once: people and forums by id
// (first occurrence wins), organisation ids, and the deduplicated seats in
// (forum, actor) order.
type index struct {
	people map[string]*Person
	orgs   map[string]bool
	forums map[string]*Forum
	seats  []seat
	// parts are the participations whose forum is in scope.
	parts []Participation
}

func newIndex(s Scope) *index {
	ix := &index{
		people: make(map[string]*Person, len(s.People)),
		orgs:   make(map[string]bool, len(s.Organisations)),
		forums: make(map[string]*Forum, len(s.Forums)),
	}
	for i := range s.People {
		if _, ok := ix.people[s.People[i].ID]; !ok {
			ix.people[s.People[i].ID] = &s.People[i]
		}
	}
	for _, id := range s.Organisations {
		ix.orgs[id] = true
	}
	for i := range s.Forums {
		if _, ok := ix.forums[s.Forums[i].ID]; !ok {
			ix.forums[s.Forums[i].ID] = &s.Forums[i]
		}
	}
	seen := make(map[seat]bool)
	for _, p := range s.Participations {
		f, ok := ix.forums[p.ForumID]
		if !ok {
			continue
		}
		ix.parts = append(ix.parts, p)
		k := seat{actor: p.ActorID, forum: p.ForumID}
		if f.DecisionMaking && p.Level.HoldsPower() && !seen[k] {
			seen[k] = true
			ix.seats = append(ix.seats, k)
		}
	}
	slices.SortFunc(ix.seats, func(a, b seat) int {
		return cmp.Or(cmp.Compare(a.forum, b.forum), cmp.Compare(a.actor, b.actor))
	})
	return ix
}

// hasGroup reports whether the person with the given id is in scope and
// carries the group tag.
func (ix *index) hasGroup(id, group string) bool {
	p, ok := ix.people[id]
	return ok && slices.Contains(p.Groups, group)
}

// share returns num/den, or 0 when den is 0.
func share(num, den int) float64 {
	if den <= 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// uniq returns the distinct strings of xs, sorted.
func uniq(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}
