package resolvers_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// env is the real executable schema over a real embedded store in a
// temporary directory, with every store call counted.
type env struct {
	handler http.Handler
	client  *client.Client
	store   *servicetest.CountingStore
	logs    *servicetest.SyncBuffer
}

func newEnv(t *testing.T, opts resolvers.Options) *env {
	t.Helper()
	return newEnvOver(t, servicetest.MustOpenStore(t), opts)
}

func newEnvOver(t *testing.T, st store.Store, opts resolvers.Options) *env {
	t.Helper()
	return newEnvAs(t, st, opts, auth.LocalAdmin)
}

// newEnvAs is newEnvOver with every request running as p.
func newEnvAs(t *testing.T, st store.Store, opts resolvers.Options, p auth.Principal) *env {
	t.Helper()
	cs := servicetest.NewCountingStore(st)
	logs := &servicetest.SyncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	h := as(p, resolvers.NewHandler(service.New(cs, logger), logger, opts))
	return &env{handler: h, client: client.New(h), store: cs, logs: logs}
}

// gqlError is one entry of a response's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// do runs a query that must succeed and decodes its data into resp.
func (e *env) do(t *testing.T, query string, resp any, opts ...client.Option) {
	t.Helper()
	if err := e.client.Post(query, resp, opts...); err != nil {
		t.Fatalf("query failed: %v\n%s", err, query)
	}
}

// fail runs a query that must fail and returns its errors, whatever the
// HTTP status (gqlgen answers parse and validation failures with 422).
func (e *env) fail(t *testing.T, query string, opts ...client.Option) []gqlError {
	t.Helper()
	req := client.Request{Query: query}
	for _, o := range opts {
		o(&req)
	}
	body, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, r)
	var resp struct {
		Errors []gqlError `json:"errors"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatalf("decode response %d %s: %v", w.Code, w.Body, err)
	}
	if len(resp.Errors) == 0 {
		t.Fatalf("query succeeded, want an error: %s", query)
	}
	return resp.Errors
}

func code(errs []gqlError) string {
	c, _ := errs[0].Extensions["code"].(string)
	return c
}

// seed builds, through the API, a small place network:
//
//	town ─┬─ north   ann (parent), bob (young person), youth-club (COMMUNITY_GROUP)
//	      └─ south   cat (parent, PROFESSIONAL), council (PUBLIC_BODY)
//
// ties ann–bob (KNOWS, since 2023-01-01), bob–youth-club (MEMBER_OF, weight 2),
// cat–council (EMPLOYED_BY, 2020-01-01..2022-12-31), ann–cat (KNOWS);
// forum board (south, decision making) with cat LEAD and ann CONSULT.
func (e *env) seed(t *testing.T) {
	t.Helper()
	const q = `mutation {
		town: upsertPlace(input: {id: "town", name: "Millbrook", code: "E06000001", population: 12000}) { id }
		north: upsertPlace(input: {id: "north", name: "North Ward", parentId: "town", needIndex: 2, needScale: "IMD2019_DECILE"}) { id }
		south: upsertPlace(input: {id: "south", name: "South Ward", parentId: "town"}) { id }
		ann: upsertPerson(input: {id: "ann", name: "Ann", placeId: "north", groups: ["parent"], consent: GIVEN}) { id }
		bob: upsertPerson(input: {id: "bob", name: "Bob", placeId: "north", groups: ["young person"]}) { id }
		cat: upsertPerson(input: {id: "cat", name: "Cat", placeId: "south", groups: ["parent"], capacity: PROFESSIONAL, roles: ["officer"]}) { id }
		club: upsertOrganisation(input: {id: "youth-club", name: "Youth Club", kind: COMMUNITY_GROUP, placeId: "north"}) { id }
		council: upsertOrganisation(input: {id: "council", name: "Council", kind: PUBLIC_BODY, placeId: "south"}) { id }
		r1: connect(input: {id: "r1", fromId: "ann", toId: "bob", kind: KNOWS, since: "2023-01-01"}) { id }
		r2: connect(input: {id: "r2", fromId: "bob", toId: "youth-club", kind: MEMBER_OF, weight: 2}) { id }
		r3: connect(input: {id: "r3", fromId: "cat", toId: "council", kind: EMPLOYED_BY, since: "2020-01-01", until: "2022-12-31"}) { id }
		r4: connect(input: {id: "r4", fromId: "ann", toId: "cat", kind: KNOWS}) { id }
		board: upsertForum(input: {id: "board", name: "Board", placeId: "south", decisionMaking: true, affectsGroups: ["parent"]}) { id }
		p1: recordParticipation(input: {id: "p1", actorId: "cat", forumId: "board", level: LEAD, joinedAtStage: IDEA}) { id }
		p2: recordParticipation(input: {id: "p2", actorId: "ann", forumId: "board", level: CONSULT, joinedAtStage: DELIVERY, since: "2024-05-01"}) { id }
	}`
	var resp map[string]any
	e.do(t, q, &resp)
}
