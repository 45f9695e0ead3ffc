package voice_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/voice"
)

// routesGraph is the hand graph of TestPathToPower, holders 4, 7, 10, 11
// and 15 (weights in brackets, length = 1/weight):
//
//	0 -[4]- 1 -[4]- 3 -[4]- 4*      component A
//	0 -[1]- 2 -[1]- 3
//	0 -[1]- 5 -[1]- 7*
//	0 -[2]- 6 -[2]- 7*
//	8                                isolated
//	9 -[1]- 10*,  9 -[1]- 11*        component B
//	12 -[2]- 13 -[2]- 15*,  12 -[2]- 14 -[2]- 15*   component C
func routesGraph(t *testing.T) (*analysis.Graph, []bool) {
	t.Helper()
	edges := []analysis.Edge{
		{U: 0, V: 1, Weight: 4}, {U: 1, V: 3, Weight: 4}, {U: 3, V: 4, Weight: 4},
		{U: 0, V: 2, Weight: 1}, {U: 2, V: 3, Weight: 1},
		{U: 0, V: 5, Weight: 1}, {U: 5, V: 7, Weight: 1},
		{U: 0, V: 6, Weight: 2}, {U: 6, V: 7, Weight: 2},
		{U: 9, V: 10, Weight: 1}, {U: 9, V: 11, Weight: 1},
		{U: 12, V: 13, Weight: 2}, {U: 13, V: 15, Weight: 2}, {U: 12, V: 14, Weight: 2}, {U: 14, V: 15, Weight: 2},
	}
	g, err := analysis.NewGraph(16, edges)
	if err != nil {
		t.Fatal(err)
	}
	holders := make([]bool, 16)
	for _, h := range []int{4, 7, 10, 11, 15} {
		holders[h] = true
	}
	return g, holders
}

// TestPathToPower checks chains worked out by hand on routesGraph.
func TestPathToPower(t *testing.T) {
	g, holders := routesGraph(t)
	tests := []struct {
		name     string
		from     int
		weighted bool
		want     []int
		length   float64
	}{
		// Fewest steps: 7 is two steps from 0 through 5 or 6; 5 is the
		// smaller index. 4 is three steps away.
		{name: "hops nearest holder", from: 0, want: []int{0, 5, 7}, length: 2},
		// From 1: 4 in two steps (1-3-4), 7 in three (1-0-5-7).
		{name: "hops other holder", from: 1, want: []int{1, 3, 4}, length: 2},
		{name: "hops holder itself", from: 4, want: []int{4}, length: 0},
		{name: "hops unreachable", from: 8, want: nil, length: math.Inf(1)},
		// Two holders one step from 9: the smaller, 10.
		{name: "hops tie between holders", from: 9, want: []int{9, 10}, length: 1},
		// Two chains of two steps through 13 and 14: through 13.
		{name: "hops tie between chains", from: 12, want: []int{12, 13, 15}, length: 2},
		{name: "hops not a node", from: 16, want: nil, length: math.Inf(1)},
		// Strongest: 0-1-3-4 has length 1/4+1/4+1/4 = 0.75, shorter than
		// 0-6-7 (1/2+1/2 = 1), 0-5-7 (2) and 0-2-3-4 (2.25).
		{name: "weighted strongest chain", from: 0, weighted: true, want: []int{0, 1, 3, 4}, length: 0.75},
		// From 2: 2-3-4 is 1 + 0.25 = 1.25; 2-0-1-3-4 is 1.75.
		{name: "weighted direct", from: 2, weighted: true, want: []int{2, 3, 4}, length: 1.25},
		// From 5: 5-7 is 1; 5-0-... is longer.
		{name: "weighted one step", from: 5, weighted: true, want: []int{5, 7}, length: 1},
		{name: "weighted tie between holders", from: 9, weighted: true, want: []int{9, 10}, length: 1},
		{name: "weighted tie between chains", from: 12, weighted: true, want: []int{12, 13, 15}, length: 1},
		{name: "weighted unreachable", from: 8, weighted: true, want: nil, length: math.Inf(1)},
		{name: "weighted holder itself", from: 15, weighted: true, want: []int{15}, length: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := voice.PathToPower(g, holders, tt.from, tt.weighted); !slices.Equal(got, tt.want) {
				t.Errorf("PathToPower(%d, weighted=%v) = %v, want %v", tt.from, tt.weighted, got, tt.want)
			}
			r, err := voice.NewRoutes(g, holders, tt.weighted)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Length(tt.from); got != tt.length {
				t.Errorf("Length(%d, weighted=%v) = %v, want %v", tt.from, tt.weighted, got, tt.length)
			}
		})
	}
	if got := voice.PathToPower(g, holders[:3], 0, false); got != nil {
		t.Errorf("PathToPower(wrong holder count) = %v, want nil", got)
	}
}

