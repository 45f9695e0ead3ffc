package layout_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/layout"
)

// testGraph is a network with a partition it is expected to show.
type testGraph struct {
	name      string
	g         *analysis.Graph
	partition [][]int
}

func testGraphs(t *testing.T) []testGraph {
	t.Helper()
	karate, kp := loadPublished(t, "karate")
	lesmis, lp := loadPublished(t, "lesmis")
	// Eight groups of 50, about 10 ties inside and 1.75 across per node.
	edges, pp := plantedPartition(8, 50, 0.2, 0.005, 7)
	return []testGraph{
		{"karate", karate, kp},
		{"lesmis", lesmis, lp},
		{"planted", mustGraph(t, 400, edges), pp},
	}
}

func TestLayoutDeterministic(t *testing.T) {
	t.Parallel()
	graphs := testGraphs(t)
	// Above 1,024 nodes the forces are computed by several workers.
	ba := testGraph{name: "BarabasiAlbert(3000, 3)", g: mustGraph(t, 3000, analysis.BarabasiAlbert(3000, 3, 1))}
	graphs = append(graphs, ba)
	for _, tg := range graphs {
		t.Run(tg.name, func(t *testing.T) {
			thetas := []float64{layout.DefaultTheta, 0}
			if tg.g.Order() > 1000 {
				thetas = thetas[:1]
			}
			for _, theta := range thetas {
				opts := layout.DefaultOptions(tg.g.Order())
				opts.Theta = theta
				opts.Workers = 1
				opts.MaxIterations = 100
				first := mustLayout(t, tg.g, opts)
				for _, workers := range []int{1, 2, 7} {
					opts.Workers = workers
					again := mustLayout(t, tg.g, opts)
					if !slices.Equal(again.Positions, first.Positions) || again.Iterations != first.Iterations {
						t.Errorf("Layout(%s, θ=%v, %d workers) differs from the first run (%d vs %d iterations)", tg.name, theta, workers, again.Iterations, first.Iterations)
					}
				}
				opts.Seed = 2
				other := mustLayout(t, tg.g, opts)
				if slices.Equal(other.Positions, first.Positions) {
					t.Errorf("Layout(%s, θ=%v) with seeds 1 and 2 gave the same positions; the seed is not used", tg.name, theta)
				}
			}
		})
	}
}

