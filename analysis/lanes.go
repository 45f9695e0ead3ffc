package analysis

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// maxLanes is the number of lanes the all-sources kernels split their sources
// into. Lane l visits sources l, l+lanes, l+2·lanes, ... in that order and owns
// its own partial sums; the lanes are merged in lane order. Because the split
// depends only on n, never on GOMAXPROCS or on scheduling, the results are
// identical bit for bit on every run and every machine.
const maxLanes = 16

// ctxCheckEvery is how many sources a lane visits between context checks:
// every one, so that a cancelled request stops within one single-source
// search (tens of milliseconds on a network of 100,000 actors and a million
// ties), while a check costs nanoseconds.
const ctxCheckEvery = 1

// laneCount returns the number of lanes used for a graph of n nodes.
func laneCount(n int) int { return min(n, maxLanes) }

// runLanes calls visit(sc, lane, s) once for every source s in 0..n-1, from
// min(GOMAXPROCS, lanes) goroutines that each own a scratch value made by
// newScratch and take whole lanes in turn. It stops early and returns
// ctx.Err() if ctx is cancelled, and reports each visit as one unit of n
// to the progress function of ctx (WithProgress).
func runLanes[S any](ctx context.Context, n int, newScratch func() S, visit func(sc S, lane int, s int32)) error {
	lanes := laneCount(n)
	progress := newTracker(ctx, int64(n))
	workers := min(runtime.GOMAXPROCS(0), lanes)
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			sc := newScratch()
			for {
				l := int(next.Add(1) - 1)
				if l >= lanes {
					return
				}
				for s, k := l, 0; s < n; s, k = s+lanes, k+1 {
					if k%ctxCheckEvery == 0 {
						if stop.Load() {
							return
						}
						if ctx.Err() != nil {
							stop.Store(true)
							return
						}
					}
					visit(sc, l, int32(s))
					progress.add(1)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); stop.Load() || err != nil {
		// A visit may skip its work once ctx is done without runLanes
		// noticing: the work is incomplete either way.
		return err
	}
	progress.finish()
	return nil
}
