package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
)

func TestKeysNew(t *testing.T) {
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
	entries, err := auth.ParseEntries([]byte("[" + stderr.String() + "]"))
	if err != nil {
		t.Fatalf("stderr %q is not a keys-file entry: %v", stderr.String(), err)
	}
	p, err := auth.NewKeyring(entries).Authenticate(key)
	if err != nil || p.Role != auth.RoleAnalyst || strings.Join(p.Places, ",") != "north,south" {
		t.Fatalf("the entry authenticates the key as %+v, %v; want analyst of north,south", p, err)
	}
}

func TestKeysNewErrors(t *testing.T) {
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