// TestLayoutConverges checks that every run settles before the cap, that
// the swinging falls, and that the energy whose negative gradient is the
// force falls too.
func TestLayoutConverges(t *testing.T) {
	t.Parallel()
	for _, tg := range testGraphs(t) {
		t.Run(tg.name, func(t *testing.T) {
			opts := layout.DefaultOptions(tg.g.Order())
			res := mustLayout(t, tg.g, opts)
			if !res.Converged || res.Iterations >= opts.MaxIterations {
				t.Fatalf("Layout(%s) ran %d iterations, converged %v; want it to settle before %d", tg.name, res.Iterations, res.Converged, opts.MaxIterations)
			}
			if len(res.Steps) != res.Iterations {
				t.Fatalf("Layout(%s) reported %d steps for %d iterations", tg.name, len(res.Steps), res.Iterations)
			}
			// Swinging relative to traction, averaged over the first and
			// the last tenth of the run.
			k := max(1, res.Iterations/10)
			swing := func(steps []layout.Step) float64 {
				var s float64
				for _, st := range steps {
					s += st.Swing
				}
				return s / float64(len(steps))
			}
			early, late := swing(res.Steps[:k]), swing(res.Steps[len(res.Steps)-k:])
			t.Logf("%s: %d iterations, swing %.4g → %.4g", tg.name, res.Iterations, early, late)
			if late > early/10 {
				t.Errorf("Layout(%s): mean swing %.4g in the last tenth, want under a tenth of the first tenth's %.4g", tg.name, late, early)
			}
			one := opts
			one.MaxIterations = 1
			start := mustLayout(t, tg.g, one)
			e0, err := layout.Energy(tg.g, start.Positions, opts)
			if err != nil {
				t.Fatal(err)
			}
			e1, err := layout.Energy(tg.g, res.Positions, opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: energy %.6g → %.6g", tg.name, e0, e1)
			if !(e1 < e0) {
				t.Errorf("Energy(%s) after the run = %.6g, want below %.6g after one iteration", tg.name, e1, e0)
			}
		})
	}
}

// TestCommunitySeparation checks that communities come out as regions:
// nodes of one community are closer to each other, on average, than to
// the others, by a margin.
func TestCommunitySeparation(t *testing.T) {
	t.Parallel()
	// maxRatio is the largest intra/inter mean distance ratio accepted.
	maxRatio := map[string]float64{"karate": 0.8, "lesmis": 0.8, "planted": 0.5}
	for _, tg := range testGraphs(t) {
		for _, linLog := range []bool{false, true} {
			opts := layout.DefaultOptions(tg.g.Order())
			opts.LinLog = linLog
			res := mustLayout(t, tg.g, opts)
			intra, inter := separation(res.Positions, tg.partition)
			t.Logf("%s (LinLog %v): intra %.4g, inter %.4g, ratio %.3f", tg.name, linLog, intra, inter, intra/inter)
			if intra/inter > maxRatio[tg.name] {
				t.Errorf("Layout(%s, LinLog %v): mean intra-community distance %.4g is %.3f of the inter-community %.4g, want at most %.2f",
					tg.name, linLog, intra, intra/inter, inter, maxRatio[tg.name])
			}
		}
	}
}

// displacements returns each node's move from a to b divided by a's RMS
// radius.
func displacements(a, b []layout.Point) []float64 {
	r := rmsRadius(a)
	out := make([]float64, len(a))
	for i := range a {
		out[i] = dist(a[i], b[i]) / r
	}
	return out
}

// Warm-start bounds, as fractions of the layout's RMS radius: after one
// tie is added, the nodes three or more ties away from both its ends move
// a median of at most stableMedian and a 90th percentile of at most
// stableP90.
const (
	stableMedian = 0.02
	stableP90    = 0.05
)

func TestWarmStartStability(t *testing.T) {
	t.Parallel()
	edges, _ := plantedPartition(8, 50, 0.2, 0.005, 7)
	g := mustGraph(t, 400, edges)
	opts := layout.DefaultOptions(400)
	before := mustLayout(t, g, opts)

	// One new tie between two groups.
	u, v := 10, 390
	changed := mustGraph(t, 400, append(slices.Clone(edges), analysis.Edge{U: u, V: v, Weight: 1}))
	warm := opts
	warm.Initial = before.Positions
	after := mustLayout(t, changed, warm)

	moved := displacements(before.Positions, after.Positions)
	var far []float64
	for i, h := range hops(g, u, v) {
		if h >= 3 {
			far = append(far, moved[i])
		}
	}
	if len(far) < 100 {
		t.Fatalf("only %d nodes are three ties from the new tie; the test graph is too small", len(far))
	}
	med, p90 := quantile(far, 0.5), quantile(far, 0.9)
	t.Logf("warm start: %d iterations; far nodes (%d) moved median %.4f, p90 %.4f; ends moved %.4f and %.4f", after.Iterations, len(far), med, p90, moved[u], moved[v])
	if med > stableMedian || p90 > stableP90 {
		t.Errorf("after one new tie, nodes 3+ ties away moved median %.4f, p90 %.4f of the radius; want at most %.2f and %.2f", med, p90, stableMedian, stableP90)
	}
	if moved[u] < 2*med || moved[v] < 2*med {
		t.Errorf("the ends of the new tie moved %.4f and %.4f, want more than twice the far nodes' median %.4f: the picture should change where the network changed", moved[u], moved[v], med)
	}

	// The bound means something: a cold layout of the changed network
	// (another seed) moves the same nodes far beyond it.
	cold := opts
	cold.Seed = 2
	other := mustLayout(t, changed, cold)
	moved = displacements(before.Positions, other.Positions)
	far = far[:0]
	for i, h := range hops(g, u, v) {
		if h >= 3 {
			far = append(far, moved[i])
		}
	}
	t.Logf("cold start: far nodes moved median %.4f", quantile(far, 0.5))
	if quantile(far, 0.5) < 5*stableMedian {
		t.Errorf("a cold layout moved the far nodes a median of %.4f only; the stability bound %.2f would not tell warm from cold", quantile(far, 0.5), stableMedian)
	}
}

// TestWarmStartNewNode adds a node tied into one group: it lands in that
// group, and the rest of the picture barely moves.
func TestWarmStartNewNode(t *testing.T) {
	t.Parallel()
	edges, part := plantedPartition(8, 50, 0.2, 0.005, 7)
	g := mustGraph(t, 400, edges)
	opts := layout.DefaultOptions(400)
	before := mustLayout(t, g, opts)

	// Node 400 joins group 3 with four ties.
	grown := append(slices.Clone(edges),
		analysis.Edge{U: 400, V: 150, Weight: 1}, analysis.Edge{U: 400, V: 160, Weight: 1},
		analysis.Edge{U: 400, V: 170, Weight: 1}, analysis.Edge{U: 400, V: 180, Weight: 1})
	g2 := mustGraph(t, 401, grown)
	warm := opts
	warm.Initial = append(slices.Clone(before.Positions), layout.Point{})
	warm.Known = make([]bool, 401)
	for i := range 400 {
		warm.Known[i] = true
	}
	after := mustLayout(t, g2, warm)
	if after.Settling == 0 || after.Settling >= after.Iterations {
		t.Errorf("Layout with one new node: %d settling iterations of %d, want a settling phase and then a global one", after.Settling, after.Iterations)
	}

	centroid := func(members []int) layout.Point {
		var c layout.Point
		for _, v := range members {
			c.X += after.Positions[v].X
			c.Y += after.Positions[v].Y
		}
		return layout.Point{X: c.X / float64(len(members)), Y: c.Y / float64(len(members))}
	}
	p := after.Positions[400]
	own := dist(p, centroid(part[3]))
	for c, members := range part {
		if c != 3 && dist(p, centroid(members)) <= own {
			t.Errorf("the new node is %.4g from group %d's centre and %.4g from its own group 3's; want it nearest its own", dist(p, centroid(members)), c, own)
		}
	}
	moved := displacements(before.Positions, after.Positions[:400])
	far := []float64{}
	for i, h := range hops(g2, 400)[:400] {
		if h >= 3 {
			far = append(far, moved[i])
		}
	}
	t.Logf("new node: %d iterations (%d settling); far nodes (%d) moved median %.4f, p90 %.4f", after.Iterations, after.Settling, len(far), quantile(far, 0.5), quantile(far, 0.9))
	if quantile(far, 0.5) > stableMedian || quantile(far, 0.9) > stableP90 {
		t.Errorf("after one new node, nodes 3+ ties away moved median %.4f, p90 %.4f; want at most %.2f and %.2f", quantile(far, 0.5), quantile(far, 0.9), stableMedian, stableP90)
	}
}

// TestFixedNodes pins all but a few nodes: the pinned ones do not move at
// all, and the free ones settle as a warm start would have them.
func TestFixedNodes(t *testing.T) {
	t.Parallel()
	edges, part := plantedPartition(8, 50, 0.2, 0.005, 7)
	g := mustGraph(t, 400, edges)
	opts := layout.DefaultOptions(400)
	before := mustLayout(t, g, opts)

	// Node 7 of group 0 is moved into group 5's region, then set free with
	// its neighbours; everything else is fixed.
	warm := opts
	warm.Initial = slices.Clone(before.Positions)
	warm.Initial[7] = before.Positions[part[5][0]]
	warm.Fixed = make([]bool, 400)
	free := map[int]bool{7: true}
	nb, _ := g.Neighbours(7)
	for _, v := range nb {
		free[int(v)] = true
	}
	for i := range warm.Fixed {
		warm.Fixed[i] = !free[i]
	}
	after := mustLayout(t, g, warm)
	for i, f := range warm.Fixed {
		if f && after.Positions[i] != warm.Initial[i] {
			t.Fatalf("fixed node %d moved from %v to %v", i, warm.Initial[i], after.Positions[i])
		}
	}
	// Node 7 goes back among its own group.
	var own, other float64
	for _, v := range part[0] {
		own += dist(after.Positions[7], after.Positions[v])
	}
	for _, v := range part[5] {
		other += dist(after.Positions[7], after.Positions[v])
	}
	t.Logf("node 7: %d iterations; mean distance %.4g to its group, %.4g to group 5", after.Iterations, own/50, other/50)
	if own >= other {
		t.Errorf("the freed node 7 stays nearer group 5 (%.4g) than its own group 0 (%.4g)", other/50, own/50)
	}
	// All fixed: nothing moves and nothing runs.
	warm.Fixed = slices.Repeat([]bool{true}, 400)
	if res := mustLayout(t, g, warm); res.Iterations != 0 || !slices.Equal(res.Positions, warm.Initial) {
		t.Errorf("Layout with every node fixed ran %d iterations and moved nodes: %v", res.Iterations, !slices.Equal(res.Positions, warm.Initial))
	}
}

// TestPreventOverlap gives the nodes of Les Misérables radii that grow with
// their degree: with overlap prevention no two discs overlap, and without
// it many do.
func TestPreventOverlap(t *testing.T) {
	t.Parallel()
	g, _ := loadPublished(t, "lesmis")
	n := g.Order()
	sizes := make([]float64, n)
	for i := range sizes {
		nb, _ := g.Neighbours(i)
		sizes[i] = 2 + math.Sqrt(float64(len(nb)))
	}
	overlapping := func(pos []layout.Point) int {
		c := 0
		for i := range pos {
			for j := i + 1; j < len(pos); j++ {
				if dist(pos[i], pos[j]) < sizes[i]+sizes[j] {
					c++
				}
			}
		}
		return c
	}
	opts := layout.DefaultOptions(n)
	opts.Sizes = sizes
	plain := overlapping(mustLayout(t, g, opts).Positions)
	opts.PreventOverlap = true
	res := mustLayout(t, g, opts)
	prevented := overlapping(res.Positions)
	t.Logf("overlapping pairs: %d without, %d with overlap prevention (%d iterations)", plain, prevented, res.Iterations)
	if prevented > 0 || plain < 10 {
		t.Errorf("overlapping pairs = %d with PreventOverlap and %d without, want none with and at least 10 without", prevented, plain)
	}
}

func TestLayoutSmallGraphs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		n     int
		edges []analysis.Edge
	}{
		{"empty", 0, nil},
		{"one node", 1, nil},
		{"two isolated nodes", 2, nil},
		{"one tie", 2, []analysis.Edge{{U: 0, V: 1, Weight: 3}}},
		{"isolated nodes", 50, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mustGraph(t, tt.n, tt.edges)
			res := mustLayout(t, g, layout.DefaultOptions(tt.n))
			if len(res.Positions) != tt.n {
				t.Fatalf("Layout(%s) = %d positions, want %d", tt.name, len(res.Positions), tt.n)
			}
			for i := range res.Positions {
				for j := i + 1; j < tt.n; j++ {
					if res.Positions[i] == res.Positions[j] {
						t.Errorf("Layout(%s): nodes %d and %d share position %v", tt.name, i, j, res.Positions[i])
					}
				}
			}
		})
	}
}

