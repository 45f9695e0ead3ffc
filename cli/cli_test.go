package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// cliResult is what one run of the command line printed and returned.
type cliResult struct {
	stdout, stderr string
	code           int
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// run is Run with a serve that fails: package cli's tests parse serve's
// command line but never serve (the root package's tests do, through
// package main's run).
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return Run(ctx, args, getenv, stdin, stdout, stderr, func(context.Context, app.Config, io.Writer, io.Writer) error {
		return errors.New("serve is not run in package cli's tests")
	})
}

// runMain is run followed by ExitStatus, as package main's runMain.
func runMain(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return ExitStatus(run(ctx, args, getenv, stdin, stdout, stderr), stderr)
}

// runCLI runs "voicemap args..." with the embedded store at data (none
// when empty), stdin and an environment without VOICEMAP_* or NEO4J_*.
func runCLI(t *testing.T, data string, stdin io.Reader, args ...string) cliResult {
	t.Helper()
	if data != "" && len(args) > 0 {
		args = append(args[:1:1], append([]string{"-data", data}, args[1:]...)...)
	}
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var stdout, stderr bytes.Buffer
	code := runMain(context.Background(), append([]string{"voicemap"}, args...), env(nil), stdin, &stdout, &stderr)
	return cliResult{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// mustRunCLI is runCLI failing the test unless the command succeeds.
func mustRunCLI(t *testing.T, data string, stdin io.Reader, args ...string) cliResult {
	t.Helper()
	r := runCLI(t, data, stdin, args...)
	if r.code != ExitOK {
		t.Fatalf("voicemap %q exit %d, want 0; stderr:\n%s", args, r.code, r.stderr)
	}
	return r
}

// tempData returns the path of a new embedded store file.
func tempData(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "voicemap.db")
}

// withStore opens the embedded store at path, runs fn with a Service over
// it and closes it.
func withStore(t *testing.T, path string, fn func(st store.Store, svc *service.Service)) {
	t.Helper()
	st, err := boltstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fn(st, service.New(st, nil))
}

// demoData returns a new embedded store file holding the demo network.
func demoData(t *testing.T) string {
	t.Helper()
	path := tempData(t)
	withStore(t, path, func(st store.Store, _ *service.Service) {
		if _, err := st.Import(context.Background(), demo.Network()); err != nil {
			t.Fatal(err)
		}
	})
	return path
}

// testdata is the path of a file of the repository's test data.
func testdata(parts ...string) string {
	return filepath.Join(append([]string{"..", "interchange"}, parts...)...)
}

func TestCLIHelp(t *testing.T) {
	t.Parallel()
	r := mustRunCLI(t, "", nil, "help")
	for _, want := range []string{"serve", "import", "export", "report", "Exit status: 0 success, 1 failure, 2 wrong command line"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("voicemap help printed %q, want it to contain %q", r.stdout, want)
		}
	}
	tests := []struct {
		name string
		cmd  string
		want []string
	}{
		{"import", "import", []string{"voicemap import [-format F]", "360giving-csv", "32 MiB", "-connections", "-data"}},
		{"export", "export", []string{"voicemap export -format graphml|gexf|csv", "PREFIX_nodes.csv", "-as-of"}},
		{"report", "report", []string{"voicemap report -place ID", "-weighted", "-top"}},
		{"serve", "serve", []string{"voicemap [serve] [flags]", "-cors-origins", "-addr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunCLI(t, "", nil, "help", tt.cmd)
			for _, want := range tt.want {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("voicemap help %s printed %q, want it to contain %q", tt.cmd, r.stdout, want)
				}
			}
			if h := runCLI(t, "", nil, tt.cmd, "-h"); h.code != ExitOK || !strings.Contains(h.stderr, tt.want[0]) {
				t.Errorf("voicemap %s -h exit %d, stderr %q; want 0 and the usage", tt.cmd, h.code, h.stderr)
			}
		})
	}
}

func TestCLIUsageErrors(t *testing.T) {
	t.Parallel()
	gexf := filepath.Join(t.TempDir(), "g.gexf")
	if err := os.WriteFile(gexf, []byte("<gexf/>"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"help for an unknown command", []string{"help", "frobnicate"}, `unknown command "frobnicate"`},
		{"serve with an argument", []string{"serve", "extra"}, `unexpected argument "extra"`},
		{"serve unknown flag", []string{"-port", "80"}, "flag provided but not defined"},
		{"report without place", []string{"report"}, "-place is required"},
		{"report bad format", []string{"report", "-place", "x", "-format", "pdf"}, `-format "pdf": want md or csv`},
		{"report top 0", []string{"report", "-place", "x", "-top", "0"}, "-top 0: want 1 to 500"},
		{"report bad date", []string{"report", "-place", "x", "-as-of", "2024-13-01"}, `-as-of "2024-13-01": want a date YYYY-MM-DD`},
		{"report argument", []string{"report", "-place", "x", "more"}, `unexpected argument "more"`},
		{"export without format", []string{"export"}, `-format "": want graphml, gexf or csv`},
		{"export unknown format", []string{"export", "-format", "pajek"}, `-format "pajek"`},
		{"import without file", []string{"import"}, "name the file to import"},
		{"import two files", []string{"import", "a.json", "b.json"}, `unexpected argument "b.json"`},
		{"import unknown format", []string{"import", "-format", "xlsx", "a"}, `-format "xlsx"`},
		{"import connections without kumu", []string{"import", "-format", "graphml", "-connections", "c.csv", "a"}, "-connections is for -format kumu only"},
		{"import GEXF", []string{"import", gexf}, "GEXF import is not supported"},
		{"import two stdins", []string{"import", "-format", "kumu", "-connections", "-", "-"}, "cannot both be stdin"},
		{"import connections with a detected non-Kumu file", []string{"import", "-connections", "c.csv", testdata("testdata", "millbrook.json")}, "-connections is for kumu files"},
		{"import unknown flag", []string{"import", "-bogus", "a"}, "flag provided but not defined: -bogus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", nil, tt.args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "voicemap: ") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("voicemap %q exit %d, stderr %q; want exit 2 and %q", tt.args, r.code, r.stderr, tt.want)
			}
			if r.stdout != "" {
				t.Errorf("voicemap %q printed %q to stdout, want nothing", tt.args, r.stdout)
			}
		})
	}
}

func TestCLIStoreLocked(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	st, err := boltstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, args := range [][]string{
		{"report", "-place", "millbrook"},
		{"export", "-format", "graphml"},
		{"import", testdata("testdata", "millbrook.json")},
	} {
		r := runCLI(t, path, nil, args...)
		if r.code != ExitError || !strings.Contains(r.stderr, "is another voicemap using this file?") {
			t.Errorf("voicemap %q on a locked store exit %d, stderr %q; want 1 and the reason", args, r.code, r.stderr)
		}
	}
}

func TestCLIServeCommand(t *testing.T) {
	t.Parallel()
	// "serve" names the default command: its flags and errors are the same.
	r := runCLI(t, tempData(t), nil, "serve", "-addr", "127.0.0.1:0", "-cors-origins", "*")
	if r.code != ExitError || !strings.Contains(r.stderr, `CORS origin "*" is not allowed`) {
		t.Errorf("voicemap serve -cors-origins '*' exit %d, stderr %q; want 1 and the reason", r.code, r.stderr)
	}
}
