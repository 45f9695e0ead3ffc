package survey_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/survey"
)

// TestKappaPublished checks Kappa on the two worked examples of the
// English Wikipedia article "Cohen's kappa": 50 applications, 20 approved
// by both readers, 5 by A only, 10 by B only, 15 by neither: p_o = 0.7,
// p_e = 0.5, κ = 0.4; and 100 items 45, 15, 25, 15: p_o = 0.6, p_e = 0.54,
// κ = 0.06/0.46 = 0.1304.
func TestKappaPublished(t *testing.T) {
	tests := []struct {
		a, b, c, d int
		want       float64
		ok         bool
	}{
		{20, 5, 10, 15, 0.4, true},
		{45, 15, 25, 15, 0.06 / 0.46, true},
		{3, 0, 0, 4, 1, true},  // perfect agreement
		{0, 5, 5, 0, -1, true}, // p_o = 0, p_e = 0.5
		{7, 0, 0, 0, 0, false}, // both say yes to everyone: p_e = 1
		{0, 0, 0, 0, 0, false}, // no one
	}
	for _, tt := range tests {
		got, ok := survey.Kappa(tt.a, tt.b, tt.c, tt.d)
		if ok != tt.ok || ok && !near(got, tt.want) {
			t.Errorf("Kappa(%d, %d, %d, %d) = %v, %v, want %v, %v", tt.a, tt.b, tt.c, tt.d, got, ok, tt.want, tt.ok)
		}
	}
}

// TestFeltVsStructuralHand works out eight respondents with the default
// cut (feels unheard: answers 1 or 2):
//
//	0 parent        1  flagged   both
//	1 parent        2  -         felt only: says not heard, the map misses it
//	2 parent        4  flagged   flagged only
//	3 parent        5  -         neither
//	4 young person  3  flagged   flagged only (3, "somewhat", is not unheard)
//	5 young person  -  flagged   unanswered
//	6 young person  1  flagged   both
//	7 carer         2  flagged   both
//
// Everyone: 7 answered, cells 3, 1, 2, 1; p_o = 4/7, p_e = (4·5 + 3·2)/49 =
// 26/49, κ = (28 − 26)/(49 − 26) = 2/23; median of 1 1 2 2 3 4 5 = 2.
// Parents: one in each cell, p_o = p_e = 1/2, κ = 0; median of 1 2 4 5 =
// 3. Young people: 2 answered, cells 1, 0, 1, 0: p_o = 1/2, p_e = (1·2 +
// 1·0)/4 = 1/2, κ = 0; median of 1 3 = 2. Carers: one, both: p_e = 1, κ
// undefined.
func TestFeltVsStructuralHand(t *testing.T) {
	rs := []survey.Respondent{
		{Groups: []string{"parent"}, Felt: 1, Flagged: true},
		{Groups: []string{"parent"}, Felt: 2},
		{Groups: []string{"parent", "parent"}, Felt: 4, Flagged: true},
		{Groups: []string{"parent"}, Felt: 5},
		{Groups: []string{"young person"}, Felt: 3, Flagged: true},
		{Groups: []string{"young person"}, Flagged: true},
		{Groups: []string{"young person"}, Felt: 1, Flagged: true},
		{Groups: []string{"carer"}, Felt: 2, Flagged: true},
	}
	got, err := survey.FeltVsStructural(rs, survey.DefaultFeltCut)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		group                                string
		answered, unanswered                 int
		both, feltOnly, flaggedOnly, neither int
		feltOnlyPeople, flaggedOnlyPeople    []int
		median, kappa                        string
	}
	want := []row{
		{"", 7, 1, 3, 1, 2, 1, []int{1}, []int{2, 4}, "2.000000", fmtPtr(ptr(2.0 / 23))},
		{"carer", 1, 0, 1, 0, 0, 0, nil, nil, "2.000000", "nil"},
		{"parent", 4, 0, 1, 1, 1, 1, []int{1}, []int{2}, "3.000000", "0.000000"},
		{"young person", 2, 1, 1, 0, 1, 0, nil, []int{4}, "2.000000", "0.000000"},
	}
	if len(got) != len(want) {
		t.Fatalf("FeltVsStructural returned %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Group != w.group || g.Answered != w.answered || g.Unanswered != w.unanswered || g.Both != w.both || g.FeltOnly != w.feltOnly ||
			g.FlaggedOnly != w.flaggedOnly || g.Neither != w.neither || !slices.Equal(g.FeltOnlyPeople, w.feltOnlyPeople) ||
			!slices.Equal(g.FlaggedOnlyPeople, w.flaggedOnlyPeople) || fmtPtr(g.MedianFelt) != w.median || fmtPtr(g.Kappa) != w.kappa {
			t.Errorf("FeltVsStructural[%d] = %+v median %s kappa %s, want %+v", i, g, fmtPtr(g.MedianFelt), fmtPtr(g.Kappa), w)
		}
	}

	// A cut of 3 counts the young person 4 as feeling unheard: both.
	got3, err := survey.FeltVsStructural(rs, 3)
	if err != nil {
		t.Fatal(err)
	}
	if g := got3[0]; g.Both != 4 || g.FlaggedOnly != 1 || !slices.Equal(g.FlaggedOnlyPeople, []int{2}) {
		t.Errorf("FeltVsStructural(cut 3)[everyone] = %+v, want both 4, flagged only 1 (respondent 2)", g)
	}
}

// ptr returns a pointer to x.
func ptr(x float64) *float64 { return &x }

// TestFeltVsStructuralInvalid checks the errors.
func TestFeltVsStructuralInvalid(t *testing.T) {
	tests := []struct {
		name string
		rs   []survey.Respondent
		cut  int
	}{
		{"cut 0", nil, 0},
		{"cut 5: no one could feel heard", nil, 5},
		{"answer 6", []survey.Respondent{{Felt: 6}}, 2},
		{"answer -1", []survey.Respondent{{Felt: -1}}, 2},
	}
	for _, tt := range tests {
		if _, err := survey.FeltVsStructural(tt.rs, tt.cut); !errors.Is(err, analysis.ErrInvalid) {
			t.Errorf("FeltVsStructural(%s) error = %v, want ErrInvalid", tt.name, err)
		}
	}
}
