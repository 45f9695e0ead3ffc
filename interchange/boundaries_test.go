package interchange_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// lambethWards are stored places for the 25 Lambeth wards of the real ONS
// boundary file in testdata (codes WD25CD), ids "w-" and the code.
func lambethWards(t testing.TB) (map[string]store.Place, interchange.PlaceLookup) {
	t.Helper()
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(readTestdata(t, "lambeth_wards_2025.geojson"), &fc); err != nil {
		t.Fatal(err)
	}
	byCode := map[string]store.Place{}
	for _, f := range fc.Features {
		code := f.Properties["WD25CD"].(string)
		byCode[strings.ToLower(code)] = store.Place{ID: "w-" + code, Name: f.Properties["WD25NM"].(string), Code: code, ParentID: "lambeth", Population: intp(12000)}
	}
	return byCode, func(code string) (store.Place, bool) {
		p, ok := byCode[strings.ToLower(code)]
		return p, ok
	}
}

func TestParseBoundariesONSFile(t *testing.T) {
	t.Parallel()
	byCode, lookup := lambethWards(t)
	places, err := interchange.ParseBoundaries(bytes.NewReader(readTestdata(t, "lambeth_wards_2025.geojson")), lookup, "")
	if err != nil {
		t.Fatalf("ParseBoundaries(lambeth wards) error %v", err)
	}
	if len(places) != 25 {
		t.Fatalf("ParseBoundaries gave %d places, want 25", len(places))
	}
	for _, p := range places {
		stored := byCode[strings.ToLower(p.Code)]
		if p.Geometry == "" || !strings.HasPrefix(p.Geometry, `{"type":"Polygon","coordinates":[[[-0.`) {
			t.Errorf("place %s geometry = %.80s, want a Polygon in London's longitudes", p.ID, p.Geometry)
		}
		// Only the geometry is new.
		stored.Geometry = p.Geometry
		same(t, "ParseBoundaries place "+p.ID, p, stored)
		if g, err := store.NormalizeGeometry(p.Geometry); err != nil || g != p.Geometry {
			t.Errorf("place %s geometry is not canonical (%v)", p.ID, err)
		}
	}
	// Naming the property gives the same; naming the district's code, shared
	// by every ward, is refused (a code given twice).
	again, err := interchange.ParseBoundaries(bytes.NewReader(readTestdata(t, "lambeth_wards_2025.geojson")), lookup, "WD25CD")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "ParseBoundaries(WD25CD)", again, places)
	_, err = interchange.ParseBoundaries(bytes.NewReader(readTestdata(t, "lambeth_wards_2025.geojson")), lookup, "LAD25CD")
	checkEINVALID(t, "ParseBoundaries(LAD25CD)", err)
}

func TestParseBoundariesProblems(t *testing.T) {
	t.Parallel()
	sq := `{"type":"Polygon","coordinates":[[[0,51],[0.1,51],[0.1,51.1],[0,51]]]}`
	lookup := storedPlaces(store.Place{ID: "a", Name: "A", Code: "E01000001"}, store.Place{ID: "b", Name: "B", Code: "E01000002"})
	feature := func(props, geom string) string {
		return `{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}`
	}
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	tests := []struct {
		name, doc, property string
		mention             string
	}{
		{"not JSON", `{"type":`, "", "invalid JSON"},
		{"a feature", feature(`{"code":"E01000001"}`, sq), "", `"type" is "Feature"`},
		{"unknown code", fc(feature(`{"code":"E01999999"}`, sq)), "", "no stored place has code"},
		{"code twice", fc(feature(`{"code":"E01000001"}`, sq), feature(`{"code":"e01000001"}`, sq)), "", "already given"},
		{"no geometry", fc(feature(`{"code":"E01000001"}`, "null")), "", "no geometry"},
		{"bad geometry", fc(feature(`{"code":"E01000001"}`, `{"type":"Point","coordinates":[0,51]}`)), "", "Polygon or MultiPolygon"},
		{"projected", fc(feature(`{"code":"E01000001"}`, `{"type":"Polygon","coordinates":[[[530000,180000],[531000,180000],[531000,181000],[530000,180000]]]}`)), "", "British National Grid"},
		{"no code property", fc(feature(`{"name":"A"}`, sq)), "", "cannot tell which property"},
		{"two ONS codes, both distinct", fc(feature(`{"LSOA21CD":"E01000001","MSOA21CD":"E02000001"}`, sq)), "", "LSOA21CD, MSOA21CD"},
		{"named property missing", fc(feature(`{"code":"E01000001"}`, sq)), "LAD23CD", `no code in "LAD23CD"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := interchange.ParseBoundaries(strings.NewReader(tt.doc), lookup, tt.property)
			checkEINVALID(t, "ParseBoundaries", err)
			if all := strings.Join(store.ErrorDetails(err), "\n"); !strings.Contains(all, tt.mention) {
				t.Fatalf("ParseBoundaries problems %q do not mention %q", all, tt.mention)
			}
		})
	}

	t.Run("codes from ONS column, ids and numbers", func(t *testing.T) {
		for _, doc := range []string{
			fc(feature(`{"LSOA21CD":"E01000001","LAD23CD":"E09000001"}`, sq), feature(`{"LSOA21CD":"E01000002","LAD23CD":"E09000001"}`, sq)),
			`{"type":"FeatureCollection","features":[{"type":"Feature","id":"E01000002","properties":{},"geometry":` + sq + `}]}`,
		} {
			places, err := interchange.ParseBoundaries(strings.NewReader(doc), lookup, "")
			if err != nil || len(places) == 0 || places[0].Geometry == "" {
				t.Fatalf("ParseBoundaries(%s) = %v, %v", doc, places, err)
			}
		}
	})
}

// FuzzParseBoundaries checks that ParseBoundaries never panics and returns
// either EINVALID with details or stored places with canonical geometry.
func FuzzParseBoundaries(f *testing.F) {
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E01000001"},"geometry":{"type":"Polygon","coordinates":[[[0,51],[0.1,51],[0.1,51.1],[0,51]]]}}]}`, "")
	f.Add(`{"type":"FeatureCollection","features":[{"id":7,"properties":{"LAD23CD":"E01000001"},"geometry":{"type":"MultiPolygon","coordinates":[]}}]}`, "LAD23CD")
	f.Add(`{"type":"FeatureCollection","features":[{"id":"E01000001","properties":null,"geometry":null}]}`, "")
	lookup := storedPlaces(store.Place{ID: "a", Name: "A", Code: "E01000001"})
	f.Fuzz(func(t *testing.T, doc, property string) {
		places, err := interchange.ParseBoundaries(strings.NewReader(doc), lookup, property)
		if err != nil {
			checkEINVALID(t, "ParseBoundaries", err)
			return
		}
		for _, p := range places {
			if p.ID != "a" {
				t.Fatalf("ParseBoundaries returned place %q, not a stored one", p.ID)
			}
			if g, err := store.NormalizeGeometry(p.Geometry); err != nil || g != p.Geometry || g == "" {
				t.Fatalf("ParseBoundaries geometry %q is not canonical (%v)", p.Geometry, err)
			}
		}
	})
}

func same[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s = %+v, want %+v", what, got, want)
	}
}
