package storetest

import (
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

// testForget checks ForgetPerson and Erasures.
func testForget(t *testing.T, open Opener) {
	t.Run("ErasesPersonTiesAndParticipations", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		mustRel(t, s, "r12", "p1", "p2", nil, nil)
		mustRel(t, s, "r31", "p3", "p1", nil, nil)
		mustRel(t, s, "r23", "p2", "p3", nil, nil)
		mustRel(t, s, "r1o", "p1", "o1", nil, nil)
		mustPart(t, s, "pa1", "p1", "f1", nil, nil)
		mustPart(t, s, "pa2", "p2", "f1", nil, nil)

		before := time.Now().UTC().Truncate(time.Second)
		e, err := s.ForgetPerson(t.Context(), "p1")
		after := time.Now().UTC()
		noErr(t, err, "ForgetPerson(p1)")
		if e.ID != "erasure-000001" || e.Relationships != 3 || e.Participations != 1 {
			t.Fatalf("ForgetPerson(p1) = %s, want erasure-000001 with 3 relationships and 1 participation", show(e))
		}
		if e.At.Location() != time.UTC || e.At.Nanosecond() != 0 || e.At.Before(before) || e.At.After(after) {
			t.Fatalf("ForgetPerson(p1).At = %v, want UTC to the second within [%v, %v]", e.At, before, after)
		}

		_, err = s.Person(t.Context(), "p1")
		wantRefusal(t, err, store.ENOTFOUND, "Person(p1) after ForgetPerson")
		_, err = s.Kind(t.Context(), "p1")
		wantRefusal(t, err, store.ENOTFOUND, "Kind(p1) after ForgetPerson")
		snap := dump(t, s)
		var rels, parts, people []string
		for _, r := range snap.Relationships {
			rels = append(rels, r.ID)
		}
		for _, p := range snap.Participations {
			parts = append(parts, p.ID)
		}
		for _, p := range snap.People {
			people = append(people, p.ID)
		}
		same(t, "relationships after ForgetPerson(p1)", rels, []string{"r23"})
		same(t, "participations after ForgetPerson(p1)", parts, []string{"pa2"})
		same(t, "people after ForgetPerson(p1)", people, []string{"p2", "p3"})
		// The id is free again, for a new person.
		mustPerson(t, s, "p1", "low")

		e2, err := s.ForgetPerson(t.Context(), "p3")
		noErr(t, err, "ForgetPerson(p3)")
		if e2.ID != "erasure-000002" || e2.Relationships != 1 || e2.Participations != 0 {
			t.Fatalf("ForgetPerson(p3) = %s, want erasure-000002 with 1 relationship", show(e2))
		}
		conn, err := s.Erasures(t.Context(), store.Page{})
		noErr(t, err, "Erasures")
		same(t, "Erasures", conn.Items, []store.Erasure{e, e2})
		if conn.TotalCount != 2 || conn.HasNextPage {
			t.Fatalf("Erasures: total %d, hasNext %v, want 2, false", conn.TotalCount, conn.HasNextPage)
		}
		first, err := s.Erasures(t.Context(), store.Page{First: 1})
		noErr(t, err, "Erasures(first 1)")
		same(t, "Erasures(first 1)", first.Items, []store.Erasure{e})
		if !first.HasNextPage || first.EndCursor != store.EncodeCursor(e.ID) {
			t.Fatalf("Erasures(first 1): hasNext %v, end %q", first.HasNextPage, first.EndCursor)
		}
		rest, err := s.Erasures(t.Context(), store.Page{First: 1, After: first.EndCursor})
		noErr(t, err, "Erasures(after first)")
		same(t, "Erasures(after first)", rest.Items, []store.Erasure{e2})
	})

	t.Run("Refusals", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		mustRel(t, s, "r1o", "p1", "o1", nil, nil)
		before := dump(t, s)
		tests := []struct {
			name, id, code string
		}{
			{"missing", "nobody", store.ENOTFOUND},
			{"empty id", "", store.ENOTFOUND},
			{"organisation", "o1", store.EINVALID},
			{"place", "top", store.ENOTFOUND},
			{"forum", "f1", store.ENOTFOUND},
			{"relationship", "r1o", store.ENOTFOUND},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.ForgetPerson(t.Context(), tt.id)
				wantRefusal(t, err, tt.code, "ForgetPerson("+tt.id+")")
			})
		}
		unchanged(t, s, before, "refused ForgetPerson")
		conn, err := s.Erasures(t.Context(), store.Page{})
		noErr(t, err, "Erasures")
		if len(conn.Items) != 0 || conn.TotalCount != 0 {
			t.Fatalf("Erasures after refusals = %s, want none", show(conn.Items))
		}
		// A repeat request for a forgotten person is not recognised.
		_, err = s.ForgetPerson(t.Context(), "p2")
		noErr(t, err, "ForgetPerson(p2)")
		_, err = s.ForgetPerson(t.Context(), "p2")
		wantRefusal(t, err, store.ENOTFOUND, "ForgetPerson(p2) again")
	})

	t.Run("ErasuresPageValidation", func(t *testing.T) {
		s := open(t)
		_, err := s.Erasures(t.Context(), store.Page{First: -1})
		wantRefusal(t, err, store.EINVALID, "Erasures(first -1)")
		_, err = s.Erasures(t.Context(), store.Page{After: "not a cursor!"})
		wantRefusal(t, err, store.EINVALID, "Erasures(bad cursor)")
	})
}
