package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/graph"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/web"
)

// Limits of the HTTP server.
const (
	// MaxBodyBytes caps request bodies: every request but an import.
	MaxBodyBytes = 1 << 20
	// MaxGraphQLBodyBytes caps the body of a /graphql import mutation
	// (resolvers.ImportMutations) sent by a principal that may import
	// (auth.Principal.MayImport). importNetwork carries a whole file (up to
	// interchange.MaxDocumentSize, 32 MiB) in a JSON string; the extra 8 MiB
	// leave room for its escaping. Any other /graphql request is held to
	// MaxBodyBytes (see limitGraphQLBody).
	MaxGraphQLBodyBytes = 40 << 20
	// ReadyTimeout bounds the store ping of /readyz.
	ReadyTimeout = 2 * time.Second
)

// Options are what NewServer needs besides the store and service: the
// server's settings (data, from the configuration) and the opened keyring
// and audit log (owned by the caller, which closes them after the server).
type Options struct {
	// Dev allows GraphQL schema introspection and field suggestions.
	Dev bool
	// CORSOrigins lists the origins allowed cross-origin access, with
	// credentials; empty allows none.
	CORSOrigins []string
	// RateLimit is the requests per second each client may make to
	// /graphql (0 is off); RateBurst how many it may make at once.
	RateLimit float64
	RateBurst int
	// RequestTimeout is the deadline of a GraphQL request; zero means
	// resolvers.DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Keys authenticates requests; nil is the development mode in which
	// every request runs as auth.LocalAdmin (on loopback only: the
	// caller checks the listen address).
	Keys *auth.Keyring
	// Audit receives the records of person-level reads and writes, and is
	// what the auditLog query reads; nil audits nothing.
	Audit *audit.Log
}

// NewServer returns the HTTP handler of voicemap with all its routes:
//
//	/graphql  the GraphQL API (POST, and GET for queries)
//	/healthz  200 "ok" while the process is alive
//	/readyz   200 when the store answers a ping within ReadyTimeout, else 503
//	/         the dashboard and /schema.graphql (package web)
//
// wrapped by request logging (method, path, status, duration, request id;
// never bodies or query strings), CORS for the allowed origins, and panic
// recovery. /graphql alone is rate limited per client (opts.RateLimit
// requests per second, burst opts.RateBurst; 0 is off), before its body is
// read; the health endpoints never are.
func NewServer(logger *slog.Logger, st store.Store, svc *service.Service, opts Options) http.Handler {
	var limiter *rateLimiter
	if opts.RateLimit > 0 {
		limiter = newRateLimiter(opts.RateLimit, opts.RateBurst, MaxRateClients, time.Now)
	}
	gql := resolvers.NewHandler(svc, logger, resolvers.Options{Dev: opts.Dev, RequestTimeout: opts.RequestTimeout, Audit: opts.Audit})
	mux := http.NewServeMux()
	mux.Handle("/graphql", authenticate(opts.Keys, svc.LinkPrincipal, logger)(rateLimit(limiter, clientOf)(limitGraphQLBody(checkTransport(gql)))))
	mux.HandleFunc("GET /healthz", handleHealthz)
	mux.Handle("GET /readyz", handleReadyz(logger, st, opts.Keys))
	mux.Handle("/", limitBody(MaxBodyBytes, web.Handler(graph.SchemaSDL(), web.Options{KeysRequired: opts.Keys != nil})))
	return chain(mux,
		logRequests(logger),
		allowOrigins(opts.CORSOrigins),
		recoverPanics(logger),
	)
}

// chain wraps h in middleware, the first outermost.
func chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

func handleHealthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

// handleReadyz pings the store: 200 {"status":"ok"}, or 503
// {"status":"unavailable","reason":...} with a client-safe reason. It is
// 503 too while the keys file cannot be used (keys not nil and its last
// reload failed), since every key is then refused.
func handleReadyz(logger *slog.Logger, st store.Store, keys *auth.Keyring) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), ReadyTimeout)
		defer cancel()
		status, body := http.StatusOK, map[string]string{"status": "ok"}
		if keys != nil && keys.ReloadError() != nil {
			status, body = http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "the API keys file cannot be used: every key is refused until it is fixed"}
		} else if err := st.Ping(ctx); err != nil {
			logger.WarnContext(ctx, "store not ready", "err", err, "request_id", requestID(r.Context()))
			reason := store.ErrorMessage(err)
			if store.ErrorCode(err) == store.EINTERNAL {
				reason = "store did not answer"
			}
			status, body = http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": reason}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	})
}
