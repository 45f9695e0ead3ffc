package service_test

import (
	"context"

	"github.com/voicemap/voicemap/auth"
)

// admin returns ctx carrying auth.LocalAdmin: the tests of the service's
// behaviour run as an administrator; authz_test.go tests the other roles.
func admin(ctx context.Context) context.Context { return auth.With(ctx, auth.LocalAdmin) }
