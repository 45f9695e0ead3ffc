package service

import (
	"context"
	"time"

	"github.com/voicemap/voicemap/analysis/participation"
	"github.com/voicemap/voicemap/store"
)

// RelationshipQuality counts the ties of a scope (unordered pairs of actors
// joined by at least one relationship active on the date) by quality, each
// count with its share of Ties (participation.RelationshipQuality).
type RelationshipQuality struct {
	// AsOf is the date to which open-ended relationships are measured.
	AsOf time.Time
	// LongLivedDays is the threshold of a long-lived tie.
	LongLivedDays int
	Ties          int
	Records       int

	Reciprocal, OneWay           int
	ReciprocalShare, OneWayShare float64
	BothWays, MutualKind         int

	LongLived, ShortLived, UnknownDuration                int
	LongLivedShare, ShortLivedShare, UnknownDurationShare float64

	Multiplex, SingleKind           int
	MultiplexShare, SingleKindShare float64
}

// RelationshipQuality reports how many of the scope's ties are reciprocal
// (recorded both ways, or of a mutual kind: KNOWS, WORKS_WITH,
// PARTNERS_WITH), long-lived (active for at least
// participation.LongLivedDays = 365 days), and multiplex (more than one
// kind joins the pair), against one-way, short or undated, and single-kind
// ties. A tie's duration runs from its Since to the earlier of its Until
// and the as-of date; with no asOf the scope holds every relationship
// whatever its dates, and durations run to today (UTC), which is then part
// of the cache key so that a cached answer does not outlive its day.
// Errors: ENOTFOUND for an unknown place.
func (s *Service) RelationshipQuality(ctx context.Context, scope store.Scope) (RelationshipQuality, error) {
	return run(ctx, s, "RelationshipQuality", func(a *access) (RelationshipQuality, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return RelationshipQuality{}, err
		}
		asOf := store.Day(time.Now())
		key := scopeKey(scope, "quality")
		if scope.AsOf != nil {
			asOf = store.Day(*scope.AsOf)
		} else {
			key.op += "/" + asOf.Format(time.DateOnly)
		}
		v, err := s.cache.get(ctx, key, func(ctx context.Context) (computed, error) {
			nw, err := s.network(ctx, scope)
			if err != nil {
				return computed{}, err
			}
			// The cached network keeps no ties: read them again.
			net, err := s.st.Network(ctx, scope)
			if err != nil {
				return computed{}, err
			}
			net = withoutWithdrawn(net)
			rels := make([]participation.Relationship, len(net.Ties))
			for i, t := range net.Ties {
				since, until := t.Dates()
				rels[i] = participation.Relationship{From: net.ActorID(int(t.From)), To: net.ActorID(int(t.To)), Kind: string(t.RelKind()), Since: since, Until: until}
			}
			q := participation.RelationshipQuality(rels, asOf)
			return nw.computed(RelationshipQuality{
				AsOf: asOf, LongLivedDays: participation.LongLivedDays,
				Ties: q.Ties, Records: q.Records,
				Reciprocal: q.Reciprocal, OneWay: q.OneWay,
				ReciprocalShare: q.ReciprocalShare, OneWayShare: q.OneWayShare,
				BothWays: q.BothWays, MutualKind: q.MutualKind,
				LongLived: q.Long, ShortLived: q.Short, UnknownDuration: q.Unknown,
				LongLivedShare: q.LongShare, ShortLivedShare: q.ShortShare, UnknownDurationShare: q.UnknownShare,
				Multiplex: q.Multiplex, SingleKind: q.SingleKind,
				MultiplexShare: q.MultiplexShare, SingleKindShare: q.SingleKindShare,
			}), nil
		})
		if err != nil {
			return RelationshipQuality{}, err
		}
		return v.(RelationshipQuality), nil
	})
}
