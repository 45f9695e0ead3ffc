package analysis

import (
	"sync/atomic"
	"testing"
)

// TestNodeBlocks checks that nodeBlocks covers 0..n-1 with contiguous,
// ordered blocks of at most about twice the fair share of the work, and
// that forBlocks visits each block once.
func TestNodeBlocks(t *testing.T) {
	tests := []struct {
		name  string
		n, m  int
		wantK int
	}{
		{"empty", 0, 0, 1},
		{"single", 1, 0, 1},
		{"ba 2000", 2000, 3, 1},
		{"ba 20000", 20000, 3, 8},
		{"ba 100000 m 10", 100000, 10, 128},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var edges []Edge
			if tc.m > 0 {
				edges = BarabasiAlbert(tc.n, tc.m, 1)
			}
			g, err := NewGraph(tc.n, edges)
			if err != nil {
				t.Fatal(err)
			}
			bounds := g.nodeBlocks()
			k := len(bounds) - 1
			if k != tc.wantK || bounds[0] != 0 || bounds[k] != tc.n {
				t.Fatalf("nodeBlocks(%s) = %d blocks from %d to %d, want %d from 0 to %d", tc.name, k, bounds[0], bounds[k], tc.wantK, tc.n)
			}
			work := len(g.adj) + g.n
			for b := range k {
				if bounds[b] > bounds[b+1] {
					t.Fatalf("nodeBlocks(%s) block %d runs from %d to %d", tc.name, b, bounds[b], bounds[b+1])
				}
				w := g.off[bounds[b+1]] - g.off[bounds[b]] + bounds[b+1] - bounds[b]
				if k > 1 && w > 2*work/k+g.degree(bounds[b])+1 {
					t.Errorf("nodeBlocks(%s) block %d holds %d of %d work in %d blocks", tc.name, b, w, work, k)
				}
			}
			visits := make([]atomic.Int32, k)
			forBlocks(bounds, func(b, lo, hi int) {
				if lo != bounds[b] || hi != bounds[b+1] {
					t.Errorf("forBlocks(%s) block %d got %d..%d, want %d..%d", tc.name, b, lo, hi, bounds[b], bounds[b+1])
				}
				visits[b].Add(1)
			})
			for b := range visits {
				if c := visits[b].Load(); c != 1 {
					t.Errorf("forBlocks(%s) visited block %d %d times, want once", tc.name, b, c)
				}
			}
		})
	}
}
