package service

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/participation"
	"github.com/voicemap/voicemap/analysis/power"
	"github.com/voicemap/voicemap/analysis/voice"
	"github.com/voicemap/voicemap/store"
)

// TopShareFraction is the top fraction of actors whose share of all
// betweenness PowerReport.TopShare gives: the top 5%, at least one actor.
const TopShareFraction = 0.05

// MaxBrokers is the number of brokers a PowerReport lists.
const MaxBrokers = 20

// PowerReport describes how concentrated power is in a scope on a date.
type PowerReport struct {
	// Actors is the number of actors in scope.
	Actors int
	// DegreeCentralization and BetweennessCentralization are Freeman's
	// centralization (0 evenly spread .. 1 a star), as igraph's
	// centralization_degree and centralization_betweenness.
	DegreeCentralization      float64
	BetweennessCentralization float64
	// BetweennessGini and PageRankGini are the Gini coefficients of
	// betweenness and PageRank across the actors in scope.
	BetweennessGini float64
	PageRankGini    float64
	// TopShare is the share of all betweenness held by the top
	// TopShareActors actors (TopShareFraction of them, at least one).
	TopShare       float64
	TopShareActors int
	Seats          SeatReport
	Gatekeepers    []Gatekeeper
	Brokers        []Broker
	// Approximate reports whether betweenness, and every figure drawn from
	// it, was estimated rather than computed exactly; ErrorBound is then
	// the bound on the absolute error of each normalised betweenness.
	Approximate bool
	ErrorBound  *float64
}

// SeatReport describes how concentrated the decision seats of a scope are
// (participation.Seats).
type SeatReport struct {
	Seats           int
	HHI             float64
	MajorityHolders int
	// The shares of all seats held by each kind of holder.
	ProfessionalShare float64
	CommunityShare    float64
	OrganisationShare float64
	// Holders is the number of distinct seat holders, HolderList the
	// holders, most seats first, then by id.
	Holders    int
	HolderList []SeatHolder
}

// SeatHolder is an actor holding decision seats.
type SeatHolder struct {
	Actor store.Actor
	Kind  participation.HolderKind
	Seats int
}

// Gatekeeper is an articulation point of the network with the number of
// community members who would lose every path to decision power without
// it.
type Gatekeeper struct {
	Actor   store.Actor
	CutsOff int
}

// Broker is an actor spanning structural holes: Burt's constraint (low:
// a broker) and effective size of its ego network.
type Broker struct {
	Actor         store.Actor
	Constraint    float64
	EffectiveSize float64
}

// betweenness is the one place the power indices read betweenness from:
// unweighted, normalised as NetworkX's betweenness_centrality, by node,
// shared with (and cached as) the centrality query's BETWEENNESS. On a
// scope the scale policy finds large it is estimated (ScalePolicy), and
// the result says so with its error bound, which PowerReport reports.
func (s *Service) betweenness(ctx context.Context, scope store.Scope, acc Accuracy) (nodeScores, *network, error) {
	return s.scoresByNode(ctx, scope, analysis.Betweenness, acc)
}

// scoresByNode returns the cached unweighted centrality m of every node of
// the scope's network, in node order, computed as acc asks, and whether it
// was estimated.
func (s *Service) scoresByNode(ctx context.Context, scope store.Scope, m analysis.Measure, acc Accuracy) (nodeScores, *network, error) {
	nw, err := s.network(ctx, scope)
	if err != nil {
		return nodeScores{}, nil, err
	}
	ranked, err := s.centrality(ctx, scope, m, false, acc)
	if err != nil {
		return nodeScores{}, nil, err
	}
	scores := make([]float64, len(nw.actors))
	same := len(ranked) == len(nw.actors)
	for _, r := range ranked {
		i, ok := nw.index[r.Actor.ID()]
		if !ok {
			same = false
			break
		}
		scores[i] = max(r.Score, 0) // clears a -0 or a rounding residue below 0
	}
	if !same {
		// A write came between the two cached reads: score this network.
		ns, err := s.measureAs(ctx, nw, m, false, acc)
		return ns, nw, err
	}
	out := nodeScores{scores: scores}
	if len(ranked) > 0 {
		out.approximate, out.errorBound = ranked[0].Approximate, ranked[0].ErrorBound
	}
	return out, nw, nil
}

