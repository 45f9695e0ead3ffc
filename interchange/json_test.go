package interchange_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

func equalJSON(tb testing.TB, a, b any) bool {
	tb.Helper()
	ja, err := json.Marshal(a)
	if err != nil {
		tb.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		tb.Fatal(err)
	}
	return bytes.Equal(ja, jb)
}

func TestParseJSONFile(t *testing.T) {
	t.Parallel()
	b, err := interchange.Parse(interchange.JSON, readTestdata(t, "millbrook.json"), "")
	if err != nil {
		t.Fatalf("Parse(millbrook.json) error = %v, details %q", err, store.ErrorDetails(err))
	}
	got := []int{len(b.Places), len(b.People), len(b.Organisations), len(b.Relationships), len(b.Forums), len(b.Participations)}
	want := []int{2, 3, 1, 3, 1, 2}
	if !equalJSON(t, got, want) {
		t.Fatalf("Parse(millbrook.json) counts = %v, want %v", got, want)
	}
	assertNormalized(t, b)
	if p := b.Places[1]; p.ParentID != "millbrook" || *p.Population != 4200 || *p.NeedIndex != 2 || p.NeedScale != "IMD2019_DECILE" {
		t.Errorf("place = %+v", p)
	}
	if p := b.People[0]; p.Consent != store.ConsentGiven || p.Capacity != store.CapacityCommunity || len(p.Groups) != 2 || p.Groups[0] != "parent" {
		t.Errorf("person = %+v", p)
	}
	if r := b.Relationships[2]; r.Kind != store.RelKnows || r.Weight != 1 || r.Since != nil {
		t.Errorf("defaults: relationship = %+v, want KNOWS of weight 1", r)
	}
	if r := b.Relationships[0]; r.Since == nil || r.Until == nil || r.Since.Year() != 2019 || r.Until.Year() != 2023 {
		t.Errorf("dates: relationship = %+v", r)
	}
	if p := b.Participations[1]; p.Level != store.LevelConsult || p.JoinedAtStage != store.StageDelivery {
		t.Errorf("participation = %+v", p)
	}
}

func TestParseJSONPlaceDefault(t *testing.T) {
	t.Parallel()
	doc := `{"version": 1, "people": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "placeId": "elsewhere"}],
	"forums": [{"id": "f", "name": "F"}]}`
	b, err := interchange.Parse(interchange.JSON, []byte(doc), "town")
	if err != nil {
		t.Fatal(err)
	}
	if b.People[0].PlaceID != "town" || b.People[1].PlaceID != "elsewhere" || b.Forums[0].PlaceID != "town" {
		t.Errorf("places = %q, %q, %q; want town, elsewhere, town", b.People[0].PlaceID, b.People[1].PlaceID, b.Forums[0].PlaceID)
	}
}

func TestParseJSONInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{
			name: "syntax error",
			doc:  "{\"version\": 1,\n  \"people\": [\n    {\"id\": \"a\" \"name\": \"A\"}\n  ]\n}",
			want: []string{"line 3:16: JSON syntax error"},
		},
		{
			name: "truncated",
			doc:  `{"version": 1, "people": [`,
			want: []string{"unexpected end of document"},
		},
		{
			name: "not an object",
			doc:  `[1, 2]`,
			want: []string{"the document must be a JSON object"},
		},
		{
			name: "trailing data",
			doc:  `{"version": 1} {}`,
			want: []string{"line 1:16: JSON syntax error: invalid character '{' after top-level value"},
		},
		{
			name: "unknown fields everywhere",
			doc: `{"version": 1, "extra": true,
"people": [
  {"id": "a", "name": "A", "placeId": "t", "age": 40, "colour": "red"},
  {"id": "b", "name": "B", "placeId": "t"}
]}`,
			want: []string{
				"extra (line 1): unknown field",
				"people[0].age (line 3): unknown field",
				"people[0].colour (line 3): unknown field",
			},
		},
		{
			name: "wrong types, bad dates, bad enums, duplicates, missing version",
			doc: `{
"places": [{"id": "t", "name": "Town", "population": "many"}],
"people": [{"id": "p", "name": "P", "placeId": "t", "consent": "yes"}],
"organisations": [{"id": "p", "name": "Dup", "placeId": "t"}],
"relationships": [
  {"id": "r1", "from": "p", "to": "q", "since": "2021-02-30"},
  {"id": "r2", "from": "p", "to": "q", "weight": 0},
  {"id": "r3", "from": "p", "to": "q", "since": "2022-01-01", "until": "2021-01-01"}
],
"forums": [{"id": "f", "placeId": "t"}],
"participations": [{"id": "x", "actorId": "p", "forumId": "f", "level": "DECIDE", "joinedAtStage": "IDEA"}, 7]
}`,
			want: []string{
				"version: missing",
				"places[0].population (line 2): a JSON string cannot be used here; want an integer",
				`people[0] (id "p", line 3): unknown consent status "yes"`,
				`organisations[0] (id "p", line 4): id "p" is already used by people[0]`,
				`relationships[0] (id "r1", line 6): since "2021-02-30" is not a date`,
				`relationships[1] (id "r2", line 7): relationship weight must be a finite number > 0`,
				`relationships[2] (id "r3", line 8): until (2021-01-01) is before since (2022-01-01)`,
				`forums[0] (id "f", line 10): forum name is required`,
				`participations[0] (id "x", line 11): unknown participation level "DECIDE"`,
				`participations[1] (line 11): must be an object`,
			},
		},
		{
			name: "section not an array and wrong version",
			doc:  `{"version": 2, "people": {"id": "a"}}`,
			want: []string{"people (line 1): must be an array", "version: 2 is not supported"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := interchange.Parse(interchange.JSON, []byte(tt.doc), "")
			assertProblems(t, b, err, tt.want)
		})
	}
}

// TestEncodeJSONRoundTrip checks that EncodeJSON writes what Parse reads.
func TestEncodeJSONRoundTrip(t *testing.T) {
	t.Parallel()
	b, err := interchange.Parse(interchange.JSON, readTestdata(t, "millbrook.json"), "")
	if err != nil {
		t.Fatal(err)
	}
	data, err := interchange.EncodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	again, err := interchange.Parse(interchange.JSON, data, "")
	if err != nil {
		t.Fatalf("Parse(EncodeJSON(b)) error = %v, details %q", err, store.ErrorDetails(err))
	}
	if !equalJSON(t, again, b) {
		t.Errorf("Parse(EncodeJSON(b)) = %+v, want %+v", again, b)
	}
	// GraphML in, JSON out, JSON in: the same batch.
	g, err := interchange.Parse(interchange.GraphML, readTestdata(t, "igraph.graphml"), "millbrook")
	if err != nil {
		t.Fatal(err)
	}
	data, err = interchange.EncodeJSON(g)
	if err != nil {
		t.Fatal(err)
	}
	if again, err = interchange.Parse(interchange.JSON, data, ""); err != nil || !equalJSON(t, again, g) {
		t.Errorf("GraphML -> JSON -> batch differs (err %v)", err)
	}
}
