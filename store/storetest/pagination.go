package storetest

import (
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/store"
)

func testPagination(t *testing.T, open Opener) {
	s := open(t)
	mustPlace(t, s, "root", "")
	// Seven of each kind, written out of order; ids sort byte-wise.
	order := []string{"g", "a", "e", "c", "B", "f", "d"}
	want := sortedIDs("g", "a", "e", "c", "B", "f", "d")
	for _, x := range order {
		mustPerson(t, s, "person-"+x, "root")
		mustOrg(t, s, "org-"+x, "root", store.OrgVoluntary)
		mustForum(t, s, "forum-"+x, "root")
	}
	for _, x := range order {
		mustPlace(t, s, "place-"+x, "root")
		mustRel(t, s, "rel-"+x, "person-"+x, "org-"+x, nil, nil)
		mustPart(t, s, "part-"+x, "person-"+x, "forum-"+x, nil, nil)
	}
	prefixed := func(prefix string) []string {
		out := make([]string, len(want))
		for i, x := range want {
			out[i] = prefix + x
		}
		return out
	}
	for _, first := range []int{1, 2, 3, 7, 8} {
		t.Run(fmt.Sprintf("first=%d", first), func(t *testing.T) {
			people := all(t, "People", first, personID, func(p store.Page) (store.Connection[store.Person], error) {
				return s.People(t.Context(), store.PeopleFilter{}, p)
			})
			same(t, "People pages", ids(people, personID), prefixed("person-"))
			orgs := all(t, "Organisations", first, orgID, func(p store.Page) (store.Connection[store.Organisation], error) {
				return s.Organisations(t.Context(), store.OrganisationFilter{}, p)
			})
			same(t, "Organisations pages", ids(orgs, orgID), prefixed("org-"))
			places := all(t, "Places", first, placeID, func(p store.Page) (store.Connection[store.Place], error) {
				return s.Places(t.Context(), store.PlaceFilter{ParentID: "root"}, p)
			})
			same(t, "Places pages", ids(places, placeID), prefixed("place-"))
			rels := all(t, "Relationships", first, relID, func(p store.Page) (store.Connection[store.Relationship], error) {
				return s.Relationships(t.Context(), store.RelationshipFilter{}, p)
			})
			same(t, "Relationships pages", ids(rels, relID), prefixed("rel-"))
			forums := all(t, "Forums", first, forumID, func(p store.Page) (store.Connection[store.Forum], error) {
				return s.Forums(t.Context(), store.ForumFilter{}, p)
			})
			same(t, "Forums pages", ids(forums, forumID), prefixed("forum-"))
			parts := all(t, "Participations", first, partID, func(p store.Page) (store.Connection[store.Participation], error) {
				return s.Participations(t.Context(), store.ParticipationFilter{}, p)
			})
			same(t, "Participations pages", ids(parts, partID), prefixed("part-"))
		})
	}

	t.Run("PageShape", func(t *testing.T) {
		c, err := s.People(t.Context(), store.PeopleFilter{}, store.Page{First: 2})
		noErr(t, err, "People(first 2)")
		same(t, "first page", ids(c.Items, personID), []string{"person-B", "person-a"})
		same(t, "TotalCount", c.TotalCount, 7)
		same(t, "HasNextPage", c.HasNextPage, true)
		same(t, "EndCursor", c.EndCursor, store.EncodeCursor("person-a"))
		c, err = s.People(t.Context(), store.PeopleFilter{}, store.Page{First: 2, After: store.EncodeCursor("person-f")})
		noErr(t, err, "People(after f)")
		same(t, "last page", ids(c.Items, personID), []string{"person-g"})
		same(t, "last page HasNextPage", c.HasNextPage, false)
		same(t, "last page TotalCount", c.TotalCount, 7)
		c, err = s.People(t.Context(), store.PeopleFilter{}, store.Page{First: 2, After: store.EncodeCursor("person-g")})
		noErr(t, err, "People(after the last)")
		if len(c.Items) != 0 || c.HasNextPage || c.TotalCount != 7 || c.EndCursor != "" {
			t.Fatalf("page after the last = %s, want no items, no next page, total 7", show(c))
		}
		// A cursor of an id that is not stored still places the page.
		c, err = s.People(t.Context(), store.PeopleFilter{}, store.Page{First: 1, After: store.EncodeCursor("person-bb")})
		noErr(t, err, "People(after a missing id)")
		same(t, "page after person-bb", ids(c.Items, personID), []string{"person-c"})
		c, err = s.People(t.Context(), store.PeopleFilter{}, store.Page{})
		noErr(t, err, "People(default page)")
		same(t, "default page size holds all 7", len(c.Items), 7)
		c, err = s.People(t.Context(), store.PeopleFilter{}, store.Page{First: store.MaxPageSize})
		noErr(t, err, "People(first 500)")
		same(t, "first 500 holds all 7", len(c.Items), 7)
	})

	t.Run("BadPage", func(t *testing.T) {
		pages := []struct {
			name string
			p    store.Page
		}{
			{"first above the cap", store.Page{First: store.MaxPageSize + 1}},
			{"negative first", store.Page{First: -1}},
			{"cursor not base64", store.Page{First: 2, After: "%%%"}},
			{"cursor without prefix", store.Page{First: 2, After: "cGVyc29u"}},
		}
		for _, tt := range pages {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.People(t.Context(), store.PeopleFilter{}, tt.p)
				wantRefusal(t, err, store.EINVALID, "People("+tt.name+")")
				_, err = s.Places(t.Context(), store.PlaceFilter{}, tt.p)
				wantRefusal(t, err, store.EINVALID, "Places("+tt.name+")")
				_, err = s.Organisations(t.Context(), store.OrganisationFilter{}, tt.p)
				wantRefusal(t, err, store.EINVALID, "Organisations("+tt.name+")")
				_, err = s.Relationships(t.Context(), store.RelationshipFilter{}, tt.p)
				wantRefusal(t, err, store.EINVALID, "Relationships("+tt.name+")")
				_, err = s.Forums(t.Context(), store.ForumFilter{}, tt.p)
				wantRefusal(t, err, store.EINVALID, "Forums("+tt.name+")")
				_, err = s.Participations(t.Context(), store.ParticipationFilter{}, tt.p)
				wantRefusal(t, err, store.EINVALID, "Participations("+tt.name+")")
			})
		}
	})

	t.Run("AllPlaces", func(t *testing.T) {
		places := all(t, "Places", 2, placeID, func(p store.Page) (store.Connection[store.Place], error) {
			return s.Places(t.Context(), store.PlaceFilter{}, p)
		})
		same(t, "all places", ids(places, placeID), append(prefixed("place-"), "root"))
	})
}
