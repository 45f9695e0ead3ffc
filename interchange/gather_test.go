package interchange

import (
	"fmt"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// TestRelsFor checks the room relsFor makes for the relationships of the
// rest of a document: at the first chunk's bytes per relationship, a
// thirty-second more; twice the chunk when the rest is unknown.
func TestRelsFor(t *testing.T) {
	chunk := make([]store.Relationship, 1000)
	chunk[999].ID = "last"
	tests := []struct {
		read, rest int64
		want       int
	}{
		{100_000, 900_000, 1000 + 9000 + 9000/32 + 1}, // 100 bytes each
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

// TestGathered checks that the relationships come back in the order
// added, from one slice sized once when the document's size is known
// (whether the estimate is short or long), from chunks joined when not.
func TestGathered(t *testing.T) {
	const n = 3*relChunk + 17
	tests := []struct {
		name     string
		size     int64
		perRel   int64 // bytes read per relationship
		oneSlice bool
	}{
		{"size unknown", 0, 100, false},
		{"estimate exact", 100 * n, 100, true},
		{"estimate short (later ones longer)", 50 * n, 100, true},
		{"estimate long (later ones shorter)", 400 * n, 100, true},
	}
	for _, tt := range tests {
		g := gathered{size: tt.size}
		for i := range n {
			g.add(store.Relationship{ID: fmt.Sprint(i)}, int64(i+1)*tt.perRel)
		}
		if one := len(g.chunks) == 1 && cap(g.chunks[0]) > relChunk; one != tt.oneSlice {
			t.Errorf("%s: %d chunks, first of cap %d; want one slice: %v", tt.name, len(g.chunks), cap(g.chunks[0]), tt.oneSlice)
		}
		all := g.all()
		if len(all) != n || g.n != n {
			t.Fatalf("%s: %d relationships (n %d), want %d", tt.name, len(all), g.n, n)
		}
		for i, r := range all {
			if r.ID != fmt.Sprint(i) {
				t.Fatalf("%s: relationship %d is %q", tt.name, i, r.ID)
			}
		}
	}
}

// TestReadGraphMLOneSlice checks that the GraphML reader, told the size of
// a document past one chunk of edges, gathers them in one slice.
func TestReadGraphMLOneSlice(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<graphml><graph><node id="a"/><node id="b"/>`)
	for range relChunk + 10 {
		b.WriteString(`<edge source="a" target="b"/>`)
	}
	b.WriteString(`</graph></graphml>`)
	doc := b.String()
	for _, size := range []int64{0, int64(len(doc))} {
		g := &gmlReader{sc: newXMLScanner(strings.NewReader(doc)), rels: gathered{size: size}, nodes: map[string]gmlNodeRef{}, values: map[string]string{}, keys: keySet{byID: map[string]*gmlKey{}}}
		if ok, err := g.read(); !ok || err != nil {
			t.Fatalf("read: %v %v", ok, err)
		}
		one := len(g.rels.chunks) == 1 && cap(g.rels.chunks[0]) > relChunk
		if one != (size > 0) || g.rels.n != relChunk+10 {
			t.Errorf("size %d: %d chunks (first of cap %d), %d relationships", size, len(g.rels.chunks), cap(g.rels.chunks[0]), g.rels.n)
		}
	}
}
