package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/web"
)

func get(t *testing.T, h http.Handler, path, accept string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if accept != "" {
		r.Header.Set("Accept-Encoding", accept)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestHandler checks the dashboard's routes, cache headers, precompressed
// variants, CSP and the published schema.
func TestHandler(t *testing.T) {
	h := web.Handler([]byte("type Query { x: Int }\n"), web.Options{KeysRequired: true})
	if w := get(t, h, "/dashboard.json", ""); w.Body.String() != `{"keysRequired":true}` {
		t.Errorf("GET /dashboard.json = %q", w.Body.String())
	}
	index := get(t, h, "/", "")
	if index.Code != http.StatusOK || !strings.Contains(index.Body.String(), `<div id="app">`) {
		t.Fatalf("GET / = %d %q, want index.html", index.Code, index.Body.String())
	}
	if got := index.Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("index Cache-Control = %q, want no-cache", got)
	}
	if csp := index.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP = %q, want script-src 'self' and no eval", csp)
	}
	if strings.Contains(index.Body.String(), "<script>") {
		t.Error("index.html has an inline script")
	}
	for _, route := range []string{"/network", "/voices", "/power", "/money", "/recommendations", "/explorer"} {
		if w := get(t, h, route, ""); w.Code != http.StatusOK || w.Body.String() != index.Body.String() {
			t.Errorf("GET %s = %d, want index.html", route, w.Code)
		}
	}
	for _, missing := range []string{"/nope", "/assets/nope.js", "/routes.json", "/network/x"} {
		if w := get(t, h, missing, ""); w.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", missing, w.Code)
		}
	}
	// The hashed script named by index.html: immutable, brotli or gzip by Accept-Encoding.
	i := strings.Index(index.Body.String(), "/assets/")
	asset := index.Body.String()[i : i+strings.Index(index.Body.String()[i:], `"`)]
	plain := get(t, h, asset, "")
	if plain.Code != http.StatusOK || plain.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("GET %s = %d %v", asset, plain.Code, plain.Header())
	}
	if ct := plain.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("Content-Type of %s = %q", asset, ct)
	}
	for _, tc := range []struct{ accept, want string }{{"gzip, deflate, br", "br"}, {"gzip", "gzip"}, {"br;q=0, gzip", "gzip"}, {"identity", ""}} {
		w := get(t, h, asset, tc.accept)
		if got := w.Header().Get("Content-Encoding"); got != tc.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding = %q, want %q", tc.accept, got, tc.want)
		}
		if tc.want != "" && w.Body.Len() >= plain.Body.Len() {
			t.Errorf("Accept-Encoding %q: %d bytes, not smaller than %d", tc.accept, w.Body.Len(), plain.Body.Len())
		}
		if !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("no Vary: Accept-Encoding")
		}
	}
	schema := get(t, h, "/schema.graphql", "")
	if schema.Code != http.StatusOK || schema.Body.String() != "type Query { x: Int }\n" {
		t.Errorf("GET /schema.graphql = %d %q", schema.Code, schema.Body.String())
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("If-None-Match", index.Header().Get("ETag"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusNotModified {
		t.Errorf("conditional GET / = %d, want 304", w.Code)
	}
	// The respondent's page: its own small entry, the same CSP, none of the dashboard's heavy chunks.
	respond := get(t, h, "/respond", "")
	body := respond.Body.String()
	if respond.Code != http.StatusOK || !strings.Contains(body, "<title>Your survey</title>") || respond.Header().Get("Content-Security-Policy") != index.Header().Get("Content-Security-Policy") {
		t.Fatalf("GET /respond = %d %v %q, want respond.html with the dashboard's CSP", respond.Code, respond.Header(), body)
	}
	if respond.Header().Get("Cache-Control") != "no-cache" || respond.Header().Get("Referrer-Policy") != "no-referrer" || strings.Contains(body, "<script>") {
		t.Errorf("GET /respond headers %v: want no-cache, no-referrer and no inline script", respond.Header())
	}
	for _, heavy := range []string{"sigma", "maplibre", "graphiql", "Network-", "PlaceMap-"} {
		if strings.Contains(strings.ToLower(body), strings.ToLower(heavy)) {
			t.Errorf("respond.html loads %s", heavy)
		}
	}
	post := httptest.NewRecorder()
	h.ServeHTTP(post, httptest.NewRequest(http.MethodPost, "/", nil))
	if post.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d, want 405", post.Code)
	}
}
