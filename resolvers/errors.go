package resolvers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/voicemap/voicemap/store"
)

// GraphQL error codes, in extensions.code. gqlgen's own
// GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED pass through.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeInternal        = "INTERNAL"
)

// graphQLCodes maps store error codes to GraphQL codes. It is the one place
// the translation is made.
var graphQLCodes = map[string]string{
	store.EINVALID:      CodeBadUserInput,
	store.ENOTFOUND:     CodeNotFound,
	store.ECONFLICT:     CodeConflict,
	store.EUNAUTHORIZED: CodeUnauthenticated,
	store.EFORBIDDEN:    CodeForbidden,
	store.EUNAVAILABLE:  CodeUnavailable,
}

// internalMessage is all a client learns of an internal error.
const internalMessage = "internal error"

// panicError is what the recover func returns: the panic is already logged
// under the correlation id.
type panicError struct{ correlationID string }

func (e *panicError) Error() string { return "panic " + e.correlationID }

// errorPresenter turns a resolver error into a GraphQL error; it is the one
// place store codes become GraphQL codes.
//
//   - A store *Error (other than EINTERNAL) keeps its client-safe message,
//     gets the GraphQL code of its store code (graphQLCodes) and, when it
//     has details (import problems), extensions.problems.
//   - A panic, already logged by recoverFunc, is INTERNAL with its
//     correlation id.
//   - An error gqlgen or a handler extension made itself with a code
//     (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, ...) is kept.
//   - Anything else is logged with a fresh correlation id and presented as
//     INTERNAL with a generic message and that id; its text never reaches
//     the client.
func errorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var serr *store.Error
		var perr *panicError
		switch {
		case errors.As(err, &serr):
			code, ok := graphQLCodes[serr.Code]
			if !ok {
				return internal(ctx, logger, gerr, err)
			}
			gerr.Message = serr.Message
			gerr.Extensions = map[string]any{"code": code}
			if len(serr.Details) > 0 {
				gerr.Extensions["problems"] = serr.Details
			}
			return gerr
		case errors.As(err, &perr):
			gerr.Message = internalMessage
			gerr.Extensions = map[string]any{"code": CodeInternal, "correlationId": perr.correlationID}
			return gerr
		case gerr.Extensions["code"] != nil:
			return gerr
		}
		return internal(ctx, logger, gerr, err)
	}
}

// internal logs err under a new correlation id and hides it.
func internal(ctx context.Context, logger *slog.Logger, gerr *gqlerror.Error, err error) *gqlerror.Error {
	id := correlationID()
	logger.ErrorContext(ctx, "graphql: internal error", "correlation_id", id, "path", gerr.Path.String(), "err", err)
	gerr.Message = internalMessage
	gerr.Extensions = map[string]any{"code": CodeInternal, "correlationId": id}
	return gerr
}

// recoverFunc logs a resolver panic under a correlation id with the type
// of the panic value and the stack (function names, files and lines), but
// not the value itself, which could carry personal data (a name in an
// error's text, a record formatted with %v); the error presenter shows it
// as INTERNAL.
func recoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		id := correlationID()
		logger.ErrorContext(ctx, "graphql: panic", "correlation_id", id, "panic_type", fmt.Sprintf("%T", p), "stack", string(debug.Stack()))
		return &panicError{correlationID: id}
	}
}

// correlationID returns a random 16-hex-digit id tying a client's error to
// its log line.
func correlationID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
