package interchange_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func relIDs(b store.Batch) []string {
	var out []string
	for _, r := range b.Relationships {
		out = append(out, r.ID)
	}
	return out
}

func findPerson(b store.Batch, id string) (store.Person, bool) {
	for _, p := range b.People {
		if p.ID == id {
			return p, true
		}
	}
	return store.Person{}, false
}

func findOrg(b store.Batch, id string) (store.Organisation, bool) {
	for _, o := range b.Organisations {
		if o.ID == id {
			return o, true
		}
	}
	return store.Organisation{}, false
}

func findRel(b store.Batch, id string) (store.Relationship, bool) {
	for _, r := range b.Relationships {
		if r.ID == id {
			return r, true
		}
	}
	return store.Relationship{}, false
}

// TestParseGraphMLFiles reads GraphML as NetworkX, Gephi and igraph write it
// (testdata/make_graphml.py produced the NetworkX and igraph files).
func TestParseGraphMLFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		file               string
		placeID            string
		people, orgs, rels int
		check              func(t *testing.T, b store.Batch)
	}{
		{
			// nx.florentine_families_graph(): Padgett's 15 families, 20 marriage ties.
			name: "networkx florentine plain", file: "florentine_networkx.graphml", placeID: "florence",
			people: 15, rels: 20,
			check: func(t *testing.T, b store.Batch) {
				p, ok := findPerson(b, "Medici")
				if !ok || p.Name != "Medici" || p.PlaceID != "florence" || p.Consent != store.ConsentUnknown {
					t.Errorf("Medici = %+v, want name and id Medici in florence", p)
				}
				r, ok := findRel(b, "Medici--Barbadori")
				if !ok || r.Kind != store.RelKnows || r.Weight != 1 || r.FromID != "Medici" || r.ToID != "Barbadori" {
					t.Errorf("Medici--Barbadori = %+v, %v; want a KNOWS tie of weight 1", r, ok)
				}
			},
		},
		{
			name: "networkx florentine with typed attributes", file: "florentine_networkx_attrs.graphml",
			people: 15, rels: 20,
			check: func(t *testing.T, b store.Batch) {
				p, _ := findPerson(b, "Strozzi")
				if p.Name != "Strozzi family" || p.PlaceID != "florence" || !slices.Equal(p.Groups, []string{"oligarch"}) || p.Consent != store.ConsentGiven {
					t.Errorf("Strozzi = %+v", p)
				}
				kinds := map[store.RelKind]int{}
				for _, r := range b.Relationships {
					kinds[r.Kind]++
					if r.Since == nil || !r.Since.Equal(time.Date(1430, 1, 1, 0, 0, 0, 0, time.UTC)) {
						t.Errorf("%s since = %v, want 1430-01-01", r.ID, r.Since)
					}
					if r.Weight != 1 && r.Weight != 1.5 && r.Weight != 2 {
						t.Errorf("%s weight = %v", r.ID, r.Weight)
					}
				}
				if kinds[store.RelPartnersWith] != 5 || kinds[store.RelKnows] != 15 {
					t.Errorf("kinds = %v, want 5 PARTNERS_WITH and 15 KNOWS", kinds)
				}
			},
		},
		{
			name: "networkx multigraph keys repeat", file: "multigraph_networkx.graphml", placeID: "town",
			people: 2, orgs: 1, rels: 3,
			check: func(t *testing.T, b store.Batch) {
				want := []string{"Medici--Strozzi", "Medici--Strozzi#2", "Medici--Bank"}
				if got := relIDs(b); !slices.Equal(got, want) {
					t.Errorf("relationship ids = %q, want %q", got, want)
				}
				if r, _ := findRel(b, "Medici--Strozzi#2"); r.Kind != store.RelWorksWith || r.Weight != 2 {
					t.Errorf("second Medici--Strozzi = %+v", r)
				}
				if o, _ := findOrg(b, "Bank"); o.Kind != store.OrgBusiness {
					t.Errorf("Bank = %+v, want kind BUSINESS", o)
				}
			},
		},
		{
			name: "gephi labels, defaults and colliding edge ids", file: "gephi.graphml", placeID: "town",
			people: 2, orgs: 1, rels: 3,
			check: func(t *testing.T, b store.Batch) {
				if p, _ := findPerson(b, "0"); p.Name != "Dee Harper" {
					t.Errorf("node 0 = %+v, want label Dee Harper", p)
				}
				if o, ok := findOrg(b, "1"); !ok || o.Name != "Sam & Jo's Café" || o.Kind != store.OrgOther {
					t.Errorf("node 1 = %+v, %v; want organisation Sam & Jo's Café", o, ok)
				}
				want := []string{"0--1", "1--2", "0--2"}
				if got := relIDs(b); !slices.Equal(got, want) {
					t.Errorf("relationship ids = %q, want %q", got, want)
				}
				if r, _ := findRel(b, "0--2"); r.Weight != 0.5 {
					t.Errorf("0--2 weight = %v, want 0.5", r.Weight)
				}
			},
		},
		{
			name: "igraph directed with organisations", file: "igraph.graphml", placeID: "millbrook",
			people: 3, orgs: 2, rels: 5,
			check: func(t *testing.T, b store.Batch) {
				ben, _ := findPerson(b, "n1")
				if ben.Name != "Ben Okafor" || ben.Capacity != store.CapacityProfessional || !slices.Equal(ben.Groups, []string{"carer", "parent"}) {
					t.Errorf("n1 = %+v", ben)
				}
				chloe, _ := findPerson(b, "n4")
				if chloe.Capacity != store.CapacityCommunity || chloe.Consent != store.ConsentGiven {
					t.Errorf("n4 = %+v", chloe)
				}
				if o, _ := findOrg(b, "n2"); o.Kind != store.OrgCommunityGroup {
					t.Errorf("n2 kind = %q, want COMMUNITY_GROUP", o.Kind)
				}
				if o, _ := findOrg(b, "n3"); o.Kind != store.OrgPublicBody {
					t.Errorf("n3 kind = %q, want PUBLIC_BODY", o.Kind)
				}
				if r, _ := findRel(b, "n1--n2"); r.Kind != store.RelEmployedBy {
					t.Errorf("n1--n2 kind = %q, want EMPLOYED_BY", r.Kind)
				}
				if r, _ := findRel(b, "n1--n3"); r.Kind != store.RelAdvises || r.Weight != 3 {
					t.Errorf("n1--n3 = %+v", r)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := interchange.Parse(interchange.GraphML, readTestdata(t, tt.file), tt.placeID)
			if err != nil {
				t.Fatalf("Parse(%s) error = %v, details %q", tt.file, err, store.ErrorDetails(err))
			}
			if len(b.People) != tt.people || len(b.Organisations) != tt.orgs || len(b.Relationships) != tt.rels {
				t.Errorf("Parse(%s) = %d people, %d organisations, %d relationships; want %d, %d, %d",
					tt.file, len(b.People), len(b.Organisations), len(b.Relationships), tt.people, tt.orgs, tt.rels)
			}
			assertNormalized(t, b)
			tt.check(t, b)
			again, err := interchange.Parse(interchange.GraphML, readTestdata(t, tt.file), tt.placeID)
			if err != nil || !slices.Equal(relIDs(again), relIDs(b)) {
				t.Errorf("second Parse(%s) gave relationship ids %q, want %q (err %v)", tt.file, relIDs(again), relIDs(b), err)
			}
		})
	}
}

