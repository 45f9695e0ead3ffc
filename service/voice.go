package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/voice"
	"github.com/voicemap/voicemap/store"
)

// UnheardVoice is a community member whose voice may go unheard, with the
// reasons found by voice.Unheard.
type UnheardVoice struct {
	Person store.Person
	// Score combines Reasons in [0, 1] (voice.Score).
	Score   float64
	Reasons []voice.Reason
	// PathToPower is the shortest chain, in steps, from the person to the
	// nearest decision holder in scope, both included; empty when none can
	// be reached.
	PathToPower []store.Actor
	// Gatekeeper is the one intermediary every path to power passes
	// through (SINGLE_GATEKEEPER), or nil.
	Gatekeeper *store.Actor
	// HopsToPower is the number of steps to the nearest decision holder
	// (0 for a holder), nil when none can be reached.
	HopsToPower *int
	// Unheard reports whether the person counts among the unheard voices
	// of powerTrend (voice.Voice.Unheard): a non-holder with a network
	// reason (ISOLATED, PERIPHERAL, SINGLE_GATEKEEPER, FAR_FROM_POWER).
	Unheard bool
	// Approximate reports whether the harmonic centrality behind PERIPHERAL
	// (and behind the last tie-breaker of the order) was estimated, on a
	// scope the scale policy finds large (ScalePolicy); the same for every
	// voice of one scope and date.
	Approximate bool
}

// voiceReport is the verdict of voice.Unheard on every person of a scope on
// a date, cached per scope and date.
type voiceReport struct {
	nw     *network
	voices []voice.Voice // every person, most unheard first
	// approximate: the harmonic centrality the verdicts used was estimated.
	approximate bool
}

// routeMap is the routes to power of a scope on a date, cached per scope,
// date and weighting.
type routeMap struct {
	nw     *network
	routes *voice.Routes
}

// voiceInput adapts a network to voice.Input: node i is nw.actors[i], and
// each actor's participations in the scope's forums, active on the scope's
// date, carry their level, stage and whether the forum makes decisions.
func voiceInput(nw *network) voice.Input {
	n := len(nw.actors)
	person := make([]bool, n)
	ids := make([]string, n)
	for i, a := range nw.actors {
		person[i] = a.Person != nil
		ids[i] = a.ID()
	}
	deciding := make(map[string]bool, len(nw.net.Forums))
	for _, f := range nw.net.Forums {
		deciding[f.ID] = f.DecisionMaking
	}
	parts := make([][]voice.Participation, n)
	for _, p := range nw.net.Participations {
		v, ok := nw.index[p.ActorID]
		dm, inScope := deciding[p.ForumID]
		level, stage := p.Level.Rank(), p.JoinedAtStage.Rank()
		if !ok || !inScope || level < 0 || stage < 0 {
			continue // Snapshot promises actor and forum in scope; the store validated both enums.
		}
		parts[v] = append(parts[v], voice.Participation{Level: ladder.Level(level), Stage: ladder.Stage(stage), DecisionMaking: dm})
	}
	return voice.Input{Graph: nw.graph, IDs: ids, Person: person, Participations: parts}
}

