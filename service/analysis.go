package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/store"
)

// CommunitySeed seeds Louvain, so the same network always gives the same
// communities.
const CommunitySeed int64 = 1

// ActorScore is an actor's centrality score and its rank.
type ActorScore struct {
	Actor store.Actor
	Score float64
	// Rank is the 1-based competition rank ("1, 2, 2, 4"); see rankScores.
	Rank int
	// Approximate reports whether the score was estimated by sampling
	// (BETWEENNESS and HARMONIC on a large scope or with an ε asked for,
	// see ScalePolicy); the same for every actor of one answer. ErrorBound is then the bound, with
	// probability at least 1 − δ (DefaultScaleDelta), on the absolute error
	// of every score of the answer at once, on the scale of the scores; nil
	// when exact.
	Approximate bool
	ErrorBound  *float64
}

// Community is one community of a partition.
type Community struct {
	// ID is "c1", "c2", ... in the order of the report.
	ID   string
	Size int
	// Members are sorted by id.
	Members []store.Actor
}

// CommunityReport is a Louvain partition and its modularity.
type CommunityReport struct {
	Modularity float64
	// Communities are sorted by size descending, then by their first
	// member's id.
	Communities []Community
}

// NetworkSummary describes the network of actors in a scope.
type NetworkSummary struct {
	// Actors counts people and organisations.
	Actors int
	// Relationships counts relationship records.
	Relationships int
	// Ties counts distinct tied pairs (parallel relationships merged).
	Ties              int
	Density           float64
	Components        int
	AverageDegree     float64
	AverageClustering float64
}

func scopeKey(scope store.Scope, op string) cacheKey {
	k := cacheKey{place: scope.PlaceID, op: op}
	if scope.Source != "" {
		k.op += "/source=" + string(scope.Source)
	}
	if scope.AsOf != nil {
		k.asOf = scope.AsOf.UTC().Format(time.DateOnly)
	}
	return k
}

// Centrality returns every actor in scope with its score by measure m,
// sorted by score descending then id, with competition ranks. Path lengths
// are 1/weight when weighted. BETWEENNESS, CLOSENESS and HARMONIC are
// computed as the scale policy decides from their estimated cost and acc
// (at most one; none lets the policy decide, see Accuracy and
// ScalePolicy.Decide): exactly, or, for betweenness and harmonic
// centrality, estimated, and every score then says so. Results are cached
// per scope, date, measure, weighting and accuracy; callers must not
// modify the returned slice. Long computations report their progress to
// the function of analysis.WithProgress in ctx, if any (the first caller's,
// when several wait for one computation). Errors: ENOTFOUND for an unknown
// place, EINVALID for an unknown measure, an invalid accuracy, an answer
// costing more than the policy's cap, or a scope above the caps.
func (s *Service) Centrality(ctx context.Context, scope store.Scope, m analysis.Measure, weighted bool, acc ...Accuracy) ([]ActorScore, error) {
	return run(ctx, s, "Centrality", func(a *access) ([]ActorScore, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return nil, err
		}
		want, err := oneAccuracy(acc)
		if err != nil {
			return nil, err
		}
		return s.centrality(ctx, scope, m, weighted, want)
	})
}

// centrality is Centrality without the authorization, for the analyses
// built on it (whose own callers are authorized). A request is cached under
// its own key; one the policy answers exactly is answered from the key of
// Accuracy{Exact: true}, so that asking for exact values where the policy
// would give them anyway computes them once.
func (s *Service) centrality(ctx context.Context, scope store.Scope, m analysis.Measure, weighted bool, acc Accuracy) ([]ActorScore, error) {
	if !slices.Contains(analysis.Measures, m) {
		return nil, store.Errorf(store.EINVALID, "unknown centrality measure %q", m)
	}
	if err := acc.validate(); err != nil {
		return nil, err
	}
	if !costly(m) {
		acc = Accuracy{} // always exact
	}
	op := "centrality/" + string(m)
	if weighted {
		op += "/weighted"
	}
	v, err := s.cache.get(ctx, scopeKey(scope, op+acc.suffix()), func(ctx context.Context) (computed, error) {
		nw, err := s.network(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		d, err := s.scale.Decide(m, weighted, shapeOf(nw.graph), acc)
		if err != nil {
			return computed{}, err
		}
		if exact := (Accuracy{Exact: true}); costly(m) && !d.Estimate && acc != exact {
			ranked, err := s.centrality(ctx, scope, m, weighted, exact)
			if err != nil {
				return computed{}, err
			}
			return nw.computed(ranked), nil
		}
		ns, err := s.measure(ctx, nw, m, weighted, d)
		if err != nil {
			return computed{}, err
		}
		ranked := rankScores(nw.actors, ns.scores)
		for i := range ranked {
			ranked[i].Approximate, ranked[i].ErrorBound = ns.approximate, ns.errorBound
		}
		return nw.computed(ranked), nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]ActorScore), nil
}

// Communities partitions the actors in scope with Louvain (seed
// CommunitySeed). Results are cached; callers must not modify them.
func (s *Service) Communities(ctx context.Context, scope store.Scope) (CommunityReport, error) {
	return run(ctx, s, "Communities", func(a *access) (CommunityReport, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return CommunityReport{}, err
		}
		p, err := s.partition(ctx, scope)
		if err != nil {
			return CommunityReport{}, err
		}
		if !a.personLevel() {
			return withoutPeople(p.report), nil
		}
		return p.report, nil
	})
}

