package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// Every write first reads what it needs to know which places it touches
// (the entity's previous state), then writes, then, only on success,
// invalidates the cached analyses of those places (see invalidate.go). The
// errors are the store's.

// UpsertPlace creates or replaces a place. It touches the place, its new
// parent and its previous parent.
func (s *Service) UpsertPlace(ctx context.Context, p store.Place) (store.Place, error) {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return store.Place{}, err
	}
	if err := a.placeWritable(ctx, p); err != nil {
		return store.Place{}, err
	}
	t := s.touch(p.ID, p.ParentID)
	old, err := s.st.Place(ctx, p.ID)
	t.addPrevious(err, old.ParentID)
	out, err := s.st.UpsertPlace(ctx, p)
	if err != nil {
		return out, err
	}
	t.invalidate()
	return out, nil
}

// UpsertPerson creates or replaces a person. It touches the person's new
// and previous places.
func (s *Service) UpsertPerson(ctx context.Context, p store.Person) (store.Person, error) {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return store.Person{}, err
	}
	if err := a.located(ctx, p.ID, p.PlaceID); err != nil {
		return store.Person{}, err
	}
	t := s.touch(p.PlaceID)
	old, err := s.st.Actor(ctx, p.ID)
	t.addPrevious(err, old.PlaceID())
	out, err := s.st.UpsertPerson(ctx, p)
	if err != nil {
		return out, err
	}
	t.invalidate()
	return out, nil
}

// UpsertOrganisation creates or replaces an organisation. It touches the
// organisation's new and previous places.
func (s *Service) UpsertOrganisation(ctx context.Context, o store.Organisation) (store.Organisation, error) {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return store.Organisation{}, err
	}
	if err := a.located(ctx, o.ID, o.PlaceID); err != nil {
		return store.Organisation{}, err
	}
	t := s.touch(o.PlaceID)
	old, err := s.st.Actor(ctx, o.ID)
	t.addPrevious(err, old.PlaceID())
	out, err := s.st.UpsertOrganisation(ctx, o)
	if err != nil {
		return out, err
	}
	t.invalidate()
	return out, nil
}

// UpsertForum creates or replaces a forum. It touches the forum's new and
// previous places.
func (s *Service) UpsertForum(ctx context.Context, f store.Forum) (store.Forum, error) {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return store.Forum{}, err
	}
	if err := a.located(ctx, f.ID, f.PlaceID); err != nil {
		return store.Forum{}, err
	}
	t := s.touch(f.PlaceID)
	old, err := s.st.Forum(ctx, f.ID)
	t.addPrevious(err, old.PlaceID)
	out, err := s.st.UpsertForum(ctx, f)
	if err != nil {
		return out, err
	}
	t.invalidate()
	return out, nil
}

// Connect creates or replaces a relationship. It touches the places of both
// its actors, and of both actors of the relationship it replaces.
func (s *Service) Connect(ctx context.Context, r store.Relationship) (store.Relationship, error) {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return store.Relationship{}, err
	}
	if err := a.linkWritable(ctx, r.ID, []string{r.FromID, r.ToID}, ""); err != nil {
		return store.Relationship{}, err
	}
	t := s.touch()
	ends := []string{r.FromID, r.ToID}
	old, err := s.st.Relationship(ctx, r.ID)
	if t.addPrevious(err) {
		ends = append(ends, old.FromID, old.ToID)
	}
	t.addActorPlaces(ctx, ends)
	out, err := s.st.Connect(ctx, r)
	if err != nil {
		return out, err
	}
	t.invalidate()
	return out, nil
}

// Disconnect deletes a relationship. It touches the places of both its
// actors.
func (s *Service) Disconnect(ctx context.Context, id string) error {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return err
	}
	if a.p.Scoped() {
		if _, err := s.Relationship(ctx, id); err != nil {
			return err
		}
	}
	t := s.touch()
	old, err := s.st.Relationship(ctx, id)
	if t.addPrevious(err) {
		t.addActorPlaces(ctx, []string{old.FromID, old.ToID})
	}
	if err := s.st.Disconnect(ctx, id); err != nil {
		return err
	}
	t.invalidate()
	return nil
}

// RecordParticipation creates or replaces a participation. It touches the
// places of its actor and forum, and of the participation it replaces.
func (s *Service) RecordParticipation(ctx context.Context, p store.Participation) (store.Participation, error) {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return store.Participation{}, err
	}
	if err := a.linkWritable(ctx, p.ID, []string{p.ActorID}, p.ForumID); err != nil {
		return store.Participation{}, err
	}
	t := s.touch()
	actors, forums := []string{p.ActorID}, []string{p.ForumID}
	old, err := s.st.Participation(ctx, p.ID)
	if t.addPrevious(err) {
		actors, forums = append(actors, old.ActorID), append(forums, old.ForumID)
	}
	t.addActorPlaces(ctx, actors)
	t.addForumPlaces(ctx, forums)
	out, err := s.st.RecordParticipation(ctx, p)
	if err != nil {
		return out, err
	}
	t.invalidate()
	return out, nil
}

// DeleteActor deletes a person or organisation with its relationships and
// participations. It touches the actor's place: every relationship and
// participation of the actor can only appear in a scope containing it.
func (s *Service) DeleteActor(ctx context.Context, id string) error {
	a, err := s.authorize(ctx, opWrite)
	if err != nil {
		return err
	}
	if err := a.actorFilter(ctx, id, ""); err != nil {
		return err
	}
	t := s.touch()
	old, err := s.st.Actor(ctx, id)
	t.addPrevious(err, old.PlaceID())
	if err := s.st.DeleteActor(ctx, id); err != nil {
		return err
	}
	t.invalidate()
	return nil
}

// Import writes a batch all or nothing and invalidates every cached
// analysis.
func (s *Service) Import(ctx context.Context, b store.Batch) (store.ImportCounts, error) {
	if _, err := s.authorize(ctx, opAdmin); err != nil {
		return store.ImportCounts{}, err
	}
	n, err := s.st.Import(ctx, b)
	if err != nil {
		return n, err
	}
	s.nets.invalidateAll()
	s.cache.invalidateAll()
	return n, nil
}
