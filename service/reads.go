package service

import (
	"context"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// The read methods pass through to the store after authorize and the
// place scoping of authz.go; their other errors are the store's (see
// store.Store). Each returns EUNAUTHORIZED without a principal and
// EFORBIDDEN for a role that may not read that kind of data (person-level
// data is refused to funders); an entity outside the principal's places is
// ENOTFOUND, as a missing one, and so is a person whose consent is
// withdrawn, with their relationships and participations (consent.go).

// Kind returns the kind of entity with the given id (ENOTFOUND if none).
func (s *Service) Kind(ctx context.Context, id string) (store.EntityKind, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return "", err
	}
	kind, err := s.st.Kind(ctx, id)
	if err != nil {
		return kind, err
	}
	if err := s.hideWithdrawnEntity(ctx, kind, "entity", id); err != nil {
		return "", err
	}
	if !a.p.Scoped() {
		return kind, nil
	}
	places, err := s.entityPlaces(ctx, id)
	if err != nil {
		return "", err
	}
	hide := a.hideUnlessAll
	if kind == store.KindGrant {
		hide = a.hide // a grant is seen in any of its beneficiary places
	}
	if err := hide(ctx, "entity", id, places...); err != nil {
		return "", err
	}
	return kind, nil
}

// Place returns a place by id.
func (s *Service) Place(ctx context.Context, id string) (store.Place, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return store.Place{}, err
	}
	if err := a.hide(ctx, "place", id, id); err != nil {
		return store.Place{}, err
	}
	return s.st.Place(ctx, id)
}

// Person returns a person by id.
func (s *Service) Person(ctx context.Context, id string) (store.Person, error) {
	a, err := s.authorize(ctx, opPersonRead)
	if err != nil {
		return store.Person{}, err
	}
	p, err := s.st.Person(ctx, id)
	if err != nil {
		return store.Person{}, err
	}
	if isWithdrawn(p) {
		return store.Person{}, notFound("person", id)
	}
	return p, a.hide(ctx, "person", id, p.PlaceID)
}

// Organisation returns an organisation by id.
func (s *Service) Organisation(ctx context.Context, id string) (store.Organisation, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return store.Organisation{}, err
	}
	o, err := s.st.Organisation(ctx, id)
	if err != nil {
		return store.Organisation{}, err
	}
	return o, a.hide(ctx, "organisation", id, o.PlaceID)
}

// Actor returns a person or an organisation by id; a person is person-level
// data (EFORBIDDEN for a funder).
func (s *Service) Actor(ctx context.Context, id string) (store.Actor, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return store.Actor{}, err
	}
	act, err := s.st.Actor(ctx, id)
	if err != nil {
		return store.Actor{}, err
	}
	if actorWithdrawn(act) {
		return store.Actor{}, notFound("actor", id)
	}
	if err := a.hide(ctx, "actor", id, act.PlaceID()); err != nil {
		return store.Actor{}, err
	}
	if act.Person != nil && !a.personLevel() {
		return store.Actor{}, store.Errorf(store.EFORBIDDEN, "the %s role may not perform a %s", a.p.Role, opPersonRead)
	}
	return act, nil
}

// Relationship returns a relationship by id.
func (s *Service) Relationship(ctx context.Context, id string) (store.Relationship, error) {
	a, err := s.authorize(ctx, opPersonRead)
	if err != nil {
		return store.Relationship{}, err
	}
	r, err := s.st.Relationship(ctx, id)
	if err != nil {
		return r, err
	}
	if err := s.hideWithdrawn(ctx, "relationship", id, r.FromID, r.ToID); err != nil {
		return store.Relationship{}, err
	}
	if !a.p.Scoped() {
		return r, nil
	}
	places, err := s.actorPlaces(ctx, r.FromID, r.ToID)
	if err != nil {
		return store.Relationship{}, err
	}
	return r, a.hideUnlessAll(ctx, "relationship", id, places...)
}

// Forum returns a forum by id.
func (s *Service) Forum(ctx context.Context, id string) (store.Forum, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return store.Forum{}, err
	}
	f, err := s.st.Forum(ctx, id)
	if err != nil {
		return store.Forum{}, err
	}
	return f, a.hide(ctx, "forum", id, f.PlaceID)
}

// Participation returns a participation by id.
func (s *Service) Participation(ctx context.Context, id string) (store.Participation, error) {
	a, err := s.authorize(ctx, opPersonRead)
	if err != nil {
		return store.Participation{}, err
	}
	p, err := s.st.Participation(ctx, id)
	if err != nil {
		return p, err
	}
	if err := s.hideWithdrawn(ctx, "participation", id, p.ActorID); err != nil {
		return store.Participation{}, err
	}
	if !a.p.Scoped() {
		return p, nil
	}
	places, err := s.entityPlaces(ctx, id)
	if err != nil {
		return store.Participation{}, err
	}
	return p, a.hideUnlessAll(ctx, "participation", id, places...)
}

// PlacesByID fetches many places in one store round trip (for dataloaders);
// places outside the principal's are left out, as missing ones.
func (s *Service) PlacesByID(ctx context.Context, ids []string) (map[string]store.Place, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return nil, err
	}
	m, err := s.st.PlacesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return keepVisible(ctx, a, m, func(p store.Place) string { return p.ID })
}