const gmlHead = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="k" for="node" attr.name="kind" attr.type="string"/>
<key id="p" for="node" attr.name="place" attr.type="string"/>
<key id="w" for="edge" attr.name="weight" attr.type="double"/>
<key id="ek" for="edge" attr.name="kind" attr.type="string"/>
<graph edgedefault="undirected">
`

// TestParseGraphMLInvalid checks that each problem of an invalid document
// is named with its element and line, and that nothing is returned.
func TestParseGraphMLInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		doc     string
		placeID string
		want    []string // substrings, one per expected detail, in order
	}{
		{
			name: "bad XML",
			doc:  gmlHead + "<node id=\"a\">\n<data key=\"k\">person</node>\n</graph></graphml>",
			want: []string{"line 9: XML syntax error"},
		},
		{
			name: "not GraphML",
			doc:  `<?xml version="1.0"?><gexf><graph/></gexf>`,
			want: []string{"line 1: the root element is <gexf>, not <graphml>"},
		},
		{
			name: "missing place",
			doc:  gmlHead + "<node id=\"a\"/>\n<node id=\"b\"><data key=\"p\">town</data></node>\n<node id=\"c\"/>\n</graph></graphml>",
			want: []string{`node "a" (line 8): no place`, `node "c" (line 10): no place`},
		},
		{
			name:    "bad weights",
			placeID: "town",
			doc: gmlHead + `<node id="a"/><node id="b"/>
