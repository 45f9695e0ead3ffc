package service_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// lambethPlaces is a hand-made place-data file: London > Lambeth > two
// wards, with real ONS GSS codes and illustrative figures (see
// interchange/testdata/README.md), the wards written before their parents.
const lambethPlaces = "Code,Name,Parent Code,Population,Need Index,Need Scale,Population: young person,Population: carer\n" +
	"E05000436,Vassall,E09000022,15200,2,IMD2019_DECILE,1900,1250\n" +
	"E05000416,Bishop's,E09000022,12400,6,IMD2019_DECILE,900,\n" +
	"E12000007,London,,,,,,\n" +
	"E09000022,Lambeth,E12000007,321800,3,IMD2019_DECILE,,\n"

func newImportService(t *testing.T) (*service.Service, store.Store) {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	return service.New(st, slog.New(slog.NewTextHandler(io.Discard, nil))), st
}

// allPlaces returns every stored place, sorted by id.
func allPlaces(t *testing.T, st store.Store) []store.Place {
	t.Helper()
	var out []store.Place
	page := store.Page{First: store.MaxPageSize}
	for {
		conn, err := st.Places(admin(context.Background()), store.PlaceFilter{}, page)
		if err != nil {
			t.Fatalf("Places: %v", err)
		}
		out = append(out, conn.Items...)
		if !conn.HasNextPage {
			return out
		}
		page.After = conn.EndCursor
	}
}

func TestImportPlaces(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	svc, st := newImportService(t)
	n, err := svc.ImportPlaces(ctx, strings.NewReader(lambethPlaces))
	if err != nil {
		t.Fatalf("ImportPlaces: %v (details %q)", err, store.ErrorDetails(err))
	}
	if n != (store.ImportCounts{ElementCounts: store.ElementCounts{Places: 4}}) {
		t.Errorf("ImportPlaces counts = %+v, want 4 places", n)
	}
	vassall, err := st.Place(ctx, "E05000436")
	if err != nil {
		t.Fatalf("Place(E05000436): %v", err)
	}
	if vassall.Population == nil || *vassall.Population != 15200 || vassall.NeedIndex == nil || *vassall.NeedIndex != 2 ||
		vassall.NeedScale != "IMD2019_DECILE" || !reflect.DeepEqual(vassall.PopulationByGroup, map[string]int{"young person": 1900, "carer": 1250}) {
		t.Errorf("Place(E05000436) = %+v, want population 15200, decile 2, groups young person 1900 and carer 1250", vassall)
	}
	anc, err := st.Ancestors(ctx, "E05000416")
	if want := []string{"E05000416", "E09000022", "E12000007"}; err != nil || !reflect.DeepEqual(anc, want) {
		t.Errorf("Ancestors(E05000416) = %q, %v; want %q", anc, err, want)
	}
	// The same file again changes nothing.
	before := allPlaces(t, st)
	if _, err := svc.ImportPlaces(ctx, strings.NewReader(lambethPlaces)); err != nil {
		t.Fatalf("ImportPlaces again: %v", err)
	}
	if after := allPlaces(t, st); !reflect.DeepEqual(after, before) {
		t.Errorf("re-import changed the places:\n%+v\nwant\n%+v", after, before)
	}
}

