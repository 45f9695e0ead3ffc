package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

func testForums(t *testing.T, open Opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		tests := []struct {
			name string
			in   store.Forum
			want store.Forum
		}{
			{"decision making with groups",
				store.Forum{ID: "f1", Name: "Board", PlaceID: "mid", DecisionMaking: true, AffectsGroups: []string{"young person", "parent", "young person "}},
				store.Forum{ID: "f1", Name: "Board", PlaceID: "mid", DecisionMaking: true, AffectsGroups: []string{"parent", "young person"}}},
			{"plain", store.Forum{ID: "f2", Name: "Workshops", PlaceID: "other"},
				store.Forum{ID: "f2", Name: "Workshops", PlaceID: "other"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.UpsertForum(t.Context(), tt.in)
				noErr(t, err, "UpsertForum")
				same(t, "UpsertForum", canonForum(got), tt.want)
				read, err := s.Forum(t.Context(), tt.in.ID)
				noErr(t, err, "Forum")
				same(t, "Forum("+tt.in.ID+")", canonForum(read), tt.want)
				k, err := s.Kind(t.Context(), tt.in.ID)
				noErr(t, err, "Kind")
				same(t, "Kind", k, store.KindForum)
			})
		}
		got, err := s.ForumsByID(t.Context(), []string{"f2", "p1", "nowhere", "f2"})
		noErr(t, err, "ForumsByID")
		if len(got) != 1 || got["f2"].Name != "Workshops" {
			t.Fatalf("ForumsByID = %s, want f2 only", show(got))
		}
		for _, id := range []string{"nowhere", "p1", "top"} {
			_, err := s.Forum(t.Context(), id)
			wantRefusal(t, err, store.ENOTFOUND, "Forum("+id+")")
		}
	})

	t.Run("ReplaceAndIdempotent", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		in := store.Forum{ID: "f1", Name: "Board", PlaceID: "low", DecisionMaking: true, AffectsGroups: []string{"carer"}}
		_, err := s.UpsertForum(t.Context(), in)
		noErr(t, err, "UpsertForum")
		before := dump(t, s)
		_, err = s.UpsertForum(t.Context(), in)
		noErr(t, err, "repeat UpsertForum")
		unchanged(t, s, before, "repeat UpsertForum")
		repl := store.Forum{ID: "f1", Name: "Panel", PlaceID: "other"}
		_, err = s.UpsertForum(t.Context(), repl)
		noErr(t, err, "replace UpsertForum")
		read, err := s.Forum(t.Context(), "f1")
		noErr(t, err, "Forum")
		same(t, "Forum(f1) after replace", canonForum(read), repl)
		same(t, "Forums(top) after move", listForums(t, s, store.ForumFilter{PlaceID: "top"}), []string(nil))
		same(t, "Forums(other) after move", listForums(t, s, store.ForumFilter{PlaceID: "other"}), []string{"f1"})
	})

	t.Run("Refused", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		before := dump(t, s)
		tests := []struct {
			name string
			in   store.Forum
			code string
		}{
			{"empty id", store.Forum{Name: "x", PlaceID: "top"}, store.EINVALID},
			{"no name", store.Forum{ID: "x", PlaceID: "top"}, store.EINVALID},
			{"no place", store.Forum{ID: "x", Name: "x"}, store.EINVALID},
			{"missing place", store.Forum{ID: "x", Name: "x", PlaceID: "nowhere"}, store.ENOTFOUND},
			{"place is a person", store.Forum{ID: "x", Name: "x", PlaceID: "p1"}, store.ENOTFOUND},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.UpsertForum(t.Context(), tt.in)
				wantRefusal(t, err, tt.code, "UpsertForum("+tt.name+")")
				unchanged(t, s, before, "refused UpsertForum")
			})
		}
	})

	t.Run("Filters", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f-top", "top")
		mustForum(t, s, "f-low", "low")
		mustForum(t, s, "f-other", "other")
		tests := []struct {
			name string
			f    store.ForumFilter
			want []string
		}{
			{"all", store.ForumFilter{}, []string{"f-low", "f-other", "f-top"}},
			{"place with descendants", store.ForumFilter{PlaceID: "top"}, []string{"f-low", "f-top"}},
			{"middle place", store.ForumFilter{PlaceID: "mid"}, []string{"f-low"}},
			{"other", store.ForumFilter{PlaceID: "other"}, []string{"f-other"}},
			{"missing place", store.ForumFilter{PlaceID: "nowhere"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				same(t, "Forums("+show(tt.f)+")", listForums(t, s, tt.f), tt.want)
			})
		}
	})
}
