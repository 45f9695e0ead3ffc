package interchange_test

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// xmlSafe replaces what XML 1.0 cannot hold (C0 controls but tab, newline
// and carriage return; surrogates; U+FFFE and U+FFFF; bytes that are not
// UTF-8) by U+FFFD, as the XML exports do
// (https://www.w3.org/TR/xml/#charsets).
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0x09 || r == 0x0A || r == 0x0D,
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

// exportedBatch is what a GraphML export of s holds, read back: the actors
// with only the exported fields (roles, lived experience and consent are
// not exported, so they come back empty and UNKNOWN), every name as the
// importer reads it (made XML-safe and trimmed), and the relationships
// whole.
func exportedBatch(tb testing.TB, s *store.Snapshot) store.Batch {
	tb.Helper()
	var b store.Batch
	name := func(n, id string) string {
		if n = strings.TrimSpace(xmlSafe(n)); n == "" {
			return id
		}
		return n
	}
	for _, p := range s.People {
		p, err := store.NormalizePerson(store.Person{ID: p.ID, Name: name(p.Name, p.ID), PlaceID: p.PlaceID, Groups: p.Groups, Capacity: p.Capacity})
		if err != nil {
			tb.Fatal(err)
		}
		b.People = append(b.People, p)
	}
	for _, o := range s.Organisations {
		o.Name = name(o.Name, o.ID)
		o, err := store.NormalizeOrganisation(o)
		if err != nil {
			tb.Fatal(err)
		}
		b.Organisations = append(b.Organisations, o)
	}
	for _, r := range s.Relationships {
		r, err := store.NormalizeRelationship(r)
		if err != nil {
			tb.Fatal(err)
		}
		b.Relationships = append(b.Relationships, r)
	}
	return b
}

// assertSameBatch compares two batches entity by entity.
func assertSameBatch(t *testing.T, got, want store.Batch) {
	t.Helper()
	if len(got.People) != len(want.People) || len(got.Organisations) != len(want.Organisations) || len(got.Relationships) != len(want.Relationships) {
		t.Fatalf("read back %d people, %d organisations, %d relationships; want %d, %d, %d",
			len(got.People), len(got.Organisations), len(got.Relationships), len(want.People), len(want.Organisations), len(want.Relationships))
	}
	for i := range want.People {
		if !reflect.DeepEqual(got.People[i], want.People[i]) {
			t.Errorf("person %d = %+v, want %+v", i, got.People[i], want.People[i])
		}
	}
	for i := range want.Organisations {
		if !reflect.DeepEqual(got.Organisations[i], want.Organisations[i]) {
			t.Errorf("organisation %d = %+v, want %+v", i, got.Organisations[i], want.Organisations[i])
		}
	}
	for i := range want.Relationships {
		g, w := got.Relationships[i], want.Relationships[i]
		if g.ID != w.ID || g.FromID != w.FromID || g.ToID != w.ToID || g.Kind != w.Kind || g.Weight != w.Weight ||
			!sameExportDay(g.Since, w.Since) || !sameExportDay(g.Until, w.Until) {
			t.Errorf("relationship %d = %+v, want %+v", i, g, w)
		}
	}
	if len(got.Places)+len(got.Forums)+len(got.Participations) != 0 {
		t.Errorf("read back places, forums or participations from an export of actors and relationships")
	}
}

func sameExportDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// TestEncodeGraphMLRoundTrip checks that Parse reads an export back into the
// network exported: the same network, read back by the importer.
func TestEncodeGraphMLRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    *store.Snapshot
		m    interchange.Measures
	}{
		{"tiny", tinySnapshot(), tinyMeasures()},
		{"tiny without measures", tinySnapshot(), interchange.Measures{}},
		{"demo", demoSnapshot(t), demoMeasures(demoSnapshot(t))},
		{"empty", &store.Snapshot{}, interchange.Measures{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := interchange.EncodeGraphML(&buf, tt.s, tt.m); err != nil {
				t.Fatal(err)
			}
			got, err := interchange.Parse(interchange.GraphML, buf.Bytes(), "")
			if err != nil {
				t.Fatalf("Parse(EncodeGraphML(%s)) error = %v, details %q", tt.name, err, store.ErrorDetails(err))
			}
			assertSameBatch(t, got, exportedBatch(t, tt.s))
			// Export, import, export: the same bytes.
			again := &store.Snapshot{Scope: tt.s.Scope, People: got.People, Organisations: got.Organisations, Relationships: got.Relationships}
			var buf2 bytes.Buffer
			if err := interchange.EncodeGraphML(&buf2, again, tt.m); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
				t.Errorf("EncodeGraphML(Parse(EncodeGraphML(%s))) differs from the first export", tt.name)
			}
		})
	}
}

