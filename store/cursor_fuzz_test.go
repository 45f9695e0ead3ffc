package store_test

import (
	"strings"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// FuzzCursorRoundTrip checks that every valid id survives EncodeCursor and
// DecodeCursor unchanged, and that the cursor of an invalid id is refused
// with EINVALID rather than smuggling the id into a store query.
func FuzzCursorRoundTrip(f *testing.F) {
	for _, id := range []string{
		"p1", "place:millbrook", "org/ acme", "Zoë", "名前", strings.Repeat("x", store.MaxIDLen),
		"", " lead", "trail ", "tab\there", "\xff\xfe", strings.Repeat("y", store.MaxIDLen+1),
	} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		c := store.EncodeCursor(id)
		got, err := store.DecodeCursor(c)
		if store.ValidID("id", id) != nil {
			if err == nil || store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("DecodeCursor(EncodeCursor(%q)) = %q, %v; want EINVALID for an invalid id", id, got, err)
			}
			return
		}
		if err != nil || got != id {
			t.Fatalf("DecodeCursor(EncodeCursor(%q)) = %q, %v; want the id back", id, got, err)
		}
	})
}

// FuzzDecodeCursor checks DecodeCursor on arbitrary client input: it fails
// only with EINVALID, and an id it accepts is valid and encodes to a cursor
// that decodes to the same id.
func FuzzDecodeCursor(f *testing.F) {
	for _, c := range []string{
		"", store.EncodeCursor("p1"), store.EncodeCursor("Zoë"), store.EncodeCursor(strings.Repeat("x", store.MaxIDLen)),
		"aWQ6", "aWQ6cDE=", "aWQ6cDE", "aWQ6cDF", "bm9wZQ", "!!!", "aWQ6IHA", "aWQ6cAo",
		"aWQ6cDE\n", "====", strings.Repeat("A", 4096),
	} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		id, err := store.DecodeCursor(c)
		if err != nil {
			if code := store.ErrorCode(err); code != store.EINVALID || id != "" {
				t.Fatalf("DecodeCursor(%q) = %q, %v (code %s); want \"\" and EINVALID", c, id, err, code)
			}
			return
		}
		if c == "" {
			if id != "" {
				t.Fatalf("DecodeCursor(\"\") = %q, want \"\"", id)
			}
			return
		}
		if verr := store.ValidID("id", id); verr != nil {
			t.Fatalf("DecodeCursor(%q) = %q, an invalid id: %v", c, id, verr)
		}
		if again, err := store.DecodeCursor(store.EncodeCursor(id)); err != nil || again != id {
			t.Fatalf("DecodeCursor(EncodeCursor(%q)) = %q, %v; want the id back", id, again, err)
		}
	})
}
