package resolvers

//go:generate go tool gqlgen generate

import (
	"log/slog"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/service"
)

// Resolver is the root resolver: the one place the GraphQL layer's
// dependencies are injected.
type Resolver struct {
	Service *service.Service
	Logger  *slog.Logger
	// Audit is the audit log auditLog reads; nil when there is none.
	Audit *audit.Log
	// Dev is the server's development mode (Options.Dev).
	Dev bool
}
