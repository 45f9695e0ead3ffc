package power_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// powerReference is testdata/power_reference.json, written by
// scripts/reference/power_reference.py with NetworkX, python-igraph and
// NumPy from Debian.
type powerReference struct {
	NetworkX string           `json:"networkx"`
	IGraph   string           `json:"igraph"`
	Graphs   []referenceGraph `json:"graphs"`
}

type referenceGraph struct {
	Name           string       `json:"name"`
	Nodes          []string     `json:"nodes"`
	Edges          [][3]float64 `json:"edges"`
	Centralization struct {
		Degree      float64 `json:"degree"`
		Betweenness float64 `json:"betweenness"`
	} `json:"centralization"`
	Betweenness []float64 `json:"betweenness"`
	PageRank    []float64 `json:"pagerank"`
	Gini        struct {
		Betweenness float64 `json:"betweenness"`
		PageRank    float64 `json:"pagerank"`
	} `json:"gini"`
	TopShare struct {
		Fraction    float64 `json:"fraction"`
		Betweenness float64 `json:"betweenness"`
		Top         []int   `json:"top"`
	} `json:"top_share"`
	Strength           []float64 `json:"strength"`
	HHI                float64   `json:"hhi"`
	MinHoldersHalf     int       `json:"min_holders_half"`
	ArticulationPoints []int     `json:"articulation_points"`
	Separation         struct {
		Sources   []int `json:"sources"`
		Targets   []int `json:"targets"`
		Separated []int `json:"separated"`
	} `json:"separation"`
	// Null stands for NaN (an isolated node).
	Constraint    map[string][]*float64 `json:"constraint"`
	EffectiveSize map[string][]*float64 `json:"effective_size"`
}

func loadReference(tb testing.TB) powerReference {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "power_reference.json"))
	if err != nil {
		tb.Fatalf("read reference values: %v", err)
	}
	var ref powerReference
	if err := json.Unmarshal(data, &ref); err != nil {
		tb.Fatalf("decode reference values: %v", err)
	}
	if len(ref.Graphs) == 0 {
		tb.Fatal("power_reference.json holds no graphs")
	}
	return ref
}

// graph builds the reference graph with its recorded weights.
func (r referenceGraph) graph(tb testing.TB) *analysis.Graph {
	tb.Helper()
	edges := make([]analysis.Edge, len(r.Edges))
	for i, e := range r.Edges {
		edges[i] = analysis.Edge{U: int(e[0]), V: int(e[1]), Weight: e[2]}
	}
	return mustGraph(tb, len(r.Nodes), edges)
}

// mask returns a mask of n entries set at the given ids.
func mask(n int, ids ...int) []bool {
	m := make([]bool, n)
	for _, i := range ids {
		m[i] = true
	}
	return m
}

func mustGraph(tb testing.TB, n int, edges []analysis.Edge) *analysis.Graph {
	tb.Helper()
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		tb.Fatalf("NewGraph(%d, %d edges): %v", n, len(edges), err)
	}
	return g
}

// unit returns the graph on n nodes with edges of weight 1 between pairs.
func unit(tb testing.TB, n int, pairs ...[2]int) *analysis.Graph {
	tb.Helper()
	edges := make([]analysis.Edge, len(pairs))
	for i, p := range pairs {
		edges[i] = analysis.Edge{U: p[0], V: p[1], Weight: 1}
	}
	return mustGraph(tb, n, edges)
}

func star(tb testing.TB, n int) *analysis.Graph {
	tb.Helper()
	var pairs [][2]int
	for v := 1; v < n; v++ {
		pairs = append(pairs, [2]int{0, v})
	}
	return unit(tb, n, pairs...)
}

func path(tb testing.TB, n int) *analysis.Graph {
	tb.Helper()
	var pairs [][2]int
	for v := 1; v < n; v++ {
		pairs = append(pairs, [2]int{v - 1, v})
	}
	return unit(tb, n, pairs...)
}

func cycle(tb testing.TB, n int) *analysis.Graph {
	tb.Helper()
	var pairs [][2]int
	for v := range n {
		pairs = append(pairs, [2]int{v, (v + 1) % n})
	}
	return unit(tb, n, pairs...)
}

// bridged is two triangles 0-1-2 and 3-4-5 joined by the bridge 2-3, with
// a pendant 6 on 5 and an isolated node 7.
func bridged(tb testing.TB) *analysis.Graph {
	tb.Helper()
	return unit(tb, 8, [2]int{0, 1}, [2]int{0, 2}, [2]int{1, 2}, [2]int{2, 3},
		[2]int{3, 4}, [2]int{3, 5}, [2]int{4, 5}, [2]int{5, 6})
}

func weightedName(weighted bool) string {
	if weighted {
		return "weighted"
	}
	return "unweighted"
}

// near reports whether a and b differ by at most tol; NaN is near NaN only.
func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}
