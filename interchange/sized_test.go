package interchange_test

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
)

// plainReader hides a reader's Size method: the document's size unknown.
type plainReader struct{ io.Reader }

// TestParseGraphMLSized checks that a document read knowing its size (its
// relationships gathered in one slice sized from the first chunk's bytes
// per edge) gives the same batch as read not knowing it (in chunks joined
// at the end): when the later edges are shorter than the first (the slice
// outgrows its estimate), longer (it is too large), with an invalid edge
// among them (refused alike), and with edge ids that must be renamed.
func TestParseGraphMLSized(t *testing.T) {
	const n = 3000
	long := func(i int) string {
		return fmt.Sprintf(`<edge id="e%07d" source="p%d" target="p%d"><data key="kind">knows</data><data key="weight">%d</data><data key="since">2020-01-02</data></edge>`+"\n", i, i%n, (i*7+1)%n, 1+i%5)
	}
	short := func(i int) string {
		return fmt.Sprintf(`<edge id="e%07d" source="p%d" target="p%d"/>`+"\n", i, i%n, (i*13+5)%n)
	}
	unnamed := func(i int) string { return fmt.Sprintf(`<edge source="p%d" target="p%d"/>`+"\n", i%n, (i*3+2)%n) }
	doc := func(edges int, edge func(int) string, bad int) []byte {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="kind" for="edge" attr.name="kind" attr.type="string"/>
<key id="weight" for="edge" attr.name="weight" attr.type="double"/>
<key id="since" for="edge" attr.name="since" attr.type="string"/>
<key id="k" for="node" attr.name="kind" attr.type="string"/>
<key id="name" for="node" attr.name="name" attr.type="string"/>
<graph edgedefault="undirected">` + "\n")
		for i := range n {
			fmt.Fprintf(&b, `<node id="p%d"><data key="k">person</data><data key="name">Person %d</data></node>`+"\n", i, i)
		}
		for i := range edges {
			if i == bad {
				fmt.Fprintf(&b, `<edge id="bad" source="p1" target="nobody"/>`+"\n")
				continue
			}
			b.WriteString(edge(i))
		}
		b.WriteString("</graph></graphml>\n")
		return []byte(b.String())
	}
	const edges = 150_000 // over two chunks of the reader's
	tests := []struct {
		name string
		doc  []byte
		bad  bool
	}{
		{"later edges shorter", doc(edges, func(i int) string {
			if i < edges/2 {
				return long(i)
			}
			return short(i)
		}, -1), false},
		{"later edges longer", doc(edges, func(i int) string {
			if i < edges/2 {
				return short(i)
			}
			return long(i)
		}, -1), false},
		{"ids renamed", doc(edges, func(i int) string {
			if i%2 == 0 {
				return unnamed(i)
			}
			return long(i)
		}, -1), false},
		{"an invalid edge", doc(edges, long, edges-10), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sized, errSized := interchange.ParseStream(interchange.GraphML, interchange.Sized{Reader: bytes.NewReader(tt.doc), Bytes: int64(len(tt.doc))}, "town", nil)
			plain, errPlain := interchange.ParseStream(interchange.GraphML, plainReader{bytes.NewReader(tt.doc)}, "town", nil)
			if tt.bad {
				if errSized == nil || errPlain == nil || errSized.Error() != errPlain.Error() {
					t.Fatalf("errors: sized %v, unsized %v", errSized, errPlain)
				}
				return
			}
			if errSized != nil || errPlain != nil {
				t.Fatalf("errors: sized %v, unsized %v", errSized, errPlain)
			}
			if len(sized.Relationships) < edges/2 {
				t.Fatalf("%d relationships, want at least %d", len(sized.Relationships), edges/2)
			}
			if !reflect.DeepEqual(sized, plain) {
				t.Fatalf("the batches differ: sized %d relationships, unsized %d", len(sized.Relationships), len(plain.Relationships))
			}
		})
	}
}

// TestParseJSONSized checks the same of a voicemap JSON document: read
// knowing its size, its relationships gathered in one slice, the batch is
// the one read not knowing it, when the later relationships are shorter
// and when they are longer than the first chunk's.
func TestParseJSONSized(t *testing.T) {
	const n, rels = 2000, 150_000
	doc := func(long func(i int) bool) []byte {
		var b strings.Builder
		b.WriteString(`{"version": 1, "people": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id": "p%d", "name": "Person %d", "placeId": "town"}`, i, i)
		}
		b.WriteString(`], "relationships": [`)
		for i := range rels {
			if i > 0 {
				b.WriteString(",\n")
			}
			if long(i) {
				fmt.Fprintf(&b, `{"id": "r%07d", "from": "p%d", "to": "p%d", "kind": "WORKS_WITH", "weight": %d, "since": "2021-03-04"}`, i, i%n, (i*7+1)%n, 1+i%5)
			} else {
				fmt.Fprintf(&b, `{"id": "r%07d", "from": "p%d", "to": "p%d"}`, i, i%n, (i*13+5)%n)
			}
		}
		b.WriteString("]}\n")
		return []byte(b.String())
	}
	for _, tt := range []struct {
		name string
		long func(i int) bool
	}{
		{"later relationships shorter", func(i int) bool { return i < rels/2 }},
		{"later relationships longer", func(i int) bool { return i >= rels/2 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(tt.long)
			sized, errSized := interchange.ParseStream(interchange.JSON, interchange.Sized{Reader: bytes.NewReader(d), Bytes: int64(len(d))}, "", nil)
			plain, errPlain := interchange.ParseStream(interchange.JSON, plainReader{bytes.NewReader(d)}, "", nil)
			if errSized != nil || errPlain != nil {
				t.Fatalf("errors: sized %v, unsized %v", errSized, errPlain)
			}
			if len(sized.Relationships) != rels {
				t.Fatalf("%d relationships, want %d", len(sized.Relationships), rels)
			}
			if !reflect.DeepEqual(sized, plain) {
				t.Fatalf("the batches differ: sized %d relationships, unsized %d", len(sized.Relationships), len(plain.Relationships))
			}
		})
	}
}
