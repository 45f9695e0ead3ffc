package resolvers_test

import (
	"context"
	"net/http"

	"github.com/voicemap/voicemap/auth"
)

// admin returns ctx carrying auth.LocalAdmin: the tests of the schema's
// behaviour run as an administrator; authz_test.go tests the other roles.
func admin(ctx context.Context) context.Context { return auth.With(ctx, auth.LocalAdmin) }

// as runs every request to h as p, as the server's authentication
// middleware would after checking a key.
func as(p auth.Principal, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(auth.With(r.Context(), p)))
	})
}
