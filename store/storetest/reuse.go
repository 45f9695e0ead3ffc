package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// testReuse checks that deleting an entity leaves nothing behind in any
// lookup: the same ids written again elsewhere are found only there.
func testReuse(t *testing.T, open Opener) {
	s := open(t)
	seedBasic(t, s)
	mustForum(t, s, "f1", "top")
	mustForum(t, s, "f2", "other")
	mustRel(t, s, "r1", "p1", "p2", nil, nil)
	mustRel(t, s, "r2", "p2", "o1", nil, nil)
	mustPart(t, s, "pa1", "p1", "f1", nil, nil)
	noErr(t, s.DeleteActor(t.Context(), "p1"), "DeleteActor(p1)")
	noErr(t, s.Disconnect(t.Context(), "r2"), "Disconnect(r2)")
	// p1 comes back as an organisation elsewhere; r1, r2 and pa1 join others.
	mustOrg(t, s, "p1", "other", store.OrgVoluntary)
	mustPerson(t, s, "extra", "other")
	mustRel(t, s, "r1", "p3", "extra", nil, nil)
	mustRel(t, s, "r2", "p3", "p1", nil, nil)
	mustPart(t, s, "pa1", "p2", "f2", nil, nil)
	same(t, "People(top)", listPeople(t, s, store.PeopleFilter{PlaceID: "top"}), []string{"p2"})
	same(t, "Organisations(top)", listOrgs(t, s, store.OrganisationFilter{PlaceID: "top"}), []string{"o1"})
	same(t, "Organisations(other)", listOrgs(t, s, store.OrganisationFilter{PlaceID: "other"}), []string{"p1"})
	same(t, "Relationships(p2)", listRels(t, s, store.RelationshipFilter{ActorID: "p2"}), []string(nil))
	same(t, "Relationships(o1)", listRels(t, s, store.RelationshipFilter{ActorID: "o1"}), []string(nil))
	same(t, "Relationships(p1)", listRels(t, s, store.RelationshipFilter{ActorID: "p1"}), []string{"r2"})
	same(t, "Participations(f1)", listParts(t, s, store.ParticipationFilter{ForumID: "f1"}), []string(nil))
	same(t, "Participations(p1)", listParts(t, s, store.ParticipationFilter{ActorID: "p1"}), []string(nil))
	same(t, "Participations(p2)", listParts(t, s, store.ParticipationFilter{ActorID: "p2"}), []string{"pa1"})
	snap, err := s.Snapshot(t.Context(), store.Scope{PlaceID: "top"})
	noErr(t, err, "Snapshot(top)")
	same(t, "Snapshot(top)", idsOf(snap), snapIDs{Places: []string{"low", "mid", "top"}, People: []string{"p2"},
		Organisations: []string{"o1"}, Forums: []string{"f1"}})
	snap, err = s.Snapshot(t.Context(), store.Scope{PlaceID: "other"})
	noErr(t, err, "Snapshot(other)")
	same(t, "Snapshot(other)", idsOf(snap), snapIDs{Places: []string{"other"}, People: []string{"extra", "p3"},
		Organisations: []string{"p1"}, Relationships: []string{"r1", "r2"}, Forums: []string{"f2"}})
	// Deleting the new p1 takes only what the new p1 has.
	noErr(t, s.DeleteActor(t.Context(), "p1"), "DeleteActor(p1 again)")
	d := dump(t, s)
	same(t, "relationships left", ids(d.Relationships, relID), []string{"r1"})
	same(t, "participations left", ids(d.Participations, partID), []string{"pa1"})
}
