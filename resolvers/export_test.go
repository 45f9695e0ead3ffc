package resolvers_test

import (
	"context"
	"encoding/csv"
	"encoding/xml"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// gmlDoc is what the export tests read of a GraphML document: the keys and
// every node's data, by attribute name.
type gmlDoc struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
	} `xml:"graph"`
}

// nodeAttrs returns, for every node, its attribute values by name, and the
// declared type of every node attribute.
func (d gmlDoc) nodeAttrs() (map[string]map[string]string, map[string]string) {
	names, types := map[string]string{}, map[string]string{}
	for _, k := range d.Keys {
		if k.For == "node" {
			names[k.ID] = k.Name
			types[k.Name] = k.Type
		}
	}
	out := map[string]map[string]string{}
	for _, n := range d.Graph.Nodes {
		vals := map[string]string{}
		for _, dt := range n.Data {
			vals[names[dt.Key]] = dt.Value
		}
		out[n.ID] = vals
	}
	return out, types
}

// actorView and relView are the parts of a network an export must carry.
type actorView struct {
	Name, Place, Capacity, OrgKind string
	Person                         bool
	Groups                         []string
}

type relView struct {
	From, To, Kind, Since, Until string
	Weight                       float64
}

func dayText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// view lays out people, organisations and relationships by id.
func view(people []store.Person, orgs []store.Organisation, rels []store.Relationship) (map[string]actorView, map[string]relView) {
	actors := map[string]actorView{}
	for _, p := range people {
		actors[p.ID] = actorView{Name: p.Name, Place: p.PlaceID, Capacity: string(p.Capacity), Person: true, Groups: slices.Sorted(slices.Values(p.Groups))}
	}
	for _, o := range orgs {
		actors[o.ID] = actorView{Name: o.Name, Place: o.PlaceID, OrgKind: string(o.Kind)}
	}
	out := map[string]relView{}
	for _, r := range rels {
		out[r.ID] = relView{From: r.FromID, To: r.ToID, Kind: string(r.Kind), Since: dayText(r.Since), Until: dayText(r.Until), Weight: r.Weight}
	}
	return actors, out
}

// TestExportNetworkGraphMLRoundTrip exports the demo as GraphML through the
// API and reads it back with the importer (interchange.Parse): the same
// actors, kinds, places, groups and relationships with weights and dates as
// the store's snapshot of the scope: an export read back by the importer is
// the same network.
func TestExportNetworkGraphMLRoundTrip(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	tests := []struct {
		name  string
		scope store.Scope
		vars  []client.Option
	}{
		{"whole demo, all dates", store.Scope{}, nil},
		{"town as of", store.Scope{PlaceID: demo.Town, AsOf: dayOf(t, demoAsOf)},
			[]client.Option{client.Var("p", demo.Town), client.Var("d", demoAsOf)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct{ ExportNetwork string }
			e.do(t, `query($p: ID, $d: Date) { exportNetwork(placeId: $p, asOf: $d, format: GRAPHML) }`, &resp, tt.vars...)
			b, err := interchange.Parse(interchange.GraphML, []byte(resp.ExportNetwork), "")
			if err != nil {
				t.Fatalf("Parse(exportNetwork) error = %v, details %q", err, store.ErrorDetails(err))
			}
			snap, err := e.store.Snapshot(context.Background(), tt.scope)
			if err != nil {
				t.Fatal(err)
			}
			if len(snap.People) == 0 || len(snap.Relationships) == 0 {
				t.Fatalf("snapshot of %+v is empty", tt.scope)
			}
			gotActors, gotRels := view(b.People, b.Organisations, b.Relationships)
			wantActors, wantRels := view(snap.People, snap.Organisations, snap.Relationships)
			if len(gotActors) != len(wantActors) || len(gotRels) != len(wantRels) {
				t.Fatalf("read back %d actors, %d relationships; want %d, %d", len(gotActors), len(gotRels), len(wantActors), len(wantRels))
			}
			for id, w := range wantActors {
				if g, ok := gotActors[id]; !ok || !slices.Equal(g.Groups, w.Groups) || g.Name != w.Name || g.Place != w.Place ||
					g.Person != w.Person || g.Capacity != w.Capacity || g.OrgKind != w.OrgKind {
					t.Errorf("actor %s read back as %+v, want %+v", id, g, w)
				}
			}
			for id, w := range wantRels {
				if g := gotRels[id]; g != w {
					t.Errorf("relationship %s read back as %+v, want %+v", id, g, w)
				}
			}
		})
	}
}

