package layout

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
)

// randomGraph returns a graph on n nodes with about deg·n/2 random ties of
// strength 1..3, from a seeded PCG.
func randomGraph(t *testing.T, n, deg int, seed uint64) *analysis.Graph {
	t.Helper()
	rnd := rand.New(rand.NewPCG(seed, seed))
	var edges []analysis.Edge
	for range n * deg / 2 {
		edges = append(edges, analysis.Edge{U: rnd.IntN(n), V: rnd.IntN(n), Weight: float64(1 + rnd.IntN(3))})
	}
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// repulsion returns the repulsive force on every node of a state placed
// by a few iterations of a layout, with Barnes–Hut at theta (0: exact).
func repulsion(t *testing.T, g *analysis.Graph, theta float64) (fx, fy []float64) {
	t.Helper()
	opts := DefaultOptions(g.Order())
	opts.MaxIterations = 30
	opts.Tolerance = 0
	res, err := Layout(t.Context(), g, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Theta = theta
	s := newState(g, &opts)
	s.x, s.y = make([]float64, s.n), make([]float64, s.n)
	for i, p := range res.Positions {
		s.x[i], s.y[i] = p.X, p.Y
	}
	if theta > 0 {
		s.tree.build(s.x, s.y, s.mass, nil)
		s.repelBarnesHut(s.all)
	} else {
		s.repelAmong(s.all, s.all)
	}
	return s.fx, s.fy
}

// TestBarnesHutMatchesExact compares the Barnes–Hut repulsion with the
// exact O(n²) sum on 2,000 nodes placed by 30 iterations. The error of node
// i is |F_BH(i) − F(i)| / |F(i)|, and the global error
// √(Σ|F_BH(i) − F(i)|² / Σ|F(i)|²); the bounds are stated per θ. (A node
// whose repulsions nearly cancel has a large relative error on a tiny
// force, so the worst node is not bounded.)
func TestBarnesHutMatchesExact(t *testing.T) {
	t.Parallel()
	g := randomGraph(t, 2000, 6, 3)
	ex, ey := repulsion(t, g, 0)
	tests := []struct {
		theta               float64
		median, p99, global float64
	}{
		{0.5, 0.003, 0.025, 0.005},
		{DefaultTheta, 0.03, 0.2, 0.04},
	}
	for _, tt := range tests {
		bx, by := repulsion(t, g, tt.theta)
		errs := make([]float64, len(ex))
		var num, den float64
		for i := range ex {
			d2 := (bx[i]-ex[i])*(bx[i]-ex[i]) + (by[i]-ey[i])*(by[i]-ey[i])
			f2 := ex[i]*ex[i] + ey[i]*ey[i]
			errs[i] = math.Sqrt(d2 / f2)
			num += d2
			den += f2
		}
		slices.Sort(errs)
		med, p99, global := errs[len(errs)/2], errs[len(errs)*99/100], math.Sqrt(num/den)
		t.Logf("θ = %v: relative error median %.5f, p99 %.5f, max %.5f; global %.5f", tt.theta, med, p99, errs[len(errs)-1], global)
		if med > tt.median || p99 > tt.p99 || global > tt.global {
			t.Errorf("Barnes–Hut θ = %v: relative force error median %.5f, p99 %.5f, global %.5f; want at most %v, %v and %v", tt.theta, med, p99, global, tt.median, tt.p99, tt.global)
		}
	}
	// θ tiny opens every cell: the sum is exact up to rounding.
	bx, by := repulsion(t, g, 1e-9)
	for i := range ex {
		if e := math.Hypot(bx[i]-ex[i], by[i]-ey[i]) / math.Hypot(ex[i], ey[i]); e > 1e-9 {
			t.Fatalf("Barnes–Hut θ = 1e-9: node %d relative error %v, want rounding only", i, e)
		}
	}
}

// TestForceIsEnergyGradient checks the force model against Energy: the
// force on every node equals minus the numerical gradient of the energy,
// for linear and LinLog attraction and both gravities.
func TestForceIsEnergyGradient(t *testing.T) {
	t.Parallel()
	g := randomGraph(t, 40, 4, 9)
	for _, variant := range []struct {
		name           string
		linLog, strong bool
		delta          float64
	}{
		{"linear", false, false, 1},
		{"LinLog", true, false, 1},
		{"strong gravity", false, true, 1},
		{"weights squared", false, false, 2},
		{"weights ignored", true, true, 0},
	} {
		opts := DefaultOptions(g.Order())
		opts.LinLog, opts.StrongGravity, opts.EdgeWeightInfluence = variant.linLog, variant.strong, variant.delta
		opts.Theta = 0
		s := newState(g, &opts)
		s.x, s.y = initialPositions(g, &opts)
		s.repelAmong(s.all, s.all)
		s.attract(s.all)
		pos := s.positions()
		for i := range s.n {
			const h = 1e-5
			grad := func(dx, dy float64) float64 {
				p := slices.Clone(pos)
				p[i].X += dx
				p[i].Y += dy
				e, err := Energy(g, p, opts)
				if err != nil {
					t.Fatal(err)
				}
				return e
			}
			gx := (grad(h, 0) - grad(-h, 0)) / (2 * h)
			gy := (grad(0, h) - grad(0, -h)) / (2 * h)
			if e := math.Hypot(s.fx[i]+gx, s.fy[i]+gy); e > 1e-4*max(1, math.Hypot(gx, gy)) {
				t.Fatalf("%s: force on node %d = (%.6g, %.6g), minus the energy gradient = (%.6g, %.6g)", variant.name, i, s.fx[i], s.fy[i], -gx, -gy)
			}
		}
	}
}

// TestInitialPlacement checks the warm start: known nodes keep their
// positions, a new node starts near the mean of its placed neighbours, a
// chain of new nodes follows from the placed end, and a new component with
// no placed node starts inside the known nodes' box.
func TestInitialPlacement(t *testing.T) {
	t.Parallel()
	// 0–1–2 known; 3 tied to 0 and 2; 4 tied to 3 only; 5–6 a new component.
	g, err := analysis.NewGraph(7, []analysis.Edge{
		{U: 0, V: 1, Weight: 1}, {U: 1, V: 2, Weight: 1}, {U: 3, V: 0, Weight: 1},
		{U: 3, V: 2, Weight: 1}, {U: 4, V: 3, Weight: 1}, {U: 5, V: 6, Weight: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions(7)
	opts.Initial = []Point{{0, 0}, {10, 0}, {20, 0}, {}, {}, {}, {}}
	opts.Known = []bool{true, true, true, false, false, false, false}
	x, y := initialPositions(g, &opts)
	for i := range 3 {
		if x[i] != opts.Initial[i].X || y[i] != opts.Initial[i].Y {
			t.Errorf("known node %d starts at (%v, %v), want %v", i, x[i], y[i], opts.Initial[i])
		}
	}
	// The mean tie length among known nodes is 10: jitter 0.5..1.5.
	if d := math.Hypot(x[3]-10, y[3]); d < 0.5 || d > 1.5 {
		t.Errorf("node 3 starts %.3f from its neighbours' mean (10, 0), want 0.5..1.5", d)
	}
	if d := math.Hypot(x[4]-x[3], y[4]-y[3]); d < 0.5 || d > 1.5 {
		t.Errorf("node 4 starts %.3f from its only neighbour 3, want 0.5..1.5", d)
	}
	for _, i := range []int{5, 6} {
		// The box is widened to at least 10·√2 around (10, 0).
		if x[i] < -5 || x[i] > 25 || math.Abs(y[i]) > 15 {
			t.Errorf("node %d of a new component starts at (%v, %v), want within the widened box of the known nodes", i, x[i], y[i])
		}
	}
}

// TestSeparateDiscs throws 500 discs of radii 1 to 10 into a square where
// they overlap: once separated none overlaps, fixed ones have not moved,
// and the same input gives the same output. Without fixed discs the
// square is six times too small for them (spread opens it up); with fixed
// ones (which forbid spreading) it leaves them room.
func TestSeparateDiscs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		side  float64
		fixed bool
	}{
		{"packed, none fixed", 100, false},
		{"loose, some fixed", 300, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(4, 4))
			n := 500
			x, y, r := make([]float64, n), make([]float64, n), make([]float64, n)
			fixed := make([]bool, n)
			for i := range n {
				x[i], y[i], r[i] = tt.side*rnd.Float64(), tt.side*rnd.Float64(), 1+9*rnd.Float64()
				fixed[i] = tt.fixed && i%50 == 0
			}
			x[7], y[7] = x[8], y[8] // one pair on the same centre
			if tt.fixed {
				// Apart from each other: two fixed discs may not be separated.
				for i := 0; i < n; i += 50 {
					x[i], y[i] = float64(i/50)*30, -50
				}
			}
			x0, y0 := slices.Clone(x), slices.Clone(y)
			overlaps := func() int {
				c := 0
				for i := range n {
					for j := i + 1; j < n; j++ {
						if math.Hypot(x[i]-x[j], y[i]-y[j]) < r[i]+r[j] {
							c++
						}
					}
				}
				return c
			}
			before := overlaps()
			rounds := separateDiscs(x, y, r, fixed)
			t.Logf("%d overlapping pairs, separated in %d rounds", before, rounds)
			if got := overlaps(); got != 0 || rounds >= maxSeparateRounds {
				t.Errorf("after separateDiscs (%d rounds): %d overlapping pairs (of %d before), want none", rounds, got, before)
			}
			for i := range n {
				if fixed[i] && (x[i] != x0[i] || y[i] != y0[i]) {
					t.Errorf("fixed disc %d moved", i)
				}
			}
			x2, y2 := slices.Clone(x0), slices.Clone(y0)
			separateDiscs(x2, y2, r, fixed)
			if !slices.Equal(x, x2) || !slices.Equal(y, y2) {
				t.Errorf("separateDiscs gave two results for one input")
			}
		})
	}
}