<edge source="a" target="b"><data key="w">0</data></edge>
<edge source="b" target="a"><data key="w">heavy</data></edge>
<edge id="e3" source="a" target="b"><data key="w">-2.5</data></edge>
</graph></graphml>`,
			want: []string{
				`edge "a--b" (line 9): weight must be a finite number > 0, got 0`,
				`edge "b--a" (line 10): weight "heavy" is not a number`,
				`edge "e3" (line 11): weight must be a finite number > 0, got -2.5`,
			},
		},
		{
			name:    "unknown kinds",
			placeID: "town",
			doc: gmlHead + `<node id="a"><data key="k">place</data></node>
<node id="b"/><node id="c"/>
<edge source="b" target="c"><data key="ek">married</data></edge>
</graph></graphml>`,
			want: []string{
				`node "a" (line 8): unknown kind "place"`,
				`edge "b--c" (line 10): unknown relationship kind "married"`,
			},
		},
		{
			name:    "undeclared key, self-loop, duplicate node, hyperedge",
			placeID: "town",
			doc: gmlHead + `<node id="a"><data key="nope">x</data></node>
<node id="b"/><node id="b"/>
<edge source="b" target="b"/>
<hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>
</graph></graphml>`,
			want: []string{
				"line 11: hyperedges are not supported",
				`node "a" (line 8): data key "nope" is not declared`,
				`node "b" (line 9): id "b" is already used by node "b" (line 9)`,
				`edge "b--b" (line 10): relationship "b--b" joins "b" to itself`,
			},
		},
		{
			name:    "edges to nodes the document does not hold",
			placeID: "town",
			doc: gmlHead + `<node id="a"/><node id="b"/>
<edge source="a" target="zz"/>
<edge id="e2" source="ghost" target="b"/>
<edge source="x" target="y"/>
<edge source="a" target="b"/>
</graph></graphml>`,
			want: []string{
				`edge "a--zz" (line 9): target "zz" is not a node of this document`,
				`edge "e2" (line 10): source "ghost" is not a node of this document`,
				`edge "x--y" (line 11): source "x" and target "y" are not nodes of this document`,
			},
		},
		{
			name:    "nested graph and a second graph",
			placeID: "town",
			doc: gmlHead + `<node id="a"><graph id="inner"><node id="a1"/></graph></node>
</graph><graph></graph></graphml>`,
			want: []string{
				"line 9: more than one <graph>",
				`node "a" (line 8): nested graphs are not supported`,
			},
		},
		{
			name:    "bad typed values",
			placeID: "town",
			doc: `<?xml version="1.0"?><graphml>
