package participation

import (
	"cmp"
	"slices"
)

// Exclusion is a decision-making forum that decides about a group with no
// member of that group holding a seat on it.
type Exclusion struct {
	ForumID string
	Group   string
	// Present is the number of distinct members of the group who take part
	// in the forum below CO_PRODUCE (informed, consulted or co-designing but
	// not deciding); 0 when the group is absent altogether.
	Present int
}

// NothingAboutUsWithoutUs returns the (forum, group) pairs, sorted by forum
// id then group, of every decision-making forum in scope and every group in
// its AffectsGroups such that no member of the group (a person in scope
// carrying the tag, of any capacity) takes part in that same forum at
// CO_PRODUCE or LEAD. Seats on other forums do not count: the principle,
// "nothing about us without us" (quoted by Community Catalysts, "Whatever
// your intended destination the only route is co-production", 2019), is
// about the forum that makes the decision. Organisations carry no group
// tags, so an organisation speaking for a group does not satisfy it.
// Forums that make no decisions are never listed; a forum with no
// participants is listed for each group it affects.
func NothingAboutUsWithoutUs(s Scope) []Exclusion {
	ix := newIndex(s)
	seated := make(map[seat]bool, len(ix.seats))
	for _, st := range ix.seats {
		seated[st] = true
	}
	// Participants of each forum, deduplicated.
	present := make(map[string][]string)
	for _, pt := range ix.parts {
		present[pt.ForumID] = append(present[pt.ForumID], pt.ActorID)
	}
	out := []Exclusion{}
	for id, f := range ix.forums {
		if !f.DecisionMaking {
			continue
		}
		actors := uniq(present[id])
		for _, g := range uniq(f.AffectsGroups) {
			decides, below := false, 0
			for _, a := range actors {
				if !ix.hasGroup(a, g) {
					continue
				}
				if seated[seat{actor: a, forum: id}] {
					decides = true
					break
				}
				below++
			}
			if !decides {
				out = append(out, Exclusion{ForumID: id, Group: g, Present: below})
			}
		}
	}
	slices.SortFunc(out, func(a, b Exclusion) int {
		return cmp.Or(cmp.Compare(a.ForumID, b.ForumID), cmp.Compare(a.Group, b.Group))
	})
	return out
}
