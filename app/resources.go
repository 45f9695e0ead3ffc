package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"time"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// Neo4jConnectTimeout bounds connecting to Neo4j at start.
const Neo4jConnectTimeout = 30 * time.Second

// Resources are what the server opens from its Config and owns while it
// runs: the keyring, the store and the audit log (kept in the store when
// it is Neo4j, audit.go). Open opens them in that order and Close closes
// them in the reverse order. The keyring holds no
// open file (it re-reads its file when that changes), so only the audit
// log and the store need closing.
type Resources struct {
	// Keys authenticates API keys; nil when none are configured (the
	// development mode, on loopback only).
	Keys *auth.Keyring
	// Audit is the append-only audit log.
	Audit *audit.Log
	// Store is the store: Neo4j or the embedded file.
	Store store.Store

	logger *slog.Logger
}

// Open opens the server's resources from cfg, logging each with logger:
// the keyring (LoadKeys, which refuses a listen address beyond loopback
// without keys), the store (OpenStore, with the demo network when
// cfg.Demo) and the audit log (OpenAuditLog; the server refuses to start
// without it). On an error it closes what it had opened.
func Open(ctx context.Context, cfg Config, logger *slog.Logger) (*Resources, error) {
	keys, err := LoadKeys(cfg)
	if err != nil {
		return nil, err
	}
	if keys == nil {
		logger.Warn("no API keys configured: every request runs as an administrator; listening on loopback only (set VOICEMAP_KEYS_FILE to serve others)", "addr", cfg.Addr)
	} else {
		logger.Info("API keys loaded", "keys", keys.Len())
	}
	r := &Resources{Keys: keys, logger: logger}
	if r.Store, err = OpenStore(ctx, cfg, logger); err != nil {
		return nil, err
	}
	if r.Audit, err = OpenAuditLog(ctx, cfg, r.Store); err != nil {
		return nil, errors.Join(err, r.Close())
	}
	logger.Info("audit log opened", "path", r.Audit.Path(), "key", cfg.AuditKeyPath, "key_created", r.Audit.KeyCreated())
	return r, nil
}

// Close closes the audit log and then the store (which may keep the
// log), returning their errors joined.
func (r *Resources) Close() error {
	var err error
	if r.Audit != nil {
		if cerr := r.Audit.Close(); cerr != nil {
			err = fmt.Errorf("close audit log: %w", cerr)
		}
	}
	if r.Store != nil {
		err = errors.Join(err, CloseStore(r.Store, r.logger))
	}
	return err
}

// LoadKeys loads the keyring cfg names (KeysFile, else KeysJSON; nil when
// neither is set) and checks the listen address against it (checkListen).
func LoadKeys(cfg Config) (*auth.Keyring, error) {
	keys, err := auth.Load(cfg.KeysFile, cfg.KeysJSON)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("keys file %s (-keys-file, VOICEMAP_KEYS_FILE) does not exist: create it with a first key, "+
			"voicemap keys new -id admin -role admin -file %s", cfg.KeysFile, cfg.KeysFile)
	}
	if err != nil {
		return nil, err
	}
	if keys == nil {
		if err := checkListen(cfg.Addr); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// NewLogger returns the slog logger writing to w in the configured format
// and level.
func NewLogger(cfg Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
