package boltstore

import (
	"bytes"
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
		sp, err := readScope(ctx, t, snap)
		if err != nil {
			return err
		}
		if sc.PlaceID == "" {
			snap.Relationships, err = scan(t, bucketRels, decRel, func(r store.Relationship) bool {
				return store.ActiveOn(r.Since, r.Until, sc.AsOf) && sc.Source.Holds(r.Source)
			})
			return err
		}
		var relIDs []string
		for _, a := range sp.actorIDs {
			relIDs = append(relIDs, t.linked(idxRelsActor, a)...)
		}
		slices.Sort(relIDs)
		relIDs = slices.Compact(relIDs)
		snap.Relationships, err = fetch(t, relIDs, txn.rel, func(r store.Relationship) bool {
			return sp.inScope[r.FromID] && sp.inScope[r.ToID] && store.ActiveOn(r.Since, r.Until, sc.AsOf) && sc.Source.Holds(r.Source)
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("boltstore: snapshot %q: %w", sc.PlaceID, err)
	}
	return snap, nil
}

// Network returns the network in a scope in its compact form, read in one
// transaction as Snapshot reads it, but its ties from the by-actor index
// alone (tiecodec.go): for each actor in scope in id order, the entries
// (with a value) of the relationships it is the From end of, in relationship id order, whose
// other end is in scope and which are active on AsOf.
//
// The index holds no source, so a scope narrowed to one Source is read
// through Snapshot instead (store.NetworkOf: the same network).
func (s *Store) Network(ctx context.Context, sc store.Scope) (*store.Network, error) {
	if sc.Source != "" {
		snap, err := s.Snapshot(ctx, sc)
		if err != nil {
			return nil, err
		}
		return store.NetworkOf(snap)
	}
	snap := &store.Snapshot{Scope: sc}
	var nw *store.Network
	err := s.view(ctx, func(t txn) error {
		if _, err := readScope(ctx, t, snap); err != nil {
			return err
		}
		nw = &store.Network{Scope: sc, Places: snap.Places, People: snap.People, Organisations: snap.Organisations,
			Forums: snap.Forums, Participations: snap.Participations}
		nw.Index()
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		nw.Ties, err = readTies(t, nw, store.DayNumber(sc.AsOf))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("boltstore: network %q: %w", sc.PlaceID, err)
	}
	return nw, nil
}

// readTies reads the ties of the network's actors from the by-actor index.
func readTies(t txn, nw *store.Network, on int32) ([]store.Tie, error) {
	n := nw.Actors()
	index := make(map[string]int32, n)
	for k := range n {
		index[nw.ActorID(k)] = int32(k)
	}
	var ties []store.Tie
	c := t.b(idxRelsActor).Cursor()
	var prefix []byte
	for k := range n {
		if k%ctxCheckEvery == ctxCheckEvery-1 {
			if err := t.ctx.Err(); err != nil {
				return nil, err
			}
		}
		prefix = append(append(prefix[:0], nw.ActorID(k)...), 0)
		for key, v := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, v = c.Next() {
			if len(v) == 0 {
				continue // the To end: the tie is read at its From end
			}
			e, err := decTieEnd(v)
			if err != nil {
				return nil, fmt.Errorf("index entry %q: %w", key, err)
			}
			to, ok := index[string(e.other)]
			if !e.out || !ok || !store.TieActiveOn(e.tie.Since, e.tie.Until, on) {
				continue
			}
			e.tie.From, e.tie.To = int32(k), to
			ties = append(ties, e.tie)
		}
	}
	return slices.Clip(ties), nil
}

// scoped is what readScope learnt of a place scope: its actors' ids and
// the set of them.
type scoped struct {
	actorIDs []string
	inScope  map[string]bool
}

// readScope fills the snapshot's places, people, organisations, forums and
// participations (all but its relationships).
func readScope(ctx context.Context, t txn, snap *store.Snapshot) (scoped, error) {
	if snap.Scope.PlaceID == "" {
		return scoped{}, readAll(t, snap)
	}
	return readPlace(ctx, t, snap)
}

func readAll(t txn, snap *store.Snapshot) error {
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
	if snap.Forums, err = scan(t, bucketForums, decForum, all[store.Forum]); err != nil {
		return err
	}
	snap.Participations, err = scan(t, bucketParts, decPart, func(p store.Participation) bool {
		return store.ActiveOn(p.Since, p.Until, asOf)
	})
	return err
}

func readPlace(ctx context.Context, t txn, snap *store.Snapshot) (scoped, error) {
	asOf := snap.Scope.AsOf
	if k, ok := t.kind(snap.Scope.PlaceID); !ok || k != store.KindPlace {
		return scoped{}, store.NotFound("place", snap.Scope.PlaceID)
	}
	places := t.descendants(snap.Scope.PlaceID)
	var err error
	if snap.Places, err = fetch(t, places, txn.place, all[store.Place]); err != nil {
		return scoped{}, err
	}
	var actorIDs, forumIDs []string
	for _, p := range places {
		actorIDs = append(actorIDs, t.linked(idxActorsPlace, p)...)
		forumIDs = append(forumIDs, t.linked(idxForumsPlace, p)...)
	}
	slices.Sort(actorIDs)
	slices.Sort(forumIDs)
	if err := ctx.Err(); err != nil {
		return scoped{}, err
	}
	if snap.People, err = fetch(t, actorIDs, txn.person, all[store.Person]); err != nil {
		return scoped{}, err
	}
	if snap.Organisations, err = fetch(t, actorIDs, txn.org, all[store.Organisation]); err != nil {
		return scoped{}, err
	}
	inScope := make(map[string]bool, len(actorIDs))
	for _, id := range actorIDs {
		inScope[id] = true
	}
	if snap.Forums, err = fetch(t, forumIDs, txn.forum, all[store.Forum]); err != nil {
		return scoped{}, err
	}
	var partIDs []string
	for _, f := range forumIDs {
		partIDs = append(partIDs, t.linked(idxPartsForum, f)...)
	}
	slices.Sort(partIDs)
	if snap.Participations, err = fetch(t, partIDs, txn.part, func(p store.Participation) bool {
		return inScope[p.ActorID] && store.ActiveOn(p.Since, p.Until, asOf)
	}); err != nil {
		return scoped{}, err
	}
	return scoped{actorIDs: actorIDs, inScope: inScope}, nil
}
