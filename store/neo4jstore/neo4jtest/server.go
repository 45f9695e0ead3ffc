package neo4jtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BinEnv names the NornicDB binary for tests that start a server of their
// own (outage and fault tests); without it they use the binary
// .ci/nornicdb.sh builds, and skip when there is none.
const BinEnv = "NORNICDB_BIN"

// Server is a NornicDB process dedicated to one test, on fixed loopback
// ports and a temporary data directory that survive restarts, so that a
// test can stop the database and start it again.
type Server struct {
	// Bolt, HTTP and Metrics are its ports (telemetry defaults to :9090,
	// which another server may hold, so it gets its own).
	Bolt, HTTP, Metrics int

	bin    string
	dir    string
	cmd    *exec.Cmd
	exited chan struct{}
}

// StartServer starts a dedicated NornicDB on 127.0.0.1 with the given
// ports (with the flags of .ci/nornicdb.sh start), skipping t when there is
// no binary. The server is stopped when t ends.
func StartServer(t *testing.T, bolt, http, metrics int) *Server {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a dedicated NornicDB server (outage and retry tests): run without -short")
	}
	bin := os.Getenv(BinEnv)
	if bin == "" {
		root, err := moduleRoot()
		if err != nil {
			t.Skipf("no NornicDB binary (set %s): %v", BinEnv, err)
		}
		bin = filepath.Join(root, ".ci", "nornicdb", "bin", "nornicdb")
		if _, err := os.Stat(bin); err != nil {
			t.Skipf("no NornicDB binary (set %s or run .ci/nornicdb.sh build): %v", BinEnv, err)
		}
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Bolt: bolt, HTTP: http, Metrics: metrics, bin: abs, dir: t.TempDir()}
	t.Cleanup(func() { s.Stop(t) })
	s.Start(t)
	return s
}

// moduleRoot finds the directory holding go.mod above the working
// directory (a package's test runs in the package's directory).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// URI is the server's Bolt URI.
func (s *Server) URI() string { return fmt.Sprintf("bolt://127.0.0.1:%d", s.Bolt) }

// Start runs the server and waits (up to 60 s) until its Bolt port accepts
// connections.
func (s *Server) Start(t *testing.T) {
	t.Helper()
	for _, p := range []int{s.Bolt, s.HTTP, s.Metrics} {
		if c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)), time.Second); err == nil {
			c.Close()
			t.Fatalf("port %d is already in use", p)
		}
	}
	logf, err := os.OpenFile(filepath.Join(s.dir, "nornicdb.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(s.bin, "serve", "--address", "127.0.0.1",
		"--bolt-port", strconv.Itoa(s.Bolt), "--http-port", strconv.Itoa(s.HTTP),
		"--data-dir", filepath.Join(s.dir, "data"), "--no-auth", "--headless", "--mcp-enabled=false")
	cmd.Env = append(os.Environ(), "NORNICDB_TELEMETRY_LISTEN=127.0.0.1:"+strconv.Itoa(s.Metrics))
	cmd.Dir = s.dir
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("start NornicDB: %v", err)
	}
	s.cmd, s.exited = cmd, make(chan struct{})
	go func(exited chan struct{}) { _ = cmd.Wait(); close(exited) }(s.exited)
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Bolt)), time.Second)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-s.exited:
			t.Fatalf("NornicDB exited before its Bolt port opened:\n%s", s.LogTail())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("NornicDB's Bolt port %d did not open in 60 s:\n%s", s.Bolt, s.LogTail())
		}
	}
}

// Stop ends the server with SIGTERM (SIGKILL after 10 s); a no-op when it
// is not running.
func (s *Server) Stop(t *testing.T) {
	t.Helper()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		t.Logf("NornicDB did not stop in 10 s after SIGTERM: killing it")
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	s.cmd = nil
}

// LogTail returns the last 20 lines of the server's log, for failure
// messages.
func (s *Server) LogTail() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "nornicdb.log"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}
