package recommend

import (
	"cmp"
	"slices"

	"github.com/voicemap/voicemap/analysis/voice"
)

// Bounds of candidate generation. Recommend proposes these candidates:
//
// Introductions. For each unheard community member p (voice.Voice.Unheard
// and Input.Community), taken most unheard first up to MaxPeople, the
// targets are the actors t near power, holders or tied to one (hop distance
// ≤ 1), that are not p, not tied to p and do not separate p from power. A
// tie p–t then gives p a route to power, p–t–holder, whose one
// intermediary is t, and p keeps its other routes, which avoid t: no single
// actor controls every route any more, so p is not gated after the change.
// Separators of p lie in a fixed order on every path to power, nearer and
// nearer to it, so only the last of them can be one tie from a holder; that
// one is excluded (introducing p to it would merely make it p's gatekeeper
// in place of the first). A person who reaches no holder has no route to
// keep: every actor but a holder would become their gatekeeper, so only
// holders are their targets. Proposed are the NearTargets targets 2 or 3 steps from p
// (friends of friends, the most natural introductions), nearest first, then
// holders before their neighbours, then those sharing a group with p, then
// by id; and the FarTargets targets further away or out of p's reach (so
// that isolated people and people in parts of the network without power
// get proposals too), those sharing a group with p first, then holders,
// then the best-connected (most ties), then by id. A pair proposed twice is
// evaluated once. At most 5·MaxPeople introductions; generation costs one
// search of depth 3 per person and one pass over the targets.
//
// Invitations. Each community member who holds no seat and is unheard or
// CONSULTED_ONLY, most unheard first up to MaxPeople, is proposed for one
// decision-making forum: first one that affects a group of theirs with no
// member of that group on a seat ("nothing about us without us"), then one
// that affects a group of theirs, then one that names no group (its work
// affects everyone in the place), and last one that affects only groups
// the person is not in (see OtherGroups); among equals, the forum with
// fewest seats, then by id. Every invitation of one person changes the
// figures alike (a person becomes a holder of one seat), so one forum each
// keeps the ranking from listing one person many times.
const (
	// MaxPeople is the number of community members, most unheard first,
	// for whom introductions are proposed, and again for invitations.
	MaxPeople = 500
	// NearTargets is the number of introductions proposed per person to
	// actors 2 or 3 steps away.
	NearTargets = 3
	// FarTargets is the number proposed per person to actors further away
	// or out of reach.
	FarTargets = 2
	// nearDepth is the depth of the search for near targets.
	nearDepth = 3
)

// candidate is one change to evaluate.
type candidate struct {
	kind   Kind
	a, b   int // introduction
	person int // invitation
	forum  int
	groups []string
}

// candidates lists the changes to evaluate, in a fixed order, by the
// rules documented on MaxPeople.
func (b *baseline) candidates() []candidate {
	var out []candidate
	targets := b.targets()
	seen := make(map[[2]int]bool)
	near := newBFS(b.n)
	peopleIntro, peopleInvite := 0, 0
	for _, vo := range b.voices {
		p := vo.Node
		if !b.in.Community[p] || b.holders[p] {
			continue
		}
		if vo.Unheard() && peopleIntro < MaxPeople {
			peopleIntro++
			for _, t := range b.introductions(p, targets, near) {
				key := [2]int{min(p, t), max(p, t)}
				if !seen[key] {
					seen[key] = true
					out = append(out, candidate{kind: Introduction, a: p, b: t, person: -1, forum: -1})
				}
			}
		}
		if (vo.Unheard() || vo.Has(voice.ConsultedOnly)) && peopleInvite < MaxPeople {
			if f, groups := b.forumFor(p); f >= 0 {
				peopleInvite++
				out = append(out, candidate{kind: Invitation, a: -1, b: -1, person: p, forum: f, groups: groups})
			}
		}
	}
	return out
}

// targets returns the actors near power (hop distance 0 or 1), holders
// first, then by ties descending, then by id.
func (b *baseline) targets() []int {
	var ts []int
	for v, h := range b.hops {
		if h == 0 || h == 1 {
			ts = append(ts, v)
		}
	}
	slices.SortFunc(ts, func(x, y int) int {
		return cmp.Or(cmp.Compare(b.hops[x], b.hops[y]), cmp.Compare(b.degree(y), b.degree(x)), b.compareIDs(x, y))
	})
	return ts
}

