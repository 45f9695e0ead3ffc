package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// The lookups by id pass through to the store under the Entity and
// Entities rules of the policy table (policy.go); their other errors are
// the store's (see store.Store). Each returns EUNAUTHORIZED without a
// principal and EFORBIDDEN for a role that may not read that kind of data
// (person-level data is refused to funders); an entity outside the
// principal's places is ENOTFOUND, as a missing one, and so is a person
// whose consent is withdrawn, with their relationships and participations
// (consent.go).

// Kind returns the kind of entity with the given id (ENOTFOUND if none).
// For a role that may not read person-level data a person, relationship
// or participation is ENOTFOUND too, so that it cannot probe which ids are
// people.
func (s *Service) Kind(ctx context.Context, id string) (store.EntityKind, error) {
	return run(ctx, s, "Kind", func(a *access) (store.EntityKind, error) {
		l, err := s.locate(ctx, id)
		if err != nil {
			return "", err
		}
		return seen(l.kind, a.see(ctx, l, "entity", id))
	})
}

// Place returns a place by id.
func (s *Service) Place(ctx context.Context, id string) (store.Place, error) {
	return run(ctx, s, "Place", func(a *access) (store.Place, error) {
		if err := a.see(ctx, located{kind: store.KindPlace, places: []string{id}}, "place", id); err != nil {
			return store.Place{}, err
		}
		return s.st.Place(ctx, id)
	})
}

// Person returns a person by id.
func (s *Service) Person(ctx context.Context, id string) (store.Person, error) {
	return run(ctx, s, "Person", func(a *access) (store.Person, error) {
		p, err := s.st.Person(ctx, id)
		if err != nil {
			return store.Person{}, err
		}
		return seen(p, a.see(ctx, personAt(p), "person", id))
	})
}

// Organisation returns an organisation by id.
func (s *Service) Organisation(ctx context.Context, id string) (store.Organisation, error) {
	return run(ctx, s, "Organisation", func(a *access) (store.Organisation, error) {
		o, err := s.st.Organisation(ctx, id)
		if err != nil {
			return store.Organisation{}, err
		}
		return seen(o, a.see(ctx, actorAt(store.Actor{Organisation: &o}), "organisation", id))
	})
}

// Actor returns a person or an organisation by id; a person is ENOTFOUND
// for a role that may not read person-level data (funder).
func (s *Service) Actor(ctx context.Context, id string) (store.Actor, error) {
	return run(ctx, s, "Actor", func(a *access) (store.Actor, error) {
		act, err := s.st.Actor(ctx, id)
		if err != nil {
			return store.Actor{}, err
		}
		return seen(act, a.see(ctx, actorAt(act), "actor", id))
	})
}

// Relationship returns a relationship by id.
func (s *Service) Relationship(ctx context.Context, id string) (store.Relationship, error) {
	return run(ctx, s, "Relationship", func(a *access) (store.Relationship, error) {
		r, err := s.st.Relationship(ctx, id)
		if err != nil {
			return r, err
		}
		ls, err := s.relationshipsAt(ctx, []store.Relationship{r})
		if err != nil {
			return store.Relationship{}, err
		}
		return seen(r, a.see(ctx, ls[0], "relationship", id))
	})
}

// Forum returns a forum by id.
func (s *Service) Forum(ctx context.Context, id string) (store.Forum, error) {
	return run(ctx, s, "Forum", func(a *access) (store.Forum, error) {
		f, err := s.st.Forum(ctx, id)
		if err != nil {
			return store.Forum{}, err
		}
		return seen(f, a.see(ctx, forumAt(f), "forum", id))
	})
}

// Participation returns a participation by id.
func (s *Service) Participation(ctx context.Context, id string) (store.Participation, error) {
	return run(ctx, s, "Participation", func(a *access) (store.Participation, error) {
		p, err := s.st.Participation(ctx, id)
		if err != nil {
			return p, err
		}
		ls, err := s.participationsAt(ctx, []store.Participation{p})
		if err != nil {
			return store.Participation{}, err
		}
		return seen(p, a.see(ctx, ls[0], "participation", id))
	})
}

// PlacesByID fetches many places in one store round trip (for dataloaders);
// places outside the principal's are left out, as missing ones.
func (s *Service) PlacesByID(ctx context.Context, ids []string) (map[string]store.Place, error) {
	return run(ctx, s, "PlacesByID", func(a *access) (map[string]store.Place, error) {
		m, err := s.st.PlacesByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		return keepSeen(ctx, a, m, placeAt)
	})
}

// ActorsByID fetches many actors in one store round trip (for dataloaders);
// actors outside the principal's places, people whose consent is
// withdrawn, and people for a principal who may not read person-level
// data, are left out, as missing ones.
func (s *Service) ActorsByID(ctx context.Context, ids []string) (map[string]store.Actor, error) {
	return run(ctx, s, "ActorsByID", func(a *access) (map[string]store.Actor, error) {
		m, err := s.st.ActorsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		return keepSeen(ctx, a, m, actorAt)
	})
}

// ForumsByID fetches many forums in one store round trip (for dataloaders);
// forums outside the principal's places are left out.
func (s *Service) ForumsByID(ctx context.Context, ids []string) (map[string]store.Forum, error) {
	return run(ctx, s, "ForumsByID", func(a *access) (map[string]store.Forum, error) {
		m, err := s.st.ForumsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		return keepSeen(ctx, a, m, forumAt)
	})
}

// Ping checks that the store is reachable. It needs no principal: it
// reveals nothing but the store's health (for /readyz).
func (s *Service) Ping(ctx context.Context) error {
	return run0(ctx, s, "Ping", func(*access) error { return s.st.Ping(ctx) })
}
