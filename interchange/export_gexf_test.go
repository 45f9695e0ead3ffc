package interchange_test

import (
	"bytes"
	"encoding/xml"
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// gexfAttValue is a GEXF <attvalue>.
type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// gexfRead is the part of a GEXF 1.2 document the tests check, following
// the schema http://www.gexf.net/1.2draft/gexf.xsd: the root element in
// the 1.2draft namespace, one static graph, its attribute declarations by
// class, its nodes and edges.
type gexfRead struct {
	XMLName xml.Name `xml:"http://www.gexf.net/1.2draft gexf"`
	Version string   `xml:"version,attr"`
	Meta    struct {
		Creator     string `xml:"creator"`
		Description string `xml:"description"`
	} `xml:"meta"`
	Graph struct {
		Mode            string `xml:"mode,attr"`
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		Attributes      []struct {
			Class     string `xml:"class,attr"`
			Mode      string `xml:"mode,attr"`
			Attribute []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string         `xml:"id,attr"`
			Label  string         `xml:"label,attr"`
			Values []gexfAttValue `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string         `xml:"id,attr"`
			Source string         `xml:"source,attr"`
			Target string         `xml:"target,attr"`
			Weight string         `xml:"weight,attr"`
			Values []gexfAttValue `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

func readGEXF(tb testing.TB, data []byte) gexfRead {
	tb.Helper()
	var doc gexfRead
	if err := xml.Unmarshal(data, &doc); err != nil {
		tb.Fatalf("GEXF is not well-formed: %v\n%s", err, data)
	}
	return doc
}

// gexfTyped checks that a value is of its GEXF 1.2 type (xsd: integer is
// xs:int, double xs:double, boolean xs:boolean).
func gexfTyped(typ, value string) bool {
	switch typ {
	case "integer":
		_, err := strconv.ParseInt(value, 10, 32)
		return err == nil
	case "double":
		_, err := strconv.ParseFloat(value, 64)
		return err == nil
	case "boolean":
		return value == "true" || value == "false"
	case "string":
		return true
	}
	return false
}

// TestEncodeGEXFStructure checks the GEXF exports of the tiny and demo
// networks against the GEXF 1.2 structure: declared, typed attributes,
// attvalues that refer to them with values of their type, one node per
// actor, one edge per relationship between known nodes.
func TestEncodeGEXFStructure(t *testing.T) {
	t.Parallel()
	demoSnap := demoSnapshot(t)
	tests := []struct {
		name string
		s    *store.Snapshot
		m    interchange.Measures
		// wantTypes are the declared attributes by class and title.
		wantTypes map[string]string
	}{
		{"tiny", tinySnapshot(), tinyMeasures(), map[string]string{
			"node/kind": "string", "node/place": "string", "node/groups": "string", "node/capacity": "string", "node/orgKind": "string",
			"node/betweenness": "double", "node/coreness": "integer", "node/gatekeeper": "boolean", "node/pagerank": "double",
			"edge/kind": "string", "edge/since": "string", "edge/until": "string",
		}},
		{"demo", demoSnap, demoMeasures(demoSnap), map[string]string{
			"node/kind": "string", "node/place": "string", "node/groups": "string", "node/capacity": "string", "node/orgKind": "string",
			"node/degree": "integer", "node/hub": "boolean", "node/share": "double",
			"edge/kind": "string", "edge/since": "string", "edge/until": "string",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := interchange.EncodeGEXF(&buf, tt.s, tt.m); err != nil {
				t.Fatal(err)
			}
			doc := readGEXF(t, buf.Bytes())
			g := doc.Graph
			if doc.Version != "1.2" || g.Mode != "static" || g.DefaultEdgeType != "undirected" || doc.Meta.Creator != "voicemap" {
				t.Errorf("gexf version %q, graph mode %q, defaultedgetype %q, creator %q; want 1.2, static, undirected, voicemap", doc.Version, g.Mode, g.DefaultEdgeType, doc.Meta.Creator)
			}
			types := map[string]string{}
			byClass := map[string]map[string]string{"node": {}, "edge": {}}
			for _, a := range g.Attributes {
				if a.Mode != "static" {
					t.Errorf("attributes of class %s have mode %q, want static", a.Class, a.Mode)
				}
				for _, d := range a.Attribute {
					types[a.Class+"/"+d.Title] = d.Type
					byClass[a.Class][d.ID] = d.Type
				}
			}
			if !reflect.DeepEqual(types, tt.wantTypes) {
				t.Errorf("declared attributes = %v, want %v", types, tt.wantTypes)
			}

			actors := map[string]string{}
			for _, p := range tt.s.People {
				actors[p.ID] = p.Name
			}
			for _, o := range tt.s.Organisations {
				actors[o.ID] = o.Name
			}
			if len(g.Nodes) != len(actors) || len(g.Edges) != len(tt.s.Relationships) {
				t.Fatalf("%d nodes and %d edges, want %d and %d", len(g.Nodes), len(g.Edges), len(actors), len(tt.s.Relationships))
			}
			for i, n := range g.Nodes {
				if i > 0 && g.Nodes[i-1].ID >= n.ID {
					t.Errorf("node %q follows %q: nodes not sorted by id", n.ID, g.Nodes[i-1].ID)
				}
				if name, ok := actors[n.ID]; !ok || n.Label != name {
					t.Errorf("node %q has label %q, want the actor's name %q", n.ID, n.Label, name)
				}
				checkGEXFValues(t, "node "+n.ID, n.Values, byClass["node"])
				for _, v := range n.Values {
					if want, ok := measureText(tt.m, v.For, n.ID); ok && v.Value != want {
						t.Errorf("node %s %s = %q, want %q", n.ID, v.For, v.Value, want)
					}
				}
			}
			rels := map[string]store.Relationship{}
			for _, r := range tt.s.Relationships {
				rels[r.ID] = r
			}
			for _, e := range g.Edges {
				r, ok := rels[e.ID]
				w, err := strconv.ParseFloat(e.Weight, 64)
				if !ok || e.Source != r.FromID || e.Target != r.ToID || err != nil || w != r.Weight {
					t.Errorf("edge %q %s-%s weight %q, want relationship %+v", e.ID, e.Source, e.Target, e.Weight, r)
				}
				checkGEXFValues(t, "edge "+e.ID, e.Values, byClass["edge"])
			}
		})
	}
}

// checkGEXFValues checks an element's attvalues against the declarations.
func checkGEXFValues(t *testing.T, where string, values []gexfAttValue, declared map[string]string) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range values {
		typ, ok := declared[v.For]
		switch {
		case !ok:
			t.Errorf("%s: attvalue for %q, which is not declared", where, v.For)
		case seen[v.For]:
			t.Errorf("%s: two attvalues for %q", where, v.For)
		case !gexfTyped(typ, v.Value):
			t.Errorf("%s: %s = %q is not a GEXF %s", where, v.For, v.Value, typ)
		}
		seen[v.For] = true
	}
}

// measureText is the text of the measure named attr of actor id in m, as
// Go formats it (shortest round-trip form for floats).
func measureText(m interchange.Measures, attr, id string) (string, bool) {
	if v, ok := m.Float[attr][id]; ok {
		if math.IsNaN(v) {
			return "NaN", true
		}
		return strconv.FormatFloat(v, 'g', -1, 64), true
	}
	if v, ok := m.Int[attr][id]; ok {
		return strconv.FormatInt(v, 10), true
	}
	if v, ok := m.Bool[attr][id]; ok {
		return strconv.FormatBool(v), true
	}
	return "", false
}
