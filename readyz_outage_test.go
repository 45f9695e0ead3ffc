package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/httpapi"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// readyz returns the status of GET /readyz and how long it took.
func readyz(t *testing.T, base string) (int, time.Duration) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	start := time.Now()
	resp, err := c.Get(base + "/readyz")
	if err != nil {
		t.Fatalf("GET /readyz: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode, time.Since(start)
}

// queryCodes posts query and returns its data, its errors' codes and how
// long it took.
func queryCodes(t *testing.T, base, query string) (map[string]any, []string, time.Duration) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	c := &http.Client{Timeout: 15 * time.Second}
	start := time.Now()
	resp, err := c.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("POST /graphql %q: decode: %v", query, err)
	}
	var codes []string
	for _, e := range out.Errors {
		c, _ := e.Extensions["code"].(string)
		codes = append(codes, c)
	}
	return out.Data, codes, time.Since(start)
}

// TestReadyzOutage runs the real server (run) over a dedicated NornicDB
// with -request-timeout 2s, stops NornicDB, and checks that /readyz
// answers 503 and a query fails UNAVAILABLE, ended by its own deadline;
// then restarts NornicDB on the same ports and data and checks that
// /readyz returns to 200 by itself and the data written before the outage
// reads back. No elapsed time is asserted (the test runs under -race on a
// loaded machine): that the query's deadline ended it is read from the
// server's log, where the store records the driver's error naming
// context.DeadlineExceeded, not its own 30 s retry budget; the times are
// logged.
func TestReadyzOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops a NornicDB server")
	}
	const requestTimeout = 2 * time.Second
	db := neo4jtest.StartServer(t, 17853, 17854, 17855) // 17852 is the telemetry port of a .ci/nornicdb.sh server on 17850-17851
	// At warn, the log holds the store's record of a request its context
	// ended as well as of Neo4j unavailable.
	// The audit lines are kept in the database; its key file goes in the
	// test's directory, not the working tree's data/.
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-request-timeout", requestTimeout.String(), "-log-level", "warn", "-audit-key", filepath.Join(t.TempDir(), "audit.log.key")},
		map[string]string{"NEO4J_URI": db.URI()})

	if code, took := readyz(t, s.base); code != http.StatusOK {
		t.Fatalf("/readyz before the outage = %d (%v), want 200", code, took)
	}
	s.graphql(t, `mutation { upsertPlace(input: {id: "town", name: "Townsville"}) { id } }`)
	const read = `{ place(id: "town") { name } }`
	if data := s.graphql(t, read); fmt.Sprint(data) != "map[place:map[name:Townsville]]" {
		t.Fatalf("before the outage %s = %v", read, data)
	}

	db.Stop(t)
	code, took := readyz(t, s.base)
	if code != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the outage = %d in %v, want 503", code, took)
	}
	mark := len(s.stderr.String())
	data, codes, qtook := queryCodes(t, s.base, read)
	if len(codes) == 0 || codes[0] != "UNAVAILABLE" {
		t.Errorf("%s during the outage = %v, codes %v, in %v; want UNAVAILABLE", read, data, codes, qtook)
	}
	if logged := s.stderr.String()[mark:]; !strings.Contains(logged, context.DeadlineExceeded.Error()) {
		t.Errorf("%s during the outage was not ended by its %v deadline; server log:\n%s", read, requestTimeout, logged)
	}

	restarted := time.Now()
	db.Start(t)
	var back time.Duration
	for {
		code, _ := readyz(t, s.base)
		if code == http.StatusOK {
			back = time.Since(restarted)
			break
		}
		if time.Since(restarted) > 60*time.Second {
			t.Fatalf("/readyz did not return to 200 within 60 s of the restart; server log:\n%s", db.LogTail())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if data := s.graphql(t, read); fmt.Sprint(data) != "map[place:map[name:Townsville]]" {
		t.Errorf("after the restart %s = %v", read, data)
	}
	t.Logf("/readyz 503 in %v after NornicDB stopped (ping bounded by %v); query UNAVAILABLE in %v (request timeout %v); /readyz 200 again %v after the restart (Bolt port open) and queries work",
		took.Round(time.Millisecond), httpapi.ReadyTimeout, qtook.Round(time.Millisecond), requestTimeout, back.Round(time.Millisecond))
}
