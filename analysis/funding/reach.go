package funding

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// ReachHops is how near an organisation must be to a person to reach them:
// a shortest path of at most two ties (the person is a contact of the
// organisation, or a contact of one of its contacts).
const ReachHops = 2

// ReachTarget is a person whose voice the funded organisations should
// reach: their node in the graph and the group tags they carry.
type ReachTarget struct {
	Node   int
	Groups []string
}

// ReachInput is what Reach reads. Recipients are the money per recipient
// organisation (ConcentrationReport.ByRecipient); Nodes maps a recipient's
// id to its node in Graph, and a recipient absent from Nodes is not in the
// network (it reaches nobody). Targets are the people to reach. MaxHops is
// the reach in ties (ReachHops when 0).
type ReachInput struct {
	Graph      *analysis.Graph
	Recipients []RecipientTotal
	Nodes      map[string]int
	Targets    []ReachTarget
	MaxHops    int
}

// RecipientReach is one funded organisation: its money, how many target
// people it reaches (Reaches) and the distinct group tags of those people,
// sorted, with how many of them carry each tag (GroupCounts). InNetwork is
// false for an organisation not in the network.
type RecipientReach struct {
	RecipientID string
	Grants      int
	Amount      float64
	InNetwork   bool
	Reaches     int
	Groups      []string
	GroupCounts map[string]int
}

// GroupReach is one group tag carried by target people: People counts the
// targets carrying it, Reached those of them within reach of at least one
// funded organisation, Share = Reached / People.
type GroupReach struct {
	Group   string
	People  int
	Reached int
	Share   float64
}

// ReachReport is the answer of Reach.
//
//	Total          = Σ_r amount_r over every recipient
//	ReachingAmount = Σ_r amount_r over recipients reaching ≥ 1 target
//	Share          = ReachingAmount / Total   (0 when Total is 0)
//
// Targets counts the target people and Reached those within reach of at
// least one recipient. Recipients are sorted by amount descending, then
// id; Groups by group name.
type ReachReport struct {
	Total          float64
	ReachingAmount float64
	Share          float64
	Targets        int
	Reached        int
	Recipients     []RecipientReach
	Groups         []GroupReach
}

