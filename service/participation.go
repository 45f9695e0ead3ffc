package service

import (
	"context"
	"slices"

	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/participation"
	"github.com/voicemap/voicemap/store"
)

// participationScope adapts a network to participation.Scope: its people
// with capacity and groups, its organisations, its forums and the
// participations active on the date, and the population of its places.
func participationScope(nw *network) participation.Scope {
	snap := nw.net
	s := participation.Scope{
		People:         make([]participation.Person, len(snap.People)),
		Organisations:  make([]string, len(snap.Organisations)),
		Forums:         make([]participation.Forum, len(snap.Forums)),
		Participations: make([]participation.Participation, 0, len(snap.Participations)),
		Population:     population(snap.Places),
	}
	for i, p := range snap.People {
		s.People[i] = participation.Person{ID: p.ID, Capacity: ladder.Capacity(p.Capacity), Groups: p.Groups}
	}
	for i, o := range snap.Organisations {
		s.Organisations[i] = o.ID
	}
	for i, f := range snap.Forums {
		s.Forums[i] = participation.Forum{ID: f.ID, DecisionMaking: f.DecisionMaking, AffectsGroups: f.AffectsGroups}
	}
	for _, p := range snap.Participations {
		level, stage := p.Level.Rank(), p.JoinedAtStage.Rank()
		if level < 0 || stage < 0 {
			continue // the store validated both enums
		}
		s.Participations = append(s.Participations, participation.Participation{
			ActorID: p.ActorID, ForumID: p.ForumID, Level: ladder.Level(level), Stage: ladder.Stage(stage),
		})
	}
	return s
}

// population sums the census figures of the leaf places in scope (those
// with no child place) that record a population by group: ByGroup adds
// their counts group by group, and Total their populations. A parent's own
// figures are not used, so that a town and its neighbourhoods are never
// counted twice. When one of those places records groups but no
// population, Total is 0, and participation.Representation falls back to
// the sum of ByGroup as the denominator.
func population(places []store.Place) participation.Population {
	parents := make(map[string]bool, len(places))
	for _, p := range places {
		if p.ParentID != "" {
			parents[p.ParentID] = true
		}
	}
	var pop participation.Population
	known := true
	for _, p := range places {
		if parents[p.ID] || len(p.PopulationByGroup) == 0 {
			continue
		}
		if pop.ByGroup == nil {
			pop.ByGroup = make(map[string]int)
		}
		for g, n := range p.PopulationByGroup {
			pop.ByGroup[g] += n
		}
		if p.Population == nil {
			known = false
		} else {
			pop.Total += *p.Population
		}
	}
	if !known {
		pop.Total = 0
	}
	return pop
}

// seatReport returns the cached participation.Seats of a scope, with the
// network its actor ids refer to.
func (s *Service) seatReport(ctx context.Context, scope store.Scope) (participation.SeatReport, *network, error) {
	type seats struct {
		nw     *network
		report participation.SeatReport
	}
	v, err := s.cache.get(ctx, scopeKey(scope, "seats"), func(ctx context.Context) (computed, error) {
		nw, err := s.network(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		return nw.computed(seats{nw: nw, report: participation.Seats(participationScope(nw))}), nil
	})
	if err != nil {
		return participation.SeatReport{}, nil, err
	}
	r := v.(seats)
	return r.report, r.nw, nil
}

// GroupRepresentation is how one group is represented where decisions are
// made (participation.GroupRepresentation), with its representatives.
type GroupRepresentation struct {
	Group string
	// Members counts the people in scope carrying the tag, of any capacity;
	// CommunityMembers those who are community members.
	Members          int
	CommunityMembers int
	CommunityShare   float64
	ShareSource      participation.ShareSource
	Seats            int
	SeatShare        float64
	// Ratio is SeatShare / CommunityShare, nil when CommunityShare is 0.
	Ratio           *float64
	Representatives int
	// RepresentativePeople are the members holding a decision seat, most
	// seats first, then by id.
	RepresentativePeople []store.Person
	// TopSeats is the most seats held by one member of the group.
	TopSeats          int
	Token             bool
	InvolvedFromStart bool
}

// Representation returns one row per group tag in scope (carried by a
// person, or recorded in a place's population by group), sorted by tag,
// as participation.Representation defines it: the group's share of the
// community from the population by group of the leaf places in scope
// (see population) where recorded, else from the community members in the
// store; its share of decision seats; the ratio; its representatives and
// the token and from-the-start flags. Results are cached per scope and
// date. Errors: ENOTFOUND for an unknown place.
func (s *Service) Representation(ctx context.Context, scope store.Scope) ([]GroupRepresentation, error) {
	return run(ctx, s, "Representation", func(a *access) ([]GroupRepresentation, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return nil, err
		}
		v, err := s.cache.get(ctx, scopeKey(scope, "representation"), func(ctx context.Context) (computed, error) {
			nw, err := s.network(ctx, scope)
			if err != nil {
				return computed{}, err
			}
			ps := participationScope(nw)
			seats := participation.Seats(ps)
			rows := participation.Representation(ps)
			out := make([]GroupRepresentation, len(rows))
			for i, r := range rows {
				out[i] = GroupRepresentation{
					Group: r.Group, Members: r.Members, CommunityMembers: r.CommunityMembers,
					CommunityShare: r.CommunityShare, ShareSource: r.ShareSource,
					Seats: r.Seats, SeatShare: r.SeatShare, Ratio: r.Ratio,
					Representatives: r.Representatives, TopSeats: r.TopSeats,
					Token: r.Token, InvolvedFromStart: r.InvolvedFromStart,
					RepresentativePeople: representatives(nw, seats.Holders, r.Group),
				}
			}
			return nw.computed(out), nil
		})
		if err != nil {
			return nil, err
		}
		return v.([]GroupRepresentation), nil
	})
}

