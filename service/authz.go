package service

import (
	"context"
	"slices"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// Authorization is enforced here, once, below the resolvers: every public
// Service method but Ping starts with authorize, naming its operation
// class, and then confines what it reads or writes to the principal's
// places. Resolvers, dataloaders, exports and the command line all reach
// data through these methods, so no path escapes the check.
//
// Place scoping: a scoped principal (auth.Principal.Scoped) sees its
// assigned places and their descendants, and the entities located there.
// An entity located elsewhere gets exactly the answer of a missing id
// (ENOTFOUND, "<kind> %q not found"), so a client cannot probe for ids. A
// relationship or participation is visible when both its ends are (actors,
// and the forum of a participation), as in a scope's Snapshot; the lists
// of them are filtered so, and paginated in the service. A list or
// analysis with a placeId outside is ENOTFOUND; with no placeId it runs on
// the principal's single place, and is EINVALID ("placeId is required")
// when the principal has several: silently merging several places would
// give figures of a scope nobody asked for. Places with no parentId lists
// the assigned places themselves, the top of the principal's view.

// operation is a class of operation, each allowed to some roles.
type operation int

const (
	// opAggregate reads counts, indices, group-level figures, funding,
	// place, forum and organisation data: every role.
	opAggregate operation = iota
	// opPersonRead reads person-level data (names, groups, ties,
	// participations, rankings of actors): admin, editor, analyst.
	opPersonRead
	// opWrite changes data: admin, and editor within its places.
	opWrite
	// opAdmin is erasure, the erasure records and whole-file imports:
	// admin only.
	opAdmin
)

func (op operation) String() string {
	return [...]string{"aggregate read", "person-level read", "write", "administration"}[op]
}

// allowed reports whether role may perform op.
func (op operation) allowed(r auth.Role) bool {
	switch r {
	case auth.RoleAdmin:
		return true
	case auth.RoleEditor:
		return op != opAdmin
	case auth.RoleAnalyst:
		return op == opAggregate || op == opPersonRead
	case auth.RoleFunder:
		return op == opAggregate
	}
	return false
}

// access is an authorized principal with a memo of the places found
// visible, for one Service call.
type access struct {
	s    *Service
	p    auth.Principal
	memo map[string]bool
}

// authorize checks the principal in ctx for op: EUNAUTHORIZED when there
// is none, EFORBIDDEN when its role may not perform op.
func (s *Service) authorize(ctx context.Context, op operation) (*access, error) {
	p, ok := auth.From(ctx)
	if !ok {
		return nil, store.Errorf(store.EUNAUTHORIZED, "authentication required")
	}
	if !op.allowed(p.Role) {
		return nil, store.Errorf(store.EFORBIDDEN, "the %s role may not perform a %s", p.Role, op)
	}
	return &access{s: s, p: p, memo: map[string]bool{}}, nil
}

// personLevel reports whether the principal may see person-level data.
func (a *access) personLevel() bool { return opPersonRead.allowed(a.p.Role) }

// maxPlaceDepth bounds the walk up the place tree (places form a tree;
// the bound only guards against a corrupt store).
const maxPlaceDepth = 64

// visible reports whether the place is one of the principal's places or
// a descendant of one (always for an unscoped principal; false for an
// empty or unknown id when scoped).
func (a *access) visible(ctx context.Context, placeID string) (bool, error) {
	if !a.p.Scoped() {
		return true, nil
	}
	var path []string
	ok := false
	for id, depth := placeID, 0; id != "" && depth < maxPlaceDepth; depth++ {
		if v, seen := a.memo[id]; seen {
			ok = v
			break
		}
		path = append(path, id)
		if slices.Contains(a.p.Places, id) {
			ok = true
			break
		}
		pl, err := a.s.st.Place(ctx, id)
		if store.ErrorCode(err) == store.ENOTFOUND {
			break
		} else if err != nil {
			return false, err
		}
		id = pl.ParentID
	}
	for _, id := range path {
		a.memo[id] = ok
	}
	return ok, nil
}

// anyVisible reports whether any of the places is visible.
func (a *access) anyVisible(ctx context.Context, placeIDs ...string) (bool, error) {
	for _, id := range placeIDs {
		ok, err := a.visible(ctx, id)
		if ok || err != nil {
			return ok, err
		}
	}
	return !a.p.Scoped(), nil
}

// allVisible reports whether every one of the places is visible (and, for
// a scoped principal, there is at least one).
func (a *access) allVisible(ctx context.Context, placeIDs ...string) (bool, error) {
	if !a.p.Scoped() {
		return true, nil
	}
	for _, id := range placeIDs {
		ok, err := a.visible(ctx, id)
		if !ok || err != nil {
			return false, err
		}
	}
	return len(placeIDs) > 0, nil
}

// hideUnlessAll returns notFound(what, id) unless every one of placeIDs is
// visible: a relationship or participation is seen only when both its ends
// are, as a scope's Snapshot keeps only ties with both ends in scope.
func (a *access) hideUnlessAll(ctx context.Context, what, id string, placeIDs ...string) error {
	ok, err := a.allVisible(ctx, placeIDs...)
	if err != nil {
		return err
	}
	if !ok {
		return notFound(what, id)
	}
	return nil
}

// notFound is the error of a missing entity, the same for one outside the
// principal's places.
func notFound(what, id string) error {
	return store.Errorf(store.ENOTFOUND, "%s %q not found", what, id)
}

// hide returns notFound(what, id) unless one of placeIDs is visible.
func (a *access) hide(ctx context.Context, what, id string, placeIDs ...string) error {
	ok, err := a.anyVisible(ctx, placeIDs...)
	if err != nil {
		return err
	}
	if !ok {
		return notFound(what, id)
	}
	return nil
}

// place resolves an optional placeId argument: unchanged when unscoped;
// ENOTFOUND for a place outside; for none, the principal's single place,
// or EINVALID when it has several.
func (a *access) place(ctx context.Context, placeID string) (string, error) {
	if !a.p.Scoped() {
		return placeID, nil
	}
	if placeID == "" {
		if len(a.p.Places) == 1 {
			return a.p.Places[0], nil
		}
		return "", store.Errorf(store.EINVALID, "placeId is required: your key is assigned to several places")
	}
	if err := a.hide(ctx, "place", placeID, placeID); err != nil {
		return "", err
	}
	return placeID, nil
}

// scope resolves the place of an analysis scope (see place).
func (a *access) scope(ctx context.Context, sc store.Scope) (store.Scope, error) {
	id, err := a.place(ctx, sc.PlaceID)
	sc.PlaceID = id
	return sc, err
}

// writable checks that a write touching the places may go ahead: each
// must be visible, else ENOTFOUND as for a missing place. Empty ids are
// skipped (the store reports what is required).
func (a *access) writable(ctx context.Context, placeIDs ...string) error {
	for _, id := range placeIDs {
		if id == "" {
			continue
		}
		if err := a.hide(ctx, "place", id, id); err != nil {
			return err
		}
	}
	return nil
}

// existingWritable checks that the entity id, when it exists, lies within
// the principal's places, so that an upsert cannot move or overwrite
// something outside them: ECONFLICT when it lies outside (the id is
// taken, as for an id of another kind).
func (a *access) existingWritable(ctx context.Context, id string) error {
	if !a.p.Scoped() || id == "" {
		return nil
	}
	places, err := a.s.entityPlaces(ctx, id)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	ok, err := a.anyVisible(ctx, places...)
	if err != nil {
		return err
	}
	if !ok {
		return store.Errorf(store.ECONFLICT, "id %q is in use", id)
	}
	return nil
}

// entityPlaces returns the places that locate the entity with the id:
// a place itself; an actor's or forum's place; both ends' places of a
// relationship; the actor's and forum's places of a participation; a
// grant's beneficiary places. ENOTFOUND when no entity has the id.
func (s *Service) entityPlaces(ctx context.Context, id string) ([]string, error) {
	kind, err := s.st.Kind(ctx, id)
	if err != nil {
		return nil, err
	}
	switch kind {
	case store.KindPlace:
		return []string{id}, nil
	case store.KindPerson, store.KindOrganisation:
		a, err := s.st.Actor(ctx, id)
		return []string{a.PlaceID()}, err
	case store.KindForum:
		f, err := s.st.Forum(ctx, id)
		return []string{f.PlaceID}, err
	case store.KindRelationship:
		r, err := s.st.Relationship(ctx, id)
		if err != nil {
			return nil, err
		}
		return s.actorPlaces(ctx, r.FromID, r.ToID)
	case store.KindParticipation:
		p, err := s.st.Participation(ctx, id)
		if err != nil {
			return nil, err
		}
		return s.participationPlaces(ctx, p)
	case store.KindGrant:
		g, err := s.st.Grant(ctx, id)
		return g.PlaceIDs, err
	}
	return nil, nil
}

// participationPlaces returns the places of a participation's actor and
// forum (skipping missing ones).
func (s *Service) participationPlaces(ctx context.Context, p store.Participation) ([]string, error) {
	out, err := s.actorPlaces(ctx, p.ActorID)
	if err != nil {
		return nil, err
	}
	f, err := s.st.Forum(ctx, p.ForumID)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return out, nil
	} else if err != nil {
		return nil, err
	}
	return append(out, f.PlaceID), nil
}