// TestImportPlacesUpdateByCode checks that a stored place found by its code
// keeps its id (and its people), and that stored places beyond the first
// page of Store.Places are found.
func TestImportPlacesUpdateByCode(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	svc, st := newImportService(t)
	var seed store.Batch
	for i := range 620 {
		seed.Places = append(seed.Places, store.Place{ID: fmt.Sprintf("p%03d", i), Name: fmt.Sprintf("Place %d", i), Code: fmt.Sprintf("X%03d", i)})
	}
	seed.Places = append(seed.Places,
		store.Place{ID: "lambeth", Name: "Lambeth", Code: "E09000022"},
		store.Place{ID: "vassall", Name: "Vassall ward", Code: "E05000436", ParentID: "lambeth"})
	seed.People = []store.Person{{ID: "amara", Name: "Amara", PlaceID: "vassall"}}
	if _, err := st.Import(ctx, seed); err != nil {
		t.Fatalf("Import: %v", err)
	}
	const file = "code,name,parent code,population,need index,need scale\n" +
		"e05000436,Vassall,x615,15200,2,IMD2019_DECILE\n" +
		"X610,Renamed 610,,100,,\n"
	n, err := svc.ImportPlaces(ctx, strings.NewReader(file))
	if err != nil {
		t.Fatalf("ImportPlaces: %v (details %q)", err, store.ErrorDetails(err))
	}
	if n.Places != 2 {
		t.Errorf("ImportPlaces counts = %+v, want 2 places", n)
	}
	got, err := st.Place(ctx, "vassall")
	if err != nil || got.Name != "Vassall" || got.ParentID != "p615" || got.Code != "e05000436" || got.Population == nil || *got.Population != 15200 {
		t.Errorf("Place(vassall) = %+v, %v; want name Vassall, parent p615, population 15200", got, err)
	}
	if _, err := st.Kind(ctx, "e05000436"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Kind(e05000436) error = %v, want ENOTFOUND: no new place for a stored code", err)
	}
	if p, err := st.Place(ctx, "p610"); err != nil || p.Name != "Renamed 610" {
		t.Errorf("Place(p610) = %+v, %v; want it renamed (found past the first page)", p, err)
	}
	if a, err := st.Actor(ctx, "amara"); err != nil || a.PlaceID() != "vassall" {
		t.Errorf("Actor(amara) = %+v, %v; want still in vassall", a, err)
	}
}

