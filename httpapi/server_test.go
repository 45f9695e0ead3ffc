package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

func preflight(t *testing.T, base, origin string) http.Header {
	t.Helper()
	req, _ := http.NewRequest(http.MethodOptions, base+"/graphql", nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", http.MethodPost)
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header
}

// downStore is a store whose backend cannot be reached.
type downStore struct{ store.Store }

func (downStore) Ping(context.Context) error {
	return store.Errorf(store.EUNAVAILABLE, "Neo4j cannot be reached")
}

func TestReadyzUnavailable(t *testing.T) {
	t.Parallel()
	var logs servicetest.SyncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	h := NewServer(logger, downStore{}, service.New(downStore{}, logger), Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	var body map[string]string
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if rec.Code != http.StatusServiceUnavailable || body["status"] != "unavailable" || body["reason"] != "Neo4j cannot be reached" {
		t.Errorf("/readyz = %d %s, want 503 with the reason", rec.Code, rec.Body)
	}
	if !strings.Contains(logs.String(), "store not ready") {
		t.Errorf("logs lack the readiness failure:\n%s", logs.String())
	}
}

func TestNoCORSWithoutOrigins(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.DiscardHandler)
	h := NewServer(logger, downStore{}, service.New(downStore{}, logger), Options{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	if got := preflight(t, srv.URL, "https://dashboard.example.org").Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("with no allowed origins, Access-Control-Allow-Origin = %q, want none", got)
	}
}

func TestRecoverPanics(t *testing.T) {
	t.Parallel()
	var logs servicetest.SyncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	h := chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("person Ada Lovelace broke it")
	}), logRequests(logger), recoverPanics(logger))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql?x=1", strings.NewReader("{}")))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "INTERNAL") {
		t.Errorf("panic answered %d %s, want 500 INTERNAL", rec.Code, rec.Body)
	}
	got := logs.String()
	if !strings.Contains(got, "panic serving request") || !strings.Contains(got, "status=500") || !strings.Contains(got, rec.Header().Get("X-Request-Id")) {
		t.Errorf("logs lack the panic, its status or request id:\n%s", got)
	}
	if strings.Contains(got, "Ada Lovelace") || strings.Contains(got, "x=1") {
		t.Errorf("logs contain the panic value or query string:\n%s", got)
	}
}

// TestGraphQLBodyCap checks that /graphql holds an ordinary request to
// MaxBodyBytes and refuses any body above MaxGraphQLBodyBytes (imports,
// which may be larger, are tested in http_limits_test.go).
func TestGraphQLBodyCap(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.DiscardHandler)
	h := NewServer(logger, downStore{}, service.New(downStore{}, logger), Options{})
	post := func(padding int) *httptest.ResponseRecorder {
		body := `{"query": "{ __typename }", "variables": {"pad": "` + strings.Repeat("x", padding) + `"}}`
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := post(MaxBodyBytes / 2); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"__typename":"Query"`) {
		t.Errorf("a %d-byte body: %d %.200s, want 200 with data", MaxBodyBytes/2, rec.Code, rec.Body)
	}
	if rec := post(2 * MaxBodyBytes); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), `"BAD_USER_INPUT"`) {
		t.Errorf("a %d-byte query: %d %.200s, want 413 BAD_USER_INPUT", 2*MaxBodyBytes, rec.Code, rec.Body)
	}
	if rec := post(MaxGraphQLBodyBytes); rec.Code < 400 || rec.Code >= 500 {
		t.Errorf("a body over %d bytes: %d %.200s, want a 4xx refusal", MaxGraphQLBodyBytes, rec.Code, rec.Body)
	}
}

// TestGraphQLBodyRefusals checks the refusals limitBody makes before gqlgen
// sees a request: a chunked body (no Content-Length) over the cap gets 413,
// and a POST that is not JSON gets 400; both are coded BAD_USER_INPUT and
// neither echoes the body.
func TestGraphQLBodyRefusals(t *testing.T) {
	t.Parallel()
	logger := slog.New(slog.DiscardHandler)
	h := NewServer(logger, downStore{}, service.New(downStore{}, logger), Options{})
	tests := []struct {
		name   string
		body   string
		length int64 // -1: unknown, as for a chunked body
		want   int
	}{
		{name: "chunked over cap", body: `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", MaxGraphQLBodyBytes) + `"}}`, length: -1, want: http.StatusRequestEntityTooLarge},
		{name: "malformed json", body: `{"query": "{ __typename }", SECRET-NAME`, length: 39, want: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tt.body))
			req.ContentLength = tt.length
			req.Header.Set("Content-Type", "application/json")
			h.ServeHTTP(rec, req)
			got := rec.Body.String()
			if rec.Code != tt.want || !strings.Contains(got, `"BAD_USER_INPUT"`) {
				t.Errorf("POST /graphql = %d %.200s, want %d with BAD_USER_INPUT", rec.Code, got, tt.want)
			}
			if strings.Contains(got, "SECRET-NAME") || strings.Contains(got, "xxxx") {
				t.Errorf("response echoes the body: %.200s", got)
			}
		})
	}
}