// powerIndices are the network-wide indices of PowerReport that powerTrend
// follows, cached per scope and date.
type powerIndices struct {
	actors                                   int
	degreeCentralization, betweennessCentral float64
	betweennessGini, pageRankGini, topShare  float64
	topShareActors                           int
	approximate                              bool
	errorBound                               *float64
}

// indices computes the centralization, Gini and top-share indices of a
// scope:
//
//	degreeCentralization      = power.DegreeCentralization(g)
//	betweennessCentralization = Σ_i (b_max − b_i) / (n − 1)   (b normalised; 0 for n < 3)
//	betweennessGini, pageRankGini = power.Gini over every actor in scope
//	topShare = power.TopShare(b, 0.05)
//
// All are unweighted: they describe who is tied to whom, not how strongly.
// Isolated actors count, with betweenness 0.
func (s *Service) indices(ctx context.Context, scope store.Scope, acc Accuracy) (powerIndices, error) {
	v, err := s.cache.get(ctx, scopeKey(scope, "power/indices"+acc.suffix()), func(ctx context.Context) (computed, error) {
		b, nw, err := s.betweenness(ctx, scope, acc)
		if err != nil {
			return computed{}, err
		}
		pr, _, err := s.scoresByNode(ctx, scope, analysis.PageRank, Accuracy{})
		if err != nil {
			return computed{}, err
		}
		n := nw.graph.Order()
		ix := powerIndices{
			actors:               n,
			degreeCentralization: power.DegreeCentralization(nw.graph),
			betweennessGini:      finite(power.Gini(b.scores)),
			pageRankGini:         finite(power.Gini(pr.scores)),
			topShare:             finite(power.TopShare(b.scores, TopShareFraction)),
			topShareActors:       power.TopCount(n, TopShareFraction),
			approximate:          b.approximate,
			errorBound:           b.errorBound,
		}
		if n >= 3 {
			// Normalised betweenness is raw / ((n−1)(n−2)/2), so igraph's
			// maximum (n−1)²(n−2)/2 on raw values becomes n−1.
			ix.betweennessCentral = power.FreemanCentralization(b.scores, float64(n-1))
		}
		return nw.computed(ix), nil
	})
	if err != nil {
		return powerIndices{}, err
	}
	return v.(powerIndices), nil
}