// compareIDs orders two nodes by id, then index.
func (b *baseline) compareIDs(x, y int) int {
	return cmp.Or(cmp.Compare(b.in.Voice.IDs[x], b.in.Voice.IDs[y]), cmp.Compare(x, y))
}

// introductions returns the targets proposed for p (see candidates).
func (b *baseline) introductions(p int, targets []int, near *bfs) []int {
	near.run(overlay{g: b.g, a: -1, b: -1}, int32(p), nearDepth)
	defer near.reset()
	last, cut := b.lastGate[p], b.hops[p] < 0
	ok := func(t int) bool {
		return t != p && t != last && near.dist[t] != 1 && (!cut || b.hops[t] == 0)
	}
	var close []int
	for _, z := range near.order {
		if t := int(z); near.dist[z] >= 2 && b.hops[t] <= 1 && b.hops[t] >= 0 && ok(t) {
			close = append(close, t)
		}
	}
	slices.SortFunc(close, func(x, y int) int {
		return cmp.Or(cmp.Compare(near.dist[x], near.dist[y]), cmp.Compare(b.hops[x], b.hops[y]),
			cmp.Compare(b2i(b.shares(p, y)), b2i(b.shares(p, x))), b.compareIDs(x, y))
	})
	out := close[:min(len(close), NearTargets)]
	far := 0
	for _, sharing := range []bool{true, false} {
		for _, t := range targets {
			if far == FarTargets {
				return out
			}
			if near.dist[t] < 0 && ok(t) && b.shares(p, t) == sharing {
				out = append(out, t)
				far++
			}
		}
	}
	return out
}

// shares reports whether x and y have a group tag in common.
func (b *baseline) shares(x, y int) bool {
	for _, g := range b.in.Groups[x] {
		if slices.Contains(b.in.Groups[y], g) {
			return true
		}
	}
	return false
}

// forumFor returns the forum to invite p to and the groups of p it
// affects (see candidates), or -1 when no forum in scope makes decisions.
func (b *baseline) forumFor(p int) (int, []string) {
	best, bestRank, bestSeats := -1, 0, 0
	var bestGroups []string
	for f, fo := range b.in.Forums {
		if !fo.DecisionMaking {
			continue
		}
		var groups []string
		rank := 2 // names no group: affects everyone
		if len(fo.AffectsGroups) > 0 {
			rank = 3 // affects only groups p is not in
		}
		for _, g := range b.in.Groups[p] {
			if !slices.Contains(fo.AffectsGroups, g) || slices.Contains(groups, g) {
				continue
			}
			groups = append(groups, g)
			rank = min(rank, 1)
			if !b.seatedGroup(fo, g) {
				rank = 0
			}
		}
		seats := len(fo.Seated)
		c := 0
		if best >= 0 {
			c = cmp.Or(cmp.Compare(rank, bestRank), cmp.Compare(seats, bestSeats),
				cmp.Compare(fo.ID, b.in.Forums[best].ID))
		}
		if best < 0 || c < 0 {
			best, bestRank, bestSeats, bestGroups = f, rank, seats, groups
		}
	}
	slices.Sort(bestGroups)
	return best, bestGroups
}

// seatedGroup reports whether some holder of a seat on fo carries group g.
func (b *baseline) seatedGroup(fo Forum, g string) bool {
	for _, v := range fo.Seated {
		if slices.Contains(b.in.Groups[v], g) {
			return true
		}
	}
	return false
}

// b2i is 1 for true, 0 for false.
func b2i(x bool) int {
	if x {
		return 1
	}
	return 0
}

// OtherGroups reports whether r invites a person into a forum that names
// the groups its work affects, none of them the person's: a seat on
// decisions about other people's lives. Such invitations rank after every
// other recommendation (see Recommend), whatever their gain.
func (in Input) OtherGroups(r Recommendation) bool {
	return r.Kind == Invitation && len(r.Groups) == 0 && len(in.Forums[r.Forum].AffectsGroups) > 0
}