// actorPlaces returns the places of the actors (skipping missing ones).
func (s *Service) actorPlaces(ctx context.Context, ids ...string) ([]string, error) {
	m, err := s.st.ActorsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		if a, ok := m[id]; ok {
			out = append(out, a.PlaceID())
		}
	}
	return out, nil
}

// kindIsPersonLevel reports whether an entity kind is person-level data.
func kindIsPersonLevel(k store.EntityKind) bool {
	return k == store.KindPerson || k == store.KindRelationship || k == store.KindParticipation
}

// located checks an upsert of the entity id located in placeID: the place
// must be visible (EINVALID when empty for a scoped principal, ENOTFOUND
// outside) and an existing entity of that id too (existingWritable).
func (a *access) located(ctx context.Context, id, placeID string) error {
	if !a.p.Scoped() {
		return nil
	}
	if placeID == "" {
		return store.Errorf(store.EINVALID, "placeId is required: your key is scoped to places")
	}
	if err := a.writable(ctx, placeID); err != nil {
		return err
	}
	return a.existingWritable(ctx, id)
}

// placeWritable checks an upsert of a place: a scoped principal may write
// below its places, and may change one of its own places but not move it.
func (a *access) placeWritable(ctx context.Context, p store.Place) error {
	if !a.p.Scoped() {
		return nil
	}
	if slices.Contains(a.p.Places, p.ID) {
		old, err := a.s.st.Place(ctx, p.ID)
		if err != nil {
			return err
		}
		if old.ParentID != p.ParentID {
			return store.Errorf(store.EFORBIDDEN, "moving place %q, one of your key's places, needs the admin role", p.ID)
		}
		return nil
	}
	if p.ParentID == "" {
		return store.Errorf(store.EFORBIDDEN, "a top-level place needs the admin role")
	}
	if err := a.writable(ctx, p.ParentID); err != nil {
		return err
	}
	return a.existingWritable(ctx, p.ID)
}

