package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// ForgetPerson erases a person with their relationships and participations
// (store.Eraser) and then drops every cached network and analysis, in
// every scope: a cached result may name the person or carry numbers
// computed from their ties, and after an erasure nothing derived from them
// may be served again. The layout hints (layouthints.go), which hold actor
// ids, go too. This server drops them at once; every other server over
// the same store when it next reads the erasure version the store
// advanced (versions.go). The erasure cannot be undone.
//
// The errors are the store's. When the store returns an erasure together
// with an error (the embedded store's compaction failing after the delete
// committed) the caches are dropped all the same.
func (s *Service) ForgetPerson(ctx context.Context, id string) (store.Erasure, error) {
	return run(ctx, s, "ForgetPerson", func(a *access) (store.Erasure, error) {
		e, err := s.st.ForgetPerson(ctx, id)
		if err != nil && e.ID == "" {
			return e, err
		}
		a.act.add(id)
		s.wrote(ctx)
		s.purge()
		return e, err
	})
}

// Erasures lists the records of erasures, oldest first.
func (s *Service) Erasures(ctx context.Context, p store.Page) (store.Connection[store.Erasure], error) {
	return run(ctx, s, "Erasures", func(*access) (store.Connection[store.Erasure], error) {
		return s.st.Erasures(ctx, p)
	})
}
