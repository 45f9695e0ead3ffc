package resolvers_test

import (
	"reflect"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
)

// TestViewer checks what viewer tells a dashboard for each kind of key:
// role, places, whether person-level data may be read, and whether the
// explorer is offered (admins, and everyone in development mode).
func TestViewer(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	newEnvOver(t, st, resolvers.Options{}).seed(t)
	type view struct {
		KeyID       string
		Role        string
		Places      []struct{ ID, Name string }
		PersonLevel bool
		Explorer    bool
	}
	tests := []struct {
		name        string
		p           auth.Principal
		dev         bool
		wantRole    string
		wantPlaces  []string
		wantPerson  bool
		wantExplore bool
	}{
		{name: "local admin", p: auth.LocalAdmin, wantRole: "ADMIN", wantPlaces: []string{}, wantPerson: true, wantExplore: true},
		{name: "admin with places is unscoped", p: auth.Principal{KeyID: "a", Role: auth.RoleAdmin, Places: []string{"north"}}, wantRole: "ADMIN", wantPlaces: []string{}, wantPerson: true, wantExplore: true},
		{name: "scoped analyst", p: auth.Principal{KeyID: "ana", Role: auth.RoleAnalyst, Places: []string{"north"}}, wantRole: "ANALYST", wantPlaces: []string{"north"}, wantPerson: true},
		{name: "editor of two places", p: auth.Principal{KeyID: "ed", Role: auth.RoleEditor, Places: []string{"south", "north"}}, wantRole: "EDITOR", wantPlaces: []string{"north", "south"}, wantPerson: true},
		{name: "funder", p: auth.Principal{KeyID: "fun", Role: auth.RoleFunder}, wantRole: "FUNDER", wantPlaces: []string{}},
		{name: "funder in dev mode", p: auth.Principal{KeyID: "fun", Role: auth.RoleFunder}, dev: true, wantRole: "FUNDER", wantPlaces: []string{}, wantExplore: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnvAs(t, st, resolvers.Options{Dev: tt.dev}, tt.p)
			var resp struct{ Viewer view }
			e.do(t, `{ viewer { keyId role places { id name } personLevel explorer } }`, &resp)
			v := resp.Viewer
			places := []string{}
			for _, p := range v.Places {
				places = append(places, p.ID)
			}
			if v.KeyID != tt.p.KeyID || v.Role != tt.wantRole || !reflect.DeepEqual(places, tt.wantPlaces) ||
				v.PersonLevel != tt.wantPerson || v.Explorer != tt.wantExplore {
				t.Fatalf("viewer(%s) = %+v (places %v), want key %s role %s places %v personLevel %v explorer %v",
					tt.name, v, places, tt.p.KeyID, tt.wantRole, tt.wantPlaces, tt.wantPerson, tt.wantExplore)
			}
		})
	}
}
