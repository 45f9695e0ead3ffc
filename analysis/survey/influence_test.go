package survey_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/survey"
)

// youthRatings are Net-Map ratings of "how much influence does X have over
// youth services?" by three young people (y1..y3) and two professionals
// (p1, p2): the young people see the council as powerful and the youth
// worker as not, the professionals the other way round.
//
//	          y1  y2  y3  p1  p2
//	council    5   4   5   2   3
//	worker     2   2   -   4   5
func youthRatings() ([]survey.Rating, map[string][]string) {
	r := func(rater, actor string, v int) survey.Rating {
		return survey.Rating{Rater: rater, Actor: actor, Over: "youth services", Value: v}
	}
	ratings := []survey.Rating{
		r("y1", "council", 5), r("y2", "council", 4), r("y3", "council", 5), r("p1", "council", 2), r("p2", "council", 3),
		r("y1", "worker", 2), r("y2", "worker", 2), r("p1", "worker", 4), r("p2", "worker", 5),
	}
	groups := map[string][]string{
		"y1": {"young person"}, "y2": {"young person"}, "y3": {"young person", "young person"},
		"p1": {"professional"}, "p2": {"professional"},
	}
	return ratings, groups
}

// summaryLine renders a summary as "n [counts] q1 median q3 iqr".
func summaryLine(s survey.Summary) string {
	return fmt.Sprintf("%d %v %g %g %g %g", s.Ratings, s.Counts, s.Q1, s.Median, s.Q3, s.IQR)
}

// TestInfluenceHand works out youthRatings by hand.
//
// Quartiles (Hyndman and Fan 7): council, all: 2 3 4 5 5 → 3, 4, 5, IQR 2;
// young people: 4 5 5 → 4.5, 5, 5, IQR 0.5; professionals: 2 3 → 2.25,
// 2.5, 2.75. Worker, all: 2 2 4 5 → 2, 3, 4.25, IQR 2.25; young people:
// 2 2 → IQR 0; professionals: 4 5 → 4.25, 4.5, 4.75.
//
// Ordinal alpha (Krippendorff 2004), the units being the two items:
//
//   - Young people: council 5 4 5, worker 2 2. Coincidences o(4,5) =
//     o(5,4) = o(5,5) = 2/2 = 1, o(2,2) = 2; n_2 = 2, n_4 = 1, n_5 = 2, n =
//     5. δ²(4,5) = (1 + 2 − 3/2)² = 2.25, δ²(2,4) = (2 + 1 − 3/2)² = 2.25,
//     δ²(2,5) = (5 − 2)² = 9. Observed Σ o δ² = 2·2.25 = 4.5; expected
//     Σ n_c n_k δ² = 2·(2·2.25 + 4·9 + 2·2.25) = 90. α = 1 − 4·4.5/90 = 0.8.
//   - Professionals: council 2 3, worker 4 5. Every value once: n_g = 1,
//     δ²(c,k) = (k − c)² in ranks. Observed 4·1 = 4, expected 2·(3·1 + 2·4
//   - 9) = 40: α = 1 − 3·4/40 = 0.7.
//   - Everyone: council 2 3 5 4 5 (weight 1/4), worker 4 5 2 2 (weight
//     1/3): n_2 = 3, n_3 = 1, n_4 = 2, n_5 = 3, n = 9; o(2,3) = 1/4,
//     o(2,4) = 11/12, o(2,5) = 7/6, o(3,4) = 1/4, o(3,5) = 1/2, o(4,5) =
//     5/6; δ² = 4, 12.25, 36, 2.25, 16, 6.25 for those pairs. Observed
//     2·68 = 136, expected 2·499.5 = 999: α = 1 − 8·136/999 = −89/999.
//     Each group agrees with itself, but the two see the board and the
//     youth worker the other way round, so together they agree less than
//     chance.
func TestInfluenceHand(t *testing.T) {
	ratings, groups := youthRatings()
	rep, err := survey.Influence(ratings, groups)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		actor, all string
		byGroup    map[string]string
	}
	items := []want{
		{"council", "5 [0 0 1 1 1 2] 3 4 5 2", map[string]string{
			"professional": "2 [0 0 1 1 0 0] 2.25 2.5 2.75 0.5", "young person": "3 [0 0 0 0 1 2] 4.5 5 5 0.5"}},
		{"worker", "4 [0 0 2 0 1 1] 2 3 4.25 2.25", map[string]string{
			"professional": "2 [0 0 0 0 1 1] 4.25 4.5 4.75 0.5", "young person": "2 [0 0 2 0 0 0] 2 2 2 0"}},
	}
	if len(rep.Items) != len(items) {
		t.Fatalf("Influence returned %d items, want %d", len(rep.Items), len(items))
	}
	for i, w := range items {
		it := rep.Items[i]
		if it.Actor != w.actor || it.Over != "youth services" || summaryLine(it.All) != w.all {
			t.Errorf("Influence item %d = %s over %s: %s, want %s over youth services: %s", i, it.Actor, it.Over, summaryLine(it.All), w.actor, w.all)
		}
		if len(it.ByGroup) != 2 || it.ByGroup[0].Group != "professional" || it.ByGroup[1].Group != "young person" {
			t.Fatalf("Influence item %d groups = %+v, want professional, young person", i, it.ByGroup)
		}
		for _, g := range it.ByGroup {
			if got := summaryLine(g.Summary); got != w.byGroup[g.Group] {
				t.Errorf("Influence %s by %s = %s, want %s", w.actor, g.Group, got, w.byGroup[g.Group])
			}
		}
	}
	agreement := []struct {
		group            string
		raters, pairable int
		alpha            float64
	}{
		{"", 5, 9, -89.0 / 999},
		{"professional", 2, 4, 0.7},
		{"young person", 3, 5, 0.8},
	}
	if len(rep.Agreement) != len(agreement) {
		t.Fatalf("Influence agreement = %+v, want %d rows", rep.Agreement, len(agreement))
	}
	for i, w := range agreement {
		a := rep.Agreement[i]
		if a.Group != w.group || a.Raters != w.raters || a.PairableValues != w.pairable || a.Alpha == nil || !near(*a.Alpha, w.alpha) {
			t.Errorf("Influence agreement[%d] = %s %d raters %d values alpha %s, want %+v", i, a.Group, a.Raters, a.PairableValues, fmtPtr(a.Alpha), w)
		}
	}
}

