package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore"
)

// Where the audit log is kept: in the Neo4j database when the store is
// Neo4j, so that every API server over the database appends to one
// hash chain and auditLog reads the same trail from any of them; else in
// the file cfg.AuditPath beside the embedded store's. The key file
// (cfg.AuditKeyPath) is a file either way: with several servers, each
// must be given the same one.

// OpenAuditLog opens the audit log of st for appending (see above): the
// database's lines when st is Neo4j, else the file cfg.AuditPath, its
// directory created (mode 0700) when missing; with its key at
// cfg.AuditKeyPath, whose directory is created likewise.
func OpenAuditLog(ctx context.Context, cfg Config, st store.Store) (*audit.Log, error) {
	var l *audit.Log
	var err error
	// The key is a file whichever store keeps the lines: its directory
	// (data/ by default) may not exist yet, on a fresh machine with Neo4j.
	if err := os.MkdirAll(filepath.Dir(cfg.AuditKeyPath), 0o700); err != nil {
		return nil, fmt.Errorf("audit key %s: %w", cfg.AuditKeyPath, err)
	}
	if n, ok := st.(*neo4jstore.Store); ok {
		l, err = audit.OpenLines(ctx, n.AuditLines(), cfg.AuditKeyPath)
	} else {
		path := cfg.AuditPath
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("audit log %s: %w", path, err)
		}
		l, err = audit.Open(path, audit.WithKeyFile(cfg.AuditKeyPath))
	}
	if err != nil {
		return nil, fmt.Errorf("audit log (-audit-log, VOICEMAP_AUDIT_LOG; key -audit-key, VOICEMAP_AUDIT_KEY_FILE): %w", err)
	}
	return l, nil
}

// AuditLines returns the lines of the audit log cfg names, for reading
// (audit.ReadLines, VerifyLines, FindLines): with cfg.Neo4jURI set, those
// kept in the database, over a store opened for them and closed by
// close; else the file cfg.AuditPath (which need not exist).
func AuditLines(ctx context.Context, cfg Config, logger *slog.Logger) (_ audit.Lines, close func() error, _ error) {
	if cfg.Neo4jURI == "" {
		return audit.File(cfg.AuditPath), func() error { return nil }, nil
	}
	st, err := openBackend(ctx, cfg, logger)
	if err != nil {
		return nil, nil, err
	}
	n, ok := st.(*neo4jstore.Store)
	if !ok {
		return nil, nil, errors.Join(errors.New("audit log: the store is not Neo4j"), st.Close())
	}
	return n.AuditLines(), func() error { return CloseStore(st, logger) }, nil
}
