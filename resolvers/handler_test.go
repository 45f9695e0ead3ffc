package resolvers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/resolvers"
)

func get(t *testing.T, h http.Handler, query string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(query), nil)
	req.Header.Set("Accept", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestGETQueriesOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	rec := get(t, e.handler, `{ place(id: "town") { name } }`)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"Millbrook"`) {
		t.Errorf("GET query = %d %s, want 200 with the place", rec.Code, rec.Body)
	}
	rec = get(t, e.handler, `mutation { deleteActor(id: "ann") }`)
	if rec.Code == http.StatusOK || !strings.Contains(rec.Body.String(), "only allow query") {
		t.Errorf("GET mutation = %d %s, want refused", rec.Code, rec.Body)
	}
	var resp struct{ Person *struct{ ID string } }
	e.do(t, `{ person(id: "ann") { id } }`, &resp)
	if resp.Person == nil {
		t.Errorf("the refused GET mutation deleted ann")
	}
}

func TestIntrospectionOnlyInDev(t *testing.T) {
	t.Parallel()
	const q = `{ __schema { queryType { name } } }`
	prod := newEnv(t, resolvers.Options{})
	if errs := prod.fail(t, q); !strings.Contains(errs[0].Message, "introspection") {
		t.Errorf("introspection in production: %+v, want refused", errs)
	}
	dev := newEnv(t, resolvers.Options{Dev: true})
	var resp struct {
		Schema struct{ QueryType struct{ Name string } } `json:"__schema"`
	}
	dev.do(t, q, &resp)
	if resp.Schema.QueryType.Name != "Query" {
		t.Errorf("introspection in dev = %+v", resp)
	}
}

func TestComplexityLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	// 500 × 500 × 50 potential items: far above MaxComplexity.
	errs := e.fail(t, `{ people(first: 500) { edges { node { relationships(first: 500) { edges { node {
		from { ... on Person { participations { edges { node { id } } } } } } } } } } } }`)
	if !strings.Contains(errs[0].Message, "complexity") || code(errs) != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("deeply nested query: %+v, want refused for complexity with GRAPHQL_VALIDATION_FAILED", errs)
	}
	if n := e.store.Total(); n != 0 {
		t.Errorf("refused query made %d store calls (%v), want none", n, e.store.Counts())
	}
	// The 500-relationship listing of TestDataloaderRoundTrips fits.
	var resp map[string]any
	e.do(t, `{ relationships(first: 500) { edges { node { id from { id name place { id name } } to { id name place { id name } } } } } }`, &resp)
}
