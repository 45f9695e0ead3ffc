package interchange

import (
	"fmt"
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

// MaxDocumentSize caps the size in bytes of a document given to Parse.
const MaxDocumentSize = 32 << 20

// MaxProblems caps the problems listed in an error's Details; the last
// entry then says how many more were found.
const MaxProblems = 100

// Parse reads a document in the given format into a batch. placeID, when
// not empty, is the place of every actor and forum the document leaves
// without one. It returns a *store.Error with code store.EINVALID, whose
// Details list every problem found, when the document cannot be imported
// whole.
func Parse(format Format, data []byte, placeID string) (store.Batch, error) {
	if len(data) > MaxDocumentSize {
		return store.Batch{}, store.Errorf(store.EINVALID, "%s document is %d bytes, larger than the limit of %d", format, len(data), MaxDocumentSize)
	}
	switch format {
	case GraphML:
		return parseGraphML(data, placeID)
	case JSON:
		return parseJSON(data, placeID)
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
