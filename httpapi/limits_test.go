package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// newTestServer is NewServer over a fresh embedded store.
func newTestServer(t *testing.T, opts Options) (http.Handler, store.Store) {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	logger := slog.New(slog.DiscardHandler)
	return NewServer(logger, st, service.New(st, logger), opts), st
}

func postJSON(h http.Handler, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	return rec
}

func gqlBody(t *testing.T, query string, vars map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func placeCount(t *testing.T, st store.Store) int {
	t.Helper()
	c, err := st.Places(context.Background(), store.PlaceFilter{}, store.Page{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c.TotalCount
}

// TestImportBodyCap checks that only an import mutation may send a body
// above MaxBodyBytes, up to MaxGraphQLBodyBytes.
func TestImportBodyCap(t *testing.T) {
	t.Parallel()
	// A valid voicemap JSON document padded with whitespace to 2 MiB.
	doc := `{"version": 1,` + strings.Repeat(" ", 2*MaxBodyBytes) + `"places": [{"id": "west", "name": "West Ward"}]}`
	const importQ = `mutation($d: String!) { importNetwork(format: JSON, data: $d) { places } }`
	tests := []struct {
		name       string
		query      string
		vars       map[string]any
		want       int
		wantPlaces int
	}{
		{name: "import over the ordinary cap", query: importQ, vars: map[string]any{"d": doc}, want: http.StatusOK, wantPlaces: 1},
		{name: "aliased imports", query: `mutation($d: String!, $e: String!) { a: importNetwork(format: JSON, data: $e) { places } b: importNetwork(format: JSON, data: $d) { places } }`,
			vars: map[string]any{"d": doc, "e": `{"version": 1, "places": [{"id": "east", "name": "East Ward"}]}`}, want: http.StatusOK, wantPlaces: 2},
		{name: "import beside an upsert", query: `mutation($d: String!) { importNetwork(format: JSON, data: $d) { places } upsertPlace(input: {id: "p", name: "P"}) { id } }`, vars: map[string]any{"d": doc}, want: http.StatusRequestEntityTooLarge},
		{name: "query", query: `query($d: String!) { places(parentId: $d) { totalCount } }`, vars: map[string]any{"d": doc}, want: http.StatusRequestEntityTooLarge},
		{name: "other mutation", query: `mutation($d: String!) { deleteActor(id: $d) }`, vars: map[string]any{"d": doc}, want: http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, st := newTestServer(t, Options{})
			rec := postJSON(h, gqlBody(t, tt.query, tt.vars))
			if rec.Code != tt.want {
				t.Fatalf("POST %d bytes = %d %.300s, want %d", len(doc), rec.Code, rec.Body, tt.want)
			}
			if tt.want == http.StatusRequestEntityTooLarge && !strings.Contains(rec.Body.String(), `"BAD_USER_INPUT"`) {
				t.Errorf("refusal = %.300s, want BAD_USER_INPUT", rec.Body)
			}
			if tt.want == http.StatusOK && strings.Contains(rec.Body.String(), `"errors"`) {
				t.Errorf("import = %.300s, want no errors", rec.Body)
			}
			if got := placeCount(t, st); got != tt.wantPlaces {
				t.Errorf("after the request the store holds %d places, want %d", got, tt.wantPlaces)
			}
		})
	}
	t.Run("declared over the import cap", func(t *testing.T) {
		h, _ := newTestServer(t, Options{})
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(gqlBody(t, importQ, map[string]any{"d": "{}"})))
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = MaxGraphQLBodyBytes + 1
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("Content-Length %d = %d, want 413", req.ContentLength, rec.Code)
		}
	})
}

