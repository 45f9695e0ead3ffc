package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// network returns the network of a scope on a date, from the network cache
// when it holds it, so that the analyses of one scope and date (centrality,
// voice, power, representation, ...) share one snapshot. The network is
// read-only once built; callers must not modify it. Errors are those of
// loadNetwork: ENOTFOUND for an unknown place, EINVALID for a scope above
// the caps.
func (s *Service) network(ctx context.Context, scope store.Scope) (*network, error) {
	v, err := s.nets.get(ctx, scopeKey(scope, "network"), func(ctx context.Context) (computed, error) {
		nw, err := s.loadNetwork(ctx, scope)
		if err != nil {
			return computed{}, err
		}
		return nw.computed(nw), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*network), nil
}