// voices returns the cached voice report of a scope. Its harmonic
// centralities and core numbers are read from the centrality cache, the
// harmonic centrality computed as acc asks (so estimated where the scale
// policy says so when acc is the zero value).
func (s *Service) voices(ctx context.Context, scope store.Scope, acc Accuracy) (*voiceReport, error) {
	v, err := s.cache.get(ctx, scopeKey(scope, "voice"+acc.suffix()), func(ctx context.Context) (computed, error) {
		harmonic, nw, err := s.scoresByNode(ctx, scope, analysis.Harmonic, acc)
		if err != nil {
			return computed{}, err
		}
		coreness, nwCore, err := s.scoresByNode(ctx, scope, analysis.Coreness, Accuracy{})
		if err != nil {
			return computed{}, err
		}
		in := voiceInput(nw)
		in.Harmonic = harmonic.scores
		if nwCore == nw { // else a write came between the two reads: Unheard computes it on nw
			in.Coreness = coreness.scores
		}
		vs, err := voice.Unheard(ctx, in)
		if err != nil {
			return computed{}, fmt.Errorf("service: unheard voices: %w", err)
		}
		return nw.computed(&voiceReport{nw: nw, voices: vs, approximate: harmonic.approximate}), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*voiceReport), nil
}

// routes returns the cached routes to power of a scope: fewest steps, or
// strongest chain when weighted.
func (s *Service) routes(ctx context.Context, scope store.Scope, weighted bool) (*routeMap, error) {
	op := "routes"
	if weighted {
		op += "/weighted"
	}
	v, err := s.cache.get(ctx, scopeKey(scope, op), func(ctx context.Context) (computed, error) {
		nw, err := s.network(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		r, err := voice.NewRoutes(nw.graph, voice.Holders(voiceInput(nw).Participations), weighted)
		if err != nil {
			return computed{}, fmt.Errorf("service: routes to power: %w", err)
		}
		return nw.computed(&routeMap{nw: nw, routes: r}), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*routeMap), nil
}

// VoiceFilter narrows UnheardVoices: Group keeps the people carrying that
// group tag (all when empty); First is how many to return, 1 to
// store.MaxPageSize.
type VoiceFilter struct {
	Group string
	First int
}

// UnheardVoices returns the community members of the scope whose voices may
// go unheard, most unheard first (the order of voice.Unheard: score
// descending, then distance to power, harmonic centrality and id): only
// people with a score above 0, only community members (capacity
// COMMUNITY_MEMBER: the question is whose voices go unheard in the
// community, and a professional's distance from a board is their job's,
// not their voice's), and with f.Group only members of that group. Every
// actor in scope, organisations and professionals included, still counts
// in the network reasons; decision power comes only from the forums in
// scope (store.Snapshot). PathToPower is read from one routes computation
// per scope and date (cached), not one search per person. The harmonic
// centrality behind PERIPHERAL is computed as acc (at most one) asks, or as
// the scale policy decides (see Centrality).
//
// Errors: ENOTFOUND for an unknown place, EINVALID for First outside 1 to
// store.MaxPageSize, a scope above the caps, an invalid accuracy or an
// answer costing more than the policy's cap.
func (s *Service) UnheardVoices(ctx context.Context, scope store.Scope, f VoiceFilter, acc ...Accuracy) ([]UnheardVoice, error) {
	return run(ctx, s, "UnheardVoices", func(a *access) ([]UnheardVoice, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return nil, err
		}
		if f.First < 1 || f.First > store.MaxPageSize {
			return nil, store.Errorf(store.EINVALID, "first must be between 1 and %d, got %d", store.MaxPageSize, f.First)
		}
		want, err := oneAccuracy(acc)
		if err != nil {
			return nil, err
		}
		group := strings.TrimSpace(f.Group)
		rep, err := s.voices(ctx, scope, want)
		if err != nil {
			return nil, err
		}
		rm, err := s.routes(ctx, scope, false)
		if err != nil {
			return nil, err
		}
		if rm.nw != rep.nw {
			// A write came between the two cached reads: the routes' node
			// indices are another network's, so compute them on rep's.
			r, err := voice.NewRoutes(rep.nw.graph, voice.Holders(voiceInput(rep.nw).Participations), false)
			if err != nil {
				return nil, fmt.Errorf("service: routes to power: %w", err)
			}
			rm = &routeMap{nw: rep.nw, routes: r}
		}
		out := []UnheardVoice{}
		for _, v := range rep.voices {
			if len(out) == f.First || v.Score <= 0 {
				break // most unheard first: the rest score 0
			}
			p := rep.nw.actors[v.Node].Person
			if p == nil || p.Capacity != store.CapacityCommunity || (group != "" && !slices.Contains(p.Groups, group)) {
				continue
			}
			out = append(out, rep.unheardVoice(v, rm.routes))
		}
		return out, nil
	})
}

// unheardVoice maps a verdict to actors.
func (rep *voiceReport) unheardVoice(v voice.Voice, routes *voice.Routes) UnheardVoice {
	actors := rep.nw.actors
	u := UnheardVoice{
		Person:      *actors[v.Node].Person,
		Score:       v.Score,
		Reasons:     v.Reasons,
		PathToPower: nodeActors(actors, routes.Path(v.Node)),
		Unheard:     v.Unheard(),
		Approximate: rep.approximate,
	}
	if v.Gatekeeper >= 0 {
		g := actors[v.Gatekeeper]
		u.Gatekeeper = &g
	}
	if v.Hops >= 0 {
		h := v.Hops
		u.HopsToPower = &h
	}
	return u
}

// unheardCount returns the number of unheard voices among the community
// members of the scope (voice.Count): the figure powerTrend follows.
func (s *Service) unheardCount(ctx context.Context, scope store.Scope) (int, error) {
	rep, err := s.voices(ctx, scope, Accuracy{})
	if err != nil {
		return 0, err
	}
	var members []voice.Voice
	for _, v := range rep.voices {
		if p := rep.nw.actors[v.Node].Person; p != nil && p.Capacity == store.CapacityCommunity {
			members = append(members, v)
		}
	}
	return voice.Count(members), nil
}

// PathToPower returns the shortest chain of actors from the person to the
// nearest decision holder, both included, as of asOf: fewest steps, or,
// when weighted, the strongest chain (least Σ 1/strength). For an unscoped
// principal the chain runs in the whole network (every place), because
// decision power often sits in a forum of the town or authority above the
// person's neighbourhood, which a narrower scope would leave out. For a
// principal scoped to places it runs in the network of the principal's
// place that holds the person (the highest, when its places nest): only
// actors, ties and forums within it count, so a chain that would leave it
// reads as no chain at all, never as a shorter one. It returns [person]
// for a decision holder and nil when no holder can be reached. The routes
// are computed once per scope, date and weighting and cached.
//
// Errors: ENOTFOUND when no person has the id, or the person lies outside
// the principal's places or has withdrawn consent.
func (s *Service) PathToPower(ctx context.Context, personID string, asOf *time.Time, weighted bool) ([]store.Actor, error) {
	return run(ctx, s, "PathToPower", func(a *access) ([]store.Actor, error) {
		p, err := s.Person(ctx, personID)
		if err != nil {
			return nil, err
		}
		placeID, err := a.within(ctx, p.PlaceID)
		if err != nil {
			return nil, err
		}
		rm, err := s.routes(ctx, store.Scope{PlaceID: placeID, AsOf: asOf}, weighted)
		if err != nil {
			return nil, err
		}
		v, ok := rm.nw.index[personID]
		if !ok {
			return nil, nil // written after the cached network was taken
		}
		path := rm.routes.Path(v)
		if path == nil {
			return nil, nil
		}
		return nodeActors(rm.nw.actors, path), nil
	})
}

// nodeActors maps node indices to actors; nil gives an empty slice.
func nodeActors(actors []store.Actor, nodes []int) []store.Actor {
	out := make([]store.Actor, len(nodes))
	for i, v := range nodes {
		out[i] = actors[v]
	}
	return out
}
