package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/httpapi"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// server is a voicemap started by run for a test.
type server struct {
	base   string // http://127.0.0.1:PORT
	stderr *servicetest.SyncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startRun calls run in a goroutine and waits for its listening line.
func startRun(t *testing.T, args []string, vars map[string]string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &server{stderr: &servicetest.SyncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := run(ctx, append([]string{"voicemap"}, args...), env(vars), strings.NewReader(""), pw, s.stderr)
		pw.CloseWithError(errors.New("run returned"))
		s.done <- err
	}()
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(pr).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case line := <-lines:
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "voicemap listening on ")
		if !ok {
			cancel()
			t.Fatalf("first stdout line = %q, want \"voicemap listening on http://ADDR\"; run: %v; stderr:\n%s", line, <-s.done, s.stderr)
		}
		s.base = addr
	case <-time.After(20 * time.Second):
		cancel()
		t.Fatalf("run did not print its listening line; stderr:\n%s", s.stderr)
	}
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop cancels run's context and returns what run returned.
func (s *server) stop(t *testing.T) error {
	t.Helper()
	s.cancel()
	select {
	case err, ok := <-s.done:
		if ok {
			close(s.done)
		}
		return err
	case <-time.After(httpapi.ShutdownTimeout + 5*time.Second):
		t.Fatal("run did not return after its context was cancelled")
		return nil
	}
}

