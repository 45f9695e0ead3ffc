package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/demo"
)

// Sizes of TestLoad. VOICEMAP_LOAD_REQUESTS sets the requests per client
// (BENCHMARKS.md records runs with 100), VOICEMAP_LOAD_CLIENTS the clients.
const (
	loadClients  = 64
	loadRequests = 15
	// loadSettle bounds how long goroutines may take to wind down after
	// the server stops.
	loadSettle = 10 * time.Second
)

// loadOp is one kind of request of the load test's mix.
type loadOp struct {
	class string // read, write or analysis, for the latency figures
	name  string
	// body returns the GraphQL request of client c's i-th request.
	body func(c, i int) map[string]any
}

// loadPlace is where the load test's new people live.
const loadPlace = demo.Riverside

// loadPersonID is the id of the person client c's i-th request writes.
func loadPersonID(c, i int) string { return fmt.Sprintf("p-load-%02d-%03d", c, i) }

// loadMix is the load test's cycle of requests: 40% reads (a page of
// people, a place), 20% writes (a new person and a tie to the youth
// worker in one mutation, which also invalidates the analysis cache) and
// 40% analysis (centrality, unheard voices, power concentration,
// under-served places).
func loadMix() []loadOp {
	q := func(query string) func(c, i int) map[string]any {
		return func(int, int) map[string]any { return map[string]any{"query": query} }
	}
	write := func(c, i int) map[string]any {
		return map[string]any{
			"query": `mutation($id: ID!, $name: String!, $place: ID!, $rel: ID!, $to: ID!) {
				upsertPerson(input: {id: $id, name: $name, placeId: $place, groups: ["young person"]}) { id }
				connect(input: {id: $rel, fromId: $id, toId: $to, kind: KNOWS}) { id }
			}`,
			"variables": map[string]any{
				"id": loadPersonID(c, i), "name": fmt.Sprintf("Load Person %d-%d", c, i), "place": loadPlace,
				"rel": "r-" + loadPersonID(c, i), "to": demo.YouthWorker,
			},
		}
	}
	return []loadOp{
		{"read", "people page", q(`{ people(first: 20) { totalCount edges { cursor node { id name groups } } } }`)},
		{"read", "place", q(`{ place(id: "` + demo.Riverside + `") { id name population children(first: 5) { totalCount } } }`)},
		{"write", "upsertPerson+connect", write},
		{"analysis", "centrality", q(`{ centrality(measure: BETWEENNESS, first: 5) { actor { id } score rank } }`)},
		{"read", "people page", q(`{ people(placeId: "` + demo.Riverside + `", first: 50) { totalCount edges { node { id } } } }`)},
		{"analysis", "unheardVoices", q(`{ unheardVoices(first: 10) { person { id } score reasons } }`)},
		{"write", "upsertPerson+connect", write},
		{"analysis", "powerConcentration", q(`{ powerConcentration { actors degreeCentralization betweennessGini } }`)},
		{"analysis", "underservedPlaces", q(`{ underservedPlaces(first: 4) { place { id } rank } }`)},
		{"read", "place", q(`{ place(id: "` + demo.Hillcrest + `") { id name } }`)},
	}
}

// loadResult is one request's outcome.
type loadResult struct {
	class    string
	status   int
	errors   bool // a 200 whose body holds GraphQL errors
	err      error
	latency  time.Duration
	wroteID  string // the person a successful write created
	bodyHead string
}

// TestLoad runs the real server (run, on 127.0.0.1:0, over a fresh
// embedded store with the demo) and sends it loadClients concurrent clients
// of loadRequests requests each from loadMix. With a rate limit too high to
// matter, every request must succeed; with the default limit (all clients
// share the loopback address, so most are refused), 429 must be the only
// failure. Then every acknowledged write must be readable, and once the
// server has stopped and the client's idle connections are closed, the
// goroutine count must return to what it was before. Latencies (p50, p99)
// per class and throughput are logged.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: run without -short")
	}
	clients, requests := loadClients, loadRequests
	if n, err := strconv.Atoi(os.Getenv("VOICEMAP_LOAD_REQUESTS")); err == nil && n > 0 {
		requests = n
	}
	if n, err := strconv.Atoi(os.Getenv("VOICEMAP_LOAD_CLIENTS")); err == nil && n > 0 {
		clients = n
	}
	tests := []struct {
		name    string
		args    []string
		limited bool
	}{
		{name: "high limit", args: []string{"-rate-limit", "1000000", "-rate-burst", "1000000"}},
		{name: "default limit", limited: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			baseline := runtime.NumGoroutine()
			client := &http.Client{
				Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients},
				Timeout:   2 * time.Minute,
			}
			args := append([]string{"-addr", "127.0.0.1:0", "-data", filepath.Join(t.TempDir(), "v.db"), "-demo", "-log-level", "warn"}, tt.args...)
			s := startRun(t, args, nil)

			start := time.Now()
			results := loadRun(client, s.base, clients, requests)
			elapsed := time.Since(start)

			var wrote []string
			statuses := map[int]int{}
			for _, r := range results {
				statuses[r.status]++
				switch {
				case r.err != nil:
					t.Errorf("%s request: %v", r.class, r.err)
				case r.status == http.StatusOK && !r.errors:
					if r.wroteID != "" {
						wrote = append(wrote, r.wroteID)
					}
				case tt.limited && r.status == http.StatusTooManyRequests:
				default:
					t.Errorf("%s request = %d %s, want 200 without errors", r.class, r.status, r.bodyHead)
				}
			}
			if tt.limited && (statuses[http.StatusTooManyRequests] == 0 || statuses[http.StatusOK] == 0) {
				t.Errorf("with the default limit, statuses = %v, want both 200s and 429s", statuses)
			}
			if want := loadWrites(clients, requests); !tt.limited && len(wrote) != want {
				t.Errorf("%d writes acknowledged, want %d", len(wrote), want)
			}
			loadCheckWrites(t, client, s.base, wrote)
			t.Logf("%d clients × %d requests in %v: %.0f requests/s, statuses %v, %d writes checked",
				clients, requests, elapsed.Round(time.Millisecond), float64(len(results))/elapsed.Seconds(), statuses, len(wrote))
			for _, line := range loadLatencies(results) {
				t.Log(line)
			}

			// Connections the transport dialled but never used are new
			// to the server, which waits 5 s before shutting them down.
			client.CloseIdleConnections()
			if err := s.stop(t); err != nil {
				t.Fatalf("run returned %v; stderr:\n%s", err, s.stderr)
			}
			if t.Failed() {
				t.Logf("server log:\n%.4000s", s.stderr)
			}
			client.CloseIdleConnections()
			loadCheckGoroutines(t, baseline)
		})
	}
}

