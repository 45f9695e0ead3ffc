package analysis

import "context"

// Summary describes a whole network.
type Summary struct {
	// Nodes is the number of nodes n.
	Nodes int
	// Edges is the number of distinct undirected edges m, after merging.
	Edges int
	// Components is the number of connected components; an isolated node
	// is a component of its own.
	Components int
	// Density is 2m/(n(n-1)), 0 when n < 2.
	Density float64
	// AverageDegree is 2m/n, 0 when n = 0.
	AverageDegree float64
	// AverageClustering is the mean local clustering coefficient over all
	// nodes, unweighted, nodes of degree < 2 counting as 0.
	AverageClustering float64
}

// Summarize returns the summary of g: n, m, the number of connected
// components (nx.number_connected_components(G)), the density 2m/(n(n-1))
// (nx.density(G)), the average degree 2m/n and the average clustering
// coefficient (Watts & Strogatz 1998, "Collective dynamics of small-world
// networks", Nature 393:440)
//
//	C = 1/n Σ_v 2T(v)/(k_v(k_v-1))
//
// where T(v) counts the triangles through v and k_v its degree, as
// nx.average_clustering(G) (unweighted, count_zeros=True). For n = 0 every
// field is 0 (NetworkX raises there). Summarize checks ctx while counting
// triangles and returns ctx.Err() once it is cancelled.
func Summarize(ctx context.Context, g *Graph) (Summary, error) {
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	n, m := g.n, g.m
	s := Summary{Nodes: n, Edges: m, Components: components(g)}
	if n >= 2 {
		s.Density = 2 * float64(m) / (float64(n) * float64(n-1))
	}
	if n > 0 {
		s.AverageDegree = 2 * float64(m) / float64(n)
		c, err := clustering(ctx, g)
		if err != nil {
			return Summary{}, err
		}
		var sum float64
		for _, x := range c {
			sum += x
		}
		s.AverageClustering = sum / float64(n)
	}
	return s, nil
}

// components returns the number of connected components of g.
func components(g *Graph) int {
	seen := make([]bool, g.n)
	stack := make([]int32, 0, 64)
	count := 0
	for s := range g.n {
		if seen[s] {
			continue
		}
		count++
		seen[s] = true
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range g.adj[g.off[v]:g.off[v+1]] {
				if !seen[w] {
					seen[w] = true
					stack = append(stack, w)
				}
			}
		}
	}
	return count
}

// clustering returns the unweighted local clustering coefficient of every
// node (Watts & Strogatz 1998), as nx.clustering(G).
func clustering(ctx context.Context, g *Graph) ([]float64, error) {
	c := make([]float64, g.n)
	mark := make([]int32, g.n) // mark[u] == v+1 when u is a neighbour of v
	for v := range g.n {
		if v%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		k := g.degree(v)
		if k < 2 {
			continue
		}
		stamp := int32(v + 1)
		nb := g.adj[g.off[v]:g.off[v+1]]
		for _, u := range nb {
			mark[u] = stamp
		}
		links := 0 // each edge between two neighbours is seen from both ends
		for _, u := range nb {
			for _, w := range g.adj[g.off[u]:g.off[u+1]] {
				if mark[w] == stamp {
					links++
				}
			}
		}
		c[v] = float64(links) / (float64(k) * float64(k-1))
	}
	return c, nil
}
