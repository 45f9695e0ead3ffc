package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rs/cors"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/graph"
	"github.com/voicemap/voicemap/interchange"
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

// NewServer returns the HTTP handler of voicemap with all its routes:
//
//	/graphql  the GraphQL API (POST, and GET for queries)
//	/healthz  200 "ok" while the process is alive
//	/readyz   200 when the store answers a ping within ReadyTimeout, else 503
//	/         the dashboard and /schema.graphql (package web)
//
// wrapped by request logging (method, path, status, duration, request id;
// never bodies or query strings), CORS for the allowed origins, and panic
// recovery. /graphql alone is rate limited per client (cfg.RateLimit
// requests per second, burst cfg.RateBurst; 0 is off), before its body is
// read; the health endpoints never are.
func NewServer(logger *slog.Logger, st store.Store, svc *service.Service, cfg config) http.Handler {
	var limiter *rateLimiter
	if cfg.RateLimit > 0 {
		limiter = newRateLimiter(cfg.RateLimit, cfg.RateBurst, MaxRateClients, time.Now)
	}
	gql := resolvers.NewHandler(svc, logger, resolvers.Options{Dev: cfg.Dev, RequestTimeout: cfg.RequestTimeout, Audit: cfg.Audit})
	mux := http.NewServeMux()
	mux.Handle("/graphql", authenticate(cfg.Keys, svc.LinkPrincipal, logger)(rateLimit(limiter, clientOf)(limitGraphQLBody(checkTransport(gql)))))
	mux.HandleFunc("GET /healthz", handleHealthz)
	mux.Handle("GET /readyz", handleReadyz(logger, st, cfg.Keys))
	mux.Handle("/", limitBody(MaxBodyBytes, web.Handler(graph.SchemaSDL(), web.Options{KeysRequired: cfg.Keys != nil})))
	return chain(mux,
		logRequests(logger),
		allowOrigins(cfg.CORSOrigins),
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

// limitBody caps the request body at n bytes. A declared Content-Length
// above it is refused at once with 413; a body without one (chunked) is
// read up to the cap and refused with 413 when it goes over, so that no
// handler ever sees a truncated body. A POST body that is not valid JSON is
// refused with 400 here, so that gqlgen's decoder (whose message would echo
// the body, and whose error has no code) never reports it.
func limitBody(n int64, h http.Handler) http.Handler {
	return limitBodyChecking(n, n, nil, "", h)
}

// limitGraphQLBody caps a /graphql body at MaxBodyBytes, except for an
// import by a principal that may import, and refuses a POST JSON body of
// the wrong shape with 400 BAD_USER_INPUT (checkGraphQLBody). It runs after
// authentication, so the principal is known before any of the body is
// read: for one that may not import (auth.Principal.MayImport: a funder,
// an analyst, an editor) the body is read up to MaxBodyBytes only, and a
// declared Content-Length above it is refused before reading anything, so
// such a key can never make the server buffer more than MaxBodyBytes per
// request. For one that may, the body is read up to MaxGraphQLBodyBytes
// and, when it is larger than MaxBodyBytes, its operation is parsed
// (resolvers.IsImportOperation); a mutation whose root fields are all
// import mutations goes on, anything else gets 413 coded BAD_USER_INPUT.
// Deciding costs one parse of a query of at most resolvers.MaxTokens
// tokens.
func limitGraphQLBody(h http.Handler) http.Handler {
	importer := limitBodyChecking(MaxBodyBytes, MaxGraphQLBodyBytes, checkGraphQLBody, "; "+interchange.UseCommandLine, h)
	other := limitBodyChecking(MaxBodyBytes, MaxBodyBytes, checkGraphQLBody,
		fmt.Sprintf("; only an import mutation, by a key whose role may import, may send up to %d", MaxGraphQLBodyBytes), h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := auth.From(r.Context()); ok && p.MayImport() {
			importer.ServeHTTP(w, r)
			return
		}
		other.ServeHTTP(w, r)
	})
}

// bodyCheck inspects a POST body that is valid JSON (with a JSON content
// type) before the handler sees it. It returns a client-safe message, never
// quoting the body, when the body is refused with 400 BAD_USER_INPUT, and
// whether the body may be larger than the ordinary cap.
type bodyCheck func(body []byte) (allowLarge bool, problem string)

// graphQLShapeMessage is the answer to a /graphql POST body that is JSON
// but not a GraphQL request.
const graphQLShapeMessage = "the body must be a JSON object with a string query, an optional string operationName, and optional objects variables and extensions"

// checkGraphQLBody is the bodyCheck of /graphql. It decodes the body just
// as gqlgen's POST transport does (into graphql.RawParams, numbers kept as
// json.Number), so a body it accepts decodes there too: a JSON object whose
// query and operationName are strings and whose variables and extensions
// are objects (each may be null or absent); gqlgen would take a null body
// too, and find no operation in it. gqlgen's own refusal of any
// other JSON would quote the body and carry no code, so it would be logged,
// body and all, as an internal error. A body larger than MaxBodyBytes is
// allowed when its operation is an import.
func checkGraphQLBody(body []byte) (allowLarge bool, problem string) {
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) == 0 || trimmed[0] != '{' {
		return false, graphQLShapeMessage // null, an array (a batch), a string ...
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		return false, graphQLShapeMessage
	}
	if len(body) <= MaxBodyBytes {
		return false, ""
	}
	return resolvers.IsImportOperation(params.Query, params.OperationName), ""
}