// loadRun sends clients × requests requests from loadMix, clients at once,
// and returns their results.
func loadRun(client *http.Client, base string, clients, requests int) []loadResult {
	mix := loadMix()
	results := make([]loadResult, clients*requests)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := range requests {
				op := mix[(c+i)%len(mix)]
				results[c*requests+i] = loadDo(client, base, op, c, i)
			}
		})
	}
	wg.Wait()
	return results
}

// loadWrites is how many writes loadRun sends.
func loadWrites(clients, requests int) int {
	mix, n := loadMix(), 0
	for c := range clients {
		for i := range requests {
			if mix[(c+i)%len(mix)].class == "write" {
				n++
			}
		}
	}
	return n
}

// loadDo sends one request and times it.
func loadDo(client *http.Client, base string, op loadOp, c, i int) loadResult {
	body, _ := json.Marshal(op.body(c, i))
	res := loadResult{class: op.class}
	start := time.Now()
	resp, err := client.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		res.err = err
		return res
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	res.latency = time.Since(start)
	res.status, res.err = resp.StatusCode, err
	res.bodyHead = string(b[:min(len(b), 300)])
	var out struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, &out); err != nil {
			res.err = fmt.Errorf("decode %.300s: %w", b, err)
		}
		res.errors = len(out.Errors) > 0
		if op.class == "write" && !res.errors {
			res.wroteID = loadPersonID(c, i)
		}
	}
	return res
}

// loadCheckWrites checks that every written person can be read back with
// the tie the same mutation made, waiting out 429s.
func loadCheckWrites(t *testing.T, client *http.Client, base string, ids []string) {
	t.Helper()
	const q = `query($id: ID!) { person(id: $id) { id place { id } relationships(first: 5) { edges { node { id } } } } }`
	for _, id := range ids {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"id": id}})
		var b []byte
		for attempt := 0; ; attempt++ {
			resp, err := client.Post(base+"/graphql", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatalf("read %s back: %v", id, err)
			}
			b, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusTooManyRequests || attempt > 100 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		want := fmt.Sprintf(`{"data":{"person":{"id":%q,"place":{"id":%q},"relationships":{"edges":[{"node":{"id":%q}}]}}}}`, id, loadPlace, "r-"+id)
		if string(b) != want {
			t.Errorf("person %s after the load = %s, want %s", id, b, want)
		}
	}
}

// loadLatencies returns lines giving the count, p50 and p99 latency of
// each class of successful request and of all of them.
func loadLatencies(results []loadResult) []string {
	by := map[string][]time.Duration{}
	for _, r := range results {
		if r.err == nil && r.status == http.StatusOK && !r.errors {
			by[r.class] = append(by[r.class], r.latency)
			by["overall"] = append(by["overall"], r.latency)
		}
	}
	var lines []string
	for _, class := range []string{"read", "write", "analysis", "overall"} {
		d := by[class]
		if len(d) == 0 {
			continue
		}
		slices.Sort(d)
		lines = append(lines, fmt.Sprintf("%-8s n=%-5d p50=%-10v p99=%v", class, len(d),
			percentile(d, 0.50).Round(10*time.Microsecond), percentile(d, 0.99).Round(10*time.Microsecond)))
	}
	return lines
}

// percentile is the nearest-rank p-quantile of the sorted d.
func percentile(d []time.Duration, p float64) time.Duration {
	i := int(float64(len(d))*p+0.999999) - 1
	return d[max(0, min(i, len(d)-1))]
}

// loadCheckGoroutines waits up to loadSettle for the goroutine count to
// fall back to baseline, and fails with the goroutines left over if it
// does not.
func loadCheckGoroutines(t *testing.T, baseline int) {
	t.Helper()
	deadline := time.Now().Add(loadSettle)
	for {
		n := runtime.NumGoroutine()
		if n <= baseline {
			return
		}
		if time.Now().After(deadline) {
			var buf strings.Builder
			_ = pprof.Lookup("goroutine").WriteTo(&buf, 1)
			t.Fatalf("%d goroutines %v after the server stopped, want at most %d as before it started:\n%s", n, loadSettle, baseline, buf.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