// TestExportNetworkMeasures checks that the measures exported are the API's
// own answers for the scope and date: centrality (unweighted and weighted),
// coreness, communities and unheardVoices.
func TestExportNetworkMeasures(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	vars := []client.Option{client.Var("p", demo.Town), client.Var("d", demoAsOf)}
	var resp struct {
		ExportNetwork string
		Betweenness   []struct {
			Actor actorRef
			Score float64
		}
		PageRankW []struct {
			Actor actorRef
			Score float64
		}
		Coreness []struct {
			Actor actorRef
			Score float64
		}
		Communities struct {
			Communities []struct {
				ID      string
				Members []actorRef
			}
		}
		UnheardVoices []struct {
			Person  actorRef
			Score   float64
			Unheard bool
		}
	}
	e.do(t, `query($p: ID, $d: Date) {
		exportNetwork(placeId: $p, asOf: $d, format: GRAPHML)
		betweenness: centrality(placeId: $p, asOf: $d, measure: BETWEENNESS, first: 500) { actor { id } score }
		pageRankW: centrality(placeId: $p, asOf: $d, measure: PAGERANK, weighted: true, first: 500) { actor { id } score }
		coreness: centrality(placeId: $p, asOf: $d, measure: CORENESS, first: 500) { actor { id } score }
		communities(placeId: $p, asOf: $d) { communities { id members { id } } }
		unheardVoices(placeId: $p, asOf: $d, first: 500) { person { id } score unheard }
	}`, &resp, vars...)
	var doc gmlDoc
	if err := xml.Unmarshal([]byte(resp.ExportNetwork), &doc); err != nil {
		t.Fatal(err)
	}
	attrs, types := doc.nodeAttrs()
	for name, typ := range service.ExportMeasures() {
		if types[name] != typ {
			t.Errorf("GraphML key %s has attr.type %q, want %q", name, types[name], typ)
		}
	}
	float := func(id, name string) float64 {
		t.Helper()
		v, err := strconv.ParseFloat(attrs[id][name], 64)
		if err != nil {
			t.Fatalf("node %s %s = %q: %v", id, name, attrs[id][name], err)
		}
		return v
	}
	if len(resp.Betweenness) != len(attrs) || len(resp.Betweenness) < 10 {
		t.Fatalf("centrality lists %d actors, export %d", len(resp.Betweenness), len(attrs))
	}
	for _, s := range resp.Betweenness {
		if got := float(s.Actor.ID, "betweenness"); got != s.Score {
			t.Errorf("export betweenness(%s) = %v, centrality says %v", s.Actor.ID, got, s.Score)
		}
	}
	for _, s := range resp.PageRankW {
		if got := float(s.Actor.ID, "pagerank_w"); got != s.Score {
			t.Errorf("export pagerank_w(%s) = %v, centrality(weighted) says %v", s.Actor.ID, got, s.Score)
		}
	}
	for _, s := range resp.Coreness {
		if got := attrs[s.Actor.ID]["coreness"]; got != strconv.Itoa(int(s.Score)) {
			t.Errorf("export coreness(%s) = %q, centrality says %v", s.Actor.ID, got, s.Score)
		}
	}
	for _, c := range resp.Communities.Communities {
		for _, m := range c.Members {
			if got := "c" + attrs[m.ID]["community"]; got != c.ID {
				t.Errorf("export community(%s) = %s, communities says %s", m.ID, got, c.ID)
			}
		}
	}
	unheard := 0
	for _, v := range resp.UnheardVoices {
		if got := float(v.Person.ID, "voice_score"); got != v.Score {
			t.Errorf("export voice_score(%s) = %v, unheardVoices says %v", v.Person.ID, got, v.Score)
		}
		if got := attrs[v.Person.ID]["unheard"]; got != strconv.FormatBool(v.Unheard) {
			t.Errorf("export unheard(%s) = %s, unheardVoices says %v", v.Person.ID, got, v.Unheard)
		}
		if v.Unheard {
			unheard++
		}
	}
	flagged := 0
	for _, a := range attrs {
		if a["unheard"] == "true" {
			flagged++
		}
	}
	if unheard == 0 || flagged != unheard {
		t.Errorf("export flags %d actors unheard, unheardVoices %d (want equal and > 0)", flagged, unheard)
	}
}

