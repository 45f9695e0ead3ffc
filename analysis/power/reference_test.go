package power_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/power"
)

// The reference values below come from scripts/reference/power_reference.py
// on Zachary's karate club (nx.karate_club_graph()), Padgett's Florentine
// families (nx.florentine_families_graph()), Les Misérables
// (nx.les_miserables_graph()) and the hand-built "bridged" graph.
const refTol = 1e-6

// TestReferenceCentralization checks Freeman centralization against
// igraph: igraph_centralization_degree(g, IGRAPH_ALL, loops=false,
// normalized=true) and igraph_centralization_betweenness(g, directed=false,
// normalized=true), evaluated by the script as
// (n·max − Σ)/tmax on g.degree(loops=False) and
// g.betweenness(directed=False) because python-igraph 0.10 does not expose
// them.
func TestReferenceCentralization(t *testing.T) {
	for _, rg := range loadReference(t).Graphs {
		t.Run(rg.Name, func(t *testing.T) {
			g := rg.graph(t)
			if got := power.DegreeCentralization(g); !near(got, rg.Centralization.Degree, refTol) {
				t.Errorf("DegreeCentralization(%s) = %v, want %v", rg.Name, got, rg.Centralization.Degree)
			}
			got, err := power.BetweennessCentralization(context.Background(), g)
			if err != nil {
				t.Fatalf("BetweennessCentralization(%s): %v", rg.Name, err)
			}
			if !near(got, rg.Centralization.Betweenness, refTol) {
				t.Errorf("BetweennessCentralization(%s) = %v, want %v", rg.Name, got, rg.Centralization.Betweenness)
			}
		})
	}
}

// TestReferenceInequality checks Gini, TopShare, Top, HHI and MinHolders
// against the script's NumPy/Python formulas, on the exact vectors it
// recorded: betweenness from nx.betweenness_centrality(G, normalized=True,
// weight=None), PageRank from nx.pagerank(G, alpha=0.85, weight=None,
// tol=1e-13) and strength from dict(G.degree(weight="weight")). It also
// feeds Gini the scores of analysis.Centrality, as the power report will.
func TestReferenceInequality(t *testing.T) {
	ctx := context.Background()
	for _, rg := range loadReference(t).Graphs {
		t.Run(rg.Name, func(t *testing.T) {
			if got := power.Gini(rg.Betweenness); !near(got, rg.Gini.Betweenness, 1e-12) {
				t.Errorf("Gini(betweenness of %s) = %v, want %v", rg.Name, got, rg.Gini.Betweenness)
			}
			if got := power.Gini(rg.PageRank); !near(got, rg.Gini.PageRank, 1e-12) {
				t.Errorf("Gini(pagerank of %s) = %v, want %v", rg.Name, got, rg.Gini.PageRank)
			}
			g := rg.graph(t)
			for _, m := range []analysis.Measure{analysis.Betweenness, analysis.PageRank} {
				want := rg.Gini.Betweenness
				if m == analysis.PageRank {
					want = rg.Gini.PageRank
				}
				scores, err := analysis.Centrality(ctx, g, m, false)
				if err != nil {
					t.Fatalf("Centrality(%s, %s): %v", rg.Name, m, err)
				}
				if got := power.Gini(scores); !near(got, want, refTol) {
					t.Errorf("Gini(Centrality(%s, %s)) = %v, want %v", rg.Name, m, got, want)
				}
			}
			if got := power.TopShare(rg.Betweenness, rg.TopShare.Fraction); !near(got, rg.TopShare.Betweenness, 1e-12) {
				t.Errorf("TopShare(betweenness of %s, %v) = %v, want %v", rg.Name, rg.TopShare.Fraction, got, rg.TopShare.Betweenness)
			}
			k := power.TopCount(len(rg.Betweenness), rg.TopShare.Fraction)
			if got := power.Top(rg.Betweenness, k); !slices.Equal(got, rg.TopShare.Top) {
				t.Errorf("Top(betweenness of %s, %d) = %v, want %v", rg.Name, k, got, rg.TopShare.Top)
			}
			if got := power.HHI(rg.Strength); !near(got, rg.HHI, 1e-12) {
				t.Errorf("HHI(strength of %s) = %v, want %v", rg.Name, got, rg.HHI)
			}
			if got := power.MinHolders(rg.Strength, 0.5); got != rg.MinHoldersHalf {
				t.Errorf("MinHolders(strength of %s, 0.5) = %d, want %d", rg.Name, got, rg.MinHoldersHalf)
			}
		})
	}
}

// TestReferenceCuts checks ArticulationPoints against
// sorted(nx.articulation_points(G)) (which the script checks against
// igraph's g.articulation_points()), and Separation and Separated against
// a brute force in the script that removes each node and compares
// nx.node_connected_component before and after.
func TestReferenceCuts(t *testing.T) {
	for _, rg := range loadReference(t).Graphs {
		t.Run(rg.Name, func(t *testing.T) {
			g := rg.graph(t)
			if got := power.ArticulationPoints(g); !slices.Equal(got, rg.ArticulationPoints) {
				t.Errorf("ArticulationPoints(%s) = %v, want %v", rg.Name, got, rg.ArticulationPoints)
			}
			n := len(rg.Nodes)
			sources := mask(n, rg.Separation.Sources...)
			targets := mask(n, rg.Separation.Targets...)
			got, err := power.Separation(g, sources, targets)
			if err != nil {
				t.Fatalf("Separation(%s): %v", rg.Name, err)
			}
			if !slices.Equal(got, rg.Separation.Separated) {
				t.Errorf("Separation(%s) = %v, want %v", rg.Name, got, rg.Separation.Separated)
			}
			for v, want := range rg.Separation.Separated {
				one, err := power.Separated(g, v, sources, targets)
				if err != nil || one != want {
					t.Errorf("Separated(%s, %s) = %d, %v, want %d", rg.Name, rg.Nodes[v], one, err, want)
				}
			}
		})
	}
}

// TestReferenceStructuralHoles checks Constraint and EffectiveSize against
// nx.constraint(G, weight=None | "weight") and nx.effective_size(G,
// weight=None | "weight"); null in the file is NetworkX's NaN for an
// isolated node.
func TestReferenceStructuralHoles(t *testing.T) {
	for _, rg := range loadReference(t).Graphs {
		for _, weighted := range []bool{false, true} {
			name := fmt.Sprintf("%s/%s", rg.Name, weightedName(weighted))
			t.Run(name, func(t *testing.T) {
				g := rg.graph(t)
				check := func(measure string, got []float64, want []*float64) {
					t.Helper()
					if len(want) != len(rg.Nodes) || len(got) != len(want) {
						t.Fatalf("%s(%s) has %d values, reference %d, want %d", measure, name, len(got), len(want), len(rg.Nodes))
					}
					for v := range want {
						w := math.NaN()
						if want[v] != nil {
							w = *want[v]
						}
						if !near(got[v], w, refTol) {
							t.Errorf("%s(%s) node %s = %v, want %v", measure, name, rg.Nodes[v], got[v], w)
						}
					}
				}
				check("Constraint", power.Constraint(g, weighted), rg.Constraint[weightedName(weighted)])
				check("EffectiveSize", power.EffectiveSize(g, weighted), rg.EffectiveSize[weightedName(weighted)])
			})
		}
	}
}