// TestInfluenceDeterministic shuffles the ratings and expects the same
// report, bit for bit.
func TestInfluenceDeterministic(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 3))
	var ratings []survey.Rating
	groups := map[string][]string{}
	for r := range 40 {
		rater := fmt.Sprintf("r%02d", r)
		groups[rater] = []string{[]string{"young person", "parent", "professional"}[r%3]}
		for a := range 12 {
			if rnd.IntN(3) > 0 {
				ratings = append(ratings, survey.Rating{Rater: rater, Actor: fmt.Sprintf("a%02d", a), Over: "x", Value: rnd.IntN(6)})
			}
		}
	}
	want, err := survey.Influence(ratings, groups)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		rnd.Shuffle(len(ratings), func(i, j int) { ratings[i], ratings[j] = ratings[j], ratings[i] })
		got, err := survey.Influence(ratings, groups)
		if err != nil {
			t.Fatal(err)
		}
		if render(got) != render(want) {
			t.Fatalf("Influence(shuffled) differs:\n%v\nwant\n%v", render(got), render(want))
		}
	}
}

// TestInfluenceEdges checks an undefined alpha (everyone gives the same
// rating), a rater in no group, and the errors.
func TestInfluenceEdges(t *testing.T) {
	rep, err := survey.Influence([]survey.Rating{
		{Rater: "a", Actor: "x", Value: 3}, {Rater: "b", Actor: "x", Value: 3}, {Rater: "c", Actor: "y", Value: 3},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Agreement) != 1 || rep.Agreement[0].Alpha != nil || rep.Agreement[0].PairableValues != 2 || rep.Agreement[0].Raters != 3 {
		t.Errorf("Influence(all 3) agreement = %+v, want one row, alpha nil, 2 pairable values, 3 raters", rep.Agreement)
	}
	if len(rep.Items) != 2 || len(rep.Items[0].ByGroup) != 0 || summaryLine(rep.Items[1].All) != "1 [0 0 0 1 0 0] 3 3 3 0" {
		t.Errorf("Influence(all 3) items = %+v", rep.Items)
	}
	empty, err := survey.Influence(nil, nil)
	if err != nil || len(empty.Items) != 0 || len(empty.Agreement) != 1 || empty.Agreement[0].Alpha != nil {
		t.Errorf("Influence(nothing) = %+v, %v, want no item and one empty agreement row", empty, err)
	}
	bad := []struct {
		name    string
		ratings []survey.Rating
	}{
		{"value 6", []survey.Rating{{Rater: "a", Actor: "x", Value: 6}}},
		{"value -1", []survey.Rating{{Rater: "a", Actor: "x", Value: -1}}},
		{"no rater", []survey.Rating{{Actor: "x", Value: 1}}},
		{"no actor", []survey.Rating{{Rater: "a", Value: 1}}},
		{"twice", []survey.Rating{{Rater: "a", Actor: "x", Over: "o", Value: 1}, {Rater: "a", Actor: "x", Over: "o", Value: 2}}},
	}
	for _, tt := range bad {
		if _, err := survey.Influence(tt.ratings, nil); !errors.Is(err, analysis.ErrInvalid) {
			t.Errorf("Influence(%s) error = %v, want ErrInvalid", tt.name, err)
		}
	}
}

// render prints a report with every alpha in full (%.17g), not as pointers.
func render(rep survey.InfluenceReport) string {
	s := fmt.Sprint(rep.Items)
	for _, a := range rep.Agreement {
		alpha := "nil"
		if a.Alpha != nil {
			alpha = fmt.Sprintf("%.17g", *a.Alpha)
		}
		s += fmt.Sprintf(" {%s %d %d %s}", a.Group, a.Raters, a.PairableValues, alpha)
	}
	return s
}
