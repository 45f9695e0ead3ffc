package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
)

func mustKey(t *testing.T, id string) string {
	t.Helper()
	k, err := auth.NewKey(id)
	if err != nil {
		t.Fatalf("NewKey(%q): %v", id, err)
	}
	return k
}

func TestParseKey(t *testing.T) {
	key := mustKey(t, "ana")
	if !strings.HasPrefix(key, "vm_ana_") || len(key) != len("vm_ana_")+64 {
		t.Fatalf("NewKey = %q, want vm_ana_ and 64 hex digits", key)
	}
	tests := []struct {
		name, key, id string
		ok            bool
	}{
		{"generated", key, "ana", true},
		{"dotted id", "vm_a.b-c_" + strings.Repeat("ab", 32), "a.b-c", true},
		{"no prefix", "xx_ana_" + strings.Repeat("ab", 32), "", false},
		{"short secret", "vm_ana_abcd", "", false},
		{"non-hex secret", "vm_ana_" + strings.Repeat("zz", 32), "", false},
		{"empty id", "vm__" + strings.Repeat("ab", 32), "", false},
		{"upper id", "vm_ANA_" + strings.Repeat("ab", 32), "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := auth.ParseKey(tt.key)
			if (err == nil) != tt.ok || id != tt.id {
				t.Fatalf("ParseKey(%q) = %q, %v; want %q, ok %v", tt.key, id, err, tt.id, tt.ok)
			}
		})
	}
	if k2 := mustKey(t, "ana"); k2 == key {
		t.Fatal("NewKey gave the same key twice")
	}
	if _, err := auth.NewKey("Bad_Id"); err == nil {
		t.Fatal("NewKey(Bad_Id): want an error")
	}
}

func TestHashVerify(t *testing.T) {
	key := mustKey(t, "ana")
	h := auth.Hash(key)
	// sha256("vm_x") computed with: printf vm_x | sha256sum
	if got, want := auth.Hash("vm_x"), "sha256:8893b15e46a2ff9e81124c15d264e6b0aa459a41b91f677c6f4aa2f9d2dbc9a2"; got != want {
		t.Fatalf("Hash(vm_x) = %q, want %q", got, want)
	}
	if !auth.Verify(key, h) {
		t.Fatal("Verify(key, Hash(key)) = false")
	}
	if auth.Verify(key+"0", h) || auth.Verify(key, h[:len(h)-1]) || auth.Verify(key, "") {
		t.Fatal("Verify accepted a wrong key or hash")
	}
}

func entriesJSON(t *testing.T, entries []auth.Entry) []byte {
	t.Helper()
	b, err := json.Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseEntries(t *testing.T) {
	good := auth.Hash("vm_x")
	tests := []struct {
		name, json string
		ok         bool
	}{
		{"good", `[{"id":"ana","role":"analyst","places":["p1"],"hash":"` + good + `"}]`, true},
		{"empty list", `[]`, true},
		{"bad role", `[{"id":"ana","role":"owner","hash":"` + good + `"}]`, false},
		{"bad hash", `[{"id":"ana","role":"admin","hash":"md5:00"}]`, false},
		{"upper-case hash", `[{"id":"ana","role":"admin","hash":"` + strings.ToUpper(good) + `"}]`, false},
		{"duplicate id", `[{"id":"a","role":"admin","hash":"` + good + `"},{"id":"a","role":"admin","hash":"` + good + `"}]`, false},
		{"unknown field", `[{"id":"ana","role":"admin","hash":"` + good + `","key":"x"}]`, false},
		{"not json", `{`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := auth.ParseEntries([]byte(tt.json))
			if (err == nil) != tt.ok {
				t.Fatalf("ParseEntries(%s) error = %v, want ok %v", tt.json, err, tt.ok)
			}
		})
	}
}

