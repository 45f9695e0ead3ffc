package interchange

import (
	"strings"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// TestRelsFor checks the room relsFor makes for the relationships of the
// rest of a document: at the first chunk's bytes per edge, a thirty-second
// more; twice the chunk when the rest is unknown.
func TestRelsFor(t *testing.T) {
	chunk := make([]store.Relationship, 1000)
	chunk[999].ID = "last"
	tests := []struct {
		read, rest int64
		want       int
	}{
		{100_000, 900_000, 1000 + 9000 + 9000/32 + 1}, // 100 bytes an edge
		{100_000, 50, 1000 + 0 + 1},
		{100_000, 0, 2000},
		{0, 100, 2000},
	}
	for _, tt := range tests {
		got := relsFor(chunk, tt.read, tt.rest)
		if len(got) != 1000 || got[999].ID != "last" || cap(got) != tt.want {
			t.Errorf("relsFor(read %d, rest %d): len %d cap %d, want len 1000 cap %d", tt.read, tt.rest, len(got), cap(got), tt.want)
		}
	}
}

// TestReadGraphMLOneSlice checks that a document of known size past one
// chunk of edges has its relationships gathered in one slice, not joined.
func TestReadGraphMLOneSlice(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<graphml><graph><node id="a"/><node id="b"/>`)
	for range relChunk + 10 {
		b.WriteString(`<edge source="a" target="b"/>`)
	}
	b.WriteString(`</graph></graphml>`)
	doc := b.String()
	for _, size := range []int64{0, int64(len(doc))} {
		g := &gmlReader{sc: newXMLScanner(strings.NewReader(doc)), size: size, nodes: map[string]gmlNodeRef{}, values: map[string]string{}, keys: keySet{byID: map[string]*gmlKey{}}}
		if ok, err := g.read(); !ok || err != nil {
			t.Fatalf("read: %v %v", ok, err)
		}
		one := len(g.rels) == 1 && cap(g.rels[0]) > relChunk
		if one != (size > 0) || g.nrels != relChunk+10 {
			t.Errorf("size %d: %d chunks (first of cap %d), %d relationships", size, len(g.rels), cap(g.rels[0]), g.nrels)
		}
	}
}
