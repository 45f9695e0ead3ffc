package service_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// authzService returns a Service over a small network:
//
//	town ─┬─ north ── north-a   ann (north), cat (north-a), club (north), board (north)
//	      └─ south              bob (south)
//	fund (FUNDER, town); ties ann–bob, ann–cat; ann sits on board.
func authzService(t *testing.T) *service.Service {
	t.Helper()
	return service.New(authzStore(t), nil)
}

// authzStore is the store of authzService.
func authzStore(t *testing.T) store.Store {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	community := func(id, place string) store.Person {
		return store.Person{ID: id, Name: "Name of " + id, PlaceID: place, Groups: []string{"parent"}, Capacity: store.CapacityCommunity, Consent: store.ConsentGiven}
	}
	_, err := st.Import(t.Context(), store.Batch{
		Places: []store.Place{{ID: "town", Name: "Town"}, {ID: "north", Name: "North", ParentID: "town"},
			{ID: "north-a", Name: "North A", ParentID: "north"}, {ID: "south", Name: "South", ParentID: "town"}},
		People:         []store.Person{community("ann", "north"), community("bob", "south"), community("cat", "north-a")},
		Organisations:  []store.Organisation{{ID: "club", Name: "Club", PlaceID: "north", Kind: store.OrgCommunityGroup}, {ID: "fund", Name: "Fund", PlaceID: "town", Kind: store.OrgFunder}},
		Relationships:  []store.Relationship{{ID: "r-ann-bob", FromID: "ann", ToID: "bob", Kind: store.RelKnows, Weight: 1}, {ID: "r-ann-cat", FromID: "ann", ToID: "cat", Kind: store.RelKnows, Weight: 1}},
		Forums:         []store.Forum{{ID: "board", Name: "Board", PlaceID: "north", DecisionMaking: true}},
		Participations: []store.Participation{{ID: "p-ann", ActorID: "ann", ForumID: "board", Level: store.LevelLead, JoinedAtStage: store.StageIdea}},
	})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return st
}

func as(t *testing.T, role auth.Role, places ...string) context.Context {
	return auth.With(t.Context(), auth.Principal{KeyID: string(role), Role: role, Places: places})
}

// TestAuthzRoles runs a representative method of each operation class as
// each role: aggregate read (Summary), person-level read (Person), write
// (UpsertOrganisation) and administration (Erasures).
func TestAuthzRoles(t *testing.T) {
	t.Parallel()
	svc := authzService(t)
	ops := map[string]func(ctx context.Context) error{
		"aggregate": func(ctx context.Context) error {
			_, err := svc.Summary(ctx, store.Scope{PlaceID: "north"})
			return err
		},
		"person": func(ctx context.Context) error {
			_, err := svc.Person(ctx, "ann")
			return err
		},
		"write": func(ctx context.Context) error {
			_, err := svc.UpsertOrganisation(ctx, store.Organisation{ID: "club", Name: "Club", PlaceID: "north", Kind: store.OrgCommunityGroup})
			return err
		},
		"admin": func(ctx context.Context) error {
			_, err := svc.Erasures(ctx, store.Page{First: 10})
			return err
		},
	}
	tests := []struct {
		name string
		ctx  context.Context
		want map[string]string // op -> code ("" for success)
	}{
		{"no principal", t.Context(), map[string]string{"aggregate": store.EUNAUTHORIZED, "person": store.EUNAUTHORIZED, "write": store.EUNAUTHORIZED, "admin": store.EUNAUTHORIZED}},
		{"admin", as(t, auth.RoleAdmin), map[string]string{"aggregate": "", "person": "", "write": "", "admin": ""}},
		{"editor", as(t, auth.RoleEditor, "north"), map[string]string{"aggregate": "", "person": "", "write": "", "admin": store.EFORBIDDEN}},
		{"analyst", as(t, auth.RoleAnalyst, "north"), map[string]string{"aggregate": "", "person": "", "write": store.EFORBIDDEN, "admin": store.EFORBIDDEN}},
		{"funder", as(t, auth.RoleFunder), map[string]string{"aggregate": "", "person": store.EFORBIDDEN, "write": store.EFORBIDDEN, "admin": store.EFORBIDDEN}},
		{"unknown role", as(t, auth.Role("owner")), map[string]string{"aggregate": store.EFORBIDDEN, "person": store.EFORBIDDEN, "write": store.EFORBIDDEN, "admin": store.EFORBIDDEN}},
	}
	for _, tt := range tests {
		for _, op := range []string{"aggregate", "person", "write", "admin"} {
			t.Run(tt.name+"/"+op, func(t *testing.T) {
				err := ops[op](tt.ctx)
				if got := store.ErrorCode(err); got != tt.want[op] {
					t.Fatalf("%s as %s: code %q (%v), want %q", op, tt.name, got, err, tt.want[op])
				}
			})
		}
	}
}