// TestExportNetworkGEXF checks that the GEXF export is XML declaring every
// measure as a typed node attribute, with one node per actor.
func TestExportNetworkGEXF(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	var resp struct{ ExportNetwork string }
	e.do(t, `query($p: ID) { exportNetwork(placeId: $p, format: GEXF) }`, &resp, client.Var("p", demo.Town))
	var doc struct {
		Graph struct {
			Attributes []struct {
				Class      string `xml:"class,attr"`
				Attributes []struct {
					Title string `xml:"title,attr"`
					Type  string `xml:"type,attr"`
				} `xml:"attribute"`
			} `xml:"attributes"`
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"nodes>node"`
			Edges []struct {
				ID string `xml:"id,attr"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal([]byte(resp.ExportNetwork), &doc); err != nil {
		t.Fatalf("exportNetwork(GEXF) is not XML: %v", err)
	}
	declared := map[string]string{}
	for _, block := range doc.Graph.Attributes {
		if block.Class == "node" {
			for _, a := range block.Attributes {
				declared[a.Title] = a.Type
			}
		}
	}
	gexfType := map[string]string{"double": "double", "int": "integer", "boolean": "boolean"}
	for name, typ := range service.ExportMeasures() {
		if declared[name] != gexfType[typ] {
			t.Errorf("GEXF node attribute %s has type %q, want %q", name, declared[name], gexfType[typ])
		}
	}
	snap, err := e.store.Snapshot(context.Background(), store.Scope{PlaceID: demo.Town})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Nodes) != len(snap.People)+len(snap.Organisations) || len(doc.Graph.Edges) != len(snap.Relationships) {
		t.Errorf("GEXF has %d nodes, %d edges; want %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges),
			len(snap.People)+len(snap.Organisations), len(snap.Relationships))
	}
}

// TestExportNetworkCSV checks both CSV forms: the two tables of
// exportNetworkCSV with a column per measure, and exportNetwork(CSV), the
// same tables separated by one empty line.
func TestExportNetworkCSV(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	var resp struct {
		ExportNetworkCSV struct{ Nodes, Edges string }
		ExportNetwork    string
	}
	e.do(t, `query($p: ID, $d: Date) {
		exportNetworkCSV(placeId: $p, asOf: $d) { nodes edges }
		exportNetwork(placeId: $p, asOf: $d, format: CSV)
	}`, &resp, client.Var("p", demo.Town), client.Var("d", demoAsOf))
	nodes, err := csv.NewReader(strings.NewReader(resp.ExportNetworkCSV.Nodes)).ReadAll()
	if err != nil {
		t.Fatalf("nodes table: %v", err)
	}
	edges, err := csv.NewReader(strings.NewReader(resp.ExportNetworkCSV.Edges)).ReadAll()
	if err != nil {
		t.Fatalf("edges table: %v", err)
	}
	snap, err := e.store.Snapshot(context.Background(), store.Scope{PlaceID: demo.Town, AsOf: dayOf(t, demoAsOf)})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 1+len(snap.People)+len(snap.Organisations) || len(edges) != 1+len(snap.Relationships) {
		t.Errorf("CSV has %d node rows, %d edge rows; want %d, %d", len(nodes)-1, len(edges)-1,
			len(snap.People)+len(snap.Organisations), len(snap.Relationships))
	}
	for _, name := range slices.Sorted(maps.Keys(service.ExportMeasures())) {
		if !slices.Contains(nodes[0], name) {
			t.Errorf("nodes header %v lacks measure %s", nodes[0], name)
		}
	}
	if want := resp.ExportNetworkCSV.Nodes + "\n" + resp.ExportNetworkCSV.Edges; resp.ExportNetwork != want {
		t.Errorf("exportNetwork(CSV) is not the nodes table, an empty line and the edges table")
	}
	if edges[0][0] != "Source" || nodes[0][0] != "Id" {
		t.Errorf("headers %v, %v; want Id..., Source...", nodes[0], edges[0])
	}
	// The betweenness column holds finite numbers.
	col := slices.Index(nodes[0], "betweenness")
	for _, row := range nodes[1:] {
		if v, err := strconv.ParseFloat(row[col], 64); err != nil || math.IsNaN(v) {
			t.Errorf("betweenness of %s = %q", row[0], row[col])
		}
	}
}

func TestExportNetworkErrors(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	tests := []struct {
		name, query, code string
	}{
		{"unknown place", `{ exportNetwork(placeId: "nowhere", format: GRAPHML) }`, "NOT_FOUND"},
		{"unknown place, CSV", `{ exportNetworkCSV(placeId: "nowhere") { nodes } }`, "NOT_FOUND"},
		{"unknown format", `{ exportNetwork(format: DOT) }`, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := code(e.fail(t, tt.query)); got != tt.code {
				t.Errorf("%s: code %q, want %q", tt.query, got, tt.code)
			}
		})
	}
}
