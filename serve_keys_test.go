package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/cli"
)

func TestRunRefusesPublicAddressWithoutKeys(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:8080"} {
		t.Run(addr, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"voicemap", "-addr", addr, "-data", filepath.Join(t.TempDir(), "v.db")}, env(nil), strings.NewReader(""), &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), "VOICEMAP_KEYS_FILE") {
				t.Fatalf("run -addr %s without keys = %v, want a refusal naming VOICEMAP_KEYS_FILE", addr, err)
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout = %q, want nothing: the server must not listen", stdout.String())
			}
		})
	}
}

func TestRunLoopbackWithoutKeysWarns(t *testing.T) {
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-data", filepath.Join(t.TempDir(), "v.db")}, nil)
	if !strings.Contains(s.stderr.String(), "no API keys configured") || !strings.Contains(s.stderr.String(), "level=WARN") {
		t.Fatalf("stderr does not warn about running without keys:\n%s", s.stderr)
	}
}

func TestRunWithKeysFile(t *testing.T) {
	key, err := auth.NewKey("ana")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "keys.json")
	data, _ := json.Marshal([]auth.Entry{{ID: "ana", Role: auth.RoleAdmin, Hash: auth.Hash(key)}})
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-data", filepath.Join(t.TempDir(), "v.db")}, map[string]string{"VOICEMAP_KEYS_FILE": path})
	post := func(authz string) int {
		body := strings.NewReader(`{"query":"{ places { totalCount } }"}`)
		r, _ := http.NewRequest(http.MethodPost, s.base+"/graphql", body)
		r.Header.Set("Content-Type", "application/json")
		if authz != "" {
			r.Header.Set("Authorization", authz)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(""); got != http.StatusUnauthorized {
		t.Fatalf("without a key = %d, want 401", got)
	}
	if got := post("Bearer " + key); got != http.StatusOK {
		t.Fatalf("with the key = %d, want 200", got)
	}
	if strings.Contains(s.stderr.String(), key) {
		t.Fatal("the key appears in the server's log")
	}
}

// TestServeWithoutKeysFile checks that a server told to use a keys file
// that does not exist (as in the container before the first key) refuses
// to start and says how to create it.
func TestServeWithoutKeysFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "keys.jsonl")
	vars := map[string]string{"VOICEMAP_KEYS_FILE": path, "VOICEMAP_ADDR": "0.0.0.0:0", "VOICEMAP_DATA": filepath.Join(t.TempDir(), "v.db")}
	var stdout, stderr bytes.Buffer
	code := runMain(t.Context(), []string{"voicemap"}, env(vars), strings.NewReader(""), &stdout, &stderr)
	if code != cli.ExitError || !strings.Contains(stderr.String(), "does not exist") || !strings.Contains(stderr.String(), "voicemap keys new -id admin -role admin -file "+path) {
		t.Fatalf("serve without the keys file: exit %d, stderr %q; want 1 and how to create it", code, stderr.String())
	}
}