// representatives returns the people among holders carrying group, in the
// holders' order.
func representatives(nw *network, holders []participation.Holder, group string) []store.Person {
	out := []store.Person{}
	for _, h := range holders {
		i, ok := nw.index[h.ActorID]
		if !ok {
			continue
		}
		if p := nw.actors[i].Person; p != nil && slices.Contains(p.Groups, group) {
			out = append(out, *p)
		}
	}
	return out
}

// Exclusion is a decision-making forum that decides about a group with no
// member of that group holding a seat on it.
type Exclusion struct {
	Forum store.Forum
	Group string
	// Present are the members of the group who take part in the forum
	// below CO_PRODUCE (informed, consulted or co-designing), by id.
	Present []store.Actor
}

// NothingAboutUsWithoutUs returns the (forum, group) pairs of every
// decision-making forum in scope and every group it affects with no member
// of the group at CO_PRODUCE or LEAD on that forum, sorted by forum id then
// group (participation.NothingAboutUsWithoutUs). Results are cached per
// scope and date. Errors: ENOTFOUND for an unknown place.
func (s *Service) NothingAboutUsWithoutUs(ctx context.Context, scope store.Scope) ([]Exclusion, error) {
	return run(ctx, s, "NothingAboutUsWithoutUs", func(a *access) ([]Exclusion, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return nil, err
		}
		v, err := s.cache.get(ctx, scopeKey(scope, "nothingabout"), func(ctx context.Context) (computed, error) {
			nw, err := s.network(ctx, scope)
			if err != nil {
				return computed{}, err
			}
			forums := make(map[string]store.Forum, len(nw.net.Forums))
			for _, f := range nw.net.Forums {
				forums[f.ID] = f
			}
			// participants of each forum, by id (the snapshot is sorted by
			// participation id, not actor).
			participants := make(map[string][]string)
			for _, p := range nw.net.Participations {
				participants[p.ForumID] = append(participants[p.ForumID], p.ActorID)
			}
			exclusions := participation.NothingAboutUsWithoutUs(participationScope(nw))
			out := make([]Exclusion, 0, len(exclusions))
			for _, e := range exclusions {
				ids := slices.Clone(participants[e.ForumID])
				slices.Sort(ids)
				present := []store.Actor{}
				for _, id := range slices.Compact(ids) {
					i, ok := nw.index[id]
					if ok && nw.actors[i].Person != nil && slices.Contains(nw.actors[i].Person.Groups, e.Group) {
						present = append(present, nw.actors[i])
					}
				}
				out = append(out, Exclusion{Forum: forums[e.ForumID], Group: e.Group, Present: present})
			}
			return nw.computed(out), nil
		})
		if err != nil {
			return nil, err
		}
		return v.([]Exclusion), nil
	})
}
