// Package neo4jtest gives tests of any package a Neo4j store on the shared
// test server named by NEO4J_TEST_URI (NEO4J_TEST_USER, NEO4J_TEST_PASSWORD
// and NEO4J_TEST_DATABASE optional), or skips them when it is unset.
//
// `go test ./...` runs the test binaries of several packages at once, and
// every test that uses the server wipes its database. So that they never
// wipe each other's data, each test binary takes an exclusive lock on a
// file named after the URI before it first touches the server and holds it
// until the process exits: packages that use the server run one at a time,
// everything else stays parallel.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store/neo4jstore"
)

// Config returns the test server's configuration, skipping tb when
// NEO4J_TEST_URI is unset.
func Config(tb testing.TB) neo4jstore.Config {
	tb.Helper()
	uri := os.Getenv("NEO4J_TEST_URI")
	if uri == "" {
		tb.Skip("NEO4J_TEST_URI is not set: skipping the tests that need a Neo4j server (see .ci/nornicdb.sh)")
	}
	return neo4jstore.Config{
		URI: uri, User: os.Getenv("NEO4J_TEST_USER"), Password: os.Getenv("NEO4J_TEST_PASSWORD"),
		Database: os.Getenv("NEO4J_TEST_DATABASE"),
		Logger:   slog.New(slog.NewTextHandler(tb.Output(), nil)),
	}
}

var (
	lockOnce sync.Once
	lockErr  error
	// lockFile stays referenced for the life of the process: were it
	// garbage collected, its finalizer would close it and drop the lock.
	lockFile *os.File
)

// Lock takes, once per process, the exclusive lock on the test server named
// by cfg and keeps it until the process exits.
func Lock(tb testing.TB, cfg neo4jstore.Config) {
	tb.Helper()
	lockOnce.Do(func() {
		sum := sha256.Sum256([]byte(cfg.URI + "\x00" + cfg.Database))
		path := filepath.Join(os.TempDir(), "voicemap-neo4j-test-"+hex.EncodeToString(sum[:8])+".lock")
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			lockErr = err
			return
		}
		// The file is deliberately never closed: the lock lasts as long as
		// the process.
		lockFile = f
		lockErr = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
	})
	if lockErr != nil {
		tb.Fatalf("lock the Neo4j test server: %v", lockErr)
	}
}

// Wipe deletes every node and relationship of the test database.
func Wipe(ctx context.Context, cfg neo4jstore.Config) error {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	_, err = neo4j.ExecuteQuery(ctx, driver, `MATCH (n) DETACH DELETE n`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database), neo4j.ExecuteQueryWithWritersRouting())
	return err
}

// Open locks the test server, empties its database and opens a store on
// it, closed when tb ends.
func Open(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	cfg := Config(tb)
	Lock(tb, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Wipe(ctx, cfg); err != nil {
		tb.Fatalf("wipe the Neo4j test database at %s: %v", cfg.URI, err)
	}
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("neo4jstore.Open(%s) = %v", cfg.URI, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close() = %v", err)
		}
	})
	return s
}