// linkWritable checks a write of a relationship or participation id
// between actors (and a forum when not empty): each must be visible
// (ENOTFOUND otherwise, as when missing), and an existing record of the
// id too.
func (a *access) linkWritable(ctx context.Context, id string, actorIDs []string, forumID string) error {
	if !a.p.Scoped() {
		return nil
	}
	for _, actorID := range actorIDs {
		if err := a.actorFilter(ctx, actorID, ""); err != nil {
			return err
		}
	}
	if forumID != "" {
		if err := a.actorFilter(ctx, "", forumID); err != nil {
			return err
		}
	}
	return a.existingWritable(ctx, id)
}

// visibleActors leaves out of a path of actors those the principal may not
// see (outside its places): PathToPower runs on the whole network, so a
// scoped principal sees the part of the chain within its places.
func (a *access) visibleActors(ctx context.Context, actors []store.Actor) ([]store.Actor, error) {
	if !a.p.Scoped() {
		return actors, nil
	}
	out := actors[:0:0]
	for _, act := range actors {
		ok, err := a.visible(ctx, act.PlaceID())
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, act)
		}
	}
	return out, nil
}

// withoutPeople returns a copy of rep whose communities list only their
// organisations (sizes unchanged): the view of a principal who may not see
// person-level data.
func withoutPeople(rep CommunityReport) CommunityReport {
	out := CommunityReport{Modularity: rep.Modularity, Communities: make([]Community, len(rep.Communities))}
	for i, c := range rep.Communities {
		members := []store.Actor{}
		for _, m := range c.Members {
			if m.Person == nil {
				members = append(members, m)
			}
		}
		out.Communities[i] = Community{ID: c.ID, Size: c.Size, Members: members}
	}
	return out
}
