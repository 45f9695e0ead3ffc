package service

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/layout"
	"github.com/voicemap/voicemap/store"
)

// communityRadiusUnit sets the radius of a community's disc in the
// community view: communityRadiusUnit·√members. A ForceAtlas2 layout of n
// actors with the default options has an RMS radius of about 6·√n (578 for
// 10,000 actors), so a community's disc is about the size its members take
// when laid out on their own, and expanding it keeps the picture's scale.
const communityRadiusUnit = 6

// actorView is a cached actor layout: the whole answer for a scope small
// enough to show every actor.
type actorView struct {
	p    *partition
	view NetworkLayout
}

// communityView is a cached layout of the community graph.
type communityView struct {
	p *partition
	// pos is the position of each community of p.report, radius its disc's
	// radius.
	pos    []layout.Point
	radius []float64
	// edges are the community graph's ties, by community id.
	edges []LayoutEdge
}

// memberLayout is a cached layout of one community's members on their own,
// centred on their centroid and scaled to their community's disc.
type memberLayout struct {
	p *partition
	// ids are the members' ids, sorted; offsets their positions relative
	// to the community's position.
	ids     []string
	nodes   []int // node indices in p.nw
	offsets []layout.Point
}

// layoutOptions returns the layout options of n nodes: Gephi's defaults,
// seed LayoutSeed, warm-started from what a hint recalls when it knows any
// of them.
func layoutOptions(n int, r recalled) layout.Options {
	opts := serviceOptions(n)
	if r.found > 0 {
		opts.Initial, opts.Known = r.pos, r.known
	}
	return opts
}

// serviceOptions returns the options of the service's layouts of n nodes:
// Gephi's defaults, seed LayoutSeed, and the disconnected parts packed
// around the main one (layout.Options.PackComponents), so that a
// dashboard fitting the picture to its nodes shows the network, not a
// ring of isolated actors around a dot.
func serviceOptions(n int) layout.Options {
	opts := layout.DefaultOptions(n)
	opts.Seed = LayoutSeed
	opts.PackComponents = true
	return opts
}

// stillActors returns which actors keep their place in a warm-started
// actor layout: those the hint knows whose ties are the same as then,
// unless a neighbour's ties changed (or a neighbour is new). Only the
// actors whose ties changed and their neighbours move, so the picture
// changes where the network changed and nowhere else. This is the
// all-or-nothing form of the pinning weights of online dynamic graph
// drawing (Frishman & Tal 2008, "Online Dynamic Graph Drawing", IEEE TVCG
// 14(4):727), which free the nodes near a change and hold the rest to
// preserve the viewer's mental map. Over many steps the held part does not
// relax towards what a cold layout of the last date would be: the picture
// stays recognisable rather than optimal.
func stillActors(g *analysis.Graph, r recalled) []bool {
	moves := make([]bool, len(r.known))
	for u := range r.known {
		if r.known[u] && r.same[u] {
			continue
		}
		moves[u] = true
		nb, _ := g.Neighbours(u)
		for _, v := range nb {
			moves[v] = true
		}
	}
	still := make([]bool, len(r.known))
	for u := range still {
		still[u] = !moves[u]
	}
	return still
}