// limitBodyChecking caps the request body at n bytes, or at large bytes for
// a body that check (when not nil) allows, and refuses a POST JSON body that
// check finds malformed; see limitBody. hint ends the message of a body
// over large.
func limitBodyChecking(n, large int64, check bodyCheck, hint string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > large {
			tooLarge(w, large, hint)
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			h.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, large))
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			tooLarge(w, large, hint)
			return
		case err != nil:
			badRequest(w, "could not read request body")
			return
		}
		postJSON := r.Method == http.MethodPost && isJSON(r.Header.Get("Content-Type"))
		if postJSON && !json.Valid(body) {
			badRequest(w, "request body is not valid JSON")
			return
		}
		allowLarge := false
		if postJSON && check != nil {
			var problem string
			if allowLarge, problem = check(body); problem != "" {
				badRequest(w, problem)
				return
			}
		}
		if int64(len(body)) > n && !allowLarge {
			w.Header().Set("Connection", "close")
			writeGraphQLError(w, http.StatusRequestEntityTooLarge, resolvers.CodeBadUserInput,
				fmt.Sprintf("request body is larger than %d bytes; only an import mutation may send up to %d", n, large))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		h.ServeHTTP(w, r)
	})
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

func tooLarge(w http.ResponseWriter, n int64, hint string) {
	w.Header().Set("Connection", "close")
	writeGraphQLError(w, http.StatusRequestEntityTooLarge, resolvers.CodeBadUserInput, fmt.Sprintf("request body is larger than %d bytes%s", n, hint))
}

func badRequest(w http.ResponseWriter, msg string) {
	writeGraphQLError(w, http.StatusBadRequest, resolvers.CodeBadUserInput, msg)
}

// writeGraphQLError answers with a GraphQL-shaped error with the given
// extensions.code.
func writeGraphQLError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{
		"message": msg, "extensions": map[string]string{"code": code},
	}}})
}

// allowOrigins answers CORS for the allowlist, with credentials, methods
// GET and POST and headers Content-Type and Authorization. An empty list
// allows no cross-origin access (rs/cors would read it as "all", so the
// middleware is then left out).
func allowOrigins(origins []string) func(http.Handler) http.Handler {
	if len(origins) == 0 {
		return func(h http.Handler) http.Handler { return h }
	}
	c := cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowCredentials: true,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		MaxAge:           600,
	})
	return c.Handler
}

type ctxKey int

const requestIDKey ctxKey = 0

// requestID returns the id logRequests gave the request.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests gives each request an id (returned in X-Request-Id) and logs
// one line per request: method, path, status, bytes, duration and id. It
// logs the path only, never the query string or body, which may carry
// personal data. Probes of /healthz and /readyz are logged at debug level.
func logRequests(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			id := newRequestID()
			w.Header().Set("X-Request-Id", id)
			sw := &statusWriter{ResponseWriter: w}
			ctx := context.WithValue(r.Context(), requestIDKey, id)
			h.ServeHTTP(sw, r.WithContext(ctx))
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			level := slog.LevelInfo
			if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
				level = slog.LevelDebug
			}
			logger.LogAttrs(ctx, level, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", sw.status),
				slog.Int64("bytes", sw.bytes),
				slog.Duration("duration", time.Since(start)),
				slog.String("request_id", id),
			)
		})
	}
}

// recoverPanics turns a panic in a handler into a 500 response and an
// error log line with the stack (the panic value's type only: the value
// itself may hold personal data).
func recoverPanics(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger.ErrorContext(r.Context(), "panic serving request",
					"panic_type", fmt.Sprintf("%T", v),
					"path", r.URL.Path,
					"request_id", requestID(r.Context()),
					"stack", string(debug.Stack()),
				)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}` + "\n"))
			}()
			h.ServeHTTP(w, r)
		})
	}
}
