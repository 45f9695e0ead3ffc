package service

import (
	"context"

	"github.com/voicemap/voicemap/analysis/participation"
	"github.com/voicemap/voicemap/analysis/survey"
	"github.com/voicemap/voicemap/store"
)

// Coverage of a survey: per group, how many were invited, how many
// responded, against the place's population of the group (analysis/survey
// Coverage), under the small-number suppression rule (suppress.go).

// CoverageRow is one row of SurveyCoverage: survey.GroupCoverage with the
// counts small-number suppression withholds as nil, and every figure
// built on them withheld with them.
type CoverageRow struct {
	Group string
	// Invited and Responded are nil when withheld.
	Invited, Responded *int
	// Population is the group's recorded residents (the place's for the
	// everyone row, Group ""), nil when none is recorded: a census figure,
	// never withheld.
	Population                            *int
	ResponseRate, Reach                   *float64
	InvitedShare, RespondentShare         *float64
	PopulationShare                       *float64
	Representation, InvitedRepresentation *float64
	// Suppressed reports that a count of the row was withheld.
	Suppressed bool
}

// Coverage is the answer of SurveyCoverage.
type Coverage struct {
	// All is the row of everyone invited (Group "").
	All CoverageRow
	// Groups has one row per group tag carried by an invitee or recorded
	// in the place's population, sorted by tag.
	Groups []CoverageRow
}

// SurveyCoverage returns how far the survey reached everyone and each
// group of the survey's place. People whose consent is withdrawn are left
// out, as if never invited. A respondent is an invitee who submitted.
//
// Suppression (suppress.go, rules 1, 2 and 4): a group's invited count I_g
// is withheld when I_g or I − I_g (the invitees outside the group) is 1 to
// SuppressBelow-1; its respondents R_g when I_g is withheld or when R_g,
// I_g − R_g or R − R_g is 1 to SuppressBelow-1; every rate, share and
// ratio built on a withheld count is withheld. The everyone row is a total
// over the survey, not broken down by group, and is published whole.
// Groups overlap (a person carries several tags), so no sum of rows gives
// another; surveys of nested places are not suppressed against each other.
func (s *Service) SurveyCoverage(ctx context.Context, surveyID string) (Coverage, error) {
	return run(ctx, s, "SurveyCoverage", func(a *access) (Coverage, error) {
		sv, err := a.surveyRead(ctx, surveyID)
		if err != nil {
			return Coverage{}, err
		}
		ins, people, err := s.surveyAnswers(ctx, surveyID)
		if err != nil {
			return Coverage{}, err
		}
		invitees := make([]survey.Invitee, len(ins))
		for i, in := range ins {
			invitees[i] = survey.Invitee{Groups: people[in.PersonID].Person.Groups, Responded: in.Status == store.InvitationSubmitted}
		}
		place, err := s.st.Place(ctx, sv.PlaceID)
		if err != nil {
			return Coverage{}, err
		}
		pop := participation.Population{ByGroup: place.PopulationByGroup}
		if place.Population != nil {
			pop.Total = *place.Population
		}
		rows := suppressCoverage(survey.Coverage(invitees, pop))
		return Coverage{All: rows[0], Groups: rows[1:]}, nil
	})
}

// suppressCoverage applies the suppression of SurveyCoverage to the rows
// of survey.Coverage (the everyone row first).
func suppressCoverage(rows []survey.GroupCoverage) []CoverageRow {
	all := rows[0]
	out := make([]CoverageRow, len(rows))
	for i, r := range rows {
		invited := i == 0 || (!small(r.Invited) && !small(all.Invited-r.Invited))
		responded := i == 0 || (invited && !small(r.Responded) && !small(r.Invited-r.Responded) && !small(all.Responded-r.Responded))
		row := CoverageRow{Group: r.Group, Suppressed: !invited || !responded}
		if r.PopulationRecorded {
			row.Population, row.PopulationShare = intPtr(r.Population), r.PopulationShare
		}
		if invited {
			row.Invited, row.InvitedShare, row.InvitedRepresentation = intPtr(r.Invited), floatPtr(r.InvitedShare), r.InvitedRepresentation
		}
		if responded {
			row.Responded, row.ResponseRate, row.Reach = intPtr(r.Responded), r.ResponseRate, r.Reach
			row.RespondentShare, row.Representation = floatPtr(r.RespondentShare), r.Representation
		}
		out[i] = row
	}
	return out
}

func intPtr(n int) *int { return &n }

func floatPtr(x float64) *float64 { return &x }
