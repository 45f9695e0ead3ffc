package cli

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

func TestCLIExportGraphMLRoundTrip(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	mustRunCLI(t, path, nil, "import", testdata("testdata", "millbrook.json"))
	mustRunCLI(t, path, nil, "import", "-place", "millbrook-east", testdata("testdata", "florentine_networkx.graphml"))
	var want service.NetworkSummary
	withStore(t, path, func(_ store.Store, svc *service.Service) {
		var err error
		if want, err = svc.Summary(auth.With(context.Background(), auth.LocalAdmin), store.Scope{}); err != nil {
			t.Fatal(err)
		}
	})
	if want.Actors != 3+1+15 || want.Relationships != 3+20 {
		t.Fatalf("Summary = %d actors, %d relationships; want 19, 23", want.Actors, want.Relationships)
	}

	out := filepath.Join(t.TempDir(), "network.graphml")
	r := mustRunCLI(t, path, nil, "export", "-format", "graphml", "-out", out)
	if r.stdout != "" {
		t.Errorf("export -out printed %q to stdout, want nothing", r.stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	b, err := interchange.Parse(interchange.GraphML, data, "")
	if err != nil {
		t.Fatalf("Parse(exported GraphML): %v", err)
	}
	if got := len(b.People) + len(b.Organisations); got != want.Actors {
		t.Errorf("exported GraphML read back: %d actors, want %d", got, want.Actors)
	}
	if got := len(b.Relationships); got != want.Relationships {
		t.Errorf("exported GraphML read back: %d relationships, want %d", got, want.Relationships)
	}
	// The same export to stdout is the same document.
	if r := mustRunCLI(t, path, nil, "export", "-format", "GraphML"); r.stdout != string(data) {
		t.Errorf("export to stdout differs from export -out (%d and %d bytes)", len(r.stdout), len(data))
	}

	// A place scope: only Millbrook East's actors.
	r = mustRunCLI(t, path, nil, "export", "-format", "graphml", "-place", "millbrook-east", "-as-of", "2024-06-01")
	if b, err = interchange.Parse(interchange.GraphML, []byte(r.stdout), ""); err != nil {
		t.Fatal(err)
	}
	for _, p := range b.People {
		if p.PlaceID != "millbrook-east" {
			t.Errorf("export -place millbrook-east holds %s of place %s", p.ID, p.PlaceID)
		}
	}

	r = mustRunCLI(t, path, nil, "export", "-format", "gexf")
	if !strings.HasPrefix(r.stdout, "<?xml") || !strings.Contains(r.stdout, "<gexf") {
		t.Errorf("export -format gexf printed %.80q, want a GEXF document", r.stdout)
	}
}

func TestCLIExportCSVFiles(t *testing.T) {
	t.Parallel()
	path := demoData(t)
	dir := t.TempDir()
	prefix := filepath.Join(dir, "millbrook")
	mustRunCLI(t, path, nil, "export", "-format", "csv", "-place", "millbrook", "-out", prefix)
	var sum service.NetworkSummary
	withStore(t, path, func(_ store.Store, svc *service.Service) {
		var err error
		if sum, err = svc.Summary(auth.With(context.Background(), auth.LocalAdmin), store.Scope{PlaceID: "millbrook"}); err != nil {
			t.Fatal(err)
		}
	})
	for _, tt := range []struct {
		file string
		rows int
	}{
		{prefix + "_nodes.csv", sum.Actors},
		{prefix + "_edges.csv", sum.Relationships},
	} {
		f, err := os.Open(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("read %s: %v", tt.file, err)
		}
		if len(recs) != tt.rows+1 {
			t.Errorf("%s has %d rows, want %d and a header", tt.file, len(recs)-1, tt.rows)
		}
		if fi, err := os.Stat(tt.file); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %v (%v), want 0600", tt.file, fi.Mode(), err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("export -out left %d files, want the 2 tables", len(entries))
	}
}

func TestCLIExportFailureLeavesNoFile(t *testing.T) {
	t.Parallel()
	path := demoData(t)
	dir := t.TempDir()
	for _, format := range []string{"graphml", "csv"} {
		out := filepath.Join(dir, "x")
		r := runCLI(t, path, nil, "export", "-format", format, "-place", "nowhere", "-out", out)
		if r.code != ExitError || !strings.Contains(r.stderr, `place "nowhere" not found`) {
			t.Errorf("export -format %s -place nowhere exit %d, stderr %q; want 1 and not found", format, r.code, r.stderr)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("a failed export left %s", e.Name())
	}
}
