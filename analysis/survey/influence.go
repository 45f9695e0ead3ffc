package survey

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/analysis"
)

// The influence scale of Net-Map's influence towers: "how much influence
// does X have over Y?", from 0 (none) to 5 (the most).
const (
	InfluenceMin = 0
	InfluenceMax = 5
)

// Rating is one rater's answer to "how much influence does Actor have over
// Over?". Over names the goal, decision or group the question is about
// ("" when the survey asks about influence in general); Actor and Over
// together are the item rated.
type Rating struct {
	Rater string
	Actor string
	Over  string
	Value int
}

// Summary describes the ratings of one item, by everyone or by one group
// of raters.
type Summary struct {
	// Ratings is the number of ratings, Counts how many gave each value
	// 0..5: the ratings given, without who gave them.
	Ratings int
	Counts  [InfluenceMax + 1]int
	// Median, Q1 and Q3 are the quartiles of the ratings (see Quantile);
	// IQR = Q3 − Q1, the spread of the middle half, is how far the raters
	// disagree: 0 when at least half of them gave the same value in the
	// middle, 5 at most.
	Median, Q1, Q3, IQR float64
}

// GroupSummary is the Summary of one item by the raters of one group.
type GroupSummary struct {
	Group string
	Summary
}

// ItemInfluence is how many people see the influence of one actor over one
// subject.
type ItemInfluence struct {
	Actor, Over string
	// All summarises every rating of the item.
	All Summary
	// ByGroup summarises the ratings by the raters of each group, sorted
	// by group; a group none of whose raters rated the item is left out.
	ByGroup []GroupSummary
}

// RaterAgreement is Krippendorff's ordinal alpha among a set of raters
// (Group "" for every rater) over every item they rated.
type RaterAgreement struct {
	Group string
	// Raters counts the raters of the group who gave at least one rating,
	// PairableValues the ratings of items that at least two of them rated
	// (the n of Alpha).
	Raters, PairableValues int
	// Alpha is nil when it is undefined (see Alpha).
	Alpha *float64
}

// InfluenceReport is the result of Influence.
type InfluenceReport struct {
	// Items are sorted by Actor, then Over.
	Items []ItemInfluence
	// Agreement has one row for every rater (Group "") and one per group
	// of raters, sorted by group.
	Agreement []RaterAgreement
}

