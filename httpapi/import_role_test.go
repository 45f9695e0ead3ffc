package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// roleKeys returns a keyring with one key of each role (editor and analyst
// scoped to the place "west") and the keys by role.
func roleKeys(t *testing.T) (*auth.Keyring, map[auth.Role]string) {
	t.Helper()
	keys := map[auth.Role]string{}
	var entries []auth.Entry
	for _, role := range []auth.Role{auth.RoleAdmin, auth.RoleEditor, auth.RoleAnalyst, auth.RoleFunder} {
		k, err := auth.NewKey(string(role))
		if err != nil {
			t.Fatal(err)
		}
		keys[role] = k
		e := auth.Entry{ID: string(role), Role: role, Hash: auth.Hash(k)}
		if role == auth.RoleEditor || role == auth.RoleAnalyst {
			e.Places = []string{"west"}
		}
		entries = append(entries, e)
	}
	return auth.NewKeyring(entries), keys
}

// TestImportAllowanceByRole sends a 2 MiB importNetwork body with each
// role's key: only a role that may import gets past the ordinary cap (and
// imports); every other role is refused with 413 BAD_USER_INPUT having had
// at most MaxBodyBytes+1 bytes read, and a declared Content-Length of 39
// MiB is refused before a byte is read, so no funder, analyst or editor
// key can make the server buffer an import-sized body.
func TestImportAllowanceByRole(t *testing.T) {
	t.Parallel()
	doc := `{"version": 1,` + strings.Repeat(" ", 2*MaxBodyBytes) + `"places": [{"id": "west", "name": "West Ward"}]}`
	body := gqlBody(t, `mutation($d: String!) { importNetwork(format: JSON, data: $d) { places } }`, map[string]any{"d": doc})
	keyring, keys := roleKeys(t)
	type principal struct {
		name  string
		keys  *auth.Keyring
		key   string
		large bool // gets the import allowance
	}
	principals := []principal{
		{"no keys (local admin)", nil, "", true},
		{"admin", keyring, keys[auth.RoleAdmin], true},
		{"editor", keyring, keys[auth.RoleEditor], false},
		{"analyst", keyring, keys[auth.RoleAnalyst], false},
		{"funder", keyring, keys[auth.RoleFunder], false},
	}
	send := func(t *testing.T, h http.Handler, p principal, contentLength int64) (*httptest.ResponseRecorder, int64) {
		t.Helper()
		sr := strings.NewReader(body)
		req := httptest.NewRequest(http.MethodPost, "/graphql", sr)
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = contentLength
		if p.key != "" {
			req.Header.Set("Authorization", "Bearer "+p.key)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec, int64(len(body)) - int64(sr.Len()) // the bytes the server read
	}
	for _, p := range principals {
		t.Run(p.name, func(t *testing.T) {
			h, st := newTestServer(t, Options{Keys: p.keys})
			for _, declared := range []int64{int64(len(body)), -1} { // with and without Content-Length
				rec, read := send(t, h, p, declared)
				if p.large {
					if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
						t.Fatalf("import by %s = %d %.300s, want 200 without errors", p.name, rec.Code, rec.Body)
					}
					continue
				}
				if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), `"code":"BAD_USER_INPUT"`) {
					t.Fatalf("import by %s (Content-Length %d) = %d %.300s, want 413 BAD_USER_INPUT", p.name, declared, rec.Code, rec.Body)
				}
				if declared > 0 && read != 0 {
					t.Errorf("declared %d bytes: the server read %d before refusing, want 0", declared, read)
				}
				if read > MaxBodyBytes+1 {
					t.Errorf("the server read %d bytes of a %s's body, want at most %d", read, p.name, MaxBodyBytes+1)
				}
				if n := placeCount(t, st); n != 0 {
					t.Errorf("a refused import wrote %d places", n)
				}
			}
			// 39 MiB declared: refused at once for every role that may not import.
			if !p.large {
				rec, read := send(t, h, p, 39<<20)
				if rec.Code != http.StatusRequestEntityTooLarge || read != 0 {
					t.Errorf("39 MiB declared by %s = %d after reading %d bytes, want 413 after none", p.name, rec.Code, read)
				}
			}
		})
	}
}

// TestMayImportMatchesService checks that the roles the HTTP server gives
// the import allowance (auth.Principal.MayImport) are exactly those the
// service lets import (one method per mutation of resolvers.ImportMutations,
// the mutations that get the allowance): for each role, every import method is refused with
// EFORBIDDEN if and only if MayImport is false.
func TestMayImportMatchesService(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	svc := service.New(st, nil)
	imports := map[string]func(ctx context.Context) error{
		"Import": func(ctx context.Context) error { _, err := svc.Import(ctx, store.Batch{}); return err },
		"ImportPlaces": func(ctx context.Context) error {
			_, err := svc.ImportPlaces(ctx, strings.NewReader(""))
			return err
		},
		"ImportBoundaries": func(ctx context.Context) error {
			_, err := svc.ImportBoundaries(ctx, strings.NewReader(""), "")
			return err
		},
		"ImportKumu": func(ctx context.Context) error {
			_, err := svc.ImportKumu(ctx, strings.NewReader(""), strings.NewReader(""), "")
			return err
		},
		"ImportGiving": func(ctx context.Context) error {
			_, err := svc.ImportGiving(ctx, strings.NewReader("[]"), service.GivingImport{Form: service.GivingJSON})
			return err
		},
	}
	if len(imports) != len(resolvers.ImportMutations) {
		t.Fatalf("%d import methods checked, but resolvers.ImportMutations lists %d mutations %v: check the new one's service method here",
			len(imports), len(resolvers.ImportMutations), resolvers.ImportMutations)
	}
	for _, role := range []auth.Role{auth.RoleAdmin, auth.RoleEditor, auth.RoleAnalyst, auth.RoleFunder} {
		p := auth.Principal{KeyID: "k", Role: role, Places: []string{"west"}}
		if role == auth.RoleAdmin {
			p.Places = nil
		}
		ctx := auth.With(context.Background(), p)
		for name, imp := range imports {
			forbidden := store.ErrorCode(imp(ctx)) == store.EFORBIDDEN
			if forbidden == p.MayImport() {
				t.Errorf("%s as %s: forbidden %v, but MayImport() = %v", name, role, forbidden, p.MayImport())
			}
		}
	}
}
