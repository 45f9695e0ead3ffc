package service

import (
	"strconv"
	"testing"

	"github.com/voicemap/voicemap/store"
)

func TestRankScores(t *testing.T) {
	t.Parallel()
	actor := func(id string) store.Actor { return store.Actor{Person: &store.Person{ID: id}} }
	tests := []struct {
		name   string
		ids    []string
		scores []float64
		want   []string // "id:rank" in order
	}{
		{
			name:   "competition ranking, ties by id",
			ids:    []string{"a", "b", "c", "d", "e"},
			scores: []float64{0.25, 0.75, 0.25, 0.5, 0.25},
			want:   []string{"b:1", "d:2", "a:3", "c:3", "e:3"},
		},
		{
			name:   "scores a few ulps apart tie",
			ids:    []string{"x", "y", "z"},
			scores: []float64{0.1 + 0.2, 0.3, 0.1},
			want:   []string{"x:1", "y:1", "z:3"},
		},
		{
			name:   "two ties",
			ids:    []string{"d", "c", "b", "a"},
			scores: []float64{2, 2, 1, 1},
			want:   []string{"c:1", "d:1", "a:3", "b:3"},
		},
		{name: "empty", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			actors := make([]store.Actor, len(tt.ids))
			for i, id := range tt.ids {
				actors[i] = actor(id)
			}
			got := rankScores(actors, tt.scores)
			gotS := make([]string, len(got))
			for i, s := range got {
				gotS[i] = s.Actor.ID() + ":" + strconv.Itoa(s.Rank)
			}
			if len(gotS) != len(tt.want) {
				t.Fatalf("rankScores(%v) = %v, want %v", tt.scores, gotS, tt.want)
			}
			for i := range gotS {
				if gotS[i] != tt.want[i] {
					t.Fatalf("rankScores(%v) = %v, want %v", tt.scores, gotS, tt.want)
				}
			}
		})
	}
}