// TestOnlyJSONAndGETTransports checks that the transports a browser can
// use cross-origin without a preflight (form-encoded, multipart, plain
// text), GET mutations and other malformed requests change nothing and are
// answered with a GraphQL error carrying extensions.code BAD_USER_INPUT
// (never an uncoded error, never INTERNAL), with the right status.
func TestOnlyJSONAndGETTransports(t *testing.T) {
	t.Parallel()
	const mutation = `mutation { upsertPlace(input: {id: "evil", name: "Evil"}) { id } }`
	form := url.Values{"query": {mutation}}.Encode()
	getQuery := func(params url.Values) string { return "/graphql?" + params.Encode() }
	tests := []struct {
		name, method, contentType, target, body string
		header                                  map[string]string
		want                                    int
		allow                                   string
	}{
		{name: "form", method: http.MethodPost, contentType: "application/x-www-form-urlencoded", target: "/graphql", body: form, want: http.StatusUnsupportedMediaType},
		{name: "multipart", method: http.MethodPost, contentType: "multipart/form-data; boundary=X", target: "/graphql",
			body: "--X\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n" + gqlBody(t, mutation, nil) + "\r\n--X--\r\n", want: http.StatusUnsupportedMediaType},
		{name: "text/plain", method: http.MethodPost, contentType: "text/plain", target: "/graphql", body: gqlBody(t, mutation, nil), want: http.StatusUnsupportedMediaType},
		{name: "no content type", method: http.MethodPost, target: "/graphql", body: gqlBody(t, mutation, nil), want: http.StatusUnsupportedMediaType},
		{name: "json suffix type", method: http.MethodPost, contentType: "application/graphql-response+json", target: "/graphql", body: gqlBody(t, mutation, nil), want: http.StatusUnsupportedMediaType},
		{name: "empty JSON body", method: http.MethodPost, contentType: "application/json", target: "/graphql", want: http.StatusBadRequest},
		{name: "blank JSON body", method: http.MethodPost, contentType: "application/json", target: "/graphql", body: "  \n", want: http.StatusBadRequest},
		{name: "GET mutation", method: http.MethodGet, target: "/graphql?" + form, want: http.StatusMethodNotAllowed, allow: "POST"},
		{name: "GET named mutation", method: http.MethodGet, target: getQuery(url.Values{"query": {"query Q { __typename } " + mutation[:8] + " M " + mutation[9:]}, "operationName": {"M"}}),
			want: http.StatusMethodNotAllowed, allow: "POST"},
		{name: "GET subscription", method: http.MethodGet, target: getQuery(url.Values{"query": {"subscription { x }"}}), want: http.StatusMethodNotAllowed, allow: "POST"},
		{name: "GET bad variables", method: http.MethodGet, target: getQuery(url.Values{"query": {"{ __typename }"}, "variables": {"{"}}), want: http.StatusBadRequest},
		{name: "GET array variables", method: http.MethodGet, target: getQuery(url.Values{"query": {"{ __typename }"}, "variables": {"[1]"}}), want: http.StatusBadRequest},
		{name: "GET bad extensions", method: http.MethodGet, target: getQuery(url.Values{"query": {"{ __typename }"}, "extensions": {"x"}}), want: http.StatusBadRequest},
		{name: "GET malformed query string", method: http.MethodGet, target: "/graphql?query=%zz", want: http.StatusBadRequest},
		{name: "PUT", method: http.MethodPut, contentType: "application/json", target: "/graphql", body: gqlBody(t, mutation, nil), want: http.StatusMethodNotAllowed, allow: "GET, POST, OPTIONS"},
		{name: "DELETE", method: http.MethodDelete, target: "/graphql", want: http.StatusMethodNotAllowed, allow: "GET, POST, OPTIONS"},
		{name: "websocket upgrade", method: http.MethodGet, target: "/graphql", header: map[string]string{"Upgrade": "websocket", "Connection": "Upgrade"}, want: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, st := newTestServer(t, Options{})
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			req.Header.Set("Accept", "application/json")
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("%s %s = %d %.200s, want %d", tt.method, tt.contentType, rec.Code, rec.Body, tt.want)
			}
			if got := rec.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
			var resp struct {
				Errors []struct {
					Message    string
					Extensions map[string]string
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Errorf("%s %s answered %s, want one error coded BAD_USER_INPUT", tt.method, tt.target, rec.Body)
			}
			if n := placeCount(t, st); n != 0 {
				t.Errorf("the refused request wrote %d places", n)
			}
		})
	}
	// What gets through still works: a GET query, a POST query.
	h, _ := newTestServer(t, Options{})
	for _, req := range []*http.Request{
		httptest.NewRequest(http.MethodGet, getQuery(url.Values{"query": {"{ __typename }"}, "variables": {"{}"}}), nil),
		httptest.NewRequest(http.MethodGet, getQuery(url.Values{"query": {"query Q { __typename } mutation M { deleteActor(id: \"x\") }"}, "operationName": {"Q"}}), nil),
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"__typename":"Query"`) {
			t.Errorf("GET %s = %d %s, want the query answered", req.URL, rec.Code, rec.Body)
		}
	}
}

func TestCORSPreflightAllowlist(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t, Options{CORSOrigins: []string{"https://dashboard.example.org"}})
	srv := httptest.NewServer(h)
	defer srv.Close()
	if got := preflight(t, srv.URL, "https://dashboard.example.org").Get("Access-Control-Allow-Origin"); got != "https://dashboard.example.org" {
		t.Errorf("preflight from a listed origin: Access-Control-Allow-Origin = %q, want it echoed", got)
	}
	for _, origin := range []string{"https://evil.example.com", "https://dashboard.example.org.evil.com", "null"} {
		if got := preflight(t, srv.URL, origin).Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("preflight from %s: Access-Control-Allow-Origin = %q, want none", origin, got)
		}
	}
}

func TestRateLimitedServer(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t, Options{RateLimit: 0.5, RateBurst: 2})
	do := func(method, target, remote string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, target, strings.NewReader(`{"query":"{ __typename }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = remote
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range 2 {
		if rec := do(http.MethodPost, "/graphql", "192.0.2.1:1000"); rec.Code != http.StatusOK {
			t.Fatalf("request %d within the burst = %d %s", i+1, rec.Code, rec.Body)
		}
	}
	rec := do(http.MethodPost, "/graphql", "192.0.2.1:2000") // same host, another port
	var body struct {
		Errors []struct {
			Message    string
			Extensions map[string]string
		}
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if rec.Code != http.StatusTooManyRequests || len(body.Errors) != 1 || body.Errors[0].Extensions["code"] != "RATE_LIMITED" {
		t.Errorf("request over the burst = %d %s, want 429 RATE_LIMITED", rec.Code, rec.Body)
	}
	if ra := rec.Header().Get("Retry-After"); ra != "2" {
		t.Errorf("Retry-After = %q, want 2 (one token at 0.5/s)", ra)
	}
	if rec := do(http.MethodPost, "/graphql", "198.51.100.7:1000"); rec.Code != http.StatusOK {
		t.Errorf("another client = %d, want 200", rec.Code)
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		for range 5 {
			if rec := do(http.MethodGet, path, "192.0.2.1:1000"); rec.Code != http.StatusOK {
				t.Errorf("GET %s by a limited client = %d, want 200 (health is not limited)", path, rec.Code)
			}
		}
	}
}
