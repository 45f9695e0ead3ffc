package service

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// The policy layer. Every exported method of the Service is written as
//
//	return run(ctx, s, "Name", func(a *access) (T, error) { ... })
//
// run looks the operation up in the policy table (policy.go) and, before
// the body runs (so before any store read and before any input is read or
// parsed), refuses a request without a principal (EUNAUTHORIZED) or whose
// role the entry does not allow (EFORBIDDEN). The body then confines
// itself with the scope rule of its entry, through the one helper of
// access that implements that rule (scope.go, entity.go, writegate.go); a
// helper of another rule fails the call, and so does a body that returns
// successfully without applying its rule. Finally, for a person-level
// operation, run replaces the label of every placeholder the principal may
// not see by its pseudonym (pseudonym.go) and reports the people it
// handed out to the request's Activity (activity.go), which the audit log
// records.

// access is one call's authorization: the principal, the operation and its
// policy, a memo of the places found visible, and whether the scope rule
// was applied.
type access struct {
	s       *Service
	p       auth.Principal
	op      string
	pol     Policy
	memo    map[string]bool
	applied bool
	act     *Activity
}

// begin authorizes op for the principal in ctx.
func (s *Service) begin(ctx context.Context, op string) (*access, error) {
	pol, ok := policies[op]
	if !ok {
		return nil, fmt.Errorf("service: operation %s has no entry in the policy table", op)
	}
	a := &access{s: s, op: op, pol: pol, memo: map[string]bool{}, act: activityFrom(ctx)}
	if pol.Access != Public {
		p, ok := auth.From(ctx)
		if !ok {
			return nil, store.Errorf(store.EUNAUTHORIZED, "authentication required")
		}
		if !pol.Allows(p.Role) {
			return nil, store.Errorf(store.EFORBIDDEN, "%s", pol.refusal(p.Role))
		}
		a.p = p
	}
	a.act.began(op)
	return a, nil
}

// run runs the body of operation op under its policy (see above).
func run[T any](ctx context.Context, s *Service, op string, body func(*access) (T, error)) (T, error) {
	var zero T
	a, err := s.begin(ctx, op)
	if err != nil {
		return zero, err
	}
	v, err := body(a)
	if err != nil {
		return v, err
	}
	if a.pol.Scope != Unconfined && !a.applied {
		return zero, fmt.Errorf("service: %s returned without applying its scope rule (%s)", op, a.pol.Scope)
	}
	if a.pol.Audited() && a.p.Role != "" {
		if v, err = pseudonymise(ctx, a, v); err != nil {
			return zero, err
		}
		a.act.disclose(v)
	}
	return v, nil
}

// run0 is run for an operation that returns only an error.
func run0(ctx context.Context, s *Service, op string, body func(*access) error) error {
	_, err := run(ctx, s, op, func(a *access) (struct{}, error) { return struct{}{}, body(a) })
	return err
}

// rule marks the scope rule want as applied, or fails when the
// operation's policy names another: a body can only apply its own rule.
func (a *access) rule(want Scope) error {
	if a.pol.Scope != want {
		return fmt.Errorf("service: %s applies the %s scope rule but its policy names %s", a.op, want, a.pol.Scope)
	}
	a.applied = true
	return nil
}

// personLevel reports whether the principal may be given the person-level
// part of the operation's answer (false for a funder in an operation with
// Partial person-level data).
func (a *access) personLevel() bool { return a.pol.Reads(a.p.Role, PersonLevel) }

// notFound is the error of a missing entity, the same for one outside the
// principal's places, one the principal may not read, and a withdrawn
// person.
func notFound(what, id string) error {
	return store.Errorf(store.ENOTFOUND, "%s %q not found", what, id)
}

// seen returns v, or the zero value with err.
func seen[T any](v T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}
