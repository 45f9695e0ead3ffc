package layout_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/layout"
)

// published is a network from analysis/testdata/reference.json (written
// by scripts/reference/networkx_reference.py from NetworkX's copies of the
// published data) with NetworkX's Louvain partition of it.
type published struct {
	Name      string       `json:"name"`
	Nodes     []string     `json:"nodes"`
	Edges     [][3]float64 `json:"edges"`
	Partition [][]int      `json:"partition"`
}

// loadPublished returns the named networks: "karate" (Zachary 1977),
// "florentine" (Padgett & Ansell 1993), "lesmis" (Knuth 1993).
func loadPublished(tb testing.TB, name string) (*analysis.Graph, [][]int) {
	tb.Helper()
	n, edges, partition := publishedEdges(tb, name)
	return mustGraph(tb, n, edges), partition
}

// publishedEdges returns the named network's node count, edges and
// partition.
func publishedEdges(tb testing.TB, name string) (int, []analysis.Edge, [][]int) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reference.json"))
	if err != nil {
		tb.Fatalf("read reference networks: %v", err)
	}
	var ref struct {
		Graphs []published `json:"graphs"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		tb.Fatalf("decode reference networks: %v", err)
	}
	for _, p := range ref.Graphs {
		if p.Name != name {
			continue
		}
		edges := make([]analysis.Edge, len(p.Edges))
		for i, e := range p.Edges {
			edges[i] = analysis.Edge{U: int(e[0]), V: int(e[1]), Weight: e[2]}
		}
		return len(p.Nodes), edges, p.Partition
	}
	tb.Fatalf("reference.json has no network %q", name)
	return 0, nil, nil
}

func mustGraph(tb testing.TB, n int, edges []analysis.Edge) *analysis.Graph {
	tb.Helper()
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		tb.Fatalf("NewGraph(%d, %d edges): %v", n, len(edges), err)
	}
	return g
}

// plantedPartition returns the edges of a planted partition graph (Condon
// & Karp 2001, "Algorithms for graph partitioning on the planted partition
// model", Random Struct. Algorithms 18(2):116; NetworkX
// planted_partition_graph(groups, size, pIn, pOut)): groups groups of size
// nodes, node i in group i/size, each pair tied with probability pIn
// inside a group and pOut across, drawn from a PCG seeded with seed. It
// also returns the groups as a partition.
func plantedPartition(groups, size int, pIn, pOut float64, seed uint64) ([]analysis.Edge, [][]int) {
	rnd := rand.New(rand.NewPCG(seed, seed))
	n := groups * size
	var edges []analysis.Edge
	for i := range n {
		for j := i + 1; j < n; j++ {
			p := pOut
			if i/size == j/size {
				p = pIn
			}
			if rnd.Float64() < p {
				edges = append(edges, analysis.Edge{U: i, V: j, Weight: 1})
			}
		}
	}
	part := make([][]int, groups)
	for i := range n {
		part[i/size] = append(part[i/size], i)
	}
	return edges, part
}

// separation returns the mean distance between nodes of the same
// community and the mean distance between nodes of different ones.
func separation(pos []layout.Point, partition [][]int) (intra, inter float64) {
	of := make([]int, len(pos))
	for c, members := range partition {
		for _, v := range members {
			of[v] = c
		}
	}
	var ni, no int
	for i := range pos {
		for j := i + 1; j < len(pos); j++ {
			d := dist(pos[i], pos[j])
			if of[i] == of[j] {
				intra += d
				ni++
			} else {
				inter += d
				no++
			}
		}
	}
	return intra / float64(ni), inter / float64(no)
}

func dist(a, b layout.Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// rmsRadius is the RMS distance of the points from their centroid: the
// scale displacements are measured against.
func rmsRadius(pos []layout.Point) float64 {
	var cx, cy float64
	for _, p := range pos {
		cx += p.X
		cy += p.Y
	}
	cx /= float64(len(pos))
	cy /= float64(len(pos))
	var s float64
	for _, p := range pos {
		s += (p.X-cx)*(p.X-cx) + (p.Y-cy)*(p.Y-cy)
	}
	return math.Sqrt(s / float64(len(pos)))
}

// quantile returns the q-quantile (nearest rank) of xs.
func quantile(xs []float64, q float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	k := int(math.Ceil(q*float64(len(s)))) - 1
	return s[max(0, min(k, len(s)-1))]
}

// hops returns the number of ties from the nearest of the sources to every
// node (-1 when unreachable).
func hops(g *analysis.Graph, sources ...int) []int {
	d := make([]int, g.Order())
	for i := range d {
		d[i] = -1
	}
	queue := []int{}
	for _, s := range sources {
		d[s] = 0
		queue = append(queue, s)
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		nb, _ := g.Neighbours(u)
		for _, v := range nb {
			if d[v] < 0 {
				d[v] = d[u] + 1
				queue = append(queue, int(v))
			}
		}
	}
	return d
}

func mustLayout(tb testing.TB, g *analysis.Graph, opts layout.Options) layout.Result {
	tb.Helper()
	res, err := layout.Layout(tb.Context(), g, opts)
	if err != nil {
		tb.Fatalf("Layout(%d nodes): %v", g.Order(), err)
	}
	for i, p := range res.Positions {
		if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
			tb.Fatalf("Layout(%d nodes): node %d at (%v, %v)", g.Order(), i, p.X, p.Y)
		}
	}
	return res
}
