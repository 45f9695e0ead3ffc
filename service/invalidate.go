package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// Invalidation rules. A cached analysis result is keyed by its scope (a
// place with its descendants, or everything), its date and its options, and
// remembers the ids of the places that were in its scope when it was
// computed. A successful write touches a set of places, and removes every
// cached result whose scope is global or contained any touched place:
//
//   - upsertPlace: the place, its new parent and its previous parent (so a
//     place moved from one parent to another leaves both subtrees' results
//     stale, and a new place stales its parent's ancestors' results);
//   - upsertPerson, upsertOrganisation: the actor's new and previous place;
//   - upsertForum: the forum's new and previous place;
//   - connect: the places of both actors, and of both actors of the
//     relationship it replaces;
//   - disconnect: the places of both actors of the relationship;
//   - recordParticipation: the places of its actor and forum, and those of
//     the participation it replaces;
//   - deleteActor: the actor's place (a relationship or participation only
//     appears in a scope that contains its actor);
//   - import: everything.
//
// The previous state is read before the write; when that read fails with
// anything but ENOTFOUND, the write invalidates everything instead. A
// computation that was running while any invalidation happened returns its
// result to its callers but does not cache it, so a result computed from a
// snapshot older than a write is never kept.
//
// Layouts are cached and invalidated like every result; the positions
// they leave behind as starting points for the next layout are not (see
// layouthints.go).
//
// The cache lives in this process only: several API replicas over one
// Neo4j database would each keep their own and would need a shared
// invalidation channel, which is not in scope.

// touched collects the places a write touches.
type touched struct {
	s      *Service
	places []string
	all    bool
}

func (s *Service) touch(places ...string) *touched {
	t := &touched{s: s}
	t.add(places...)
	return t
}

func (t *touched) add(places ...string) {
	for _, p := range places {
		if p != "" {
			t.places = append(t.places, p)
		}
	}
}

// addPrevious records the places of an entity's previous state, read with
// error err. It reports whether a previous state exists. A failed read
// (other than ENOTFOUND) makes the write invalidate everything.
func (t *touched) addPrevious(err error, places ...string) bool {
	switch store.ErrorCode(err) {
	case "":
		t.add(places...)
		return true
	case store.ENOTFOUND:
		return false
	default:
		t.all = true
		return false
	}
}

// addActorPlaces adds the places of the actors with the given ids (one
// store round trip).
func (t *touched) addActorPlaces(ctx context.Context, ids []string) {
	actors, err := t.s.st.ActorsByID(ctx, ids)
	if err != nil {
		t.all = true
		return
	}
	for _, a := range actors {
		t.add(a.PlaceID())
	}
}

// addForumPlaces adds the places of the forums with the given ids (one
// store round trip).
func (t *touched) addForumPlaces(ctx context.Context, ids []string) {
	forums, err := t.s.st.ForumsByID(ctx, ids)
	if err != nil {
		t.all = true
		return
	}
	for _, f := range forums {
		t.add(f.PlaceID)
	}
}

func (t *touched) invalidate() {
	if t.all {
		t.s.nets.invalidateAll()
		t.s.cache.invalidateAll()
		return
	}
	// Networks first: a result computed meanwhile from a stale network is
	// then refused by the results cache's epoch check.
	t.s.nets.invalidate(t.places)
	t.s.cache.invalidate(t.places)
}
