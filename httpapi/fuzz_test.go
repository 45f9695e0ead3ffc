package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// fuzzNetwork is the small network the HTTP fuzz target serves.
func fuzzNetwork() store.Batch {
	pop := 1200
	return store.Batch{
		Places: []store.Place{
			{ID: "millbrook", Name: "Millbrook", Population: &pop, PopulationByGroup: map[string]int{"carers": 40}},
			{ID: "ward-1", Name: "Ward 1", ParentID: "millbrook"},
		},
		People: []store.Person{
			{ID: "ada", Name: "Ada", PlaceID: "ward-1", Groups: []string{"carers"}, Consent: store.ConsentGiven},
			{ID: "bob", Name: "Bob", PlaceID: "millbrook", Capacity: store.CapacityProfessional},
		},
		Organisations: []store.Organisation{
			{ID: "acme", Name: "Acme Trust", Kind: store.OrgFunder, PlaceID: "millbrook"},
			{ID: "club", Name: "Youth Club", Kind: store.OrgCommunityGroup, PlaceID: "ward-1"},
		},
		Relationships: []store.Relationship{
			{ID: "r1", FromID: "ada", ToID: "bob", Kind: store.RelKnows, Weight: 1},
			{ID: "r2", FromID: "bob", ToID: "club", Kind: store.RelWorksWith, Weight: 2},
			{ID: "r3", FromID: "acme", ToID: "club", Kind: store.RelFunds, Weight: 1},
		},
		Forums: []store.Forum{{ID: "board", Name: "Health Board", PlaceID: "millbrook", DecisionMaking: true, AffectsGroups: []string{"carers"}}},
		Participations: []store.Participation{
			{ID: "s1", ActorID: "bob", ForumID: "board", Level: store.LevelLead, JoinedAtStage: store.StageIdea},
		},
	}
}

