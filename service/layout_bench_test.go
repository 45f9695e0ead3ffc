package service_test

import (
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// BenchmarkNetworkLayout times networkLayout's service call on generated
// places (servicetest.GeneratePlace, m = 3 ties per actor) in a real
// embedded store:
//
//   - 10k/cold: 10,000 actors and 29,991 ties, every actor shown
//     (maxNodes 10,000), on a fresh service each time: snapshot, Louvain
//     and the layout, as for the first drawing of the place;
//   - 10k/cached: the same answer again;
//   - 10k/after-write: one new tie, then the layout again (the write
//     invalidates; the layout starts from the previous one's positions);
//   - 100k/communities-cold: 100,000 actors and 299,991 ties, the default
//     maxNodes (2,000), so the communities, on a fresh service each time.
//
// The store files are generated once per run in a temporary directory
// (the import is not timed). Besides the wall time each reports cpu-s/op,
// the CPU time of the whole process per operation (every thread): on a
// machine shared with other work the wall time stretches, the CPU time
// much less, and for this work (no disk waits once the file is cached) it
// bounds the wall time on a quiet machine from above.
func BenchmarkNetworkLayout(b *testing.B) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	place := store.Scope{PlaceID: servicetest.TownID}
	open := func(b *testing.B, actors int) *boltstore.Store {
		b.Helper()
		st := servicetest.MustOpenStore(b)
		if err := servicetest.ImportPlace(admin(b.Context()), st, servicetest.PlaceConfig{Actors: actors, TiesPerActor: 3, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		return st
	}
	layout := func(b *testing.B, svc *service.Service, maxNodes int) service.NetworkLayout {
		b.Helper()
		l, err := svc.NetworkLayout(admin(b.Context()), place, maxNodes, nil)
		if err != nil {
			b.Fatal(err)
		}
		return l
	}

	b.Run("10k", func(b *testing.B) {
		st := open(b, 10_000)
		b.Run("cold", func(b *testing.B) {
			defer cpuPerOp(b)()
			for b.Loop() {
				l := layout(b, service.New(st, quiet), 10_000)
				b.ReportMetric(float64(len(l.Nodes)), "nodes")
			}
		})
		svc := service.New(st, quiet)
		layout(b, svc, 10_000)
		b.Run("cached", func(b *testing.B) {
			for b.Loop() {
				layout(b, svc, 10_000)
			}
		})
		b.Run("after-write", func(b *testing.B) {
			defer cpuPerOp(b)()
			i := 0
			for b.Loop() {
				b.StopTimer()
				r := store.Relationship{ID: fmt.Sprintf("bench-r%d", i), FromID: fmt.Sprintf("p%07d", 20*i+1), ToID: fmt.Sprintf("p%07d", 5001+20*i), Kind: store.RelKnows, Weight: 1}
				i++
				if _, err := svc.Connect(admin(b.Context()), r); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				layout(b, svc, 10_000)
			}
		})
	})
	b.Run("100k", func(b *testing.B) {
		st := open(b, 100_000)
		b.Run("communities-cold", func(b *testing.B) {
			defer cpuPerOp(b)()
			for b.Loop() {
				l := layout(b, service.New(st, quiet), service.DefaultLayoutMaxNodes)
				if !l.Collapsed {
					b.Fatal("the 100k view is not collapsed")
				}
				b.ReportMetric(float64(len(l.Nodes)), "nodes")
			}
		})
	})
}

// cpuPerOp starts counting the process's CPU time; the function it
// returns reports it per operation as cpu-s/op. Time spent with the timer
// stopped is counted too, so it is used only where nothing else runs
// between operations but the write of after-write (a few milliseconds).
func cpuPerOp(b *testing.B) func() {
	start := servicetest.ProcessCPU()
	return func() {
		if b.N > 0 {
			b.ReportMetric((servicetest.ProcessCPU()-start).Seconds()/float64(b.N), "cpu-s/op")
		}
	}
}