func TestAuthenticate(t *testing.T) {
	ana, bob, eve := mustKey(t, "ana"), mustKey(t, "bob"), mustKey(t, "eve")
	k := auth.NewKeyring([]auth.Entry{
		{ID: "ana", Role: auth.RoleAnalyst, Places: []string{"p1"}, Hash: auth.Hash(ana)},
		{ID: "bob", Role: auth.RoleAdmin, Hash: auth.Hash(bob), Revoked: true},
	})
	p, err := k.Authenticate(ana)
	if err != nil || p.KeyID != "ana" || p.Role != auth.RoleAnalyst || len(p.Places) != 1 || p.Places[0] != "p1" {
		t.Fatalf("Authenticate(ana) = %+v, %v", p, err)
	}
	forged := "vm_ana_" + strings.Repeat("00", 32)
	tests := []struct {
		name, key string
		want      error
	}{
		{"revoked", bob, auth.ErrRevoked},
		{"unknown id", eve, auth.ErrUnknownKey},
		{"wrong secret", forged, auth.ErrUnknownKey},
		{"malformed", "hunter2", auth.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := k.Authenticate(tt.key); !errors.Is(err, tt.want) {
				t.Fatalf("Authenticate = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestLoadEnv(t *testing.T) {
	key := mustKey(t, "fay")
	env := string(entriesJSON(t, []auth.Entry{{ID: "fay", Role: auth.RoleFunder, Hash: auth.Hash(key)}}))
	k, err := auth.Load("", env)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := k.Authenticate(key); err != nil || p.Role != auth.RoleFunder {
		t.Fatalf("Authenticate = %+v, %v", p, err)
	}
	if k, err := auth.Load("", ""); k != nil || err != nil {
		t.Fatalf("Load(\"\", \"\") = %v, %v; want nil, nil", k, err)
	}
	if _, err := auth.Load("", "[{"); err == nil || !strings.Contains(err.Error(), "VOICEMAP_KEYS") {
		t.Fatalf("Load(bad env) = %v, want an error naming VOICEMAP_KEYS", err)
	}
}

// clock is a settable clock for the keyring.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestRevocationByFileChange(t *testing.T) {
	key := mustKey(t, "ana")
	path := filepath.Join(t.TempDir(), "keys.json")
	write := func(revoked bool, mtime time.Time) {
		t.Helper()
		data := entriesJSON(t, []auth.Entry{{ID: "ana", Role: auth.RoleEditor, Places: []string{"p"}, Hash: auth.Hash(key), Revoked: revoked}})
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	write(false, t0)
	c := &clock{t: t0}
	k, err := auth.LoadFile(path, c.now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Authenticate(key); err != nil {
		t.Fatalf("before revocation: %v", err)
	}
	write(true, t0.Add(time.Minute))
	c.add(auth.ReloadInterval / 2)
	if _, err := k.Authenticate(key); err != nil {
		t.Fatalf("within ReloadInterval the file is not looked at: got %v", err)
	}
	c.add(auth.ReloadInterval)
	if _, err := k.Authenticate(key); !errors.Is(err, auth.ErrRevoked) {
		t.Fatalf("after revocation: %v, want ErrRevoked", err)
	}
	// A broken file keeps the keys in force and reports.
	if err := os.WriteFile(path, []byte("[{"), 0o600); err != nil {
		t.Fatal(err)
	}
	_ = os.Chtimes(path, t0.Add(2*time.Minute), t0.Add(2*time.Minute))
	c.add(2 * auth.ReloadInterval)
	if _, err := k.Authenticate(key); !errors.Is(err, auth.ErrRevoked) || k.ReloadError() == nil {
		t.Fatalf("broken file: %v, ReloadError %v; want ErrRevoked and an error", err, k.ReloadError())
	}
	// Removing the entry revokes too.
	if err := os.WriteFile(path, []byte("[]"), 0o600); err != nil {
		t.Fatal(err)
	}
	_ = os.Chtimes(path, t0.Add(3*time.Minute), t0.Add(3*time.Minute))
	c.add(2 * auth.ReloadInterval)
	if _, err := k.Authenticate(key); !errors.Is(err, auth.ErrUnknownKey) || k.ReloadError() != nil {
		t.Fatalf("entry removed: %v, ReloadError %v; want ErrUnknownKey, nil", err, k.ReloadError())
	}
}

func TestKeyringConcurrent(t *testing.T) {
	key := mustKey(t, "ana")
	path := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(path, entriesJSON(t, []auth.Entry{{ID: "ana", Role: auth.RoleAdmin, Hash: auth.Hash(key)}}), 0o600); err != nil {
		t.Fatal(err)
	}
	k, err := auth.LoadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if _, err := k.Authenticate(key); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestContext(t *testing.T) {
	ctx := context.Background()
	if _, ok := auth.From(ctx); ok {
		t.Fatal("From(empty) ok")
	}
	places := []string{"p"}
	ctx = auth.With(ctx, auth.Principal{KeyID: "a", Role: auth.RoleEditor, Places: places})
	places[0] = "changed"
	p, ok := auth.From(ctx)
	if !ok || p.KeyID != "a" || p.Places[0] != "p" || !p.Scoped() {
		t.Fatalf("From = %+v, %v", p, ok)
	}
	if auth.LocalAdmin.Scoped() {
		t.Fatal("LocalAdmin.Scoped() = true")
	}
}
