package interchange

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// Format names an import format.
type Format string

// Supported formats; the values are the GraphQL ImportFormat enum values.
const (
	GraphML Format = "GRAPHML"
	JSON    Format = "JSON"
)

// MaxDocumentSize caps the size in bytes of a document given to Parse, the
// form the GraphQL import uses (its request body is read whole);
// ParseStream, which the command line uses, has no cap.
const MaxDocumentSize = 32 << 20

// MaxProblems caps the problems listed in an error's Details; the last
// entry then says how many more were found.
const MaxProblems = 100

// UseCommandLine tells where a document over MaxDocumentSize can go.
const UseCommandLine = "import a larger file with the command line (voicemap import FILE), which reads it as a stream with no size limit"

// Parse reads a document in the given format into a batch. placeID, when
// not empty, is the place of every actor and forum the document leaves
// without one. It returns a *store.Error with code store.EINVALID, whose
// Details list every problem found, when the document cannot be imported
// whole.
func Parse(format Format, data []byte, placeID string) (store.Batch, error) {
	if len(data) > MaxDocumentSize {
		return store.Batch{}, store.Errorf(store.EINVALID, "%s document is %d bytes, larger than the limit of %d; %s", format, len(data), MaxDocumentSize, UseCommandLine)
	}
	return ParseStream(format, bytes.NewReader(data), placeID, nil)
}

// ParseStream reads a document in the given format from r into a batch,
// as Parse does but with no cap on its size: the document is read as a
// stream, so memory holds the batch, never the document (in GraphML one
// token, such as a value or a comment, may be at most 64 MiB and elements
// may nest at most 10,000 deep, so that no stream can fill memory by
// itself; a JSON document is read one element, such as one person, at a
// time). progress, when not nil, is called with the number of bytes read
// so far, every megabyte or so and at the end. r may tell the document's
// size in bytes with a Size() int64 method (as a bytes.Reader or a Sized
// does): a large document's relationships are then gathered in one slice
// sized once, instead of in chunks joined at the end. Errors are
// Parse's, and r's read errors.
func ParseStream(format Format, r io.Reader, placeID string, progress func(bytesRead int64)) (store.Batch, error) {
	switch format {
	case GraphML:
		return readGraphMLStream(r, placeID, progress)
	case JSON:
		return readJSONStream(r, placeID, progress)
	default:
		return store.Batch{}, store.Errorf(store.EINVALID, "unknown import format %q", format)
	}
}

// problems collects the problems found in a document.
type problems struct {
	list []string
}

func (p *problems) add(format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *problems) empty() bool { return len(p.list) == 0 }

// err returns the problems as one EINVALID error, nil if there are none.
func (p *problems) err(format Format) error {
	if p.empty() {
		return nil
	}
	details := p.list
	if len(details) > MaxProblems {
		details = append(details[:MaxProblems:MaxProblems], fmt.Sprintf("... and %d more", len(p.list)-MaxProblems))
	}
	noun := "problems"
	if len(p.list) == 1 {
		noun = "problem"
	}
	e := store.Errorf(store.EINVALID, "%s document refused: %d %s found, nothing imported", format, len(p.list), noun)
	e.Details = details
	return e
}

// message returns the client-safe message of a normalisation error.
func message(err error) string { return store.ErrorMessage(err) }

// ids detects ids used twice in one document, across all entity kinds.
type ids map[string]string

// claim records that id is used by the element where; it returns a problem
// message if the id was already used.
func (s ids) claim(id, where string) (string, bool) {
	if id == "" {
		return "", true
	}
	if prev, ok := s[id]; ok {
		return fmt.Sprintf("%s: id %q is already used by %s", where, id, prev), false
	}
	s[id] = where
	return "", true
}

// splitTags splits a tag list written as one string, separated by commas
// or semicolons.
func splitTags(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	out := fields[:0]
	for _, f := range fields {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// enumName canonicalises a case-insensitive enumeration name: upper case,
// with spaces and hyphens as underscores.
func enumName(s string) string {
	return underscores.Replace(strings.ToUpper(strings.TrimSpace(s)))
}

var underscores = strings.NewReplacer(" ", "_", "-", "_")

// lines maps byte offsets of a document to line and column numbers.
type lines struct {
	data   []byte
	starts []int
}

// newLines indexes the starts of the lines of data.
func newLines(data []byte) lines {
	l := lines{data: data, starts: []int{0}}
	for i, b := range data {
		if b == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// at returns the 1-based line and column of byte offset off.
func (l lines) at(off int64) (line, col int) {
	i := sort.Search(len(l.starts), func(i int) bool { return int64(l.starts[i]) > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, int(off-int64(l.starts[i])) + 1
}

// lineTracker passes a stream through, counting the bytes read and
// keeping the offsets at which lines start, so that an offset already
// read gives its line and column. forget drops the starts before an
// offset no longer asked about, so memory holds the lines of the data
// read ahead, not of the document.
type lineTracker struct {
	r    io.Reader
	read int64
	// before counts the lines that start before starts[0] (the first line
	// starts at offset 0 and is counted in starts until forgotten).
	before int
	starts []int64
}

func (l *lineTracker) Read(p []byte) (int, error) {
	if l.read == 0 && len(l.starts) == 0 && l.before == 0 {
		l.starts = append(l.starts, 0)
	}
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			l.starts = append(l.starts, l.read+int64(i)+1)
		}
	}
	l.read += int64(n)
	return n, err
}

// at returns the 1-based line and column of offset off (at or after the
// last offset forgotten).
func (l *lineTracker) at(off int64) (line, col int) {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	if i < 0 {
		return l.before, 1
	}
	return l.before + i + 1, int(off-l.starts[i]) + 1
}

// forget drops the line starts before the line holding offset off.
func (l *lineTracker) forget(off int64) {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	if i > 0 {
		l.before += i
		l.starts = append(l.starts[:0], l.starts[i:]...)
	}
}

// Sized is a reader of a document whose size in bytes is known, for
// ParseStream: a file read through a buffer, say.
type Sized struct {
	io.Reader
	// Bytes is the document's size, counted from the first byte r will read.
	Bytes int64
}

// Size returns the document's size in bytes.
func (s Sized) Size() int64 { return s.Bytes }

// sizeOf is the size in bytes r tells for its document (see ParseStream),
// 0 when it tells none.
func sizeOf(r io.Reader) int64 {
	if s, ok := r.(interface{ Size() int64 }); ok {
		return max(0, s.Size())
	}
	return 0
}
