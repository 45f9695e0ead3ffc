package service

import (
	"context"
	"fmt"
	"strings"

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

// network is a snapshot turned into an analysis graph: node i is actors[i],
// the actors (people and organisations) sorted by id.
type network struct {
	snap   *store.Snapshot
	actors []store.Actor
	graph  *analysis.Graph
	// index maps an actor id to its node.
	index map[string]int
	// withdrawn holds the ids, sorted, of the people located in scope
	// whose consent is withdrawn (left out of everything else here).
	withdrawn []string
}

// loadNetwork snapshots the scope, drops the people whose consent is
// withdrawn with their ties and participations (consent.go), and builds its
// graph: one node per actor and one undirected edge per relationship,
// weighted by its strength (parallel relationships between one pair are
// summed by analysis.NewGraph).
func (s *Service) loadNetwork(ctx context.Context, scope store.Scope) (*network, error) {
	snap, err := s.st.Snapshot(ctx, scope)
	if err != nil {
		return nil, err
	}
	var withdrawn []string
	for _, p := range snap.People {
		if isWithdrawn(p) {
			withdrawn = append(withdrawn, p.ID)
		}
	}
	snap = withoutWithdrawn(snap)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := len(snap.People) + len(snap.Organisations)
	if n > MaxAnalysisActors {
		return nil, store.Errorf(store.EINVALID, "the scope holds %d actors, more than the %d an analysis accepts; choose a smaller placeId", n, MaxAnalysisActors)
	}
	if len(snap.Relationships) > MaxAnalysisRelationships {
		return nil, store.Errorf(store.EINVALID, "the scope holds %d relationships, more than the %d an analysis accepts; choose a smaller placeId", len(snap.Relationships), MaxAnalysisRelationships)
	}
	actors := mergeActors(snap.People, snap.Organisations)
	index := make(map[string]int, len(actors))
	for i, a := range actors {
		index[a.ID()] = i
	}
	edges := make([]analysis.Edge, 0, len(snap.Relationships))
	for _, r := range snap.Relationships {
		u, okU := index[r.FromID]
		v, okV := index[r.ToID]
		if !okU || !okV {
			// Snapshot promises both ends are in scope.
			return nil, fmt.Errorf("service: snapshot relationship %q has an end outside its scope", r.ID)
		}
		edges = append(edges, analysis.Edge{U: u, V: v, Weight: r.Weight})
	}
	g, err := analysis.NewGraph(len(actors), edges)
	if err != nil {
		return nil, fmt.Errorf("service: build graph: %w", err)
	}
	return &network{snap: snap, actors: actors, graph: g, index: index, withdrawn: withdrawn}, nil
}

// mergeActors merges people and organisations, each sorted by id, into one
// slice of actors sorted by id.
func mergeActors(people []store.Person, orgs []store.Organisation) []store.Actor {
	out := make([]store.Actor, 0, len(people)+len(orgs))
	i, j := 0, 0
	for i < len(people) || j < len(orgs) {
		if j == len(orgs) || (i < len(people) && strings.Compare(people[i].ID, orgs[j].ID) < 0) {
			out = append(out, store.Actor{Person: &people[i]})
			i++
		} else {
			out = append(out, store.Actor{Organisation: &orgs[j]})
			j++
		}
	}
	return out
}

// computed wraps an analysis value with its network's scope for the cache.
func (nw *network) computed(value any) computed {
	places := make([]string, len(nw.snap.Places))
	for i, p := range nw.snap.Places {
		places[i] = p.ID
	}
	return computed{value: value, global: nw.snap.Scope.PlaceID == "", places: places}
}
