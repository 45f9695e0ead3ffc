package storetest

import (
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

// snapIDs is the content of a snapshot as ids, kind by kind.
type snapIDs struct {
	Places, People, Organisations, Relationships, Forums, Participations []string
}

func idsOf(s *store.Snapshot) snapIDs {
	return snapIDs{
		Places: ids(s.Places, placeID), People: ids(s.People, personID), Organisations: ids(s.Organisations, orgID),
		Relationships: ids(s.Relationships, relID), Forums: ids(s.Forums, forumID), Participations: ids(s.Participations, partID),
	}
}

func testSnapshot(t *testing.T, open Opener) {
	s := open(t)
	seedBasic(t, s)
	mustOrg(t, s, "o2", "other", store.OrgCommunityGroup)
	mustForum(t, s, "f-top", "top")
	mustForum(t, s, "f-other", "other")
	mustForum(t, s, "f-low", "low")
	mustRel(t, s, "r-in", "p1", "p2", nil, nil)
	mustRel(t, s, "r-cross", "p2", "p3", nil, nil)
	mustRel(t, s, "r-out", "p3", "o2", nil, nil)
	mustRel(t, s, "r-dated", "o1", "p1", date(2021, 1, 1), nil)
	mustRel(t, s, "r-old", "p1", "o1", nil, date(2019, 12, 31))
	mustPart(t, s, "pa1", "p1", "f-top", nil, nil)
	mustPart(t, s, "pa2", "p3", "f-top", nil, nil)
	mustPart(t, s, "pa3", "p2", "f-other", nil, nil)
	mustPart(t, s, "pa4", "o1", "f-low", date(2021, 1, 1), nil)
	mustPart(t, s, "pa5", "p3", "f-other", nil, nil)

	tests := []struct {
		name  string
		scope store.Scope
		want  snapIDs
	}{
		{"place with descendants", store.Scope{PlaceID: "top"}, snapIDs{
			Places: []string{"low", "mid", "top"}, People: []string{"p1", "p2"}, Organisations: []string{"o1"},
			Relationships: []string{"r-dated", "r-in", "r-old"}, Forums: []string{"f-low", "f-top"}, Participations: []string{"pa1", "pa4"}}},
		{"place as of a day between", store.Scope{PlaceID: "top", AsOf: date(2020, 6, 1)}, snapIDs{
			Places: []string{"low", "mid", "top"}, People: []string{"p1", "p2"}, Organisations: []string{"o1"},
			Relationships: []string{"r-in"}, Forums: []string{"f-low", "f-top"}, Participations: []string{"pa1"}}},
		{"place as of a start day", store.Scope{PlaceID: "top", AsOf: date(2021, 1, 1)}, snapIDs{
			Places: []string{"low", "mid", "top"}, People: []string{"p1", "p2"}, Organisations: []string{"o1"},
			Relationships: []string{"r-dated", "r-in"}, Forums: []string{"f-low", "f-top"}, Participations: []string{"pa1", "pa4"}}},
		{"place as of an end day", store.Scope{PlaceID: "top", AsOf: date(2019, 12, 31)}, snapIDs{
			Places: []string{"low", "mid", "top"}, People: []string{"p1", "p2"}, Organisations: []string{"o1"},
			Relationships: []string{"r-in", "r-old"}, Forums: []string{"f-low", "f-top"}, Participations: []string{"pa1"}}},
		{"middle place", store.Scope{PlaceID: "mid"}, snapIDs{
			Places: []string{"low", "mid"}, People: []string{"p1", "p2"},
			Relationships: []string{"r-in"}, Forums: []string{"f-low"}}},
		{"leaf place", store.Scope{PlaceID: "low"}, snapIDs{
			Places: []string{"low"}, People: []string{"p2"}, Forums: []string{"f-low"}}},
		{"other place", store.Scope{PlaceID: "other"}, snapIDs{
			Places: []string{"other"}, People: []string{"p3"}, Organisations: []string{"o2"},
			Relationships: []string{"r-out"}, Forums: []string{"f-other"}, Participations: []string{"pa5"}}},
		{"everything", store.Scope{}, snapIDs{
			Places: []string{"low", "mid", "other", "top"}, People: []string{"p1", "p2", "p3"}, Organisations: []string{"o1", "o2"},
			Relationships: []string{"r-cross", "r-dated", "r-in", "r-old", "r-out"}, Forums: []string{"f-low", "f-other", "f-top"},
			Participations: []string{"pa1", "pa2", "pa3", "pa4", "pa5"}}},
		{"everything as of a day", store.Scope{AsOf: date(2020, 6, 1)}, snapIDs{
			Places: []string{"low", "mid", "other", "top"}, People: []string{"p1", "p2", "p3"}, Organisations: []string{"o1", "o2"},
			Relationships: []string{"r-cross", "r-in", "r-out"}, Forums: []string{"f-low", "f-other", "f-top"},
			Participations: []string{"pa1", "pa2", "pa3", "pa5"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := s.Snapshot(t.Context(), tt.scope)
			noErr(t, err, "Snapshot")
			same(t, "Snapshot("+show(tt.scope)+")", idsOf(snap), tt.want)
			same(t, "Snapshot.Scope.PlaceID", snap.Scope.PlaceID, tt.scope.PlaceID)
		})
	}

	t.Run("Content", func(t *testing.T) {
		snap, err := s.Snapshot(t.Context(), store.Scope{PlaceID: "top"})
		noErr(t, err, "Snapshot")
		for _, p := range snap.Places {
			got, err := s.Place(t.Context(), p.ID)
			noErr(t, err, "Place")
			same(t, "snapshot place "+p.ID, p, got)
		}
		for _, p := range snap.People {
			got, err := s.Person(t.Context(), p.ID)
			noErr(t, err, "Person")
			same(t, "snapshot person "+p.ID, canonPerson(p), canonPerson(got))
		}
		for _, r := range snap.Relationships {
			got, err := s.Relationship(t.Context(), r.ID)
			noErr(t, err, "Relationship")
			same(t, "snapshot relationship "+r.ID, canonRel(r), canonRel(got))
		}
		for _, f := range snap.Forums {
			got, err := s.Forum(t.Context(), f.ID)
			noErr(t, err, "Forum")
			same(t, "snapshot forum "+f.ID, canonForum(f), canonForum(got))
		}
		for _, p := range snap.Participations {
			got, err := s.Participation(t.Context(), p.ID)
			noErr(t, err, "Participation")
			same(t, "snapshot participation "+p.ID, canonPart(p), canonPart(got))
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		at := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
		a, err := s.Snapshot(t.Context(), store.Scope{AsOf: &at})
		noErr(t, err, "Snapshot")
		b, err := s.Snapshot(t.Context(), store.Scope{AsOf: &at})
		noErr(t, err, "Snapshot")
		same(t, "second Snapshot", canonSnapshot(b), canonSnapshot(a))
	})

	t.Run("Missing", func(t *testing.T) {
		for _, id := range []string{"nowhere", "p1", "f-top"} {
			_, err := s.Snapshot(t.Context(), store.Scope{PlaceID: id})
			wantRefusal(t, err, store.ENOTFOUND, "Snapshot(place "+id+")")
		}
	})

	t.Run("Empty store", func(t *testing.T) {
		e := open(t)
		snap, err := e.Snapshot(t.Context(), store.Scope{})
		noErr(t, err, "Snapshot of an empty store")
		same(t, "Snapshot of an empty store", idsOf(snap), snapIDs{})
	})
}
