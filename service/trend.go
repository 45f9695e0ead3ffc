package service

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/voicemap/voicemap/store"
)

// TrendStep is the interval between the points of a power trend.
type TrendStep string

// Trend steps.
const (
	StepMonth   TrendStep = "MONTH"
	StepQuarter TrendStep = "QUARTER"
	StepYear    TrendStep = "YEAR"
)

// MaxTrendPoints caps the points of one power trend: twenty years of months.
const MaxTrendPoints = 240

// PowerPoint is the main power indices of a scope on one date.
type PowerPoint struct {
	Date                      time.Time
	DegreeCentralization      float64
	BetweennessCentralization float64
	BetweennessGini           float64
	PageRankGini              float64
	// CommunitySeatShare is the share of decision seats held by community
	// members.
	CommunitySeatShare float64
	// UnheardVoices counts the community members who hold no decision
	// power and are ISOLATED, PERIPHERAL, SINGLE_GATEKEEPER or
	// FAR_FROM_POWER (voice.Count).
	UnheardVoices int
}

// months returns the number of months in step, 0 for an unknown step.
func (s TrendStep) months() int {
	switch s {
	case StepMonth:
		return 1
	case StepQuarter:
		return 3
	case StepYear:
		return 12
	}
	return 0
}

// TrendDates returns the dates from, from + step, from + 2·step, ... up to
// and including to, each k-th date being from plus k steps counted from
// from (not from the previous date), with the day of month clamped to the
// month's last day: monthly from 31 January gives 29 February (in a leap
// year), 31 March, 30 April, 31 May. Dates are calendar days (UTC).
// Errors: EINVALID when to is before from, the step is unknown, or there
// would be more than MaxTrendPoints dates.
func TrendDates(from, to time.Time, step TrendStep) ([]time.Time, error) {
	from, to = store.Day(from), store.Day(to)
	m := step.months()
	switch {
	case m == 0:
		return nil, store.Errorf(store.EINVALID, "unknown trend step %q, want MONTH, QUARTER or YEAR", step)
	case to.Before(from):
		return nil, store.Errorf(store.EINVALID, "to (%s) is before from (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	var dates []time.Time
	for k := 0; ; k++ {
		d := addMonths(from, k*m)
		if d.After(to) {
			return dates, nil
		}
		if len(dates) == MaxTrendPoints {
			return nil, store.Errorf(store.EINVALID, "from %s to %s by %s gives more than %d points; choose a longer step or a shorter span",
				from.Format(time.DateOnly), to.Format(time.DateOnly), step, MaxTrendPoints)
		}
		dates = append(dates, d)
	}
}

// addMonths adds k months to the day d, clamping the day of month.
func addMonths(d time.Time, k int) time.Time {
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(k), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(day, last)-1)
}

// PowerTrend returns the main power indices of the place (with its
// descendants; everything when placeID is empty) at each date of
// TrendDates(from, to, step): Freeman centralization of degree and
// betweenness, the Gini coefficients of betweenness and PageRank, the
// community members' share of decision seats, and the number of unheard
// voices. Each point reads the same cached per-date computations as
// powerConcentration and unheardVoices for that date, so a dashboard
// drawing both pays once.
//
// Errors: EINVALID as TrendDates; ENOTFOUND for an unknown place.
func (s *Service) PowerTrend(ctx context.Context, placeID string, from, to time.Time, step TrendStep) ([]PowerPoint, error) {
	return run(ctx, s, "PowerTrend", func(a *access) ([]PowerPoint, error) {
		var err error
		if placeID, err = a.place(ctx, placeID); err != nil {
			return nil, err
		}
		dates, err := TrendDates(from, to, step)
		if err != nil {
			return nil, err
		}
		// The whole trend is cached as one result as well: its points'
		// computations (about ten a date) outnumber the cache's entries
		// for a trend of a few dozen dates, which would then evict one
		// another in turn and never be found again.
		key := scopeKey(store.Scope{PlaceID: placeID}, fmt.Sprintf("power/trend/%s/%s/%s",
			dates[0].Format(time.DateOnly), dates[len(dates)-1].Format(time.DateOnly), step))
		v, err := s.cache.get(ctx, key, func(ctx context.Context) (computed, error) {
			points, err := s.powerPoints(ctx, placeID, dates)
			return computed{value: points}, err
		})
		if err != nil {
			return nil, err
		}
		return slices.Clone(v.([]PowerPoint)), nil
	})
}

// powerPoints computes PowerTrend's point at each of dates.
func (s *Service) powerPoints(ctx context.Context, placeID string, dates []time.Time) ([]PowerPoint, error) {
	out := make([]PowerPoint, 0, len(dates))
	for _, d := range dates {
		scope := store.Scope{PlaceID: placeID, AsOf: &d}
		ix, err := s.indices(ctx, scope, Accuracy{})
		if err != nil {
			return nil, err
		}
		seats, _, err := s.seatReport(ctx, scope)
		if err != nil {
			return nil, err
		}
		unheard, err := s.unheardCount(ctx, scope)
		if err != nil {
			return nil, err
		}
		out = append(out, PowerPoint{
			Date:                      d,
			DegreeCentralization:      ix.degreeCentralization,
			BetweennessCentralization: ix.betweennessCentral,
			BetweennessGini:           ix.betweennessGini,
			PageRankGini:              ix.pageRankGini,
			CommunitySeatShare:        seats.CommunityShare,
			UnheardVoices:             unheard,
		})
	}
	return out, nil
}
