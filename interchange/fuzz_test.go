package interchange_test

import (
	"errors"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// checkParse is the property both fuzz targets check: Parse never panics,
// and returns either a batch whose entities are all in normal form with
// distinct ids, or a *store.Error with code EINVALID and at least one detail.
func checkParse(t *testing.T, format interchange.Format, data []byte, placeID string) {
	b, err := interchange.Parse(format, data, placeID)
	if err != nil {
		var e *store.Error
		if !errors.As(err, &e) || e.Code != store.EINVALID || len(e.Details) == 0 {
			t.Fatalf("Parse error = %#v, want a *store.Error EINVALID with details", err)
		}
		return
	}
	assertNormalized(t, b)
	seen := map[string]bool{}
	claim := func(id string) {
		if seen[id] {
			t.Fatalf("id %q appears twice in the batch", id)
		}
		seen[id] = true
	}
	for _, x := range b.Places {
		claim(x.ID)
	}
	for _, x := range b.People {
		claim(x.ID)
	}
	for _, x := range b.Organisations {
		claim(x.ID)
	}
	for _, x := range b.Relationships {
		claim(x.ID)
	}
	for _, x := range b.Forums {
		claim(x.ID)
	}
	for _, x := range b.Participations {
		claim(x.ID)
	}
}

func FuzzParseGraphML(f *testing.F) {
	for _, name := range []string{"florentine_networkx.graphml", "florentine_networkx_attrs.graphml", "multigraph_networkx.graphml", "gephi.graphml", "igraph.graphml"} {
		f.Add(readTestdata(f, name), "town")
	}
	f.Add([]byte(gmlHead+`<node id="a"/><edge source="a" target="b"/></graph></graphml>`), "")
	f.Fuzz(func(t *testing.T, data []byte, placeID string) {
		checkParse(t, interchange.GraphML, data, placeID)
	})
}

func FuzzParseJSON(f *testing.F) {
	f.Add(readTestdata(f, "millbrook.json"), "")
	f.Add([]byte(`{"version": 1, "people": [{"id": "a", "name": "A"}]}`), "town")
	f.Add([]byte(`{"version": 1, "relationships": [{"id": "r", "from": "a", "to": "b", "weight": 1e308, "since": "2020-01-01"}]}`), "")
	f.Fuzz(func(t *testing.T, data []byte, placeID string) {
		checkParse(t, interchange.JSON, data, placeID)
	})
}
