package boltstore

import (
	"cmp"
	"errors"
	"slices"
	"testing"
)

// TestMergeEach checks the k-way merge that orders the "ids" entries of
// every kind of a write: the elements in order, equal ones in the order
// of their lists, and fn's error stops it.
func TestMergeEach(t *testing.T) {
	type e struct {
		key  int
		list int
	}
	byKey := func(a, b e) int { return cmp.Compare(a.key, b.key) }
	tests := []struct {
		name  string
		lists [][]e
		want  []e
	}{
		{"none", nil, nil},
		{"empty lists", [][]e{{}, nil, {}}, nil},
		{"one", [][]e{{{1, 0}, {5, 0}}}, []e{{1, 0}, {5, 0}}},
		{"interleaved", [][]e{{{1, 0}, {4, 0}, {9, 0}}, {}, {{2, 2}, {3, 2}, {10, 2}}, {{0, 3}}},
			[]e{{0, 3}, {1, 0}, {2, 2}, {3, 2}, {4, 0}, {9, 0}, {10, 2}}},
		{"equal keys keep the lists' order", [][]e{{{1, 0}, {2, 0}}, {{1, 1}, {2, 1}}, {{2, 2}}},
			[]e{{1, 0}, {1, 1}, {2, 0}, {2, 1}, {2, 2}}},
	}
	for _, tt := range tests {
		var got []e
		if err := mergeEach(tt.lists, byKey, func(x e) error { got = append(got, x); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	stop := errors.New("stop")
	n := 0
	err := mergeEach([][]e{{{1, 0}, {3, 0}}, {{2, 1}}}, byKey, func(e) error {
		if n++; n == 2 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 {
		t.Errorf("after an error: %v, %d calls; want stop after 2", err, n)
	}
}
