package store

import (
	"testing"
	"time"
)

// TestPrepareRelationshipsInPlace: valid relationships are normalised in
// the batch's own array (no copy of a million of them), and once one is
// invalid the valid ones are copied, so that the caller's elements never
// move from their places.
func TestPrepareRelationshipsInPlace(t *testing.T) {
	since := time.Date(2020, 3, 1, 15, 4, 5, 0, time.FixedZone("x", 3600))
	rel := func(id, from, to string, w float64) Relationship {
		return Relationship{ID: id, FromID: from, ToID: to, Kind: RelKnows, Weight: w, Since: &since}
	}
	t.Run("all valid", func(t *testing.T) {
		rels := []Relationship{rel("r1", "a", "b", 1), rel("r2", "b", "c", 2)}
		p := PrepareBatch(Batch{Relationships: rels})
		if len(p.Invalid) != 0 || len(p.Batch.Relationships) != 2 {
			t.Fatalf("invalid %v, kept %d", p.Invalid, len(p.Batch.Relationships))
		}
		if &p.Batch.Relationships[0] != &rels[0] {
			t.Error("the valid relationships were copied, not kept in the batch's array")
		}
		want, _ := NormalizeRelationship(rel("r2", "b", "c", 2))
		if got := p.Batch.Relationships[1]; !got.Since.Equal(*want.Since) || got.Since.Location() != want.Since.Location() {
			t.Errorf("relationship r2 not in its normal form: since %v, want %v", got.Since, want.Since)
		}
	})
	t.Run("one invalid", func(t *testing.T) {
		rels := []Relationship{rel("r1", "a", "b", 1), rel("r2", "b", "b", 1), rel("r3", "c", "d", 3)}
		p := PrepareBatch(Batch{Relationships: rels})
		if len(p.Invalid) != 1 {
			t.Fatalf("want one problem (r2 joins b to itself), got %v", p.Invalid)
		}
		var ids []string
		for _, r := range p.Batch.Relationships {
			ids = append(ids, r.ID)
		}
		if len(ids) != 2 || ids[0] != "r1" || ids[1] != "r3" {
			t.Errorf("kept %v, want [r1 r3]", ids)
		}
		if rels[1].ID != "r2" || rels[2].ID != "r3" {
			t.Errorf("the caller's relationships moved: %v %v", rels[1].ID, rels[2].ID)
		}
		if &p.Batch.Relationships[0] == &rels[0] {
			t.Error("with an invalid relationship the valid ones must be copied")
		}
	})
}
