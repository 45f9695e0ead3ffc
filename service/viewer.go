package service

import (
	"context"
	"slices"

	"github.com/voicemap/voicemap/auth"
)

// Viewer is the principal a request runs as, as a dashboard needs it:
// the key's id (never its secret), role and places, and whether it may
// read person-level data.
type Viewer struct {
	KeyID       string
	Role        auth.Role
	Places      []string
	PersonLevel bool
}

// Viewer describes the principal in ctx. Every role may ask.
//
// Errors: EUNAUTHORIZED when ctx carries no principal.
func (s *Service) Viewer(ctx context.Context) (Viewer, error) {
	return run(ctx, s, "Viewer", func(a *access) (Viewer, error) {
		places := []string{}
		if a.p.Scoped() {
			places = slices.Clone(a.p.Places)
			slices.Sort(places)
		}
		return Viewer{KeyID: a.p.KeyID, Role: a.p.Role, Places: places, PersonLevel: a.personLevel()}, nil
	})
}
