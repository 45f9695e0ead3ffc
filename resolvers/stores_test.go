package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// crossStoreQueries exercise every analysis and the main reads over the
// demo; both stores must answer each with the same bytes.
var crossStoreQueries = []struct{ name, query string }{
	{"places", `{ places(first: 10) { totalCount edges { cursor node { id name code population needIndex needScale parent { id } populationByGroup { group count } } } } }`},
	{"people page", `{ people(placeId: "millbrook-riverside", group: "young person", first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name groups relationships(first: 3) { totalCount } } } } }`},
	{"relationships as of", `{ relationships(actorId: "p-jordan-blake", asOf: "2024-06-01", first: 50) { totalCount edges { node { id kind weight since until from { id } to { id } } } } }`},
	{"centrality", `{ centrality(placeId: "millbrook", asOf: "2024-06-01", measure: BETWEENNESS, first: 50) { rank score actor { id } } }`},
	{"weighted pagerank", `{ centrality(measure: PAGERANK, weighted: true, first: 50) { rank score actor { id } } }`},
	{"communities", `{ communities(placeId: "millbrook", asOf: "2024-06-01") { modularity communities { id size members { id } } } }`},
	{"summary", `{ networkSummary(placeId: "millbrook-riverside") { actors relationships ties density components averageDegree averageClustering } }`},
	{"unheard voices", `{ unheardVoices(placeId: "millbrook", asOf: "2024-06-01", first: 200) { person { id } score reasons hopsToPower gatekeeper { id } pathToPower { id } } }`},
	{"path to power", `{ pathToPower(personId: "p-yp-03", asOf: "2024-06-01", weighted: true) { id } }`},
	{"power", `{ powerConcentration(placeId: "millbrook", asOf: "2024-06-01") { degreeCentralization betweennessCentralization betweennessGini pageRankGini topShare topShareActors approximate errorBound
	    seats { seats holders hhi majorityHolders professionalShare communityShare organisationShare holderList { actor { id } seats } }
	    gatekeepers { actor { id } cutsOff } brokers { actor { id } constraint effectiveSize } } }`},
	{"representation", `{ representation(placeId: "millbrook", asOf: "2024-06-01") { group members communityShare shareSource seats seatShare ratio representatives token involvedFromStart } }`},
	{"nothing about us", `{ nothingAboutUsWithoutUs(placeId: "millbrook", asOf: "2024-06-01") { forum { id } group present { id } } }`},
	{"relationship quality", `{ relationshipQuality(placeId: "millbrook", asOf: "2024-06-01") { asOf ties records reciprocal oneWay bothWays mutualKind longLived shortLived unknownDuration multiplex singleKind multiplexShare longLivedDays } }`},
	{"recommendations", `{ recommendations(placeId: "millbrook", asOf: "2024-06-01", first: 100) { kind from { id } to { id } person { id } forum { id } stage groups gain alternatives { id }
	    before { unheardVoices withinTwoStepsOfPower seatHHI } after { unheardVoices withinTwoStepsOfPower seatHHI } } }`},
	{"trend", `{ powerTrend(placeId: "millbrook", from: "2019-01-01", to: "2025-01-01", step: YEAR) { date degreeCentralization betweennessCentralization betweennessGini pageRankGini communitySeatShare unheardVoices } }`},
}

// TestStoresAnswerAlike loads the demo into the embedded store and into
// the Neo4j test server (when NEO4J_TEST_URI is set) and checks that every
// query of crossStoreQueries gets byte-identical answers from both: the
// analyses depend on the store only through Snapshot, and both stores must
// behave the same.
func TestStoresAnswerAlike(t *testing.T) {
	neo := neo4jtest.Open(t)
	bolt := servicetest.MustOpenStore(t)
	answers := map[string][]string{}
	for _, st := range []store.Store{bolt, neo} {
		if _, err := st.Import(context.Background(), demo.Network()); err != nil {
			t.Fatalf("Import(demo) into %T: %v", st, err)
		}
		e := newEnvOver(t, st, resolvers.Options{})
		for _, q := range crossStoreQueries {
			answers[q.name] = append(answers[q.name], rawAnswer(t, e.handler, q.query))
		}
	}
	for _, q := range crossStoreQueries {
		got := answers[q.name]
		if got[0] != got[1] {
			t.Errorf("%s: the stores differ\nbolt:  %.600s\nneo4j: %.600s", q.name, got[0], got[1])
		}
	}
}

// rawAnswer posts a query and returns the response body, failing on errors.
func rawAnswer(t *testing.T, h http.Handler, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	var resp struct {
		Errors []gqlError `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 || rec.Code != http.StatusOK {
		t.Fatalf("%s: %d %.500s", query, rec.Code, rec.Body.String())
	}
	return rec.Body.String()
}
