package service

import (
	"reflect"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// TestLayoutColumns checks that the columns carry the same picture as the
// nodes and edges: entry i of each node column is node i, and each edge's
// ends index the nodes it names.
func TestLayoutColumns(t *testing.T) {
	ann := &store.Actor{}
	l := NetworkLayout{
		Collapsed: true,
		Nodes: []LayoutNode{
			{ID: "c1", X: -1.5, Y: 2, Size: 40, Community: "c1"},
			{ID: "p-ann", X: 0.25, Y: -3, Size: 1, Community: "c2", Actor: ann},
			{ID: "p-bob", X: 7, Y: 0, Size: 1, Community: "c2", Actor: ann},
		},
		Edges: []LayoutEdge{
			{Source: "c1", Target: "p-ann", Weight: 3},
			{Source: "p-ann", Target: "p-bob", Weight: 0.5},
			{Source: "c1", Target: "p-bob", Weight: 1},
		},
	}
	got := l.Columns()
	want := LayoutColumns{
		IDs: []string{"c1", "p-ann", "p-bob"}, X: []float64{-1.5, 0.25, 7}, Y: []float64{2, -3, 0},
		Size: []int{40, 1, 1}, Community: []string{"c1", "c2", "c2"}, IsActor: []bool{false, true, true},
		Source: []int{0, 1, 0}, Target: []int{1, 2, 2}, Weight: []float64{3, 0.5, 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Columns() =\n%+v\nwant\n%+v", got, want)
	}
	if empty := (NetworkLayout{}).Columns(); len(empty.IDs) != 0 || len(empty.Source) != 0 || empty.IDs == nil {
		t.Fatalf("an empty layout's columns = %+v, want empty lists (never null in GraphQL)", empty)
	}
}
