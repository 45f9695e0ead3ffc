package boltstore

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

// TestEncRelMatchesJSON checks that the hand-written relationship encoder
// writes what encoding/json reads back as the record encoding/json writes.
func TestEncRelMatchesJSON(t *testing.T) {
	t.Parallel()
	day := time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)
	for _, r := range []store.Relationship{
		{FromID: "a", ToID: "b", Kind: store.RelKnows, Weight: 1},
		{FromID: `q"u\o`, ToID: "tab\there\x01é", Kind: store.RelFunds, Weight: 0.1, Since: &day},
		{FromID: "x", ToID: "y", Kind: store.RelAdvises, Weight: 1e22, Until: &day},
		{FromID: "x", ToID: "y", Kind: store.RelAdvises, Weight: 3.0000000000000004e-7, Since: &day, Until: &day},
		// Said in a survey: written with its source.
		{FromID: "x", ToID: "y", Kind: store.RelKnows, Weight: 1, Source: store.Source{Kind: store.SourceSurvey, SurveyID: "s1", On: &day, By: "x"}},
	} {
		got, err := encRel(r)
		if err != nil {
			t.Fatal(err)
		}
		want, err := encode(relRec{r.FromID, r.ToID, string(r.Kind), r.Weight, fmtDate(r.Since), fmtDate(r.Until), encSource(r.Source)})
		if err != nil {
			t.Fatal(err)
		}
		var a, b relRec
		if err := json.Unmarshal(got[1:], &a); err != nil || got[0] != recordVersion {
			t.Fatalf("encRel(%+v) = %q: %v", r, got, err)
		}
		if err := json.Unmarshal(want[1:], &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("encRel(%+v) reads as %+v, want %+v", r, a, b)
		}
	}
}
