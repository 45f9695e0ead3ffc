package service

import (
	"context"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// Bounds of NetworkLayout.
const (
	// DefaultLayoutMaxNodes is NetworkLayout's default maxNodes.
	DefaultLayoutMaxNodes = 2000
	// MaxLayoutNodes is the largest maxNodes: the most nodes one layout
	// returns.
	MaxLayoutNodes = 20_000
	// MaxLayoutEdges is the most edges one layout returns; a view with
	// more is refused (a lower maxNodes shows communities instead).
	MaxLayoutEdges = 200_000
)

// LayoutSeed seeds the layouts, so that a cold layout of the same network
// is always the same picture.
const LayoutSeed int64 = 1

// NetworkLayout is the positions of a scope's network for drawing.
type NetworkLayout struct {
	// Collapsed is true when the nodes are communities (the scope has more
	// actors than maxNodes), except the members of expanded communities.
	Collapsed bool
	Nodes     []LayoutNode
	Edges     []LayoutEdge
}

// LayoutNode is an actor, or a community standing for its members.
type LayoutNode struct {
	// ID is the actor's id, or the community's ("c1", "c2", ... as in
	// Communities).
	ID   string
	X, Y float64
	// Size is 1 for an actor and the member count for a community.
	Size int
	// Community is the actor's community's id, or a community's own.
	Community string
	// Actor is the actor, nil for a community.
	Actor *store.Actor
}

// LayoutEdge is a tie between two nodes: between two actors, the sum of
// the strengths of their relationships; with a community at one end or
// both, the sum over the ties it stands for.
type LayoutEdge struct {
	Source, Target string
	Weight         float64
}

// NetworkLayout places the network of a scope as of a date with
// ForceAtlas2 (package analysis/layout, Barnes–Hut, seed LayoutSeed) and
// returns the positions of its actors, or, when the scope holds more than
// maxNodes actors, of its Louvain communities (the same ids as
// Communities, sized by members, tied by the ties between their members),
// except that the members of the communities listed in expand appear as
// actors placed around their community's position (the community's
// members laid out on their own).
//
// Layouts are cached like every analysis, and stable over time: each one
// starts from the layout of the same scope and kind at the nearest date
// already computed (see layouthints.go), actors new to it beside their
// neighbours, so that between two dates the positions change where the
// network changed. Nodes are in community order, each expanded community's
// members sorted by id; an actor view is sorted by id. Edges are sorted by
// source then target, with source < target in node order of the ids.
//
// It reads person-level data: FORBIDDEN (EFORBIDDEN) for roles that may
// not; scoped like every analysis. Errors: EINVALID for maxNodes outside
// 1..MaxLayoutNodes, an expand id that is not a community of the scope on
// the date, a view of more than maxNodes nodes (too many communities, or
// expanded members) or more than MaxLayoutEdges edges; ENOTFOUND for an
// unknown place.
func (s *Service) NetworkLayout(ctx context.Context, scope store.Scope, maxNodes int, expand []string) (NetworkLayout, error) {
	return run(ctx, s, "NetworkLayout", func(a *access) (NetworkLayout, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return NetworkLayout{}, err
		}
		if maxNodes < 1 || maxNodes > MaxLayoutNodes {
			return NetworkLayout{}, store.Errorf(store.EINVALID, "maxNodes must be between 1 and %d, got %d", MaxLayoutNodes, maxNodes)
		}
		// Each piece is cached on its own; a write between two of them leaves
		// them on different networks, and then the view is built again.
		for range 3 {
			view, stale, err := s.networkLayout(ctx, scope, maxNodes, expand)
			if err != nil || !stale {
				return view, err
			}
		}
		return NetworkLayout{}, store.Errorf(store.EUNAVAILABLE, "the network kept changing while it was being laid out; try again")
	})
}

// networkLayout is NetworkLayout once authorized; stale reports that its
// pieces came from different networks.
func (s *Service) networkLayout(ctx context.Context, scope store.Scope, maxNodes int, expand []string) (_ NetworkLayout, stale bool, _ error) {
	p, err := s.partition(ctx, scope)
	if err != nil {
		return NetworkLayout{}, false, err
	}
	if n := len(p.nw.actors); n <= maxNodes {
		if m := p.nw.graph.Size(); m > MaxLayoutEdges {
			return NetworkLayout{}, false, tooManyEdges(m)
		}
		av, err := s.actorLayout(ctx, scope)
		if err != nil {
			return NetworkLayout{}, false, err
		}
		return av.view, av.p != p, nil
	}
	expanded, err := expandSet(p, expand, maxNodes)
	if err != nil {
		return NetworkLayout{}, false, err
	}
	cv, err := s.communityLayout(ctx, scope)
	if err != nil {
		return NetworkLayout{}, false, err
	}
	stale = cv.p != p
	members := make(map[int32]*memberLayout, len(expanded))
	for _, c := range expanded {
		ml, err := s.memberLayout(ctx, scope, c)
		if err != nil {
			return NetworkLayout{}, false, err
		}
		stale = stale || ml.p != p
		members[c] = ml
	}
	if stale {
		return NetworkLayout{}, true, nil
	}
	view := collapsedView(cv, members)
	if len(view.Edges) > MaxLayoutEdges {
		return NetworkLayout{}, false, tooManyEdges(len(view.Edges))
	}
	return view, false, nil
}

func tooManyEdges(m int) error {
	return store.Errorf(store.EINVALID, "the view holds %d ties, more than the %d a layout returns; lower maxNodes to see communities, or choose a smaller placeId", m, MaxLayoutEdges)
}

// expandSet checks the expanded community ids against the partition and
// the node budget, and returns their indices, sorted.
func expandSet(p *partition, expand []string, maxNodes int) ([]int32, error) {
	comms := p.report.Communities
	index := make(map[string]int32, len(comms))
	for i, c := range comms {
		index[c.ID] = int32(i)
	}
	var out []int32
	nodes := len(comms)
	for _, id := range expand {
		c, ok := index[id]
		if !ok {
			return nil, store.Errorf(store.EINVALID, "expand: %q is not one of the %d communities of this scope on this date (c1 to c%d)", id, len(comms), len(comms))
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
			nodes += comms[c].Size - 1
		}
	}
	slices.Sort(out)
	if nodes > maxNodes {
		what := fmt.Sprintf("the scope's %d communities", len(comms))
		if len(out) > 0 {
			what += " with the expanded members"
		}
		return nil, store.Errorf(store.EINVALID, "%s make %d nodes, more than maxNodes %d; raise maxNodes (at most %d) or choose a smaller placeId", what, nodes, maxNodes, MaxLayoutNodes)
	}
	return out, nil
}