// TestPathToPowerRandom checks on seeded random graphs that every chain is
// a walk along ties ending at a holder, as long as the distance to the
// nearest holder computed separately (breadth-first search, or
// Floyd–Warshall on lengths 1/weight), and — unweighted — the
// lexicographically smallest of all such shortest chains, found by
// enumerating them.
func TestPathToPowerRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 11))
	for trial := range 200 {
		n := 1 + rnd.IntN(12)
		g := randomGraph(t, rnd, n, []float64{0.15, 0.3, 0.5}[trial%3])
		holders := randomHolders(rnd, n, 0.2)
		dist := floydWarshall(g)
		for _, weighted := range []bool{false, true} {
			for from := range n {
				got := voice.PathToPower(g, holders, from, weighted)
				want := math.Inf(1)
				for h := range n {
					if holders[h] {
						d := dist[from][h]
						if !weighted {
							d = hopsOrInf(bfs(g, from, -1)[h])
						}
						want = min(want, d)
					}
				}
				if math.IsInf(want, 1) {
					if got != nil {
						t.Fatalf("trial %d: PathToPower(%d, %v) = %v, want nil", trial, from, weighted, got)
					}
					continue
				}
				if len(got) == 0 || got[0] != from || !holders[got[len(got)-1]] {
					t.Fatalf("trial %d: PathToPower(%d, %v) = %v, want a chain from %d to a holder", trial, from, weighted, got, from)
				}
				length := 0.0
				for i := 1; i < len(got); i++ {
					w := weight(g, got[i-1], got[i])
					if w == 0 {
						t.Fatalf("trial %d: PathToPower(%d, %v) = %v: %d-%d is no tie", trial, from, weighted, got, got[i-1], got[i])
					}
					if weighted {
						length += 1 / w
					} else {
						length++
					}
				}
				if math.Abs(length-want) > 1e-9 {
					t.Fatalf("trial %d: PathToPower(%d, %v) = %v of length %v, want %v", trial, from, weighted, got, length, want)
				}
				if !weighted {
					if lex := smallestShortest(g, holders, from, int(want)); !slices.Equal(got, lex) {
						t.Fatalf("trial %d: PathToPower(%d) = %v, want the smallest %v", trial, from, got, lex)
					}
				}
			}
		}
	}
}

func hopsOrInf(d int) float64 {
	if d < 0 {
		return math.Inf(1)
	}
	return float64(d)
}

// weight returns the weight of the tie u-v, 0 if there is none.
func weight(g *analysis.Graph, u, v int) float64 {
	adj, w := g.Neighbours(u)
	for i, x := range adj {
		if int(x) == v {
			return w[i]
		}
	}
	return 0
}

// floydWarshall returns all-pairs distances with tie length 1/weight.
func floydWarshall(g *analysis.Graph) [][]float64 {
	n := g.Order()
	d := make([][]float64, n)
	for u := range d {
		d[u] = make([]float64, n)
		for v := range d[u] {
			d[u][v] = math.Inf(1)
		}
		d[u][u] = 0
		adj, w := g.Neighbours(u)
		for i, v := range adj {
			d[u][v] = 1 / w[i]
		}
	}
	for k := range n {
		for i := range n {
			for j := range n {
				d[i][j] = min(d[i][j], d[i][k]+d[k][j])
			}
		}
	}
	return d
}

// smallestShortest enumerates every walk of exactly steps ties from from
// that ends at a holder and returns the lexicographically smallest.
func smallestShortest(g *analysis.Graph, holders []bool, from, steps int) []int {
	var best []int
	var walk func(path []int)
	walk = func(path []int) {
		v := path[len(path)-1]
		if len(path)-1 == steps {
			if holders[v] && (best == nil || slices.Compare(path, best) < 0) {
				best = slices.Clone(path)
			}
			return
		}
		adj, _ := g.Neighbours(v)
		for _, w := range adj {
			walk(append(path, int(w)))
		}
	}
	walk([]int{from})
	return best
}

// ExamplePathToPower shows the chain from a young person to the board
// through their youth worker.
func ExamplePathToPower() {
	// 0 young person - 1 youth worker - 2 chair of the board (holder)
	g, _ := analysis.NewGraph(3, []analysis.Edge{{U: 0, V: 1, Weight: 1}, {U: 1, V: 2, Weight: 1}})
	fmt.Println(voice.PathToPower(g, []bool{false, false, true}, 0, false))
	// Output: [0 1 2]
}

// TestRoutesConcurrent reads one Routes from several goroutines (run with
// -race).
func TestRoutesConcurrent(t *testing.T) {
	g, holders := routesGraph(t)
	r, err := voice.NewRoutes(g, holders, true)
	if err != nil {
		t.Fatal(err)
	}
	want := r.Path(0)
	done := make(chan []int)
	for range 4 {
		go func() { done <- r.Path(0) }()
	}
	for range 4 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("concurrent Path(0) = %v, want %v", got, want)
		}
	}
}
