package interchange_test

import (
	"bytes"
	"testing"

	"github.com/voicemap/voicemap/interchange"
)

// FuzzParseKumu checks that ParseKumu never panics and returns either
// EINVALID with details, or a batch in normal form with ids distinct across
// every kind, whose relationships join actors of the batch.
func FuzzParseKumu(f *testing.F) {
	f.Add(readTestdata(f, "kumu_elements.csv"), readTestdata(f, "kumu_connections.csv"), "E05000436")
	f.Add([]byte("ID,Label,Type,Place\n,Ana B.,Person,\nana-b,Ana B,person,x\n"), []byte("ID,From,To,Type\nt,ana-b,Ana B.,works with\n,Ana B.,ana-b|ana-b,\n"), "town")
	f.Add([]byte("Label,Type\n???,Org\n"), []byte(""), "")
	f.Fuzz(func(t *testing.T, elements, connections []byte, placeID string) {
		b, err := interchange.ParseKumu(bytes.NewReader(elements), bytes.NewReader(connections), placeID)
		if err != nil {
			checkEINVALID(t, "ParseKumu", err)
			return
		}
		assertNormalized(t, b)
		actors := map[string]bool{}
		claim := func(id string) {
			if actors[id] {
				t.Fatalf("id %q appears twice in the batch", id)
			}
			actors[id] = true
		}
		for _, p := range b.People {
			claim(p.ID)
		}
		for _, o := range b.Organisations {
			claim(o.ID)
		}
		rels := map[string]bool{}
		for _, r := range b.Relationships {
			if !actors[r.FromID] || !actors[r.ToID] {
				t.Fatalf("relationship %q joins %q and %q, not both in the batch", r.ID, r.FromID, r.ToID)
			}
			if actors[r.ID] || rels[r.ID] {
				t.Fatalf("relationship id %q is used twice", r.ID)
			}
			rels[r.ID] = true
		}
		if len(b.Places)+len(b.Forums)+len(b.Participations) != 0 {
			t.Fatalf("batch has places, forums or participations: %+v", b)
		}
	})
}
