package main

import (
	"os"
	"strings"
	"testing"
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
			path := demoData(t)
			spoil(t, path)
			for _, args := range [][]string{
				{"export", "-format", "csv"},
				{"serve", "-addr", "127.0.0.1:0"},
			} {
				r := runCLI(t, path, nil, args...)
				if r.code != ExitError {
					t.Errorf("%s: exit %d, want %d; stderr %s", args[0], r.code, ExitError, r.stderr)
				}
				for _, want := range []string{path, "backup", "bbolt check"} {
					if !strings.Contains(r.stderr, want) {
						t.Errorf("%s: stderr %q does not say %q", args[0], r.stderr, want)
					}
				}
				for _, bad := range []string{"panic:", "goroutine "} {
					if strings.Contains(r.stderr, bad) {
						t.Errorf("%s: stderr shows a panic: %s", args[0], r.stderr)
					}
				}
			}
		})
	}
}
