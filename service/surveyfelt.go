package service

import (
	"context"
	"errors"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/survey"
	"github.com/voicemap/voicemap/store"
)

// Felt versus structural voice: respondents who say they are not heard
// against the network's unheard verdict on them (analysis/survey
// FeltVsStructural), under the small-number suppression rule.

// FeltRow is one row of SurveyFeltVoice: survey.FeltVoice with its counts,
// median and kappa nil when withheld, and the people of the two cells of
// disagreement (by id) for the everyone row, for roles that read
// person-level data.
type FeltRow struct {
	Group                                                      string
	Answered, Unanswered, Both, FeltOnly, FlaggedOnly, Neither *int
	MedianFelt, Kappa                                          *float64
	Suppressed                                                 bool
	// FeltOnlyIDs are the respondents who feel unheard whom the network
	// does not flag: what the map misses; FlaggedOnlyIDs the reverse.
	FeltOnlyIDs, FlaggedOnlyIDs []string
}

// SurveyFeltVoice compares, for everyone (Group "", first) and per group of
// respondents, the submitted answers to "how much do you feel your voice is
// heard on decisions that affect you?" (feels unheard at 1 or 2,
// survey.DefaultFeltCut) with the network's unheard verdict
// (UnheardVoices) on the survey's place. The verdict on each respondent is
// the network's as of the day they submitted (store.Day of SubmittedAt, in
// UTC): what they said is set against the network they were in when they
// said it, not against one changed since (a tie or seat recorded after,
// perhaps because of what they said). With asOf, every respondent is set
// against the network as of that one day instead (today's network:
// asOf today). People whose consent is withdrawn are left out; a
// respondent outside the network is not flagged.
//
// Suppression: the everyone row is a total, published whole; a group's row
// is withheld whole (its counts, median and kappa) unless every count in
// it, and the answered respondents outside it, is 0 or at least
// SuppressBelow: the four cells add up to the answered, so one withheld
// cell could be recovered from the others. The people of the cells of
// disagreement are named in the everyone row only, and only to roles that
// read person-level data.
func (s *Service) SurveyFeltVoice(ctx context.Context, surveyID string, asOf *time.Time) ([]FeltRow, error) {
	return run(ctx, s, "SurveyFeltVoice", func(a *access) ([]FeltRow, error) {
		sv, err := a.surveyRead(ctx, surveyID)
		if err != nil {
			return nil, err
		}
		ins, people, err := s.surveyAnswers(ctx, surveyID)
		if err != nil {
			return nil, err
		}
		flaggedOn := map[time.Time]map[string]bool{}
		var rs []survey.Respondent
		var who []string
		for _, in := range ins {
			if in.Status != store.InvitationSubmitted || in.SubmittedAt == nil {
				continue
			}
			day := store.Day(*in.SubmittedAt)
			if asOf != nil {
				day = store.Day(*asOf)
			}
			flagged, ok := flaggedOn[day]
			if !ok {
				if flagged, err = s.unheardOn(ctx, sv.PlaceID, day); err != nil {
					return nil, err
				}
				flaggedOn[day] = flagged
			}
			rs = append(rs, survey.Respondent{Groups: people[in.PersonID].Person.Groups, Felt: in.Felt, Flagged: flagged[in.PersonID]})
			who = append(who, in.PersonID)
		}
		rows, err := survey.FeltVsStructural(rs, survey.DefaultFeltCut)
		if errors.Is(err, analysis.ErrInvalid) {
			return nil, store.Errorf(store.EINTERNAL, "the stored answers of survey %q are invalid", surveyID)
		} else if err != nil {
			return nil, err
		}
		out := suppressFelt(rows)
		if a.personLevel() {
			out[0].FeltOnlyIDs, out[0].FlaggedOnlyIDs = pick(who, rows[0].FeltOnlyPeople), pick(who, rows[0].FlaggedOnlyPeople)
			a.act.add(out[0].FeltOnlyIDs...)
			a.act.add(out[0].FlaggedOnlyIDs...)
		}
		return out, nil
	})
}

// unheardOn returns the people UnheardVoices flags in the place as of the
// day (cached per place and day, as every analysis).
func (s *Service) unheardOn(ctx context.Context, placeID string, day time.Time) (map[string]bool, error) {
	rep, err := s.voices(ctx, store.Scope{PlaceID: placeID, AsOf: &day}, Accuracy{})
	if err != nil {
		return nil, err
	}
	flagged := map[string]bool{}
	for _, v := range rep.voices {
		if v.Unheard() {
			flagged[v.ID] = true
		}
	}
	return flagged, nil
}

// suppressFelt applies the suppression of SurveyFeltVoice to the rows of
// survey.FeltVsStructural (the everyone row first).
func suppressFelt(rows []survey.FeltVoice) []FeltRow {
	all := rows[0]
	out := make([]FeltRow, len(rows))
	for i, r := range rows {
		row := FeltRow{Group: r.Group, FeltOnlyIDs: []string{}, FlaggedOnlyIDs: []string{}}
		row.Suppressed = i > 0 && (small(r.Answered) || small(r.Unanswered) || small(r.Both) || small(r.FeltOnly) ||
			small(r.FlaggedOnly) || small(r.Neither) || small(all.Answered-r.Answered))
		if !row.Suppressed {
			row.Answered, row.Unanswered, row.Both = intPtr(r.Answered), intPtr(r.Unanswered), intPtr(r.Both)
			row.FeltOnly, row.FlaggedOnly, row.Neither = intPtr(r.FeltOnly), intPtr(r.FlaggedOnly), intPtr(r.Neither)
			row.MedianFelt, row.Kappa = r.MedianFelt, r.Kappa
		}
		out[i] = row
	}
	return out
}

// pick returns ids at the indices.
func pick(ids []string, at []int) []string {
	out := make([]string, len(at))
	for i, j := range at {
		out[i] = ids[j]
	}
	return out
}
