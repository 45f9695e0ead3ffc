package auth

import (
	"context"
	"fmt"
	"slices"
)

// Role is what a principal may do; see the package documentation.
type Role string

// The roles.
const (
	RoleAdmin   Role = "admin"
	RoleEditor  Role = "editor"
	RoleAnalyst Role = "analyst"
	RoleFunder  Role = "funder"
	// RoleRespondent is a person holding a survey link (link.go): they may
	// read and correct only their own data and answer only their own
	// survey. It is never the role of an API key.
	RoleRespondent Role = "respondent"
)

// Valid reports whether r is one of the roles of API keys (every role but
// RoleRespondent, which only a survey link gives).
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleEditor, RoleAnalyst, RoleFunder:
		return true
	}
	return false
}

// ParseRole returns the role named s, or an error listing the roles.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !r.Valid() {
		return "", fmt.Errorf("role %q: want admin, editor, analyst or funder", s)
	}
	return r, nil
}

// Principal is who a request runs as: the id of its key, its role and the
// places it is scoped to (with their descendants; none means unscoped). A
// respondent (RoleRespondent) holds the link of one invitation: Invitation
// names it, and its KeyID is LinkKeyID of it.
type Principal struct {
	KeyID      string
	Role       Role
	Places     []string
	Invitation string
}

// MayImport reports whether p may run the import mutations (importNetwork,
// importGrants, importPlaces, importBoundaries, importKumu): an admin only, as the service
// layer decides for imports (a test in package httpapi checks that the two
// agree for every role). The HTTP server grants its large request bodies
// to such principals alone.
func (p Principal) MayImport() bool { return p.Role == RoleAdmin }

// LocalAdminID is the KeyID of LocalAdmin.
const LocalAdminID = "local"

// LocalAdmin is the principal of the command line and of a server with no
// keys configured (which then listens on loopback only).
var LocalAdmin = Principal{KeyID: LocalAdminID, Role: RoleAdmin}

// Scoped reports whether p is limited to its Places: any role but admin
// with at least one place. A respondent has no places: they are confined
// to their own invitation instead, by the service's Self rule.
func (p Principal) Scoped() bool {
	return p.Role != RoleAdmin && len(p.Places) > 0
}

// clone returns p with its own copy of Places.
func (p Principal) clone() Principal {
	p.Places = slices.Clone(p.Places)
	return p
}

type ctxKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p.clone())
}

// From returns the principal ctx carries, and false when there is none.
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}
