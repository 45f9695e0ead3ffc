package service

import (
	"context"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// The lists pass through to the store under the PlaceArg, Children and
// Links rules of the policy table. A list the store cannot narrow as the
// rule needs (people without the withdrawn, ties within a scoped
// principal's places) is read whole and paginated again here.

// Places lists places. For a scoped principal, with no parentId it lists
// the principal's own places (the top of its view), and a parentId
// outside them is ENOTFOUND.
func (s *Service) Places(ctx context.Context, f store.PlaceFilter, p store.Page) (store.Connection[store.Place], error) {
	return run(ctx, s, "Places", func(a *access) (store.Connection[store.Place], error) {
		own, err := a.children(ctx, f.ParentID)
		if err != nil {
			return store.Connection[store.Place]{}, err
		}
		if !own {
			return s.st.Places(ctx, f, p)
		}
		m, err := s.st.PlacesByID(ctx, a.p.Places)
		if err != nil {
			return store.Connection[store.Place]{}, err
		}
		mine := make([]store.Place, 0, len(m))
		for _, pl := range m {
			mine = append(mine, pl)
		}
		slices.SortFunc(mine, func(x, y store.Place) int { return strings.Compare(x.ID, y.ID) })
		return store.Paginate(mine, func(pl store.Place) string { return pl.ID }, p)
	})
}

// People lists people, within the principal's places (see PlaceArg for a
// missing placeId), without those whose consent is withdrawn.
func (s *Service) People(ctx context.Context, f store.PeopleFilter, p store.Page) (store.Connection[store.Person], error) {
	return run(ctx, s, "People", func(a *access) (store.Connection[store.Person], error) {
		var err error
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
	})
}

// Organisations lists organisations, within the principal's places.
func (s *Service) Organisations(ctx context.Context, f store.OrganisationFilter, p store.Page) (store.Connection[store.Organisation], error) {
	return run(ctx, s, "Organisations", func(a *access) (store.Connection[store.Organisation], error) {
		var err error
		if f.PlaceID, err = a.place(ctx, f.PlaceID); err != nil {
			return store.Connection[store.Organisation]{}, err
		}
		return s.st.Organisations(ctx, f, p)
	})
}

// Forums lists forums, within the principal's places.
func (s *Service) Forums(ctx context.Context, f store.ForumFilter, p store.Page) (store.Connection[store.Forum], error) {
	return run(ctx, s, "Forums", func(a *access) (store.Connection[store.Forum], error) {
		var err error
		if f.PlaceID, err = a.place(ctx, f.PlaceID); err != nil {
			return store.Connection[store.Forum]{}, err
		}
		return s.st.Forums(ctx, f, p)
	})
}

// Relationships lists relationships, without those of a person whose
// consent is withdrawn. A scoped principal must name an actor within its
// places (EINVALID without one, ENOTFOUND outside or withdrawn).
func (s *Service) Relationships(ctx context.Context, f store.RelationshipFilter, p store.Page) (store.Connection[store.Relationship], error) {
	return run(ctx, s, "Relationships", func(a *access) (store.Connection[store.Relationship], error) {
		return linksOf(ctx, a, f.ActorID, "", p,
			func(pg store.Page) (store.Connection[store.Relationship], error) {
				return s.st.Relationships(ctx, f, pg)
			},
			s.relationshipsAt, func(r store.Relationship) string { return r.ID })
	})
}

// Participations lists participations, without those of a person whose
// consent is withdrawn. A scoped principal must name an actor or a forum
// within its places (ENOTFOUND for a withdrawn actor).
func (s *Service) Participations(ctx context.Context, f store.ParticipationFilter, p store.Page) (store.Connection[store.Participation], error) {
	return run(ctx, s, "Participations", func(a *access) (store.Connection[store.Participation], error) {
		return linksOf(ctx, a, f.ActorID, f.ForumID, p,
			func(pg store.Page) (store.Connection[store.Participation], error) {
				return s.st.Participations(ctx, f, pg)
			},
			s.participationsAt, func(pt store.Participation) string { return pt.ID })
	})
}

// linksOf is the list of relationships or participations narrowed by
// actorID and forumID under the Links rule: it passes the store's page
// through while the principal is unscoped and nobody has withdrawn, and
// otherwise reads the list whole, keeps what the principal may see and
// paginates it again.
func linksOf[T any](ctx context.Context, a *access, actorID, forumID string, p store.Page,
	list func(store.Page) (store.Connection[T], error),
	at func(context.Context, []T) ([]located, error), id func(T) string) (store.Connection[T], error) {
	if err := a.links(ctx, actorID, forumID); err != nil {
		return store.Connection[T]{}, err
	}
	w, err := a.s.withdrawn(ctx)
	if err != nil {
		return store.Connection[T]{}, err
	}
	if !a.p.Scoped() && len(w) == 0 {
		return list(p)
	}
	all, err := collect(list)
	if err != nil {
		return store.Connection[T]{}, err
	}
	locs, err := at(ctx, all)
	if err != nil {
		return store.Connection[T]{}, err
	}
	kept := all[:0:0]
	for i, v := range all {
		ok, err := a.keeps(ctx, locs[i])
		if err != nil {
			return store.Connection[T]{}, err
		}
		if ok {
			kept = append(kept, v)
		}
	}
	return store.Paginate(kept, id, p)
}

// links applies the Links rule to the actor and forum a list is narrowed
// by: for a scoped principal at least one must be given, and each given
// one must be visible, and an actor not a withdrawn person (ENOTFOUND
// otherwise, as when missing).
func (a *access) links(ctx context.Context, actorID, forumID string) error {
	if err := a.rule(Links); err != nil {
		return err
	}
	if !a.p.Scoped() {
		return nil
	}
	if actorID == "" && forumID == "" {
		return store.Errorf(store.EINVALID, "an actor (or forum) is required: your key is scoped to places")
	}
	if actorID != "" {
		act, err := a.s.st.Actor(ctx, actorID)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return notFound("actor", actorID)
		} else if err != nil {
			return err
		}
		if ok, err := a.keeps(ctx, actorAt(act)); err != nil {
			return err
		} else if !ok {
			return notFound("actor", actorID)
		}
	}
	if forumID != "" {
		f, err := a.s.st.Forum(ctx, forumID)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return notFound("forum", forumID)
		} else if err != nil {
			return err
		}
		return a.hideForum(ctx, f)
	}
	return nil
}

// collect reads every page of a list, MaxPageSize at a time.
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
