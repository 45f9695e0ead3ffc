package participation_test

import (
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/participation"
)

func TestNothingAboutUsWithoutUs(t *testing.T) {
	type ex = participation.Exclusion
	tests := []struct {
		name  string
		scope func() participation.Scope
		want  []ex
	}{
		{
			// village (representation_test.go): the board affects parents
			// (p1 and p2 sit on it: fine) and young people (none there:
			// excluded); the panel affects carers, and carer p2 sits on the
			// board but not the panel (excluded: seats elsewhere do not
			// count); the workshop decides nothing and is never listed.
			name:  "village",
			scope: village,
			want:  []ex{{ForumID: "board", Group: "young person"}, {ForumID: "panel", Group: "carer"}},
		},
		{
			// p3 (young person) is consulted on the board: present but not
			// deciding. p2 joins the panel at CO_PRODUCE: the panel
			// complies.
			name: "consulted is not deciding",
			scope: func() participation.Scope {
				s := village()
				s.Participations = append(s.Participations,
					part("p3", "board", ladder.Consult, ladder.Idea),
					part("p3", "board", ladder.Inform, ladder.Idea),
					part("p2", "panel", ladder.CoProduce, ladder.Design))
				return s
			},
			want: []ex{{ForumID: "board", Group: "young person", Present: 1}},
		},
		{
			// A parents' organisation leading the forum is not a parent;
			// a forum with nobody in it is listed for each group it affects
			// (deduplicated, sorted); a professional carer sharing the
			// decision is a member of the group and satisfies it.
			name: "organisations and empty forums",
			scope: func() participation.Scope {
				return participation.Scope{
					People:        []participation.Person{professional("nurse", "carer")},
					Organisations: []string{"parents-forum"},
					Forums: []participation.Forum{
						decides("school", "parent"),
						decides("empty", "young person", "carer", "young person"),
						decides("clinic", "carer"),
					},
					Participations: []participation.Participation{
						part("parents-forum", "school", ladder.Lead, ladder.Idea),
						part("nurse", "clinic", ladder.CoProduce, ladder.Idea),
					},
				}
			},
			want: []ex{
				{ForumID: "empty", Group: "carer"},
				{ForumID: "empty", Group: "young person"},
				{ForumID: "school", Group: "parent"},
			},
		},
		{
			name:  "nothing",
			scope: func() participation.Scope { return participation.Scope{} },
			want:  []ex{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := participation.NothingAboutUsWithoutUs(tt.scope())
			if got == nil || !slices.Equal(got, tt.want) {
				t.Errorf("NothingAboutUsWithoutUs(%s) = %+v, want %+v", tt.name, got, tt.want)
			}
		})
	}
}
