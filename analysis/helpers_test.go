package analysis_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// reference is analysis/testdata/reference.json, written by
// scripts/reference/networkx_reference.py.
type reference struct {
	NetworkX string           `json:"networkx"`
	Graphs   []referenceGraph `json:"graphs"`
}

type referenceGraph struct {
	Name       string                                    `json:"name"`
	Nodes      []string                                  `json:"nodes"`
	Edges      [][3]float64                              `json:"edges"`
	Centrality map[analysis.Measure]map[string][]float64 `json:"centrality"`
	NXDefault  map[analysis.Measure]map[string][]float64 `json:"nx_default"`
	Summary    struct {
		Nodes             int     `json:"nodes"`
		Edges             int     `json:"edges"`
		Density           float64 `json:"density"`
		Components        int     `json:"components"`
		AverageDegree     float64 `json:"average_degree"`
		AverageClustering float64 `json:"average_clustering"`
	} `json:"summary"`
	Partition  [][]int            `json:"partition"`
	Modularity map[string]float64 `json:"modularity"`
}

func loadReference(tb testing.TB) reference {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "reference.json"))
	if err != nil {
		tb.Fatalf("read reference values: %v", err)
	}
	var ref reference
	if err := json.Unmarshal(data, &ref); err != nil {
		tb.Fatalf("decode reference values: %v", err)
	}
	if len(ref.Graphs) == 0 {
		tb.Fatal("reference.json holds no graphs")
	}
	return ref
}

// graph builds the reference graph; unit replaces every weight by 1.
func (r referenceGraph) graph(tb testing.TB, unit bool) *analysis.Graph {
	tb.Helper()
	edges := make([]analysis.Edge, len(r.Edges))
	for i, e := range r.Edges {
		w := e[2]
		if unit {
			w = 1
		}
		edges[i] = analysis.Edge{U: int(e[0]), V: int(e[1]), Weight: w}
	}
	return mustGraph(tb, len(r.Nodes), edges)
}

func mustGraph(tb testing.TB, n int, edges []analysis.Edge) *analysis.Graph {
	tb.Helper()
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		tb.Fatalf("NewGraph(%d, %d edges): %v", n, len(edges), err)
	}
	return g
}

// unit returns edges of weight 1 between the given pairs.
func unit(pairs ...[2]int) []analysis.Edge {
	edges := make([]analysis.Edge, len(pairs))
	for i, p := range pairs {
		edges[i] = analysis.Edge{U: p[0], V: p[1], Weight: 1}
	}
	return edges
}

func weightedName(weighted bool) string {
	if weighted {
		return "weighted"
	}
	return "unweighted"
}

func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return false
	}
	return math.Abs(a-b) <= tol
}
