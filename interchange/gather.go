package interchange

import (
	"slices"

	"github.com/voicemap/voicemap/store"
)

// relChunk is the size of a chunk of relationships.
const relChunk = 1 << 16

// gathered holds the relationships a reader keeps, in the order read: a
// million of them appended to one slice would be copied over and over as
// it grows (at 144 bytes each, seconds of copying and of fresh memory), so
// they are kept in chunks of relChunk and joined once at the end (all);
// and when the document's size is known, the first chunk once full is
// replaced by one slice with room for the rest of the document at the
// first chunk's bytes per relationship (relsFor), which all then returns
// as it is.
type gathered struct {
	chunks [][]store.Relationship
	// n counts the relationships.
	n int
	// size is the document's size in bytes, 0 when unknown; from is how
	// far into it the first relationship was read.
	size, from int64
}

// add keeps r, read by the time read bytes of the document were.
func (g *gathered) add(r store.Relationship, read int64) {
	switch last := len(g.chunks) - 1; {
	case last < 0:
		g.from = read
		g.chunks = append(g.chunks, make([]store.Relationship, 0, relChunk))
	case len(g.chunks[last]) < relChunk || cap(g.chunks[last]) > relChunk:
	case last == 0 && g.size > 0:
		g.chunks[0] = relsFor(g.chunks[0], read-g.from, g.size-read)
	default:
		g.chunks = append(g.chunks, make([]store.Relationship, 0, relChunk))
	}
	last := len(g.chunks) - 1
	g.chunks[last] = append(g.chunks[last], r)
	g.n++
}

// all returns the relationships, in the order they were added.
func (g *gathered) all() []store.Relationship {
	if len(g.chunks) == 1 && cap(g.chunks[0]) > relChunk {
		return slices.Clip(g.chunks[0]) // sized for the document as it was read
	}
	rels := make([]store.Relationship, 0, g.n)
	for _, c := range g.chunks {
		rels = append(rels, c...)
	}
	return rels
}

// relsFor returns the relationships read from read bytes of a document,
// in a slice with room for those in the rest of it at the same number of
// bytes each, and a thirty-second more (a document whose later ones are
// shorter costs one copy as the slice grows, as without the estimate).
func relsFor(rels []store.Relationship, read, rest int64) []store.Relationship {
	if read <= 0 || rest <= 0 {
		return append(make([]store.Relationship, 0, 2*len(rels)), rels...)
	}
	more := int64(len(rels)) * rest / read
	more += more / 32
	return append(make([]store.Relationship, 0, int64(len(rels))+more+1), rels...)
}