// gmlTyped is what TestEncodeGraphMLTyped reads of an export.
type gmlTyped struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Data        []struct {
			Key   string `xml:"key,attr"`
			Value string `xml:",chardata"`
		} `xml:"data"`
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID string `xml:"id,attr"`
		} `xml:"edge"`
	} `xml:"graph"`
}

// TestEncodeGraphMLTyped checks that every attribute is declared with its
// type, so that NetworkX, igraph and Gephi read numbers as numbers, and
// that the measures come out with the values given.
func TestEncodeGraphMLTyped(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := interchange.EncodeGraphML(&buf, tinySnapshot(), tinyMeasures()); err != nil {
		t.Fatal(err)
	}
	var doc gmlTyped
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	byID := map[string]string{}
	for _, k := range doc.Keys {
		types[k.For+"/"+k.Name] = k.Type
		byID[k.ID] = k.Name
	}
	want := map[string]string{
		"node/name": "string", "node/label": "string", "node/kind": "string", "node/place": "string",
		"node/groups": "string", "node/capacity": "string", "node/orgKind": "string",
		"node/betweenness": "double", "node/pagerank": "double", "node/coreness": "int", "node/gatekeeper": "boolean",
		"edge/kind": "string", "edge/weight": "double", "edge/since": "string", "edge/until": "string",
		"graph/placeId": "string", "graph/asOf": "string",
	}
	if !reflect.DeepEqual(types, want) {
		t.Errorf("GraphML keys = %v, want %v", types, want)
	}
	if doc.Graph.EdgeDefault != "undirected" || len(doc.Graph.Nodes) != 5 || len(doc.Graph.Edges) != 5 {
		t.Errorf("graph edgedefault %q with %d nodes and %d edges, want undirected, 5 and 5", doc.Graph.EdgeDefault, len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	graph := map[string]string{}
	for _, d := range doc.Graph.Data {
		graph[byID[d.Key]] = d.Value
	}
	if want := map[string]string{"placeId": "town", "asOf": "2024-06-30"}; !reflect.DeepEqual(graph, want) {
		t.Errorf("graph data = %v, want %v", graph, want)
	}
	// o-fund has no pagerank: its node carries no pagerank data.
	values := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		values[n.ID] = map[string]string{}
		for _, d := range n.Data {
			values[n.ID][byID[d.Key]] = d.Value
		}
	}
	for _, c := range []struct{ id, attr, want string }{
		{"o-fund", "pagerank", ""},
		{"o-hub", "betweenness", "0.6666666666666666"},
		{"p-cy", "pagerank", "1e-07"},
		{"p-cy", "coreness", "2"},
		{"p-bo", "gatekeeper", "true"},
		{"p-bo", "groups", ""},
		{"p-ana", "groups", "parent;young person"},
		{"p-ana", "name", `Ana <"Nan"> & Co`},
		{"p-ana", "label", `Ana <"Nan"> & Co`},
		{"o-hub", "orgKind", "VOLUNTARY"},
		{"o-hub", "capacity", ""},
		{"p-cy", "consent", ""},
	} {
		if got := values[c.id][c.attr]; got != c.want {
			t.Errorf("node %s %s = %q, want %q", c.id, c.attr, got, c.want)
		}
	}
}

// TestEncodeGraphMLNastyNames checks XML escaping of names and tags: every
// UTF-8 string comes back the same, except characters XML cannot hold,
// which come back as U+FFFD, outer space, which the importer trims, runs of
// tabs and line breaks, which a name (one line) reads as one space, and the
// control characters XML can hold but a name may not (DEL, C1), which the
// importer refuses (refused: the want is then the refusal's character).
func TestEncodeGraphMLNastyNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"markup", `<node id="x"/></graph>&amp;`, `<node id="x"/></graph>&amp;`},
		{"CDATA end", "]]> <![CDATA[ x ]]>", "]]> <![CDATA[ x ]]>"},
		{"quotes", `"double" 'single'`, `"double" 'single'`},
		{"emoji and scripts", "👩‍👧‍👦 Zoë مرحبا 東京 ᚠ", "👩‍👧‍👦 Zoë مرحبا 東京 ᚠ"},
		{"line breaks and tabs", "a\tb\nc\r\nd\re", "a b c d e"},
		{"C0 controls", "bell\x07 nul\x00 esc\x1b", "bell\uFFFD nul\uFFFD esc\uFFFD"},
		{"DEL and C1 are XML characters, refused in a name", "del\x7f nel\u0085 csi\u009b", "refused: U+007F"},
		{"noncharacters", "\uFFFE \uFFFF x", "\uFFFD \uFFFD x"},
		{"invalid UTF-8", "bad\xffbyte", "bad\uFFFDbyte"},
		{"character reference text", "&#x1; &lt;", "&#x1; &lt;"},
		{"outer space", "  padded\t", "padded"},
		{"only controls", "\x01\x02", "\uFFFD\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &store.Snapshot{
				People:        []store.Person{{ID: "p1", Name: tt.in, PlaceID: "town", Groups: []string{"x & <y>", "über"}}},
				Organisations: []store.Organisation{{ID: "o1", Name: tt.in, PlaceID: "town", Kind: store.OrgSchool}},
				Relationships: []store.Relationship{{ID: "r1", FromID: "p1", ToID: "o1", Kind: store.RelMemberOf, Weight: 1}},
			}
			var g, x, n, e bytes.Buffer
			if err := interchange.EncodeGraphML(&g, s, interchange.Measures{}); err != nil {
				t.Fatal(err)
			}
			b, err := interchange.Parse(interchange.GraphML, g.Bytes(), "")
			if refusal, refused := strings.CutPrefix(tt.want, "refused: "); refused {
				if store.ErrorCode(err) != store.EINVALID || !strings.Contains(strings.Join(store.ErrorDetails(err), "\n"), refusal) {
					t.Errorf("Parse(EncodeGraphML) = %v, %q; want EINVALID naming %s", err, store.ErrorDetails(err), refusal)
				}
			} else {
				if err != nil {
					t.Fatalf("Parse(EncodeGraphML) error = %v, details %q\n%s", err, store.ErrorDetails(err), g.Bytes())
				}
				if len(b.People) != 1 || b.People[0].Name != tt.want || len(b.Organisations) != 1 || b.Organisations[0].Name != tt.want {
					t.Errorf("names read back = %+v %+v, want %q", b.People, b.Organisations, tt.want)
				}
				if len(b.People) == 1 && !slices.Equal(b.People[0].Groups, []string{"x & <y>", "über"}) {
					t.Errorf("groups read back = %q, want [x & <y> über]", b.People[0].Groups)
				}
			}
			// GEXF carries the name in an XML attribute, where line breaks
			// must be written as character references to survive.
			if err := interchange.EncodeGEXF(&x, s, interchange.Measures{}); err != nil {
				t.Fatal(err)
			}
			doc := readGEXF(t, x.Bytes())
			if got := doc.Graph.Nodes[0].Label; got != xmlSafe(tt.in) {
				t.Errorf("GEXF label = %q, want %q", got, xmlSafe(tt.in))
			}
			// CSV holds the string as SafeCell makes it (controls but tab,
			// LF and CR as U+FFFD); encoding/csv reads "\r\n" in a quoted
			// field as "\n".
			if err := interchange.EncodeCSV(&n, &e, s, interchange.Measures{}); err != nil {
				t.Fatal(err)
			}
			rows := readExportCSV(t, n.Bytes())
			if got, want := rows[1][1], strings.ReplaceAll(interchange.SafeCell(tt.in), "\r\n", "\n"); got != want {
				t.Errorf("CSV Label = %q, want %q", got, want)
			}
		})
	}
}

