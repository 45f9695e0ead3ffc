package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// testKeys returns a keyring with an admin, a funder and a revoked key,
// and the keys by name.
func testKeys(t *testing.T) (*auth.Keyring, map[string]string) {
	t.Helper()
	keys := map[string]string{}
	var entries []auth.Entry
	for _, e := range []auth.Entry{
		{ID: "root", Role: auth.RoleAdmin},
		{ID: "fund", Role: auth.RoleFunder},
		{ID: "old", Role: auth.RoleAdmin, Revoked: true},
	} {
		k, err := auth.NewKey(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		keys[e.ID] = k
		e.Hash = auth.Hash(k)
		entries = append(entries, e)
	}
	return auth.NewKeyring(entries), keys
}

// postGraphQL sends query with the Authorization header (none when empty).
func postGraphQL(t *testing.T, h http.Handler, authz, query string) *httptest.ResponseRecorder {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if authz != "" {
		r.Header.Set("Authorization", authz)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var resp struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if len(resp.Errors) == 0 {
		return ""
	}
	c, _ := resp.Errors[0].Extensions["code"].(string)
	return c
}

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	if _, err := st.Import(t.Context(), store.Batch{
		Places: []store.Place{{ID: "town", Name: "Town"}},
		People: []store.Person{{ID: "ann", Name: "Ann", PlaceID: "town", Capacity: store.CapacityCommunity, Consent: store.ConsentGiven}},
	}); err != nil {
		t.Fatal(err)
	}
	logs := &servicetest.SyncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	keys, k := testKeys(t)
	h := NewServer(logger, st, service.New(st, logger), Options{Keys: keys})
	tests := []struct {
		name, authz, query string
		status             int
		code               string
	}{
		{"no key", "", "{ place(id: \"town\") { id } }", http.StatusUnauthorized, "UNAUTHENTICATED"},
		{"not bearer", "Basic " + k["root"], "{ place(id: \"town\") { id } }", http.StatusUnauthorized, "UNAUTHENTICATED"},
		{"malformed", "Bearer hunter2", "{ place(id: \"town\") { id } }", http.StatusUnauthorized, "UNAUTHENTICATED"},
		{"unknown", "Bearer vm_root_" + strings.Repeat("0", 64), "{ place(id: \"town\") { id } }", http.StatusUnauthorized, "UNAUTHENTICATED"},
		{"revoked", "Bearer " + k["old"], "{ place(id: \"town\") { id } }", http.StatusUnauthorized, "UNAUTHENTICATED"},
		{"admin", "Bearer " + k["root"], "{ person(id: \"ann\") { name } }", http.StatusOK, ""},
		{"lower-case scheme", "bearer " + k["root"], "{ place(id: \"town\") { id } }", http.StatusOK, ""},
		{"funder reads a place", "Bearer " + k["fund"], "{ place(id: \"town\") { id } }", http.StatusOK, ""},
		{"funder reads a person", "Bearer " + k["fund"], "{ person(id: \"ann\") { name } }", http.StatusOK, "FORBIDDEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := postGraphQL(t, h, tt.authz, tt.query)
			if w.Code != tt.status || errorCode(t, w.Body.Bytes()) != tt.code {
				t.Fatalf("status %d body %s; want %d code %q", w.Code, w.Body, tt.status, tt.code)
			}
			if tt.status == http.StatusUnauthorized && !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Fatalf("WWW-Authenticate = %q, want a Bearer challenge", w.Header().Get("WWW-Authenticate"))
			}
			if tt.code == "FORBIDDEN" && strings.Contains(w.Body.String(), "Ann") {
				t.Fatalf("forbidden answer leaks the name: %s", w.Body)
			}
		})
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK {
			t.Errorf("GET %s without a key = %d, want 200", path, w.Code)
		}
	}
	for _, key := range k {
		if strings.Contains(logs.String(), key) {
			t.Fatalf("a key appears in the log:\n%s", logs)
		}
	}
}

func TestNoKeysRunsAsLocalAdmin(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := NewServer(logger, st, service.New(st, logger), Options{})
	w := postGraphQL(t, h, "", "{ erasures { totalCount } }")
	if w.Code != http.StatusOK || errorCode(t, w.Body.Bytes()) != "" {
		t.Fatalf("erasures without keys = %d %s, want 200 as the local admin", w.Code, w.Body)
	}
}

func TestClientOf(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	r.RemoteAddr = "192.0.2.7:5555"
	if got := clientOf(r); got != "addr:192.0.2.7" {
		t.Errorf("clientOf(anonymous) = %q, want addr:192.0.2.7", got)
	}
	if got := clientOf(r.WithContext(auth.With(r.Context(), auth.LocalAdmin))); got != "addr:192.0.2.7" {
		t.Errorf("clientOf(local admin) = %q, want addr:192.0.2.7", got)
	}
	p := auth.Principal{KeyID: "ana", Role: auth.RoleAnalyst}
	if got := clientOf(r.WithContext(auth.With(r.Context(), p))); got != "key:ana" {
		t.Errorf("clientOf(key ana) = %q, want key:ana", got)
	}
}

