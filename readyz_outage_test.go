package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// outageNornic is a NornicDB process dedicated to TestReadyzOutage, on
// fixed loopback ports and a data directory that survives restarts (as in
// store/neo4jstore/outage_test.go).
type outageNornic struct {
	bin                 string
	dir                 string
	bolt, http, metrics int
	cmd                 *exec.Cmd
	exited              chan struct{}
}

// startOutageNornic starts the dedicated server, skipping t when there is
// no binary (NORNICDB_BIN, else the one .ci/nornicdb.sh builds). It is
// stopped when t ends.
func startOutageNornic(t *testing.T, bolt, http, metrics int) *outageNornic {
	t.Helper()
	bin := os.Getenv("NORNICDB_BIN")
	if bin == "" {
		bin = filepath.Join(".ci", "nornicdb", "bin", "nornicdb")
		if _, err := os.Stat(bin); err != nil {
			t.Skipf("no NornicDB binary (set NORNICDB_BIN or run .ci/nornicdb.sh build): %v", err)
		}
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	n := &outageNornic{bin: abs, dir: t.TempDir(), bolt: bolt, http: http, metrics: metrics}
	t.Cleanup(func() { n.stop(t) })
	n.start(t)
	return n
}

func (n *outageNornic) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", n.bolt) }

// start runs the server and waits until its Bolt port accepts connections.
func (n *outageNornic) start(t *testing.T) {
	t.Helper()
	for _, p := range []int{n.bolt, n.http, n.metrics} {
		if c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)), time.Second); err == nil {
			c.Close()
			t.Fatalf("port %d is already in use", p)
		}
	}
	logf, err := os.OpenFile(filepath.Join(n.dir, "nornicdb.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(n.bin, "serve", "--address", "127.0.0.1",
		"--bolt-port", strconv.Itoa(n.bolt), "--http-port", strconv.Itoa(n.http),
		"--data-dir", filepath.Join(n.dir, "data"), "--no-auth", "--headless", "--mcp-enabled=false")
	cmd.Env = append(os.Environ(), "NORNICDB_TELEMETRY_LISTEN=127.0.0.1:"+strconv.Itoa(n.metrics))
	cmd.Dir = n.dir
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("start NornicDB: %v", err)
	}
	n.cmd, n.exited = cmd, make(chan struct{})
	go func(exited chan struct{}) { _ = cmd.Wait(); close(exited) }(n.exited)
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(n.bolt)), time.Second)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-n.exited:
			t.Fatalf("NornicDB exited before its Bolt port opened:\n%s", n.logTail())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("NornicDB's Bolt port %d did not open in 60 s:\n%s", n.bolt, n.logTail())
		}
	}
}

// stop ends the server with SIGTERM (SIGKILL after 10 s); a no-op when it
// is not running.
func (n *outageNornic) stop(t *testing.T) {
	t.Helper()
	if n.cmd == nil {
		return
	}
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.exited:
	case <-time.After(10 * time.Second):
		t.Logf("NornicDB did not stop in 10 s after SIGTERM: killing it")
		_ = n.cmd.Process.Kill()
		<-n.exited
	}
	n.cmd = nil
}

func (n *outageNornic) logTail() string {
	b, _ := os.ReadFile(filepath.Join(n.dir, "nornicdb.log"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}

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
// answers 503 within 3 s and a query fails UNAVAILABLE within its
// deadline; then restarts NornicDB on the same ports and data and checks
// that /readyz returns to 200 by itself and the data written before the
// outage reads back.
func TestReadyzOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops a NornicDB server")
	}
	const requestTimeout = 2 * time.Second
	const slack = time.Second                       // scheduling on a loaded 2-core machine, -race
	db := startOutageNornic(t, 17853, 17854, 17855) // 17852 is the telemetry port of a .ci/nornicdb.sh server on 17850-17851
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-request-timeout", requestTimeout.String(), "-log-level", "error"},
		map[string]string{"NEO4J_URI": db.uri()})

	if code, took := readyz(t, s.base); code != http.StatusOK {
		t.Fatalf("/readyz before the outage = %d (%v), want 200", code, took)
	}
	s.graphql(t, `mutation { upsertPlace(input: {id: "town", name: "Townsville"}) { id } }`)
	const read = `{ place(id: "town") { name } }`
	if data := s.graphql(t, read); fmt.Sprint(data) != "map[place:map[name:Townsville]]" {
		t.Fatalf("before the outage %s = %v", read, data)
	}

	db.stop(t)
	code, took := readyz(t, s.base)
	if code != http.StatusServiceUnavailable || took > ReadyTimeout+slack {
		t.Errorf("/readyz during the outage = %d in %v, want 503 within %v", code, took, ReadyTimeout+slack)
	}
	data, codes, qtook := queryCodes(t, s.base, read)
	if len(codes) == 0 || codes[0] != "UNAVAILABLE" || qtook > requestTimeout+slack {
		t.Errorf("%s during the outage = %v, codes %v, in %v; want UNAVAILABLE within %v", read, data, codes, qtook, requestTimeout+slack)
	}

	restarted := time.Now()
	db.start(t)
	var back time.Duration
	for {
		code, _ := readyz(t, s.base)
		if code == http.StatusOK {
			back = time.Since(restarted)
			break
		}
		if time.Since(restarted) > 60*time.Second {
			t.Fatalf("/readyz did not return to 200 within 60 s of the restart; server log:\n%s", db.logTail())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if data := s.graphql(t, read); fmt.Sprint(data) != "map[place:map[name:Townsville]]" {
		t.Errorf("after the restart %s = %v", read, data)
	}
	t.Logf("/readyz 503 in %v after NornicDB stopped; query UNAVAILABLE in %v (request timeout %v); /readyz 200 again %v after the restart (Bolt port open) and queries work",
		took.Round(time.Millisecond), qtook.Round(time.Millisecond), requestTimeout, back.Round(time.Millisecond))
}