// FuzzEncodeGraphML checks, for any valid name and group tag, that the
// GraphML export is well-formed and reads back to the same person.
func FuzzEncodeGraphML(f *testing.F) {
	f.Add("Ana", "parent")
	f.Add("<&>\"'", "a;b")
	f.Add("\x00\uFFFE\r\n", " young person ")
	f.Add("👩‍👧", "ü,ß")
	f.Fuzz(func(t *testing.T, name, group string) {
		p, err := store.NormalizePerson(store.Person{ID: "p1", Name: name, PlaceID: "town", Groups: []string{group}})
		if err != nil {
			t.Skip()
		}
		s := &store.Snapshot{People: []store.Person{p}}
		var buf bytes.Buffer
		if err := interchange.EncodeGraphML(&buf, s, interchange.Measures{Float: map[string]map[string]float64{"x": {"p1": 1}}}); err != nil {
			t.Fatalf("EncodeGraphML(%q) error = %v", name, err)
		}
		b, err := interchange.Parse(interchange.GraphML, buf.Bytes(), "")
		if err != nil {
			t.Fatalf("Parse(EncodeGraphML(%q)) error = %v, details %q", name, err, store.ErrorDetails(err))
		}
		want := exportedBatch(t, s).People[0]
		// The importer splits tags at "," and ";".
		var groups []string
		for _, g := range strings.FieldsFunc(xmlSafe(strings.Join(p.Groups, ";")), func(r rune) bool { return r == ',' || r == ';' }) {
			groups = append(groups, g)
		}
		if want, err = store.NormalizePerson(store.Person{ID: "p1", Name: want.Name, PlaceID: "town", Groups: groups}); err != nil {
			t.Skip() // a tag longer than the limit once split differently
		}
		if len(b.People) != 1 || !reflect.DeepEqual(b.People[0], want) {
			t.Errorf("Parse(EncodeGraphML(%q, %q)) = %+v, want %+v", name, group, b.People, want)
		}
	})
}
