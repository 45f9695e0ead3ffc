package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/cli"
)

// TestCommandsOnDamagedStore damages a real store file in the two ways
// the embedded store checks for (its pages overwritten; its newest meta
// page zeroed) and runs the server and a command on it: each exits with
// status 1 and one clear message naming the file and what to do, and no
// panic or goroutine trace.
func TestCommandsOnDamagedStore(t *testing.T) {
	const pageSize = 4096
	damage := map[string]func(t *testing.T, path string){
		"pages overwritten": func(t *testing.T, path string) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := 2 * pageSize; i < len(data); i++ {
				data[i] = byte(i*31 + 7)
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"meta pages zeroed": func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt(make([]byte, 2*pageSize), 0); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, spoil := range damage {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "voicemap.db")
			if code := runMain(t.Context(), []string{"voicemap", "export", "-demo", "-format", "graphml", "-data", path}, env(nil), strings.NewReader(""), io.Discard, io.Discard); code != cli.ExitOK {
				t.Fatalf("voicemap export -demo: exit %d", code)
			}
			spoil(t, path)
			for _, args := range [][]string{
				{"export", "-format", "csv"},
				{"serve", "-addr", "127.0.0.1:0"},
			} {
				var stderr bytes.Buffer
				args := append([]string{"voicemap", args[0], "-data", path}, args[1:]...)
				code := runMain(t.Context(), args, env(nil), strings.NewReader(""), io.Discard, &stderr)
				out := stderr.String()
				if code != cli.ExitError {
					t.Errorf("%s: exit %d, want %d; stderr %s", args[1], code, cli.ExitError, out)
				}
				for _, want := range []string{path, "backup", "bbolt check"} {
					if !strings.Contains(out, want) {
						t.Errorf("%s: stderr %q does not say %q", args[1], out, want)
					}
				}
				for _, bad := range []string{"panic:", "goroutine "} {
					if strings.Contains(out, bad) {
						t.Errorf("%s: stderr shows a panic: %s", args[1], out)
					}
				}
			}
		})
	}
}
