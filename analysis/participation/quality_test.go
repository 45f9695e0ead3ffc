package participation_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis/participation"
)

func TestTies(t *testing.T) {
	asOf := day(t, "2024-01-01")
	type rel = participation.Relationship
	type tie = participation.Tie
	const (
		long    = participation.LifespanLong
		short   = participation.LifespanShort
		unknown = participation.LifespanUnknown
	)
	tests := []struct {
		name string
		rels []rel
		want []tie
	}{
		{
			// KNOWS is mutual: one record makes the tie reciprocal.
			// 2023-01-01 → 2024-01-01 is exactly 365 days: long-lived.
			name: "mutual kind, exactly a year",
			rels: []rel{{ID: "r1", From: "b", To: "a", Kind: "KNOWS", Since: dayp(t, "2023-01-01")}},
			want: []tie{{A: "a", B: "b", Records: 1, Kinds: []string{"KNOWS"}, MutualKind: true, Reciprocal: true,
				Days: 365, Lifespan: long}},
		},
		{
			// ADVISES is directional, recorded both ways: reciprocal by
			// direction; one kind. A day short of a year: 364 days, short.
			name: "both directions, a day short",
			rels: []rel{
				{ID: "r1", From: "a", To: "b", Kind: "ADVISES", Since: dayp(t, "2023-01-02")},
				{ID: "r2", From: "b", To: "a", Kind: "ADVISES", Since: dayp(t, "2023-06-01")},
			},
			want: []tie{{A: "a", B: "b", Records: 2, Kinds: []string{"ADVISES"}, BothWays: true, Reciprocal: true,
				Days: 364, Lifespan: short}},
		},
		{
			// FUNDS one way: not reciprocal. Two FUNDS records the same way
			// are still one-way and single-kind. No Since: unknown.
			name: "one-way, unknown duration",
			rels: []rel{
				{ID: "r1", From: "funder", To: "club", Kind: "FUNDS"},
				{ID: "r2", From: "funder", To: "club", Kind: "FUNDS"},
			},
			want: []tie{{A: "club", B: "funder", Records: 2, Kinds: []string{"FUNDS"}, Days: -1, Lifespan: unknown}},
		},
		{
			// Until ends the tie before asOf: 2020-01-01 → 2020-12-31 is
			// 365 days (2020 is a leap year), long; to 2020-12-30 is 364,
			// short.
			name: "until bounds the duration",
			rels: []rel{
				{ID: "r1", From: "a", To: "b", Kind: "REFERS_TO", Since: dayp(t, "2020-01-01"), Until: dayp(t, "2020-12-31")},
				{ID: "r2", From: "c", To: "d", Kind: "REFERS_TO", Since: dayp(t, "2020-01-01"), Until: dayp(t, "2020-12-30")},
			},
			want: []tie{
				{A: "a", B: "b", Records: 1, Kinds: []string{"REFERS_TO"}, Days: 365, Lifespan: long},
				{A: "c", B: "d", Records: 1, Kinds: []string{"REFERS_TO"}, Days: 364, Lifespan: short},
			},
		},
		{
			// A pair with a long record is long whatever its undated
			// records; a pair whose dated records are short but which has
			// an undated one is unknown (it may be older than recorded).
			// Different kinds between a pair: multiplex, kinds sorted.
			name: "mixed dates, multiplex",
			rels: []rel{
				{ID: "r1", From: "a", To: "b", Kind: "WORKS_WITH", Since: dayp(t, "2015-03-01")},
				{ID: "r2", From: "b", To: "a", Kind: "EMPLOYED_BY"},
				{ID: "r3", From: "c", To: "d", Kind: "MEMBER_OF", Since: dayp(t, "2023-12-01")},
				{ID: "r4", From: "c", To: "d", Kind: "REPRESENTS"},
			},
			want: []tie{
				{A: "a", B: "b", Records: 2, Kinds: []string{"EMPLOYED_BY", "WORKS_WITH"}, BothWays: true, MutualKind: true,
					Reciprocal: true, Days: 3228, Lifespan: long, Multiplex: true},
				{A: "c", B: "d", Records: 2, Kinds: []string{"MEMBER_OF", "REPRESENTS"}, Days: 31, Lifespan: unknown,
					Multiplex: true},
			},
		},
		{
			// A self-loop is no tie; a tie starting after asOf lasts 0 days.
			name: "self-loop and future start",
			rels: []rel{
				{ID: "r1", From: "a", To: "a", Kind: "KNOWS"},
				{ID: "r2", From: "a", To: "b", Kind: "PARTNERS_WITH", Since: dayp(t, "2024-02-01")},
			},
			want: []tie{{A: "a", B: "b", Records: 1, Kinds: []string{"PARTNERS_WITH"}, MutualKind: true, Reciprocal: true,
				Days: 0, Lifespan: short}},
		},
		{
			name: "none",
			want: []tie{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := participation.Ties(tt.rels, asOf)
			if !slices.EqualFunc(got, tt.want, sameTie) {
				t.Errorf("Ties(%s) = %+v, want %+v", tt.name, got, tt.want)
			}
		})
	}
}

