package main

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
)

// authenticate puts the request's principal in its context (auth.With)
// from an "Authorization: Bearer <key>" header checked against keys. A
// missing, malformed, unknown or revoked key is answered 401 with
// WWW-Authenticate: Bearer and a GraphQL-shaped error coded
// UNAUTHENTICATED, the same for each so that a client learns nothing about
// which keys exist. With keys nil (none configured: the development mode,
// on loopback only) every request runs as auth.LocalAdmin. The key is
// never logged; a failure is logged with its reason and the request id.
func authenticate(keys *auth.Keyring, logger *slog.Logger) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
			if err != nil {
				logger.WarnContext(r.Context(), "authentication failed", "reason", err.Error(), "request_id", requestID(r.Context()))
				unauthenticated(w, "invalid_token", "invalid, unknown or revoked API key")
				return
			}
			h.ServeHTTP(w, r.WithContext(auth.With(r.Context(), p)))
		})
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
