package store

import (
	"errors"
	"fmt"
)

// Domain error codes. Every Store method documents which it returns; the
// GraphQL layer translates them to extensions.code in exactly one place.
const (
	EINVALID      = "invalid"      // bad user input (GraphQL: BAD_USER_INPUT)
	ENOTFOUND     = "not_found"    // no such entity (GraphQL: NOT_FOUND)
	ECONFLICT     = "conflict"     // id used by another kind, or state clash (GraphQL: CONFLICT)
	EUNAUTHORIZED = "unauthorized" // no or bad credentials (GraphQL: UNAUTHENTICATED)
	EFORBIDDEN    = "forbidden"    // credentials lack the right (GraphQL: FORBIDDEN)
	EUNAVAILABLE  = "unavailable"  // a backing service is down (GraphQL: UNAVAILABLE)
	EINTERNAL     = "internal"     // anything else (GraphQL: INTERNAL)
)

// Error is a domain error: a code and a message that is safe to show a client.
type Error struct {
	Code    string
	Message string
	// Details lists individual problems, for example one per invalid element
	// of an import. Each entry is safe to show a client.
	Details []string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of the first *Error in err's
// chain, or a generic message for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorDetails returns the details of the first *Error in err's chain.
func ErrorDetails(err error) []string {
	var e *Error
	if errors.As(err, &e) {
		return e.Details
	}
	return nil
}

// The refusals both stores give in the same words (checks of batches are
// in check.go).

// NotFound is the error of a missing entity: ENOTFOUND, "<what> "<id>" not
// found". what names the kind asked for ("person", "actor", "entity", ...).
func NotFound(what, id string) *Error {
	return Errorf(ENOTFOUND, "%s %q not found", what, id)
}

// GrantHeld is the refusal to delete an organisation that funds or
// receives a grant (ECONFLICT): role is "funds" or "receives", grantID the
// first such grant by id.
func GrantHeld(orgID, role, grantID string) *Error {
	return Errorf(ECONFLICT, "organisation %q %s grant %q: delete the grant first", orgID, role, grantID)
}

// NotAPerson is the refusal to forget an organisation (EINVALID).
func NotAPerson(id string) *Error {
	return Errorf(EINVALID, "%q is an organisation, not a person: delete it with deleteActor", id)
}
