package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// testConflicts checks that ids are unique across all kinds: writing an
// entity whose id another kind holds is ECONFLICT and writes nothing.
func testConflicts(t *testing.T, open Opener) {
	s := open(t)
	seedBasic(t, s)
	mustForum(t, s, "f1", "top")
	mustRel(t, s, "r1", "p1", "p2", nil, nil)
	mustPart(t, s, "pa1", "p1", "f1", nil, nil)
	before := dump(t, s)
	holders := []struct {
		kind store.EntityKind
		id   string
	}{
		{store.KindPlace, "low"}, {store.KindPerson, "p3"}, {store.KindOrganisation, "o1"},
		{store.KindRelationship, "r1"}, {store.KindForum, "f1"}, {store.KindParticipation, "pa1"},
	}
	writers := []struct {
		kind  store.EntityKind
		write func(id string) error
	}{
		{store.KindPlace, func(id string) error {
			_, err := s.UpsertPlace(t.Context(), store.Place{ID: id, Name: "x", ParentID: "top"})
			return err
		}},
		{store.KindPerson, func(id string) error {
			_, err := s.UpsertPerson(t.Context(), store.Person{ID: id, Name: "x", PlaceID: "top"})
			return err
		}},
		{store.KindOrganisation, func(id string) error {
			_, err := s.UpsertOrganisation(t.Context(), store.Organisation{ID: id, Name: "x", PlaceID: "top"})
			return err
		}},
		{store.KindRelationship, func(id string) error {
			_, err := s.Connect(t.Context(), store.Relationship{ID: id, FromID: "p2", ToID: "o1", Kind: store.RelKnows, Weight: 1})
			return err
		}},
		{store.KindForum, func(id string) error {
			_, err := s.UpsertForum(t.Context(), store.Forum{ID: id, Name: "x", PlaceID: "top"})
			return err
		}},
		{store.KindParticipation, func(id string) error {
			_, err := s.RecordParticipation(t.Context(), store.Participation{ID: id, ActorID: "p2", ForumID: "f1",
				Level: store.LevelInform, JoinedAtStage: store.StageIdea})
			return err
		}},
	}
	for _, w := range writers {
		for _, h := range holders {
			kind, id := h.kind, h.id
			if kind == w.kind {
				continue
			}
			t.Run(string(w.kind)+"/over "+string(kind), func(t *testing.T) {
				wantRefusal(t, w.write(id), store.ECONFLICT, "write "+string(w.kind)+" with the id of "+string(kind)+" "+id)
				unchanged(t, s, before, "refused write")
				k, err := s.Kind(t.Context(), id)
				noErr(t, err, "Kind")
				same(t, "Kind("+id+")", k, kind)
			})
		}
	}
}