<key id="c" for="node" attr.name="consent" attr.type="boolean"/>
<key id="n" for="node" attr.name="name" attr.type="int"/>
<key id="x" for="node" attr.name="x" attr.type="complex"/>
<graph>
<node id="a"><data key="c">maybe</data></node>
<node id="b"><data key="n">Bob</data></node>
</graph></graphml>`,
			want: []string{
				`key "x" (line 4): unknown attr.type "complex"`,
				`node "a" (line 6): unknown consent status "MAYBE"`,
				`node "b" (line 7): attribute "name": "Bob" is not an integer`,
			},
		},
		{
			name:    "data key of another kind",
			placeID: "town",
			doc:     gmlHead + "<node id=\"a\"><data key=\"w\">2</data></node>\n<node id=\"b\"/><edge source=\"a\" target=\"b\"><data key=\"k\">person</data></edge>\n</graph></graphml>",
			want: []string{
				`node "a" (line 8): data key "w" is declared for "edge", not "node"`,
				`edge "a--b" (line 9): data key "k" is declared for "node", not "edge"`,
			},
		},
		{
			name: "empty document",
			doc:  "",
			want: []string{"no <graph> element"},
		},
		{
			name: "elements nested without end",
			doc:  gmlHead + `<node id="a"><data key="k">` + strings.Repeat("<x>", 10_000),
			want: []string{"line 8: XML syntax error: elements nested more than 10000 deep"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := interchange.Parse(interchange.GraphML, []byte(tt.doc), tt.placeID)
			assertProblems(t, b, err, tt.want)
		})
	}
}

// assertProblems checks that err is EINVALID with exactly the wanted
// details (each containing its substring, in order) and that b is empty.
func assertProblems(t *testing.T, b store.Batch, err error, want []string) {
	t.Helper()
	if code := store.ErrorCode(err); code != store.EINVALID {
		t.Fatalf("error = %v (code %q), want code %q", err, code, store.EINVALID)
	}
	got := store.ErrorDetails(err)
	if len(got) != len(want) {
		t.Fatalf("details = %q, want %d matching %q", got, len(want), want)
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("detail %d = %q, want it to contain %q", i, got[i], want[i])
		}
	}
	if n := len(b.Places) + len(b.People) + len(b.Organisations) + len(b.Relationships) + len(b.Forums) + len(b.Participations); n != 0 {
		t.Errorf("batch has %d entities, want none on error", n)
	}
}

// TestParseProblemCap checks that details are capped with a count of the rest.
func TestParseProblemCap(t *testing.T) {
	t.Parallel()
	var sb strings.Builder
	sb.WriteString(gmlHead)
	for i := range 250 {
		sb.WriteString(`<node id="n` + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + `"/>` + "\n")
	}
	sb.WriteString("</graph></graphml>")
	_, err := interchange.Parse(interchange.GraphML, []byte(sb.String()), "")
	details := store.ErrorDetails(err)
	if len(details) != interchange.MaxProblems+1 || details[interchange.MaxProblems] != "... and 150 more" {
		t.Fatalf("got %d details ending %q, want %d ending \"... and 150 more\"", len(details), details[len(details)-1], interchange.MaxProblems+1)
	}
	if !strings.Contains(store.ErrorMessage(err), "250 problems") {
		t.Errorf("message = %q, want it to count 250 problems", store.ErrorMessage(err))
	}
}

func TestParseSizeAndFormat(t *testing.T) {
	t.Parallel()
	big := make([]byte, interchange.MaxDocumentSize+1)
	if _, err := interchange.Parse(interchange.JSON, big, ""); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("Parse(oversized) error = %v, want EINVALID", err)
	}
	if _, err := interchange.Parse("CSV", []byte("a,b"), ""); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("Parse(CSV) error = %v, want EINVALID", err)
	}
}

// assertNormalized checks that every entity of b is already in the
// canonical form store.Normalize* gives.
func assertNormalized(tb testing.TB, b store.Batch) {
	tb.Helper()
	for _, x := range b.Places {
		if y, err := store.NormalizePlace(x); err != nil || !equalJSON(tb, x, y) {
			tb.Errorf("place %q not normalized: %v", x.ID, err)
		}
	}
	for _, x := range b.People {
		if y, err := store.NormalizePerson(x); err != nil || !equalJSON(tb, x, y) {
			tb.Errorf("person %q not normalized: %v", x.ID, err)
		}
	}
	for _, x := range b.Organisations {
		if y, err := store.NormalizeOrganisation(x); err != nil || !equalJSON(tb, x, y) {
			tb.Errorf("organisation %q not normalized: %v", x.ID, err)
		}
	}
	for _, x := range b.Relationships {
		if y, err := store.NormalizeRelationship(x); err != nil || !equalJSON(tb, x, y) {
			tb.Errorf("relationship %q not normalized: %v", x.ID, err)
		}
	}
	for _, x := range b.Forums {
		if y, err := store.NormalizeForum(x); err != nil || !equalJSON(tb, x, y) {
			tb.Errorf("forum %q not normalized: %v", x.ID, err)
		}
	}
	for _, x := range b.Participations {
		if y, err := store.NormalizeParticipation(x); err != nil || !equalJSON(tb, x, y) {
			tb.Errorf("participation %q not normalized: %v", x.ID, err)
		}
	}
}
