package neo4jstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// constraintViolation is the Neo4j status code of a uniqueness violation.
const constraintViolation = "Neo.ClientError.Schema.ConstraintValidationFailed"

// fail translates err from the driver into a domain error for the
// operation op on the entity id (empty when there is none):
// domain errors pass through; connectivity failures, exhausted retries,
// transient server errors and context expiry become EUNAVAILABLE; a
// uniqueness violation becomes ECONFLICT; anything else becomes EINTERNAL
// with the original logged (with the id only, never personal data) and
// never shown to the client.
func (s *Store) fail(op, id string, err error) error {
	var de *store.Error
	switch {
	case errors.As(err, &de):
		return wrap(op, id, de)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		s.log.Warn("neo4jstore: request ended by its context", "op", op, "id", id, "err", err)
		return wrap(op, id, store.Errorf(store.EUNAVAILABLE, "Neo4j did not answer in time"))
	case isUnavailable(err):
		s.log.Error("neo4jstore: Neo4j unavailable", "op", op, "id", id, "err", err)
		return wrap(op, id, store.Errorf(store.EUNAVAILABLE, "Neo4j is unavailable"))
	case neo4jCode(err) == constraintViolation:
		s.log.Warn("neo4jstore: uniqueness constraint violated", "op", op, "id", id, "err", err)
		return wrap(op, id, store.Errorf(store.ECONFLICT, "id is already in use"))
	}
	s.log.Error("neo4jstore: query failed", "op", op, "id", id, "err", err)
	return wrap(op, id, store.Errorf(store.EINTERNAL, "internal error"))
}

func wrap(op, id string, e *store.Error) error {
	if id == "" {
		return fmt.Errorf("neo4jstore: %s: %w", op, e)
	}
	return fmt.Errorf("neo4jstore: %s %q: %w", op, id, e)
}

// isUnavailable reports whether err means Neo4j cannot serve the request
// now: a connectivity error, a retry budget spent, a transient server error
// (such as a database being unavailable) or a security error (the server
// refuses our credentials, a deployment fault rather than the client's).
func isUnavailable(err error) bool {
	var ce *neo4j.ConnectivityError
	var tl *neo4j.TransactionExecutionLimit
	var ne *neo4j.Neo4jError
	switch {
	case errors.As(err, &ce), errors.As(err, &tl):
		return true
	case errors.As(err, &ne):
		return ne.Classification() == "TransientError" || isSecurityError(err)
	}
	return false
}

// isSecurityError reports whether err is a Neo4j security error, such as
// Neo.ClientError.Security.Unauthorized.
func isSecurityError(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Classification() == "ClientError" && ne.Category() == "Security"
}

// neo4jCode returns the Neo4j status code of err, or "".
func neo4jCode(err error) string {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		return ne.Code
	}
	return ""
}
