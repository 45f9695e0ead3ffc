package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// Every write goes to the store, which advances, in the write's own
// transaction, the versions of the places it touches (store.Versions):
// every cached analysis of those places, on this server and on every
// other over the same store, is recomputed at its next request
// (versions.go). The errors are the store's.

// UpsertPlace creates or replaces a place. It touches the place, its new
// parent and its previous parent.
func (s *Service) UpsertPlace(ctx context.Context, p store.Place) (store.Place, error) {
	return run(ctx, s, "UpsertPlace", func(a *access) (store.Place, error) {
		if err := a.writePlace(ctx, p); err != nil {
			return store.Place{}, err
		}
		out, err := s.st.UpsertPlace(ctx, p)
		if err != nil {
			return out, err
		}
		s.wrote(ctx)
		return out, nil
	})
}

// UpsertPerson creates or replaces a person. It touches the person's new
// and previous places.
func (s *Service) UpsertPerson(ctx context.Context, p store.Person) (store.Person, error) {
	return run(ctx, s, "UpsertPerson", func(a *access) (store.Person, error) {
		if err := a.writeAt(ctx, p.ID, p.PlaceID); err != nil {
			return store.Person{}, err
		}
		out, err := s.st.UpsertPerson(ctx, p)
		if err != nil {
			return out, err
		}
		s.wrote(ctx)
		return out, nil
	})
}

// UpsertOrganisation creates or replaces an organisation. It touches the
// organisation's new and previous places.
func (s *Service) UpsertOrganisation(ctx context.Context, o store.Organisation) (store.Organisation, error) {
	return run(ctx, s, "UpsertOrganisation", func(a *access) (store.Organisation, error) {
		if err := a.writeAt(ctx, o.ID, o.PlaceID); err != nil {
			return store.Organisation{}, err
		}
		out, err := s.st.UpsertOrganisation(ctx, o)
		if err != nil {
			return out, err
		}
		s.wrote(ctx)
		return out, nil
	})
}

// UpsertForum creates or replaces a forum. It touches the forum's new and
// previous places.
func (s *Service) UpsertForum(ctx context.Context, f store.Forum) (store.Forum, error) {
	return run(ctx, s, "UpsertForum", func(a *access) (store.Forum, error) {
		if err := a.writeAt(ctx, f.ID, f.PlaceID); err != nil {
			return store.Forum{}, err
		}
		out, err := s.st.UpsertForum(ctx, f)
		if err != nil {
			return out, err
		}
		s.wrote(ctx)
		return out, nil
	})
}

// Connect creates or replaces a relationship. It touches the places of both
// its actors, and of both actors of the relationship it replaces. An actor
// that is a person whose consent is withdrawn is ENOTFOUND, as a missing
// one, for every role, before anything is written.
func (s *Service) Connect(ctx context.Context, r store.Relationship) (store.Relationship, error) {
	return run(ctx, s, "Connect", func(a *access) (store.Relationship, error) {
		if err := a.writeLink(ctx, r.ID, []string{r.FromID, r.ToID}, ""); err != nil {
			return store.Relationship{}, err
		}
		out, err := s.st.Connect(ctx, r)
		if err != nil {
			return out, err
		}
		s.wrote(ctx)
		return out, nil
	})
}

// Disconnect deletes a relationship. It touches the places of both its
// actors.
func (s *Service) Disconnect(ctx context.Context, id string) error {
	return run0(ctx, s, "Disconnect", func(a *access) error {
		if err := a.removeLink(ctx, id); err != nil {
			return err
		}
		if old, err := s.st.Relationship(ctx, id); err == nil {
			a.act.disclose(old)
		}
		if err := s.st.Disconnect(ctx, id); err != nil {
			return err
		}
		s.wrote(ctx)
		return nil
	})
}

// RecordParticipation creates or replaces a participation. It touches the
// places of its actor and forum, and of the participation it replaces. An
// actor whose consent is withdrawn is ENOTFOUND, as for Connect.
func (s *Service) RecordParticipation(ctx context.Context, p store.Participation) (store.Participation, error) {
	return run(ctx, s, "RecordParticipation", func(a *access) (store.Participation, error) {
		if err := a.writeLink(ctx, p.ID, []string{p.ActorID}, p.ForumID); err != nil {
			return store.Participation{}, err
		}
		out, err := s.st.RecordParticipation(ctx, p)
		if err != nil {
			return out, err
		}
		s.wrote(ctx)
		return out, nil
	})
}

// DeleteActor deletes a person or organisation with its relationships and
// participations. It touches the actor's place: every relationship and
// participation of the actor can only appear in a scope containing it. A
// scoped principal may delete an actor only when every place its
// relationships and participations touch lies within its places
// (EFORBIDDEN otherwise).
func (s *Service) DeleteActor(ctx context.Context, id string) error {
	return run0(ctx, s, "DeleteActor", func(a *access) error {
		if err := a.removeActor(ctx, id); err != nil {
			return err
		}
		old, err := s.st.Actor(ctx, id)
		if err := s.st.DeleteActor(ctx, id); err != nil {
			return err
		}
		if err == nil {
			a.act.disclose(old)
		}
		s.wrote(ctx)
		return nil
	})
}

// Import writes a batch all or nothing.
func (s *Service) Import(ctx context.Context, b store.Batch) (store.ImportCounts, error) {
	return run(ctx, s, "Import", func(a *access) (store.ImportCounts, error) {
		// Hand the batch on without keeping it here, so that a large one
		// can be freed while the store writes its canonical copy.
		batch := b
		b = store.Batch{}
		return s.importBatch(ctx, a, batch)
	})
}

// importBatch writes an authorized batch, reports its people to the
// Activity.
func (s *Service) importBatch(ctx context.Context, a *access, b store.Batch) (store.ImportCounts, error) {
	people := b.People // the rest of b is not kept during the write
	n, err := s.st.Import(ctx, b)
	if err != nil {
		return n, err
	}
	a.disclosePeople(people)
	s.wrote(ctx)
	return n, nil
}
