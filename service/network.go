package service

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/store"
)

// Caps on the size of a scope an analysis accepts. Above them the analysis
// is refused with EINVALID, asking for a narrower place: at these sizes a
// betweenness run already takes minutes and the snapshot holds hundreds of
// megabytes.
const (
	MaxAnalysisActors        = 200_000
	MaxAnalysisRelationships = 2_000_000
)

// network is a scope's compact network (store.Network) turned into an
// analysis graph: node i is actors[i], the actors (people and
// organisations) sorted by id.
type network struct {
	// net is the network read, without its ties once the graph is built
	// (a million ties take 32 MB; RelationshipQuality reads them afresh).
	net *store.Network
	// relationships counts the ties read.
	relationships int
	actors        []store.Actor
	graph         *analysis.Graph
	// index maps an actor id to its node.
	index map[string]int
	// withdrawn holds the ids, sorted, of the people located in scope
	// whose consent is withdrawn (left out of everything else here).
	withdrawn []string
}

// loadNetwork reads the scope's compact network, drops the people whose
// consent is withdrawn with their ties and participations (consent.go),
// and builds its graph: one node per actor and one undirected edge per
// relationship, weighted by its strength (parallel relationships between
// one pair are summed by analysis.NewGraph, in the order of store.Network:
// by From end, then relationship id).
func (s *Service) loadNetwork(ctx context.Context, scope store.Scope) (*network, error) {
	net, err := s.st.Network(ctx, scope)
	if err != nil {
		return nil, err
	}
	var withdrawn []string
	for _, p := range net.People {
		if isWithdrawn(p) {
			withdrawn = append(withdrawn, p.ID)
		}
	}
	net = withoutWithdrawn(net)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := net.Actors()
	if n > MaxAnalysisActors {
		return nil, store.Errorf(store.EINVALID, "the scope holds %d actors, more than the %d an analysis accepts; choose a smaller placeId", n, MaxAnalysisActors)
	}
	if len(net.Ties) > MaxAnalysisRelationships {
		return nil, store.Errorf(store.EINVALID, "the scope holds %d relationships, more than the %d an analysis accepts; choose a smaller placeId", len(net.Ties), MaxAnalysisRelationships)
	}
	actors := make([]store.Actor, n)
	index := make(map[string]int, n)
	for k := range n {
		actors[k] = net.Actor(k)
		index[actors[k].ID()] = k
	}
	edges := make([]analysis.Edge, len(net.Ties))
	for i, t := range net.Ties {
		edges[i] = analysis.Edge{U: int(t.From), V: int(t.To), Weight: t.Weight}
	}
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		return nil, fmt.Errorf("service: build graph: %w", err)
	}
	relationships := len(net.Ties)
	net.Ties = nil
	return &network{net: net, relationships: relationships, actors: actors, graph: g, index: index, withdrawn: withdrawn}, nil
}

// computed wraps an analysis value of the network for the cache.
func (nw *network) computed(value any) computed { return computed{value: value} }