// Influence summarises the influence ratings of a survey: for each item
// (an actor over a subject) the ratings given, their median and quartiles,
// and the interquartile range as the raters' disagreement on it, for
// everyone and by group of raters (how young people rate the council
// against how professionals do); and, across items, Krippendorff's alpha
// with the ordinal metric (see Alpha), the agreement of the raters beyond
// chance, for everyone and within each group. The ratings are ordinal
// (Net-Map's influence towers are compared by height, not measured;
// Schiffer and Hauck 2010), so the summaries are order statistics and
// alpha uses the ordinal metric, not means and differences of values.
//
// raterGroups gives the labels by which raters are grouped, for example
// their group tags and, for professionals, a label of the caller's choice;
// a rater absent from it belongs to no group, and a rater in several
// groups counts in each.
//
// A value outside 0..5, an empty Rater or Actor, or a rater rating the
// same item twice gives an error wrapping analysis.ErrInvalid.
func Influence(ratings []Rating, raterGroups map[string][]string) (InfluenceReport, error) {
	type item struct{ actor, over string }
	seen := make(map[[3]string]bool, len(ratings))
	values := make(map[item]map[string][]int) // item → group → values ("" all)
	byRater := make(map[string]map[item]int)
	for i, r := range ratings {
		switch {
		case r.Value < InfluenceMin || r.Value > InfluenceMax:
			return InfluenceReport{}, fmt.Errorf("%w: survey: rating %d has value %d, want %d to %d", analysis.ErrInvalid, i, r.Value, InfluenceMin, InfluenceMax)
		case r.Rater == "" || r.Actor == "":
			return InfluenceReport{}, fmt.Errorf("%w: survey: rating %d has no rater or no actor", analysis.ErrInvalid, i)
		case seen[[3]string{r.Rater, r.Actor, r.Over}]:
			return InfluenceReport{}, fmt.Errorf("%w: survey: rating %d: rater %q rates actor %q over %q twice", analysis.ErrInvalid, i, r.Rater, r.Actor, r.Over)
		}
		seen[[3]string{r.Rater, r.Actor, r.Over}] = true
		it := item{r.Actor, r.Over}
		if values[it] == nil {
			values[it] = make(map[string][]int)
		}
		for _, g := range groupsOf(r.Rater, raterGroups) {
			values[it][g] = append(values[it][g], r.Value)
		}
		if byRater[r.Rater] == nil {
			byRater[r.Rater] = make(map[item]int)
		}
		byRater[r.Rater][it] = r.Value
	}

	var rep InfluenceReport
	for it, groups := range values {
		ii := ItemInfluence{Actor: it.actor, Over: it.over, All: summarise(groups[""])}
		for g, vs := range groups {
			if g != "" {
				ii.ByGroup = append(ii.ByGroup, GroupSummary{Group: g, Summary: summarise(vs)})
			}
		}
		slices.SortFunc(ii.ByGroup, func(a, b GroupSummary) int { return cmp.Compare(a.Group, b.Group) })
		rep.Items = append(rep.Items, ii)
	}
	slices.SortFunc(rep.Items, func(a, b ItemInfluence) int {
		return cmp.Or(cmp.Compare(a.Actor, b.Actor), cmp.Compare(a.Over, b.Over))
	})

	// Agreement: the units are the items, the values those of the raters
	// of the group.
	raters := make(map[string][]string) // group → raters
	for rater := range byRater {
		for _, g := range groupsOf(rater, raterGroups) {
			raters[g] = append(raters[g], rater)
		}
	}
	for g, rs := range raters {
		slices.Sort(rs)
		perItem := make(map[item][]int)
		for _, rater := range rs {
			for it, v := range byRater[rater] {
				perItem[it] = append(perItem[it], v)
			}
		}
		items := make([]item, 0, len(perItem))
		for it := range perItem {
			items = append(items, it)
		}
		slices.SortFunc(items, func(a, b item) int { return cmp.Or(cmp.Compare(a.actor, b.actor), cmp.Compare(a.over, b.over)) })
		var units [][]int // in item order, so that sums are taken in one order
		pairable := 0
		for _, it := range items {
			vs := perItem[it]
			units = append(units, vs)
			if len(vs) >= 2 {
				pairable += len(vs)
			}
		}
		ra := RaterAgreement{Group: g, Raters: len(rs), PairableValues: pairable}
		if a, ok := Alpha(units, Ordinal); ok {
			ra.Alpha = &a
		}
		rep.Agreement = append(rep.Agreement, ra)
	}
	if len(rep.Agreement) == 0 {
		rep.Agreement = []RaterAgreement{{}}
	}
	slices.SortFunc(rep.Agreement, func(a, b RaterAgreement) int { return cmp.Compare(a.Group, b.Group) })
	return rep, nil
}

// groupsOf returns "" (everyone) and the distinct non-empty groups of rater.
func groupsOf(rater string, raterGroups map[string][]string) []string {
	gs := append([]string{""}, raterGroups[rater]...)
	slices.Sort(gs)
	gs = slices.Compact(gs)
	return gs
}

// summarise returns the Summary of values (at least one).
func summarise(values []int) Summary {
	var s Summary
	xs := make([]float64, len(values))
	for i, v := range values {
		s.Counts[v]++
		xs[i] = float64(v)
	}
	slices.Sort(xs)
	s.Ratings = len(xs)
	s.Q1, s.Median, s.Q3 = Quantile(xs, 0.25), Quantile(xs, 0.5), Quantile(xs, 0.75)
	s.IQR = s.Q3 - s.Q1
	return s
}
