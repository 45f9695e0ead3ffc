package interchange_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// TestParseGraphMLEdgeIDs checks the ids the edges get (the package doc:
// their own when distinct from each other and from every node id and every
// edge's ends are nodes, else "source--target") whatever the order of the
// edge ids and of nodes and edges in the document: the reader decides it
// without a set of every id when the ids ascend, and must decide the same.
func TestParseGraphMLEdgeIDs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // the relationships' ids, sorted
		prob string   // or the one problem expected
	}{
		{
			name: "ascending ids, nodes first",
			body: `<node id="a"/><node id="b"/><node id="c"/>
<edge id="e1" source="a" target="b"/><edge id="e2" source="b" target="c"/>`,
			want: []string{"e1", "e2"},
		},
		{
			name: "ascending ids, edges before their nodes",
			body: `<edge id="e1" source="a" target="b"/><edge id="e2" source="b" target="c"/>
<node id="a"/><node id="b"/><node id="c"/>`,
			want: []string{"e1", "e2"},
		},
		{
			name: "descending ids",
			body: `<node id="a"/><node id="b"/><node id="c"/>
<edge id="e2" source="a" target="b"/><edge id="e1" source="b" target="c"/>`,
			want: []string{"e1", "e2"},
		},
		{
			name: "a repeated id names every edge by its ends",
			body: `<node id="a"/><node id="b"/><node id="c"/>
<edge id="e1" source="a" target="b"/><edge id="e1" source="b" target="c"/>`,
			want: []string{"a--b", "b--c"},
		},
		{
			name: "an ascending id that is a node's names every edge by its ends",
			body: `<node id="a"/><node id="b"/><node id="e2"/>
<edge id="e1" source="a" target="b"/><edge id="e2" source="b" target="a"/>`,
			want: []string{"a--b", "b--a"},
		},
		{
			name: "ascending ids, an end read before no node",
			body: `<edge id="e1" source="a" target="b"/><edge id="e2" source="b" target="zz"/>
<node id="a"/><node id="b"/>`,
			prob: `edge "e2" (line 8): target "zz" is not a node of this document`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := gmlHead + tt.body + "\n</graph></graphml>"
			b, err := interchange.ParseStream(interchange.GraphML, strings.NewReader(doc), "town", nil)
			if tt.prob != "" {
				if err == nil || !slices.ContainsFunc(store.ErrorDetails(err), func(d string) bool { return strings.Contains(d, tt.prob) }) {
					t.Fatalf("ParseStream: error %v (%q), want the problem %q", err, store.ErrorDetails(err), tt.prob)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range b.Relationships {
				got = append(got, r.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("relationship ids %q, want %q", got, tt.want)
			}
		})
	}
}