// finite turns NaN (the inequality measures' answer to a negative input,
// which centralities never give) into 0, so a client is never sent NaN.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// PowerConcentration reports how concentrated power is in the scope on the
// date: Freeman centralization of degree and betweenness, the Gini
// coefficients of betweenness and PageRank, the top-5% share of
// betweenness (see indices); the decision seats (participation.Seats); the
// gatekeepers, every articulation point of the network with the number of
// community members who would lose every path to a decision holder without
// it (power.Gatekeepers: a decision holder that is an articulation point
// counts too, since removing it removes that power), sorted by that number
// descending then id, including those that cut off no one; and the
// MaxBrokers actors of lowest Burt constraint (unweighted, as
// nx.constraint(G)), ties by id, isolated actors skipped (their constraint
// is undefined). Betweenness is computed as acc (at most one) asks, or as
// the scale policy decides (see Centrality). Results are cached per scope,
// date and accuracy; betweenness and PageRank are shared with the
// centrality query's cache.
//
// Errors: ENOTFOUND for an unknown place, EINVALID for a scope above the
// caps, an invalid accuracy or an answer costing more than the policy's
// cap.
func (s *Service) PowerConcentration(ctx context.Context, scope store.Scope, acc ...Accuracy) (PowerReport, error) {
	return run(ctx, s, "PowerConcentration", func(a *access) (PowerReport, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return PowerReport{}, err
		}
		want, err := oneAccuracy(acc)
		if err != nil {
			return PowerReport{}, err
		}
		v, err := s.cache.get(ctx, scopeKey(scope, "power"+want.suffix()), func(ctx context.Context) (computed, error) {
			ix, err := s.indices(ctx, scope, want)
			if err != nil {
				return computed{}, err
			}
			seats, nw, err := s.seatReport(ctx, scope)
			if err != nil {
				return computed{}, err
			}
			if err := ctx.Err(); err != nil {
				return computed{}, err
			}
			gates, err := gatekeepers(nw)
			if err != nil {
				return computed{}, err
			}
			if err := ctx.Err(); err != nil {
				return computed{}, err
			}
			return nw.computed(PowerReport{
				Actors:                    ix.actors,
				DegreeCentralization:      ix.degreeCentralization,
				BetweennessCentralization: ix.betweennessCentral,
				BetweennessGini:           ix.betweennessGini,
				PageRankGini:              ix.pageRankGini,
				TopShare:                  ix.topShare,
				TopShareActors:            ix.topShareActors,
				Seats:                     seatReport(nw, seats),
				Gatekeepers:               gates,
				Brokers:                   brokers(nw),
				Approximate:               ix.approximate,
				ErrorBound:                ix.errorBound,
			}), nil
		})
		if err != nil {
			return PowerReport{}, err
		}
		return v.(PowerReport), nil
	})
}

// seatReport maps a participation.SeatReport to actors.
func seatReport(nw *network, r participation.SeatReport) SeatReport {
	out := SeatReport{
		Seats: r.Seats, HHI: r.HHI, MajorityHolders: r.Majority,
		ProfessionalShare: r.ProfessionalShare, CommunityShare: r.CommunityShare, OrganisationShare: r.OrganisationShare,
		Holders: len(r.Holders), HolderList: make([]SeatHolder, 0, len(r.Holders)),
	}
	for _, h := range r.Holders {
		// The snapshot holds only participations of actors in scope.
		if i, ok := nw.index[h.ActorID]; ok {
			out.HolderList = append(out.HolderList, SeatHolder{Actor: nw.actors[i], Kind: h.Kind, Seats: h.Seats})
		}
	}
	return out
}

// gatekeepers returns the articulation points of the network with the
// community members each cuts off from every decision holder.
func gatekeepers(nw *network) ([]Gatekeeper, error) {
	members := make([]bool, len(nw.actors))
	for i, a := range nw.actors {
		members[i] = a.Person != nil && a.Person.Capacity == store.CapacityCommunity
	}
	holders := voice.Holders(voiceInput(nw).Participations)
	gs, err := power.Gatekeepers(nw.graph, members, holders)
	if err != nil {
		return nil, fmt.Errorf("service: gatekeepers: %w", err)
	}
	out := make([]Gatekeeper, len(gs))
	for i, g := range gs {
		out[i] = Gatekeeper{Actor: nw.actors[g.Node], CutsOff: g.Separated}
	}
	return out, nil
}

// brokers returns the MaxBrokers actors of lowest constraint.
func brokers(nw *network) []Broker {
	c := power.Constraint(nw.graph, false)
	e := power.EffectiveSize(nw.graph, false)
	out := make([]Broker, 0, len(c))
	for i := range c {
		if math.IsNaN(c[i]) || math.IsNaN(e[i]) {
			continue // isolated
		}
		out = append(out, Broker{Actor: nw.actors[i], Constraint: c[i], EffectiveSize: e[i]})
	}
	slices.SortStableFunc(out, func(a, b Broker) int {
		if !tied(a.Constraint, b.Constraint) {
			return cmp.Compare(a.Constraint, b.Constraint)
		}
		return strings.Compare(a.Actor.ID(), b.Actor.ID())
	})
	return out[:min(len(out), MaxBrokers)]
}
