package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// The list helpers walk every page of a filtered list, three items at a
// time, and return the ids found.

func listPeople(t *testing.T, s store.Store, f store.PeopleFilter) []string {
	t.Helper()
	return ids(all(t, "People", 3, personID, func(p store.Page) (store.Connection[store.Person], error) {
		return s.People(t.Context(), f, p)
	}), personID)
}

func listOrgs(t *testing.T, s store.Store, f store.OrganisationFilter) []string {
	t.Helper()
	return ids(all(t, "Organisations", 3, orgID, func(p store.Page) (store.Connection[store.Organisation], error) {
		return s.Organisations(t.Context(), f, p)
	}), orgID)
}

func listRels(t *testing.T, s store.Store, f store.RelationshipFilter) []string {
	t.Helper()
	return ids(all(t, "Relationships", 3, relID, func(p store.Page) (store.Connection[store.Relationship], error) {
		return s.Relationships(t.Context(), f, p)
	}), relID)
}

func listForums(t *testing.T, s store.Store, f store.ForumFilter) []string {
	t.Helper()
	return ids(all(t, "Forums", 3, forumID, func(p store.Page) (store.Connection[store.Forum], error) {
		return s.Forums(t.Context(), f, p)
	}), forumID)
}

func listParts(t *testing.T, s store.Store, f store.ParticipationFilter) []string {
	t.Helper()
	return ids(all(t, "Participations", 3, partID, func(p store.Page) (store.Connection[store.Participation], error) {
		return s.Participations(t.Context(), f, p)
	}), partID)
}