// TestKeysReloadIsLogged breaks and repairs the keys file under the
// authentication middleware and checks the log: one error per distinct
// failure (path and error class, never the file's contents), while every
// key is refused (401), and one info line once a reload succeeds.
func TestKeysReloadIsLogged(t *testing.T) {
	t.Parallel()
	key, err := auth.NewKey("ana")
	if err != nil {
		t.Fatal(err)
	}
	hash := auth.Hash(key)
	good, err := json.Marshal([]auth.Entry{{ID: "ana", Role: auth.RoleAdmin, Hash: hash}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "keys.json")
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mtime := t0
	write := func(data []byte) {
		t.Helper()
		mtime = mtime.Add(time.Minute)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	write(good)
	now := t0
	keys, err := auth.LoadFile(path, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	h := authenticate(keys, nil, logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	// request authenticates twice, a reload interval apart, so that the
	// keyring looks at the file at least once more, and returns the lines
	// logged meanwhile.
	request := func(want int) []map[string]any {
		t.Helper()
		logs.Reset()
		for range 2 {
			now = now.Add(2 * auth.ReloadInterval)
			if w := postGraphQL(t, h, "Bearer "+key, `{ __typename }`); w.Code != want {
				t.Fatalf("status %d %s, want %d", w.Code, w.Body, want)
			}
		}
		if strings.Contains(logs.String(), hash) || strings.Contains(logs.String(), key) {
			t.Fatalf("the log quotes key material: %s", logs.String())
		}
		var lines []map[string]any
		dec := json.NewDecoder(bytes.NewReader(logs.Bytes()))
		for dec.More() {
			var m map[string]any
			if err := dec.Decode(&m); err != nil {
				t.Fatal(err)
			}
			if msg, _ := m["msg"].(string); strings.HasPrefix(msg, "keys file") {
				lines = append(lines, m)
			}
		}
		return lines
	}
	badRole, err := json.Marshal([]auth.Entry{{ID: "ana", Role: "owner", Hash: hash}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		alter func()
		level string // "" for no line
		class string
		code  int // the key's answer
	}{
		{"unchanged", func() {}, "", "", http.StatusNoContent},
		{"invalid JSON", func() { write([]byte(`[{"id": "ana", "hash": "` + hash)) }, "ERROR", "invalid JSON", http.StatusUnauthorized},
		{"same failure again", func() {}, "", "", http.StatusUnauthorized},
		{"invalid entry", func() { write(badRole) }, "ERROR", "invalid entries", http.StatusUnauthorized},
		{"file removed", func() {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, "ERROR", "missing", http.StatusUnauthorized},
		{"still removed", func() {}, "", "", http.StatusUnauthorized},
		{"repaired", func() { write(good) }, "INFO", "", http.StatusNoContent},
		{"after repair", func() {}, "", "", http.StatusNoContent},
	}
	for _, tt := range tests {
		tt.alter()
		lines := request(tt.code)
		if tt.level == "" {
			if len(lines) != 0 {
				t.Errorf("%s: logged %v, want nothing", tt.name, lines)
			}
			continue
		}
		if len(lines) != 1 {
			t.Errorf("%s: logged %v, want one %s line", tt.name, lines, tt.level)
			continue
		}
		l := lines[0]
		if l["level"] != tt.level || l["path"] != path {
			t.Errorf("%s: logged %v, want %s with path %s", tt.name, l, tt.level, path)
		}
		if class, _ := l["error_class"].(string); class != tt.class {
			t.Errorf("%s: error_class %q, want %q", tt.name, class, tt.class)
		}
		if _, ok := l["error"]; ok {
			t.Errorf("%s: logged the error's text: %v", tt.name, l)
		}
	}
}

func TestKeysErrorClass(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"missing", &fs.PathError{Op: "stat", Path: "k", Err: fs.ErrNotExist}, "missing"},
		{"permission", &fs.PathError{Op: "open", Path: "k", Err: fs.ErrPermission}, "permission denied"},
		{"other read error", &fs.PathError{Op: "read", Path: "k", Err: errors.New("is a directory")}, "unreadable"},
		{"truncated", fmt.Errorf("keys: %w", io.ErrUnexpectedEOF), "invalid JSON"},
		{"unknown field", fmt.Errorf("keys file k.json: %w", fmt.Errorf("keys: %w", errors.New(`json: unknown field "x"`))), "invalid JSON"},
		{"syntax", json.Unmarshal([]byte("[x"), new([]auth.Entry)), "invalid JSON"},
		{"entry", errors.New(`keys[0] (ana): role "owner": want admin, editor, analyst or funder`), "invalid entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keysErrorClass(tt.err); got != tt.want {
				t.Errorf("keysErrorClass(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}

// TestReadyzWhileKeysFileBroken checks that /readyz reports 503 while the
// keys file cannot be used (every key is then refused) and 200 again once
// it is repaired.
func TestReadyzWhileKeysFileBroken(t *testing.T) {
	t.Parallel()
	key, err := auth.NewKey("ana")
	if err != nil {
		t.Fatal(err)
	}
	good, _ := json.Marshal([]auth.Entry{{ID: "ana", Role: auth.RoleAdmin, Hash: auth.Hash(key)}})
	path := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	keys, err := auth.LoadFile(path, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	h, _ := newTestServer(t, Options{Keys: keys})
	readyz := func() (int, string) {
		now = now.Add(2 * auth.ReloadInterval)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		return rec.Code, rec.Body.String()
	}
	if code, body := readyz(); code != http.StatusOK {
		t.Fatalf("readyz with a good file = %d %s", code, body)
	}
	if err := os.WriteFile(path, []byte("[{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, body := readyz(); code != http.StatusServiceUnavailable || !strings.Contains(body, "keys file") {
		t.Fatalf("readyz with a broken file = %d %s, want 503 naming the keys file", code, body)
	}
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, body := readyz(); code != http.StatusOK {
		t.Fatalf("readyz after repair = %d %s", code, body)
	}
}
