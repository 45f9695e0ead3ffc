package app_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// testConfig is the configuration of a server on loopback over an
// embedded store in dir, without keys.
func testConfig(dir string) app.Config {
	return app.Config{
		Addr:         "127.0.0.1:0",
		DataPath:     filepath.Join(dir, "voicemap.db"),
		AuditPath:    filepath.Join(dir, "audit.log"),
		AuditKeyPath: filepath.Join(dir, "audit.log.key"),
	}
}

// TestOpenClose opens the resources of a configuration with the demo
// network, checks each, and closes them: the store file is then free to
// open again and holds the demo.
func TestOpenClose(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t.TempDir())
	cfg.Demo = true
	res, err := app.Open(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if res.Keys != nil || res.Audit == nil || res.Store == nil {
		t.Fatalf("Open = keys %v, audit %v, store %v; want no keys, an audit log and a store", res.Keys, res.Audit, res.Store)
	}
	if err := res.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	st, err := boltstore.Open(ctx, cfg.DataPath)
	if err != nil {
		t.Fatalf("the store file after Close: %v", err)
	}
	defer st.Close()
	places, err := st.Places(ctx, store.PlaceFilter{}, store.Page{First: 1})
	if err != nil || places.TotalCount == 0 {
		t.Errorf("the store after Open with Demo holds %d places (err %v), want the demo's", places.TotalCount, err)
	}
	if _, err := audit.VerifyFile(cfg.AuditPath); err != nil {
		t.Errorf("the audit log after Close: %v", err)
	}
}

// TestOpenOrder checks that Open opens in order and stops at the first
// failure: a missing keys file leaves the audit log unopened (no file
// made); a store that cannot be opened leaves it unopened too (the log
// may be kept in the store); an audit log that cannot be opened comes
// after the store, which is opened and closed again.
func TestOpenOrder(t *testing.T) {
	ctx := context.Background()
	logger := slog.New(slog.DiscardHandler)

	dir := t.TempDir()
	cfg := testConfig(dir)
	cfg.KeysFile = filepath.Join(dir, "keys.jsonl")
	if _, err := app.Open(ctx, cfg, logger); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("Open with a missing keys file = %v, want a refusal", err)
	}
	if _, err := os.Stat(cfg.AuditPath); !os.IsNotExist(err) {
		t.Errorf("after a keys failure the audit log exists (stat: %v): Open went on", err)
	}

	cfg = testConfig(dir)
	cfg.Addr = "0.0.0.0:0"
	if _, err := app.Open(ctx, cfg, logger); err == nil || !strings.Contains(err.Error(), "refusing to listen") {
		t.Fatalf("Open on every interface without keys = %v, want a refusal", err)
	}

	cfg = testConfig(dir)
	held, err := boltstore.Open(ctx, cfg.DataPath)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if _, err := app.Open(ctx, cfg, logger); err == nil || !strings.Contains(err.Error(), "is another voicemap using this file?") {
		t.Fatalf("Open of a store held by another = %v, want a refusal naming the reason", err)
	}
	if _, err := os.Stat(cfg.AuditPath); !os.IsNotExist(err) {
		t.Errorf("after a store failure the audit log exists (stat: %v): Open went on", err)
	}
	if err := held.Close(); err != nil {
		t.Fatal(err)
	}

	cfg = testConfig(dir)
	if err := os.WriteFile(cfg.AuditKeyPath, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := app.Open(ctx, cfg, logger); err == nil || !strings.Contains(err.Error(), "audit") {
		t.Fatalf("Open with a bad audit key file = %v, want a refusal naming the audit log", err)
	}
	again, err := boltstore.Open(ctx, cfg.DataPath)
	if err != nil {
		t.Fatalf("the store after an audit log failure is still held: %v", err)
	}
	_ = again.Close()
}

// TestOpenAuditLogMakesKeyDirectory checks that the audit key's directory
// is made when missing, as the log's is: with Neo4j keeping the lines,
// the key file is the only thing written under data/, which a fresh
// machine does not have.
func TestOpenAuditLogMakesKeyDirectory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := testConfig(dir)
	cfg.AuditKeyPath = filepath.Join(dir, "keys", "not", "yet", "audit.log.key")
	st, err := boltstore.Open(ctx, cfg.DataPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l, err := app.OpenAuditLog(ctx, cfg, st)
	if err != nil {
		t.Fatalf("OpenAuditLog with the key's directory missing: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Dir(cfg.AuditKeyPath)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the key's directory: %v, %v; want made with mode 0700", fi, err)
	}
	if _, err := os.Stat(cfg.AuditKeyPath); err != nil {
		t.Errorf("the key file: %v", err)
	}
}
