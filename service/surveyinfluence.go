package service

import (
	"context"
	"errors"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/survey"
	"github.com/voicemap/voicemap/store"
)

// Influence as many see it: the ratings a survey's respondents gave of how
// much influence each listed actor has (analysis/survey Influence), for
// everyone and by the raters' groups, under the small-number suppression
// rule (suppress.go).

// InfluenceItem is how the respondents see the influence of one actor.
type InfluenceItem struct {
	ActorID string
	Over    string
	// All summarises every rating of the actor: a figure over all raters,
	// not broken down by group, published whole.
	All survey.Summary
	// ByGroup summarises the ratings by the raters of each group, sorted
	// by group.
	ByGroup []GroupRatings
}

// GroupRatings is the summary of an actor's ratings by one group of
// raters; Summary is nil when withheld.
type GroupRatings struct {
	Group      string
	Summary    *survey.Summary
	Suppressed bool
}

// RaterAgreement is Krippendorff's ordinal alpha among the raters of one
// group (Group "" for all raters); Raters, PairableValues and Alpha are
// nil when withheld.
type RaterAgreement struct {
	Group                  string
	Raters, PairableValues *int
	Alpha                  *float64
	Suppressed             bool
}

// Influence is the answer of SurveyInfluence.
type Influence struct {
	// Items are sorted by actor id.
	Items     []InfluenceItem
	Agreement []RaterAgreement
}

// SurveyInfluence returns the influence ratings of a survey's submitted
// responses, summarised per rated actor for everyone and by group of
// raters (their group tags), with the raters' agreement. Ratings by people
// whose consent is withdrawn, and of such people, are left out before
// anything is computed; the actors who are people are left out of the
// items for a role that may not read person-level data (their ratings
// still count in the agreement, a figure over all items).
//
// Suppression (rules 1, 2 and 4 of suppress.go): a group's summary of an
// actor is withheld when the group's ratings of it, or the ratings by
// raters outside the group, number 1 to SuppressBelow-1; a group's
// agreement row when its raters, or the raters outside it, do.
func (s *Service) SurveyInfluence(ctx context.Context, surveyID string) (Influence, error) {
	return run(ctx, s, "SurveyInfluence", func(a *access) (Influence, error) {
		sv, err := a.surveyRead(ctx, surveyID)
		if err != nil {
			return Influence{}, err
		}
		ins, actors, err := s.surveyAnswers(ctx, surveyID)
		if err != nil {
			return Influence{}, err
		}
		var ratings []survey.Rating
		groups := map[string][]string{}
		for _, in := range ins {
			if in.Status != store.InvitationSubmitted {
				continue
			}
			groups[in.PersonID] = actors[in.PersonID].Person.Groups
			for _, r := range in.Ratings {
				if act, ok := actors[r.ActorID]; ok && !actorWithdrawn(act) {
					ratings = append(ratings, survey.Rating{Rater: in.PersonID, Actor: r.ActorID, Over: sv.InfluenceOver, Value: r.Value})
				}
			}
		}
		rep, err := survey.Influence(ratings, groups)
		if errors.Is(err, analysis.ErrInvalid) {
			return Influence{}, store.Errorf(store.EINTERNAL, "the stored ratings of survey %q are invalid", surveyID)
		} else if err != nil {
			return Influence{}, err
		}
		out := Influence{Items: []InfluenceItem{}, Agreement: suppressAgreement(rep.Agreement)}
		for _, it := range rep.Items {
			if act := actors[it.Actor]; act.Person != nil && !a.personLevel() {
				continue
			}
			item := InfluenceItem{ActorID: it.Actor, Over: it.Over, All: it.All, ByGroup: []GroupRatings{}}
			for _, g := range it.ByGroup {
				row := GroupRatings{Group: g.Group, Suppressed: small(g.Ratings) || small(it.All.Ratings-g.Ratings)}
				if !row.Suppressed {
					sum := g.Summary
					row.Summary = &sum
				}
				item.ByGroup = append(item.ByGroup, row)
			}
			out.Items = append(out.Items, item)
		}
		return out, nil
	})
}

// suppressAgreement withholds the agreement rows of small groups of raters
// (the everyone row, Group "", first when there is one).
func suppressAgreement(rows []survey.RaterAgreement) []RaterAgreement {
	all := 0
	for _, r := range rows {
		if r.Group == "" {
			all = r.Raters
		}
	}
	out := make([]RaterAgreement, len(rows))
	for i, r := range rows {
		row := RaterAgreement{Group: r.Group, Suppressed: r.Group != "" && (small(r.Raters) || small(all-r.Raters))}
		if !row.Suppressed {
			row.Raters, row.PairableValues, row.Alpha = intPtr(r.Raters), intPtr(r.PairableValues), r.Alpha
		}
		out[i] = row
	}
	return out
}
