package boltstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// Snapshot returns the network in a scope, read in one transaction: the
// place and its descendants (through the children index), the actors and
// forums in them (through the by-place indexes), the relationships active
// on AsOf with both ends in scope (through the by-actor index) and the
// participations active on AsOf of in-scope actors in in-scope forums.
// Everything when PlaceID is empty; ENOTFOUND when it names no place.
func (s *Store) Snapshot(ctx context.Context, sc store.Scope) (*store.Snapshot, error) {
	snap := &store.Snapshot{Scope: sc}
	err := s.view(ctx, func(t txn) error {
		if sc.PlaceID == "" {
			return snapshotAll(t, snap)
		}
		return snapshotPlace(ctx, t, snap)
	})
	if err != nil {
		return nil, fmt.Errorf("boltstore: snapshot %q: %w", sc.PlaceID, err)
	}
	return snap, nil
}

func snapshotAll(t txn, snap *store.Snapshot) error {
	asOf := snap.Scope.AsOf
	var err error
	if snap.Places, err = scan(t, bucketPlaces, decPlace, all[store.Place]); err != nil {
		return err
	}
	if snap.People, err = scan(t, bucketPeople, decPerson, all[store.Person]); err != nil {
		return err
	}
	if snap.Organisations, err = scan(t, bucketOrgs, decOrg, all[store.Organisation]); err != nil {
		return err
	}
	if snap.Relationships, err = scan(t, bucketRels, decRel, func(r store.Relationship) bool {
		return store.ActiveOn(r.Since, r.Until, asOf)
	}); err != nil {
		return err
	}
	if snap.Forums, err = scan(t, bucketForums, decForum, all[store.Forum]); err != nil {
		return err
	}
	snap.Participations, err = scan(t, bucketParts, decPart, func(p store.Participation) bool {
		return store.ActiveOn(p.Since, p.Until, asOf)
	})
	return err
}

func snapshotPlace(ctx context.Context, t txn, snap *store.Snapshot) error {
	asOf := snap.Scope.AsOf
	if k, ok := t.kind(snap.Scope.PlaceID); !ok || k != store.KindPlace {
		return store.NotFound("place", snap.Scope.PlaceID)
	}
	places := t.descendants(snap.Scope.PlaceID)
	var err error
	if snap.Places, err = fetch(t, places, txn.place, all[store.Place]); err != nil {
		return err
	}
	var actorIDs, forumIDs []string
	for _, p := range places {
		actorIDs = append(actorIDs, t.linked(idxActorsPlace, p)...)
		forumIDs = append(forumIDs, t.linked(idxForumsPlace, p)...)
	}
	slices.Sort(actorIDs)
	slices.Sort(forumIDs)
	if err := ctx.Err(); err != nil {
		return err
	}
	if snap.People, err = fetch(t, actorIDs, txn.person, all[store.Person]); err != nil {
		return err
	}
	if snap.Organisations, err = fetch(t, actorIDs, txn.org, all[store.Organisation]); err != nil {
		return err
	}
	inScope := make(map[string]bool, len(actorIDs))
	for _, id := range actorIDs {
		inScope[id] = true
	}
	var relIDs []string
	for _, a := range actorIDs {
		relIDs = append(relIDs, t.linked(idxRelsActor, a)...)
	}
	slices.Sort(relIDs)
	relIDs = slices.Compact(relIDs)
	if snap.Relationships, err = fetch(t, relIDs, txn.rel, func(r store.Relationship) bool {
		return inScope[r.FromID] && inScope[r.ToID] && store.ActiveOn(r.Since, r.Until, asOf)
	}); err != nil {
		return err
	}
	if snap.Forums, err = fetch(t, forumIDs, txn.forum, all[store.Forum]); err != nil {
		return err
	}
	var partIDs []string
	for _, f := range forumIDs {
		partIDs = append(partIDs, t.linked(idxPartsForum, f)...)
	}
	slices.Sort(partIDs)
	if snap.Participations, err = fetch(t, partIDs, txn.part, func(p store.Participation) bool {
		return inScope[p.ActorID] && store.ActiveOn(p.Since, p.Until, asOf)
	}); err != nil {
		return err
	}
	return nil
}
