package power_test

import (
	"math"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/power"
)

// TestStructuralHolesTiny checks Burt's constraint and effective size on
// graphs worked out by hand from the definitions in Constraint and
// EffectiveSize (the same values nx.constraint and nx.effective_size give;
// TestReferenceStructuralHoles checks NetworkX itself).
func TestStructuralHolesTiny(t *testing.T) {
	nan := math.NaN()
	// Triangle 0-1-2 with w01 = w02 = 1 and w12 = 2.
	heavy := mustGraph(t, 3, []analysis.Edge{{U: 0, V: 1, Weight: 1}, {U: 0, V: 2, Weight: 1}, {U: 1, V: 2, Weight: 2}})
	tests := []struct {
		name       string
		graph      *analysis.Graph
		weighted   bool
		constraint []float64
		effective  []float64
	}{
		// Centre: 4·(1/4)²; leaf: p = 1, nothing indirect. Effective size
		// n − 2t/n: 4 − 0 for the centre, 1 for a leaf.
		{name: "star of 5", graph: star(t, 5), constraint: []float64{0.25, 1, 1, 1, 1}, effective: []float64{4, 1, 1, 1, 1}},
		// Each node: 2·(1/2 + 1/2·1/2)² = 9/8; effective size 2 − 2·1/2 = 1.
		{name: "triangle", graph: cycle(t, 3), constraint: []float64{9.0 / 8, 9.0 / 8, 9.0 / 8}, effective: []float64{1, 1, 1}},
		// Path 0-1-2: the middle has 2·(1/2)² = 1/2 and effective size 2.
		{name: "path of 3", graph: path(t, 3), constraint: []float64{1, 0.5, 1}, effective: []float64{1, 2, 1}},
		// Node 2 is isolated: NaN, as NetworkX.
		{name: "isolated", graph: unit(t, 3, [2]int{0, 1}), constraint: []float64{1, 1, nan}, effective: []float64{1, 1, nan}},
		// Unweighted, the heavy triangle is a plain triangle.
		{name: "heavy triangle unweighted", graph: heavy, constraint: []float64{9.0 / 8, 9.0 / 8, 9.0 / 8}, effective: []float64{1, 1, 1}},
		// Weighted: p_01 = p_02 = 1/2, p_10 = p_20 = 1/3, p_12 = p_21 = 2/3.
		// c(0) = 2·(1/2 + 1/2·2/3)² = 2·(5/6)² = 50/36.
		// c(1) = (1/3 + 2/3·1/3)² + (2/3 + 1/3·1/2)² = (5/9)² + (5/6)² = 325/324.
		// e(0) = (1 − p_02·m_12) + (1 − p_01·m_21) = 1/2 + 1/2 with
		// m_12 = m_21 = 2/2. e(1) = (1 − p_12·m_02) + (1 − p_10·m_20)
		// = (1 − 2/3·1) + (1 − 1/3·1/2) = 1/3 + 5/6 = 7/6.
		{name: "heavy triangle weighted", graph: heavy, weighted: true, constraint: []float64{50.0 / 36, 325.0 / 324, 325.0 / 324}, effective: []float64{1, 7.0 / 6, 7.0 / 6}},
		{name: "empty", graph: unit(t, 0), constraint: []float64{}, effective: []float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := power.Constraint(tc.graph, tc.weighted)
			e := power.EffectiveSize(tc.graph, tc.weighted)
			if len(c) != len(tc.constraint) || len(e) != len(tc.effective) {
				t.Fatalf("Constraint/EffectiveSize(%s) have %d/%d values, want %d", tc.name, len(c), len(e), len(tc.constraint))
			}
			for v := range tc.constraint {
				if !near(c[v], tc.constraint[v], 1e-12) {
					t.Errorf("Constraint(%s) node %d = %v, want %v", tc.name, v, c[v], tc.constraint[v])
				}
				if !near(e[v], tc.effective[v], 1e-12) {
					t.Errorf("EffectiveSize(%s) node %d = %v, want %v", tc.name, v, e[v], tc.effective[v])
				}
			}
		})
	}
}
