package resolvers_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// TestSourceArguments checks that the source arguments reach the service
// from every field that has one: a ward with a typed tie (ann–bob) and a
// tie ann said in a survey (ann–cat).
func TestSourceArguments(t *testing.T) {
	st := servicetest.MustOpenStore(t)
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	person := func(id string) store.Person {
		return store.Person{ID: id, Name: "Name of " + id, PlaceID: "ward", Capacity: store.CapacityCommunity, Consent: store.ConsentGiven}
	}
	if _, err := st.Import(t.Context(), store.Batch{Places: []store.Place{{ID: "ward", Name: "Ward"}},
		People:        []store.Person{person("ann"), person("bob"), person("cat")},
		Relationships: []store.Relationship{{ID: "r-typed", FromID: "ann", ToID: "bob", Kind: store.RelKnows, Weight: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteSurvey(t.Context(), store.SurveyBatch{Surveys: []store.Survey{{ID: "sv", Name: "Survey", PlaceID: "ward", Groups: []string{"carer"}, CreatedOn: day}},
		Batch: store.Batch{Relationships: []store.Relationship{{ID: "r-said", FromID: "ann", ToID: "cat", Kind: store.RelKnows, Weight: 1,
			Source: store.SaidBy("sv", day, "ann")}}}}); err != nil {
		t.Fatal(err, store.ErrorDetails(err))
	}
	e := newEnvOver(t, st, resolvers.Options{})
	for _, c := range []struct{ source, want, notWant string }{
		{"TYPED", "r-typed", "r-said"},
		{"SURVEY", "r-said", "r-typed"},
	} {
		var resp struct {
			Relationships struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
			NetworkSummary struct{ Relationships int }
			Centrality     []struct {
				Actor struct{ ID string }
				Score float64
			}
			Communities   struct{ Communities []struct{ Size int } }
			UnheardVoices []struct {
				Person  struct{ ID string }
				Reasons []string
			}
			ExportNetwork    string
			ExportNetworkCSV struct{ Edges string }
		}
		q := strings.ReplaceAll(`{
			relationships(source: SRC, surveyId: null, first: 5) { totalCount edges { node { id } } }
			networkSummary(placeId: "ward", source: SRC) { relationships }
			centrality(placeId: "ward", measure: DEGREE, source: SRC) { actor { id } score }
			communities(placeId: "ward", source: SRC) { communities { size } }
			unheardVoices(placeId: "ward", source: SRC) { person { id } reasons }
			exportNetwork(placeId: "ward", format: GRAPHML, source: SRC)
			exportNetworkCSV(placeId: "ward", source: SRC) { edges }
		}`, "SRC", c.source)
		e.do(t, q, &resp)
		if resp.Relationships.TotalCount != 1 || resp.Relationships.Edges[0].Node.ID != c.want {
			t.Errorf("relationships(source: %s) = %+v, want %s", c.source, resp.Relationships, c.want)
		}
		if resp.NetworkSummary.Relationships != 1 {
			t.Errorf("networkSummary(source: %s).relationships = %d, want 1", c.source, resp.NetworkSummary.Relationships)
		}
		// DEGREE: ann 1 (tied to one of bob and cat), the tied one 1, the
		// other 0; the untied one is bob for SURVEY and cat for TYPED.
		untied := map[string]string{"TYPED": "cat", "SURVEY": "bob"}[c.source]
		for _, s := range resp.Centrality {
			if (s.Actor.ID == untied) != (s.Score == 0) {
				t.Errorf("centrality(source: %s): %s scores %v", c.source, s.Actor.ID, s.Score)
			}
		}
		if len(resp.Communities.Communities) != 2 {
			t.Errorf("communities(source: %s) = %+v, want 2 (a pair and one alone)", c.source, resp.Communities.Communities)
		}
		found := false
		for _, u := range resp.UnheardVoices {
			found = found || (u.Person.ID == untied && slices.Contains(u.Reasons, "ISOLATED"))
		}
		if !found {
			t.Errorf("unheardVoices(source: %s) = %+v, want %s ISOLATED in that network", c.source, resp.UnheardVoices, untied)
		}
		for what, text := range map[string]string{"exportNetwork": resp.ExportNetwork, "exportNetworkCSV": resp.ExportNetworkCSV.Edges} {
			if !strings.Contains(text, c.want) || strings.Contains(text, c.notWant) {
				t.Errorf("%s(source: %s) holds %s %v and %s %v", what, c.source, c.want, strings.Contains(text, c.want), c.notWant, strings.Contains(text, c.notWant))
			}
		}
	}
}