// graphql posts query and returns its data, failing t on any error.
func (s *server) graphql(t *testing.T, query string) map[string]any {
	t.Helper()
	data, err := s.try(query)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// try posts query and returns its data, or an error for a failed request
// or an answer with errors (for goroutines, which cannot fail a test).
func (s *server) try(query string) (map[string]any, error) {
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(s.base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []any          `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("POST /graphql %q: decode: %w", query, err)
	}
	if resp.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		return nil, fmt.Errorf("POST /graphql %q = %d, errors %v", query, resp.StatusCode, out.Errors)
	}
	return out.Data, nil
}

// TestRunEndToEnd starts the real server on a free port over a fresh
// embedded store with the demo network, queries it, and stops it.
func TestRunEndToEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "voicemap.db")
	const allowed = "https://dashboard.example.org"
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-data", path, "-demo", "-cors-origins", allowed, "-log-level", "debug"}, nil)

	// /healthz answers as soon as the process serves.
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && string(b) == "ok\n" {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz never answered 200 ok (last error %v)", err)
		}
		time.Sleep(20 * time.Millisecond)
	}

	resp, err := http.Get(s.base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	var ready map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&ready)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || ready["status"] != "ok" {
		t.Errorf("/readyz = %d %v, want 200 ok", resp.StatusCode, ready)
	}

	data := s.graphql(t, `{ places(first: 5) { totalCount } }`)
	if got := data["places"].(map[string]any)["totalCount"]; got != float64(len(demo.Network().Places)) {
		t.Errorf("places.totalCount = %v, want %d", got, len(demo.Network().Places))
	}
	data = s.graphql(t, `{ centrality(measure: BETWEENNESS, first: 3) { actor { id } score rank } }`)
	scores := data["centrality"].([]any)
	if len(scores) != 3 {
		t.Fatalf("centrality returned %d scores, want 3", len(scores))
	}
	// The youth worker bridges the young people to everyone else.
	top := scores[0].(map[string]any)
	if id := top["actor"].(map[string]any)["id"]; id != demo.YouthWorker || top["rank"] != float64(1) || !(top["score"].(float64) > 0) {
		t.Errorf("top betweenness = %v, want %s ranked 1 with a score > 0", top, demo.YouthWorker)
	}

	// The demo's grants are loaded too: money follows connections, not need,
	// so Riverside (IMD decile 1) is the most under-served neighbourhood.
	data = s.graphql(t, `{ underservedPlaces(first: 4) { place { id } rank } }`)
	ranked := data["underservedPlaces"].([]any)
	if len(ranked) != 4 || ranked[0].(map[string]any)["place"].(map[string]any)["id"] != demo.Riverside {
		t.Errorf("underservedPlaces = %v, want 4 places with %s first", ranked, demo.Riverside)
	}

	// A GET query whose variables carry a name: logs keep the path only.
	q := url.Values{"query": {`query($id: ID!) { person(id: $id) { name } }`}, "variables": {`{"id": "p-helen-marsh"}`}}
	resp, err = http.Get(s.base + "/graphql?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Helen Marsh") {
		t.Errorf("GET person = %s, want Helen Marsh", body)
	}

	// -cors-origins reaches the server: the allowed origin is echoed, any
	// other is not (httpapi's tests check preflights in full).
	for origin, want := range map[string]string{allowed: allowed, "https://evil.example.com": ""} {
		req, _ := http.NewRequest(http.MethodGet, s.base+"/healthz", nil)
		req.Header.Set("Origin", origin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("GET /healthz from %s: Access-Control-Allow-Origin = %q, want %q", origin, got, want)
		}
	}

	if err := s.stop(t); err != nil {
		t.Fatalf("run returned %v after cancel, want nil; stderr:\n%s", err, s.stderr)
	}
	logs := s.stderr.String()
	for _, want := range []string{"demo loaded", "path=/graphql", "status=200", "request_id=", "store closed"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
	for _, secret := range []string{"Helen Marsh", "p-helen-marsh", "variables"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q (personal data or a query string):\n%s", secret, logs)
		}
	}

	// The store was closed cleanly: the file opens again, with the demo in it.
	st, err := boltstore.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen %s: %v", path, err)
	}
	defer st.Close()
	people, err := st.People(context.Background(), store.PeopleFilter{}, store.Page{First: 1})
	if err != nil || people.TotalCount != len(demo.Network().People) {
		t.Errorf("reopened store has %d people (err %v), want %d", people.TotalCount, err, len(demo.Network().People))
	}
}

// TestRunFinishesInFlightRequests cancels run's context while a request's
// body is still arriving, and checks that the request completes before run
// returns nil.
func TestRunFinishesInFlightRequests(t *testing.T) {
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-data", filepath.Join(t.TempDir(), "v.db")}, nil)
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, s.base+"/graphql", pr)
	req.Header.Set("Content-Type", "application/json")
	type result struct {
		status int
		body   string
		err    error
	}
	results := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			results <- result{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		results <- result{resp.StatusCode, string(b), err}
	}()
	if _, err := io.WriteString(pw, `{"query": "{ places { tot`); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // let the server read the headers
	s.cancel()
	select {
	case err := <-s.done:
		t.Fatalf("run returned %v with a request in flight", err)
	case <-time.After(300 * time.Millisecond):
	}
	if _, err := io.WriteString(pw, `alCount } }"}`); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	r := <-results
	if r.err != nil || r.status != http.StatusOK || !strings.Contains(r.body, `"totalCount":0`) {
		t.Errorf("in-flight request = %d %q (err %v), want 200 with totalCount 0", r.status, r.body, r.err)
	}
	if err := s.stop(t); err != nil {
		t.Errorf("run returned %v, want nil", err)
	}
}

// TestRunDemoKeepsData checks that -demo loads nothing into a store that
// already holds places.
func TestRunDemoKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	st, err := boltstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.UpsertPlace(context.Background(), store.Place{ID: "here", Name: "Here"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-demo"}, map[string]string{"VOICEMAP_DATA": path})
	data := s.graphql(t, `{ places { totalCount } }`)
	if got := data["places"].(map[string]any)["totalCount"]; got != float64(1) {
		t.Errorf("places.totalCount = %v, want 1 (demo not loaded)", got)
	}
}

func TestRunStartupErrors(t *testing.T) {
	locked := filepath.Join(t.TempDir(), "locked.db")
	st, err := boltstore.Open(context.Background(), locked)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"wildcard origin flag", []string{"-cors-origins", "*"}, nil, `CORS origin "*" is not allowed`},
		{"wildcard origin env", nil, map[string]string{"VOICEMAP_CORS_ORIGINS": "https://a.example.org, *"}, `CORS origin "*" is not allowed`},
		{"origin with a path", []string{"-cors-origins", "https://a.example.org/app"}, nil, "want scheme://host[:port]"},
		{"bad log level", []string{"-log-level", "loud"}, nil, `log level "loud"`},
		{"bad boolean env", nil, map[string]string{"VOICEMAP_DEV": "yes please"}, "VOICEMAP_DEV"},
		{"unknown flag", []string{"-port", "80"}, nil, "flag provided but not defined"},
		{"store locked", []string{"-data", locked, "-addr", "127.0.0.1:0"}, nil, "is another voicemap using this file?"},
		{"bad address", []string{"-data", filepath.Join(t.TempDir(), "v.db"), "-addr", "256.0.0.1:80"}, nil, "listen on 256.0.0.1:80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr servicetest.SyncBuffer
			err := run(context.Background(), append([]string{"voicemap"}, tt.args...), env(tt.env), strings.NewReader(""), &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) = %v, want an error containing %q", tt.args, err, tt.want)
			}
			if stdout.String() != "" {
				t.Errorf("run printed %q to stdout, want nothing", stdout.String())
			}
		})
	}
}

// TestRunServeCommand checks that "serve" names the default command.
func TestRunServeCommand(t *testing.T) {
	s := startRun(t, []string{"serve", "-addr", "127.0.0.1:0", "-data", filepath.Join(t.TempDir(), "v.db")}, nil)
	data := s.graphql(t, `{ places { totalCount } }`)
	if got := data["places"].(map[string]any)["totalCount"]; got != float64(0) {
		t.Errorf("places.totalCount = %v, want 0", got)
	}
}