// ActorsByID fetches many actors in one store round trip (for dataloaders);
// actors outside the principal's places, people whose consent is
// withdrawn, and people for a principal who may not read person-level
// data, are left out, as missing ones.
func (s *Service) ActorsByID(ctx context.Context, ids []string) (map[string]store.Actor, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return nil, err
	}
	m, err := s.st.ActorsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, act := range m {
		if act.Person != nil && (!a.personLevel() || isWithdrawn(*act.Person)) {
			delete(m, id)
		}
	}
	return keepVisible(ctx, a, m, store.Actor.PlaceID)
}

// ForumsByID fetches many forums in one store round trip (for dataloaders);
// forums outside the principal's places are left out.
func (s *Service) ForumsByID(ctx context.Context, ids []string) (map[string]store.Forum, error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return nil, err
	}
	m, err := s.st.ForumsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return keepVisible(ctx, a, m, func(f store.Forum) string { return f.PlaceID })
}

// keepVisible deletes from m the entries whose place is not visible.
func keepVisible[T any](ctx context.Context, a *access, m map[string]T, place func(T) string) (map[string]T, error) {
	if !a.p.Scoped() {
		return m, nil
	}
	for id, v := range m {
		ok, err := a.visible(ctx, place(v))
		if err != nil {
			return nil, err
		}
		if !ok {
			delete(m, id)
		}
	}
	return m, nil
}

// Places lists places. For a scoped principal, with no parentId it lists
// the principal's own places (the top of its view), and a parentId
// outside them is ENOTFOUND.
func (s *Service) Places(ctx context.Context, f store.PlaceFilter, p store.Page) (store.Connection[store.Place], error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return store.Connection[store.Place]{}, err
	}
	if !a.p.Scoped() {
		return s.st.Places(ctx, f, p)
	}
	if f.ParentID != "" {
		if err := a.hide(ctx, "place", f.ParentID, f.ParentID); err != nil {
			return store.Connection[store.Place]{}, err
		}
		return s.st.Places(ctx, f, p)
	}
	m, err := s.st.PlacesByID(ctx, a.p.Places)
	if err != nil {
		return store.Connection[store.Place]{}, err
	}
	own := make([]store.Place, 0, len(m))
	for _, pl := range m {
		own = append(own, pl)
	}
	slices.SortFunc(own, func(x, y store.Place) int { return cmpString(x.ID, y.ID) })
	return store.Paginate(own, func(pl store.Place) string { return pl.ID }, p)
}

func cmpString(x, y string) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// People lists people, within the principal's places (see authz.go for a
// missing placeId), without those whose consent is withdrawn.
func (s *Service) People(ctx context.Context, f store.PeopleFilter, p store.Page) (store.Connection[store.Person], error) {
	a, err := s.authorize(ctx, opPersonRead)
	if err != nil {
		return store.Connection[store.Person]{}, err
	}
	if f.PlaceID, err = a.place(ctx, f.PlaceID); err != nil {
		return store.Connection[store.Person]{}, err
	}
	w, err := s.withdrawn(ctx)
	if err != nil {
		return store.Connection[store.Person]{}, err
	}
	if len(w) == 0 {
		return s.st.People(ctx, f, p)
	}
	all, err := collect(func(pg store.Page) (store.Connection[store.Person], error) {
		return s.st.People(ctx, f, pg)
	})
	if err != nil {
		return store.Connection[store.Person]{}, err
	}
	kept, _ := keep(all, func(pe store.Person) (bool, error) { return !isWithdrawn(pe), nil })
	return store.Paginate(kept, func(pe store.Person) string { return pe.ID }, p)
}

// Organisations lists organisations, within the principal's places.
func (s *Service) Organisations(ctx context.Context, f store.OrganisationFilter, p store.Page) (store.Connection[store.Organisation], error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return store.Connection[store.Organisation]{}, err
	}
	if f.PlaceID, err = a.place(ctx, f.PlaceID); err != nil {
		return store.Connection[store.Organisation]{}, err
	}
	return s.st.Organisations(ctx, f, p)
}

// Relationships lists relationships, without those of a person whose
// consent is withdrawn. A scoped principal must name an actor within its
// places (EINVALID without one, ENOTFOUND outside or withdrawn).
func (s *Service) Relationships(ctx context.Context, f store.RelationshipFilter, p store.Page) (store.Connection[store.Relationship], error) {
	a, err := s.authorize(ctx, opPersonRead)
	if err != nil {
		return store.Connection[store.Relationship]{}, err
	}
	if err := a.actorFilter(ctx, f.ActorID, ""); err != nil {
		return store.Connection[store.Relationship]{}, err
	}
	w, err := s.withdrawn(ctx)
	if err != nil {
		return store.Connection[store.Relationship]{}, err
	}
	if a.p.Scoped() && w.has(f.ActorID) {
		return store.Connection[store.Relationship]{}, notFound("actor", f.ActorID)
	}
	if !a.p.Scoped() && len(w) == 0 {
		return s.st.Relationships(ctx, f, p)
	}
	all, err := collect(func(pg store.Page) (store.Connection[store.Relationship], error) {
		return s.st.Relationships(ctx, f, pg)
	})
	if err != nil {
		return store.Connection[store.Relationship]{}, err
	}
	kept, err := keep(all, func(r store.Relationship) (bool, error) {
		if w.has(r.FromID) || w.has(r.ToID) {
			return false, nil
		}
		if !a.p.Scoped() {
			return true, nil
		}
		places, err := s.actorPlaces(ctx, r.FromID, r.ToID)
		if err != nil {
			return false, err
		}
		return a.allVisible(ctx, places...)
	})
	if err != nil {
		return store.Connection[store.Relationship]{}, err
	}
	return store.Paginate(kept, func(r store.Relationship) string { return r.ID }, p)
}

