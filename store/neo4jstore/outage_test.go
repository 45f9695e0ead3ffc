package neo4jstore_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore"
)

// nornicBinEnv names the NornicDB binary for the tests that start a server
// of their own (TestOutage, TestRetriedWritesIdempotent); without it they
// use the binary .ci/nornicdb.sh builds, and skip when there is none.
const nornicBinEnv = "NORNICDB_BIN"

// nornicServer is a NornicDB process dedicated to one test, on fixed
// loopback ports and a temporary data directory that survive restarts.
type nornicServer struct {
	bin                 string
	dir                 string
	bolt, http, metrics int
	cmd                 *exec.Cmd
	exited              chan struct{}
}

// startNornic starts a dedicated NornicDB on 127.0.0.1 with the given Bolt,
// HTTP and telemetry ports (telemetry defaults to :9090, which another
// server may hold), skipping t when there is no binary. The server is
// stopped when t ends.
func startNornic(t *testing.T, bolt, http, metrics int) *nornicServer {
	t.Helper()
	bin := os.Getenv(nornicBinEnv)
	if bin == "" {
		bin = filepath.Join("..", "..", ".ci", "nornicdb", "bin", "nornicdb")
		if _, err := os.Stat(bin); err != nil {
			t.Skipf("no NornicDB binary (set %s or run .ci/nornicdb.sh build): %v", nornicBinEnv, err)
		}
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	n := &nornicServer{bin: abs, dir: t.TempDir(), bolt: bolt, http: http, metrics: metrics}
	t.Cleanup(func() { n.stop(t) })
	n.start(t)
	return n
}

// uri is the server's Bolt URI.
func (n *nornicServer) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", n.bolt) }

// start runs the server (with the flags of .ci/nornicdb.sh start) and
// waits until its Bolt port accepts connections.
func (n *nornicServer) start(t *testing.T) {
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
func (n *nornicServer) stop(t *testing.T) {
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

// logTail returns the end of the server's log, for failure messages.
func (n *nornicServer) logTail() string {
	b, _ := os.ReadFile(filepath.Join(n.dir, "nornicdb.log"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}

// openDedicated opens a store on the dedicated server srv at uri (srv's
// own or a proxy's), closed when t ends.
func openDedicated(t *testing.T, srv *nornicServer, uri string) *neo4jstore.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri,
		Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelError}))})
	if err != nil {
		t.Fatalf("Open(%s) = %v; server log:\n%s", uri, err, srv.logTail())
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	return s
}

// outageDeadline is the deadline of each request made while the server is
// down: the request must fail with EUNAVAILABLE within it.
const outageDeadline = 2 * time.Second

// TestOutage stops a dedicated server under an open store: reads, writes
// and Ping must fail with EUNAVAILABLE within their 2 s deadline; after a
// restart on the same ports and data the store must recover by itself,
// with the data written before the outage still there.
func TestOutage(t *testing.T) {
	srv := startNornic(t, 17833, 17834, 17835)
	s := openDedicated(t, srv, srv.uri())
	ctx := t.Context()
	place := store.Place{ID: "outage-ward", Name: "Ward"}
	person := store.Person{ID: "outage-p1", Name: "Before the outage", PlaceID: place.ID}
	if _, err := s.UpsertPlace(ctx, place); err != nil {
		t.Fatalf("UpsertPlace: %v", err)
	}
	want, err := s.UpsertPerson(ctx, person)
	if err != nil {
		t.Fatalf("UpsertPerson: %v", err)
	}

	srv.stop(t)
	down := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Person", func(ctx context.Context) error { _, err := s.Person(ctx, person.ID); return err }},
		{"UpsertPerson", func(ctx context.Context) error {
			_, err := s.UpsertPerson(ctx, store.Person{ID: "outage-p2", Name: "During", PlaceID: place.ID})
			return err
		}},
		{"Snapshot", func(ctx context.Context) error { _, err := s.Snapshot(ctx, store.Scope{}); return err }},
		{"Ping", func(ctx context.Context) error { return s.Ping(ctx) }},
	}
	for _, tt := range down {
		t.Run("down/"+tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), outageDeadline)
			defer cancel()
			start := time.Now()
			err := tt.call(ctx)
			took := time.Since(start)
			t.Logf("%s with the server down failed in %v: %v", tt.name, took.Round(time.Millisecond), err)
			if code := store.ErrorCode(err); code != store.EUNAVAILABLE {
				t.Errorf("%s with the server down = %v (code %q), want %s", tt.name, err, code, store.EUNAVAILABLE)
			}
			// Slack past the deadline for the driver to notice it, on a
			// loaded machine under -race.
			if took > outageDeadline+500*time.Millisecond {
				t.Errorf("%s with the server down took %v, want at most the %v deadline", tt.name, took, outageDeadline)
			}
		})
	}

	restart := time.Now()
	srv.start(t)
	portOpen := time.Since(restart)
	var pingErr error
	for {
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		pingErr = s.Ping(pctx)
		cancel()
		if pingErr == nil || time.Since(restart) > 30*time.Second {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if pingErr != nil {
		t.Fatalf("Ping 30 s after the restart = %v, want the store to recover", pingErr)
	}
	t.Logf("recovered %v after the restart began (Bolt port open after %v)",
		time.Since(restart).Round(time.Millisecond), portOpen.Round(time.Millisecond))

	// NornicDB keeps a write-ahead log in its data directory and flushes
	// it on SIGTERM, so the data written before the outage survives.
	got, err := s.Person(ctx, person.ID)
	if err != nil {
		t.Fatalf("Person(%s) after the restart = %v, want the person written before the outage", person.ID, err)
	}
	if got.Name != want.Name || got.PlaceID != want.PlaceID {
		t.Errorf("Person(%s) after the restart = %+v, want %+v", person.ID, got, want)
	}
	if _, err := s.UpsertPerson(ctx, store.Person{ID: "outage-p3", Name: "After", PlaceID: place.ID}); err != nil {
		t.Errorf("UpsertPerson after the restart = %v", err)
	}
	// The write attempted while the server was down never reached it.
	if _, err := s.Person(ctx, "outage-p2"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Person(outage-p2), written while the server was down, = %v, want %s", err, store.ENOTFOUND)
	}
}
