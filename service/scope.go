package service

import (
	"context"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// Place scoping: a scoped principal (auth.Principal.Scoped) sees its
// assigned places and their descendants, and the entities located there;
// an unscoped one sees everything. The helpers here decide what lies
// within; the scope rules that use them are in policy.go (Scope).

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

// anyVisible reports whether any of the places is visible (always for an
// unscoped principal).
func (a *access) anyVisible(ctx context.Context, placeIDs ...string) (bool, error) {
	if !a.p.Scoped() {
		return true, nil
	}
	for _, id := range placeIDs {
		ok, err := a.visible(ctx, id)
		if ok || err != nil {
			return ok, err
		}
	}
	return false, nil
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

// hidePlace returns notFound("place", id) unless the place is visible.
func (a *access) hidePlace(ctx context.Context, id string) error {
	ok, err := a.visible(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("place", id)
	}
	return nil
}

// place applies the PlaceArg rule to a placeId argument: unchanged when
// unscoped; ENOTFOUND for a place outside; for none, the principal's
// single place, or EINVALID when it has several.
func (a *access) place(ctx context.Context, placeID string) (string, error) {
	if err := a.rule(PlaceArg); err != nil {
		return "", err
	}
	if !a.p.Scoped() {
		return placeID, nil
	}
	if placeID == "" {
		if len(a.p.Places) == 1 {
			return a.p.Places[0], nil
		}
		return "", store.Errorf(store.EINVALID, "placeId is required: your key is assigned to several places")
	}
	return placeID, a.hidePlace(ctx, placeID)
}

// scope applies the PlaceArg rule to the place of an analysis scope, whose
// source must be one of store.SourceKinds or empty (EINVALID).
func (a *access) scope(ctx context.Context, sc store.Scope) (store.Scope, error) {
	if sc.Source != "" && !sc.Source.Valid() {
		return sc, store.Errorf(store.EINVALID, "unknown source %q; use TYPED or SURVEY", sc.Source)
	}
	id, err := a.place(ctx, sc.PlaceID)
	sc.PlaceID = id
	return sc, err
}

// children applies the Children rule to a list of places below parentID:
// it reports whether the principal's own places are to be listed instead
// (a scoped principal with no parentId), and is ENOTFOUND for a parent
// outside.
func (a *access) children(ctx context.Context, parentID string) (own bool, err error) {
	if err := a.rule(Children); err != nil {
		return false, err
	}
	if !a.p.Scoped() {
		return false, nil
	}
	if parentID == "" {
		return true, nil
	}
	return false, a.hidePlace(ctx, parentID)
}

// within applies the Within rule to a question about an actor located in
// placeID: the place whose network answers it, "" (everything) for an
// unscoped principal, and for a scoped one the highest of its places
// holding placeID (ENOTFOUND "place" when none does; callers check the
// actor first).
func (a *access) within(ctx context.Context, placeID string) (string, error) {
	if err := a.rule(Within); err != nil {
		return "", err
	}
	if !a.p.Scoped() {
		return "", nil
	}
	top := ""
	for id, depth := placeID, 0; id != "" && depth < maxPlaceDepth; depth++ {
		if slices.Contains(a.p.Places, id) {
			top = id
		}
		pl, err := a.s.st.Place(ctx, id)
		if store.ErrorCode(err) == store.ENOTFOUND {
			break
		} else if err != nil {
			return "", err
		}
		id = pl.ParentID
	}
	if top == "" {
		return "", notFound("place", placeID)
	}
	return top, nil
}
