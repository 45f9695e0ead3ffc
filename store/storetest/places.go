package storetest

import (
	"testing"

	"github.com/voicemap/voicemap/store"
)

// multiSquares is a MultiPolygon of two unit squares, the second with a
// hole, in canonical form (exteriors counterclockwise, the hole clockwise).
const multiSquares = `{"type":"MultiPolygon","coordinates":[[[[-1.5,53],[-1.4,53],[-1.4,53.1],[-1.5,53.1],[-1.5,53]]],` +
	`[[[-1.3,53],[-1.2,53],[-1.2,53.1],[-1.3,53.1],[-1.3,53]],[[-1.28,53.02],[-1.28,53.08],[-1.22,53.08],[-1.22,53.02],[-1.28,53.02]]]]}`

func testPlaces(t *testing.T, open Opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "la", "")
		tests := []struct {
			name string
			in   store.Place
			want store.Place
		}{
			{"all fields", store.Place{ID: "w1", Name: "Ward One", Code: " E05011111 ", Population: ptr(12000),
				NeedIndex: ptr(2.5), NeedScale: " IMD2019_DECILE ", ParentID: "la"},
				store.Place{ID: "w1", Name: "Ward One", Code: "E05011111", Population: ptr(12000),
					NeedIndex: ptr(2.5), NeedScale: "IMD2019_DECILE", ParentID: "la"}},
			{"zero population and need", store.Place{ID: "w2", Name: "Ward Two", Population: ptr(0), NeedIndex: ptr(0.0), ParentID: "la"},
				store.Place{ID: "w2", Name: "Ward Two", Population: ptr(0), NeedIndex: ptr(0.0), ParentID: "la"}},
			{"nil population and need", store.Place{ID: "w3", Name: "Ward Three"},
				store.Place{ID: "w3", Name: "Ward Three"}},
			{"population by group", store.Place{ID: "w4", Name: "Ward Four", Population: ptr(5000),
				PopulationByGroup: map[string]int{" young person ": 900, "carer": 0, "parent": 1200}, ParentID: "la"},
				store.Place{ID: "w4", Name: "Ward Four", Population: ptr(5000),
					PopulationByGroup: map[string]int{"young person": 900, "carer": 0, "parent": 1200}, ParentID: "la"}},
			{"empty population by group", store.Place{ID: "w5", Name: "Ward Five", PopulationByGroup: map[string]int{}},
				store.Place{ID: "w5", Name: "Ward Five"}},
			{"unicode", store.Place{ID: "llan-ŵ", Name: "Llanfair ŵ", NeedIndex: ptr(-1.25)},
				store.Place{ID: "llan-ŵ", Name: "Llanfair ŵ", NeedIndex: ptr(-1.25)}},
			// A clockwise square with a bbox and altitude: stored in the
			// canonical form, counterclockwise, bbox and altitude dropped.
			{"geometry", store.Place{ID: "w6", Name: "Ward Six", ParentID: "la",
				Geometry: ` {"type": "Polygon", "bbox": [0, 0, 1, 1], "coordinates": [[[0,0,5],[0,1.5,5],[1,1.5,5],[1,0,5],[0,0,5]]]} `},
				store.Place{ID: "w6", Name: "Ward Six", ParentID: "la",
					Geometry: `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1.5],[0,1.5],[0,0]]]}`}},
			{"multipolygon geometry", store.Place{ID: "w7", Name: "Ward Seven", Geometry: multiSquares},
				store.Place{ID: "w7", Name: "Ward Seven", Geometry: multiSquares}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.UpsertPlace(t.Context(), tt.in)
				noErr(t, err, "UpsertPlace")
				same(t, "UpsertPlace", got, tt.want)
				read, err := s.Place(t.Context(), tt.in.ID)
				noErr(t, err, "Place")
				same(t, "Place("+tt.in.ID+")", read, tt.want)
				k, err := s.Kind(t.Context(), tt.in.ID)
				noErr(t, err, "Kind")
				same(t, "Kind", k, store.KindPlace)
			})
		}
	})

	t.Run("ReplaceAndIdempotent", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "a", "")
		mustPlace(t, s, "b", "")
		in := store.Place{ID: "c", Name: "C", Population: ptr(10), NeedIndex: ptr(3.0), ParentID: "a"}
		first, err := s.UpsertPlace(t.Context(), in)
		noErr(t, err, "UpsertPlace")
		before := dump(t, s)
		again, err := s.UpsertPlace(t.Context(), in)
		noErr(t, err, "repeat UpsertPlace")
		same(t, "repeat UpsertPlace", again, first)
		unchanged(t, s, before, "repeat UpsertPlace")
		withShape := store.Place{ID: "c", Name: "C", Geometry: multiSquares, ParentID: "a"}
		_, err = s.UpsertPlace(t.Context(), withShape)
		noErr(t, err, "UpsertPlace with geometry")
		repl := store.Place{ID: "c", Name: "C2", Code: "X", ParentID: "b"}
		got, err := s.UpsertPlace(t.Context(), repl)
		noErr(t, err, "replace UpsertPlace")
		same(t, "replace UpsertPlace", got, repl)
		read, err := s.Place(t.Context(), "c")
		noErr(t, err, "Place")
		same(t, "Place(c) after replace (population, need and geometry cleared)", read, repl)
		if n := len(dump(t, s).Places); n != 3 {
			t.Fatalf("after replace the store holds %d places, want 3", n)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "a", "")
		before := dump(t, s)
		tests := []struct {
			name string
			in   store.Place
			code string
		}{
			{"empty id", store.Place{Name: "x"}, store.EINVALID},
			{"id with spaces", store.Place{ID: " x", Name: "x"}, store.EINVALID},
			{"no name", store.Place{ID: "x"}, store.EINVALID},
			{"negative population", store.Place{ID: "x", Name: "x", Population: ptr(-1)}, store.EINVALID},
			{"negative group count", store.Place{ID: "x", Name: "x", PopulationByGroup: map[string]int{"carer": -1}}, store.EINVALID},
			{"blank group name", store.Place{ID: "x", Name: "x", PopulationByGroup: map[string]int{" ": 3}}, store.EINVALID},
			{"group given twice", store.Place{ID: "x", Name: "x", PopulationByGroup: map[string]int{"carer": 3, " carer": 4}}, store.EINVALID},
			{"NaN need", store.Place{ID: "x", Name: "x", NeedIndex: ptr(nan())}, store.EINVALID},
			{"point geometry", store.Place{ID: "x", Name: "x", Geometry: `{"type":"Point","coordinates":[0,0]}`}, store.EINVALID},
			{"projected geometry", store.Place{ID: "x", Name: "x", Geometry: `{"type":"Polygon","coordinates":[[[530000,180000],[531000,180000],[531000,181000],[530000,180000]]]}`}, store.EINVALID},
			{"open ring", store.Place{ID: "x", Name: "x", Geometry: `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`}, store.EINVALID},
			{"geometry not JSON", store.Place{ID: "x", Name: "x", Geometry: `POLYGON((0 0,1 0,1 1,0 0))`}, store.EINVALID},
			{"own parent", store.Place{ID: "x", Name: "x", ParentID: "x"}, store.ECONFLICT},
			{"missing parent", store.Place{ID: "x", Name: "x", ParentID: "nowhere"}, store.ENOTFOUND},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.UpsertPlace(t.Context(), tt.in)
				wantRefusal(t, err, tt.code, "UpsertPlace("+tt.name+")")
				unchanged(t, s, before, "refused UpsertPlace")
			})
		}
	})

	t.Run("ParentOfWrongKind", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "a", "")
		mustPerson(t, s, "p", "a")
		before := dump(t, s)
		_, err := s.UpsertPlace(t.Context(), store.Place{ID: "x", Name: "x", ParentID: "p"})
		wantRefusal(t, err, store.ENOTFOUND, "UpsertPlace(parent is a person)")
		unchanged(t, s, before, "refused UpsertPlace")
	})

	t.Run("Cycles", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "a", "")
		mustPlace(t, s, "b", "a")
		mustPlace(t, s, "c", "b")
		before := dump(t, s)
		for _, parent := range []string{"b", "c"} {
			_, err := s.UpsertPlace(t.Context(), store.Place{ID: "a", Name: "A", ParentID: parent})
			wantRefusal(t, err, store.ECONFLICT, "UpsertPlace(a under its descendant "+parent+")")
			unchanged(t, s, before, "refused cycle")
		}
	})

	t.Run("Ancestors", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		tests := []struct {
			name, id string
			want     []string
		}{
			{"leaf", "low", []string{"low", "mid", "top"}},
			{"middle", "mid", []string{"mid", "top"}},
			{"root", "top", []string{"top"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.Ancestors(t.Context(), tt.id)
				noErr(t, err, "Ancestors")
				same(t, "Ancestors("+tt.id+")", got, tt.want)
			})
		}
		_, err := s.Ancestors(t.Context(), "nowhere")
		wantRefusal(t, err, store.ENOTFOUND, "Ancestors(missing)")
		_, err = s.Ancestors(t.Context(), "p1")
		wantRefusal(t, err, store.ENOTFOUND, "Ancestors(person id)")
	})

	t.Run("Move", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		// Move mid (with low beneath it) from top to other.
		_, err := s.UpsertPlace(t.Context(), store.Place{ID: "mid", Name: "Mid", ParentID: "other"})
		noErr(t, err, "UpsertPlace(move mid)")
		got, err := s.Ancestors(t.Context(), "low")
		noErr(t, err, "Ancestors")
		same(t, "Ancestors(low) after move", got, []string{"low", "mid", "other"})
		people := all(t, "People(top)", 10, personID, func(p store.Page) (store.Connection[store.Person], error) {
			return s.People(t.Context(), store.PeopleFilter{PlaceID: "top"}, p)
		})
		same(t, "People(top) after move", ids(people, personID), []string(nil))
		people = all(t, "People(other)", 10, personID, func(p store.Page) (store.Connection[store.Person], error) {
			return s.People(t.Context(), store.PeopleFilter{PlaceID: "other"}, p)
		})
		same(t, "People(other) after move", ids(people, personID), []string{"p1", "p2", "p3"})
		kids := all(t, "Places(children of top)", 10, placeID, func(p store.Page) (store.Connection[store.Place], error) {
			return s.Places(t.Context(), store.PlaceFilter{ParentID: "top"}, p)
		})
		same(t, "children of top after move", ids(kids, placeID), []string(nil))
		kids = all(t, "Places(children of other)", 10, placeID, func(p store.Page) (store.Connection[store.Place], error) {
			return s.Places(t.Context(), store.PlaceFilter{ParentID: "other"}, p)
		})
		same(t, "children of other after move", ids(kids, placeID), []string{"mid"})
		// Back to the top level.
		_, err = s.UpsertPlace(t.Context(), store.Place{ID: "mid", Name: "Mid"})
		noErr(t, err, "UpsertPlace(mid to top level)")
		got, err = s.Ancestors(t.Context(), "low")
		noErr(t, err, "Ancestors")
		same(t, "Ancestors(low) at top level", got, []string{"low", "mid"})
	})

	t.Run("ByID", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		got, err := s.PlacesByID(t.Context(), []string{"low", "nowhere", "top", "p1", "low"})
		noErr(t, err, "PlacesByID")
		if len(got) != 2 || got["low"].ParentID != "mid" || got["top"].ID != "top" {
			t.Fatalf("PlacesByID = %s, want low and top only", show(got))
		}
		empty, err := s.PlacesByID(t.Context(), nil)
		noErr(t, err, "PlacesByID(nil)")
		if len(empty) != 0 {
			t.Fatalf("PlacesByID(nil) = %s, want empty", show(empty))
		}
	})

	t.Run("Missing", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		_, err := s.Place(t.Context(), "nowhere")
		wantRefusal(t, err, store.ENOTFOUND, "Place(missing)")
		_, err = s.Place(t.Context(), "p1")
		wantRefusal(t, err, store.ENOTFOUND, "Place(person id)")
		_, err = s.Kind(t.Context(), "nowhere")
		wantRefusal(t, err, store.ENOTFOUND, "Kind(missing)")
	})
}
