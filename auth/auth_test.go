package auth_test

import (
	"bytes"
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
	line := func(id, role, places string) string {
		p := ""
		if places != "" {
			p = `,"places":` + places
		}
		return `{"id":"` + id + `","role":"` + role + `"` + p + `,"hash":"` + good + `"}`
	}
	tests := []struct {
		name, json string
		n          int    // entries when ok
		err        string // a part of the error, "" when ok
	}{
		{"array", `[` + line("ana", "analyst", `["p1"]`) + `]`, 1, ""},
		{"empty array", `[]`, 0, ""},
		{"empty file", "", 0, ""},
		{"blank file", " \n\n", 0, ""},
		{"json lines", line("ana", "analyst", `["p1"]`) + "\n" + line("bob", "admin", "") + "\n", 2, ""},
		{"json lines, blank lines, no final newline", "\n" + line("ana", "analyst", `["p1"]`) + "\n\n" + line("fay", "funder", ""), 2, ""},
		{"unscoped funder", `[` + line("fay", "funder", "") + `]`, 1, ""},
		{"empty places", `[` + line("ana", "analyst", `[]`) + `]`, 0, `"places" is an empty list`},
		{"empty places of a funder", line("fay", "funder", `[]`), 0, `"places" is an empty list`},
		{"empty places of an admin", line("root", "admin", `[]`), 0, `"places" is an empty list`},
		{"analyst without places", line("ana", "analyst", ""), 0, `an analyst key needs "places"`},
		{"editor without places", `[` + line("ed", "editor", "") + `]`, 0, `an editor key needs "places"`},
		{"null places of an editor", line("ed", "editor", "null"), 0, `an editor key needs "places"`},
		{"empty place id", line("ana", "analyst", `[""]`), 0, "empty place id"},
		{"bad role", `[{"id":"ana","role":"owner","hash":"` + good + `"}]`, 0, `role "owner"`},
		{"bad hash", `[{"id":"ana","role":"admin","hash":"md5:00"}]`, 0, "hash"},
		{"upper-case hash", `[{"id":"ana","role":"admin","hash":"` + strings.ToUpper(good) + `"}]`, 0, "hash"},
		{"duplicate id", `[` + line("a", "admin", "") + `,` + line("a", "admin", "") + `]`, 0, "appears twice"},
		{"duplicate id across lines", line("a", "admin", "") + "\n" + line("a", "admin", "") + "\n", 0, "keys line 2 (a): id \"a\" appears twice"},
		{"unknown field", `[{"id":"ana","role":"admin","hash":"` + good + `","key":"x"}]`, 0, "unknown field"},
		{"not json", `{`, 0, "line 1"},
		{"bad second line", line("a", "admin", "") + "\n{\"id\":\n", 0, "line 2"},
		{"array then a line", `[` + line("a", "admin", "") + "]\n" + line("b", "admin", "") + "\n", 0, "not both"},
		{"line then an array", line("a", "admin", "") + "\n[]\n", 0, "line 2"},
		{"array of junk", `[1]`, 0, "keys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := auth.ParseEntries([]byte(tt.json))
			if tt.err == "" {
				if err != nil || len(entries) != tt.n {
					t.Fatalf("ParseEntries(%s) = %d entries, %v; want %d, nil", tt.json, len(entries), err, tt.n)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("ParseEntries(%s) error = %v, want one saying %q", tt.json, err, tt.err)
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

// keysFile is a keys file whose modification time a test sets, and the
// settable clock of the keyring reading it.
type keysFile struct {
	t     *testing.T
	path  string
	mtime time.Time
	clock *clock
}

func newKeysFile(t *testing.T) *keysFile {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return &keysFile{t: t, path: filepath.Join(t.TempDir(), "keys.json"), mtime: t0, clock: &clock{t: t0}}
}

// write replaces the file's content, with a modification time a minute
// later than the last.
func (f *keysFile) write(data []byte) {
	f.t.Helper()
	f.mtime = f.mtime.Add(time.Minute)
	if err := os.WriteFile(f.path, data, 0o600); err != nil {
		f.t.Fatal(err)
	}
	if err := os.Chtimes(f.path, f.mtime, f.mtime); err != nil {
		f.t.Fatal(err)
	}
}

// later moves the clock past the next reload.
func (f *keysFile) later() { f.clock.add(2 * auth.ReloadInterval) }

func TestRevocationByFileChange(t *testing.T) {
	key := mustKey(t, "ana")
	f := newKeysFile(t)
	entry := func(revoked bool) []byte {
		return entriesJSON(t, []auth.Entry{{ID: "ana", Role: auth.RoleEditor, Places: []string{"p"}, Hash: auth.Hash(key), Revoked: revoked}})
	}
	f.write(entry(false))
	k, err := auth.LoadFile(f.path, f.clock.now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Authenticate(key); err != nil {
		t.Fatalf("before revocation: %v", err)
	}
	f.write(entry(true))
	f.clock.add(auth.ReloadInterval / 2)
	if _, err := k.Authenticate(key); err != nil {
		t.Fatalf("within ReloadInterval the file is not looked at: got %v", err)
	}
	f.clock.add(auth.ReloadInterval)
	if _, err := k.Authenticate(key); !errors.Is(err, auth.ErrRevoked) {
		t.Fatalf("after revocation: %v, want ErrRevoked", err)
	}
	// Removing the entry revokes too.
	f.write([]byte("[]"))
	f.later()
	if _, err := k.Authenticate(key); !errors.Is(err, auth.ErrUnknownKey) || k.ReloadError() != nil {
		t.Fatalf("entry removed: %v, ReloadError %v; want ErrUnknownKey, nil", err, k.ReloadError())
	}
}

// TestReloadFailsClosed breaks the keys file in each way it can break and
// checks that every key, the last good file's included, is refused until
// the file is repaired, and that a repaired file is in force within a
// reload interval even when its modification time has not changed.
func TestReloadFailsClosed(t *testing.T) {
	ana, bob := mustKey(t, "ana"), mustKey(t, "bob")
	good := entriesJSON(t, []auth.Entry{
		{ID: "ana", Role: auth.RoleAdmin, Hash: auth.Hash(ana)},
		{ID: "bob", Role: auth.RoleFunder, Hash: auth.Hash(bob)},
	})
	// The revocation of bob, written with a syntax error.
	badRevocation := []byte(`[{"id":"ana","role":"admin","hash":"` + auth.Hash(ana) + `"},{"id":"bob","role":"funder","hash":"` + auth.Hash(bob) + `","revoked":true]`)
	tests := []struct {
		name      string
		breakFile func(f *keysFile)
		root      bool // the failure shows as root too (root reads a mode-000 file)
	}{
		{"malformed", func(f *keysFile) { f.write([]byte(`[{"id": "ana",`)) }, true},
		{"invalid entry", func(f *keysFile) {
			f.write([]byte(`[{"id":"ana","role":"owner","hash":"` + auth.Hash(ana) + `"}]`))
		}, true},
		{"revocation during a bad file", func(f *keysFile) { f.write(badRevocation) }, true},
		{"deleted", func(f *keysFile) {
			if err := os.Remove(f.path); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"unreadable", func(f *keysFile) {
			if err := os.Chmod(f.path, 0); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"replaced by a directory", func(f *keysFile) {
			if err := os.Remove(f.path); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(f.path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"writable by others", func(f *keysFile) {
			if err := os.Chmod(f.path, 0o666); err != nil {
				t.Fatal(err)
			}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.root && os.Geteuid() == 0 {
				t.Skip("root reads a file of mode 000")
			}
			f := newKeysFile(t)
			f.write(good)
			k, err := auth.LoadFile(f.path, f.clock.now)
			if err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{ana, bob} {
				if _, err := k.Authenticate(key); err != nil {
					t.Fatalf("before: %v", err)
				}
			}
			tt.breakFile(f)
			f.later()
			for _, key := range []string{ana, bob} {
				if p, err := k.Authenticate(key); !errors.Is(err, auth.ErrKeysUnavailable) {
					t.Fatalf("after the file broke: Authenticate = %+v, %v; want ErrKeysUnavailable", p, err)
				}
			}
			if k.ReloadError() == nil {
				t.Fatal("ReloadError() = nil while the file is broken")
			}
			// Still refused a while later (no grace period, no silent return
			// to the old keys).
			f.later()
			if _, err := k.Authenticate(ana); !errors.Is(err, auth.ErrKeysUnavailable) {
				t.Fatalf("still broken: %v, want ErrKeysUnavailable", err)
			}
			// Repair: the same good content, even with the old mtime.
			_ = os.Remove(f.path)
			if err := os.RemoveAll(f.path); err != nil {
				t.Fatal(err)
			}
			f.mtime = f.mtime.Add(-time.Minute)
			f.write(good)
			f.later()
			if _, err := k.Authenticate(ana); err != nil || k.ReloadError() != nil {
				t.Fatalf("after repair: %v, ReloadError %v", err, k.ReloadError())
			}
		})
	}
	t.Run("repaired with the revocation", func(t *testing.T) {
		f := newKeysFile(t)
		f.write(good)
		k, err := auth.LoadFile(f.path, f.clock.now)
		if err != nil {
			t.Fatal(err)
		}
		f.write(badRevocation)
		f.later()
		if _, err := k.Authenticate(bob); !errors.Is(err, auth.ErrKeysUnavailable) {
			t.Fatalf("bad revocation: %v", err)
		}
		f.write(bytes.Replace(badRevocation, []byte("true]"), []byte("true}]"), 1))
		f.later()
		if _, err := k.Authenticate(bob); !errors.Is(err, auth.ErrRevoked) {
			t.Fatalf("revocation fixed: bob %v, want ErrRevoked", err)
		}
		if _, err := k.Authenticate(ana); err != nil {
			t.Fatalf("revocation fixed: ana %v", err)
		}
	})
	t.Run("bad at start", func(t *testing.T) {
		f := newKeysFile(t)
		f.write([]byte(`[{`))
		if k, err := auth.LoadFile(f.path, nil); err == nil || k != nil {
			t.Fatalf("LoadFile(malformed) = %v, %v; want an error", k, err)
		}
		if _, err := auth.LoadFile(filepath.Join(t.TempDir(), "missing.json"), nil); err == nil {
			t.Fatal("LoadFile(missing) succeeded")
		}
	})
}

func TestReloadNoticesReplacedFile(t *testing.T) {
	ana := mustKey(t, "ana")
	f := newKeysFile(t)
	active := entriesJSON(t, []auth.Entry{{ID: "ana", Role: auth.RoleAdmin, Hash: auth.Hash(ana)}})
	revoked := entriesJSON(t, []auth.Entry{{ID: "ana", Role: auth.RoleAdmin, Hash: auth.Hash(ana), Revoked: true}})
	active = append(active, bytes.Repeat([]byte(" "), len(revoked)-len(active))...) // the same size
	f.write(active)
	k, err := auth.LoadFile(f.path, f.clock.now)
	if err != nil {
		t.Fatal(err)
	}
	// Another file of the same size and modification time renamed over
	// it (as an editor or cp -p may leave it).
	other := filepath.Join(filepath.Dir(f.path), "new.json")
	if err := os.WriteFile(other, revoked, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(other, f.mtime, f.mtime); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(other, f.path); err != nil {
		t.Fatal(err)
	}
	f.later()
	if _, err := k.Authenticate(ana); !errors.Is(err, auth.ErrRevoked) {
		t.Fatalf("after the file was replaced: %v, want ErrRevoked", err)
	}
}

func TestAddEntry(t *testing.T) {
	keyA, keyB := mustKey(t, "ana"), mustKey(t, "bob")
	a := auth.Entry{ID: "ana", Role: auth.RoleAnalyst, Places: []string{"north"}, Hash: auth.Hash(keyA)}
	b := auth.Entry{ID: "bob", Role: auth.RoleAdmin, Hash: auth.Hash(keyB)}
	check := func(t *testing.T, path string) {
		t.Helper()
		k, err := auth.LoadFile(path, nil)
		if err != nil {
			t.Fatalf("LoadFile after AddEntry: %v", err)
		}
		for key, role := range map[string]auth.Role{keyA: auth.RoleAnalyst, keyB: auth.RoleAdmin} {
			if p, err := k.Authenticate(key); err != nil || p.Role != role {
				t.Fatalf("Authenticate = %+v, %v; want %s", p, err, role)
			}
		}
	}
	t.Run("new file, then append", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys.jsonl")
		if err := auth.AddEntry(path, a); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm()&0o022 != 0 {
			t.Fatalf("new keys file: %v, mode %v; want not writable by group or others", err, fi.Mode())
		}
		if err := auth.AddEntry(path, b); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		if n := bytes.Count(data, []byte("\n")); n != 2 {
			t.Fatalf("file = %q, want two lines", data)
		}
		check(t, path)
		if err := auth.AddEntry(path, b); err == nil || !strings.Contains(err.Error(), "already has a key") {
			t.Fatalf("AddEntry twice = %v, want a refusal", err)
		}
	})
	t.Run("line without newline", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys.jsonl")
		line, _ := a.EncodeLine()
		if err := os.WriteFile(path, bytes.TrimSuffix(line, []byte("\n")), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := auth.AddEntry(path, b); err != nil {
			t.Fatal(err)
		}
		check(t, path)
	})
	t.Run("array file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys.json")
		if err := os.WriteFile(path, entriesJSON(t, []auth.Entry{a}), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := auth.AddEntry(path, b); err != nil {
			t.Fatal(err)
		}
		check(t, path)
		data, _ := os.ReadFile(path)
		fi, _ := os.Stat(path)
		if data[0] != '[' || fi.Mode().Perm() != 0o640 {
			t.Fatalf("array file became %q, mode %v; want an array, mode 0640", data, fi.Mode())
		}
	})
	t.Run("broken file untouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys.json")
		if err := os.WriteFile(path, []byte("[{"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := auth.AddEntry(path, b); err == nil {
			t.Fatal("AddEntry to a broken file succeeded")
		}
		if data, _ := os.ReadFile(path); string(data) != "[{" {
			t.Fatalf("broken file changed to %q", data)
		}
	})
	t.Run("invalid entry", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys.json")
		bad := a
		bad.Places = []string{}
		if err := auth.AddEntry(path, bad); err == nil {
			t.Fatal("AddEntry(places []) succeeded")
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatal("the file was created for a refused entry")
		}
	})
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

// FuzzParseEntries feeds arbitrary keys files to ParseEntries: it never
// panics, every entry it accepts passes Entry.Check with a unique id, and
// the accepted entries written back as JSON Lines (as keys new writes
// them) parse to the same entries.
func FuzzParseEntries(f *testing.F) {
	good := auth.Hash("vm_x")
	for _, s := range []string{
		`[{"id":"ana","role":"analyst","places":["p1"],"hash":"` + good + `"}]`,
		`{"id":"ana","role":"admin","hash":"` + good + `"}` + "\n" + `{"id":"bob","role":"funder","hash":"` + good + `","revoked":true}`,
		`[]`, ``, `[{"id":"a","role":"analyst","places":[],"hash":"` + good + `"}]`, `{`, "[]\n{}", `[1]`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := auth.ParseEntries(data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		var lines []byte
		for _, e := range entries {
			if err := e.Check(); err != nil {
				t.Fatalf("accepted entry %+v fails Check: %v", e, err)
			}
			if seen[e.ID] {
				t.Fatalf("accepted id %q twice", e.ID)
			}
			seen[e.ID] = true
			line, err := e.EncodeLine()
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, line...)
		}
		again, err := auth.ParseEntries(lines)
		if err != nil || len(again) != len(entries) {
			t.Fatalf("entries written back as lines parse to %d, %v; want %d", len(again), err, len(entries))
		}
		for i := range entries {
			a, b := entries[i], again[i]
			if a.ID != b.ID || a.Role != b.Role || a.Hash != b.Hash || a.Revoked != b.Revoked || strings.Join(a.Places, "\x00") != strings.Join(b.Places, "\x00") {
				t.Fatalf("entry %d = %+v, written back and read %+v", i, a, b)
			}
		}
	})
}