// TestAuthzPlaceScoping checks that, for a principal scoped to north, an
// entity outside gives exactly the error of a missing id, and lists and
// analyses keep to the place.
func TestAuthzPlaceScoping(t *testing.T) {
	t.Parallel()
	svc := authzService(t)
	ctx := as(t, auth.RoleAnalyst, "north")
	lookups := []struct {
		name string
		get  func(id string) error
		in   string
		out  string
	}{
		{"Person", func(id string) error { _, err := svc.Person(ctx, id); return err }, "cat", "bob"},
		{"Place", func(id string) error { _, err := svc.Place(ctx, id); return err }, "north-a", "south"},
		{"Organisation", func(id string) error { _, err := svc.Organisation(ctx, id); return err }, "club", "fund"},
		{"Kind", func(id string) error { _, err := svc.Kind(ctx, id); return err }, "ann", "bob"},
		{"Relationship", func(id string) error { _, err := svc.Relationship(ctx, id); return err }, "r-ann-cat", "r-ann-bob"},
		{"Summary", func(id string) error { _, err := svc.Summary(ctx, store.Scope{PlaceID: id}); return err }, "north", "south"},
		{"Centrality", func(id string) error {
			_, err := svc.Centrality(ctx, store.Scope{PlaceID: id}, analysis.Degree, false)
			return err
		}, "north", "town"},
	}
	for _, tt := range lookups {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.get(tt.in); err != nil {
				t.Fatalf("%s(%q) in place: %v", tt.name, tt.in, err)
			}
			outErr := tt.get(tt.out)
			missErr := tt.get("missing-" + tt.out)
			if store.ErrorCode(outErr) != store.ENOTFOUND {
				t.Fatalf("%s(%q) outside = %v, want ENOTFOUND", tt.name, tt.out, outErr)
			}
			// The same answer as for a missing id, with the id swapped.
			want := store.ErrorMessage(missErr)
			if got := store.ErrorMessage(outErr); replaceID(got, tt.out) != replaceID(want, "missing-"+tt.out) {
				t.Fatalf("%s outside = %q, missing = %q: want the same message", tt.name, got, want)
			}
		})
	}

	people, err := svc.People(ctx, store.PeopleFilter{}, store.Page{First: 50})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range people.Items {
		ids = append(ids, p.ID)
	}
	if fmt.Sprint(ids) != "[ann cat]" {
		t.Fatalf("People() = %v, want [ann cat] (north and its descendants)", ids)
	}
	places, err := svc.Places(ctx, store.PlaceFilter{}, store.Page{First: 50})
	if err != nil || len(places.Items) != 1 || places.Items[0].ID != "north" {
		t.Fatalf("Places() = %+v, %v; want [north]", places.Items, err)
	}
	actors, err := svc.ActorsByID(ctx, []string{"ann", "bob", "fund", "club"})
	if err != nil || len(actors) != 2 || actors["bob"].ID() != "" || actors["fund"].ID() != "" {
		t.Fatalf("ActorsByID = %v, %v; want ann and club only", actors, err)
	}
	if _, err := svc.Relationships(ctx, store.RelationshipFilter{}, store.Page{First: 10}); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("Relationships(no actor) = %v, want EINVALID", err)
	}
	two := as(t, auth.RoleAnalyst, "north", "south")
	if _, err := svc.Summary(two, store.Scope{}); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("Summary(no place) with two places = %v, want EINVALID", err)
	}
}

// replaceID replaces id in msg by a marker, to compare two messages about
// different ids.
func replaceID(msg, id string) string {
	out := ""
	for i := 0; i < len(msg); {
		if len(msg)-i >= len(id) && msg[i:i+len(id)] == id {
			out += "<id>"
			i += len(id)
			continue
		}
		out += msg[i : i+1]
		i++
	}
	return out
}

