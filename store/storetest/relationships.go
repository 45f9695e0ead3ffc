package storetest

import (
	"math"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

func testRelationships(t *testing.T, open Opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		at := time.Date(2021, 3, 4, 17, 30, 0, 0, time.UTC)
		tests := []struct {
			name string
			in   store.Relationship
			want store.Relationship
		}{
			{"dated, times truncated to the day",
				store.Relationship{ID: "r1", FromID: "p1", ToID: "o1", Kind: store.RelEmployedBy, Weight: 2.5, Since: &at, Until: date(2022, 1, 1)},
				store.Relationship{ID: "r1", FromID: "p1", ToID: "o1", Kind: store.RelEmployedBy, Weight: 2.5, Since: date(2021, 3, 4), Until: date(2022, 1, 1)}},
			{"open-ended", store.Relationship{ID: "r2", FromID: "p2", ToID: "p1", Kind: store.RelKnows, Weight: 0.25},
				store.Relationship{ID: "r2", FromID: "p2", ToID: "p1", Kind: store.RelKnows, Weight: 0.25}},
			{"since only", store.Relationship{ID: "r3", FromID: "o1", ToID: "p3", Kind: store.RelFunds, Weight: 1, Since: date(2019, 12, 31)},
				store.Relationship{ID: "r3", FromID: "o1", ToID: "p3", Kind: store.RelFunds, Weight: 1, Since: date(2019, 12, 31)}},
			{"same day", store.Relationship{ID: "r4", FromID: "p3", ToID: "p2", Kind: store.RelAdvises, Weight: 1, Since: date(2020, 5, 5), Until: date(2020, 5, 5)},
				store.Relationship{ID: "r4", FromID: "p3", ToID: "p2", Kind: store.RelAdvises, Weight: 1, Since: date(2020, 5, 5), Until: date(2020, 5, 5)}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.Connect(t.Context(), tt.in)
				noErr(t, err, "Connect")
				same(t, "Connect", canonRel(got), tt.want)
				read, err := s.Relationship(t.Context(), tt.in.ID)
				noErr(t, err, "Relationship")
				same(t, "Relationship("+tt.in.ID+")", canonRel(read), tt.want)
				k, err := s.Kind(t.Context(), tt.in.ID)
				noErr(t, err, "Kind")
				same(t, "Kind", k, store.KindRelationship)
			})
		}
		for _, kind := range store.RelKinds {
			_, err := s.Connect(t.Context(), store.Relationship{ID: "rk", FromID: "p1", ToID: "p2", Kind: kind, Weight: 1})
			noErr(t, err, "Connect(kind "+string(kind)+")")
			r, err := s.Relationship(t.Context(), "rk")
			noErr(t, err, "Relationship(rk)")
			same(t, "Relationship(rk).Kind", r.Kind, kind)
		}
		_, err := s.Relationship(t.Context(), "p1")
		wantRefusal(t, err, store.ENOTFOUND, "Relationship(person id)")
	})

	t.Run("ReplaceAndIdempotent", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		in := store.Relationship{ID: "r1", FromID: "p1", ToID: "p2", Kind: store.RelKnows, Weight: 1, Since: date(2020, 1, 1)}
		_, err := s.Connect(t.Context(), in)
		noErr(t, err, "Connect")
		before := dump(t, s)
		_, err = s.Connect(t.Context(), in)
		noErr(t, err, "repeat Connect")
		unchanged(t, s, before, "repeat Connect")
		repl := store.Relationship{ID: "r1", FromID: "p3", ToID: "o1", Kind: store.RelMemberOf, Weight: 3}
		_, err = s.Connect(t.Context(), repl)
		noErr(t, err, "replace Connect")
		read, err := s.Relationship(t.Context(), "r1")
		noErr(t, err, "Relationship")
		same(t, "Relationship(r1) after replace", canonRel(read), repl)
		same(t, "Relationships(p1) after replace", listRels(t, s, store.RelationshipFilter{ActorID: "p1"}), []string(nil))
		same(t, "Relationships(p2) after replace", listRels(t, s, store.RelationshipFilter{ActorID: "p2"}), []string(nil))
		same(t, "Relationships(o1) after replace", listRels(t, s, store.RelationshipFilter{ActorID: "o1"}), []string{"r1"})
		// DeleteActor of the old end must not take the moved relationship.
		noErr(t, s.DeleteActor(t.Context(), "p1"), "DeleteActor(p1)")
		same(t, "relationships after DeleteActor(p1)", ids(dump(t, s).Relationships, relID), []string{"r1"})
	})

	t.Run("Invalid", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustRel(t, s, "r0", "p1", "p2", nil, nil)
		before := dump(t, s)
		ok := store.Relationship{ID: "r", FromID: "p1", ToID: "p2", Kind: store.RelKnows, Weight: 1}
		tests := []struct {
			name   string
			change func(r *store.Relationship)
		}{
			{"empty id", func(r *store.Relationship) { r.ID = "" }},
			{"empty from", func(r *store.Relationship) { r.FromID = "" }},
			{"self tie", func(r *store.Relationship) { r.ToID = r.FromID }},
			{"zero weight", func(r *store.Relationship) { r.Weight = 0 }},
			{"negative weight", func(r *store.Relationship) { r.Weight = -1 }},
			{"NaN weight", func(r *store.Relationship) { r.Weight = math.NaN() }},
			{"infinite weight", func(r *store.Relationship) { r.Weight = math.Inf(1) }},
			{"unknown kind", func(r *store.Relationship) { r.Kind = "LIKES" }},
			{"no kind", func(r *store.Relationship) { r.Kind = "" }},
			{"until before since", func(r *store.Relationship) { r.Since, r.Until = date(2020, 2, 1), date(2020, 1, 31) }},
			{"replacing with a self tie", func(r *store.Relationship) { r.ID, r.ToID = "r0", "p1" }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := ok
				tt.change(&r)
				_, err := s.Connect(t.Context(), r)
				wantRefusal(t, err, store.EINVALID, "Connect("+tt.name+")")
				unchanged(t, s, before, "invalid Connect")
			})
		}
	})

	t.Run("MissingActor", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustForum(t, s, "f1", "top")
		mustRel(t, s, "r0", "p1", "p2", nil, nil)
		before := dump(t, s)
		tests := []struct{ name, from, to string }{
			{"missing to", "p1", "nobody"},
			{"missing from", "nobody", "p1"},
			{"both missing", "nobody", "noone"},
			{"to a forum", "p1", "f1"},
			{"from a place", "top", "p1"},
			{"to a relationship", "p1", "r0"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.Connect(t.Context(), store.Relationship{ID: "r", FromID: tt.from, ToID: tt.to, Kind: store.RelKnows, Weight: 1})
				wantRefusal(t, err, store.ENOTFOUND, "Connect("+tt.name+")")
				_, err = s.Connect(t.Context(), store.Relationship{ID: "r0", FromID: tt.from, ToID: tt.to, Kind: store.RelKnows, Weight: 1})
				wantRefusal(t, err, store.ENOTFOUND, "Connect(replace, "+tt.name+")")
				unchanged(t, s, before, "refused Connect")
			})
		}
	})

	t.Run("Disconnect", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustRel(t, s, "r1", "p1", "p2", nil, nil)
		mustRel(t, s, "r2", "p2", "p3", nil, nil)
		noErr(t, s.Disconnect(t.Context(), "r1"), "Disconnect(r1)")
		_, err := s.Relationship(t.Context(), "r1")
		wantRefusal(t, err, store.ENOTFOUND, "Relationship(r1) after Disconnect")
		_, err = s.Kind(t.Context(), "r1")
		wantRefusal(t, err, store.ENOTFOUND, "Kind(r1) after Disconnect")
		same(t, "Relationships(p2)", listRels(t, s, store.RelationshipFilter{ActorID: "p2"}), []string{"r2"})
		same(t, "Relationships(p1)", listRels(t, s, store.RelationshipFilter{ActorID: "p1"}), []string(nil))
		before := dump(t, s)
		for _, id := range []string{"r1", "nowhere", "p1", "top"} {
			wantRefusal(t, s.Disconnect(t.Context(), id), store.ENOTFOUND, "Disconnect("+id+")")
		}
		unchanged(t, s, before, "refused Disconnect")
		mustRel(t, s, "r1", "p3", "o1", nil, nil)
	})

	t.Run("Filters", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		mustRel(t, s, "r-2020", "p1", "p2", date(2020, 1, 1), date(2020, 12, 31))
		mustRel(t, s, "r-until", "p2", "p3", nil, date(2019, 6, 30))
		mustRel(t, s, "r-since", "o1", "p1", date(2021, 1, 1), nil)
		mustRel(t, s, "r-open", "p3", "o1", nil, nil)
		late := time.Date(2020, 12, 31, 23, 59, 0, 0, time.UTC)
		tests := []struct {
			name string
			f    store.RelationshipFilter
			want []string
		}{
			{"all", store.RelationshipFilter{}, []string{"r-2020", "r-open", "r-since", "r-until"}},
			{"from end", store.RelationshipFilter{ActorID: "o1"}, []string{"r-open", "r-since"}},
			{"either end", store.RelationshipFilter{ActorID: "p1"}, []string{"r-2020", "r-since"}},
			{"to end", store.RelationshipFilter{ActorID: "p3"}, []string{"r-open", "r-until"}},
			{"missing actor", store.RelationshipFilter{ActorID: "nobody"}, nil},
			{"until is inclusive", store.RelationshipFilter{AsOf: date(2019, 6, 30)}, []string{"r-open", "r-until"}},
			{"day after until", store.RelationshipFilter{AsOf: date(2019, 7, 1)}, []string{"r-open"}},
			{"since is inclusive", store.RelationshipFilter{AsOf: date(2020, 1, 1)}, []string{"r-2020", "r-open"}},
			{"last day, late", store.RelationshipFilter{AsOf: &late}, []string{"r-2020", "r-open"}},
			{"after", store.RelationshipFilter{AsOf: date(2021, 1, 1)}, []string{"r-open", "r-since"}},
			{"long ago", store.RelationshipFilter{AsOf: date(1900, 1, 1)}, []string{"r-open", "r-until"}},
			{"actor and date", store.RelationshipFilter{ActorID: "p1", AsOf: date(2022, 1, 1)}, []string{"r-since"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				same(t, "Relationships("+show(tt.f)+")", listRels(t, s, tt.f), tt.want)
			})
		}
	})
}
