package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/voicemap/voicemap/store"
)

// DefaultRequestTimeout is the deadline of a GraphQL request when
// Options.RequestTimeout is zero.
const DefaultRequestTimeout = 30 * time.Second

// withDeadline gives each request's context a deadline of timeout; the
// resolvers pass that context down to the store and to analysis, which
// give up when it expires.
func withDeadline(timeout time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// deadlinePresenter presents an error caused by the request's deadline as
// UNAVAILABLE with a message naming the deadline, instead of an INTERNAL
// error: the error wraps context.DeadlineExceeded, or the request's
// deadline has passed and the error carries no more precise store code.
// An error caused by the client leaving (its request's context cancelled)
// is no fault of the server either: it is logged at Info, not as an
// internal error, and presented as UNAVAILABLE to nobody. Every other
// error goes to next.
func deadlinePresenter(timeout time.Duration, logger *slog.Logger, next graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var msg string
		switch {
		case endedBy(ctx, err, context.DeadlineExceeded):
			msg = fmt.Sprintf("the request did not finish within its deadline of %s", timeout)
		case endedBy(ctx, err, context.Canceled):
			msg = "the request was cancelled: the client disconnected"
			logger.InfoContext(ctx, "graphql: request cancelled by the client")
		default:
			return next(ctx, err)
		}
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		gerr.Message = msg
		gerr.Extensions = map[string]any{"code": CodeUnavailable}
		return gerr
	}
}

// endedBy reports whether err comes from the request's context ending with
// cause (context.DeadlineExceeded or context.Canceled): err wraps cause, or
// the context has ended so and err carries no more precise store code.
func endedBy(ctx context.Context, err, cause error) bool {
	if errors.Is(err, cause) {
		return true
	}
	var serr *store.Error
	if errors.As(err, &serr) && serr.Code != store.EINTERNAL {
		return false
	}
	return errors.Is(ctx.Err(), cause)
}
