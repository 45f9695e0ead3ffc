package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

func testActors(t *testing.T, open Opener) {
	t.Run("PersonRoundTrip", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "a", "")
		tests := []struct {
			name string
			in   store.Person
			want store.Person
		}{
			{"all fields",
				store.Person{ID: "p1", Name: "Ann", PlaceID: "a", Groups: []string{"parent", " carer", "parent", ""},
					Roles: []string{"chair", "youth worker"}, LivedExperience: []string{"care experienced"},
					Capacity: store.CapacityProfessional, Consent: store.ConsentGiven},
				store.Person{ID: "p1", Name: "Ann", PlaceID: "a", Groups: []string{"carer", "parent"},
					Roles: []string{"chair", "youth worker"}, LivedExperience: []string{"care experienced"},
					Capacity: store.CapacityProfessional, Consent: store.ConsentGiven}},
			{"defaults", store.Person{ID: "p2", Name: "Bo", PlaceID: "a"},
				store.Person{ID: "p2", Name: "Bo", PlaceID: "a", Capacity: store.CapacityCommunity, Consent: store.ConsentUnknown}},
			{"withdrawn", store.Person{ID: "p3", Name: "Cy", PlaceID: "a", Consent: store.ConsentWithdrawn, Groups: []string{"young person"}},
				store.Person{ID: "p3", Name: "Cy", PlaceID: "a", Capacity: store.CapacityCommunity, Consent: store.ConsentWithdrawn, Groups: []string{"young person"}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.UpsertPerson(t.Context(), tt.in)
				noErr(t, err, "UpsertPerson")
				same(t, "UpsertPerson", canonPerson(got), tt.want)
				read, err := s.Person(t.Context(), tt.in.ID)
				noErr(t, err, "Person")
				same(t, "Person("+tt.in.ID+")", canonPerson(read), tt.want)
				a, err := s.Actor(t.Context(), tt.in.ID)
				noErr(t, err, "Actor")
				if a.Organisation != nil || a.Person == nil || a.Kind() != store.ActorPerson {
					t.Fatalf("Actor(%s) = %s, want a person", tt.in.ID, show(a))
				}
				same(t, "Actor("+tt.in.ID+").Person", canonPerson(*a.Person), tt.want)
				k, err := s.Kind(t.Context(), tt.in.ID)
				noErr(t, err, "Kind")
				same(t, "Kind", k, store.KindPerson)
			})
		}
	})

	t.Run("OrganisationRoundTrip", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "a", "")
		for _, kind := range store.OrgKinds {
			in := store.Organisation{ID: "o-" + string(kind), Name: "Org " + string(kind), Kind: kind, PlaceID: "a"}
			got, err := s.UpsertOrganisation(t.Context(), in)
			noErr(t, err, "UpsertOrganisation")
			same(t, "UpsertOrganisation", got, in)
			read, err := s.Organisation(t.Context(), in.ID)
			noErr(t, err, "Organisation")
			same(t, "Organisation("+in.ID+")", read, in)
			a, err := s.Actor(t.Context(), in.ID)
			noErr(t, err, "Actor")
			if a.Person != nil || a.Organisation == nil || a.Kind() != store.ActorOrganisation {
				t.Fatalf("Actor(%s) = %s, want an organisation", in.ID, show(a))
			}
			same(t, "Actor("+in.ID+").Organisation", *a.Organisation, in)
			k, err := s.Kind(t.Context(), in.ID)
			noErr(t, err, "Kind")
			same(t, "Kind", k, store.KindOrganisation)
		}
		got, err := s.UpsertOrganisation(t.Context(), store.Organisation{ID: "o-default", Name: "D", PlaceID: "a"})
		noErr(t, err, "UpsertOrganisation(no kind)")
		same(t, "UpsertOrganisation(no kind).Kind", got.Kind, store.OrgOther)
	})

	t.Run("ReplaceAndIdempotent", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		in := store.Person{ID: "p1", Name: "Person p1", PlaceID: "mid", Groups: []string{"parent"}}
		_, err := s.UpsertPerson(t.Context(), in)
		noErr(t, err, "repeat UpsertPerson")
		before := dump(t, s)
		_, err = s.UpsertPerson(t.Context(), in)
		noErr(t, err, "repeat UpsertPerson")
		unchanged(t, s, before, "repeat UpsertPerson")
		repl := store.Person{ID: "p1", Name: "New", PlaceID: "other", Roles: []string{"chair"}, Consent: store.ConsentGiven}
		_, err = s.UpsertPerson(t.Context(), repl)
		noErr(t, err, "replace UpsertPerson")
		read, err := s.Person(t.Context(), "p1")
		noErr(t, err, "Person")
		same(t, "Person(p1) after replace", canonPerson(read), store.Person{ID: "p1", Name: "New", PlaceID: "other",
			Roles: []string{"chair"}, Consent: store.ConsentGiven, Capacity: store.CapacityCommunity})
		if n := len(dump(t, s).People); n != 3 {
			t.Fatalf("after replace the store holds %d people, want 3", n)
		}
		// The place and group indexes follow the replacement.
		mid := listPeople(t, s, store.PeopleFilter{PlaceID: "mid"})
		same(t, "People(mid) after move", mid, []string{"p2"})
		other := listPeople(t, s, store.PeopleFilter{PlaceID: "other"})
		same(t, "People(other) after move", other, []string{"p1", "p3"})
		parents := listPeople(t, s, store.PeopleFilter{Group: "parent"})
		same(t, "People(group parent) after replace", parents, []string{"p3"})

		_, err = s.UpsertOrganisation(t.Context(), store.Organisation{ID: "o1", Name: "O", PlaceID: "other", Kind: store.OrgSchool})
		noErr(t, err, "replace UpsertOrganisation")
		same(t, "Organisations(top) after move", listOrgs(t, s, store.OrganisationFilter{PlaceID: "top"}), []string(nil))
		same(t, "Organisations(other, SCHOOL)", listOrgs(t, s, store.OrganisationFilter{PlaceID: "other", Kind: store.OrgSchool}), []string{"o1"})
	})

	t.Run("Invalid", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "a", "")
		before := dump(t, s)
		people := []struct {
			name string
			in   store.Person
		}{
			{"empty id", store.Person{Name: "x", PlaceID: "a"}},
			{"no name", store.Person{ID: "x", PlaceID: "a"}},
			{"no place", store.Person{ID: "x", Name: "x"}},
			{"unknown consent", store.Person{ID: "x", Name: "x", PlaceID: "a", Consent: "MAYBE"}},
			{"unknown capacity", store.Person{ID: "x", Name: "x", PlaceID: "a", Capacity: "VOLUNTEER"}},
		}
		for _, tt := range people {
			_, err := s.UpsertPerson(t.Context(), tt.in)
			wantRefusal(t, err, store.EINVALID, "UpsertPerson("+tt.name+")")
		}
		orgs := []struct {
			name string
			in   store.Organisation
		}{
			{"empty id", store.Organisation{Name: "x", PlaceID: "a"}},
			{"no name", store.Organisation{ID: "x", PlaceID: "a"}},
			{"unknown kind", store.Organisation{ID: "x", Name: "x", PlaceID: "a", Kind: "CHARITY"}},
		}
		for _, tt := range orgs {
			_, err := s.UpsertOrganisation(t.Context(), tt.in)
			wantRefusal(t, err, store.EINVALID, "UpsertOrganisation("+tt.name+")")
		}
		unchanged(t, s, before, "invalid upserts")
	})

	t.Run("MissingPlace", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		before := dump(t, s)
		for _, place := range []string{"nowhere", "p1", "o1", "f1"} {
			_, err := s.UpsertPerson(t.Context(), store.Person{ID: "new", Name: "x", PlaceID: place})
			wantRefusal(t, err, store.ENOTFOUND, "UpsertPerson(place "+place+")")
			_, err = s.UpsertOrganisation(t.Context(), store.Organisation{ID: "new", Name: "x", PlaceID: place})
			wantRefusal(t, err, store.ENOTFOUND, "UpsertOrganisation(place "+place+")")
			_, err = s.UpsertPerson(t.Context(), store.Person{ID: "p1", Name: "x", PlaceID: place})
			wantRefusal(t, err, store.ENOTFOUND, "UpsertPerson(replace, place "+place+")")
		}
		unchanged(t, s, before, "refused references")
	})

	t.Run("Getters", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		for _, id := range []string{"nowhere", "top", "f1", "o1"} {
			_, err := s.Person(t.Context(), id)
			wantRefusal(t, err, store.ENOTFOUND, "Person("+id+")")
		}
		for _, id := range []string{"nowhere", "top", "f1", "p1"} {
			_, err := s.Organisation(t.Context(), id)
			wantRefusal(t, err, store.ENOTFOUND, "Organisation("+id+")")
		}
		for _, id := range []string{"nowhere", "top", "f1"} {
			_, err := s.Actor(t.Context(), id)
			wantRefusal(t, err, store.ENOTFOUND, "Actor("+id+")")
		}
		got, err := s.ActorsByID(t.Context(), []string{"p2", "o1", "top", "f1", "nowhere", "p2"})
		noErr(t, err, "ActorsByID")
		if len(got) != 2 || got["p2"].Person == nil || got["p2"].Person.PlaceID != "low" ||
			got["o1"].Organisation == nil || got["o1"].Organisation.Kind != store.OrgFunder {
			t.Fatalf("ActorsByID = %s, want p2 (a person) and o1 (an organisation) only", show(got))
		}
		empty, err := s.ActorsByID(t.Context(), []string{})
		noErr(t, err, "ActorsByID(empty)")
		if len(empty) != 0 {
			t.Fatalf("ActorsByID(empty) = %s", show(empty))
		}
	})

	t.Run("Filters", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustOrg(t, s, "o2", "low", store.OrgSchool)
		mustOrg(t, s, "o3", "other", store.OrgSchool)
		mustOrg(t, s, "o4", "mid", store.OrgFunder)
		people := []struct {
			name string
			f    store.PeopleFilter
			want []string
		}{
			{"everyone", store.PeopleFilter{}, []string{"p1", "p2", "p3"}},
			{"place with descendants", store.PeopleFilter{PlaceID: "top"}, []string{"p1", "p2"}},
			{"middle place", store.PeopleFilter{PlaceID: "mid"}, []string{"p1", "p2"}},
			{"leaf place", store.PeopleFilter{PlaceID: "low"}, []string{"p2"}},
			{"group", store.PeopleFilter{Group: "parent"}, []string{"p1", "p3"}},
			{"place and group", store.PeopleFilter{PlaceID: "top", Group: "parent"}, []string{"p1"}},
			{"group nobody has", store.PeopleFilter{Group: "pilot"}, nil},
			{"missing place", store.PeopleFilter{PlaceID: "nowhere"}, nil},
		}
		for _, tt := range people {
			t.Run("People/"+tt.name, func(t *testing.T) {
				same(t, "People("+show(tt.f)+")", listPeople(t, s, tt.f), tt.want)
			})
		}
		orgs := []struct {
			name string
			f    store.OrganisationFilter
			want []string
		}{
			{"all", store.OrganisationFilter{}, []string{"o1", "o2", "o3", "o4"}},
			{"place with descendants", store.OrganisationFilter{PlaceID: "top"}, []string{"o1", "o2", "o4"}},
			{"kind", store.OrganisationFilter{Kind: store.OrgSchool}, []string{"o2", "o3"}},
			{"place and kind", store.OrganisationFilter{PlaceID: "mid", Kind: store.OrgFunder}, []string{"o4"}},
			{"kind nobody is", store.OrganisationFilter{Kind: store.OrgHealth}, nil},
			{"missing place", store.OrganisationFilter{PlaceID: "nowhere"}, nil},
		}
		for _, tt := range orgs {
			t.Run("Organisations/"+tt.name, func(t *testing.T) {
				same(t, "Organisations("+show(tt.f)+")", listOrgs(t, s, tt.f), tt.want)
			})
		}
	})

	t.Run("DeleteActor", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		mustRel(t, s, "r-out", "p1", "p2", nil, nil)
		mustRel(t, s, "r-in", "o1", "p1", nil, nil)
		mustRel(t, s, "r-other", "p2", "o1", nil, nil)
		mustPart(t, s, "pa1", "p1", "f1", nil, nil)
		mustPart(t, s, "pa2", "p2", "f1", nil, nil)
		noErr(t, s.DeleteActor(t.Context(), "p1"), "DeleteActor(p1)")
		for _, id := range []string{"p1", "r-out", "r-in", "pa1"} {
			_, err := s.Kind(t.Context(), id)
			wantRefusal(t, err, store.ENOTFOUND, "Kind("+id+") after DeleteActor(p1)")
		}
		_, err := s.Person(t.Context(), "p1")
		wantRefusal(t, err, store.ENOTFOUND, "Person(p1) after DeleteActor")
		d := dump(t, s)
		same(t, "relationships left", ids(d.Relationships, relID), []string{"r-other"})
		same(t, "participations left", ids(d.Participations, partID), []string{"pa2"})
		same(t, "people left", ids(d.People, personID), []string{"p2", "p3"})
		same(t, "Relationships(o1)", listRels(t, s, store.RelationshipFilter{ActorID: "o1"}), []string{"r-other"})
		same(t, "Participations(f1)", listParts(t, s, store.ParticipationFilter{ForumID: "f1"}), []string{"pa2"})

		noErr(t, s.DeleteActor(t.Context(), "o1"), "DeleteActor(o1)")
		same(t, "relationships after DeleteActor(o1)", ids(dump(t, s).Relationships, relID), []string(nil))

		before := dump(t, s)
		for _, id := range []string{"p1", "nowhere", "top", "f1", "pa2"} {
			wantRefusal(t, s.DeleteActor(t.Context(), id), store.ENOTFOUND, "DeleteActor("+id+")")
		}
		unchanged(t, s, before, "refused DeleteActor")
		// A deleted id is free for any kind.
		mustPlace(t, s, "p1", "")
		k, err := s.Kind(t.Context(), "p1")
		noErr(t, err, "Kind(p1)")
		same(t, "Kind(p1) reused as a place", k, store.KindPlace)
	})
}