// Reach measures whether the money given to organisations goes to those
// that reach the target people: an organisation reaches a person when the
// shortest path between them in in.Graph (unweighted) has at most
// in.MaxHops ties. It runs one breadth-first search, cut at MaxHops, per
// recipient in the network, O(Σ_r |ball of r|), and checks ctx between
// recipients. A node out of range, a negative amount or a repeated
// recipient give an error wrapping analysis.ErrInvalid.
func Reach(ctx context.Context, in ReachInput) (ReachReport, error) {
	hops := in.MaxHops
	if hops == 0 {
		hops = ReachHops
	}
	n := 0
	if in.Graph != nil {
		n = in.Graph.Order()
	}
	if hops < 0 {
		return ReachReport{}, fmt.Errorf("%w: funding: reach of %d hops", analysis.ErrInvalid, hops)
	}
	// targetOf[v] is the index in in.Targets of the target at node v, or -1.
	targetOf := make([]int, n)
	for i := range targetOf {
		targetOf[i] = -1
	}
	for i, t := range in.Targets {
		if t.Node < 0 || t.Node >= n {
			return ReachReport{}, fmt.Errorf("%w: funding: target node %d is not in the graph of %d nodes", analysis.ErrInvalid, t.Node, n)
		}
		if targetOf[t.Node] >= 0 {
			return ReachReport{}, fmt.Errorf("%w: funding: target node %d appears twice", analysis.ErrInvalid, t.Node)
		}
		targetOf[t.Node] = i
	}

	rep := ReachReport{Targets: len(in.Targets), Recipients: make([]RecipientReach, 0, len(in.Recipients)), Groups: []GroupReach{}}
	reached := make([]bool, len(in.Targets))
	dist := make([]int, n)
	for i := range dist {
		dist[i] = -1
	}
	seen := make(map[string]bool, len(in.Recipients))
	for _, r := range in.Recipients {
		if err := ctx.Err(); err != nil {
			return ReachReport{}, err
		}
		if seen[r.RecipientID] {
			return ReachReport{}, fmt.Errorf("%w: funding: recipient %q appears twice", analysis.ErrInvalid, r.RecipientID)
		}
		seen[r.RecipientID] = true
		if !(r.Amount >= 0) {
			return ReachReport{}, fmt.Errorf("%w: funding: recipient %q has amount %v", analysis.ErrInvalid, r.RecipientID, r.Amount)
		}
		out := RecipientReach{RecipientID: r.RecipientID, Grants: r.Grants, Amount: r.Amount, Groups: []string{}, GroupCounts: map[string]int{}}
		if v, ok := in.Nodes[r.RecipientID]; ok {
			if v < 0 || v >= n {
				return ReachReport{}, fmt.Errorf("%w: funding: recipient %q at node %d, not in the graph of %d nodes", analysis.ErrInvalid, r.RecipientID, v, n)
			}
			out.InNetwork = true
			for _, u := range ball(in.Graph, v, hops, dist) {
				t := targetOf[u]
				if t < 0 {
					continue
				}
				out.Reaches++
				reached[t] = true
				for _, tag := range tagSet(slices.Clone(in.Targets[t].Groups)) {
					out.GroupCounts[tag]++
				}
			}
			for tag := range out.GroupCounts {
				out.Groups = append(out.Groups, tag)
			}
			slices.Sort(out.Groups)
		}
		rep.Total += r.Amount
		if out.Reaches > 0 {
			rep.ReachingAmount += r.Amount
		}
		rep.Recipients = append(rep.Recipients, out)
	}
	if rep.Total > 0 {
		rep.Share = rep.ReachingAmount / rep.Total
	}
	slices.SortFunc(rep.Recipients, func(a, b RecipientReach) int {
		if c := cmp.Compare(b.Amount, a.Amount); c != 0 {
			return c
		}
		return cmp.Compare(a.RecipientID, b.RecipientID)
	})

	groups := map[string]*GroupReach{}
	for i, t := range in.Targets {
		if reached[i] {
			rep.Reached++
		}
		for _, tag := range tagSet(slices.Clone(t.Groups)) {
			g := groups[tag]
			if g == nil {
				g = &GroupReach{Group: tag}
				groups[tag] = g
			}
			g.People++
			if reached[i] {
				g.Reached++
			}
		}
	}
	for _, g := range groups {
		g.Share = float64(g.Reached) / float64(g.People)
		rep.Groups = append(rep.Groups, *g)
	}
	slices.SortFunc(rep.Groups, func(a, b GroupReach) int { return cmp.Compare(a.Group, b.Group) })
	return rep, nil
}

// ball returns the nodes at 1 to hops ties from v (v itself excluded), by
// breadth-first search. dist must hold -1 for every node; it is restored
// before returning.
func ball(g *analysis.Graph, v, hops int, dist []int) []int {
	dist[v] = 0
	visited := []int{v}
	for head := 0; head < len(visited); head++ {
		u := visited[head]
		if dist[u] == hops {
			continue
		}
		nbrs, _ := g.Neighbours(u)
		for _, w := range nbrs {
			if dist[w] < 0 {
				dist[w] = dist[u] + 1
				visited = append(visited, int(w))
			}
		}
	}
	for _, u := range visited {
		dist[u] = -1
	}
	return visited[1:]
}

// tagSet sorts tags in place and returns them without repeats or empty
// tags.
func tagSet(tags []string) []string {
	slices.Sort(tags)
	tags = slices.Compact(tags)
	if len(tags) > 0 && tags[0] == "" {
		tags = tags[1:]
	}
	return tags
}