// TestWarmStartCoincident starts every node at the same point: they must
// still come apart.
func TestWarmStartCoincident(t *testing.T) {
	t.Parallel()
	g, _ := loadPublished(t, "karate")
	opts := layout.DefaultOptions(g.Order())
	opts.Initial = make([]layout.Point, g.Order())
	res := mustLayout(t, g, opts)
	if r := rmsRadius(res.Positions); !(r > 1) {
		t.Errorf("Layout(karate) from one shared start point has RMS radius %v, want the nodes spread out", r)
	}
}

// cancelAfter is a context whose Err reports cancellation from its
// (k+1)-th call on.
type cancelAfter struct {
	context.Context
	k int
}

func (c *cancelAfter) Err() error {
	if c.k <= 0 {
		return context.Canceled
	}
	c.k--
	return nil
}

func TestLayoutCancelled(t *testing.T) {
	t.Parallel()
	g, _ := loadPublished(t, "lesmis")
	opts := layout.DefaultOptions(g.Order())
	opts.Tolerance = 0
	for _, k := range []int{0, 1, 5} {
		ctx := &cancelAfter{Context: context.Background(), k: k}
		if _, err := layout.Layout(ctx, g, opts); !errors.Is(err, context.Canceled) {
			t.Errorf("Layout with a context cancelled after %d checks: error %v, want context.Canceled", k, err)
		}
	}
}

