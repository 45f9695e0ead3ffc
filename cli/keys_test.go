package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/auth"
)

func TestKeysNew(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"voicemap", "keys", "new", "-id", "ana", "-role", "analyst", "-place", "north", "-place", "south"}, env(nil), strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatalf("keys new: %v; stderr %s", err, stderr.String())
	}
	key := strings.TrimSpace(stdout.String())
	if id, err := auth.ParseKey(key); err != nil || id != "ana" || strings.Count(stdout.String(), "\n") != 1 {
		t.Fatalf("stdout = %q, want one line with a key of id ana (%v)", stdout.String(), err)
	}
	if strings.Contains(stderr.String(), key) {
		t.Fatal("the key appears on stderr: it must be printed once, on stdout")
	}
	entries, err := auth.ParseEntries(stderr.Bytes()) // one JSON Lines entry
	if err != nil {
		t.Fatalf("stderr %q is not a keys-file entry: %v", stderr.String(), err)
	}
	p, err := auth.NewKeyring(entries).Authenticate(key)
	if err != nil || p.Role != auth.RoleAnalyst || strings.Join(p.Places, ",") != "north,south" {
		t.Fatalf("the entry authenticates the key as %+v, %v; want analyst of north,south", p, err)
	}
}

func TestKeysNewErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{"no subcommand", []string{"keys"}},
		{"unknown subcommand", []string{"keys", "list"}},
		{"no id", []string{"keys", "new", "-role", "admin"}},
		{"bad id", []string{"keys", "new", "-id", "Ana_1", "-role", "admin"}},
		{"bad role", []string{"keys", "new", "-id", "ana", "-role", "owner"}},
		{"editor without place", []string{"keys", "new", "-id", "ana", "-role", "editor"}},
		{"analyst without place", []string{"keys", "new", "-id", "ana", "-role", "analyst"}},
		{"extra argument", []string{"keys", "new", "-id", "ana", "-role", "admin", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append([]string{"voicemap"}, tt.args...), env(nil), strings.NewReader(""), &stdout, &stderr)
			if !errors.As(err, new(usageError)) {
				t.Fatalf("run %v = %v, want a usage error", tt.args, err)
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout = %q, want no key", stdout.String())
			}
		})
	}
}

// keysNew runs "voicemap keys new" with args and returns stdout and stderr.
func keysNew(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"voicemap", "keys", "new"}, args...), env(nil), strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatalf("keys new %v: %v; stderr %s", args, err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// TestKeysNewFileRoundTrip creates keys in each of the three ways keys new
// offers (printed entry appended by hand, -file -, -file FILE) into one
// JSON Lines file and checks that the server's loader takes the file and
// authenticates every key with its role.
func TestKeysNewFileRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "keys", "keys.jsonl")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	// 1. The default: key on stdout, entry on stderr, appended as it is.
	stdout, stderr := keysNew(t, "-id", "root", "-role", "admin")
	rootKey := strings.TrimSpace(stdout)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(stderr); err != nil {
		t.Fatal(err)
	}
	// 2. -file -: entry on stdout (as `>> keys.jsonl` would append it),
	// key on stderr.
	stdout, stderr = keysNew(t, "-id", "fund", "-role", "funder", "-file", "-")
	fundKey := strings.TrimSpace(stderr)
	if strings.Contains(stdout, fundKey) || strings.Count(stdout, "\n") != 1 {
		t.Fatalf("-file -: stdout %q, want one entry line without the key", stdout)
	}
	if _, err := f.WriteString(stdout); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// 3. -file FILE: the entry added to the file, the key on stdout.
	stdout, stderr = keysNew(t, "-id", "ana", "-role", "analyst", "-place", "north", "-file", path)
	anaKey := strings.TrimSpace(stdout)
	if stderr != "" {
		t.Fatalf("-file FILE: stderr %q, want nothing", stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{rootKey, fundKey, anaKey} {
		if strings.Contains(string(data), k) {
			t.Fatal("a key is in the keys file: only its hash may be")
		}
	}
	keys, err := auth.Load(path, "")
	if err != nil {
		t.Fatalf("the server refuses the file keys new made: %v\n%s", err, data)
	}
	for key, role := range map[string]auth.Role{rootKey: auth.RoleAdmin, fundKey: auth.RoleFunder, anaKey: auth.RoleAnalyst} {
		if p, err := keys.Authenticate(key); err != nil || p.Role != role {
			t.Errorf("Authenticate = %+v, %v; want %s", p, err, role)
		}
	}
	// The same id again is refused and the file is left alone.
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"voicemap", "keys", "new", "-id", "ana", "-role", "admin", "-file", path}, env(nil), strings.NewReader(""), &out, &errOut)
	if err == nil || out.Len() != 0 {
		t.Fatalf("keys new with a taken id = %v, stdout %q; want an error and no key", err, out.String())
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, data) {
		t.Fatal("a refused keys new changed the file")
	}
	// And the server starts on it, listening beyond loopback.
	loaded, err := app.LoadKeys(app.Config{Addr: "0.0.0.0:0", KeysFile: path})
	if err != nil || loaded.Len() != 3 {
		t.Fatalf("LoadKeys = %v, %d keys; want 3", err, loaded.Len())
	}
}
