package storetest

import (
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// goodBatch references within itself (children before parents, actors
// before places) and the stored actor p1 of seedBasic.
func goodBatch() store.Batch {
	return store.Batch{
		Places: []store.Place{
			{ID: "n-low", Name: "N Low", ParentID: "n-top", Population: ptr(900), NeedIndex: ptr(1.0), NeedScale: "IMD2019_DECILE"},
			{ID: "n-top", Name: "N Top", ParentID: "top"},
		},
		People: []store.Person{
			{ID: "n-p1", Name: "A", PlaceID: "n-low", Groups: []string{"young person", "carer", "carer"}},
			{ID: "n-p2", Name: "B", PlaceID: "n-top", Capacity: store.CapacityProfessional, Consent: store.ConsentGiven},
		},
		Organisations: []store.Organisation{{ID: "n-o1", Name: "Youth Club", PlaceID: "n-low", Kind: store.OrgCommunityGroup}},
		Relationships: []store.Relationship{
			{ID: "n-r1", FromID: "n-p1", ToID: "n-o1", Kind: store.RelMemberOf, Weight: 2, Since: date(2020, 1, 1)},
			{ID: "n-r2", FromID: "p1", ToID: "n-p2", Kind: store.RelKnows, Weight: 1},
		},
		Forums: []store.Forum{{ID: "n-f1", Name: "Youth Board", PlaceID: "n-top", DecisionMaking: true, AffectsGroups: []string{"young person"}}},
		Participations: []store.Participation{
			{ID: "n-pa1", ActorID: "n-p1", ForumID: "n-f1", Level: store.LevelConsult, JoinedAtStage: store.StageDelivery},
			{ID: "n-pa2", ActorID: "p1", ForumID: "n-f1", Level: store.LevelLead, JoinedAtStage: store.StageIdea, Until: date(2022, 3, 1)},
		},
	}
}

func testImport(t *testing.T, open Opener) {
	t.Run("Writes", func(t *testing.T) {
		s := open(t)
		seedBasic(t, s)
		b := goodBatch()
		counts, err := s.Import(t.Context(), b)
		noErr(t, err, "Import")
		written := store.ElementCounts{Places: 2, People: 2, Organisations: 1, Relationships: 2, Forums: 1, Participations: 2}
		same(t, "Import counts", counts, store.ImportCounts{ElementCounts: written})
		p, err := s.Person(t.Context(), "n-p1")
		noErr(t, err, "Person(n-p1)")
		same(t, "imported person", canonPerson(p), store.Person{ID: "n-p1", Name: "A", PlaceID: "n-low",
			Groups: []string{"carer", "young person"}, Capacity: store.CapacityCommunity, Consent: store.ConsentUnknown})
		pl, err := s.Place(t.Context(), "n-low")
		noErr(t, err, "Place(n-low)")
		same(t, "imported place", pl, b.Places[0])
		r, err := s.Relationship(t.Context(), "n-r1")
		noErr(t, err, "Relationship(n-r1)")
		same(t, "imported relationship", canonRel(r), b.Relationships[0])
		pa, err := s.Participation(t.Context(), "n-pa2")
		noErr(t, err, "Participation(n-pa2)")
		same(t, "imported participation", canonPart(pa), b.Participations[1])
		anc, err := s.Ancestors(t.Context(), "n-low")
		noErr(t, err, "Ancestors(n-low)")
		same(t, "Ancestors(n-low)", anc, []string{"n-low", "n-top", "top"})
		same(t, "People(n-top)", listPeople(t, s, store.PeopleFilter{PlaceID: "n-top"}), []string{"n-p1", "n-p2"})
		same(t, "Relationships(p1)", listRels(t, s, store.RelationshipFilter{ActorID: "p1"}), []string{"n-r2"})
		same(t, "Participations(n-f1)", listParts(t, s, store.ParticipationFilter{ForumID: "n-f1"}), []string{"n-pa1", "n-pa2"})

		before := dump(t, s)
		again, err := s.Import(t.Context(), b)
		noErr(t, err, "repeat Import")
		// Every element is stored already: all of them are updates.
		same(t, "repeat Import counts", again, store.ImportCounts{ElementCounts: written, Updated: written})
		unchanged(t, s, before, "repeat Import")

		// Replacing: move n-top to the top level and p1 to other; one new
		// person beside them.
		counts, err = s.Import(t.Context(), store.Batch{
			Places: []store.Place{{ID: "n-top", Name: "N Top"}},
			People: []store.Person{{ID: "p1", Name: "P", PlaceID: "other"}, {ID: "n-p3", Name: "C", PlaceID: "other"}},
		})
		noErr(t, err, "replacing Import")
		same(t, "replacing Import counts", counts, store.ImportCounts{
			ElementCounts: store.ElementCounts{Places: 1, People: 2},
			Updated:       store.ElementCounts{Places: 1, People: 1},
		})
		anc, err = s.Ancestors(t.Context(), "n-low")
		noErr(t, err, "Ancestors(n-low)")
		same(t, "Ancestors(n-low) after move", anc, []string{"n-low", "n-top"})
		same(t, "People(top) after move", listPeople(t, s, store.PeopleFilter{PlaceID: "top"}), []string{"p2"})
		if n := len(dump(t, s).People); n != 6 {
			t.Fatalf("after the replacing import the store holds %d people, want 6", n)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		s := open(t)
		counts, err := s.Import(t.Context(), store.Batch{})
		noErr(t, err, "Import(empty)")
		same(t, "Import(empty)", counts, store.ImportCounts{})
	})

	tests := []struct {
		name   string
		change func(b *store.Batch)
		code   string   // the refusal's code (its problems and message are in testdata/refusals.txt)
		named  []string // ids every one of which a detail must name
	}{
		{"relationship to a missing actor", func(b *store.Batch) {
			b.Relationships[1].ToID = "nobody"
		}, store.ENOTFOUND, []string{"n-r2"}},
		{"every missing reference", func(b *store.Batch) {
			b.Places[1].ParentID = "nowhere"
			b.People[1].PlaceID = "nowhere"
			b.Relationships[0].FromID = "nobody"
			b.Forums[0].PlaceID = "nowhere"
			b.Participations[1].ActorID = "nobody"
			b.Participations = append(b.Participations, store.Participation{ID: "n-pa3", ActorID: "n-p2", ForumID: "nowhere",
				Level: store.LevelInform, JoinedAtStage: store.StageIdea})
		}, store.ENOTFOUND, []string{"n-top", "n-p2", "n-r1", "n-f1", "n-pa2", "n-pa3"}},
		{"relationship to a forum", func(b *store.Batch) {
			b.Relationships[0].ToID = "n-f1"
		}, store.ENOTFOUND, []string{"n-r1"}},
		{"participation whose forum is a person", func(b *store.Batch) {
			b.Participations[0].ForumID = "n-p2"
		}, store.ENOTFOUND, []string{"n-pa1"}},
		{"every invalid element", func(b *store.Batch) {
			b.Places[0].Name = ""
			b.People[0].Consent = "MAYBE"
			b.Organisations[0].Kind = "CHARITY"
			b.Relationships[0].Weight = 0
			b.Relationships[1].ToID = b.Relationships[1].FromID
			b.Forums[0].Name = " "
			b.Participations[0].Level = "SHOUT"
		}, store.EINVALID, []string{"n-low", "n-p1", "n-o1", "n-r1", "n-r2", "n-f1", "n-pa1"}},
		{"same id twice", func(b *store.Batch) {
			b.Organisations = append(b.Organisations, store.Organisation{ID: "n-p2", Name: "Dup", PlaceID: "top"})
		}, store.EINVALID, []string{"n-p2"}},
		{"id held by another kind", func(b *store.Batch) {
			b.Forums[0].ID = "p1"
			b.Participations = b.Participations[:0]
		}, store.ECONFLICT, []string{"p1"}},
		{"cycle within the batch", func(b *store.Batch) {
			b.Places = append(b.Places, store.Place{ID: "c1", Name: "C1", ParentID: "c2"}, store.Place{ID: "c2", Name: "C2", ParentID: "c1"})
		}, store.ECONFLICT, []string{"c1"}},
		{"cycle through stored places", func(b *store.Batch) {
			b.Places = append(b.Places, store.Place{ID: "top", Name: "Top", ParentID: "n-low"})
		}, store.ECONFLICT, []string{"top"}},
		{"problems of several kinds", func(b *store.Batch) {
			b.People[0].Name = ""
			b.Relationships[1].ToID = "nobody"
		}, store.EINVALID, []string{"n-p1", "n-r2"}},
		{"a clash and a missing actor", func(b *store.Batch) {
			b.Forums[0].ID = "p1"
			b.Participations = b.Participations[:0]
			b.Relationships[1].ToID = "nobody"
		}, store.ECONFLICT, []string{"p1", "n-r2"}},
	}
	for _, tt := range tests {
		t.Run("Refused/"+tt.name, func(t *testing.T) {
			s := open(t)
			seedBasic(t, s)
			before := dump(t, s)
			b := goodBatch()
			tt.change(&b)
			counts, err := s.Import(t.Context(), b)
			wantRefusal(t, err, tt.code, "Import("+tt.name+")")
			if counts != (store.ImportCounts{}) {
				t.Errorf("Import(%s) counts = %+v, want zero", tt.name, counts)
			}
			details := store.ErrorDetails(err)
			for _, id := range tt.named {
				if !mentions(details, id) {
					t.Errorf("Import(%s) details %q name no problem with %q", tt.name, details, id)
				}
			}
			unchanged(t, s, before, "refused Import")
		})
	}
}

// testImportProgress checks that Import reports its progress to the
// function of store.WithProgress: the "write" phase from 0 up to every
// element of the batch, never backwards, ending with done = total; the
// "check" and "commit" phases each ending done.
func testImportProgress(t *testing.T, open Opener) {
	s := open(t)
	b := store.Batch{Places: []store.Place{{ID: "top", Name: "Top"}}}
	for i := range 30 {
		b.People = append(b.People, store.Person{ID: fmt.Sprintf("p%02d", i), Name: "P", PlaceID: "top"})
	}
	var calls [][2]int
	last := map[string][2]int{}
	ctx := store.WithProgress(t.Context(), func(phase string, done, total int) {
		last[phase] = [2]int{done, total}
		if phase == "write" {
			calls = append(calls, [2]int{done, total})
		}
	})
	_, err := s.Import(ctx, b)
	noErr(t, err, "Import with progress")
	if len(calls) < 2 || calls[len(calls)-1] != [2]int{31, 31} {
		t.Fatalf("write progress calls = %v, want them to end at 31 of 31", calls)
	}
	for _, phase := range []string{"check", "commit"} {
		if p, ok := last[phase]; !ok || p[0] != p[1] {
			t.Errorf("progress of phase %q ended at %v (reported: %v), want it done", phase, p, ok)
		}
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] && calls[i][0] != 0 {
			t.Fatalf("progress went backwards: %v", calls)
		}
	}
}