// fuzzGQLBody returns the JSON body of a GraphQL request.
func fuzzGQLBody(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

// FuzzHTTPHandler drives the whole handler of NewServer, over an embedded
// store holding a small network, with arbitrary method, request target,
// content type and body. The request goes through http.ReadRequest, as the
// server's own connection reader would parse it, so input the server would
// refuse before any handler runs is skipped. For every request the handler
// must not panic and must answer below 500 (the store is healthy), and every
// answer on /graphql other than a redirect or a bodiless OPTIONS/HEAD must be
// a JSON object, with errors when its status is 4xx.
func FuzzHTTPHandler(f *testing.F) {
	ctx := context.Background()
	st, err := boltstore.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = st.Close() })
	if _, err := st.Import(ctx, fuzzNetwork()); err != nil {
		f.Fatal(err)
	}
	logs := &servicetest.SyncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	h := NewServer(logger, st, service.New(st, logger), Options{CORSOrigins: []string{"https://dashboard.example.org"}})

	const js = "application/json"
	post := func(query string, vars map[string]any) {
		f.Add(http.MethodPost, "/graphql", js, fuzzGQLBody(query, vars))
	}
	post(`{ places(first: 2) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id name parent { id } } } } }`, nil)
	post(`query($after: String) { people(first: 1, after: $after) { edges { node { id groups } } } }`, map[string]any{"after": store.EncodeCursor("ada")})
	post(`query($after: String) { people(after: $after) { totalCount } }`, map[string]any{"after": "not-a-cursor"})
	post(`{ people(first: -1) { totalCount } }`, nil)
	post(`{ people(first: 100000) { totalCount } }`, nil)
	post(`query($id: ID!) { node(id: $id) { id ... on Person { name } } }`, map[string]any{"id": "ada"})
	post(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": " \u0000bad"})
	post(`{ centrality(measure: BETWEENNESS, asOf: "2024-03-01") { score } }`, nil)
	post(`{ centrality(measure: PAGERANK, asOf: "2024-13-01") { score } }`, nil)
	post(`{ networkSummary(placeId: "millbrook") { density } communities { modularity } }`, nil)
	post(`mutation($in: PlaceInput!) { upsertPlace(input: $in) { id } }`, map[string]any{"in": map[string]any{"id": "ward-2", "name": "Ward 2", "parentId": "millbrook"}})
	post(`mutation($in: PlaceInput!) { upsertPlace(input: $in) { id } }`, map[string]any{"in": map[string]any{"id": "loop", "name": "Loop", "parentId": "loop", "needIndex": 1e308}})
	importJSON := `{"version": 1, "people": [{"id": "cy", "name": "Cy"}], "relationships": [{"id": "r9", "from": "cy", "to": "ada", "weight": 1}]}`
	post(`mutation($d: String!) { importNetwork(format: JSON, data: $d, placeId: "millbrook") { people relationships } }`, map[string]any{"d": importJSON})
	post(`mutation($d: String!) { importNetwork(format: GRAPHML, data: $d) { people } }`, map[string]any{"d": "<graphml><graph><node id=\"a\"/>"})
	post(`mutation { disconnect(id: "r1") }`, nil)
	post(`{ __schema { types { name } } }`, nil)
	post(`{ places { nodes { id `, nil)
	f.Add(http.MethodPost, "/graphql", js, []byte(`{"query": "{ __typename }", SECRET`))
	f.Add(http.MethodPost, "/graphql", js, []byte(`[{"query": "{ __typename }"}]`))
	f.Add(http.MethodPost, "/graphql", js, []byte(`{"query": 12, "variables": []}`))
	f.Add(http.MethodPost, "/graphql", "text/plain", []byte(`{ __typename }`))
	f.Add(http.MethodPost, "/graphql", "application/x-www-form-urlencoded", []byte(`query=%7B__typename%7D`))
	f.Add(http.MethodPost, "/graphql", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--x--\r\n"))
	f.Add(http.MethodPost, "/graphql", "application/json; charset=utf-16", []byte(`{"query": "{ __typename }"}`))
	f.Add(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ places { totalCount } }`), "", []byte(nil))
	f.Add(http.MethodGet, "/graphql?query="+url.QueryEscape(`mutation { disconnect(id: "r2") }`), "", []byte(nil))
	f.Add(http.MethodGet, "/graphql?query=%zz", "", []byte(nil))
	f.Add(http.MethodGet, "/graphql", "", []byte(nil))
	f.Add(http.MethodOptions, "/graphql", "", []byte(nil))
	f.Add(http.MethodPut, "/graphql", js, fuzzGQLBody(`{ __typename }`, nil))
	f.Add(http.MethodDelete, "/graphql", "", []byte(nil))
	f.Add(http.MethodHead, "/graphql", "", []byte(nil))
	f.Add(http.MethodGet, "/healthz", "", []byte(nil))
	f.Add(http.MethodGet, "/readyz", "", []byte(nil))
	f.Add(http.MethodPost, "/readyz", js, []byte(`{}`))
	f.Add(http.MethodGet, "/../graphql", "", []byte(nil))
	f.Add(http.MethodGet, "/nope?x=1", "", []byte(nil))

	f.Fuzz(func(t *testing.T, method, target, contentType string, body []byte) {
		raw := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: voicemap.test\r\nOrigin: https://dashboard.example.org\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
			method, target, contentType, len(body))
		req, err := http.ReadRequest(bufio.NewReader(io.MultiReader(strings.NewReader(raw), bytes.NewReader(body))))
		if err != nil {
			return // net/http answers 400 itself before any handler runs
		}
		req.RemoteAddr = "192.0.2.1:1234"
		logs.Reset()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q (Content-Type %q, body %q) = %d %.300s\nlogs:\n%.3000s", method, target, contentType, body, rec.Code, rec.Body, logs)
		}
		if req.URL.Path != "/graphql" || rec.Code/100 == 3 {
			return
		}
		if rec.Body.Len() == 0 && (req.Method == http.MethodOptions || req.Method == http.MethodHead) {
			return
		}
		var resp struct {
			Errors []json.RawMessage `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("%s %q (Content-Type %q, body %q) = %d, body not a JSON object: %v: %.300q", method, target, contentType, body, rec.Code, err, rec.Body)
		}
		if rec.Code >= 400 && len(resp.Errors) == 0 {
			t.Fatalf("%s %q (Content-Type %q, body %q) = %d without errors: %.300s", method, target, contentType, body, rec.Code, rec.Body)
		}
	})
}
