package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
)

// cpuTime is the CPU time, user and system, this process has used.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuUntilIdle waits until the process uses under a tenth of a core over
// a tenth of a second (or a minute passes) and returns the CPU time it
// used from since, a cpuTime reading, until then.
func cpuUntilIdle(t *testing.T, since time.Duration) time.Duration {
	t.Helper()
	const tick = 100 * time.Millisecond
	prev := cpuTime(t)
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		time.Sleep(tick)
		now := cpuTime(t)
		if now-prev < tick/10 {
			return now - since
		}
		prev = now
	}
	t.Fatal("the process did not go idle within a minute")
	return 0
}

// maxCPUAfterLeave is the bound: no request outlives its deadline,
// or its client, by more than a second of CPU; the race detector's
// slowdown scales it (raceFactor).
const maxCPUAfterLeave = raceFactor * time.Second

// TestRequestsStopWhenClientLeaves runs the heaviest analyses exactly
// (betweenness and harmonic centrality, which the default policy would
// estimate, closeness, communities, the unheard voices, the power report)
// on a generated place of 6,000 actors over real HTTP, and has the client
// hang up, or the request's deadline pass, while they run: the CPU the
// process spends after that, until it is idle again, must stay under a
// second. The figure measured is logged; it is CPU time, which other
// processes on the machine do not inflate.
func TestRequestsStopWhenClientLeaves(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a 6,000-actor place")
	}
	st := servicetest.MustOpenStore(t)
	if err := servicetest.ImportPlace(context.Background(), st, servicetest.PlaceConfig{Actors: 6000, TiesPerActor: 3, Seed: 3}); err != nil {
		t.Fatalf("ImportPlace: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	exact := service.DefaultScalePolicy()
	exact.Budget, exact.ExactCap = math.MaxInt64, math.MaxInt64
	const deadline = 400 * time.Millisecond
	var inFlight atomic.Int32
	serve := func(opts resolvers.Options) *httptest.Server {
		h := resolvers.NewHandler(service.New(st, logger, service.WithScalePolicy(exact)), logger, opts)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			inFlight.Add(1)
			defer inFlight.Add(-1)
			h.ServeHTTP(w, r.WithContext(auth.With(r.Context(), auth.LocalAdmin)))
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	leaving := serve(resolvers.Options{RequestTimeout: time.Hour})
	timing := serve(resolvers.Options{RequestTimeout: deadline})
	queries := []struct{ name, query string }{
		{"betweenness", `{ centrality(placeId: "town", measure: BETWEENNESS, weighted: true, first: 3) { score } }`},
		{"harmonic", `{ centrality(placeId: "town", measure: HARMONIC, weighted: true, first: 3) { score } }`},
		{"closeness", `{ centrality(placeId: "town", measure: CLOSENESS, first: 3) { score } }`},
		{"communities", `{ communities(placeId: "town") { modularity } }`},
		{"unheard voices", `{ unheardVoices(placeId: "town", first: 3) { hopsToPower } }`},
		{"power report", `{ powerConcentration(placeId: "town") { gini } }`},
	}
	send := func(ctx context.Context, url, query string) {
		body, _ := json.Marshal(map[string]string{"query": query})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	cancelledInFlight := 0
	for _, q := range queries {
		t.Run(q.name+", client leaves", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go send(ctx, leaving.URL, q.query)
			time.Sleep(deadline)
			running := inFlight.Load() > 0
			if running {
				cancelledInFlight++
			}
			before := cpuTime(t)
			cancel()
			used := cpuUntilIdle(t, before)
			t.Logf("still running when the client left: %v; CPU after it left: %v", running, used.Round(time.Millisecond))
			if used > maxCPUAfterLeave {
				t.Errorf("%s went on for %v of CPU after its client left, want at most %v", q.name, used, maxCPUAfterLeave)
			}
		})
		t.Run(q.name+", deadline passes", func(t *testing.T) {
			start := time.Now()
			go send(context.Background(), timing.URL, q.query)
			time.Sleep(deadline - 50*time.Millisecond)
			running := inFlight.Load() > 0
			for time.Since(start) < deadline {
				time.Sleep(time.Millisecond)
			}
			used := cpuUntilIdle(t, cpuTime(t))
			t.Logf("running 50 ms before its deadline: %v; CPU after the deadline: %v", running, used.Round(time.Millisecond))
			if used > maxCPUAfterLeave {
				t.Errorf("%s went on for %v of CPU after its deadline of %v, want at most %v", q.name, used, deadline, maxCPUAfterLeave)
			}
		})
	}
	if cancelledInFlight == 0 {
		t.Error("every analysis finished before its client left: the test measured nothing")
	}
}