func sameTie(a, b participation.Tie) bool {
	return reflect.DeepEqual(a, b)
}

func TestRelationshipQuality(t *testing.T) {
	asOf := day(t, "2024-01-01")
	type rel = participation.Relationship
	tests := []struct {
		name string
		rels []rel
		asOf time.Time
		want participation.QualityReport
	}{
		{
			// Four ties from five records:
			//   {a,b}: a→b ADVISES, b→a ADVISES since 2020 — both ways,
			//          long (1461 days), single kind;
			//   {a,c}: a→c KNOWS since 2023-06-01 — mutual kind, 214 days,
			//          and a→c FUNDS undated — multiplex; a short dated
			//          record beside an undated one → unknown;
			//   {b,d}: b→d FUNDS since 2022-01-01 — one-way, long (730);
			//   {c,d}: d→c REFERS_TO since 2023-12-31 — one-way, short (1).
			// Reciprocal 2 (both ways 1, mutual kind 1), one-way 2;
			// long 2, short 1, unknown 1; multiplex 1, single 3.
			name: "four ties",
			rels: []rel{
				{ID: "1", From: "a", To: "b", Kind: "ADVISES", Since: dayp(t, "2020-01-01")},
				{ID: "2", From: "b", To: "a", Kind: "ADVISES", Since: dayp(t, "2020-01-01")},
				{ID: "3", From: "a", To: "c", Kind: "KNOWS", Since: dayp(t, "2023-06-01")},
				{ID: "4", From: "a", To: "c", Kind: "FUNDS"},
				{ID: "5", From: "b", To: "d", Kind: "FUNDS", Since: dayp(t, "2022-01-01")},
				{ID: "6", From: "d", To: "c", Kind: "REFERS_TO", Since: dayp(t, "2023-12-31")},
			},
			asOf: asOf,
			want: participation.QualityReport{
				Ties: 4, Records: 6,
				Reciprocal: 2, OneWay: 2, ReciprocalShare: 0.5, OneWayShare: 0.5,
				BothWays: 1, MutualKind: 1,
				Long: 2, Short: 1, Unknown: 1, LongShare: 0.5, ShortShare: 0.25, UnknownShare: 0.25,
				Multiplex: 1, SingleKind: 3, MultiplexShare: 0.25, SingleKindShare: 0.75,
			},
		},
		{
			// No relationships: every share is 0, not NaN.
			name: "empty",
			asOf: asOf,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := participation.RelationshipQuality(tt.rels, tt.asOf)
			if got != tt.want {
				t.Errorf("RelationshipQuality(%s) = %+v, want %+v", tt.name, got, tt.want)
			}
		})
	}
}
