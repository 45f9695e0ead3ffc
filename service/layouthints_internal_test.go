package service

import (
	"fmt"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/layout"
)

func TestLayoutHintsNearest(t *testing.T) {
	t.Parallel()
	var h layoutHints
	pts := func(n int) []layout.Point { return make([]layout.Point, n) }
	h.put("town", hintActors, 100, []string{"b", "a"}, pts(2), nil, false)
	h.put("town", hintActors, 110, []string{"a"}, pts(1), nil, false)
	h.put("town", hintActors, undatedDay, []string{"a"}, pts(1), nil, false)
	h.put("town", hintCommunities, 104, []string{"a"}, pts(1), nil, false)
	h.put("north", hintActors, 104, []string{"a"}, pts(1), nil, false)
	tests := []struct {
		name      string
		day       int64
		withdrawn []string
		want      int64 // -1: none
	}{
		{"nearest earlier", 103, nil, 100},
		{"nearest later", 108, nil, 110},
		{"a tie goes to the earlier date", 105, nil, 100},
		{"undated from the latest", undatedDay, nil, undatedDay},
		{"far future from undated", undatedDay - 10, nil, undatedDay},
		{"a hint holding a withdrawn person is skipped", 101, []string{"b"}, 110},
		{"every hint holds the withdrawn person", 101, []string{"a"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := h.nearest("town", hintActors, tt.day, tt.withdrawn)
			got := int64(-1)
			if e != nil {
				got = e.day
			}
			if got != tt.want {
				t.Errorf("nearest(town, actors, %d, %v) = day %d, want %d", tt.day, tt.withdrawn, got, tt.want)
			}
		})
	}
	if e := h.nearest("south", hintActors, 100, nil); e != nil {
		t.Errorf("nearest(south) = %+v, want none: hints are per scope", e)
	}
	h.clear()
	if e := h.nearest("town", hintActors, 100, nil); e != nil {
		t.Errorf("after clear, nearest = %+v, want none", e)
	}
}

func TestLayoutHintsMergeAndLookup(t *testing.T) {
	t.Parallel()
	var h layoutHints
	h.put("town", hintMembers, 7, []string{"c", "a"}, []layout.Point{{X: 3}, {X: 1}}, nil, true)
	h.put("town", hintMembers, 7, []string{"b", "c"}, []layout.Point{{X: 2}, {X: 30}}, nil, true)
	e := h.nearest("town", hintMembers, 7, nil)
	if !slices.Equal(e.ids, []string{"a", "b", "c"}) || e.pos[0].X != 1 || e.pos[1].X != 2 || e.pos[2].X != 30 {
		t.Fatalf("merged hint = %v %v, want a, b, c at 1, 2, 30 (the newer c)", e.ids, e.pos)
	}
	r := e.lookup([]string{"a", "c", "d"}, nil)
	if r.found != 2 || !r.known[0] || !r.known[1] || r.known[2] || r.pos[1].X != 30 {
		t.Errorf("lookup(a, c, d) = %+v, want a and c found", r)
	}
	h.put("town", hintActors, 7, []string{"a", "b"}, make([]layout.Point, 2), []uint64{5, 6}, false)
	r = h.nearest("town", hintActors, 7, nil).lookup([]string{"a", "b"}, []uint64{5, 9})
	if !r.same[0] || r.same[1] {
		t.Errorf("lookup with fingerprints: same = %v, want [true false]", r.same)
	}
}

func TestLayoutHintsBounded(t *testing.T) {
	t.Parallel()
	var h layoutHints
	for d := range maxHints + 5 {
		h.put("town", hintActors, int64(d), []string{fmt.Sprint(d)}, make([]layout.Point, 1), nil, false)
	}
	if len(h.entries) != maxHints || h.entries[0].day != 5 {
		t.Errorf("%d hints kept, oldest day %d; want %d, the oldest dropped first", len(h.entries), h.entries[0].day, maxHints)
	}
	big := make([]string, maxHintPoints/2+1)
	for i := range big {
		big[i] = fmt.Sprint(i)
	}
	h.put("town", hintActors, 100, big, make([]layout.Point, len(big)), nil, false)
	h.put("town", hintActors, 101, big, make([]layout.Point, len(big)), nil, false)
	var points int
	for _, e := range h.entries {
		points += len(e.ids)
	}
	if points > maxHintPoints && len(h.entries) > 1 {
		t.Errorf("hints hold %d positions in %d hints, want at most %d", points, len(h.entries), maxHintPoints)
	}
	if last := h.entries[len(h.entries)-1]; last.day != 101 {
		t.Errorf("the newest hint (day 101) was dropped")
	}
}
