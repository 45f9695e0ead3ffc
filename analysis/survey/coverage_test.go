package survey_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/voicemap/voicemap/analysis/participation"
	"github.com/voicemap/voicemap/analysis/survey"
)

// fmtPtr renders a nullable figure to 6 decimals, "nil" for nil.
func fmtPtr(x *float64) string {
	if x == nil {
		return "nil"
	}
	return fmt.Sprintf("%.6f", *x)
}

// near reports whether a and b agree within 1e-12.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12 }

// TestCoverageHand works out the coverage of a survey of a place of 1,000
// residents, 250 of them parents, 100 young people, 50 disabled people and
// (by the record) no carers; older people are not recorded. Ten people
// were invited and six responded:
//
//	4 parents (3 responded), 1 parent and carer (responded),
//	2 young people (neither responded), 1 older person (responded),
//	2 of no group (1 responded).
//
// Everyone: rate 6/10, reach 6/1000, shares 1, ratios 1. Parents: 5
// invited, 4 responded: rate 0.8, reach 4/250 = 0.016, invited share 0.5,
// respondent share 4/6, population share 0.25: representation
// (4/6)/0.25 = 8/3, among invitees 0.5/0.25 = 2 (parents were asked, and
// answered, out of proportion). Young people: asked in proportion twice
// over (0.2/0.1 = 2) but none answered: representation 0, a non-response
// gap. Disabled people: never asked (invited share 0, representation 0
// among invitees and respondents), a coverage gap; rate undefined (nil).
// Carers: recorded as 0 residents, so the one carer who answered has no
// reach or representation (nil); older people: no record, likewise.
func TestCoverageHand(t *testing.T) {
	var invitees []survey.Invitee
	add := func(k int, responded bool, groups ...string) {
		for range k {
			invitees = append(invitees, survey.Invitee{Groups: groups, Responded: responded})
		}
	}
	add(3, true, "parent")
	add(1, false, "parent")
	add(1, true, "parent", "carer", "parent")
	add(2, false, "young person")
	add(1, true, "older person")
	add(1, true)
	add(1, false)
	pop := participation.Population{Total: 1000, ByGroup: map[string]int{"parent": 250, "young person": 100, "disabled person": 50, "carer": 0}}
	type row struct {
		group                          string
		invited, responded, population int
		recorded                       bool
		rate, reach                    string
		invShare, respShare            float64
		popShare, rep, invRep          string
	}
	want := []row{
		{"", 10, 6, 1000, true, "0.600000", "0.006000", 1, 1, "1.000000", "1.000000", "1.000000"},
		{"carer", 1, 1, 0, true, "1.000000", "nil", 0.1, 1.0 / 6, "0.000000", "nil", "nil"},
		{"disabled person", 0, 0, 50, true, "nil", "0.000000", 0, 0, "0.050000", "0.000000", "0.000000"},
		{"older person", 1, 1, 0, false, "1.000000", "nil", 0.1, 1.0 / 6, "nil", "nil", "nil"},
		{"parent", 5, 4, 250, true, "0.800000", "0.016000", 0.5, 4.0 / 6, "0.250000", "2.666667", "2.000000"},
		{"young person", 2, 0, 100, true, "0.000000", "0.000000", 0.2, 0, "0.100000", "0.000000", "2.000000"},
	}
	got := survey.Coverage(invitees, pop)
	if len(got) != len(want) {
		t.Fatalf("Coverage returned %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		t.Run("group "+w.group, func(t *testing.T) {
			g := got[i]
			if g.Group != w.group || g.Invited != w.invited || g.Responded != w.responded || g.Population != w.population ||
				g.PopulationRecorded != w.recorded || fmtPtr(g.ResponseRate) != w.rate || fmtPtr(g.Reach) != w.reach ||
				!near(g.InvitedShare, w.invShare) || !near(g.RespondentShare, w.respShare) || fmtPtr(g.PopulationShare) != w.popShare ||
				fmtPtr(g.Representation) != w.rep || fmtPtr(g.InvitedRepresentation) != w.invRep {
				t.Errorf("Coverage[%d] = %s %d %d %d %v rate %s reach %s shares %v %v pop %s rep %s invRep %s, want %+v",
					i, g.Group, g.Invited, g.Responded, g.Population, g.PopulationRecorded, fmtPtr(g.ResponseRate), fmtPtr(g.Reach),
					g.InvitedShare, g.RespondentShare, fmtPtr(g.PopulationShare), fmtPtr(g.Representation), fmtPtr(g.InvitedRepresentation), w)
			}
		})
	}
}

// TestCoverageConventions checks the edges: no one responded (no
// representation at all), the total unknown (the sum over groups is the
// denominator, as participation.Representation takes it), and nothing at
// all.
func TestCoverageConventions(t *testing.T) {
	t.Run("no respondent", func(t *testing.T) {
		got := survey.Coverage([]survey.Invitee{{Groups: []string{"parent"}}, {}}, participation.Population{Total: 100, ByGroup: map[string]int{"parent": 20}})
		p := got[1]
		if p.Group != "parent" || fmtPtr(p.ResponseRate) != "0.000000" || p.Representation != nil || fmtPtr(p.InvitedRepresentation) != "2.500000" {
			t.Errorf("Coverage(no respondent)[parent] = %+v, want rate 0, representation nil, among invitees 0.5/0.2 = 2.5", p)
		}
	})
	t.Run("total unknown", func(t *testing.T) {
		got := survey.Coverage([]survey.Invitee{{Groups: []string{"carer"}, Responded: true}, {Responded: true}},
			participation.Population{ByGroup: map[string]int{"carer": 30, "parent": 70}})
		// D = 30 + 70; carers: respondent share 1/2 over 30/100.
		c := got[1]
		if got[0].PopulationRecorded || got[0].Reach != nil || c.Group != "carer" || fmtPtr(c.PopulationShare) != "0.300000" || fmtPtr(c.Representation) != "1.666667" {
			t.Errorf("Coverage(total unknown) = %+v, %+v, want everyone unrecorded, carers share 0.3, representation 5/3", got[0], c)
		}
	})
	t.Run("empty", func(t *testing.T) {
		got := survey.Coverage(nil, participation.Population{})
		if len(got) != 1 || got[0].Invited != 0 || got[0].ResponseRate != nil || got[0].Representation != nil {
			t.Errorf("Coverage(nothing) = %+v, want one empty row", got)
		}
	})
}