// TestImportPlacesRefused checks that bad files are refused with the line
// and column of the problem, and that nothing is written.
func TestImportPlacesRefused(t *testing.T) {
	t.Parallel()
	const head = "code,name,parent code,population,need index,need scale\n"
	tests := []struct {
		name string
		csv  string
		code string
		want string
	}{
		{"bad number", head + "E05000436,Vassall,E09000022,12a,,\n", store.EINVALID, `line 2, population: "12a" is not a whole number`},
		{"negative population", head + "E05000436,Vassall,,-12,,\n", store.EINVALID, `line 2, population: -12 must not be negative`},
		{"need index without scale", head + "E05000436,Vassall,,,2,\n", store.EINVALID, `line 2, need scale: a need scale is required`},
		{"unknown parent", head + "E05000436,Vassall,E09000099,,,\n", store.EINVALID, `line 2, parent code: "E09000099" is not the code of a place`},
		{"duplicate code", head + "E05000436,Vassall,,,,\nE05000416,Bishop's,,,,\nE05000436,Vassall again,,,,\n", store.EINVALID, `line 4, code: code "E05000436" is already used on line 2`},
		{"cycle via parent codes", head + "E05000436,Vassall,E05000416,,,\nE05000416,Bishop's,E05000436,,,\n", store.EINVALID, `line 2, parent code: "E05000416" makes a cycle of parent codes: E05000436 → E05000416 → E05000436`},
		{"cycle through a stored place", head + "E12000007,London,E05000416,,,\n", store.ECONFLICT, ``},
		{"missing required column", "code,population\nE05000436,100\n", store.EINVALID, `line 1: required column "name" is missing`},
		{"ambiguous stored code", head + "DUP1,Dup,,,,\n", store.EINVALID, `code "DUP1" is the code of stored places "dup-a", "dup-b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := admin(context.Background())
			svc, st := newImportService(t)
			if _, err := svc.ImportPlaces(ctx, strings.NewReader(lambethPlaces)); err != nil {
				t.Fatalf("ImportPlaces(lambeth): %v", err)
			}
			if _, err := st.Import(ctx, store.Batch{Places: []store.Place{{ID: "dup-a", Name: "A", Code: "DUP1"}, {ID: "dup-b", Name: "B", Code: "dup1"}}}); err != nil {
				t.Fatalf("Import: %v", err)
			}
			before := allPlaces(t, st)
			n, err := svc.ImportPlaces(ctx, strings.NewReader(tt.csv))
			if got := store.ErrorCode(err); got != tt.code {
				t.Fatalf("ImportPlaces error = %v (code %q), want code %q", err, got, tt.code)
			}
			if tt.want != "" && !strings.Contains(strings.Join(store.ErrorDetails(err), "\n"), tt.want) {
				t.Errorf("ImportPlaces details = %q, want one containing %q", store.ErrorDetails(err), tt.want)
			}
			if n != (store.ImportCounts{}) {
				t.Errorf("ImportPlaces counts = %+v on error, want zero", n)
			}
			if after := allPlaces(t, st); !reflect.DeepEqual(after, before) {
				t.Errorf("places changed by a refused import")
			}
		})
	}
}

// TestImportPlacesInvalidatesCache checks that a cached analysis of a place
// is recomputed after an import moves a populated place under it.
func TestImportPlacesInvalidatesCache(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	svc, st := newImportService(t)
	if _, err := svc.ImportPlaces(ctx, strings.NewReader(lambethPlaces+"E09000028,Southwark,E12000007,,,,,\n")); err != nil {
		t.Fatalf("ImportPlaces: %v", err)
	}
	if _, err := st.Import(ctx, store.Batch{People: []store.Person{
		{ID: "a", Name: "A", PlaceID: "E05000436"}, {ID: "b", Name: "B", PlaceID: "E05000436"}}}); err != nil {
		t.Fatalf("Import: %v", err)
	}
	if got := mustSummary(t, svc, "E09000028").Actors; got != 0 {
		t.Fatalf("Summary(Southwark).Actors = %d before the move, want 0", got)
	}
	if _, err := svc.ImportPlaces(ctx, strings.NewReader("code,parent code,name\nE05000436,E09000028,Vassall\n")); err != nil {
		t.Fatalf("ImportPlaces(move): %v", err)
	}
	if got := mustSummary(t, svc, "E09000028").Actors; got != 2 {
		t.Errorf("Summary(Southwark).Actors = %d after the move, want 2 (cache invalidated)", got)
	}
}

func readKumu(t *testing.T) (elements, connections []byte) {
	t.Helper()
	dir := filepath.Join("..", "interchange", "testdata")
	e, err := os.ReadFile(filepath.Join(dir, "kumu_elements.csv"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := os.ReadFile(filepath.Join(dir, "kumu_connections.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return e, c
}

// storedCounts counts the people, organisations and relationships stored.
func storedCounts(t *testing.T, st store.Store) [3]int {
	t.Helper()
	ctx := admin(context.Background())
	one := store.Page{First: 1}
	p, err1 := st.People(ctx, store.PeopleFilter{}, one)
	o, err2 := st.Organisations(ctx, store.OrganisationFilter{}, one)
	r, err3 := st.Relationships(ctx, store.RelationshipFilter{}, one)
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			t.Fatalf("listing: %v", err)
		}
	}
	return [3]int{p.TotalCount, o.TotalCount, r.TotalCount}
}

// TestImportKumu imports the Kumu export of interchange/testdata twice:
// the second import writes the same ids, so nothing is added.
func TestImportKumu(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	svc, st := newImportService(t)
	if _, err := svc.ImportPlaces(ctx, strings.NewReader(lambethPlaces)); err != nil {
		t.Fatalf("ImportPlaces: %v", err)
	}
	if got := mustSummary(t, svc, "E09000022").Actors; got != 0 {
		t.Fatalf("Summary(Lambeth).Actors = %d before import, want 0", got)
	}
	elements, connections := readKumu(t)
	for round := 1; round <= 2; round++ {
		n, err := svc.ImportKumu(ctx, strings.NewReader(string(elements)), strings.NewReader(string(connections)), "E05000436")
		if err != nil {
			t.Fatalf("ImportKumu round %d: %v (details %q)", round, err, store.ErrorDetails(err))
		}
		// The second round replaces what the first wrote, id for id.
		written := store.ElementCounts{People: 3, Organisations: 6, Relationships: 11}
		want := store.ImportCounts{ElementCounts: written}
		if round == 2 {
			want.Updated = written
		}
		if n != want {
			t.Errorf("ImportKumu round %d counts = %+v, want %+v", round, n, want)
		}
		if got, want := storedCounts(t, st), [3]int{3, 6, 11}; got != want {
			t.Errorf("after round %d stored people, organisations, relationships = %v, want %v", round, got, want)
		}
	}
	if got := mustSummary(t, svc, "E09000022").Actors; got != 9 {
		t.Errorf("Summary(Lambeth).Actors = %d after import, want 9 (cache invalidated)", got)
	}
	a, err := st.Actor(ctx, "amara-o")
	if err != nil || a.Person == nil || a.Person.Consent != store.ConsentGiven || !reflect.DeepEqual(a.Person.Groups, []string{"carer", "parent"}) {
		t.Errorf("Actor(amara-o) = %+v, %v; want a person with consent GIVEN and groups carer, parent", a.Person, err)
	}
	o, err := st.Organisation(ctx, "walcot-foundation")
	if err != nil || o.Kind != store.OrgFunder || o.PlaceID != "E09000022" {
		t.Errorf("Organisation(walcot-foundation) = %+v, %v; want a FUNDER in E09000022", o, err)
	}
}

// TestImportKumuRefused checks that bad files are refused, with file, line
// and column, and that nothing is written.
func TestImportKumuRefused(t *testing.T) {
	t.Parallel()
	elements, connections := readKumu(t)
	tests := []struct {
		name                  string
		elements, connections string
		placeID               string
		code                  string
		want                  string
	}{
		{"unknown type", string(elements) + "Housing Plan,Project,,,,,,,,\n", string(connections), "E05000436", store.EINVALID, `elements line 11, Type: "Project" is not an actor type`},
		{"unknown element", string(elements), string(connections) + "Amara O.,Brixton Foodbank,,,,,,,,\n", "E05000436", store.EINVALID, `connections line 12, To: "Brixton Foodbank" is not the ID or Label of an element`},
		{"bad kind", string(elements), string(connections) + "Amara O.,Dev P.,Friend,,,,,,,\n", "E05000436", store.EINVALID, `connections line 12, Type: "Friend" is not a relationship kind`},
		{"bad strength", string(elements), string(connections) + "Amara O.,Dev P.,,,,,,Strong,,\n", "E05000436", store.EINVALID, `connections line 12, Strength: "Strong" is not a number > 0`},
		{"bad date", string(elements), string(connections) + "Amara O.,Dev P.,,,,,,,2019,\n", "E05000436", store.EINVALID, `connections line 12, Start: "2019" is not a date`},
		{"duplicate label", string(elements) + "Dev P.,Person,,,,,,,,\n", string(connections), "E05000436", store.EINVALID, `elements line 11, Label: "Dev P." is already the label on line 9`},
		{"no place", string(elements), string(connections), "", store.EINVALID, `elements line 2, Place: a place is required`},
		{"unknown place", string(elements), string(connections), "nowhere", store.ENOTFOUND, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := admin(context.Background())
			svc, st := newImportService(t)
			if _, err := svc.ImportPlaces(ctx, strings.NewReader(lambethPlaces)); err != nil {
				t.Fatalf("ImportPlaces: %v", err)
			}
			n, err := svc.ImportKumu(ctx, strings.NewReader(tt.elements), strings.NewReader(tt.connections), tt.placeID)
			if got := store.ErrorCode(err); got != tt.code {
				t.Fatalf("ImportKumu error = %v (code %q), want code %q", err, got, tt.code)
			}
			if tt.want != "" && !strings.Contains(strings.Join(store.ErrorDetails(err), "\n"), tt.want) {
				t.Errorf("ImportKumu details = %q, want one containing %q", store.ErrorDetails(err), tt.want)
			}
			if n != (store.ImportCounts{}) {
				t.Errorf("ImportKumu counts = %+v on error, want zero", n)
			}
			if got := storedCounts(t, st); got != [3]int{} {
				t.Errorf("stored people, organisations, relationships = %v after a refused import, want none", got)
			}
		})
	}
}