// partition is the Louvain partition of a scope's network with the
// network it was computed on, so that what is built on it (the layouts)
// indexes the same actors.
type partition struct {
	nw     *network
	report CommunityReport
	// of maps node i of nw to its community's index in report.Communities.
	of []int32
}

// partition returns the cached Louvain partition (seed CommunitySeed) of
// the scope's network.
func (s *Service) partition(ctx context.Context, scope store.Scope) (*partition, error) {
	v, err := s.cache.get(ctx, scopeKey(scope, "communities"), func(ctx context.Context) (computed, error) {
		nw, err := s.network(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		res, err := analysis.Communities(ctx, nw.graph, CommunitySeed)
		if err != nil {
			return computed{}, fmt.Errorf("service: communities: %w", err)
		}
		rep := communityReport(nw.actors, res)
		of := make([]int32, len(nw.actors))
		for c, comm := range rep.Communities {
			for _, m := range comm.Members {
				of[nw.index[m.ID()]] = int32(c)
			}
		}
		return nw.computed(&partition{nw: nw, report: rep, of: of}), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*partition), nil
}

// Summary describes the network in scope. Results are cached.
func (s *Service) Summary(ctx context.Context, scope store.Scope) (NetworkSummary, error) {
	return run(ctx, s, "Summary", func(a *access) (NetworkSummary, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return NetworkSummary{}, err
		}
		v, err := s.cache.get(ctx, scopeKey(scope, "summary"), func(ctx context.Context) (computed, error) {
			nw, err := s.network(ctx, scope)
			if err != nil {
				return computed{}, err
			}
			sum, err := analysis.Summarize(ctx, nw.graph)
			if err != nil {
				return computed{}, fmt.Errorf("service: summary: %w", err)
			}
			return nw.computed(NetworkSummary{
				Actors:            sum.Nodes,
				Relationships:     nw.relationships,
				Ties:              sum.Edges,
				Density:           sum.Density,
				Components:        sum.Components,
				AverageDegree:     sum.AverageDegree,
				AverageClustering: sum.AverageClustering,
			}), nil
		})
		if err != nil {
			return NetworkSummary{}, err
		}
		return v.(NetworkSummary), nil
	})
}

// communityReport maps a partition of node indices to actors.
func communityReport(actors []store.Actor, res analysis.CommunityResult) CommunityReport {
	comms := make([][]int, 0, len(res.Communities))
	for _, c := range res.Communities {
		if len(c) == 0 {
			continue
		}
		c = slices.Clone(c)
		slices.Sort(c) // indices follow actor ids
		comms = append(comms, c)
	}
	slices.SortFunc(comms, func(a, b []int) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(actors[a[0]].ID(), actors[b[0]].ID())
	})
	out := CommunityReport{Modularity: res.Modularity, Communities: make([]Community, len(comms))}
	for i, c := range comms {
		members := make([]store.Actor, len(c))
		for j, k := range c {
			members[j] = actors[k]
		}
		out.Communities[i] = Community{ID: fmt.Sprintf("c%d", i+1), Size: len(c), Members: members}
	}
	return out
}

// withoutPeople returns a copy of rep whose communities list only their
// organisations (sizes unchanged): the view of a principal who may not see
// person-level data.
func withoutPeople(rep CommunityReport) CommunityReport {
	out := CommunityReport{Modularity: rep.Modularity, Communities: make([]Community, len(rep.Communities))}
	for i, c := range rep.Communities {
		members := []store.Actor{}
		for _, m := range c.Members {
			if m.Person == nil {
				members = append(members, m)
			}
		}
		out.Communities[i] = Community{ID: c.ID, Size: c.Size, Members: members}
	}
	return out
}
