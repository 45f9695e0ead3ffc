package analysis

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph/community"
)

// CommunityResult is a partition of the nodes into communities and its
// modularity.
type CommunityResult struct {
	// Modularity is Q of the partition on the weighted graph (see Modularity).
	Modularity float64
	// Communities holds each community as its nodes in ascending order; the
	// communities are ordered by size, largest first, then by smallest member.
	Communities [][]int
}

// gonumLouvainMaxEdges is the largest Size at which Communities runs gonum's
// community.Modularize; above it the CSR kernel louvainPartition runs. A
// variable so that an internal test can lower it.
var gonumLouvainMaxEdges = 10000

// Communities partitions g by the Louvain method (Blondel, Guillaume,
// Lambiotte & Lefebvre 2008, "Fast unfolding of communities in large
// networks", J. Stat. Mech. P10008), using (up to 10,000 ties, see below)
// gonum community.Modularize at resolution 1 on the tie strengths, with
// random source rand.NewPCG(uint64(seed), uint64(seed)) from math/rand/v2.
// It greedily maximises
//
//	Q = Σ_c [ L_c/m − (d_c/2m)² ]
//
// and reports Q as Modularity does. This plays the role of NetworkX 3
// louvain_communities(G, weight="weight", resolution=1, seed=seed), whose
// partition may differ, since the two walk the nodes in different random
// orders; the Q it reports equals nx.community.modularity(G, communities,
// weight="weight") on the partition returned.
//
// Graphs of up to gonumLouvainMaxEdges (10,000) ties go to gonum, the
// reference. Gonum's Louvain does not scale (96.5 s on
// BarabasiAlbert(10000, 10)), so larger graphs go to the package's own
// kernel over the CSR graph (louvainPartition in louvain.go): the same
// method, single-threaded, node order shuffled by the same seeded PCG,
// with the same Q formula but not the same walk, so its partition can
// differ from gonum's; its Q on the reference networks is within 2% of
// gonum's (louvain_test.go).
//
// The same graph and seed always give the same result. A graph without
// edges gives one community per node and Q = 0. Gonum's Louvain cannot be
// interrupted: ctx is checked before and after it; the kernel also checks
// it between passes.
func Communities(ctx context.Context, g *Graph, seed int64) (CommunityResult, error) {
	if err := ctx.Err(); err != nil {
		return CommunityResult{}, err
	}
	var comms [][]int
	if g.m == 0 {
		comms = make([][]int, g.n)
		for v := range comms {
			comms[v] = []int{v}
		}
	} else if g.m > gonumLouvainMaxEdges {
		labels, err := louvainPartition(ctx, g, seed)
		if err != nil {
			return CommunityResult{}, err
		}
		comms = groupLabels(labels)
	} else {
		src := rand.NewPCG(uint64(seed), uint64(seed))
		reduced := community.Modularize(gonumView{g}, 1, src)
		for _, c := range reduced.Communities() {
			members := make([]int, len(c))
			for i, n := range c {
				members[i] = int(n.ID())
			}
			comms = append(comms, members)
		}
	}
	if err := ctx.Err(); err != nil {
		return CommunityResult{}, err
	}
	for _, c := range comms {
		slices.Sort(c)
	}
	slices.SortFunc(comms, func(a, b []int) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return cmp.Compare(a[0], b[0])
	})
	q, err := Modularity(g, comms)
	if err != nil {
		return CommunityResult{}, fmt.Errorf("analysis: louvain: %w", err)
	}
	if comms == nil {
		comms = [][]int{}
	}
	return CommunityResult{Modularity: q, Communities: comms}, nil
}

// Modularity returns the modularity of the partition communities of the
// weighted graph g (Newman & Girvan 2004, "Finding and evaluating community
// structure in networks", Phys. Rev. E 69:026113; Newman 2006), as NetworkX 3
// nx.community.modularity(G, communities, weight="weight", resolution=1):
//
//	Q = Σ_c [ L_c/m − (d_c/2m)² ]
//
// where m is the total edge weight, L_c the weight of the edges inside c and
// d_c the total strength of the nodes of c. Every node must appear in
// exactly one community, else the error wraps ErrInvalid. Q is 0 for a graph
// without edges (NetworkX divides by zero there).
func Modularity(g *Graph, communities [][]int) (float64, error) {
	of := make([]int, g.n)
	for v := range of {
		of[v] = -1
	}
	for c, members := range communities {
		for _, v := range members {
			if v < 0 || v >= g.n {
				return 0, fmt.Errorf("%w: community %d holds node %d outside 0..%d", ErrInvalid, c, v, g.n-1)
			}
			if of[v] >= 0 {
				return 0, fmt.Errorf("%w: node %d is in communities %d and %d", ErrInvalid, v, of[v], c)
			}
			of[v] = c
		}
	}
	for v, c := range of {
		if c < 0 {
			return 0, fmt.Errorf("%w: node %d is in no community", ErrInvalid, v)
		}
	}
	inside := make([]float64, len(communities))
	strength := make([]float64, len(communities))
	var total float64
	for u := range g.n {
		for j := g.off[u]; j < g.off[u+1]; j++ {
			w := g.w[j]
			strength[of[u]] += w
			if v := int(g.adj[j]); u < v {
				total += w
				if of[u] == of[v] {
					inside[of[u]] += w
				}
			}
		}
	}
	if total == 0 {
		return 0, nil
	}
	var q float64
	for c := range communities {
		f := strength[c] / (2 * total)
		q += inside[c]/total - f*f
	}
	return q, nil
}

// groupLabels returns the nodes of each label, labels being 0..k-1.
func groupLabels(labels []int32) [][]int {
	var comms [][]int
	for v, c := range labels {
		for int(c) >= len(comms) {
			comms = append(comms, nil)
		}
		comms[c] = append(comms[c], v)
	}
	return comms
}