// Forums lists forums, within the principal's places.
func (s *Service) Forums(ctx context.Context, f store.ForumFilter, p store.Page) (store.Connection[store.Forum], error) {
	a, err := s.authorize(ctx, opAggregate)
	if err != nil {
		return store.Connection[store.Forum]{}, err
	}
	if f.PlaceID, err = a.place(ctx, f.PlaceID); err != nil {
		return store.Connection[store.Forum]{}, err
	}
	return s.st.Forums(ctx, f, p)
}

// Participations lists participations, without those of a person whose
// consent is withdrawn. A scoped principal must name an actor or a forum
// within its places (ENOTFOUND for a withdrawn actor).
func (s *Service) Participations(ctx context.Context, f store.ParticipationFilter, p store.Page) (store.Connection[store.Participation], error) {
	a, err := s.authorize(ctx, opPersonRead)
	if err != nil {
		return store.Connection[store.Participation]{}, err
	}
	if err := a.actorFilter(ctx, f.ActorID, f.ForumID); err != nil {
		return store.Connection[store.Participation]{}, err
	}
	w, err := s.withdrawn(ctx)
	if err != nil {
		return store.Connection[store.Participation]{}, err
	}
	if a.p.Scoped() && w.has(f.ActorID) {
		return store.Connection[store.Participation]{}, notFound("actor", f.ActorID)
	}
	if !a.p.Scoped() && len(w) == 0 {
		return s.st.Participations(ctx, f, p)
	}
	all, err := collect(func(pg store.Page) (store.Connection[store.Participation], error) {
		return s.st.Participations(ctx, f, pg)
	})
	if err != nil {
		return store.Connection[store.Participation]{}, err
	}
	kept, err := keep(all, func(pt store.Participation) (bool, error) {
		if w.has(pt.ActorID) {
			return false, nil
		}
		if !a.p.Scoped() {
			return true, nil
		}
		places, err := s.participationPlaces(ctx, pt)
		if err != nil {
			return false, err
		}
		return a.allVisible(ctx, places...)
	})
	if err != nil {
		return store.Connection[store.Participation]{}, err
	}
	return store.Paginate(kept, func(pt store.Participation) string { return pt.ID }, p)
}

// collect reads every page of a list, MaxPageSize at a time (for a
// scoped principal's lists, filtered and paginated again in the service).
func collect[T any](list func(store.Page) (store.Connection[T], error)) ([]T, error) {
	var all []T
	pg := store.Page{First: store.MaxPageSize}
	for {
		c, err := list(pg)
		if err != nil {
			return nil, err
		}
		all = append(all, c.Items...)
		if !c.HasNextPage || c.EndCursor == "" {
			return all, nil
		}
		pg.After = c.EndCursor
	}
}

// keep returns the items ok accepts, in order.
func keep[T any](items []T, ok func(T) (bool, error)) ([]T, error) {
	out := make([]T, 0, len(items))
	for _, it := range items {
		k, err := ok(it)
		if err != nil {
			return nil, err
		}
		if k {
			out = append(out, it)
		}
	}
	return out, nil
}

// actorFilter checks the actor and forum a list is narrowed by, for a
// scoped principal: at least one must be given, and each given one must
// be visible (ENOTFOUND otherwise, as when missing).
func (a *access) actorFilter(ctx context.Context, actorID, forumID string) error {
	if !a.p.Scoped() {
		return nil
	}
	if actorID == "" && forumID == "" {
		return store.Errorf(store.EINVALID, "an actor (or forum) is required: your key is scoped to places")
	}
	if actorID != "" {
		places, err := a.s.actorPlaces(ctx, actorID)
		if err != nil {
			return err
		}
		if err := a.hide(ctx, "actor", actorID, places...); err != nil {
			return err
		}
	}
	if forumID != "" {
		f, err := a.s.st.Forum(ctx, forumID)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return notFound("forum", forumID)
		} else if err != nil {
			return err
		}
		if err := a.hide(ctx, "forum", forumID, f.PlaceID); err != nil {
			return err
		}
	}
	return nil
}

// Ping checks that the store is reachable. It needs no principal: it
// reveals nothing but the store's health (for /readyz).
func (s *Service) Ping(ctx context.Context) error {
	return s.st.Ping(ctx)
}
