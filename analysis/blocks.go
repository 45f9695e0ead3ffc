package analysis

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// blockWork is the work, in arcs plus nodes, the per-node kernels
// (pagerank, eigenvector) put in one block: enough that a goroutine's
// start-up is noise, small enough that two cores share a 10,000-node
// graph.
const blockWork = 16384

// maxBlocks bounds the number of blocks.
const maxBlocks = 256

// nodeBlocks splits the nodes 0..n-1 of g into contiguous blocks of about
// blockWork arcs plus nodes each (at most maxBlocks) and returns their
// boundaries: block b holds the nodes bounds[b]..bounds[b+1]-1. The split
// depends only on g, never on GOMAXPROCS, so sums formed block by block
// and then added in block order are the same bit for bit on every machine.
func (g *Graph) nodeBlocks() []int {
	work := len(g.adj) + g.n
	k := min(max(work/blockWork, 1), maxBlocks, max(g.n, 1))
	bounds := make([]int, k+1)
	bounds[k] = g.n
	// Node v ends at work off[v+1]+v+1; block b ends at the first node
	// whose end reaches b·work/k.
	v := 0
	for b := 1; b < k; b++ {
		target := b * work / k
		for v < g.n && g.off[v+1]+v+1 < target {
			v++
		}
		bounds[b] = max(v, bounds[b-1])
	}
	return bounds
}

// forBlocks calls body(b, bounds[b], bounds[b+1]) once for every block b
// and returns when all have returned. Blocks run on min(GOMAXPROCS,
// blocks) goroutines, which take them in turn; a single block runs on the
// calling goroutine.
func forBlocks(bounds []int, body func(b, lo, hi int)) {
	k := len(bounds) - 1
	workers := min(runtime.GOMAXPROCS(0), k)
	if workers <= 1 {
		for b := range k {
			body(b, bounds[b], bounds[b+1])
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				b := int(next.Add(1) - 1)
				if b >= k {
					return
				}
				body(b, bounds[b], bounds[b+1])
			}
		})
	}
	wg.Wait()
}
