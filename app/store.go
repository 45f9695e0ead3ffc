package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
	"github.com/voicemap/voicemap/store/neo4jstore"
)

// OpenStore opens Neo4j when cfg.Neo4jURI is set, else the embedded store
// at cfg.DataPath, and with cfg.Demo loads the demo network into it when
// it holds no places (closing it again when that fails).
func OpenStore(ctx context.Context, cfg Config, logger *slog.Logger) (store.Store, error) {
	st, err := openBackend(ctx, cfg, logger)
	if err != nil || !cfg.Demo {
		return st, err
	}
	if err := loadDemo(ctx, st, logger); err != nil {
		return nil, errors.Join(err, CloseStore(st, logger))
	}
	return st, nil
}

// CloseStore closes st, logging that it did.
func CloseStore(st store.Store, logger *slog.Logger) error {
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	logger.Info("store closed")
	return nil
}

// openBackend opens the store cfg chooses.
func openBackend(ctx context.Context, cfg Config, logger *slog.Logger) (store.Store, error) {
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
