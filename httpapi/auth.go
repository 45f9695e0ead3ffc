package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/store"
)

// authenticate puts the request's principal in its context (auth.With)
// from an "Authorization: Bearer <key>" header checked against keys. A
// missing, malformed, unknown or revoked key is answered 401 with
// WWW-Authenticate: Bearer and a GraphQL-shaped error coded
// UNAUTHENTICATED, the same for each so that a client learns nothing about
// which keys exist. With keys nil (none configured: the development mode,
// on loopback only) every request runs as auth.LocalAdmin. The key is
// never logged; a failure is logged with its reason and the request id. A
// keys file that fails to reload (every key is then refused: see
// auth.Keyring) is logged by reloadReporter.
//
// A survey link's token (auth.IsLinkToken's form, "vs_...") in the same
// header is checked by links instead, with or without keys: its holder is
// the respondent of one invitation (service.LinkPrincipal), refused with
// the same 401 when unknown or expired.
func authenticate(keys *auth.Keyring, links linkAuthenticator, logger *slog.Logger) func(http.Handler) http.Handler {
	reloads := &reloadReporter{keys: keys, logger: logger}
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if token, ok := linkToken(r); ok && links != nil {
				authenticateLink(w, r, h, links, token, logger)
				return
			}
			if keys == nil {
				h.ServeHTTP(w, r.WithContext(auth.With(r.Context(), auth.LocalAdmin)))
				return
			}
			header := r.Header.Get("Authorization")
			if header == "" {
				unauthenticated(w, "", "an API key is required: send Authorization: Bearer <key>")
				return
			}
			scheme, key, ok := strings.Cut(header, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				unauthenticated(w, "invalid_request", "the Authorization header must be Bearer <key>")
				return
			}
			p, err := keys.Authenticate(strings.TrimSpace(key))
			reloads.check(r.Context())
			if err != nil {
				logger.WarnContext(r.Context(), "authentication failed", "reason", err.Error(), "request_id", requestID(r.Context()))
				unauthenticated(w, "invalid_token", "invalid, unknown or revoked API key")
				return
			}
			h.ServeHTTP(w, r.WithContext(auth.With(r.Context(), p)))
		})
	}
}

// linkAuthenticator turns a survey link's token into its principal
// (service.Service.LinkPrincipal).
type linkAuthenticator func(ctx context.Context, token string) (auth.Principal, error)

// linkToken returns the survey link token of a request's "Authorization:
// Bearer vs_..." header.
func linkToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && strings.HasPrefix(token, auth.LinkPrefix)
}

// authenticateLink serves the request as the holder of the link token: 401
// for a token that grants nothing, 503 when the store cannot say. The
// token is never logged.
func authenticateLink(w http.ResponseWriter, r *http.Request, h http.Handler, links linkAuthenticator, token string, logger *slog.Logger) {
	p, err := links(r.Context(), token)
	switch store.ErrorCode(err) {
	case "":
		h.ServeHTTP(w, r.WithContext(auth.With(r.Context(), p)))
	case store.EUNAUTHORIZED:
		logger.WarnContext(r.Context(), "survey link refused", "request_id", requestID(r.Context()))
		unauthenticated(w, "invalid_token", "invalid or expired survey link")
	default:
		logger.ErrorContext(r.Context(), "survey link check failed", "err", err, "request_id", requestID(r.Context()))
		writeGraphQLError(w, http.StatusServiceUnavailable, resolvers.CodeUnavailable, "the survey link cannot be checked now; try again")
	}
}

// reloadReporter logs what becomes of the reloads of a keys file: one
// error per distinct failure, while every key is refused, and one info
// line when a reload succeeds after a failure. It logs the file's
// path and the class of the error (keysErrorClass), never the error's
// text, which could quote the file (key ids, hashes).
type reloadReporter struct {
	keys   *auth.Keyring
	logger *slog.Logger

	mu   sync.Mutex
	last string // the text of the failure last logged; "" after a success
}

// check compares the keyring's last reload error with the one last logged
// and logs a change.
func (r *reloadReporter) check(ctx context.Context) {
	if r.keys == nil || r.keys.Path() == "" {
		return
	}
	err := r.keys.ReloadError()
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err == nil && r.last != "":
		r.last = ""
		r.logger.InfoContext(ctx, "keys file reloaded after a failure", "path", r.keys.Path())
	case err != nil && err.Error() != r.last:
		r.last = err.Error()
		r.logger.ErrorContext(ctx, "keys file reload failed; every API key is refused until the file is fixed",
			"path", r.keys.Path(), "error_class", keysErrorClass(err))
	}
}

// keysErrorClass names the kind of a keys file's failure without quoting
// it: missing, permission denied, unreadable, invalid JSON or invalid
// entries.
func keysErrorClass(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var path *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "missing"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.As(err, &path):
		return "unreadable"
	case errors.As(err, &syntax), errors.As(err, &typ), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		strings.HasPrefix(innermost(err).Error(), "json: "):
		return "invalid JSON"
	default:
		return "invalid entries"
	}
}

// innermost returns the error at the end of err's chain of wrapping (the
// decoder's own error for an unknown field).
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// unauthenticated answers 401 with a Bearer challenge (with the RFC 6750
// error code when not empty).
func unauthenticated(w http.ResponseWriter, code, msg string) {
	challenge := `Bearer realm="voicemap"`
	if code != "" {
		challenge += `, error="` + code + `"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	writeGraphQLError(w, http.StatusUnauthorized, resolvers.CodeUnauthenticated, msg)
}

// clientOf names the client a request is counted against for rate
// limiting: its key id once authenticated with a key, else (the local
// administrator of the development mode) its remote address's host.
func clientOf(r *http.Request) string {
	if p, ok := auth.From(r.Context()); ok && p.KeyID != auth.LocalAdminID {
		return "key:" + p.KeyID
	}
	return "addr:" + remoteHost(r)
}