func TestOptionsInvalid(t *testing.T) {
	t.Parallel()
	g, _ := loadPublished(t, "karate")
	n := g.Order()
	tests := []struct {
		name   string
		modify func(*layout.Options)
	}{
		{"zero scaling", func(o *layout.Options) { o.Scaling = 0 }},
		{"negative gravity", func(o *layout.Options) { o.Gravity = -1 }},
		{"NaN edge weight influence", func(o *layout.Options) { o.EdgeWeightInfluence = math.NaN() }},
		{"zero jitter tolerance", func(o *layout.Options) { o.JitterTolerance = 0 }},
		{"negative theta", func(o *layout.Options) { o.Theta = -0.5 }},
		{"infinite theta", func(o *layout.Options) { o.Theta = math.Inf(1) }},
		{"no iterations", func(o *layout.Options) { o.MaxIterations = 0 }},
		{"negative tolerance", func(o *layout.Options) { o.Tolerance = -1 }},
		{"zero patience", func(o *layout.Options) { o.Patience = 0 }},
		{"negative workers", func(o *layout.Options) { o.Workers = -1 }},
		{"short initial", func(o *layout.Options) { o.Initial = make([]layout.Point, n-1) }},
		{"known without initial", func(o *layout.Options) { o.Known = make([]bool, n) }},
		{"short known", func(o *layout.Options) {
			o.Initial = make([]layout.Point, n)
			o.Known = make([]bool, 1)
		}},
		{"NaN initial", func(o *layout.Options) {
			o.Initial = make([]layout.Point, n)
			o.Initial[3].X = math.NaN()
		}},
		{"short sizes", func(o *layout.Options) { o.Sizes = []float64{1} }},
		{"negative size", func(o *layout.Options) {
			o.Sizes = make([]float64, n)
			o.Sizes[0] = -1
		}},
		{"zero mass", func(o *layout.Options) { o.Masses = make([]float64, n) }},
		{"fixed without initial", func(o *layout.Options) { o.Fixed = make([]bool, n) }},
		{"short fixed", func(o *layout.Options) {
			o.Initial = make([]layout.Point, n)
			o.Fixed = make([]bool, 2)
		}},
		{"fixed but unknown", func(o *layout.Options) {
			o.Initial = make([]layout.Point, n)
			o.Known = make([]bool, n)
			o.Fixed = make([]bool, n)
			o.Fixed[5] = true
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := layout.DefaultOptions(n)
			tt.modify(&opts)
			if _, err := layout.Layout(t.Context(), g, opts); !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Layout(%s) error = %v, want one wrapping analysis.ErrInvalid", tt.name, err)
			}
		})
	}
	// An unknown initial position may be anything: it is not used.
	opts := layout.DefaultOptions(n)
	opts.Initial = make([]layout.Point, n)
	opts.Initial[3].X = math.NaN()
	opts.Known = make([]bool, n)
	for i := range opts.Known {
		opts.Known[i] = i != 3
	}
	mustLayout(t, g, opts)
}