// actorLayout returns the cached layout of every actor of the scope.
func (s *Service) actorLayout(ctx context.Context, scope store.Scope) (*actorView, error) {
	v, err := s.cache.get(ctx, scopeKey(scope, "layout/actors"), func(ctx context.Context) (computed, error) {
		p, err := s.partition(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		nw := p.nw
		ids := actorIDs(nw.actors)
		ties := tiesFingerprint(nw)
		day := scopeDay(scope)
		r := s.hints.nearest(scope.PlaceID, hintActors, day, nw.withdrawn).lookup(ids, ties)
		opts := layoutOptions(len(ids), r)
		if r.found > 0 {
			opts.Fixed = stillActors(nw.graph, r)
		}
		res, err := layout.Layout(ctx, nw.graph, opts)
		if err != nil {
			return computed{}, fmt.Errorf("service: actor layout: %w", err)
		}
		s.keepHint(ctx, scope, hintActors, ids, res.Positions, ties, false)
		view := NetworkLayout{Nodes: make([]LayoutNode, len(ids)), Edges: []LayoutEdge{}}
		for i := range nw.actors {
			view.Nodes[i] = LayoutNode{
				ID: ids[i], X: res.Positions[i].X, Y: res.Positions[i].Y, Size: 1,
				Community: p.report.Communities[p.of[i]].ID, Actor: &nw.actors[i],
			}
		}
		for u := range nw.actors {
			nb, w := nw.graph.Neighbours(u)
			for k, v := range nb {
				if int(v) > u {
					view.Edges = append(view.Edges, LayoutEdge{Source: ids[u], Target: ids[v], Weight: w[k]})
				}
			}
		}
		return nw.computed(&actorView{p: p, view: view}), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*actorView), nil
}

// communityLayout returns the cached layout of the scope's community
// graph: one node per community, of the mass of its members together
// (Σ deg + 1, so it repels as they would, as a Barnes–Hut cell of them
// does) and a disc of radius communityRadiusUnit·√members that no other
// overlaps, tied to another by the summed strengths of the ties between
// their members.
func (s *Service) communityLayout(ctx context.Context, scope store.Scope) (*communityView, error) {
	v, err := s.cache.get(ctx, scopeKey(scope, "layout/communities"), func(ctx context.Context) (computed, error) {
		p, err := s.partition(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		nw := p.nw
		comms := p.report.Communities
		k := len(comms)
		var edges []analysis.Edge
		for u := range nw.actors {
			nb, w := nw.graph.Neighbours(u)
			for j, v := range nb {
				if cu, cv := p.of[u], p.of[v]; int(v) > u && cu != cv {
					edges = append(edges, analysis.Edge{U: int(cu), V: int(cv), Weight: w[j]})
				}
			}
		}
		g, err := analysis.NewGraph(k, edges)
		if err != nil {
			return computed{}, fmt.Errorf("service: community graph: %w", err)
		}

		// Start each community at the mean of its members' hinted
		// positions (their communities' positions then).
		ids := actorIDs(nw.actors)
		day := scopeDay(scope)
		r := s.hints.nearest(scope.PlaceID, hintCommunities, day, nw.withdrawn).lookup(ids, nil)
		actorPos, actorKnown := r.pos, r.known
		opts := serviceOptions(k)
		if r.found > 0 {
			opts.Initial, opts.Known = make([]layout.Point, k), make([]bool, k)
			count := make([]int, k)
			for i, ok := range actorKnown {
				if ok {
					c := p.of[i]
					opts.Initial[c].X += actorPos[i].X
					opts.Initial[c].Y += actorPos[i].Y
					count[c]++
				}
			}
			for c := range k {
				if count[c] > 0 {
					opts.Initial[c].X /= float64(count[c])
					opts.Initial[c].Y /= float64(count[c])
					opts.Known[c] = true
				}
			}
		}
		opts.Masses, opts.Sizes = make([]float64, k), make([]float64, k)
		for c, comm := range comms {
			opts.Sizes[c] = communityRadiusUnit * math.Sqrt(float64(comm.Size))
		}
		for u := range nw.actors {
			nb, _ := nw.graph.Neighbours(u)
			opts.Masses[p.of[u]] += float64(len(nb) + 1)
		}
		// First the forces alone, then (from there) overlap prevention and
		// the packing of disconnected parts: Gephi's overlap forces from a
		// cold start keep the discs jostling until the iteration cap.
		opts.PackComponents = false
		res, err := layout.Layout(ctx, g, opts)
		if err != nil {
			return computed{}, fmt.Errorf("service: community layout: %w", err)
		}
		opts.Initial, opts.Known = res.Positions, nil
		opts.PreventOverlap, opts.PackComponents = true, true
		if res, err = layout.Layout(ctx, g, opts); err != nil {
			return computed{}, fmt.Errorf("service: community layout: %w", err)
		}
		perActor := make([]layout.Point, len(ids))
		for i := range ids {
			perActor[i] = res.Positions[p.of[i]]
		}
		s.keepHint(ctx, scope, hintCommunities, ids, perActor, nil, false)

		cv := &communityView{p: p, pos: res.Positions, radius: opts.Sizes, edges: []LayoutEdge{}}
		for c := range k {
			nb, w := g.Neighbours(c)
			for j, d := range nb {
				if int(d) > c {
					cv.edges = append(cv.edges, LayoutEdge{Source: comms[c].ID, Target: comms[d].ID, Weight: w[j]})
				}
			}
		}
		return nw.computed(cv), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*communityView), nil
}

// memberLayout returns the cached layout of community c's members on
// their own (the ties among them), centred on their centroid and scaled
// so that their RMS distance from it is the community disc's radius/√2
// (that of points spread evenly over the disc).
func (s *Service) memberLayout(ctx context.Context, scope store.Scope, c int32) (*memberLayout, error) {
	v, err := s.cache.get(ctx, scopeKey(scope, fmt.Sprintf("layout/members/%d", c)), func(ctx context.Context) (computed, error) {
		p, err := s.partition(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		nw := p.nw
		if int(c) >= len(p.report.Communities) {
			return computed{}, store.Errorf(store.EINVALID, "expand: the scope has %d communities now; try again", len(p.report.Communities))
		}
		members := p.report.Communities[c].Members
		radius := communityRadiusUnit * math.Sqrt(float64(len(members)))
		ml := &memberLayout{p: p, ids: actorIDs(members), nodes: make([]int, len(members))}
		local := make(map[int32]int, len(members))
		for i, m := range members {
			ml.nodes[i] = nw.index[m.ID()]
			local[int32(ml.nodes[i])] = i
		}
		var edges []analysis.Edge
		for i, u := range ml.nodes {
			nb, w := nw.graph.Neighbours(u)
			for k, v := range nb {
				if j, ok := local[v]; ok && j > i {
					edges = append(edges, analysis.Edge{U: i, V: j, Weight: w[k]})
				}
			}
		}
		g, err := analysis.NewGraph(len(members), edges)
		if err != nil {
			return computed{}, fmt.Errorf("service: member graph: %w", err)
		}
		day := scopeDay(scope)
		opts := layoutOptions(len(members), s.hints.nearest(scope.PlaceID, hintMembers, day, nw.withdrawn).lookup(ml.ids, nil))
		res, err := layout.Layout(ctx, g, opts)
		if err != nil {
			return computed{}, fmt.Errorf("service: member layout: %w", err)
		}
		ml.offsets = centred(res.Positions, radius/math.Sqrt2)
		s.keepHint(ctx, scope, hintMembers, ml.ids, ml.offsets, nil, true)
		return nw.computed(ml), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*memberLayout), nil
}

// centred returns the positions moved so that their centroid is the
// origin, and scaled so that their RMS distance from it is rms (unscaled
// when they all coincide).
func centred(pos []layout.Point, rms float64) []layout.Point {
	var cx, cy float64
	for _, q := range pos {
		cx += q.X
		cy += q.Y
	}
	cx /= float64(len(pos))
	cy /= float64(len(pos))
	var r2 float64
	for _, q := range pos {
		r2 += (q.X-cx)*(q.X-cx) + (q.Y-cy)*(q.Y-cy)
	}
	scale := 1.0
	if r := math.Sqrt(r2 / float64(len(pos))); r > 0 {
		scale = rms / r
	}
	out := make([]layout.Point, len(pos))
	for i, q := range pos {
		out[i] = layout.Point{X: (q.X - cx) * scale, Y: (q.Y - cy) * scale}
	}
	return out
}

// collapsedView assembles the community view with the expanded
// communities' members in place of their community.
func collapsedView(cv *communityView, members map[int32]*memberLayout) NetworkLayout {
	p := cv.p
	nw := p.nw
	comms := p.report.Communities
	view := NetworkLayout{Collapsed: true, Nodes: []LayoutNode{}}
	// node[i] is the view node standing for actor i.
	node := make([]int32, len(nw.actors))
	for c, comm := range comms {
		ml, ok := members[int32(c)]
		if !ok {
			for _, m := range comm.Members {
				node[nw.index[m.ID()]] = int32(len(view.Nodes))
			}
			view.Nodes = append(view.Nodes, LayoutNode{
				ID: comm.ID, X: cv.pos[c].X, Y: cv.pos[c].Y, Size: comm.Size, Community: comm.ID,
			})
			continue
		}
		for i, id := range ml.ids {
			u := ml.nodes[i]
			node[u] = int32(len(view.Nodes))
			view.Nodes = append(view.Nodes, LayoutNode{
				ID: id, X: cv.pos[c].X + ml.offsets[i].X, Y: cv.pos[c].Y + ml.offsets[i].Y, Size: 1,
				Community: comm.ID, Actor: &nw.actors[u],
			})
		}
	}
	if len(members) == 0 {
		view.Edges = cv.edges
		return view
	}
	type pair struct{ a, b int32 }
	sum := map[pair]float64{}
	var order []pair
	for u := range nw.actors {
		nb, w := nw.graph.Neighbours(u)
		for k, v := range nb {
			a, b := node[u], node[v]
			if int(v) <= u || a == b {
				continue
			}
			if a > b {
				a, b = b, a
			}
			if _, ok := sum[pair{a, b}]; !ok {
				order = append(order, pair{a, b})
			}
			sum[pair{a, b}] += w[k]
		}
	}
	slices.SortFunc(order, func(x, y pair) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	view.Edges = make([]LayoutEdge, len(order))
	for i, e := range order {
		view.Edges[i] = LayoutEdge{Source: view.Nodes[e.a].ID, Target: view.Nodes[e.b].ID, Weight: sum[e]}
	}
	return view
}

// actorIDs returns the ids of the actors.
func actorIDs(actors []store.Actor) []string {
	ids := make([]string, len(actors))
	for i, a := range actors {
		ids[i] = a.ID()
	}
	return ids
}