// TestAuthzEditorWrites checks an editor's writes stay within its places.
func TestAuthzEditorWrites(t *testing.T) {
	t.Parallel()
	svc := authzService(t)
	ctx := as(t, auth.RoleEditor, "north")
	tests := []struct {
		name  string
		write func() error
		want  string
	}{
		{"person in place", func() error {
			_, err := svc.UpsertPerson(ctx, store.Person{ID: "dan", Name: "Dan", PlaceID: "north-a", Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
			return err
		}, ""},
		{"person outside", func() error {
			_, err := svc.UpsertPerson(ctx, store.Person{ID: "eve", Name: "Eve", PlaceID: "south", Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
			return err
		}, store.ENOTFOUND},
		{"move someone from outside", func() error {
			_, err := svc.UpsertPerson(ctx, store.Person{ID: "bob", Name: "Bob", PlaceID: "north", Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
			return err
		}, store.ECONFLICT},
		{"tie to outside", func() error {
			_, err := svc.Connect(ctx, store.Relationship{ID: "r-new", FromID: "ann", ToID: "bob", Kind: store.RelKnows, Weight: 1})
			return err
		}, store.ENOTFOUND},
		{"delete outside", func() error { return svc.DeleteActor(ctx, "bob") }, store.ENOTFOUND},
		// ann is in north, but her tie to bob is south's data too.
		{"delete with a tie outside", func() error { return svc.DeleteActor(ctx, "ann") }, store.EFORBIDDEN},
		// r-ann-bob ties ann (north) to bob (south): re-using its id for a
		// tie within north would erase bob's tie.
		{"overwrite a tie reaching outside", func() error {
			_, err := svc.Connect(ctx, store.Relationship{ID: "r-ann-bob", FromID: "ann", ToID: "cat", Kind: store.RelKnows, Weight: 1})
			return err
		}, store.ECONFLICT},
		{"overwrite a tie within", func() error {
			_, err := svc.Connect(ctx, store.Relationship{ID: "r-ann-cat", FromID: "cat", ToID: "club", Kind: store.RelMemberOf, Weight: 1})
			return err
		}, ""},
		{"top-level place", func() error {
			_, err := svc.UpsertPlace(ctx, store.Place{ID: "city", Name: "City"})
			return err
		}, store.EFORBIDDEN},
		{"child place", func() error {
			_, err := svc.UpsertPlace(ctx, store.Place{ID: "north-b", Name: "North B", ParentID: "north"})
			return err
		}, ""},
		{"import", func() error {
			_, err := svc.Import(ctx, store.Batch{})
			return err
		}, store.EFORBIDDEN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := store.ErrorCode(tt.write()); got != tt.want {
				t.Fatalf("code %q, want %q", got, tt.want)
			}
		})
	}
}

// TestAuthzFunder checks that a funder sees organisations but no people.
func TestAuthzFunder(t *testing.T) {
	t.Parallel()
	svc := authzService(t)
	ctx := as(t, auth.RoleFunder)
	actors, err := svc.ActorsByID(ctx, []string{"ann", "club"})
	if err != nil || len(actors) != 1 || actors["club"].ID() != "club" {
		t.Fatalf("ActorsByID as funder = %v, %v; want club only", actors, err)
	}
	rep, err := svc.Communities(ctx, store.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Communities {
		for _, m := range c.Members {
			if m.Person != nil {
				t.Fatalf("Communities as funder lists person %s", m.ID())
			}
		}
	}
	if _, err := svc.UnheardVoices(ctx, store.Scope{}, service.VoiceFilter{First: 10}); store.ErrorCode(err) != store.EFORBIDDEN {
		t.Fatalf("UnheardVoices as funder = %v, want EFORBIDDEN", err)
	}
}

func TestUnheardVoiceGroupsSuppression(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	var people []store.Person
	// 6 parents (5 isolated, so unheard, 1 on the board), 3 carers.
	for i := range 6 {
		people = append(people, store.Person{ID: fmt.Sprintf("parent-%d", i), Name: "P", PlaceID: "town", Groups: []string{"parent"}, Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
	}
	// 10 young people, 5 on the board and 5 isolated: nothing withheld.
	parts := []store.Participation{{ID: "pp", ActorID: "parent-0", ForumID: "board", Level: store.LevelLead, JoinedAtStage: store.StageIdea}}
	for i := range 10 {
		id := fmt.Sprintf("young-%d", i)
		people = append(people, store.Person{ID: id, Name: "Y", PlaceID: "town", Groups: []string{"young person"}, Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
		if i < 5 {
			parts = append(parts, store.Participation{ID: "pp-" + id, ActorID: id, ForumID: "board", Level: store.LevelLead, JoinedAtStage: store.StageIdea})
		}
	}
	for i := range 3 {
		people = append(people, store.Person{ID: fmt.Sprintf("carer-%d", i), Name: "C", PlaceID: "town", Groups: []string{"carer"}, Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
	}
	_, err := st.Import(t.Context(), store.Batch{
		Places: []store.Place{{ID: "town", Name: "Town"}}, People: people,
		Forums:         []store.Forum{{ID: "board", Name: "Board", PlaceID: "town", DecisionMaking: true}},
		Participations: parts,
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(st, nil)
	got, err := svc.UnheardVoiceGroups(as(t, auth.RoleFunder), "town", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("UnheardVoiceGroups = %+v, want 3 groups", got)
	}
	carer, parent, young := got[0], got[1], got[2]
	if young.Group != "young person" || young.People == nil || *young.People != 10 || young.Unheard == nil || *young.Unheard != 5 || young.Suppressed {
		t.Fatalf("young person = %+v, want 10 people, 5 unheard, not suppressed", young)
	}
	if carer.Group != "carer" || carer.People != nil || carer.Unheard != nil || !carer.Suppressed {
		t.Fatalf("carer = %+v, want both figures withheld (3 people < %d)", carer, service.SuppressBelow)
	}
	// 6 parents, 5 unheard: the 1 heard parent would be singled out.
	if parent.Group != "parent" || parent.People == nil || *parent.People != 6 || parent.Unheard != nil || !parent.Suppressed {
		t.Fatalf("parent = %+v, want people 6 and unheard withheld", parent)
	}
	if _, err := svc.UnheardVoiceGroups(t.Context(), "town", nil); store.ErrorCode(err) != store.EUNAUTHORIZED {
		t.Fatalf("without principal: %v, want EUNAUTHORIZED", err)
	}
}