// TestPackComponents lays out Les Misérables with 20 isolated nodes and 5
// separate pairs: packed, every disconnected part is moved as a whole
// (its shape unchanged), the main component stays, no two parts' circles
// overlap, and the picture is smaller than unpacked. (On 10,000 actors
// unpacked isolated nodes sit eight times farther out than the main
// component's outermost nodes; on a small graph the gain is smaller.)
func TestPackComponents(t *testing.T) {
	t.Parallel()
	order, edges, _ := publishedEdges(t, "lesmis")
	n := order + 20 + 10
	for p := range 5 {
		u := order + 20 + 2*p
		edges = append(edges, analysis.Edge{U: u, V: u + 1, Weight: 1})
	}
	g := mustGraph(t, n, edges)
	opts := layout.DefaultOptions(n)
	loose := mustLayout(t, g, opts)
	opts.PackComponents = true
	packed := mustLayout(t, g, opts)

	// Parts: the main component (Les Misérables), 20 singles, 5 pairs.
	parts := [][]int{{}}
	for i := range order {
		parts[0] = append(parts[0], i)
	}
	for i := order; i < order+20; i++ {
		parts = append(parts, []int{i})
	}
	for p := range 5 {
		u := order + 20 + 2*p
		parts = append(parts, []int{u, u + 1})
	}
	type circle struct {
		c layout.Point
		r float64
	}
	var circles []circle
	for k, part := range parts {
		d := layout.Point{X: packed.Positions[part[0]].X - loose.Positions[part[0]].X, Y: packed.Positions[part[0]].Y - loose.Positions[part[0]].Y}
		if k == 0 && (d.X != 0 || d.Y != 0) {
			t.Errorf("the main component moved by %v", d)
		}
		var c layout.Point
		for _, i := range part {
			moved := layout.Point{X: packed.Positions[i].X - loose.Positions[i].X, Y: packed.Positions[i].Y - loose.Positions[i].Y}
			if math.Abs(moved.X-d.X) > 1e-9 || math.Abs(moved.Y-d.Y) > 1e-9 {
				t.Fatalf("part %d: node %d moved by %v, node %d by %v; want the part moved as a whole", k, i, moved, part[0], d)
			}
			c.X += packed.Positions[i].X / float64(len(part))
			c.Y += packed.Positions[i].Y / float64(len(part))
		}
		var r float64
		for _, i := range part {
			r = max(r, dist(packed.Positions[i], c))
		}
		if k > 0 {
			for j, o := range circles[1:] {
				if dist(c, o.c) < r+o.r {
					t.Errorf("parts %d and %d overlap: centres %.4g apart, radii %.4g and %.4g", k, j+1, dist(c, o.c), r, o.r)
				}
			}
		}
		circles = append(circles, circle{c, r})
	}
	extent := func(pos []layout.Point) float64 {
		var e float64
		for _, p := range pos {
			e = max(e, dist(p, circles[0].c))
		}
		return e
	}
	t.Logf("farthest node from the main centroid: %.4g unpacked, %.4g packed (main radius %.4g)", extent(loose.Positions), extent(packed.Positions), circles[0].r)
	if extent(packed.Positions) > extent(loose.Positions)/1.5 || extent(packed.Positions) > 2*circles[0].r {
		t.Errorf("packed, the farthest node is %.4g from the main centroid (unpacked %.4g, main radius %.4g); want under two thirds of unpacked and twice the main radius", extent(packed.Positions), extent(loose.Positions), circles[0].r)
	}
}
