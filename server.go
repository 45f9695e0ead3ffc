package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/httpapi"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
	"github.com/voicemap/voicemap/store/neo4jstore"
)

// Neo4jConnectTimeout bounds connecting to Neo4j at start.
const Neo4jConnectTimeout = 30 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// serve starts the server with the configuration in args (the flags after
// the program name or "serve") and getenv, opens the audit log
// (cfg.AuditPath, refusing to start without it), prints "voicemap listening on
// http://ADDR" to stdout once it listens, logs to stderr, and serves until
// ctx is cancelled; it then lets in-flight requests finish, cancelling
// those still running after ShutdownTimeout − ShutdownCancelGrace
// (shutdown), and closes the store. It returns nil after a clean
// shutdown.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)
	if err := cfg.loadKeys(); err != nil {
		return err
	}
	if cfg.Keys == nil {
		logger.Warn("no API keys configured: every request runs as an administrator; listening on loopback only (set VOICEMAP_KEYS_FILE to serve others)", "addr", cfg.Addr)
	} else {
		logger.Info("API keys loaded", "keys", cfg.Keys.Len())
	}

	if cfg.Audit, err = openAuditLog(cfg); err != nil {
		return err
	}
	defer func() {
		if err := cfg.Audit.Close(); err != nil {
			logger.Error("close audit log", "err", err)
		}
	}()
	logger.Info("audit log opened", "path", cfg.AuditPath, "key", cfg.AuditKeyPath, "key_created", cfg.Audit.KeyCreated())

	st, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	if cfg.Demo {
		if err := loadDemo(ctx, st, logger); err != nil {
			return errors.Join(err, closeStore(st, logger))
		}
	}
	svc := service.New(st, logger)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return errors.Join(fmt.Errorf("listen on %s: %w", cfg.Addr, err), closeStore(st, logger))
	}
	h := httpapi.NewServer(logger, st, svc, httpapi.Options{
		Dev: cfg.Dev, CORSOrigins: cfg.CORSOrigins, RateLimit: cfg.RateLimit, RateBurst: cfg.RateBurst,
		RequestTimeout: cfg.RequestTimeout, Keys: cfg.Keys, Audit: cfg.Audit,
	})
	logger.Info("listening", "addr", ln.Addr().String(), "cors_origins", len(cfg.CORSOrigins), "dev", cfg.Dev)
	fmt.Fprintf(stdout, "voicemap listening on http://%s\n", ln.Addr())
	err = errors.Join(httpapi.Serve(ctx, ln, h, logger), closeStore(st, logger))
	if err == nil {
		logger.Info("stopped")
	}
	return err
}

// newLogger returns the slog logger writing to w in the configured format
// and level.
func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens Neo4j when NEO4J_URI is set, else the embedded store.
func openStore(ctx context.Context, cfg config, logger *slog.Logger) (store.Store, error) {
	if cfg.Neo4jURI != "" {
		cctx, cancel := context.WithTimeout(ctx, Neo4jConnectTimeout)
		defer cancel()
		st, err := neo4jstore.Open(cctx, neo4jstore.Config{
			URI: cfg.Neo4jURI, User: cfg.Neo4jUser, Password: cfg.Neo4jPassword,
			Database: cfg.Neo4jDatabase, Logger: logger,
		})
		if err != nil {
			return nil, fmt.Errorf("open Neo4j store (NEO4J_URI): %w", err)
		}
		logger.Info("store opened", "backend", "neo4j", "database", cfg.Neo4jDatabase)
		return st, nil
	}
	st, err := boltstore.Open(ctx, cfg.DataPath)
	if err != nil {
		if store.ErrorCode(err) == store.EUNAVAILABLE {
			return nil, fmt.Errorf("open embedded store %s: %w (is another voicemap using this file? stop it or choose another with -data)", cfg.DataPath, err)
		}
		return nil, fmt.Errorf("open embedded store %s: %w", cfg.DataPath, err)
	}
	logger.Info("store opened", "backend", "bolt", "path", cfg.DataPath)
	return st, nil
}

// loadDemo imports the demo network and then its grants when the store
// holds no places.
func loadDemo(ctx context.Context, st store.Store, logger *slog.Logger) error {
	places, err := st.Places(ctx, store.PlaceFilter{}, store.Page{First: 1})
	if err != nil {
		return fmt.Errorf("demo: check whether the store is empty: %w", err)
	}
	if places.TotalCount > 0 {
		logger.Info("demo not loaded: the store already holds places", "places", places.TotalCount)
		return nil
	}
	n, err := st.Import(ctx, demo.Network())
	if err != nil {
		return fmt.Errorf("demo: import: %w", err)
	}
	g, err := st.ImportGrants(ctx, demo.Grants())
	if err != nil {
		return fmt.Errorf("demo: import grants: %w", err)
	}
	logger.Info("demo loaded", "places", n.Places, "people", n.People, "organisations", n.Organisations+g.Organisations,
		"relationships", n.Relationships, "forums", n.Forums, "participations", n.Participations, "grants", g.Grants)
	return nil
}

func closeStore(st store.Store, logger *slog.Logger) error {
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	logger.Info("store closed")
	return nil
}
