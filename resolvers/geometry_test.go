package resolvers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/voicemap/voicemap/resolvers"
)

// TestPlaceGeometry checks the Place.geometry contract: GeoJSON text in,
// the canonical text out (RFC 7946 winding), null when none, and a refused
// geometry a BAD_USER_INPUT that writes nothing.
func TestPlaceGeometry(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	const upsert = `mutation($g: String) { upsertPlace(input: {id: "shaped", name: "Shaped", geometry: $g}) { id geometry } }`
	var resp struct{ UpsertPlace struct{ ID, Geometry string } }
	e.do(t, upsert, &resp, client.Var("g", `{"type":"Polygon","coordinates":[[[-2,54],[-2,54.01],[-1.99,54.01],[-2,54]]]}`))
	const want = `{"type":"Polygon","coordinates":[[[-2,54],[-1.99,54.01],[-2,54.01],[-2,54]]]}`
	if resp.UpsertPlace.Geometry != want {
		t.Fatalf("upsertPlace geometry = %s, want %s", resp.UpsertPlace.Geometry, want)
	}
	var read struct{ Place struct{ Geometry *string } }
	e.do(t, `{ place(id: "town") { geometry } }`, &read)
	if read.Place.Geometry != nil {
		t.Fatalf("geometry of a place without one = %q, want null", *read.Place.Geometry)
	}
	errs := e.fail(t, upsert, client.Var("g", `{"type":"Point","coordinates":[0,0]}`))
	if code(errs) != "BAD_USER_INPUT" || !strings.Contains(errs[0].Message, "Polygon or MultiPolygon") {
		t.Fatalf("upsertPlace(point) = %q %q, want BAD_USER_INPUT about Polygon", code(errs), errs[0].Message)
	}
	e.do(t, `{ place(id: "shaped") { geometry } }`, &read)
	if read.Place.Geometry == nil || *read.Place.Geometry != want {
		t.Fatalf("after a refused upsert the geometry is %v, want unchanged", read.Place.Geometry)
	}
}

func TestImportBoundaries(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	const mutation = `mutation($d: String!, $p: String) { importBoundaries(data: $d, codeProperty: $p) { places } }`
	doc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LAD23CD":"E06000001","LAD23NM":"Town"},` +
		`"geometry":{"type":"MultiPolygon","coordinates":[[[[-1.3,54.6],[-1.1,54.6],[-1.1,54.7],[-1.3,54.6]]]]}}]}`
	var resp struct{ ImportBoundaries struct{ Places int } }
	e.do(t, mutation, &resp, client.Var("d", doc))
	if resp.ImportBoundaries.Places != 1 {
		t.Fatalf("importBoundaries = %+v, want 1 place", resp.ImportBoundaries)
	}
	var read struct {
		Place struct{ Name, Geometry string }
	}
	e.do(t, `{ place(id: "town") { name geometry } }`, &read)
	if !strings.HasPrefix(read.Place.Geometry, `{"type":"MultiPolygon"`) {
		t.Fatalf("town geometry after importBoundaries = %q", read.Place.Geometry)
	}
	errs := e.fail(t, mutation, client.Var("d", strings.Replace(doc, "E06000001", "E06999999", 1)))
	if code(errs) != "BAD_USER_INPUT" || !strings.Contains(fmt.Sprint(errs[0].Extensions["problems"]), "E06999999") {
		t.Fatalf("importBoundaries(unknown code) = %q %v, want BAD_USER_INPUT naming the code", code(errs), errs[0].Extensions["problems"])
	}
}

func TestLoadUKGeography(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var resp struct{ LoadUKGeography struct{ Places int } }
	e.do(t, `mutation { loadUKGeography(areas: ["Wales"]) { places } }`, &resp)
	// The UK, Wales and its 22 principal areas.
	if resp.LoadUKGeography.Places != 24 {
		t.Fatalf("loadUKGeography(Wales) = %+v, want 24 places", resp.LoadUKGeography)
	}
	var read struct {
		Place struct {
			Name, NeedScale, Geometry string
			Population                int
			Parent                    struct{ ID string }
		}
	}
	e.do(t, `{ place(id: "W06000015") { name needScale geometry population parent { id } } }`, &read)
	if p := read.Place; p.Name != "Cardiff" || p.NeedScale != "WIMD2019_LA_AVG_SCORE" || p.Population != 366903 || p.Parent.ID != "W92000004" || p.Geometry == "" {
		t.Fatalf("Cardiff after loadUKGeography = %+v", p)
	}
	errs := e.fail(t, `mutation { loadUKGeography(areas: ["Atlantis"]) { places } }`)
	if code(errs) != "BAD_USER_INPUT" {
		t.Fatalf("loadUKGeography(Atlantis) = %q, want BAD_USER_INPUT", code(errs))
	}
}
